"""Fixed formats for the numbers the simulation commands print: one rule per kind of metric.

Probabilities and shares with three decimals, days with one (never scientific notation),
per-dyad counts with two; differences the same with a sign. Labels are the same words in every
table (``days_chase`` and ``mean days chase`` are one metric).
"""

from __future__ import annotations

FEW = 20  # a statistic over fewer dyads than this is marked as resting on few


def kind(metric: str) -> str:
    """``"probability"``, ``"days"`` or ``"count"`` for a metric's name or label."""
    name = metric.lower()
    if name.startswith("p(") or "share" in name or name.endswith("reached"):
        return "probability"
    if "days" in name:
        return "days"
    if "wellbeing" in name or "well-being" in name:
        return "probability"  # a 0-1 level, shown like a share
    return "count"


def number(metric: str, value: float | None, signed: bool = False) -> str:
    """``value`` of ``metric`` in its fixed format; "—" for a missing value."""
    if value is None:
        return "—"
    digits = {"probability": 3, "days": 1, "count": 2}[kind(metric)]
    if round(value, digits) == 0:  # no "-0.00" and no sign on nothing
        return f"{0:.{digits}f}"
    return f"{value:{'+' if signed else ''},.{digits}f}"


def words(name: str) -> str:
    """A phase, outcome or event kind in words: ``mutual_running`` -> ``mutual running``."""
    return name.replace("_", " ")


def label(metric: str) -> str:
    """The words for a metric: ``days_chase`` -> ``mean days chase``, ``reach_outs_b`` ->
    ``reach-outs b``, ``wellbeing_b (final)`` -> ``final well-being b``."""
    if metric.startswith("days_") and not metric.startswith("days_to"):
        return "mean days " + metric[5:].replace("_", " ")
    if metric.startswith("wellbeing_") and metric.endswith("(final)"):
        return "final well-being " + metric.split("_")[1].split()[0]
    return metric.replace("reach_outs", "reach-outs").replace("_", " ")
