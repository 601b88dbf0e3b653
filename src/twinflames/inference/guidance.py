"""What the article suggests for the most likely phase and role, in our own words, tied to the
person's own numbers. Kind and safe by construction: no line suggests contacting the other, no
line promises a reunion, a reach-out after a pause is never called a failure, and every answer
ends with where to turn when unsafe."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import params as sections
from ..wording import counted
from .result import InferenceResult
from .words import (
    PHASE_WORDS,
    is_clear,
    logged_block,
    phase_sentence,
    role_sentence,
    signed,
    top_two,
)

NOT_THERAPY = ("This is a model of one article's ideas, not therapy. If you feel unsafe or think "
               "about harming yourself, call your local emergency number or a crisis line now.")
CHANCES = "These are chances from a simulation, not a prediction of your life."

# (phase, keeper's role or None for any) -> (article section, suggestion in our own words)
ADVICE: dict[tuple[str, str | None], tuple[str, str]] = {
    ("chase", "chaser"): (sections.BREAKING,
                          "The article sees chasing as the very thing that keeps the other "
                          "running, and it asks the one who chases to bring their attention "
                          "home to their own healing. When an urge comes, notice it, let it "
                          "pass if you can, and spend that moment on something that looks "
                          "after you."),
    ("chase", "runner"): (sections.INTRO,
                          "In the article, running comes from wounds that have not healed yet "
                          "more than from the other person. Taking space is allowed; use it for "
                          "your own healing, and be clear with yourself about what you need."),
    ("chase", None): (sections.BREAKING,
                      "The article describes the chase as a loop both people keep going. The "
                      "part you can change is your own: your attention, your healing, your "
                      "boundaries."),
    ("separation", None): (sections.APART,
                           "The article treats time apart as the season in which healing "
                           "happens. Use it for your own life: rest, practice, support, the "
                           "things that make you feel like yourself."),
    ("mutual_running", None): (sections.SEPARATION,
                               "The article warns that when both pull away while still caught "
                               "up in each other, the pain goes round in circles. Its advice is "
                               "to get on with your own life and your own path."),
    ("turbulence", None): (sections.TOXIC,
                           "Close but hurting: the article reads toxicity as a sign that inner "
                           "work remains for both, and says an intense fire settles better with "
                           "time out than with more closeness. Firm boundaries protect your "
                           "well-being."),
    ("blocked", None): (sections.BLOCKING,
                        "The article treats a block as a boundary made for someone's own "
                        "peace; respecting it, whoever set it, protects you both. This is a time "
                        "to put your energy into your own healing."),
    ("union", None): (sections.SWAP,
                      "Together and calm. The article notes that roles can swap if toxicity "
                      "creeps back, so keep the practices and boundaries that got you here."),
    ("ended", None): (sections.FOCUS,
                      "The article says nobody is meant to put their life on hold for another; "
                      "moving forward on your own path is not a betrayal of anyone."),
}
BLOCKED_BY_THEM = ("They have closed contact. Please respect that boundary: it is theirs to "
                   "open, and the article's advice is to turn toward your own healing.")
AFTER_A_PAUSE = ("You reached out this week after a stretch without. Urges are strong and "
                 "that is human; it does not undo what you have built. Each day is a fresh "
                 "start.")
SIGNS = (sections.SIGNS,
         "You logged signs recently. The article's advice when signs come is patience: wait, and "
         "keep your attention on your own path rather than acting on them.")


@dataclass
class Guidance:
    """Guidance for one journal: the lines to show and the numbers they rest on."""

    phase: str
    role: str
    section: str
    lines: list[str]
    numbers: dict

    def to_dict(self) -> dict:
        return {"phase": self.phase, "role": self.role, "section": self.section,
                "lines": self.lines, "numbers": self.numbers}

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _week(days, values: np.ndarray) -> int:
    return int(values[max(0, days.n - 7):].sum())


def _advice(phase: str, role: str) -> tuple[str, str]:
    return ADVICE.get((phase, role)) or ADVICE[phase, None]


def _change(figure: dict, what: str, unit: str) -> str:
    """A paired difference in words: "raised your expected well-being by 29 points out of 100
    (26 to 34 for 90 in 100 couples like yours)", "did not change the chance of a block"."""
    mid, low, high = (round(figure[k]) for k in ("of_100", "low", "high"))
    if mid == low == high == 0:
        return f"did not change {what}"
    verb = "raised" if mid > 0 else "lowered" if mid < 0 else "changed"
    return (f"{verb} {what} by {abs(mid)} {unit} ({signed(low)} to {signed(high)} for 90 "
            "in 100 couples like yours)")


def guide(result: InferenceResult, runs: int = 1000, horizon: int = 90) -> Guidance:
    """Guidance for the most likely phase and the keeper's most likely role.

    When the journal can't tell the two likeliest phases apart (see
    :data:`~twinflames.inference.words.CLEAR_MARGIN`) it says so and gives the article's words
    for both. A block is stated as a fact only when the journal logs it. ``runs`` futures of
    ``horizon`` days compare carrying on as now with the article's path (``me=guided``), on the
    same dyads.
    """
    days = result.days
    phase, role = result.most_likely()
    p_phase, p_role = result.phase[phase], result.roles["me"][role]
    # the role-specific words only for a role the journal shows clearly
    shown = role if is_clear(result.roles["me"]) else "none"
    section, advice = _advice(phase, shown)
    fact = logged_block(result)
    lines = [fact] if fact else []
    lines += [phase_sentence(result), role_sentence(result)]
    if is_clear(result.phase):
        lines.append(f"From the article, \"{section}\": {advice}")
    else:
        for candidate in top_two(result.phase):
            sec, text = _advice(candidate, shown)
            lines.append(f"If it is {PHASE_WORDS[candidate]}, the article's words, from "
                         f"\"{sec}\": {text}")
    if days.blocked_by_them:
        lines.append(BLOCKED_BY_THEM)
    reach_week = _week(days, days.reach_outs_me)
    urges_week = _week(days, days.urges)
    lines.append(f"Your numbers this week: {counted(reach_week, 'reach-out')} and "
                 f"{counted(urges_week, 'urge')} logged.")
    before = days.reach_outs_me[max(0, days.n - 14):max(0, days.n - 7)].sum()
    if reach_week and not before and days.n >= 14:
        lines.append(AFTER_A_PAUSE)
    if days.signs[max(0, days.n - 14):].sum():
        lines.append(f"From \"{SIGNS[0]}\": {SIGNS[1]}")
    fc = result.forecast(vs=("me=current", "me=guided"), days=horizon, runs=runs).to_dict()
    diff = fc["choices"]["me=guided"]["difference"]
    well, block = diff["wellbeing"], diff["blocked"]
    lines.append(
        f"In {runs:,} simulated futures of {horizon} days from where you are, following the "
        f"article's path (no reaching out, self-love, letting go of the outcome) instead of "
        f"carrying on as now {_change(well, 'your expected well-being', 'points out of 100')} "
        f"and {_change(block, 'the chance of a block', 'in 100')}. {CHANCES}")
    lines.append(NOT_THERAPY)
    return Guidance(phase=phase, role=role, section=section, lines=lines,
                    numbers={"reach_outs_this_week": reach_week, "urges_this_week": urges_week,
                             "phase_probability": round(p_phase, 4),
                             "role_probability": round(p_role, 4),
                             "phase_clear": is_clear(result.phase),
                             "blocked_by_them": days.blocked_by_them, "forecast": fc})
