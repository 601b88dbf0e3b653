"""Each preset shows what its ``shows`` field says, over an ensemble.

Where a claim is comparative ("later than the same dyads who wait", "sooner than
'chaser-surrenders'") the comparison runs on the same dyads: same seed, same parameter draws,
same random streams. Ensembles are cached per module.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

import twinflames as tf
from twinflames.engine.kernels import start
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import seed_keys
from twinflames.engine.step import step_batch
from twinflames.model import layout as L

SEED = 424242
RUNS = 300
B = L.TWIN_STATE_SIZE  # offset of twin b's block in the state vector
THETA = tf.Model().heal_threshold


@cache
def _ens(name: str, days: float | None, dt_hours: float, changes: tuple) -> pd.DataFrame:
    sc = tf.load(name).with_changes(dict(changes)) if changes else tf.load(name)
    s = tf.ensemble(sc, RUNS, seed=SEED, days=days, dt_hours=dt_hours, progress=False).summary
    s = s.copy()
    s["united"] = s["days_to_union"].notna()
    s["union_by"] = s["days_to_union"].fillna(np.inf)  # censored: never = after the horizon
    return s


def ens(name: str, days: float | None = None, dt_hours: float = 24, **changes) -> pd.DataFrame:
    """Ensemble summary of a preset (its own horizon unless ``days``); keyword changes use
    ``__`` for ``.`` (``b__policy="guided"``)."""
    flat = tuple(sorted((k.replace("__", "."), v) for k, v in changes.items()))
    return _ens(name, days, dt_hours, flat)


@cache
def _trace(name: str, days: float, dt_hours: float, changes: tuple,
           cols: tuple[int, ...]) -> dict[str, np.ndarray]:
    """The ensemble's dyads stepped one step at a time, keeping ``cols`` of every step."""
    sc = tf.load(name).with_changes({**dict(changes), "seed": SEED, "days": days,
                                     "dt_hours": dt_hours})
    key, param_key = seed_keys(sc.seed)
    ids = np.arange(RUNS, dtype=np.int64)
    states, params = pack_many(sc, ids, param_key)
    for i in range(RUNS):
        start(states[i], params[i])
    forced = np.full((RUNS, 2), L.EV_NONE, dtype=np.int64)
    events = np.empty((RUNS, 2), dtype=np.int64)
    logp, flags = np.empty(RUNS), np.empty(RUNS, dtype=np.int64)
    trace = [states[:, list(cols)].copy()]
    for k in range(sc.n_steps):
        step_batch(states, params, key, ids, k, sc.dt, forced, events, logp, flags)
        trace.append(states[:, list(cols)].copy())
    return {"trace": np.array(trace), "final": states, "dt": np.array(sc.dt)}


def trace(name: str, days: float, dt_hours: float, cols: tuple[int, ...], **changes):
    flat = tuple(sorted((k.replace("__", "."), v) for k, v in changes.items()))
    return _trace(name, days, dt_hours, flat, tuple(cols))


def share(mask) -> float:
    return float(np.mean(np.asarray(mask, dtype=bool)))


def test_every_preset_states_its_claim():
    names = tf.preset_names()
    assert len(names) == 11
    for sc in tf.presets():
        assert sc.shows and sc.section and sc.description, sc.name


# --- classic ----------------------------------------------------------------------------------


def test_classic_the_chase_goes_on_and_union_is_rare():
    s = ens("classic")
    assert s["united"].mean() < 0.1
    assert s["outcome"].value_counts().idxmax() == "chasing"
    assert share(s["days_chase"] > 0.5 * 1095) > 0.8
    assert share(s["wound_a"] > THETA) > 0.9  # the runner's wounds stay open
    # the same dyads without the chase: the runner's wounds close
    no_chase = ens("classic", b__policy="guided")
    assert share(no_chase["wound_a"] < s["wound_a"] - 0.2) > 0.9


# --- chaser-surrenders ------------------------------------------------------------------------


def test_chaser_surrenders_union_within_three_years_far_likelier_than_classic():
    classic, surrenders = ens("classic", days=1095), ens("chaser-surrenders", days=1095)
    assert surrenders["united"].mean() > classic["united"].mean() + 0.5
    assert share(surrenders["wound_a"] < classic["wound_a"]) > 0.95  # the runner's wounds close
    both_healed = (surrenders["wound_a"] < THETA) & (surrenders["wound_b"] < THETA)
    assert share(both_healed) > 0.8


# --- both-heal --------------------------------------------------------------------------------


def test_both_heal_union_comes_soonest():
    both = ens("both-heal", days=1095)
    assert both["united"].mean() > 0.8
    for other in (ens("chaser-surrenders", days=1095), ens("classic", days=1095,
                                                            a__policy="guided")):
        united = both["united"] & other["united"]
        if united.sum() >= 30:
            assert share(both["days_to_union"][united] < other["days_to_union"][united]) > 0.9
        assert share(both["union_by"] < other["union_by"]) > 0.5
    assert both["days_to_union"].median() < ens("chaser-surrenders",
                                                 days=1095)["days_to_union"].median() - 10
    # separation does its work: the twins spend time apart before they unite
    assert share(both["days_separation"][both["united"]] > 30) > 0.9


# --- runner-returns-wounded -------------------------------------------------------------------


def test_runner_returns_wounded_the_chase_turns_into_mutual_running():
    s = ens("runner-returns-wounded", days=365)
    assert share(s["days_mutual_running"] > 0) > 0.8
    assert share(s["days_chase"] > 0) > 0.9  # there was a chase to turn
    t = trace("runner-returns-wounded", 365, 24, (B + L.ROLE, L.WOUND))
    b_runs = (t["trace"][:, :, 0] == L.ROLE_RUNNER).any(axis=0)
    assert share(b_runs) > 0.8  # the chaser runs too ...
    assert share(t["trace"][:, :, 1].min(axis=0) > THETA) > 0.9  # ... from a runner still wounded
    # a runner who comes back healed does not set it off
    healed = ens("runner-returns-wounded", days=365, a__wound=0.2)
    assert share(healed["days_mutual_running"] > 0) < 0.1


# --- wildfire ---------------------------------------------------------------------------------


def test_wildfire_intensity_flares_and_turns_toxic():
    start_intensity = tf.load("wildfire").dyad.intensity
    s = ens("wildfire", days=365)
    assert share(s["peak_intensity"] > start_intensity) > 0.95
    assert share(s["days_toxic"] > 0) > 0.5
    # the same twins kept apart: embers, not a wildfire
    apart = ens("wildfire", days=365, dyad__closeness=0.05)
    assert (apart["days_toxic"] == 0).all()
    assert share(apart["peak_intensity"] < s["peak_intensity"]) > 0.95


# --- co-dependent -----------------------------------------------------------------------------


def test_co_dependent_closeness_lasts_turns_toxic_and_wears_both_down():
    s = ens("co-dependent", days=365)
    assert share(s["days_turbulence"] > 30) > 0.9  # weeks of hurting closeness
    assert share(s["days_toxic"] > 0) > 0.9
    assert s["wellbeing_a"].mean() < 0.2 and s["wellbeing_b"].mean() < 0.2
    # the same dyads with self-love (M7): they walk away within weeks and keep their well-being
    loved = ens("co-dependent", days=365, a__self_love=0.7, b__self_love=0.7)
    assert share(loved["days_turbulence"] > 30) < 0.1
    assert share(loved["days_toxic"] > 0) < 0.1
    assert loved["wellbeing_a"].mean() > 0.4 and loved["wellbeing_b"].mean() > 0.4


# --- toxic-union-role-swap --------------------------------------------------------------------


def test_toxic_union_role_swap_the_former_chaser_runs():
    s = ens("toxic-union-role-swap")
    assert (s["days_to_union"] == 0).all()  # it starts as a union
    swaps = 0
    for dyad in range(30):
        run = tf.simulate("toxic-union-role-swap", seed=SEED, days=180, dt_hours=6, dyad=dyad,
                          draw=True)
        swaps += any(e["kind"] == "role_swap" and e["who"] == "b" and e["role"] == "runner"
                     for e in run.events)
    assert swaps >= 24
    # without the toxicity the former chaser does not run from the union
    t = trace("toxic-union-role-swap", 30, 6, (B + L.ROLE,))
    calm = trace("toxic-union-role-swap", 30, 6, (B + L.ROLE,), toxicity_build=0.0,
                 dyad__toxicity=0.0)
    b_runs = (t["trace"][1:, :, 0] == L.ROLE_RUNNER).mean()
    b_runs_calm = (calm["trace"][1:, :, 0] == L.ROLE_RUNNER).mean()
    assert b_runs > 0.6 and b_runs_calm < 0.15


# --- block-for-sanity -------------------------------------------------------------------------


def test_block_for_sanity_blocking_makes_toxicity_fall_faster():
    s = ens("block-for-sanity")
    assert share(s["blocks"] > 0) > 0.9

    def days_to_calm(t: dict) -> np.ndarray:
        calm = t["trace"][:, :, 0] < 0.1
        return np.where(calm.any(axis=0), calm.argmax(axis=0) * float(t["dt"]), np.inf)

    blocking = days_to_calm(trace("block-for-sanity", 365, 24, (L.TOXICITY,)))
    not_blocking = days_to_calm(trace("block-for-sanity", 365, 24, (L.TOXICITY,),
                                      b__boundary=1.0))
    assert share(blocking < not_blocking) > 0.8
    assert np.median(not_blocking) > 2 * np.median(blocking)


# --- too-wounded-this-life --------------------------------------------------------------------


def test_too_wounded_this_life_the_healed_twin_moves_on():
    s = ens("too-wounded-this-life")
    assert s["days_to_moved_on"].notna().mean() > 0.8
    assert (s["outcome"] == "moved_on").mean() > 0.5
    assert not s["united"].any()
    t = trace("too-wounded-this-life", 1095, 24, (L.WOUND, B + L.WOUND))
    final = t["final"]
    moved_b, moved_a = final[:, B + L.MOVED_ON] == 1, final[:, L.MOVED_ON] == 1
    assert share(moved_b) > 0.8 and not moved_a.any()  # the healed twin (b) is the one
    assert share(final[moved_b, B + L.WOUND] < THETA) > 0.95
    assert (t["trace"][:, :, 0] > THETA).all()  # the other twin never heals


# --- reach-out-at-the-end ---------------------------------------------------------------------


def test_reach_out_at_the_end_union_comes_later_than_waiting():
    reaching = ens("reach-out-at-the-end", days=730)
    waiting = ens("reach-out-at-the-end", days=730, b__reach_out_on_signs=0.0)
    assert reaching["reach_outs_b"].mean() > 5 and (waiting["reach_outs_b"] == 0).all()
    later = share(reaching["union_by"] > waiting["union_by"])
    sooner = share(reaching["union_by"] < waiting["union_by"])
    assert later > 0.15 and later > 5 * sooner
    assert reaching["united"].mean() < waiting["united"].mean() - 0.1


# --- with-support -----------------------------------------------------------------------------


def test_with_support_union_comes_sooner_than_chaser_surrenders():
    helped, alone = ens("with-support"), ens("chaser-surrenders")
    united = helped["united"] & alone["united"]
    assert united.sum() > 100
    sooner = alone["days_to_union"][united] - helped["days_to_union"][united]
    assert sooner.mean() > 4 * sooner.std() / np.sqrt(sooner.size)  # paired, same dyads
    assert share(sooner > 0) > 0.6
    assert helped["days_to_union"].median() < alone["days_to_union"].median()
    quarter = (ens("with-support", days=90), ens("chaser-surrenders", days=90))
    assert share(quarter[0]["wound_b"] < quarter[1]["wound_b"]) > 0.95  # healing is faster
