"""The analyze report reads as sentences and numbered tables: basins, the start and the
portrait name fixed points by the numbers of the fixed-point table."""

import subprocess
import sys

import pytest

from twinflames.analysis import basins, fixed_points, from_function, phase_portrait
from twinflames.analysis import report as words


def double_well():
    # dx/dt = x - x^3, dy/dt = -y: stable nodes at x = -1 and +1, a saddle at 0.
    return from_function(lambda x: [x[0] - x[0] ** 3, -x[1]], ("x", "y"), {}, box=(-1.0, 3.0))


def test_basins_are_named_by_the_number_of_their_fixed_point():
    system = double_well()
    points = fixed_points(system)
    res = basins(system, samples=100, duration=30, seed=1, points=points).to_dict()
    numbers = {a["fixed_point"]: a["state"]["x"] for a in res["attractors"]}
    # the table is sorted by x: #1 is -1, #2 the saddle, #3 is +1
    assert numbers == {1: pytest.approx(-1.0), 3: pytest.approx(1.0)}


def test_a_start_still_creeping_towards_a_stable_point_counts_for_it():
    # dx/dt = -0.2 x: over the second half of a 30-unit run x still shrinks by 5% of where it
    # started (not settled), yet it ends within 2% of the box of 0; it must count for the
    # stable point at 0, not be reported as a separate "unsettled" attractor beside it
    slow = from_function(lambda x: [-0.2 * x[0], -x[1]], ("x", "y"), {}, box=(-0.01, 0.01))
    res = basins(slow, samples=20, duration=30, seed=0).to_dict()
    assert [a["kind"] for a in res["attractors"]] == ["equilibrium"]
    assert res["attractors"][0]["still_approaching"] == 20


def test_numbers_are_fixed_format_and_root_finder_leftovers_are_zero():
    assert words.number(4.774e-11) == "0"
    assert words.number(0.06634) == "0.06634"
    assert words.number(1080.4) == "1080"
    assert words.number(-0.5) == "-0.5"


def test_the_portrait_draws_the_basins_when_asked():
    system = double_well()
    points = fixed_points(system)
    res = basins(system, samples=50, duration=30, seed=1, points=points)
    with_basins = phase_portrait(system, points=points, basins=res)
    without = phase_portrait(system, points=points)
    dots = len(with_basins.axes[0].collections) - len(without.axes[0].collections)
    assert dots == len(res.labels)
    labels = [t.get_text() for t in with_basins.axes[0].texts]
    assert labels == ["1 stable node", "2 saddle", "3 stable node"]
    assert "x" in with_basins.axes[0].get_xlabel()


def test_analyze_speaks_in_sentences_not_dicts():
    proc = subprocess.run([sys.executable, "-m", "twinflames.cli", "analyze", "rinaldi",
                           "--preset", "synergic-couple", "--basins", "60"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "{" not in text and "settles on unsettled" not in text
    assert "settles at fixed point 1 (a stable node)" in text
    assert "end at fixed point 3 (a stable node)" in text
    assert "e-" not in text  # no scientific notation for ordinary values
    assert max(len(line) for line in text.splitlines()) <= 80


def test_early_warning_sentences_say_when_they_rest_on_few_stretches():
    report = {"early_warnings": {"runs": 5, "ends": 3, "controls": 4, "span": 120.0,
                                 "threshold": 0.3, "hit_rate": {"variance": 0.5, "ac1": None},
                                 "false_alarm_rate": {"variance": 0.25, "ac1": None}}}
    lines = words.warning_sentences(report)
    assert any("before 50% of the ends and in 25% of the controls" in line for line in lines)
    assert any("too few stretches to say" in line for line in lines)
    assert any("fewer than 20 stretches" in line for line in lines)
