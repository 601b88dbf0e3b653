"""Mechanisms M1–M18 of the design brief (DESIGN.md §3), each shown by comparison.

Every test runs the same dyads (same seed: same parameter draws, same random streams) with and
without one mechanism and asserts the difference the article claims. Margins are paired: a
share of dyads that must move the claimed way, or a mean difference that must exceed many
standard errors, so a test cannot pass by luck. Ensembles are cached per module.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

import twinflames as tf
from twinflames.engine.kernels import start
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import seed_keys
from twinflames.engine.step import step_batch
from twinflames.model import layout as L
from twinflames.phases import _runs

SEED = 20241124
RUNS = 300
B = L.TWIN_STATE_SIZE  # offset of twin b's block in the state vector
THETA = tf.Model().heal_threshold


# --- helpers ------------------------------------------------------------------------------------


def _key(changes: dict | None) -> tuple:
    return tuple(sorted((changes or {}).items()))


def _scenario(name: str, days: float, dt_hours: float, changes: tuple = (),
              fixed: tuple[str, ...] = ()) -> tf.Scenario:
    """A preset with changes; ``fixed`` names varied parameters to hold at their preset value
    (so that a change to them is not overwritten by the per-dyad draw)."""
    sc = tf.load(name).with_changes({**dict(changes), "seed": SEED, "days": days,
                                     "dt_hours": dt_hours})
    if fixed:
        sc = sc.model_copy(update={"vary": {k: v for k, v in sc.vary.items() if k not in fixed}})
    return sc


@cache
def _ens(name: str, days: float, dt_hours: float = 24, changes: tuple = (),
         fixed: tuple[str, ...] = (), runs: int = RUNS) -> pd.DataFrame:
    sc = _scenario(name, days, dt_hours, changes, fixed)
    s = tf.ensemble(sc, runs, progress=False).summary.copy()
    s["apart"] = s["days_chase"] + s["days_separation"] + s["days_mutual_running"]
    s["united"] = s["days_to_union"].notna()
    s["union_by"] = s["days_to_union"].fillna(np.inf)  # censored: never = after the horizon
    return s


def ens(name: str, days: float, dt_hours: float = 24, fixed: tuple[str, ...] = (),
        runs: int = RUNS, **changes) -> pd.DataFrame:
    """Ensemble summary; keyword changes use ``__`` for ``.`` (``b__policy="guided"``)."""
    flat = {k.replace("__", "."): v for k, v in changes.items()}
    return _ens(name, days, dt_hours, _key(flat), tuple(fixed), runs)


@cache
def _trace(name: str, days: float, dt_hours: float, changes: tuple, cols: tuple[int, ...],
           fixed: tuple[str, ...] = (), runs: int = RUNS) -> dict[str, np.ndarray]:
    """Step the ensemble's dyads with the batch stepper, keeping ``cols`` of the state at every
    step (``trace``: steps+1 x runs x cols), and the initial and final states."""
    sc = _scenario(name, days, dt_hours, changes, fixed)
    key, param_key = seed_keys(sc.seed)
    ids = np.arange(runs, dtype=np.int64)
    states, params = pack_many(sc, ids, param_key)
    for i in range(runs):
        start(states[i], params[i])
    init = states.copy()
    forced = np.full((runs, 2), L.EV_NONE, dtype=np.int64)
    events = np.empty((runs, 2), dtype=np.int64)
    logp = np.empty(runs)
    flags = np.empty(runs, dtype=np.int64)
    trace = [states[:, list(cols)].copy()]
    for k in range(sc.n_steps):
        step_batch(states, params, key, ids, k, sc.dt, forced, events, logp, flags)
        trace.append(states[:, list(cols)].copy())
    return {"init": init, "final": states, "trace": np.array(trace), "dt": np.array(sc.dt)}


def trace(name: str, days: float, dt_hours: float, cols: tuple[int, ...],
          fixed: tuple[str, ...] = (), runs: int = RUNS, **changes) -> dict[str, np.ndarray]:
    flat = {k.replace("__", "."): v for k, v in changes.items()}
    return _trace(name, days, dt_hours, _key(flat), tuple(cols), tuple(fixed), runs)


def role_share(tr: np.ndarray, col: int, role: int) -> np.ndarray:
    """Per dyad: share of steps (after the start) in which column ``col`` holds ``role``."""
    return (tr[1:, :, col] == role).mean(axis=0)


def paired(new: pd.Series | np.ndarray, base: pd.Series | np.ndarray) -> tuple[float, float]:
    """Mean paired difference new - base and its standard error."""
    d = np.asarray(new, dtype=float) - np.asarray(base, dtype=float)
    return float(d.mean()), float(d.std(ddof=1) / np.sqrt(d.size))


def share(mask) -> float:
    return float(np.mean(np.asarray(mask, dtype=bool)))


# --- M1: roles are emergent -------------------------------------------------------------------

RUNNER_STATE = {"wound": 0.8, "fear": 0.3, "focus": 0.3, "self_love": 0.3}
CHASER_STATE = {"wound": 0.5, "fear": 0.8, "focus": 0.8, "self_love": 0.2}


def _states(a: dict, b: dict) -> dict:
    out = {f"a__{k}": v for k, v in a.items()}
    out.update({f"b__{k}": v for k, v in b.items()})
    return out


def test_m1_roles_follow_inner_state_not_labels():
    # Both twins get the same policy, and the engine starts every dyad with a labelled as
    # runner and b as chaser. Swapping only the inner states must swap the roles.
    common = dict(fixed=("a.wound", "b.fear"), a__policy="anxious", b__policy="anxious")
    cols = (L.ROLE, B + L.ROLE)
    usual = trace("classic", 90, 6, cols, **common, **_states(RUNNER_STATE, CHASER_STATE))
    swapped = trace("classic", 90, 6, cols, **common, **_states(CHASER_STATE, RUNNER_STATE))
    a_runs = role_share(usual["trace"], 0, L.ROLE_RUNNER)
    b_chases = role_share(usual["trace"], 1, L.ROLE_CHASER)
    assert share(a_runs > 0.5) > 0.9 and share(b_chases > 0.5) > 0.9
    a_chases = role_share(swapped["trace"], 0, L.ROLE_CHASER)
    b_runs = role_share(swapped["trace"], 1, L.ROLE_RUNNER)
    assert share(a_chases > 0.5) > 0.9, a_chases.mean()
    assert share(b_runs > 0.5) > 0.9, b_runs.mean()
    assert role_share(swapped["trace"], 0, L.ROLE_RUNNER).mean() < 0.5 * a_runs.mean()


def test_m1_roles_change_within_a_run():
    # the same twin holds different roles at different times (fluid roles, role_swap events)
    s = ens("toxic-union-role-swap", 180)
    assert share(s["role_swaps"] > 0) > 0.5


# --- M2: running from wounds, chasing from fear ----------------------------------------------


def test_m2_running_is_driven_by_unhealed_wounds():
    # a chaser who does not chase (guided) and no habitual distance: only wounds make a run
    common = dict(fixed=("a.wound",), b__policy="guided", a__distance=0.0)
    wounded = trace("classic", 90, 6, (L.ROLE,), a__wound=0.8, **common)
    healed = trace("classic", 90, 6, (L.ROLE,), a__wound=0.0, **common)
    runs_wounded = role_share(wounded["trace"], 0, L.ROLE_RUNNER)
    runs_healed = role_share(healed["trace"], 0, L.ROLE_RUNNER)
    assert runs_wounded.mean() > 0.8
    assert runs_healed.mean() < 0.05
    assert share(runs_healed < runs_wounded) > 0.95


def test_m2_chasing_is_driven_by_fear():
    common = dict(fixed=("b.fear",), b__reach_out_on_signs=0.0)
    afraid = ens("classic", 180, b__fear=0.8, **common)
    fearless = ens("classic", 180, b__fear=0.0, **common)
    assert share(afraid["reach_outs_b"] > 0) > 0.95
    assert (fearless["reach_outs_b"] == 0).all()
    assert share(fearless["days_chase"] < afraid["days_chase"]) > 0.9


# --- M3: both carry wounds, both can heal -----------------------------------------------------


def test_m3_both_wounds_heal_under_guided_policies():
    cols = (L.WOUND, B + L.WOUND)
    guided = trace("classic", 365, 24, cols, a__policy="guided", b__policy="guided")
    usual = trace("classic", 365, 24, cols)
    w0, w_guided, w_usual = guided["trace"][0], guided["trace"][-1], usual["trace"][-1]
    for twin in (0, 1):
        assert share(w_guided[:, twin] < w0[:, twin] - 0.2) > 0.95
        assert share(w_guided[:, twin] < THETA) > 0.8
        assert share(w_guided[:, twin] < w_usual[:, twin]) > 0.95


# --- M4: chasing pushes the runner away ---------------------------------------------------------


def test_m4_harder_chasing_keeps_the_runners_wounds_open():
    base = ens("classic", 365)
    harder = ens("classic", 365, chase_pressure=0.5)
    assert share(harder["wound_a"] > base["wound_a"]) > 0.95
    assert share(harder["closeness"] <= base["closeness"]) > 0.9
    no_pressure = ens("classic", 365, chase_pressure=0.0, focus_pressure=0.0)
    assert share(no_pressure["wound_a"] < base["wound_a"]) > 0.95
    assert no_pressure["apart"].mean() < base["apart"].mean() - 30
    assert no_pressure["united"].mean() > base["united"].mean() + 0.2


def test_m4_harder_chasing_means_less_union_and_more_time_apart():
    # a chaser who reaches out now and then (secure): the more each reach-out and each look at
    # the runner's wounds weighs on the runner, the less time together and the rarer union
    base = ens("chaser-surrenders", 730, b__policy="secure")
    harder = ens("chaser-surrenders", 730, b__policy="secure", chase_pressure=0.5)
    diff, se = paired(harder["days_union"], base["days_union"])
    # 3 standard errors: event times inside a day differ between the two, so the same dyads
    # share fewer random numbers than with fixed steps and the pairs are noisier
    assert diff < -30 and diff < -3 * se
    assert harder["united"].mean() < base["united"].mean() - 0.08
    no_pressure = ens("chaser-surrenders", 730, b__policy="secure", chase_pressure=0.0,
                      focus_pressure=0.0)
    diff, se = paired(no_pressure["apart"], base["apart"])
    assert diff < -30 and diff < -4 * se
    assert no_pressure["united"].mean() > base["united"].mean() + 0.1


# --- M5: separation heals ---------------------------------------------------------------------


def test_m5_wounds_heal_faster_apart():
    base = ens("both-heal", 120)
    entangled = ens("both-heal", 120, separation_healing=0.0)
    for w in ("wound_a", "wound_b"):
        assert share(entangled[w] > base[w]) > 0.95
        diff, se = paired(entangled[w], base[w])
        assert diff > 0.05 and diff > 10 * se
    assert entangled["united"].mean() < base["united"].mean() - 0.2


# --- M6: union only when both healed; healed twins gravitate back ------------------------------


def test_m6_no_union_unless_both_heal():
    base = ens("both-heal", 730)
    stuck = ens("both-heal", 730, a__wound_floor=0.7)
    assert base["united"].mean() > 0.8
    assert not stuck["united"].any()
    assert (stuck["days_union"] == 0).all()


def test_m6_healed_twins_gravitate_back_together():
    base = ens("both-heal", 730)
    no_gravity = ens("both-heal", 730, gravity=0.0)
    healed = (no_gravity["wound_a"] < THETA) & (no_gravity["wound_b"] < THETA)
    assert share(healed) > 0.8  # they heal all the same ...
    assert no_gravity["united"].mean() < 0.05  # ... but do not come back together
    assert base["united"].mean() > 0.8
    assert share(no_gravity["closeness"] < base["closeness"]) > 0.8


# --- M7: self-love ---------------------------------------------------------------------------


def test_m7_self_love_lowers_chasing_and_fear():
    cols = (B + L.FEAR, B + L.SELF_LOVE)
    base_s = ens("classic", 180)
    loving_s = ens("classic", 180, b__self_love_practice=0.02)
    assert share(loving_s["reach_outs_b"] < base_s["reach_outs_b"]) > 0.95
    assert share(loving_s["wellbeing_b"] > base_s["wellbeing_b"]) > 0.95
    base_t = trace("classic", 180, 24, cols)
    loving_t = trace("classic", 180, 24, cols, b__self_love_practice=0.02)
    fear_base, fear_loving = base_t["final"][:, B + L.FEAR], loving_t["final"][:, B + L.FEAR]
    assert share(fear_loving < fear_base - 0.1) > 0.95  # co-dependency eases


def test_m7_self_love_lets_a_twin_walk_away_from_toxicity():
    # b starts with no self-love: without the practice b never acts on the boundary
    without = ens("block-for-sanity", 365, b__self_love=0.0, b__self_love_practice=0.0)
    practice = ens("block-for-sanity", 365, b__self_love=0.0, b__self_love_practice=0.05)
    assert (without["blocks"] == 0).all()
    assert share(practice["blocks"] > 0) > 0.9
    assert share(practice["peak_toxicity"] < without["peak_toxicity"]) > 0.9
    assert share(practice["wellbeing_b"] > without["wellbeing_b"]) > 0.9


# --- M8: mirror healing -----------------------------------------------------------------------


def test_m8_mirror_healing_speeds_the_runner_when_the_chaser_heals():
    on = ens("chaser-surrenders", 120)
    off = ens("chaser-surrenders", 120, mirror=0.0)
    assert share(on["wound_a"] < off["wound_a"]) > 0.95
    diff, se = paired(off["wound_a"], on["wound_a"])
    assert diff > 0.05 and diff > 10 * se


def test_m8_one_twins_healing_reaches_the_other_through_the_mirror():
    # make only b heal faster; a's wound responds much more with the mirror than without it
    fixed = ("b.healing_rate",)
    gain = {}
    for mirror in (1.0, 0.0):
        slow = ens("chaser-surrenders", 120, fixed=fixed, mirror=mirror)
        fast = ens("chaser-surrenders", 120, fixed=fixed, mirror=mirror, b__healing_rate=0.01)
        gain[mirror] = paired(slow["wound_a"], fast["wound_a"])[0]
    assert gain[1.0] > 0.015
    assert gain[1.0] > 3 * gain[0.0]


# --- M9: surrender ---------------------------------------------------------------------------


def test_m9_surrender_moves_attention_to_ones_own_path():
    base_s = ens("classic", 180)
    let_go_s = ens("classic", 180, b__surrender_rate=0.05)
    base_t = trace("classic", 180, 24, (B + L.FOCUS,))
    let_go_t = trace("classic", 180, 24, (B + L.FOCUS,), b__surrender_rate=0.05)
    focus_base, focus_let_go = base_t["final"][:, B + L.FOCUS], let_go_t["final"][:, B + L.FOCUS]
    assert share(focus_let_go < focus_base - 0.3) > 0.95
    assert share(let_go_s["reach_outs_b"] < base_s["reach_outs_b"]) > 0.95
    assert share(let_go_s["wound_b"] < base_s["wound_b"]) > 0.95  # heals faster


# --- M10: mutual running ----------------------------------------------------------------------


def test_m10_a_worn_out_chaser_runs_from_a_wounded_runner():
    base = ens("runner-returns-wounded", 365)
    untriggered = ens("runner-returns-wounded", 365, trigger=0.0)
    assert share(base["days_mutual_running"] > 0) > 0.8
    assert share(untriggered["days_mutual_running"] < base["days_mutual_running"]) > 0.8
    diff, se = paired(base["days_mutual_running"], untriggered["days_mutual_running"])
    assert diff > 10 and diff > 10 * se


# --- M11: intensity ---------------------------------------------------------------------------


def test_m11_intensity_ignites_when_close_and_wounded():
    start_intensity = tf.load("wildfire").dyad.intensity
    close = ens("wildfire", 365)
    no_ignition = ens("wildfire", 365, ignition=0.0)
    apart = ens("wildfire", 365, dyad__closeness=0.05)
    assert share(close["peak_intensity"] > start_intensity + 0.1) > 0.95
    assert (no_ignition["peak_intensity"] <= start_intensity + 1e-9).all()
    assert share(apart["peak_intensity"] < close["peak_intensity"] - 0.1) > 0.95


def test_m11_intensity_flares_close_and_settles_into_embers_apart():
    t = trace("wildfire", 365, 24, (L.INTENSITY, L.CLOSENESS))
    intensity, closeness = t["trace"][:, :, 0], t["trace"][:, :, 1]
    change = np.diff(intensity, axis=0)
    close, apart = closeness[:-1] >= 0.6, closeness[:-1] < 0.3
    assert close.sum() > 1000 and apart.sum() > 1000  # step-dyads of each kind
    assert change[close].mean() > 0 > change[apart].mean()
    kept_apart = trace("wildfire", 365, 24, (L.INTENSITY,), dyad__closeness=0.05)
    embers = kept_apart["trace"][-1, :, 0] / kept_apart["trace"][0, :, 0]
    assert share(embers < 0.5) > 0.95
    assert np.median(embers) < 0.3


# --- M12: toxicity ---------------------------------------------------------------------------


def test_m12_toxicity_lowers_both_twins_wellbeing():
    base = ens("toxic-union-role-swap", 90)
    clean = ens("toxic-union-role-swap", 90, toxicity_build=0.0)
    assert share(clean["peak_toxicity"] < base["peak_toxicity"]) > 0.95
    for w in ("wellbeing_a", "wellbeing_b"):
        assert share(clean[w] > base[w]) > 0.95
        diff, se = paired(clean[w], base[w])
        assert diff > 0.05 and diff > 10 * se


# --- M13: role swap by self-preservation ------------------------------------------------------


def _first_run_day_of_b(t: dict) -> np.ndarray:
    runner = t["trace"][:, :, 0] == L.ROLE_RUNNER
    return np.where(runner.any(axis=0), runner.argmax(axis=0) * float(t["dt"]), np.inf)


def test_m13_toxicity_makes_the_former_chaser_run():
    # b, the former chaser, starts in a toxic union; with toxicity b runs within days, without
    # it b stays
    cols = (B + L.ROLE,)
    toxic = trace("toxic-union-role-swap", 180, 6, cols)
    calm = trace("toxic-union-role-swap", 180, 6, cols, toxicity_build=0.0, dyad__toxicity=0.0)
    assert share(_first_run_day_of_b(toxic) <= 10) > 0.9
    assert share(_first_run_day_of_b(calm) <= 10) < 0.1
    month = int(round(30 / float(toxic["dt"])))
    assert (toxic["trace"][1:month, :, 0] == L.ROLE_RUNNER).mean() > 0.6
    assert (calm["trace"][1:month, :, 0] == L.ROLE_RUNNER).mean() < 0.15


def test_m13_self_preservation_makes_the_swap_prompt():
    cols = (B + L.ROLE,)
    base = trace("toxic-union-role-swap", 180, 6, cols)
    no_sp = trace("toxic-union-role-swap", 180, 6, cols, self_preservation=0.0)
    first, first_no_sp = _first_run_day_of_b(base), _first_run_day_of_b(no_sp)
    assert share(first <= 5) > 0.7
    assert share(first_no_sp <= 5) < 0.3
    assert share(first < first_no_sp) > 0.9
    assert np.median(first_no_sp) > 2 * np.median(first)
    s_base = ens("toxic-union-role-swap", 180, dt_hours=6)
    s_no_sp = ens("toxic-union-role-swap", 180, dt_hours=6, self_preservation=0.0)
    # the former chaser swaps either way; self-preservation makes it prompt, not more likely
    # (until 0.1.0 a chaser was a chaser by its drive alone, and later flickers between the
    # roles made the count differ: 2 swaps and more; chasing now needs reaching out)
    assert share(s_base["role_swaps"] > 0) > 0.9 and share(s_no_sp["role_swaps"] > 0) > 0.9
    # staying in the toxic closeness longer, and worse off for it
    assert share(s_no_sp["days_turbulence"] > s_base["days_turbulence"]) > 0.9
    assert share(s_no_sp["wellbeing_b"] < s_base["wellbeing_b"]) > 0.8


# --- M14: blocking ---------------------------------------------------------------------------


def test_m14_a_twin_with_boundaries_communicates_then_blocks():
    blocks = 0
    for dyad in range(40):
        run = tf.simulate("block-for-sanity", seed=SEED, days=365, dt_hours=6, dyad=dyad,
                           draw=True)
        policies = {"a": run.scenario.a.policy, "b": run.scenario.b.policy}
        last: dict[str, str] = {}
        for e in run.events:
            if e["kind"] not in ("communicate", "block", "unblock"):
                continue
            if e["kind"] == "block":
                blocks += 1
                if policies[e["who"]].communicates_first == 1.0:
                    assert last.get(e["who"]) == "communicate", (dyad, e)
            last[e["who"]] = e["kind"]
    assert blocks >= 30


def test_m14_without_communicating_first_there_is_no_explanation():
    told = ens("block-for-sanity", 365)
    silent = ens("block-for-sanity", 365, b__communicates_first=0.0)
    assert share(told["blocks"] > 0) > 0.9 and share(silent["blocks"] > 0) > 0.9
    assert (told["communicates"] >= told["blocks"]).all()
    assert (silent["communicates"] == 0).all()


def test_m14_blocking_lets_toxicity_fall():
    def days_to_calm(t: dict) -> np.ndarray:
        calm = t["trace"][:, :, 0] < 0.1
        return np.where(calm.any(axis=0), calm.argmax(axis=0) * float(t["dt"]), np.inf)

    cols = (L.TOXICITY,)
    blocking = trace("block-for-sanity", 365, 24, cols)
    never = trace("block-for-sanity", 365, 24, cols, b__boundary=1.0)
    no_relief = trace("block-for-sanity", 365, 24, cols, block_relief=0.0)
    calm_blocking, calm_never = days_to_calm(blocking), days_to_calm(never)
    assert share(calm_blocking < calm_never) > 0.8
    assert np.median(calm_never) > 2 * np.median(calm_blocking)
    # the relief comes from the block itself, not only from being apart
    assert np.median(days_to_calm(no_relief)) > 1.5 * np.median(calm_blocking)
    mean_tox = blocking["trace"][:, :, 0].mean(axis=0)
    mean_tox_never = never["trace"][:, :, 0].mean(axis=0)
    assert share(mean_tox < mean_tox_never) > 0.8


# --- M15: signs; reaching out at the end ------------------------------------------------------


@pytest.mark.parametrize("name", ["reach-out-at-the-end", "too-wounded-this-life",
                                  "chaser-surrenders"])
def test_m15_signs_come_once_the_other_has_healed(name):
    at_sign = []
    for dyad in range(25):
        run = tf.simulate(name, seed=SEED, days=365, dt_hours=6, dyad=dyad, draw=True)
        frame = run.to_dataframe()
        assert len(frame) == run.scenario.n_steps + 1  # one row per step
        for e in run.events:
            if e["kind"] != "sign":
                continue
            assert e["sign"] in ("dream", "song", "message")
            other = "b" if e["who"] == "a" else "a"
            k = int(round(e["day"] / run.scenario.dt))
            at_sign.append(frame[f"wound_{other}"].iloc[k])
    at_sign = np.array(at_sign)
    assert at_sign.size > 20
    near = THETA + 0.05
    assert share(at_sign < near) > 0.95  # signs come when the other is (nearly) healed ...
    assert (at_sign < THETA + 0.2).all()  # ... never from a twin still deeply wounded


def test_m15_no_signs_of_a_twin_who_cannot_heal():
    signs = {"a": 0, "b": 0}
    for dyad in range(25):
        run = tf.simulate("too-wounded-this-life", seed=SEED, days=1095, dt_hours=24,
                          dyad=dyad, draw=True)
        for e in run.events:
            if e["kind"] == "sign":
                signs[e["who"]] += 1
    assert signs["b"] == 0  # a (the other twin for b) never heals below its floor
    assert signs["a"] > 25  # b heals, and a receives signs of it


def test_m15_reaching_out_on_signs_pushes_the_runner_away():
    waits = ens("reach-out-at-the-end", 365, b__reach_out_on_signs=0.0)
    reaches = ens("reach-out-at-the-end", 365)
    assert (waits["reach_outs_b"] == 0).all() and reaches["reach_outs_b"].mean() > 5
    assert reaches["united"].mean() < waits["united"].mean() - 0.1
    later = share(reaches["union_by"] > waits["union_by"])
    sooner = share(reaches["union_by"] < waits["union_by"])
    assert later > 0.15 and later > 5 * sooner
    # the runner pushed away stays more wounded: the paired difference, beyond 3 standard
    # errors (it reads about 5). The day-long quiet sub-step lets the two arms' random numbers
    # part sooner, which blurs single pairs (more wounded in 0.24 of pairs, less in 0.12), not
    # the mean.
    pushed = (reaches["wound_a"] - waits["wound_a"]).to_numpy()
    assert pushed.mean() > 3 * pushed.std() / np.sqrt(pushed.size)
    assert share(pushed > 0) > share(pushed < 0)


# --- M16: a healed twin moves on -------------------------------------------------------------


def test_m16_the_healed_twin_moves_on_from_one_who_cannot_heal():
    base = ens("too-wounded-this-life", 1095)
    waiting = ens("too-wounded-this-life", 1095, move_on_rate=0.0)
    assert base["days_to_moved_on"].notna().mean() > 0.8
    assert waiting["days_to_moved_on"].isna().all()
    assert (waiting["outcome"] != "moved_on").all()
    can_heal = ens("too-wounded-this-life", 1095, a__wound_floor=0.0)
    assert can_heal["days_to_moved_on"].notna().mean() < 0.5 * base[
        "days_to_moved_on"].notna().mean()
    assert can_heal["united"].mean() > 0.5


# --- M17: help from healers and readers -------------------------------------------------------


def test_m17_support_speeds_healing_and_union():
    base = ens("chaser-surrenders", 90)
    helped = ens("chaser-surrenders", 90, b__support_per_week=1.0)
    assert share(helped["wound_b"] < base["wound_b"]) > 0.95
    base = ens("chaser-surrenders", 1095)
    both = ens("chaser-surrenders", 1095, a__support_per_week=1.0, b__support_per_week=1.0)
    reached = base["united"] & both["united"]
    assert reached.sum() > 100
    assert share(both["days_to_union"][reached] < base["days_to_union"][reached]) > 0.9
    assert both["days_to_union"].median() < base["days_to_union"].median() - 10


# --- M18: hours to years; every journey differs -----------------------------------------------


def test_m18_separations_last_from_hours_to_years():
    t = trace("too-wounded-this-life", 1095, 6, (L.PHASE,), runs=200)
    phases = t["trace"][:, :, 0].astype(int)
    lengths = np.array([(stop - begin) * float(t["dt"]) for i in range(phases.shape[1])
                        for begin, stop, code in _runs(phases[:, i])
                        if code == L.PHASE_SEPARATION])
    assert lengths.size > 50
    assert (lengths < 1).sum() >= 5
    assert (lengths > 365).sum() >= 5


def test_m18_every_journey_differs():
    varied = ens("chaser-surrenders", 1095, dt_hours=6)
    fixed = ("a.wound", "b.fear", "a.healing_rate", "b.healing_rate")
    uniform = ens("chaser-surrenders", 1095, dt_hours=6, fixed=fixed, wound_noise=0.0)
    spread = varied["days_to_union"].std()
    assert spread > 10  # days
    assert spread > 5 * uniform["days_to_union"].std()
    assert varied["outcome"].nunique() >= 2
    runs = [tf.simulate("chaser-surrenders", seed=s, dt_hours=6) for s in range(8)]
    assert len({r.metrics["days_to_union"] for r in runs}) >= 6
    assert len({len(r.events) for r in runs}) >= 2  # what happens on the way differs too
