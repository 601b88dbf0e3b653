"""Analyses: parameter sweeps of ensembles, and the dynamical-systems toolkit (fixed points,
phase portraits, bifurcation scans, attractors, early warnings, Sobol sensitivity) for the
classic models and the runner-chaser model's deterministic skeleton."""

from .attractors import Basins, basins, cycle_period, lyapunov, nearest_fixed_point, settle
from .bifurcation import Scan, parse_range, scan
from .early_warning import Indicators, indicators
from .fixed_points import FixedPoint, classify, fixed_points, jacobian
from .portrait import phase_portrait
from .runner_warnings import WarningCheck, check_runner_warnings
from .sensitivity import SobolResult, flagship_sobol, parse_bounds, sobol_indices
from .skeleton import skeleton
from .sweep import parse_grid, save_sweep, sweep
from .system import System, from_function
from .targets import system_of

__all__ = [
    "Basins", "FixedPoint", "Indicators", "Scan", "SobolResult", "System", "WarningCheck",
    "basins", "check_runner_warnings", "classify", "cycle_period", "fixed_points",
    "flagship_sobol", "from_function", "indicators", "jacobian", "lyapunov",
    "nearest_fixed_point", "parse_bounds", "parse_grid", "parse_range", "phase_portrait",
    "save_sweep", "scan", "settle", "skeleton",
    "sobol_indices", "sweep", "system_of",
]
