"""The classic models and the analyze command from the command line (a real subprocess)."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest


def run(*args):
    return subprocess.run([sys.executable, "-m", "twinflames.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_simulate_strogatz_as_in_the_issue(tmp_path):
    out = tmp_path / "traj.csv"
    proc = run("simulate", "strogatz", "--set", "a=0", "--set", "b=1", "--set", "c=-1",
               "--set", "d=0", "--init", "R=1,J=0", "--days", "20", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["t", "R", "J"] and frame["t"].iloc[-1] == pytest.approx(20)
    # R = cos t, J = -sin t
    assert frame["R"].to_numpy() == pytest.approx(np.cos(frame["t"]), abs=1e-7)
    assert frame["J"].to_numpy() == pytest.approx(-np.sin(frame["t"]), abs=1e-7)


def test_analyze_json_lists_fixed_points_and_draws_the_portrait(tmp_path):
    png = tmp_path / "p.png"
    proc = run("analyze", "strogatz", "--json", "--plot", str(png))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    (point,) = data["fixed_points"]
    assert set(point) >= {"state", "eigenvalues", "kind"}
    assert point["kind"] == "centre" and point["state"] == {"R": 0.0, "J": 0.0}
    assert sorted(e[1] for e in point["eigenvalues"]) == pytest.approx([-1, 1])
    assert data["from_start"]["period"] == pytest.approx(2 * np.pi, rel=1e-4)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_analyze_scan_and_basins(tmp_path):
    proc = run("analyze", "rinaldi", "--preset", "synergic-couple", "--basins", "60",
               "--scan", "A1=0.05:1:5", "--json", "--plot", str(tmp_path / "scan.png"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["basins"]["attractors"]) == 2
    assert data["bifurcation"]["transitions"]  # the bistable pair is lost as appeal grows
    assert (tmp_path / "scan.png").stat().st_size > 10_000


@pytest.mark.parametrize("args, words", [
    (("analyze", "romeo"), "unknown model or scenario"),
    (("analyze", "strogatz", "--set", "e=1"), "e: unknown parameter"),
    (("analyze", "strogatz", "--scan", "a=1:1:5"), "range is empty"),
    (("analyze", "strogatz", "--scan", "a=-500:0:5"), "from -100 to 100"),
    (("simulate", "strogatz", "--init", "R=1,J=0,K=2"), "K: unknown variable"),
    (("simulate", "classic", "--init", "R=1"), "--init: allowed only for the classic"),
    (("simulate", "felmlee", "--set", "a1=lots"), "a1 = 'lots'"),
    (("analyze", "gottman", "--sobol", "a=0:1"), "allowed only for runner-chaser"),
])
def test_bad_input_is_one_line_and_exit_code_2(args, words):
    proc = run(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], proc.stderr


def test_analyze_takes_the_same_policy_shorthand_as_simulate():
    proc = run("analyze", "classic", "--set", "b=guided", "--starts", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["parameters"]["b.policy"] == "guided"
