"""Analyses built on ensembles: parameter sweeps."""

from .sweep import parse_grid, save_sweep, sweep

__all__ = ["parse_grid", "save_sweep", "sweep"]
