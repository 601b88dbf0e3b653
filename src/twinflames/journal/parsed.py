"""What an importer hands back: entries to add, and what was mapped or skipped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .kinds import Entry


@dataclass
class Parsed:
    """Entries read from a file, in file order, with an account of what happened to each row.

    Attributes
    ----------
    format : str
        The format read (``jsonl``, ``csv``, ``daylio`` or ``bearable``).
    items : list of (Entry, str or None)
        Each entry with the id it carried (JSONL only).
    mapped : Counter
        How many entries of each kind were made.
    skipped : Counter
        Why things were left out (reason -> count).
    """

    format: str
    items: list[tuple[Entry, str | None]] = field(default_factory=list)
    mapped: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)

    def add(self, entry: Entry, entry_id: str | None = None) -> None:
        """Record one entry to import."""
        self.items.append((entry, entry_id))
        self.mapped[entry.kind] += 1
