"""Simulated dyadic series of the runner–chaser model for fitting it: the fitted parameters,
their prior, the engine run that turns parameters into both twins' daily well-being, and the
summaries the fit compares.

Each simulated dyad starts from a preset scenario with the fitted parameters replaced, runs
day by day through :func:`twinflames.engine.step.step_batch` and is observed as each twin's
daily well-being plus rating noise. Dyad ``i`` uses the engine's random stream ``i``, so a
reference table is the same however it is split into chunks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from ..engine.kernels import start
from ..engine.pack import column, pack
from ..engine.rng import seed_keys, uniforms_for
from ..engine.step import step_batch
from ..errors import InputError
from ..model import layout as L
from ..scenarios import presets

#: fitted parameter -> (scenario path, prior low, prior high); uniform priors
PARAMETERS = {
    "healing_rate_0": (("a", "healing_rate"), 0.0, 0.01),
    "healing_rate_1": (("b", "healing_rate"), 0.0, 0.01),
    "self_love_practice_0": (("a", "self_love_practice"), 0.0, 0.03),
    "self_love_practice_1": (("b", "self_love_practice"), 0.0, 0.03),
}
PRIOR_STREAM = 0xF17A  # uniforms for prior draws: stream PRIOR_STREAM + parameter index
NOISE_STREAM = 0xF17B


@dataclass(frozen=True)
class Design:
    """What is simulated: the preset the dyads start from, days observed, rating noise.

    A design is the simulator of an ABC fit (:mod:`twinflames.fit.flagship`): it names the
    fitted parameters and their prior, and turns parameters into summaries. This one observes
    both twins' daily well-being; :class:`twinflames.fit.journal_sim.JournalDesign` observes
    one twin's journal.
    """

    preset: str = "classic"
    days: int = 180
    noise: float = 0.03
    parameters: ClassVar[dict] = PARAMETERS

    def __post_init__(self):
        check_design(self.preset, self.days)
        if not 0 < self.noise <= 0.5:
            raise InputError(f"--noise: {self.noise}; allowed: more than 0, at most 0.5")

    def names(self) -> list[str]:
        """The fitted parameters' names."""
        return list(self.parameters)

    def bounds(self) -> np.ndarray:
        """Prior ranges, shape ``(P, 2)``."""
        return bounds(self.parameters)

    def draw_prior(self, ids: np.ndarray, seed: int) -> np.ndarray:
        """Prior draws for dyads ``ids``, shape ``(N, P)``."""
        return draw_prior(ids, seed, self.parameters)

    def observe(self, theta: np.ndarray, ids: np.ndarray, seed: int) -> np.ndarray:
        """Summaries of the simulated dyads' observed series, shape ``(N, S)``."""
        return summaries(simulate(theta, ids, seed, self))


def check_design(preset: str, days: int) -> None:
    """Refuse an unknown preset or a length outside 30..3650 days."""
    names_ = [s.name for s in presets()]
    if preset not in names_:
        raise InputError(f"--preset: {preset!r}; allowed: one of {', '.join(names_)}")
    if not 30 <= days <= 3650:
        raise InputError(f"data: {days} days per dyad; allowed: 30 to 3650 days "
                         "(the flagship fit needs a month at least)")


def names(parameters: dict = PARAMETERS) -> list[str]:
    """The fitted parameters' names."""
    return list(parameters)


def bounds(parameters: dict = PARAMETERS) -> np.ndarray:
    """Prior ranges, shape ``(P, 2)``."""
    return np.array([[lo, hi] for _, lo, hi in parameters.values()])


def draw_prior(ids: np.ndarray, seed: int, parameters: dict = PARAMETERS) -> np.ndarray:
    """Prior draws for dyads ``ids``, shape ``(N, P)``; dyad ``i`` always gets the same draw."""
    _, param_key = seed_keys(seed)
    b = bounds(parameters)
    u = np.stack([uniforms_for(param_key, ids, PRIOR_STREAM + j) for j in range(len(b))],
                 axis=1)
    return b[:, 0] + (b[:, 1] - b[:, 0]) * u


def run(theta: np.ndarray, ids: np.ndarray, seed: int, preset: str, days: int,
        parameters: dict, columns: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Run dyads of ``preset`` with the fitted ``parameters`` set to ``theta``, day by day.

    Parameters
    ----------
    theta : numpy.ndarray
        Fitted parameters per dyad, shape ``(N, P)`` in ``parameters`` order.
    ids : numpy.ndarray
        Dyad identities (random streams), shape ``(N,)``.
    seed : int
        Master seed of the engine's streams.
    preset, days :
        The scenario the dyads start from and the days run.
    parameters : dict
        Fitted parameter -> (scenario path, prior low, prior high).
    columns : list of int
        State columns to record after each day's step.

    Returns
    -------
    states : numpy.ndarray
        Shape ``(N, len(columns), days)``.
    events : numpy.ndarray
        Each twin's event of the day (``EV_NONE`` when none), shape ``(N, 2, days)``.
    """
    scenario = next(s for s in presets() if s.name == preset)
    x0, p0 = pack(scenario)
    n = len(ids)
    states, params = np.tile(x0, (n, 1)), np.tile(p0, (n, 1))
    for j, (path, _, _) in enumerate(parameters.values()):
        where, col = column(path)
        (states if where == "state" else params)[:, col] = theta[:, j]
    for i in range(n):
        start(states[i], params[i])
    key, _ = seed_keys(seed)
    forced = np.full((n, 2), L.EV_NONE, np.int64)
    events, logp, flags = np.empty((n, 2), np.int64), np.empty(n), np.empty(n, np.int64)
    record = np.empty((n, len(columns), days))
    seen = np.empty((n, 2, days), np.int64)
    ids = np.asarray(ids, np.int64)
    for k in range(days):
        step_batch(states, params, key, ids, k, 1.0, forced, events, logp, flags)
        record[:, :, k] = states[:, columns]
        seen[:, :, k] = events
    return record, seen


def simulate(theta: np.ndarray, ids: np.ndarray, seed: int, design: Design) -> np.ndarray:
    """Both twins' observed daily well-being, shape ``(N, 2, days)``.

    Parameters
    ----------
    theta : numpy.ndarray
        Fitted parameters per dyad, shape ``(N, P)`` in :data:`PARAMETERS` order.
    ids : numpy.ndarray
        Dyad identities (random streams), shape ``(N,)``.
    seed : int
        Master seed of the engine's streams.
    design : Design
    """
    out, _ = run(theta, ids, seed, design.preset, design.days, design.parameters,
                 [L.WELLBEING, L.TWIN_STATE_SIZE + L.WELLBEING])
    _, param_key = seed_keys(seed)
    ids = np.asarray(ids, np.int64)
    # rating noise from its own stream per dyad and day (Box–Muller on two uniforms)
    for k in range(design.days):
        u1 = uniforms_for(param_key, ids, NOISE_STREAM + 2 * k)
        u2 = uniforms_for(param_key, ids, NOISE_STREAM + 2 * k + 1)
        r = np.sqrt(-2 * np.log(np.maximum(u1, 1e-300)))
        out[:, 0, k] += design.noise * r * np.cos(2 * np.pi * u2)
        out[:, 1, k] += design.noise * r * np.sin(2 * np.pi * u2)
    return out


def summaries(y: np.ndarray) -> np.ndarray:
    """Summary statistics of observed series, shape ``(N, S)``: per twin the mean of each
    third, the spread, lag-1 and lag-7 autocorrelation; the twins' correlation and lag-1
    cross-correlations both ways.

    Parameters
    ----------
    y : numpy.ndarray
        Shape ``(N, 2, T)``, no missing values.
    """
    T = y.shape[2]
    thirds = [y[:, :, i * T // 3:(i + 1) * T // 3].mean(axis=2) for i in range(3)]
    centred = y - y.mean(axis=2, keepdims=True)
    sd = centred.std(axis=2) + 1e-12

    def corr(a, b, lag):
        return (a[:, lag:] * b[:, :T - lag]).mean(axis=1) / (
            a.std(axis=1) * b.std(axis=1) + 1e-12)

    acf = [corr(centred[:, k], centred[:, k], lag) for k in (0, 1) for lag in (1, 7)]
    cross = [corr(centred[:, 0], centred[:, 1], 0), corr(centred[:, 0], centred[:, 1], 1),
             corr(centred[:, 1], centred[:, 0], 1)]
    return np.column_stack(thirds[0].T.tolist() + [t for th in thirds[1:] for t in th.T]
                           + list(sd.T) + acf + cross)
