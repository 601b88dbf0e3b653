"""How names in other apps' exports become journal kinds: moods and activities/factors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from .kinds import KINDS, make_entry

if TYPE_CHECKING:
    from .parsed import Parsed

DAYLIO_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}


def normal_name(name: str) -> str:
    """Lower case, trimmed, spaces and hyphens as underscores (``Reach out`` -> ``reach_out``)."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


@dataclass(frozen=True)
class Activity:
    """What one activity or factor name becomes."""

    kind: str
    who: str = "me"
    detail: str | None = None


@dataclass
class Mapping:
    """Mood names to well-being (1-5) and activity names to kinds.

    Activities whose name is a kind name (``reach out``, ``practice``, ``support``, ``trigger``,
    ``together`` ...) map to that kind without being told.
    """

    moods: dict[str, int] = field(default_factory=lambda: dict(DAYLIO_MOODS))
    activities: dict[str, Activity] = field(default_factory=dict)

    def activity(self, name: str) -> Activity | None:
        """The kind an activity name maps to, or None if it is not mapped."""
        key = normal_name(name)
        if key in self.activities:
            return self.activities[key]
        spec = KINDS.get(key)
        if spec and spec.value != "rating" and not spec.detail_required and not spec.note_required:
            return Activity(key)
        return None

    def add_activities(self, parsed: Parsed, names: str, when: dict, label: str) -> None:
        """Add an entry for each mapped name of a ``|``-separated list (Daylio activities,
        Bearable factors) to ``parsed``; count the others as skipped, with how to map them."""
        for name in filter(None, (n.strip() for n in names.split("|"))):
            target = self.activity(name)
            if target is None:
                parsed.skipped[f"{label} {name!r} (map it with --activity '{name}=KIND')"] += 1
            else:
                parsed.add(make_entry(target.kind, who=target.who, detail=target.detail,
                                      **when))


def parse_mapping(moods: tuple[str, ...] | list[str] = (),
                  activities: tuple[str, ...] | list[str] = ()) -> Mapping:
    """Build a :class:`Mapping` from ``NAME=N`` mood options and ``NAME=KIND[@WHO][:DETAIL]``.

    Examples: ``--mood ecstatic=5``, ``--activity meditation=practice:meditation``,
    ``--activity "they texted=reach_out@them"``, ``--activity nightmare=sign:dream``.
    """
    mapping = Mapping()
    for option in moods:
        name, _, level = option.rpartition("=")
        if not name.strip() or level.strip() not in ("1", "2", "3", "4", "5"):
            raise InputError(f"--mood {option!r}; allowed: NAME=N with N a whole number 1-5, "
                             "e.g. --mood ecstatic=5")
        mapping.moods[name.strip().lower()] = int(level)
    for option in activities:
        name, _, target = option.rpartition("=")
        m = re.fullmatch(r"([a-z_]+)(?:@(me|them))?(?::(.+))?", target.strip())
        if not name.strip() or m is None:
            raise InputError(f"--activity {option!r}; allowed: NAME=KIND[@me|@them][:DETAIL], "
                             "e.g. --activity meditation=practice:meditation")
        kind, who, detail = m[1], m[2] or "me", m[3]
        if kind in KINDS and (KINDS[kind].value == "rating" or KINDS[kind].note_required):
            raise InputError(f"--activity {option!r}: kind {kind!r}; allowed: a kind that "
                             "needs no rating and no note text")
        make_entry(kind, "2000-01-01", who=who, detail=detail)  # refuses what the contract won't
        mapping.activities[normal_name(name)] = Activity(kind, who, detail)
    return mapping
