"""The "Where am I?" answer in plain sentences, with honest doubt.

Pure functions of an :class:`~twinflames.inference.result.InferenceResult`. Rules:

- a phase or role is called "most likely" only when its chance beats the next one by at least
  :data:`CLEAR_MARGIN`; otherwise the sentence says the journal can't tell yet between the two,
  and which kind of entry would tell them apart;
- a state is stated as a fact only when the journal logs it: a block (by either side) that no
  later unblock undid. Everything else is a chance out of 100.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..model import layout as L
from ..model.classify import CHASE_MEMORY

if TYPE_CHECKING:
    from .result import InferenceResult

CLEAR_MARGIN = 0.2  # "most likely" only when the top chance leads the next by 20 in 100

PHASE_WORDS = {"chase": "the chase", "separation": "separation",
               "mutual_running": "both of you running", "turbulence": "turbulence",
               "blocked": "a block", "union": "union", "ended": "one of you having moved on"}
# the kind of entry that points to each phase rather than another
PHASE_TELLS = {
    "chase": "reaching out that the other leaves unanswered or pulls away from",
    "separation": "days without contact while you tend to your own life (practices, calmer "
                  "ratings, urges you let pass)",
    "mutual_running": "both of you pulling away (withdrawing, leaving messages unanswered) "
                      "while the urges stay strong",
    "turbulence": "time together that turns hurtful (a conflict entry)",
    "blocked": "a block entry, by either of you",
    "union": "time together that stays calm",
    "ended": "long quiet stretches with no contact, no urges and no signs",
}
ROLE_WORDS = {"chaser": "chasing", "runner": "running", "none": "neither running nor chasing"}
ROLE_TELL = ("Logging what you do about contact each day (reaching out, urges, pulling away, "
             "or a day with none of these) would tell your role apart.")
# what each logged event is called in a sentence, by who logged it
EVENT_WORDS = {"moved_on": ("your moving on", "their moving on"),
               "reach_out": ("your reaching out", "their reaching out"),
               "reply": ("your reply", "their reply"),
               "ignore": ("your leaving it unanswered", "their leaving it unanswered"),
               "withdraw": ("your pulling away", "their pulling away"),
               "communicate": ("your saying what you need", "their saying what they need"),
               "block": ("your block", "their block"),
               "unblock": ("your unblock", "their unblock"),
               "sign": ("the sign you noticed", "the sign you noticed")}


# the forecast's choices and outcomes in words (the same words as the Journal page, text.js)
CHOICE_WORDS = {"me=current": "as you are now", "me=guided": "follow the article",
                "me=anxious": "keep chasing", "me=avoidant": "avoid", "me=secure": "secure"}
OUTCOME_WORDS = {"union": "together and calm", "apart": "still apart",
                 "blocked": "contact closed", "moved_on": "one moved on",
                 "turbulence": "close but stormy", "wellbeing": "your well-being"}
WIDE = 90  # a range covering this much of 0-100 says nothing: say "can't tell yet" instead


def choice_words(choice: str) -> str:
    """A forecast choice in words; a change of a parameter is named as "your change: ..."."""
    return CHOICE_WORDS.get(choice, f"your change: {choice.replace('me.', '').replace('_', ' ')}")


def count_words(figure: dict) -> str:
    """``{"of_100", "low", "high"}`` as "66 (50–80)", or "can't tell yet" for a range so
    wide it says nothing."""
    if figure["high"] - figure["low"] >= WIDE:
        return "can't tell yet"
    return f"{figure['of_100']:.0f} ({figure['low']:.0f}–{figure['high']:.0f})"


def difference_words(figure: dict) -> str:
    """A paired difference as "+46 (+35 to +56)"; no sign on nothing; "can't tell yet" for a
    range so wide it says nothing."""
    if figure["high"] - figure["low"] >= WIDE:
        return "can't tell yet"
    return f"{signed(figure['of_100'])} ({signed(figure['low'])} to {signed(figure['high'])})"


def signed(v: float) -> str:
    """A change rounded to a whole number with its sign ("+3", "-2"), and "0" for none."""
    return "0" if round(v) == 0 else f"{v:+.0f}"


def misfit_words(code: int, who: str) -> str:
    """A logged event of ``me`` or ``them`` in plain words ("their reply")."""
    return EVENT_WORDS[L.TWIN_EVENTS[code]][who == "them"]


def _per100(p: float) -> str:
    return f"{100 * p:.0f} in 100"


def top_two(probs: dict[str, float]) -> tuple[str, str]:
    """The names of the largest and the second largest chance."""
    first, second = sorted(probs, key=probs.get, reverse=True)[:2]
    return first, second


def is_clear(probs: dict[str, float]) -> bool:
    """Whether the top chance leads the next by at least :data:`CLEAR_MARGIN`."""
    first, second = top_two(probs)
    return probs[first] - probs[second] >= CLEAR_MARGIN


def logged_block(result: InferenceResult) -> str | None:
    """A sentence stating the block the journal logs (and no later unblock undid), else None."""
    days = result.days
    if days.blocked_by_them:
        return "Contact is closed: your journal logs that they blocked it."
    if days.blocked_by_me:
        return "Contact is closed: your journal logs that you blocked it."
    return None


def phase_answer(probs: dict[str, float]) -> str:
    """What the journal shows of the phase, after "your journal": "most likely shows …" with a
    clear margin, else "can't tell yet between … and …" (both chances out of 100)."""
    a, b = top_two(probs)
    if is_clear(probs):
        return f"most likely shows {PHASE_WORDS[a]} ({_per100(probs[a])})"
    return (f"can't tell yet between {PHASE_WORDS[a]} ({_per100(probs[a])}) and "
            f"{PHASE_WORDS[b]} ({_per100(probs[b])})")


def phase_sentence(result: InferenceResult) -> str:
    """The phase in one or two sentences (:func:`phase_answer`); when the journal can't tell,
    the kind of entry that would tell the two front runners apart; when the honest-doubt rule
    held the answer at 95 in 100, that it did."""
    probs = result.phase
    text = f"As of {result.as_of}, your journal {phase_answer(probs)}."
    a, b = top_two(probs)
    if not is_clear(probs):
        return (f"{text} What would tell them apart: {PHASE_TELLS[a]} points to "
                f"{PHASE_WORDS[a]}; {PHASE_TELLS[b]} points to {PHASE_WORDS[b]}.")
    if result.diagnostics.get("held_back"):
        text += (" It stays at that: your journal doesn't record this directly, and the entries "
                 "so far don't settle it.")
    return text


def _likely_or_unsure(probs: dict[str, float], words: dict[str, str], sure: str,
                      unsure: str) -> str:
    """``sure`` with ``{choice}`` (the top one and its chance) when it leads by a clear margin,
    else ``unsure`` with ``{choices}`` (the top two, each with its chance)."""
    a, b = top_two(probs)
    if is_clear(probs):
        return sure.format(choice=f"{words[a]} ({_per100(probs[a])})")
    return unsure.format(choices=f"{words[a]} ({_per100(probs[a])}) or {words[b]} "
                                 f"({_per100(probs[b])})")


def role_sentence(result: InferenceResult) -> str:
    """Both roles, each "most likely" only with a clear margin."""
    parts = [_likely_or_unsure(result.roles[who], ROLE_WORDS,
                               f"{subject} are most likely {{choice}}",
                               f"it can't tell yet whether {subject} are {{choices}}")
             for who, subject in (("me", "you"), ("them", "they"))]
    text = f"{parts[0][0].upper()}{parts[0][1:]}; {parts[1]}."
    if not is_clear(result.roles["me"]):
        text += f" {ROLE_TELL}"
    return text


def pause_sentence(result: InferenceResult) -> str | None:
    """For a keeper read as chasing whose last logged reach-out is a few days old (within
    :data:`~twinflames.model.classify.CHASE_MEMORY`): what a pause means in the model, so that
    someone who has just stopped is not left with "chasing" alone. None otherwise."""
    days = result.days
    if logged_block(result):  # contact is closed: the block, not a pause, is what counts
        return None
    reached = np.flatnonzero(days.reach_outs_me > 0)
    if not len(reached) or max(result.roles["me"], key=result.roles["me"].get) != "chaser":
        return None
    ago = days.n - 1 - int(reached[-1])
    if not 1 <= ago <= CHASE_MEMORY or not days.logged[reached[-1] + 1:].any():
        return None
    since = "yesterday" if ago == 1 else f"{ago} days ago"
    return (f"You last reached out {since}. Chasing here means reaching out: if you have "
            f"stopped, a week without it reads as separation, time apart in which each of you "
            f"can heal.")


def state_sentences(result: InferenceResult) -> list[str]:
    """The hidden states of both, as median and 90% interval, or "mostly unknown"."""
    lines = []
    for who, label in (("me", "Your"), ("them", "Their")):
        for name, s in result.states[who].items():
            text = name.replace("_", " ").replace("wellbeing", "well-being").replace(
                "self love", "self-love")
            if s["mostly_unknown"]:
                lines.append(f"{label} {text}: mostly unknown (the journal barely moved it from "
                             f"the starting guess, {s['prior']['low']:.2f}-"
                             f"{s['prior']['high']:.2f}).")
            else:
                lines.append(f"{label} {text}: about {s['median']:.2f} (90% between "
                             f"{s['low']:.2f} and {s['high']:.2f}, on a 0-1 scale).")
    return lines


def _times(x: float) -> str:
    return f"{x:.1f}" if x < 9.95 else f"{x:.0f}"


def _per_day(rate: float) -> str:
    """A rate per day in words: "about 2 times a day", "about once every 5 days"."""
    if rate >= 0.95:
        return f"{rate:.0f} times a day" if rate >= 1.5 else "once a day"
    return f"once every {1.0 / rate:.0f} days"


def _barely(figure: dict) -> str:
    return (" Your journal has barely narrowed this down yet."
            if figure["moved"] < MOSTLY_UNKNOWN_PACE else "")


MOSTLY_UNKNOWN_PACE = 0.25  # below this much movement from the prior, say it is barely known
STYLE_WORDS = {"as_is": "rate your days as they feel",
               "higher": "rate your days a notch higher than the model reads them",
               "lower": "rate your days a notch lower than the model reads them"}


def _times_sentence(entry: dict, opening: str, usual: str, journal_range: str) -> str:
    """One pace figure said as times the model's usual, with the journal's 90 in 100 range
    (``journal_range`` with ``{low}`` and ``{high}``) beside the model's range of people."""
    t, u = entry["times_usual"], entry["usual_range"]
    inside = journal_range.format(low=_times(t["low"]), high=_times(t["high"]))
    return (f"{opening} about {_times(t['median'])} times {usual} ({inside} times), compared "
            f"with {_times(u['low'])} to {_times(u['high'])} times for people in the model's "
            f"range.{_barely(entry)}")


def pace_sentences(result: InferenceResult) -> list[str]:
    """Your own pace as the journal shows it: healing, the urge to reach out, how much an
    unanswered reach-out hurts, each with its 90 in 100 range beside the model's range of
    people; and the rating style, "most likely" only with a clear margin."""
    pace = result.pace
    if not pace:  # a result made by hand may carry none
        return []
    lines = []
    heal = pace.get("healing_rate")
    if heal:
        lines.append(_times_sentence(heal, "You seem to heal at", "the model's usual pace",
                                     "90 in 100 of what your journal allows lies between {low} "
                                     "and {high}"))
    urge = pace.get("reach_out_rate")
    if urge and urge["share_of_weight"] >= 0.5:
        p = urge["prior"]
        lines.append(f"When fear and your thoughts of them are strong, your urge to reach out "
                     f"acts about {_per_day(urge['median'])} (90 in 100: from "
                     f"{_per_day(urge['low'])} to {_per_day(urge['high'])}), compared with "
                     f"{_per_day(p['low'])} to {_per_day(p['high'])} for people in the model's "
                     f"range.{_barely(urge)}")
    hurt = pace.get("rejection_fear")
    if hurt:
        lines.append(_times_sentence(hurt, "A reach-out left unanswered seems to hurt",
                                     "as much as the model's usual", "90 in 100: {low} to {high}"))
    style = pace.get("rating_style")
    if style:
        lines.append(_likely_or_unsure(style, STYLE_WORDS, "You most likely {choice}.",
                                       "Your journal can't tell yet whether you {choices}."))
    return lines


def sentences(result: InferenceResult) -> list[str]:
    """Every sentence of the "Where am I?" answer, in order: a logged block, the phase, the
    roles, what a pause in reaching out means (:func:`pause_sentence`), the hidden states, your
    own pace, the last five entries that did not fit."""
    block = logged_block(result)
    pause = pause_sentence(result)
    return ([block] if block else []) + [phase_sentence(result), role_sentence(result),
                                          *([pause] if pause else []),
                                          *state_sentences(result), *pace_sentences(result),
                                          *result.diagnostics.get("does_not_fit", [])[-5:]]
