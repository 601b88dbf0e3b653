"""Bearable's CSV export: one row per logged item.

Columns ``date, date formatted, weekday, time of day, category, rating/amount, detail, notes``
(``date formatted`` or a leading ``YYYY-MM-DD`` in ``date`` gives the day). Mapped:

- ``Mood``: a rating 1-10 becomes well-being 1-5 (rounded up from half);
- ``Symptom`` rows about anxiety: severity 0-4 becomes anxiety 1-5;
- ``Factors``: each ``|``-separated factor through the activity mapping (as for Daylio);
- ``Notes``: a note.

Other categories (sleep, energy, nutrition, medication ...) are skipped and counted. Bearable's
``time of day`` is a part of the day (am, mid, pm, late), not a clock time, so it is kept only
when it reads as a clock time.
"""

from __future__ import annotations

import math
import re

from ..errors import InputError
from .csvfile import at_line
from .kinds import make_entry, parse_time
from .mapping import Mapping
from .parsed import Parsed

REQUIRED = ("time of day", "category", "rating/amount", "detail", "notes")
SEVERITY = {"none": 0, "mild": 1, "moderate": 2, "severe": 3, "unbearable": 4, "extreme": 4}


def is_bearable(header: list[str]) -> bool:
    """True if ``header`` has Bearable's columns."""
    return all(c in header for c in REQUIRED) and ("date formatted" in header
                                                   or "date" in header)


def read_bearable(name: str, header: list[str], rows: list[tuple[int, list[str]]],
                  mapping: Mapping) -> Parsed:
    """Entries from a Bearable export (header already read)."""
    if not is_bearable(header):
        raise InputError(f"import: {name}: not a Bearable export (header {','.join(header)!r}); "
                         "allowed: a Bearable CSV with columns date formatted, time of day, "
                         "category, rating/amount, detail, notes")
    parsed = Parsed("bearable")
    for line, fields in rows:
        row = dict(zip(header, fields, strict=True))
        at_line(name, line, lambda row=row: _row(row, mapping, parsed))
    return parsed


def _day(row: dict[str, str]) -> str:
    text = row.get("date formatted", "").strip()
    m = re.match(r"\d{4}-\d{2}-\d{2}", text or row.get("date", "").strip())
    return m[0] if m else text or row.get("date", "")


def _number(text: str, low: int, high: int, what: str) -> int:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not low <= number <= high:
        raise InputError(f"rating/amount: {text!r} for {what}; allowed: a number {low}-{high}")
    return int(number)


def _row(row: dict[str, str], mapping: Mapping, parsed: Parsed) -> None:
    clock = row["time of day"].strip()
    try:
        time = parse_time(clock)
    except InputError:
        time = None
    when = {"date": _day(row), "time": time}
    category = row["category"].strip().lower()
    amount, detail, note = row["rating/amount"].strip(), row["detail"].strip(), row["notes"]
    if category == "mood":
        level = _number(amount, 1, 10, "mood")
        parsed.add(make_entry("wellbeing", value=math.ceil(level / 2), note=note, **when))
    elif category in ("symptom", "symptoms") and detail.lower().startswith("anxiety"):
        word = re.search(r"\((\w+)\)", detail)
        severity = (_number(amount, 0, 4, "a symptom") if amount
                    else SEVERITY.get(word[1].lower(), -1) if word else -1)
        if severity < 0:
            raise InputError(f"detail: {detail!r}; allowed: a severity in rating/amount (0-4) "
                             "or in brackets, e.g. Anxiety (Moderate)")
        parsed.add(make_entry("anxiety", value=severity + 1, note=note, **when))
    elif category in ("factors", "factor"):
        mapping.add_activities(parsed, detail, when, "factor")
    elif category in ("notes", "note", "journal") and (detail or note.strip()):
        parsed.add(make_entry("note", note="\n".join(t for t in (detail, note.strip()) if t),
                              **when))
    else:
        parsed.skipped[f"category {row['category'].strip() or '(empty)'!r}"] += 1
