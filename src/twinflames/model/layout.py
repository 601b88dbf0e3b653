"""Where each quantity lives in the flat state and parameter vectors.

The engines keep a dyad as two float64 vectors, ``state`` and ``params``, so that a batch of
dyads is a 2-D array that can be copied, resampled and handed to compiled code. This module is
the single map from names to positions. Twin quantities come in two blocks (twin ``a`` first,
then twin ``b``); dyad quantities follow.

The compiled kernels read these integers as constants, so after editing this file delete the
Numba cache (``find src -name '*.nb*' -delete``).
"""

# --- state: per-twin block -------------------------------------------------------------------
WOUND = 0  # unhealed wounds, 0 (healed) .. 1
FEAR = 1  # fear of abandonment / rejection, 0 .. 1
SELF_LOVE = 2  # regard for one's own worth and well-being, 0 .. 1
FOCUS = 3  # share of attention on the other twin (1) rather than one's own path (0)
WELLBEING = 4  # well-being, 0 .. 1
PRESSURE = 5  # pressure felt from the other's chasing, 0 .. 1
PENDING = 6  # 1 while a reach-out from the other waits for an answer
SIGNS_SEEN = 7  # 1 once signs of the other's healing have arrived
COMMUNICATED = 8  # 1 once this twin has explained an intended block
BLOCKING = 9  # 1 while this twin blocks contact
MOVED_ON = 10  # 1 once this twin has moved on (absorbing)
HEALED = 11  # 1 while the wound is below the healing threshold (with hysteresis)
ROLE = 12  # current role code (see ROLE_*)
LAST_ROLE = 13  # last role other than none
LAST_REACH_OUT = 14  # day of this twin's last reach-out (-1 if none yet)
REACH_OUTS = 15  # reach-outs made so far (a counter callers may reset)
TWIN_STATE_SIZE = 16

TWIN_STATE_NAMES = (
    "wound", "fear", "self_love", "focus", "wellbeing", "pressure", "pending", "signs_seen",
    "communicated", "blocking", "moved_on", "healed", "role", "last_role", "last_reach_out",
    "reach_outs",
)

# --- state: dyad block -------------------------------------------------------------------------
DYAD = 2 * TWIN_STATE_SIZE
CLOSENESS = DYAD + 0  # 0 (apart) .. 1 (together)
INTENSITY = DYAD + 1  # 0 (embers) .. 1 (wildfire)
TOXICITY = DYAD + 2  # 0 .. 1
TOGETHER = DYAD + 3  # 1 while close (with hysteresis between apart and close thresholds)
PHASE = DYAD + 4  # current phase code (see PHASE_*)
TIME = DYAD + 5  # days since the start
STATE_SIZE = DYAD + 6

DYAD_STATE_NAMES = ("closeness", "intensity", "toxicity", "together", "phase", "time")

# --- parameters: per-twin block (traits and policy) ------------------------------------------
HEALING_RATE = 0
WOUND_FLOOR = 1
REACH_OUT_RATE = 2
REACH_OUT_ON_SIGNS = 3
SURRENDER_RATE = 4
SELF_LOVE_PRACTICE = 5
BOUNDARY = 6
COMMUNICATES_FIRST = 7
SUPPORT_PER_WEEK = 8
RESPONSIVENESS = 9
DISTANCE = 10
TWIN_PARAM_SIZE = 11

TWIN_TRAIT_NAMES = ("healing_rate", "wound_floor")
POLICY_NAMES = (
    "reach_out_rate", "reach_out_on_signs", "surrender_rate", "self_love_practice", "boundary",
    "communicates_first", "support_per_week", "responsiveness", "distance",
)

# --- parameters: model block (shared by the dyad) ----------------------------------------------
MODEL = 2 * TWIN_PARAM_SIZE
CHASE_GAIN = MODEL + 0
GRAVITY = MODEL + 1
RUN_GAIN = MODEL + 2
RUN_BASE = MODEL + 3
CHASE_PRESSURE = MODEL + 4
FOCUS_PRESSURE = MODEL + 5
PRESSURE_DECAY = MODEL + 6
REOPEN = MODEL + 7
SEPARATION_HEALING = MODEL + 8
FOCUS_DRAG = MODEL + 9
SELF_LOVE_HEALING = MODEL + 10
MIRROR = MODEL + 11
TOXIC_DRAG = MODEL + 12
SUPPORT_GAIN = MODEL + 13
HEAL_THRESHOLD = MODEL + 14
WOUND_NOISE = MODEL + 15
IGNITION = MODEL + 16
INTENSITY_DECAY = MODEL + 17
TOXICITY_BUILD = MODEL + 18
TOXICITY_DECAY = MODEL + 19
TOXIC_WOUNDING = MODEL + 20
BLOCK_RELIEF = MODEL + 21
SELF_PRESERVATION = MODEL + 22
TRIGGER = MODEL + 23
REJECTION_FEAR = MODEL + 24
REPLY_RATE = MODEL + 25
IGNORE_RATE = MODEL + 26
REPLY_CLOSENESS = MODEL + 27
WITHDRAW_RATE = MODEL + 28
WITHDRAW_DROP = MODEL + 29
BLOCK_RATE = MODEL + 30
UNBLOCK_RATE = MODEL + 31
BLOCK_DECAY = MODEL + 32
SIGN_RATE = MODEL + 33
MOVE_ON_RATE = MODEL + 34
FEAR_RELIEF = MODEL + 35
REFOCUS = MODEL + 36
WELLBEING_RATE = MODEL + 37
TOXIC_HARM = MODEL + 38
CLOSE_THRESHOLD = MODEL + 39
APART_THRESHOLD = MODEL + 40
TOXIC_THRESHOLD = MODEL + 41
ROLE_THRESHOLD = MODEL + 42
PARAM_SIZE = MODEL + 43

MODEL_PARAM_NAMES = (
    "chase_gain", "gravity", "run_gain", "run_base", "chase_pressure", "focus_pressure",
    "pressure_decay", "reopen", "separation_healing", "focus_drag", "self_love_healing", "mirror",
    "toxic_drag", "support_gain", "heal_threshold", "wound_noise", "ignition", "intensity_decay",
    "toxicity_build", "toxicity_decay", "toxic_wounding", "block_relief", "self_preservation",
    "trigger", "rejection_fear", "reply_rate", "ignore_rate", "reply_closeness", "withdraw_rate",
    "withdraw_drop", "block_rate", "unblock_rate", "block_decay", "sign_rate", "move_on_rate",
    "fear_relief", "refocus", "wellbeing_rate", "toxic_harm", "close_threshold",
    "apart_threshold", "toxic_threshold", "role_threshold",
)

# --- codes ---------------------------------------------------------------------------------------
ROLE_NONE, ROLE_RUNNER, ROLE_CHASER = 0, 1, 2
ROLES = ("none", "runner", "chaser")

PHASE_CHASE = 0
PHASE_SEPARATION = 1
PHASE_MUTUAL_RUNNING = 2
PHASE_TURBULENCE = 3
PHASE_BLOCKED = 4
PHASE_UNION = 5
PHASE_ENDED = 6
PHASES = ("chase", "separation", "mutual_running", "turbulence", "blocked", "union", "ended")
# the outcome at the horizon is named after the phase the dyad is in then
OUTCOMES = ("chasing", "separated", "mutual_running", "toxic", "blocked", "union", "moved_on")

# events a twin chooses among each step (one uniform draw decides; at most one per twin per step)
EV_NONE = -1  # nothing happened
EV_FORCE_NONE = -2  # a forced "nothing happened" (an observation of no event)
EV_REACH_OUT = 0
EV_REPLY = 1
EV_IGNORE = 2
EV_WITHDRAW = 3
EV_COMMUNICATE = 4
EV_BLOCK = 5
EV_UNBLOCK = 6
EV_SIGN_DREAM = 7
EV_SIGN_SONG = 8
EV_SIGN_MESSAGE = 9
EV_MOVED_ON = 10
N_TWIN_EVENTS = 11
TWIN_EVENTS = (
    "reach_out", "reply", "ignore", "withdraw", "communicate", "block", "unblock", "sign", "sign",
    "sign", "moved_on",
)
SIGN_KINDS = {EV_SIGN_DREAM: "dream", EV_SIGN_SONG: "song", EV_SIGN_MESSAGE: "message"}

# events that follow from the state (no draw): bit flags of one step
FLAG_HEALED_A = 1
FLAG_HEALED_B = 2
FLAG_SWAP_A = 4
FLAG_SWAP_B = 8
FLAG_REUNION = 16
FLAG_SEPARATION = 32
