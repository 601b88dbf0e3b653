"""twinflames: the twin-flame runner–chaser dynamic as a dynamical system.

Public API::

    import twinflames as tf
    run = tf.simulate("classic", seed=1)
    ens = tf.ensemble("classic", runs=1000)
    cmp = tf.compare("classic", ["b=anxious", "b=guided"], runs=1000)
    grid = tf.sweep("classic", ["chase_pressure=0.1:0.5:5"], runs=500)   # an xarray Dataset
    print(tf.tell(run)); tf.plot_run(run, "run.png")   # views draw results; results stay data
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

# where each public name lives; modules load on first use, so light commands (the journal)
# start without importing the compiled engine, pandas or scipy
_HOMES = {
    "sweep": "analysis", "save_sweep": "analysis",
    "simulate": "api", "ensemble": "api", "compare": "api",
    "InputError": "errors",
    "Dyad": "model.params", "Model": "model.params", "Policy": "model.params",
    "Twin": "model.params",
    "policy": "model.policies",
    "Distribution": "model.scenario", "Scenario": "model.scenario",
    "ComparisonResult": "results", "EnsembleResult": "results", "SimulationResult": "results",
    "load": "scenarios", "preset_names": "scenarios", "presets": "scenarios",
    "plot_run": "plots", "Story": "story", "tell": "story",
}


__getattr__ = lazy_exports(__name__, _HOMES, globals())


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .analysis import save_sweep, sweep
    from .api import compare, ensemble, simulate
    from .errors import InputError
    from .model.params import Dyad, Model, Policy, Twin
    from .model.policies import policy
    from .model.scenario import Distribution, Scenario
    from .plots import plot_run
    from .results import ComparisonResult, EnsembleResult, SimulationResult
    from .scenarios import load, preset_names, presets
    from .story import Story, tell

__version__ = "0.1.0"

__all__ = [
    "ComparisonResult", "Distribution", "Dyad", "EnsembleResult", "InputError", "Model",
    "Policy", "Scenario", "SimulationResult", "Story", "Twin", "compare", "ensemble", "load",
    "plot_run", "policy", "preset_names", "presets", "save_sweep", "simulate", "sweep", "tell",
]
