"""Request bodies of the journal's JSON API (checked again, field by field, by the journal)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from ..journal.kinds import MAX_TEXT

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Short = Annotated[str, StringConstraints(max_length=40)]


def _number_as_text(value: object) -> object:
    """Numbers become text; the journal parses and checks every value the same way."""
    return str(value) if isinstance(value, int | float) else value


Value = Annotated[Short | None, BeforeValidator(_number_as_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntryFields(_Strict):
    """The fields of an entry; the journal checks each against the kind's rules."""

    kind: Short = Field(..., description="one of the kinds in /api/journal/status")
    who: Short | None = Field(None, description="me (default) or them (contact kinds only)")
    value: Value = Field(None, description="how many (urge) or a rating 1-5")
    detail: Text | None = None
    note: Text | None = None
    date: Short | None = Field(None, description="YYYY-MM-DD (default: today)")
    time: Short | None = Field(None, description="HH:MM or H:MM am/pm")


class EntryChanges(_Strict):
    """Fields to change; a missing field stays as it is, ``""`` clears it."""

    kind: Short | None = None
    who: Short | None = None
    value: Value = None
    detail: Text | None = None
    note: Text | None = None
    date: Short | None = None
    time: Short | None = None


class Unlock(_Strict):
    """The passphrase of an encrypted journal (kept nowhere: only the unlocked key is)."""

    passphrase: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
