"""The analysis toolkit on systems whose answers are known in closed form."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twinflames.analysis import (
    basins,
    check_runner_warnings,
    classify,
    fixed_points,
    flagship_sobol,
    from_function,
    indicators,
    lyapunov,
    parse_range,
    phase_portrait,
    scan,
    settle,
    sobol_indices,
    system_of,
)
from twinflames.analysis.plots import plot_scan
from twinflames.errors import InputError


def linear(x, a, b, c, d):
    return [a * x[0] + b * x[1], c * x[0] + d * x[1]]


@pytest.mark.parametrize("coeffs, kind", [
    ((1, 0, 0, -1), "saddle"), ((-1, 0, 0, -2), "stable node"), ((1, 0, 0, 2), "unstable node"),
    ((-0.1, 1, -1, -0.1), "stable spiral"), ((0.1, 1, -1, 0.1), "unstable spiral"),
    ((0, 1, -1, 0), "centre")])
def test_fixed_point_kinds_of_linear_flows(coeffs, kind):
    system = from_function(linear, ("x", "y"), dict(zip("abcd", coeffs, strict=True)))
    (point,) = fixed_points(system)
    assert point.kind == kind and point.state == pytest.approx([0, 0], abs=1e-9)


def test_map_kinds_use_the_unit_circle():
    assert classify(np.array([0.5, -0.9]), "map") == ("stable node", True)
    assert classify(np.array([0.5, 1.5]), "map") == ("saddle", False)
    assert classify(np.array([0.6 + 0.6j, 0.6 - 0.6j]), "map") == ("stable spiral", True)


def test_many_starts_find_every_equilibrium_of_a_double_well():
    # dx/dt = x - x^3, dy/dt = -y: saddle at 0, stable nodes at +-1.
    system = from_function(lambda x: [x[0] - x[0] ** 3, -x[1]], ("x", "y"), {})
    points = fixed_points(system)
    assert [round(p.state[0], 9) for p in points] == [-1, 0, 1]
    assert [p.kind for p in points] == ["stable node", "saddle", "stable node"]


def test_basin_sizes_of_a_double_well_match_the_geometry():
    # Starts with x > 0 go to +1, x < 0 to -1; on the box [-1, 3] that is 3/4 and 1/4.
    system = from_function(lambda x: [x[0] - x[0] ** 3, -x[1]], ("x", "y"), {},
                           box=(-1.0, 3.0))
    res = basins(system, samples=200, duration=30, seed=1).to_dict()
    shares = {round(a["state"]["x"]): a["fraction"] for a in res["attractors"]}
    assert shares[1] == pytest.approx(0.75, abs=0.08)
    assert shares[-1] == pytest.approx(0.25, abs=0.08)


def test_lorenz_has_a_positive_lyapunov_exponent_and_a_stable_spiral_a_negative_one():
    # Lorenz (sigma 10, rho 28, beta 8/3): largest exponent about 0.906 (Sprott 2003,
    # Chaos and Time-Series Analysis). A linear stable spiral: exponent = its real part.
    lorenz = from_function(
        lambda x, s, r, b: [s * (x[1] - x[0]), x[0] * (r - x[2]) - x[1], x[0] * x[1] - b * x[2]],
        ("x", "y", "z"), {"s": 10.0, "r": 28.0, "b": 8 / 3}, start=[1.0, 1.0, 1.0])
    assert lyapunov(lorenz, duration=100) == pytest.approx(0.906, abs=0.1)
    spiral = from_function(linear, ("x", "y"), {"a": -0.25, "b": 1, "c": -1, "d": -0.25},
                           start=[1.0, 0.0])
    assert lyapunov(spiral, duration=40, transient=0) == pytest.approx(-0.25, abs=0.01)


def hopf(x, mu):
    r2 = x[0] ** 2 + x[1] ** 2
    return [mu * x[0] - x[1] - x[0] * r2, x[0] + mu * x[1] - x[1] * r2]


def test_scan_finds_the_hopf_birth_of_a_cycle_with_radius_sqrt_mu():
    # Hopf normal form: for mu > 0 a stable cycle of radius sqrt(mu) and period 2 pi.
    system = from_function(hopf, ("x", "y"), {"mu": -0.45}, start=[0.3, 0.0])
    res = scan(system, "mu", np.linspace(-0.45, 0.45, 10), starts=4)
    births = [t for t in res.transitions if t["event"] == "hopf"]
    assert len(births) == 1 and births[0]["between"][0] < 0 < births[0]["between"][1]
    cycles = res.table[res.table["object"] == "cycle"]
    assert np.all(cycles["value"] > 0)
    assert cycles["x_max"].to_numpy() == pytest.approx(np.sqrt(cycles["value"]), rel=1e-3)
    assert cycles["period"].to_numpy() == pytest.approx(2 * np.pi, rel=1e-3)
    assert plot_scan(res) is not None


def test_scan_reports_a_fold_when_equilibria_change_number():
    # dx/dt = r + x^2, dy/dt = -y: two equilibria for r < 0, none for r > 0.
    system = from_function(lambda x, r: [r + x[0] ** 2, -x[1]], ("x", "y"), {"r": -1.0})
    res = scan(system, "r", np.linspace(-1, 0.6, 5), starts=8)
    folds = [t for t in res.transitions if t["event"] == "equilibria change"]
    assert len(folds) == 1 and folds[0]["between"] == pytest.approx([-0.2, 0.2])
    assert "2 -> 0" in folds[0]["detail"]


@pytest.mark.parametrize("spec", ["a=1:1:5", "a=0:1:1", "a", "a=x:1:3"])
def test_scan_ranges_that_are_empty_or_malformed_are_refused(spec):
    with pytest.raises(InputError, match="--scan"):
        parse_range(spec)


def test_scan_outside_a_parameters_range_is_refused():
    with pytest.raises(InputError, match="from -100 to 100"):
        scan(system_of("strogatz"), "a", np.linspace(-500, 1, 3))


def test_phase_portrait_draws_classic_and_flagship_planes(tmp_path):
    phase_portrait(system_of("rinaldi", preset="synergic-couple"), path=tmp_path / "r.png")
    phase_portrait(system_of("both-heal"), "wound_a", "closeness", grid=15,
                   path=tmp_path / "f.png")
    assert all((tmp_path / n).stat().st_size > 20_000 for n in ("r.png", "f.png"))


def test_flagship_skeleton_fixed_points_are_roots_and_both_heal_ends_in_union():
    system = system_of("both-heal")
    points = fixed_points(system, starts=10)
    for p in points:
        assert np.max(np.abs(system.rhs(p.state))) < 1e-8
    stable = [p for p in points if p.stable]
    assert stable, [p.kind for p in points]
    closeness = system.index("closeness")
    assert stable[0].state[closeness] == pytest.approx(1.0, abs=1e-6)
    end = settle(system, system.start, 3000)
    assert end.kind == "equilibrium" and end.high[closeness] > 0.99


# --- early warnings ------------------------------------------------------------------------

def ar1(phis, seed):
    rng = np.random.default_rng(seed)
    x = np.zeros(len(phis))
    for k in range(1, len(phis)):
        x[k] = phis[k] * x[k - 1] + rng.standard_normal()
    return x


def test_critical_slowing_down_raises_variance_and_autocorrelation():
    # AR(1) whose coefficient creeps toward 1: the textbook approach to a tipping point;
    # lag-1 autocorrelation and variance both trend up (Dakos et al. 2012).
    taus = [indicators(ar1(np.linspace(0.1, 0.97, 1000), s), window=250) for s in range(5)]
    assert all(i.tau_ac1 > 0.5 and i.tau_variance > 0.5 for i in taus)
    steady = [indicators(ar1(np.full(1000, 0.5), s), window=250).tau_ac1 for s in range(20)]
    assert np.mean(np.abs(steady)) < 0.4 and np.mean(steady) < 0.2


@settings(max_examples=20, deadline=None)
@given(scale=st.floats(0.01, 100), seed=st.integers(0, 1000))
def test_indicators_scale_as_they_should(scale, seed):
    x = ar1(np.linspace(0.2, 0.9, 200), seed)
    a, b = indicators(x, window=50), indicators(scale * x, window=50)
    assert b.ac1[50:] == pytest.approx(a.ac1[50:], abs=1e-9)  # pairs need one more point
    assert b.variance[49:] == pytest.approx(scale ** 2 * a.variance[49:], rel=1e-9)
    assert b.tau_ac1 == pytest.approx(a.tau_ac1, abs=1e-9)


def test_runner_phase_warnings_report_hits_and_false_alarms_honestly():
    res = check_runner_warnings("chaser-surrenders", runs=20, seed=0).to_dict()
    assert res["ends"] > 0 and res["controls"] > 0
    for rates in (res["hit_rate"], res["false_alarm_rate"]):
        assert set(rates) == {"variance", "ac1"}
        assert all(0 <= v <= 1 for v in rates.values())


# --- Sobol ---------------------------------------------------------------------------------

def test_sobol_indices_of_the_ishigami_function():
    # Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424,
    # 0.2437 (Ishigami and Homma 1990; values as tabulated by Saltelli et al. 2010).
    def ishigami(x):
        return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])

    res = sobol_indices(ishigami, {f"x{i}": (-np.pi, np.pi) for i in (1, 2, 3)}, 2048)
    t = res.table
    assert t["S1"].to_numpy() == pytest.approx([0.3139, 0.4424, 0.0], abs=0.04)
    assert t["ST"].to_numpy() == pytest.approx([0.5576, 0.4424, 0.2437], abs=0.04)
    assert np.all(t["S1_low"] <= t["S1"]) and np.all(t["ST"] <= t["ST_high"])
    assert res.evaluations == 2048 * 5


def test_flagship_sobol_runs_through_the_ensemble_engine():
    res = flagship_sobol("chaser-surrenders", {"a.healing_rate": (0.001, 0.01),
                                               "chase_pressure": (0.1, 0.5)},
                         samples=8, runs=40)
    d = res.to_dict()
    assert d["evaluations"] == 8 * 4 and d["runs"] == 40
    assert [r["parameter"] for r in d["indices"]] == ["a.healing_rate", "chase_pressure"]
    with pytest.raises(InputError, match="outside the valid range"):
        flagship_sobol("classic", {"chase_pressure": (0.1, 5.0)}, samples=4, runs=4)
    with pytest.raises(InputError, match="power of two"):
        sobol_indices(lambda x: x[:, 0], {"x": (0, 1)}, 6)


# --- fixes found in review ------------------------------------------------------------------

def test_changing_a_flagship_parameter_moves_the_start_it_sets():
    changed = system_of("classic").with_changes({"a.wound": 0.1})
    direct = system_of("classic", {"a.wound": 0.1})
    assert np.array_equal(changed.start, direct.start)
    assert not np.array_equal(changed.start, system_of("classic").start)


def test_a_map_settles_the_same_whatever_the_fraction_of_a_turn_asked():
    decay = from_function(lambda x, r: r * x, ("x",), {"r": 0.5}, kind="map", box=(-1.0, 1.0),
                          start=np.array([0.8]))
    assert settle(decay, decay.start, 200).kind == "equilibrium"
    assert settle(decay, decay.start, 200.5).kind == "equilibrium"


def test_a_two_cycle_of_the_logistic_map_is_a_cycle_of_two_turns():
    logistic = from_function(lambda x, r: r * x * (1 - x), ("x",), {"r": 3.2}, kind="map",
                             box=(0.0, 1.0), start=np.array([0.3]))
    a = settle(logistic, logistic.start, 400)
    assert a.kind == "cycle" and a.period == 2.0


def test_sobol_refuses_a_parameter_that_is_not_a_number():
    with pytest.raises(InputError, match="numeric parameter"):
        flagship_sobol("classic", {"b.policy": (0.0, 1.0)}, runs=2, samples=2)
