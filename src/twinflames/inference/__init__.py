"""Where am I in the dynamic? Phase inference from the journal, what-if forecasts, guidance.

A particle filter whose particles are dyads stepped by the project's own engine
(:func:`twinflames.engine.step.step_batch`); see docs/inference.md::

    from twinflames.inference import infer
    result = infer(entries, seed=1)          # entries: journal records, Entry objects or dicts
    result.to_json(), result.to_dataframe()
    result.forecast(vs=["me=current", "me=guided"], days=90, runs=1000)
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

# loaded on first use: `twinflames journal add` imports this package's commands and must not
# pay for the compiled engine
_HOMES = {"infer": "filter", "ForecastResult": "forecast", "InferenceResult": "result"}

__all__ = ["ForecastResult", "InferenceResult", "infer"]


__getattr__ = lazy_exports(__name__, _HOMES, globals())


if TYPE_CHECKING:
    from .filter import infer
    from .forecast import ForecastResult
    from .result import InferenceResult
