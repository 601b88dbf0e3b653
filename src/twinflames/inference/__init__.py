"""Where am I in the dynamic? Phase inference from the journal, what-if forecasts, guidance.

A particle filter whose particles are dyads stepped by the project's own engine
(:func:`twinflames.engine.step.step_batch`); see docs/inference.md::

    from twinflames.inference import example_entries, infer
    result = infer(entries, seed=1)          # entries: journal records, Entry objects or dicts
    result.to_json(), result.to_dataframe()
    result.forecast(vs=["me=current", "me=guided"], days=90, runs=1000)
    update(result, entries_now)              # tomorrow: only the new days, same answer
    infer(example_entries())                 # the synthetic example shipped with the package
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

# loaded on first use: `twinflames journal add` imports the inference commands and must not
# pay for the compiled engine
_HOMES = {"infer": "filter", "update": "filter", "ForecastResult": "forecast",
          "InferenceResult": "result", "example_entries": "example", "example_truth": "example"}

__all__ = ["ForecastResult", "InferenceResult", "example_entries", "example_truth", "infer",
           "update"]


__getattr__ = lazy_exports(__name__, _HOMES, globals())


if TYPE_CHECKING:
    from .example import example_entries, example_truth
    from .filter import infer, update
    from .forecast import ForecastResult
    from .result import InferenceResult
