"""The kind contract: what a journal entry may say, and one validator for every way in.

Three groups of kinds (names match the simulator's events where one exists):

- contact, ``who`` is ``me`` or ``them``: reach_out, reply, ignore, withdraw, communicate, block,
  unblock, together, conflict;
- inner life, always ``me``: urge, practice, support, sign, trigger, note, unsent;
- ratings 1–5, always ``me``: wellbeing, anxiety, intensity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from ..errors import InputError

WHO = ("me", "them")
FIELDS = ("date", "time", "kind", "who", "value", "detail", "note")
MAX_TEXT = 20_000
# The dates a journal accepts: a life's span, with room for remembered years and plans; far
# dates once made a journal's week-by-week stats overflow.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
DATE_RANGE = f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"


@dataclass(frozen=True)
class Kind:
    """One kind of entry: its group, meaning and the rules for its fields."""

    name: str
    group: str  # "contact", "inner" or "rating"
    meaning: str
    value: str = "none"  # "none", "count" (a whole number >= 1) or "rating" (1-5, required)
    details: tuple[str, ...] = ()  # allowed details; empty means free text
    detail_required: bool = False
    note_required: bool = False
    private: bool = False  # left out of lists, stats, exports and inference unless asked


_CONTACT = {
    "reach_out": "reaching out to the other (a message, a call, a visit)",
    "reply": "answering the other's contact",
    "ignore": "leaving the other's contact unanswered",
    "withdraw": "pulling away: going quiet, taking distance",
    "communicate": "saying plainly what you need or why you are stepping back",
    "block": "closing contact (blocking a number or an account)",
    "unblock": "opening contact again",
    "moved_on": "moving on: no longer waiting for the other, living one's own life (yours; or "
                "theirs, once you know it)",
    "together": "time spent together",
    "conflict": "a hurtful or toxic exchange",
}
KINDS: dict[str, Kind] = {name: Kind(name, "contact", meaning)
                          for name, meaning in _CONTACT.items()}
KINDS.update({k.name: k for k in (
    Kind("urge", "inner", "urges to reach out: value = how many, detail = resisted or acted",
         value="count", details=("resisted", "acted"), detail_required=True),
    Kind("practice", "inner", "a self-love or healing practice (detail: which one)"),
    Kind("support", "inner", "a session with a healer, coach or therapist"),
    Kind("sign", "inner", "a sign: detail dream, song or message",
         details=("dream", "song", "message"), detail_required=True),
    Kind("trigger", "inner", "something that stirred the dynamic up (detail: what)"),
    Kind("note", "inner", "free text only", note_required=True),
    Kind("unsent", "inner", "a letter you wrote and did not send (private: only shown when "
         "asked for by kind)", note_required=True, private=True),
    Kind("wellbeing", "rating", "how well you feel, 1 (very low) to 5 (very well)", value="rating"),
    Kind("anxiety", "rating", "how anxious you feel, 1 (calm) to 5 (very anxious)",
         value="rating"),
    Kind("intensity", "rating", "how intense the connection feels, 1 (quiet) to 5 (wildfire)",
         value="rating"),
)})


@dataclass(frozen=True)
class Entry:
    """The content of one journal entry (validated; build it with :func:`make_entry`)."""

    date: str
    time: str | None
    kind: str
    who: str
    value: int | None
    detail: str | None
    note: str | None

    def to_dict(self) -> dict:
        """The entry's fields in canonical order."""
        return asdict(self)

    @property
    def key(self) -> tuple:
        """What makes two entries the same content (used to skip duplicates on import)."""
        return (self.date, self.time or "", self.kind, self.who, self.value, self.detail or "",
                self.note or "")


def _text(field: str, raw) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    if len(text) > MAX_TEXT:
        raise InputError(f"{field}: {len(text)} characters; allowed: at most {MAX_TEXT}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from bytes that are not UTF-8
        raise InputError(f"{field}: character {exc.start + 1} is not valid text; allowed: "
                         "text in UTF-8") from None
    # control characters (NUL, terminal escapes) would garble what list and stats print
    control = _CONTROL.search(text)
    if control:
        raise InputError(f"{field}: character {control.start() + 1} is a control character "
                         f"({control.group()!r}); allowed: text, tabs and line breaks")
    return text or None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def date_in_range(date: str) -> bool:
    """True if ``date`` (``YYYY-MM-DD``) lies in the journal's range :data:`DATE_RANGE`."""
    return FIRST_DATE.isoformat() <= date <= LAST_DATE.isoformat()


def parse_date(raw, field: str = "date") -> str:
    """Return ``raw`` as ``YYYY-MM-DD`` (within :data:`DATE_RANGE`) or raise
    :class:`InputError` naming ``field``."""
    text = _text(field, raw) or ""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        date = dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError(f"{field}: {text[:40]!r}; allowed: a calendar date as YYYY-MM-DD, "
                         "e.g. 2024-03-01") from None
    if not date_in_range(date):
        raise InputError(f"{field}: {date!r} is outside the journal's range; allowed: a date "
                         f"from {DATE_RANGE}")
    return date


_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?", re.IGNORECASE)


def parse_time(raw) -> str | None:
    """Return ``raw`` (``21:30``, ``9:30 pm``, ``12:05 AM``) as ``HH:MM``, or None if empty."""
    text = _text("time", raw)
    if text is None:
        return None
    m = _CLOCK.fullmatch(text)
    hour, minute = (int(m[1]), int(m[2])) if m else (-1, -1)
    if m and m[3]:
        hour = hour % 12 + (12 if m[3].lower().startswith("p") else 0) if 1 <= hour <= 12 else -1
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise InputError(f"time: {text!r}; allowed: a clock time as HH:MM (24-hour) or "
                         "H:MM am/pm, e.g. 21:30 or 9:30 pm")
    return f"{hour:02d}:{minute:02d}"


def _value(kind: Kind, raw) -> int | None:
    text = "" if raw is None else str(raw).strip()
    if kind.value == "none":
        if text:
            raise InputError(f"value: {text!r} for {kind.name}; allowed: no value (only urge "
                             "and the ratings take a value)")
        return None
    if not text:
        if kind.value == "count":
            return 1
        raise InputError(f"value: missing for {kind.name}; allowed: a whole number 1-5")
    try:
        number = float(text)
        if number != int(number):
            raise ValueError
        number = int(number)
    except (ValueError, OverflowError):
        number = None
    if kind.value == "rating" and (number is None or not 1 <= number <= 5):
        raise InputError(f"value: {text!r} for {kind.name}; allowed: a whole number 1-5")
    if kind.value == "count" and (number is None or not 1 <= number <= 1000):
        raise InputError(f"value: {text!r} for {kind.name}; allowed: a whole number of urges "
                         "1-1000")
    return number


def make_entry(kind, date, time=None, who=None, value=None, detail=None, note=None) -> Entry:
    """Validate raw fields (strings or numbers) and return an :class:`Entry`.

    Parameters
    ----------
    kind : str
        One of :data:`KINDS`.
    date : str
        ``YYYY-MM-DD``.
    time : str, optional
        ``HH:MM`` (24-hour) or ``H:MM am/pm``.
    who : str, optional
        ``me`` (default) or ``them``; only contact kinds may say ``them``.
    value : int or str, optional
        How many urges (urge, default 1) or a rating 1–5 (wellbeing, anxiety, intensity).
    detail, note : str, optional
        Detail (fixed words for urge and sign, free text otherwise) and free-text note.

    Raises
    ------
    InputError
        One line naming the field, the value and what is allowed.
    """
    name = (_text("kind", kind) or "").lower()
    spec = KINDS.get(name)
    if spec is None:
        raise InputError(f"kind: {name!r}; allowed: {', '.join(KINDS)}")
    who_text = (_text("who", who) or "me").lower()
    if who_text not in WHO:
        raise InputError(f"who: {who_text!r}; allowed: me or them")
    if who_text == "them" and spec.group != "contact":
        raise InputError(f"who: 'them' for {name}; allowed: me (only contact kinds can be "
                         "about the other)")
    detail_text = _text("detail", detail)
    if spec.details and detail_text is not None:
        detail_text = detail_text.lower()
    if spec.details and detail_text not in spec.details + ((None,) if not spec.detail_required
                                                           else ()):
        shown = "missing" if detail_text is None else repr(detail_text)
        raise InputError(f"detail: {shown} for {name}; allowed: {' or '.join(spec.details)}")
    if name == "note" and detail_text is not None:
        raise InputError(f"detail: {detail_text!r} for note; allowed: none (a note is free "
                         "text only: use --note)")
    note_text = _text("note", note)
    if spec.note_required and note_text is None:
        raise InputError(f"note: missing for {name}; allowed: any text")
    return Entry(date=parse_date(date), time=parse_time(time), kind=name, who=who_text,
                 value=_value(spec, value), detail=detail_text, note=note_text)
