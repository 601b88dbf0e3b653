"""The base of every parameter object: frozen and validated (pydantic)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


class Frozen(BaseModel):
    """A frozen, validated parameter object: unknown fields, NaN and infinity are refused, and
    true/false is not taken for 1/0 (no parameter of the project is a yes/no)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_true_or_false(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("true/false is not a number")
        return value
