"""The NumPy-vectorised engine (the benchmark baseline) agrees with the compiled kernel.

The compiled kernel and the pure-Python reference are compared dyad by dyad, bit for bit, in
test_engine.py. The vectorised engine re-implements event choice and classification of the fixed
step with array operations, so it is held to the compiled fixed step's statistics instead:
outcome frequencies and mean days in each phase equal within sampling error, for every preset.
(The event-driven integrator is held to the fixed 15-minute step in test_steps.py.)
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import twinflames as tf
from twinflames.model import layout as L

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_steps as bs  # noqa: E402

RUNS = 3000
MAX_DAYS = 1095

SCRIPT = """
import json, sys
import numpy as np
import twinflames as tf
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import seed_keys
from twinflames.engine.vectorised import run_vectorised
from twinflames.model import layout as L
runs, max_days = int(sys.argv[1]), float(sys.argv[2])
found = {}
for name in tf.preset_names():
    sc = tf.load(name).with_changes(dt_hours=24)
    sc = sc.with_changes(days=min(sc.days, max_days))
    key, pkey = seed_keys(sc.seed)
    dyads = np.arange(runs, dtype=np.int64)
    states, params = pack_many(sc, dyads, pkey)
    final, days = run_vectorised(states, params, key, dyads, sc.n_steps, sc.dt)
    found[name] = {"outcome": final[:, L.PHASE].tolist(), "days": days.tolist()}
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def vectorised():
    env = {**os.environ, "NUMBA_DISABLE_JIT": "1"}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(RUNS), str(MAX_DAYS)], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _within_sampling_error(a: np.ndarray, b: np.ndarray, what: str) -> None:
    se = np.sqrt(a.var() / a.size + b.var() / b.size)
    assert abs(a.mean() - b.mean()) <= 4 * se + 1e-9, (what, a.mean(), b.mean(), se)


@pytest.mark.parametrize("name", tf.preset_names())
def test_vectorised_engine_matches_compiled_statistics(vectorised, name):
    sc = tf.load(name).with_changes(dt_hours=24)
    sc = sc.with_changes(days=min(sc.days, MAX_DAYS))
    compiled = bs.fixed_summary(sc, RUNS)
    found = vectorised[name]
    outcome = np.array(found["outcome"])
    for code, label in enumerate(L.OUTCOMES):
        _within_sampling_error((outcome == code).astype(float),
                               (compiled["outcome"] == label).to_numpy(float), label)
    days = np.array(found["days"])
    for code, phase in enumerate(L.PHASES):
        _within_sampling_error(days[:, code], compiled[f"days_{phase}"].to_numpy(), phase)
