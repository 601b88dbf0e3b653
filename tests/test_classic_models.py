"""The classic models against their published results (closed forms and qualitative claims)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twinflames import classic
from twinflames.analysis import cycle_period, fixed_points, settle, system_of
from twinflames.classic.felmlee import FelmleeParams, equilibrium
from twinflames.classic.gottman import GottmanParams, uninfluenced_set_points
from twinflames.classic.plot import plot_run
from twinflames.errors import InputError

FAST = settings(max_examples=25, deadline=None)


# --- Strogatz ------------------------------------------------------------------------------

def test_fickle_lover_is_a_centre_with_period_two_pi_and_a_conserved_quantity():
    # dR/dt = J, dJ/dt = -R: R = cos t, J = -sin t (Strogatz 1994, section 5.3).
    run = classic.simulate("strogatz", changes={"a": 0, "b": 1, "c": -1, "d": 0},
                           init={"R": 1, "J": 0}, duration=20)
    assert run.states[:, 0] == pytest.approx(np.cos(run.t), abs=1e-8)
    assert run.states[:, 1] == pytest.approx(-np.sin(run.t), abs=1e-8)
    assert cycle_period(run.t, run.states[:, 0]) == pytest.approx(2 * np.pi, rel=1e-6)
    (point,) = fixed_points(system_of("strogatz", {"a": 0, "b": 1, "c": -1, "d": 0}))
    assert point.kind == "centre"
    assert sorted(point.eigenvalues.imag) == pytest.approx([-1, 1], abs=1e-8)


def test_fickle_lover_period_and_invariant_follow_b_and_c():
    # dR/dt = b J, dJ/dt = c R with b c < 0: angular frequency sqrt(-b c), so b = 4, c = -1
    # gives period pi (not 2 pi); -c R^2 + b J^2 is conserved (its derivative is
    # -2cR bJ + 2bJ cR = 0).
    run = classic.simulate("strogatz", changes={"a": 0, "b": 4, "c": -1, "d": 0},
                           init={"R": 1, "J": 0.5}, duration=30)
    assert cycle_period(run.t, run.states[:, 0]) == pytest.approx(np.pi, rel=1e-6)
    invariant = run.states[:, 0] ** 2 + 4 * run.states[:, 1] ** 2
    assert np.ptp(invariant) < 1e-8 and invariant[0] == pytest.approx(2.0)


@FAST
@given(a=st.floats(-3, -0.1), b=st.floats(0.01, 3))
def test_cautious_lovers_threshold_between_indifference_and_saddle(a, b):
    # Identical cautious lovers dR/dt = aR + bJ, dJ/dt = bR + aJ (a < 0 < b): eigenvalues
    # a + b and a - b, so the origin is a stable node if b < |a| (the affair fizzles) and a
    # saddle if b > |a| (love fest or war) (Strogatz 1994, section 5.3, example 5.3.1).
    if abs(b + a) < 0.02:
        return
    (point,) = fixed_points(system_of("strogatz", {"a": a, "b": b, "c": b, "d": a}))
    assert point.kind == ("stable node" if b < -a else "saddle")
    assert sorted(point.eigenvalues.real) == pytest.approx(sorted([a + b, a - b]), abs=1e-6)


def test_love_fest_or_war_depends_on_the_side_of_the_stable_manifold():
    # The saddle's stable direction is R = -J; starts with R + J > 0 end in a love fest.
    fest = classic.simulate("strogatz", preset="love-fest-or-war", init={"R": 0.6, "J": -0.5})
    war = classic.simulate("strogatz", preset="love-fest-or-war", init={"R": 0.5, "J": -0.6})
    assert fest.final["R"] > 1 and fest.final["J"] > 1
    assert war.final["R"] < -1 and war.final["J"] < -1


def test_strogatz_presets_have_the_kinds_their_descriptions_claim():
    kinds = {name: [p.kind for p in fixed_points(system_of("strogatz", preset=name))]
             for name in classic.get("strogatz").presets}
    assert kinds == {"fickle-lover": ["centre"], "cautious-lovers": ["stable node"],
                     "love-fest-or-war": ["saddle"], "eager-beavers": ["saddle"],
                     "hermits": ["stable node"], "narcissistic-nerd": ["stable spiral"]}


# --- Rinaldi -------------------------------------------------------------------------------

def test_secure_couple_rises_monotonically_to_a_positive_equilibrium_without_cycles():
    # Rinaldi and Gragnani (1998): secure individuals with positive appeal, starting from
    # indifference, grow in love monotonically toward a unique positive equilibrium.
    run = classic.simulate("rinaldi", preset="secure-couple", init=(0, 0), duration=30)
    assert np.all(np.diff(run.states, axis=0) >= -1e-10)  # integrator tolerance only
    points = fixed_points(system_of("rinaldi", preset="secure-couple"), starts=60)
    assert len(points) == 1 and points[0].stable and np.all(points[0].state > 0)
    assert run.states[-1] == pytest.approx(points[0].state, abs=1e-6)
    assert settle(system_of("rinaldi", preset="secure-couple"), np.zeros(2), 50).kind == \
        "equilibrium"


@FAST
@given(x=st.lists(st.floats(-5, 5), min_size=2, max_size=2), alpha1=st.floats(0.1, 3),
       alpha2=st.floats(0.1, 3), insecure=st.booleans())
def test_without_synergism_divergence_is_minus_the_oblivion_rates(x, alpha1, alpha2, insecure):
    # Reaction and appeal terms depend only on the partner's feeling, so the trace of the
    # Jacobian is -(alpha1 + alpha2) < 0 everywhere and Bendixson's criterion rules out
    # cycles in the two-person model (secure or insecure).
    from twinflames.analysis import jacobian

    changes = {"alpha1": alpha1, "alpha2": alpha2,
               "reaction1": "insecure" if insecure else "secure"}
    jac = jacobian(system_of("rinaldi", changes), np.array(x))
    assert np.trace(jac) == pytest.approx(-(alpha1 + alpha2), abs=1e-5)


def test_more_appeal_more_love_and_stress_lowers_it():
    # Secure couples: the equilibrium grows with either partner's appeal (Rinaldi and
    # Gragnani 1998); environmental stress lowers it.
    def eq(**ch):
        (p,) = fixed_points(system_of("rinaldi", ch, preset="secure-couple"), starts=10)
        return p.state

    base, appealing, stressed = eq(), eq(A1=2.0), eq(E1=0.3, E2=0.3)
    assert np.all(appealing > base + 0.05)
    assert np.all(stressed < base - 0.05)


def test_synergism_gives_two_alternative_stable_states():
    points = fixed_points(system_of("rinaldi", preset="synergic-couple"), starts=60)
    assert [p.kind for p in points] == ["stable node", "saddle", "stable node"]
    low, high = points[0].state, points[2].state
    assert np.all(high > 5 * low)
    # without synergism the same couple has a single equilibrium
    plain = fixed_points(system_of("rinaldi", {"s1": 0, "s2": 0}, preset="synergic-couple"),
                         starts=60)
    assert len(plain) == 1


# --- Gottman-Murray ------------------------------------------------------------------------

def test_uninfluenced_steady_state_is_a_over_one_minus_r():
    # Gottman et al. (2002): with no influence W* = a / (1 - r1), H* = b / (1 - r2).
    p = GottmanParams(a=1.0, r1=0.5, b=-0.5, r2=0.5)
    (point,) = fixed_points(system_of("gottman", preset="uninfluenced"))
    assert point.state == pytest.approx(uninfluenced_set_points(p), abs=1e-9)
    assert point.state == pytest.approx([2.0, -1.0], abs=1e-9)
    run = classic.simulate("gottman", preset="uninfluenced", duration=60)
    assert run.states[-1] == pytest.approx([2.0, -1.0], abs=1e-9)
    assert len(run.t) == 61


@FAST
@given(r1=st.floats(-0.9, 0.9), r2=st.floats(-0.9, 0.9), m1=st.floats(-1.5, 1.5),
       m2=st.floats(-1.5, 1.5), a=st.floats(-2, 2), b=st.floats(-2, 2))
def test_linear_influence_fixed_point_and_stability_match_closed_form(r1, r2, m1, m2, a, b):
    # Equal slopes make the influence linear: W' = a + r1 W + m1 H,
    # H' = b + r2 H + m2 W'. Fixed point: solve (1-r1) W - m1 H = a,
    # -m2 (a + r1 W + m1 H) + (1 - r2) H = b + ... ; the map's Jacobian is
    # [[r1, m1], [m2 r1, r2 + m1 m2]] and the point is stable iff both |eigenvalues| < 1.
    jac = np.array([[r1, m1], [m2 * r1, r2 + m1 * m2]])
    mat = np.eye(2) - jac
    if abs(np.linalg.det(mat)) < 0.05:
        return
    expected = np.linalg.solve(mat, [a, b + m2 * a])
    ev = np.linalg.eigvals(jac)
    changes = {"a": a, "b": b, "r1": r1, "r2": r2, "m_hw_pos": m1, "m_hw_neg": m1,
               "m_wh_pos": m2, "m_wh_neg": m2}
    system = system_of("gottman", changes, preset="uninfluenced")
    system = type(system)(**{**system.__dict__, "start": expected + 0.01})
    points = fixed_points(system, starts=0)
    assert points and points[0].state == pytest.approx(expected, abs=1e-6)
    if abs(np.max(np.abs(ev)) - 1) > 1e-3:
        assert points[0].stable == bool(np.max(np.abs(ev)) < 1)
    assert sorted(np.abs(points[0].eigenvalues)) == pytest.approx(sorted(np.abs(ev)), abs=1e-5)


def test_ogive_influence_gives_three_stable_states_reached_from_different_starts():
    points = fixed_points(system_of("gottman", preset="ogive-three-states"))
    assert [tuple(np.round(p.state, 9)) for p in points] == [(-1.8, -1.8), (0.2, 0.2),
                                                              (2.2, 2.2)]
    assert all(p.stable for p in points)
    ends = {round(classic.simulate("gottman", preset="ogive-three-states",
                                   init=s).final["W"], 6) for s in ((-3, -3), (0, 0), (3, 3))}
    assert ends == {-1.8, 0.2, 2.2}


# --- Felmlee-Greenberg ---------------------------------------------------------------------

@FAST
@given(a1=st.floats(-2, 2), a2=st.floats(-2, 2), b1=st.floats(-2, 2), b2=st.floats(-2, 2))
def test_felmlee_stability_conditions(a1, a2, b1, b2):
    # Jacobian [[-(a1+b1), b1], [b2, -(a2+b2)]]: trace -(a1+a2+b1+b2), determinant
    # a1 a2 + a1 b2 + a2 b1. Stable iff trace < 0 and determinant > 0 (Felmlee and
    # Greenberg 1999); a negative determinant is a saddle.
    trace, det = -(a1 + a2 + b1 + b2), a1 * a2 + a1 * b2 + a2 * b1
    if abs(det) < 0.05 or abs(trace) < 0.05:
        return
    p = FelmleeParams(a1=a1, a2=a2, b1=b1, b2=b2, x_star=1.0, y_star=-1.0)
    system = system_of("felmlee", p.model_dump())
    system = type(system)(**{**system.__dict__, "start": np.array(equilibrium(p)) + 0.01})
    points = fixed_points(system, starts=0)
    assert points[0].state == pytest.approx(equilibrium(p), abs=1e-6)
    assert points[0].stable == (trace < 0 and det > 0)
    assert (points[0].kind == "saddle") == (det < 0)


@FAST
@given(a1=st.floats(0.1, 3), a2=st.floats(0.1, 3), b1=st.floats(0.0, 3), b2=st.floats(0.0, 3),
       x_star=st.floats(-5, 5), y_star=st.floats(-5, 5))
def test_cooperative_partners_settle_on_a_compromise_between_their_ideals(a1, a2, b1, b2,
                                                                         x_star, y_star):
    x, y = equilibrium(FelmleeParams(a1=a1, a2=a2, b1=b1, b2=b2, x_star=x_star, y_star=y_star))
    lo, hi = min(x_star, y_star) - 1e-9, max(x_star, y_star) + 1e-9
    assert lo <= x <= hi and lo <= y <= hi


def test_felmlee_presets_cooperate_polarise_and_run_away():
    coop = classic.simulate("felmlee", preset="cooperative", duration=30).final
    assert (coop["x"], coop["y"]) == pytest.approx((2 / 3, 0.0), abs=1e-6)
    nonco = classic.simulate("felmlee", preset="non-cooperative", duration=40).final
    assert (nonco["x"], nonco["y"]) == pytest.approx((2.5, -2.5), abs=1e-6)  # beyond ideals
    kinds = [p.kind for p in fixed_points(system_of("felmlee", preset="polarising"))]
    assert kinds == ["saddle"]


# --- the common interface ------------------------------------------------------------------

def test_every_preset_validates_runs_and_round_trips(tmp_path):
    for name in classic.names():
        model = classic.get(name)
        for preset in model.presets:
            run = classic.simulate(name, preset=preset)
            assert np.all(np.isfinite(run.states))
            assert list(run.to_dataframe().columns) == ["t", *model.state]
    run = classic.simulate("gottman")
    for suffix in ("csv", "json", "parquet"):
        assert run.save(tmp_path / f"run.{suffix}").stat().st_size > 100
    plot_run(run, tmp_path / "run.png")
    assert (tmp_path / "run.png").read_bytes()[:4] == b"\x89PNG"


def test_noisy_ensemble_is_reproducible_and_run_i_does_not_depend_on_the_batch():
    a = classic.ensemble("strogatz", 6, changes={"noise": 0.2}, seed=3, points=51)
    b = classic.ensemble("strogatz", 3, changes={"noise": 0.2}, seed=3, points=51)
    assert np.array_equal(a.states[:3], b.states)
    assert not np.array_equal(a.states[0], a.states[1])
    assert a.to_dataframe().shape == (51, 1 + 2 * 4)
    with pytest.raises(InputError, match="noise"):
        classic.ensemble("strogatz", 3)


@pytest.mark.parametrize("call, match", [
    (lambda: classic.get("romeo"), "allowed: strogatz"),
    (lambda: classic.simulate("strogatz", changes={"e": 1}), "e: unknown parameter"),
    (lambda: classic.simulate("strogatz", changes={"a": 1000}), "from -100 to 100"),
    (lambda: classic.simulate("strogatz", init=[1, 2, 3]), "3 values; allowed: 2"),
    (lambda: classic.simulate("strogatz", init={"Q": 1}), "unknown variable"),
    (lambda: classic.simulate("strogatz", preset="nope"), "allowed: fickle-lover"),
    (lambda: classic.simulate("strogatz", duration=-1), "duration"),
    (lambda: classic.simulate("rinaldi", changes={"reaction1": "anxious"}), "reaction1"),
])
def test_bad_input_is_one_clear_error(call, match):
    with pytest.raises(InputError, match=match):
        call()
