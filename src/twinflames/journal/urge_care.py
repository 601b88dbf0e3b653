"""The words of the urge flow: the acknowledgement, the practices offered and the closing lines.

In our own words after the article's "Ways toward Healing" and the sections it points to. Kind
by construction: no line shames, none promises an outcome, none suggests contacting someone who
has blocked contact, and an urge acted on resets nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from ..model import params as sections

ACKNOWLEDGE = ("You feel the pull to reach out. That is a normal part of this, and noticing it "
               "is already a step: nothing has to be decided in the next few minutes.")
BLOCKED = ("A block is logged, so this flow offers no reach-out choice. The block is a "
           "boundary to respect, whoever set it; these minutes are for you.")
OUTCOMES = ("resisted", "acted")
CLOSED = {
    "resisted": ("Logged: you let this urge pass. It took something, and it counts; it stays "
                 "in your totals."),
    "acted": ("Logged: you acted on this urge. That is human. Nothing is reset: your totals and "
              "your longest stretch stay as they are, and the next urge is a fresh moment."),
}
UNSENT_SAVED = ("Saved as an unsent letter. It stays private: left out of stats, exports and "
                "the forecasts, shown only when you ask for your letters.")
UNSENT_INVITE = ("If it helps, write what you would have sent. It is kept as a private unsent "
                 "letter and is never sent anywhere.")


@dataclass(frozen=True)
class Practice:
    """One short practice, offered (never imposed), with the article section it comes from."""

    name: str
    title: str
    section: str
    steps: str

    def to_dict(self) -> dict:
        return asdict(self)


PRACTICES = (
    Practice("self_love", "A moment of self-love", sections.SELF_LOVE,
             "Put a hand on your chest. Say to yourself, slowly, what you would say to a friend "
             "who feels this pull right now. Then do one small thing that looks after you: a "
             "glass of water, some food, a few steps outside."),
    Practice("surrender", "Letting go of the outcome", sections.BREAKING,
             "Breathe out slowly, three times. For these minutes, let go of needing to know how "
             "this ends. Write one line about something in your own life you are looking "
             "forward to."),
    Practice("meditation", "Ten slow breaths", sections.BLOCKING,
             "Sit somewhere quiet and close your eyes. Count ten slow breaths. Each time a "
             "thought of them comes, notice it kindly and bring your attention back to the "
             "breath."),
)


def practice_for(blocked: bool, today: dt.date) -> Practice:
    """The practice offered: meditation while a block is logged (the article's retreat),
    else self-love and surrender on alternate days."""
    if blocked:
        return PRACTICES[2]
    return PRACTICES[today.toordinal() % 2]
