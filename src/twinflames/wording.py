"""Counts in sentences for people: "1 reach-out", "3 urges", "no ratings" (never "urge(s)")."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` things in words: ``counted(0, "urge")`` is "no urges", ``counted(1, "urge")`` is
    "1 urge", ``counted(2, "reply", "replies")`` is "2 replies"."""
    many = many or one + "s"
    if n == 0:
        return f"no {many}"
    return f"{n} {one if n == 1 else many}"
