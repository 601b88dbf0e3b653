"""Are big steps as accurate as fine ones? Every preset at candidate steps against a 15-minute
reference: outcome frequencies, mean days in each phase and the paired compare differences.

Run:  .venv/bin/python benchmarks/bench_steps.py                    (all presets, 3,000 dyads)
      .venv/bin/python benchmarks/bench_steps.py --presets classic,wildfire --runs 1000
      .venv/bin/python benchmarks/bench_steps.py --steps 24,6 --max-days 365
      .venv/bin/python benchmarks/bench_steps.py --fixed --steps 24,2   (fixed steps, as before)

The candidate steps run the engine's event-driven integrator (what ``twinflames ensemble`` runs;
``--fixed``: the fixed steps of ``engine.step.step_dyad`` instead). The reference is the fixed
15-minute step, the engine's default until 0.1.0 was 1 hour. It is the expensive part (96 steps
a day): one preset of 3,000 dyads over three years is about 3e8 dyad-steps per arm. Reference
figures are kept in ``$TMPDIR/twinflames-bench-steps`` under a key that includes the fixed
step's and the model's source, so trying other steps later reuses them.

A figure *agrees* when the difference between the step and the reference is within ``Z_MAX``
standard errors (two independent samples: a different step walks different random numbers). The
compare differences are those of ``twinflames compare``: the same dyads under the preset's own
choice for twin b and under the other choice (``guided`` against ``anxious``), per dyad, then
averaged; their step-to-reference differences are held to the same bound.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

import twinflames as tf
from twinflames.api import parse_arm
from twinflames.engine.kernels import SUMMARY, summarise_batch
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import seed_keys
from twinflames.model import layout as L
from twinflames.model.scenario import Scenario

REFERENCE_HOURS = 0.25
Z_MAX = 4.0  # the bound the engines' agreement tests use (tests/test_engines_agree.py)
SEED = 20261201
SOURCE = Path(tf.__file__).parent
CACHE = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "twinflames-bench-steps"


@dataclass(frozen=True)
class Agreement:
    """How far one step's figures are from the reference's, in standard errors."""

    preset: str
    dt_hours: float
    worst_outcome: tuple[str, float, float, float]  # (outcome, z, at the step, reference)
    worst_days: tuple[str, float, float, float]  # (phase, z, at the step, reference)
    worst_compare: tuple[str, float, float, float]  # (paired difference, z, step, reference)
    seconds: float

    @property
    def agrees(self) -> bool:
        return max(abs(self.worst_outcome[1]), abs(self.worst_days[1]),
                   abs(self.worst_compare[1])) <= Z_MAX


def figures(summary: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per-dyad figures: one 0/1 column per outcome and days in each phase."""
    out = {f"outcome {o}": (summary["outcome"] == o).to_numpy(float) for o in L.OUTCOMES}
    out |= {f"days {p}": summary[f"days_{p}"].to_numpy() for p in L.PHASES}
    return out


def z_score(a: np.ndarray, b: np.ndarray) -> float:
    """Difference of the means of ``a`` and ``b`` in standard errors (0 when both are constant
    and equal)."""
    se = np.sqrt(a.var() / a.size + b.var() / b.size)
    diff = a.mean() - b.mean()
    if se == 0.0:
        return 0.0 if abs(diff) < 1e-12 else np.inf
    return float(diff / se)


def worst(pairs: dict[str, tuple[np.ndarray, np.ndarray]]
          ) -> tuple[str, float, float, float]:
    """The figure whose two samples differ most: its name, z and the two means."""
    scores = {k: z_score(a, b) for k, (a, b) in pairs.items()}
    name = max(scores, key=lambda k: abs(scores[k]))
    a, b = pairs[name]
    return name, scores[name], float(a.mean()), float(b.mean())


def other_arm(sc: Scenario) -> str:
    """The compare arm for twin b: ``guided`` unless b already follows it, then ``anxious``."""
    return "b=anxious" if sc.b.policy.name.startswith("guided") else "b=guided"


def fixed_summary(sc: Scenario, runs: int) -> pd.DataFrame:
    """The ensemble's table of dyads ``0 .. runs - 1`` of ``sc`` with fixed steps."""
    key, param_key = seed_keys(sc.seed)
    dyads = np.arange(runs, dtype=np.int64)
    states, params = pack_many(sc, dyads, param_key)
    table = pd.DataFrame(summarise_batch(states, params, key, dyads, sc.n_steps, sc.dt, False),
                         columns=list(SUMMARY))
    table["outcome"] = [L.OUTCOMES[int(c)] for c in table["outcome"]]
    return table


def runs_of(sc: Scenario, runs: int, dt_hours: float, fixed: bool = False) -> tuple[dict, dict]:
    """Figures of the preset and of its compare arm on the same dyads at step ``dt_hours``,
    with the engine's integrator or (``fixed``) with fixed steps."""
    arm = sc.with_changes(parse_arm(other_arm(sc)))
    both = (s.with_changes(seed=SEED, dt_hours=dt_hours) for s in (sc, arm))
    if fixed:
        return tuple(figures(fixed_summary(s, runs)) for s in both)
    return tuple(figures(tf.ensemble(s, runs, progress=False).summary) for s in both)


def cached_reference(sc: Scenario, runs: int) -> tuple[dict, dict]:
    """:func:`runs_of` at the fixed reference step, kept on disk under a key of the scenario,
    the sizes and the source of the fixed step and the model."""
    digest = hashlib.sha256(f"{sc.model_dump_json()} {runs} {REFERENCE_HOURS} {SEED}".encode())
    sources = [SOURCE / "engine" / f for f in ("step.py", "rng.py", "pack.py")]
    for path in sources + sorted((SOURCE / "model").glob("*.py")):
        digest.update(path.read_bytes())
    path = CACHE / f"{sc.name}-{digest.hexdigest()[:16]}.npz"
    if path.exists():
        with np.load(path) as f:
            return ({k[5:]: f[k] for k in f.files if k.startswith("base ")},
                    {k[4:]: f[k] for k in f.files if k.startswith("alt ")})
    base, alt = runs_of(sc, runs, REFERENCE_HOURS, fixed=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(path, **{f"base {k}": v for k, v in base.items()},
             **{f"alt {k}": v for k, v in alt.items()})
    return base, alt


def agreement(name: str, runs: int, steps: list[float], max_days: float | None = None,
              cache: bool = True, fixed: bool = False) -> list[Agreement]:
    """One row per step in ``steps``: the preset's worst disagreements with the fixed 15-minute
    reference (kept on disk unless ``cache`` is false); ``fixed`` runs the steps fixed too."""
    sc = tf.load(name)
    if max_days is not None:
        sc = sc.with_changes(days=min(sc.days, max_days))
    ref_base, ref_alt = (cached_reference(sc, runs) if cache
                         else runs_of(sc, runs, REFERENCE_HOURS, fixed=True))
    ref_diff = {k: ref_alt[k] - ref_base[k] for k in ref_base}
    rows = []
    for dt in steps:
        t = time.perf_counter()
        base, alt = runs_of(sc, runs, dt, fixed)
        seconds = time.perf_counter() - t
        diff = {k: alt[k] - base[k] for k in base}
        rows.append(Agreement(
            preset=name, dt_hours=dt,
            worst_outcome=worst({k: (base[k], ref_base[k]) for k in base if k[0] == "o"}),
            worst_days=worst({k: (base[k], ref_base[k]) for k in base if k[0] == "d"}),
            worst_compare=worst({k: (diff[k], ref_diff[k]) for k in diff}),
            seconds=seconds))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3000)
    parser.add_argument("--steps", default="24", help="candidate steps in hours")
    parser.add_argument("--presets", default=",".join(tf.preset_names()))
    parser.add_argument("--max-days", type=float, default=None,
                        help="shorten long presets to this horizon")
    parser.add_argument("--fixed", action="store_true",
                        help="run the candidate steps with fixed steps instead of the engine's "
                             "integrator")
    args = parser.parse_args()
    steps = [float(s) for s in args.steps.split(",")]
    print(f"{'fixed steps' if args.fixed else 'event-driven integrator'} at the steps; "
          f"{args.runs:,} dyads per preset and arm, seed {SEED}, reference step "
          f"{REFERENCE_HOURS * 60:.0f} min; |z| <= {Z_MAX:g} agrees")
    print("each cell: the worst figure of its kind, its value at the step and at the reference,"
          " and z")
    print(f"{'preset':<23} {'step':>5} | {'worst outcome':<34} | {'worst days in a phase':<40} "
          f"| {'worst compare difference':<40} | {'s':>5} | verdict")
    for name in args.presets.split(","):
        for r in agreement(name, args.runs, steps, args.max_days, fixed=args.fixed):
            cells = [f"{k} {a:.3g} vs {b:.3g} ({z:+.1f})"
                     for k, z, a, b in (r.worst_outcome, r.worst_days, r.worst_compare)]
            print(f"{r.preset:<23} {r.dt_hours:>4g}h | {cells[0]:<34} | {cells[1]:<40} | "
                  f"{cells[2]:<40} | {r.seconds:>5.1f} | {'agrees' if r.agrees else 'DIFFERS'}",
                  flush=True)


if __name__ == "__main__":
    main()
