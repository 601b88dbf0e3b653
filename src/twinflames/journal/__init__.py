"""The private journal: log your side of the dynamic; nothing leaves your machine.

Python API (the web page and the phase inference use the same)::

    from twinflames.journal import open_journal, init_journal
    journal, recovery_key = init_journal("my.sqlite", passphrase="...")   # or passphrase=None
    journal.add("urge", value=3, detail="resisted")
    journal.list(since="2024-03-01"), journal.stats(), journal.export("out.jsonl")
"""

from .journal import (
    ImportSummary,
    Journal,
    Record,
    erase,
    init_journal,
    is_encrypted,
    open_journal,
    recover,
    usable,
)
from .kinds import KINDS, Entry, Kind, make_entry
from .paths import journal_path

__all__ = ["KINDS", "Entry", "ImportSummary", "Journal", "Kind", "Record", "erase",
           "init_journal", "is_encrypted", "journal_path", "make_entry", "open_journal",
           "recover", "usable"]
