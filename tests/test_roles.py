"""Roles mean what the article means (docs/model.md, section 8): chasing is reaching out. A
chaser who stops reaching out has no role within :data:`CHASE_MEMORY` days, even while its
longing (the drive toward the other) is as strong as before; when it reaches out again it
chases again."""

import numpy as np
import pytest

from twinflames.engine.kernels import start
from twinflames.engine.pack import pack_many
from twinflames.engine.rng import seed_keys
from twinflames.engine.step import step_batch
from twinflames.model import layout as L
from twinflames.model.classify import CHASE_MEMORY
from twinflames.model.dynamics import drive
from twinflames.scenarios import load

B = L.TWIN_STATE_SIZE
N, CHASE_DAYS, QUIET_DAYS = 200, 30, 20


def _classic(seed=3):
    rows = np.arange(N)
    key, param_key = seed_keys(seed)
    states, params = pack_many(load("classic"), rows, param_key)
    for i in range(N):
        start(states[i], params[i])
    return states, params, rows, key


def _run(states, params, rows, key, first, days, forced_b):
    forced = np.full((N, 2), L.EV_NONE, np.int64)
    forced[:, 1] = forced_b
    events, logp, flags = np.empty((N, 2), np.int64), np.empty(N), np.empty(N, np.int64)
    roles, phases, drawn = [], [], []
    eps = params[:, L.ROLE_THRESHOLD]
    for k in range(first, first + days):
        step_batch(states, params, key, rows, k, 1.0, forced, events, logp, flags)
        roles.append(states[:, B + L.ROLE].copy())
        phases.append(states[:, L.PHASE].copy())
        u_a = np.array([drive(states[i], params[i], 0, 1) for i in range(N)])
        u_b = np.array([drive(states[i], params[i], 1, 0) for i in range(N)])
        # what made a chaser before chasing needed reaching out: the pressure her attention
        # and reach-outs put on the other, or her drive, while the other does not close in
        pull = (states[:, L.PRESSURE] > 0.1) | (u_b > 0.5 * eps)
        drawn.append(pull & (u_a < 0.5 * eps))
    return np.array(roles), np.array(phases), np.array(drawn)


def test_a_chaser_who_stops_reaching_out_stops_chasing_and_chases_again_when_she_does():
    states, params, rows, key = _classic()
    roles, _, _ = _run(states, params, rows, key, 0, CHASE_DAYS, L.EV_NONE)
    chasing = roles[-1] == L.ROLE_CHASER
    assert chasing.mean() > 0.9  # the classic chaser chases while free to reach out
    # the same dyads, the chaser made silent ("nothing happened" every day)
    roles, phases, drawn = _run(states, params, rows, key, CHASE_DAYS, QUIET_DAYS,
                                L.EV_FORCE_NONE)
    after = int(CHASE_MEMORY) + 1
    assert drawn[after:][:, chasing].mean() > 0.9  # still drawn to him, by the rule of 0.1.0
    # ... yet a week after her last reach-out she has no role, and with nobody chasing the dyad
    # is apart: separation (or both running, if the runner's drive says so)
    assert (roles[after:][:, chasing] == L.ROLE_CHASER).mean() == 0.0
    assert (roles[after:][:, chasing] == L.ROLE_NONE).mean() > 0.9
    assert (phases[after:][:, chasing] == L.PHASES.index("separation")).mean() > 0.9
    # within the week she still counts as chasing (her last reach-out is recent)
    assert (roles[0][chasing] == L.ROLE_CHASER).mean() > 0.9
    # one reach-out and she chases again
    roles, _, _ = _run(states, params, rows, key, CHASE_DAYS + QUIET_DAYS, 1, L.EV_REACH_OUT)
    assert (roles[0][chasing] == L.ROLE_CHASER).mean() > 0.9


@pytest.mark.parametrize("twin, last", [(1, 0.0), (0, -1.0)])
def test_a_story_opens_with_its_chaser_having_just_reached_out(twin, last):
    states, _, _, _ = _classic()
    assert np.all(states[:, twin * B + L.LAST_REACH_OUT] == last)
