"""The journal's own formats: canonical CSV and JSONL (read and write) and Markdown (write).

CSV columns are exactly ``date,time,kind,who,value,detail,note``; JSONL objects carry the same
fields plus ``id``. Empty CSV cells and JSON nulls mean "not given".
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from ..errors import InputError
from .csvfile import at_line, read_text
from .kinds import FIELDS, KINDS, make_entry
from .parsed import Parsed

ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def check_id(entry_id) -> str:
    """Return ``entry_id`` if it is a valid entry id, else raise :class:`InputError`."""
    text = str(entry_id)
    if not ID_PATTERN.fullmatch(text):
        raise InputError(f"id: {text!r}; allowed: 1-64 letters, digits, '-' or '_'")
    return text


def read_csv(name: str, header: list[str], rows: list[tuple[int, list[str]]]) -> Parsed:
    """Entries from a canonical CSV table (header already checked by the caller)."""
    parsed = Parsed("csv")
    for line, fields in rows:
        raw = dict(zip(header, fields, strict=True))
        parsed.add(at_line(name, line, lambda raw=raw: make_entry(**raw)))
    return parsed


def read_jsonl(path: Path) -> Parsed:
    """Entries (with their ids) from a canonical JSONL file."""
    parsed = Parsed("jsonl")
    first: dict[str, tuple[int, object]] = {}  # id -> (line, entry) where it first appeared
    for line, text in enumerate(read_text(path).splitlines(), start=1):
        if text.strip():
            entry, entry_id = at_line(path.name, line, lambda text=text: _json_entry(text))
            if entry_id is not None:
                seen_at, seen = first.setdefault(entry_id, (line, entry))
                if seen != entry:
                    raise InputError(f"import: {path.name} line {line}: id {entry_id!r} is "
                                     f"already used on line {seen_at} for a different entry; "
                                     "allowed: each id once (nothing was imported)")
            parsed.add(entry, entry_id)
    return parsed


def _json_entry(text: str):
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc.msg}); the file may be truncated or malformed"
                         ) from None
    except RecursionError:
        raise InputError("nested too deeply to read; allowed: one flat JSON object per line"
                         ) from None
    if not isinstance(obj, dict):
        raise InputError("not a JSON object; allowed: one object per line")
    unknown = set(obj) - set(FIELDS) - {"id"}
    if unknown:
        raise InputError(f"field {sorted(unknown)[0]!r}; allowed: id, {', '.join(FIELDS)}")
    for required in ("kind", "date"):
        if obj.get(required) is None:
            raise InputError(f"{required}: missing; allowed: every line needs kind and date")
    entry_id = None if obj.get("id") is None else check_id(obj["id"])
    return make_entry(**{k: obj.get(k) for k in FIELDS}), entry_id


def to_jsonl(records) -> str:
    """Records as canonical JSONL (``id`` first, then the fields)."""
    return "".join(json.dumps({"id": r.id, **r.entry.to_dict()}, ensure_ascii=False) + "\n"
                   for r in records)


def to_csv(records) -> str:
    """Records (or bare entries) as canonical CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    for r in records:
        entry = getattr(r, "entry", r)  # a Record holds its Entry
        writer.writerow(["" if v is None else v for v in entry.to_dict().values()])
    return buffer.getvalue()


def to_markdown(records) -> str:
    """Records as Markdown for reading: one section per day, one bullet per entry."""
    lines = ["# Journal", ""]
    day = None
    for r in records:
        e = r.entry
        if e.date != day:
            day = e.date
            lines += ["", f"## {day}", ""]
        parts = [f"**{e.kind.replace('_', ' ')}**"]
        if KINDS[e.kind].group == "contact":
            parts.append("by me" if e.who == "me" else "by them")
        parts += [str(x) for x in (e.value, e.detail) if x is not None]
        when = f"{e.time} " if e.time else ""
        note = f": {e.note}".replace("\n", "\n  ") if e.note else ""
        lines.append(f"- {when}{' · '.join(parts)}{note} `{r.id}`")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"
