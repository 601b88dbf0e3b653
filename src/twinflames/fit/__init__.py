"""Fit models to dyadic time series: rties' inertia–coordination and coupled-oscillator
models, latent profiles of dyads, Gottman–Murray's difference equations and the runner–chaser
model itself (see docs/fitting.md)::

    from twinflames import fit
    res = fit.ic(df, dyad="couple", person="person", time="time", value="dial",
                 distinguisher="female", lag=2, compat="rties")
    res.table, res.summary(), res.to_json()
    fit.clo(df, ..., taus=(2, 3), embeds=(3, 4))
    fit.profiles(res.table)                  # Gaussian mixtures, K by BIC
    fit.flagship_journal(journal.list())     # one person's parameters from their journal
    fit.example_dyads()                      # the synthetic example shipped with the package

The functions share their modules' names (``fit.ic`` is the function; the module is
``twinflames.fit.ic``), so they are imported here, once; the heavy libraries (scikit-learn,
statsmodels, the engine) load only when a fit needs them.
"""

from .clo import clo
from .example import example_dyads
from .flagship import flagship
from .flagship_journal import flagship_journal
from .gottman import gottman
from .ic import ic
from .panel import panel
from .profiles import profiles
from .result import FitResult

__all__ = ["FitResult", "clo", "example_dyads", "flagship", "flagship_journal", "gottman", "ic",
           "panel", "profiles"]
