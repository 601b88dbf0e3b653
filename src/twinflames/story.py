"""Tell a run's story in plain, kind sentences (our own words), one per episode or turning point.

Each sentence names the day and who did what; the article section a moment illustrates is given
in brackets so a reader can look it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .results import SimulationResult

_PHASE_TEXT = {
    "chase": "{chaser} keeps trying to close the gap{while_runner}",
    "separation": "they are apart, each on their own path",
    "mutual_running": "both pull away from each other",
    "turbulence": "they are close, but old wounds make it stormy",
    "blocked": "contact is closed, giving both room to breathe",
    "union": "they are together in a calm, steady way",
    "ended": "the journey together has ended for now",
}
_SECTION = {
    "chase": "Understanding the Twin Flame Runner Chaser Dynamic",
    "separation": "Head in opposite directions for a while",
    "mutual_running": "The Twin Flame Separation Phase",
    "turbulence": "Twin Flame Intensity",
    "blocked": "Retreating or Blocking",
    "union": "Head in opposite directions for a while",
    "ended": "Shift your Focus",
}
_OUTCOME_TEXT = {
    "union": "At the end they are together and both have healed enough to stay calm.",
    "chasing": "At the end the chase is still going on.",
    "separated": "At the end they are apart, each on their own path.",
    "mutual_running": "At the end both are still pulling away from each other.",
    "toxic": "At the end they are close but it is still stormy.",
    "blocked": "At the end contact is still closed.",
    "moved_on": "At the end one of them has moved on with their own life.",
}


POLICY_WORDS = {"anxious": "anxious", "guided": "following the article's advice",
                "avoidant": "avoidant", "secure": "secure", "custom": "a way of their own"}


def _policy_words(name: str) -> str:
    """A policy's name in words; a preset with numbers changed (``guided*``) says so."""
    base = name.rstrip("*")
    words = POLICY_WORDS.get(base, base)
    return f"{words}, with some numbers changed" if name.endswith("*") else words


def _day(d: float) -> str:
    return f"Day {d:.0f}" if d >= 1 or d == 0 else f"Hour {d * 24:.0f}"


def _span(start: float, end: float) -> str:
    return f"Days {start:.0f}–{end:.0f}"


@dataclass(frozen=True)
class Story:
    """A run told in plain sentences: ``str(story)`` is the text, one sentence a line."""

    sentences: tuple[str, ...]

    def __str__(self) -> str:
        return "\n".join(self.sentences)

    @property
    def text(self) -> str:
        """The sentences as one text, one a line."""
        return str(self)


def tell(run: SimulationResult, max_sentences: int = 40) -> Story:
    """The story of ``run``: plain sentences in time order, ending with the outcome.

    Parameters
    ----------
    run : SimulationResult
        One simulated dyad (from :func:`twinflames.simulate`).
    max_sentences : int
        At most this many sentences between the opening and the outcome.

    Returns
    -------
    Story
        ``story.sentences`` (a tuple) and ``str(story)`` (the text).
    """
    sc = run.scenario
    name = {"a": sc.a.name or "a", "b": sc.b.name or "b"}
    lines: list[str] = [
        f"{name['a']} starts as the runner ({_policy_words(sc.a.policy.name)}) and {name['b']} "
        f"as the chaser ({_policy_words(sc.b.policy.name)})."]
    events = run.events
    reach_days = {t: np.array([e["day"] for e in events
                               if e["kind"] == "reach_out" and e["who"] == t]) for t in "ab"}
    moments = []
    for ep in run.phases:
        reach = {t: int(np.searchsorted(d, ep["end"]) - np.searchsorted(d, ep["start"]))
                 for t, d in reach_days.items()}
        runner = name.get(ep["runner"])
        text = _PHASE_TEXT[ep["phase"]].format(
            chaser=name.get(ep["chaser"], "one of them"),
            while_runner=f" while {runner} keeps their distance" if runner else "")
        extra = "; ".join(f"{name[t]} reaches out {n} time{'s' * (n != 1)}"
                          for t, n in reach.items() if n)
        moments.append((ep["start"], f"{_span(ep['start'], ep['end'])}: {text}"
                        + (f" ({extra})" if extra else "") + f". [{_SECTION[ep['phase']]}]"))
    last_reach = {t: float(d[-1]) if d.size else None for t, d in reach_days.items()}

    def phase_at(day: float) -> str:
        return next((ep["phase"] for ep in run.phases if ep["start"] <= day <= ep["end"]), "")

    for t in "ab":
        day = last_reach[t]
        if day is not None and day < run.days * 0.9 and phase_at(day) in (
                "chase", "separation", "mutual_running"):
            moments.append((day, f"{_day(day)}: {name[t]} stops reaching out and turns to their "
                                 "own healing."))
    seen_sign: set[str] = set()
    for e in events:
        who = name.get(e["who"], "")
        other = name["b" if e["who"] == "a" else "a"] if e["who"] else ""
        kind, day = e["kind"], e["day"]
        text = None
        if kind == "healed":
            text = f"{who}'s wounds have healed enough to feel at peace."
        elif kind == "communicate":
            text = f"{who} explains honestly why they need space. [Retreating or Blocking]"
        elif kind == "block":
            text = f"{who} blocks contact to protect their own well-being."
        elif kind == "unblock":
            text = f"{who} opens the door to contact again."
        elif kind == "sign" and e["who"] not in seen_sign:
            seen_sign.add(e["who"])
            text = (f"{who} notices a first sign (a {e['sign']}) that {other} has healed. "
                    "[How do you know if the Runner Phase is Ending]")
        elif kind == "role_swap":
            toward = "moves away from" if e["role"] == "runner" else "moves toward"
            text = f"The roles turn: {who} now {toward} {other}. [Swapping Roles]"
        elif kind == "reunion":
            text = "They come back together."
        elif kind == "moved_on":
            text = (f"{who} has healed and moves on with their own life rather than wait. "
                    "[Shift your Focus]")
        if text:
            moments.append((day, f"{_day(day)}: {text}"))
    moments.sort(key=lambda m: m[0])
    body = [m[1] for m in moments]
    if len(body) > max_sentences:
        body = body[: max_sentences - 1] + [f"… and {len(body) - max_sentences + 1} more moments."]
    return Story(tuple(lines + body + [_OUTCOME_TEXT[run.outcome]]))
