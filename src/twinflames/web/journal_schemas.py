"""Request bodies of the journal's JSON API (checked again, field by field, by the journal, and
by the inference)."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from ..errors import InputError
from ..inference.observations import DEFAULT_PARTICLES
from ..journal.kinds import MAX_TEXT
from . import limits

MAX_PARTICLES = 10_000  # dyads in the filter of one request (the library allows more)
MAX_FORECAST_DAYS = 3650  # horizon of a forecast, as the library's
DEFAULT_CHOICES = ("me=current", "me=guided")
CHOICE_FORMS = ("me=POLICY (current, anxious, guided, avoidant, secure, custom), me.FIELD=VALUE, "
                "them.FIELD=VALUE or a model parameter NAME=VALUE, several joined by ;")

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


Secret = Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class Unlock(_Strict):
    """The passphrase of an encrypted journal (kept nowhere: only the unlocked key is)."""

    passphrase: Secret


class Create(_Strict):
    """A new journal: sealed with ``passphrase``, or plain when it is null."""

    passphrase: Secret | None = Field(None, description="null: a plain journal (not encrypted)")


class NewPassphrase(_Strict):
    """The current passphrase and the one to use from now on."""

    passphrase: Secret
    new_passphrase: Secret


class Recover(_Strict):
    """The recovery key shown when the journal was made, and a new passphrase."""

    recovery_key: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    new_passphrase: Secret


class Erase(_Strict):
    """Erasing needs ``confirm: true`` and, for a sealed journal, its passphrase."""

    confirm: bool = Field(False, description="true: delete the journal and its backups")
    passphrase: Secret | None = None


def check_choices(choices: list[str]) -> list[str]:
    """Refuse an unknown policy or parameter, or a repeated choice, before the filter runs."""
    from ..inference.forecast import parse_choice  # the engine is loaded on first use

    for i, choice in enumerate(choices):
        try:
            parse_choice(choice)
        except InputError as exc:
            reason = str(exc).removeprefix("--vs ")
            allowed = "" if "; allowed: " in reason else f"; allowed: {CHOICE_FORMS}"
            raise InputError(f"vs[{i}] = {choice!r}: {reason}{allowed}") from None
        if choice in choices[:i]:
            raise InputError(f"vs[{i}] = {choice!r}: given twice; allowed: different choices")
    return choices


Choice = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Choices = Annotated[list[Choice], Field(min_length=1, max_length=limits.MAX_ARMS),
                    AfterValidator(check_choices)]


class InferenceSettings(_Strict):
    """How to run the filter (the options of ``twinflames journal where``)."""

    particles: int = Field(DEFAULT_PARTICLES, ge=100, le=MAX_PARTICLES,
                           description="simulated dyads in the filter")
    seed: int = Field(0, ge=0, lt=2**63, description="the same seed and journal give the "
                      "same answer")
    as_of: Short | None = Field(None, description="YYYY-MM-DD: infer up to this day "
                                "(default: the last entry's date)")


class ForecastSettings(InferenceSettings):
    """The filter's settings and the forecast's (``twinflames journal forecast``)."""

    vs: Choices = Field(default_factory=lambda: list(DEFAULT_CHOICES),
                        description=f"the choices, the first is the baseline: {CHOICE_FORMS}",
                        examples=[["me=current", "me=guided", "me=anxious"]])
    days: int = Field(90, ge=1, le=MAX_FORECAST_DAYS, description="horizon in days")
    runs: int = Field(1000, ge=10, le=limits.MAX_RUNS, description="simulated futures, the "
                      "same ones under each choice")
