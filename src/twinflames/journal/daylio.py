"""Daylio's CSV export: moods become well-being; mapped activities become entries.

Three header versions are read (a UTF-8 byte-order mark is dropped):

- ``full_date,date,weekday,time,mood,activities,scales,note_title,note`` (current)
- ``full_date,date,weekday,time,mood,activities,note_title,note``
- ``full_date,date,weekday,time,mood,activities,note``

The date comes from ``full_date``; times may be ``21:30`` or ``9:30 pm``; activities are
separated by ``|``; the note title and note go into the well-being entry's note.
"""

from __future__ import annotations

from ..errors import InputError
from .csvfile import at_line
from .kinds import make_entry, parse_date, parse_time
from .mapping import Mapping
from .parsed import Parsed

_BASE = ("full_date", "date", "weekday", "time", "mood", "activities")
HEADERS = (
    _BASE + ("scales", "note_title", "note"),
    _BASE + ("note_title", "note"),
    _BASE + ("note",),
)


def is_daylio(header: list[str]) -> bool:
    """True if ``header`` is one of the Daylio header versions."""
    return tuple(header) in HEADERS


def read_daylio(name: str, header: list[str], rows: list[tuple[int, list[str]]],
                mapping: Mapping) -> Parsed:
    """Entries from a Daylio export (header already read)."""
    if not is_daylio(header):
        raise InputError(f"import: {name}: not a Daylio export (header {','.join(header)!r}); "
                         f"allowed: a Daylio CSV whose header is {','.join(HEADERS[0])} or an "
                         "older version of it")
    parsed = Parsed("daylio")
    for line, fields in rows:
        row = dict(zip(header, fields, strict=True))
        at_line(name, line, lambda row=row: _row(row, mapping, parsed))
    return parsed


def _row(row: dict[str, str], mapping: Mapping, parsed: Parsed) -> None:
    when = {"date": parse_date(row["full_date"]), "time": parse_time(row["time"])}
    note = "\n".join(t.strip() for t in (row.get("note_title", ""), row["note"]) if t.strip())
    mood = row["mood"].strip().lower()
    if mood in mapping.moods:
        parsed.add(make_entry("wellbeing", value=mapping.moods[mood], note=note, **when))
    else:
        parsed.skipped[f"mood {mood!r} (map it with --mood '{mood}=N')"] += 1
        if note:
            parsed.add(make_entry("note", note=note, **when))
    if row.get("scales", "").strip():
        parsed.skipped["scales (not imported)"] += 1
    mapping.add_activities(parsed, row["activities"], when, "activity")
