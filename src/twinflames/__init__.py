"""twinflames: the twin-flame runner–chaser dynamic as a dynamical system.

Public API::

    import twinflames as tf
    run = tf.simulate("classic", seed=1)
    ens = tf.ensemble("classic", runs=1000)
    cmp = tf.compare("classic", ["b=anxious", "b=guided"], runs=1000)
    grid = tf.sweep("classic", ["chase_pressure=0.1:0.5:5"], runs=500)   # an xarray Dataset
"""

from .analysis import save_sweep, sweep
from .api import compare, ensemble, simulate
from .errors import InputError
from .model.params import Dyad, Model, Policy, Twin
from .model.policies import policy
from .model.scenario import Distribution, Scenario
from .results import ComparisonResult, EnsembleResult, SimulationResult
from .scenarios import load, preset_names, presets

__version__ = "0.1.0"

__all__ = [
    "ComparisonResult", "Distribution", "Dyad", "EnsembleResult", "InputError", "Model",
    "Policy", "Scenario", "SimulationResult", "Twin", "compare", "ensemble", "load", "policy",
    "preset_names", "presets", "save_sweep", "simulate", "sweep",
]
