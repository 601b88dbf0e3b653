"""The ``analyze`` report in sentences and tables a researcher would put in a notebook.

Pure functions of the report dictionary that ``twinflames analyze --json`` prints: fixed points
numbered once (the basins, the start and the portrait refer to those numbers), numbers in fixed
formats (values below 1e-6 in size, the root finder's
left-overs, shown as 0), and plain sentences for what the start does, the
basins and the early warnings.
"""

from __future__ import annotations

import pandas as pd

INDICATORS = {"variance": "variance", "ac1": "lag-1 autocorrelation"}
POINTS_PER_BLOCK = 5  # fixed points side by side in one "where" table (fits 80 columns)


def number(value: float) -> str:
    """A state value in a fixed, readable format: 0 for |v| < 1e-6, else 4 significant figures,
    never scientific notation for values between 1e-4 and 1e6."""
    if abs(value) < 1e-6:
        return "0"
    if 1e-4 <= abs(value) < 1e6:
        return f"{value:.4g}"
    return f"{value:.3e}"


def growth_rate(point: dict, kind: str) -> float:
    """The largest real part of the eigenvalues (a flow) or the largest modulus (a map)."""
    values = [complex(r, i) for r, i in point["eigenvalues"]]
    return max(v.real for v in values) if kind == "flow" else max(abs(v) for v in values)


def fixed_point_table(report: dict) -> pd.DataFrame:
    """One row per fixed point: its number, kind, largest growth rate and neutral directions."""
    rate = "largest growth rate" if report["kind"] == "flow" else "largest |eigenvalue|"
    rows = [{"fixed point": i, "kind": p["kind"], rate: f"{growth_rate(p, report['kind']):+.4f}",
             "neutral directions": p.get("neutral", 0)}
            for i, p in enumerate(report["fixed_points"], start=1)]
    return pd.DataFrame(rows)


def where_tables(report: dict) -> list[pd.DataFrame]:
    """Where each fixed point lies: one row per variable, one column per fixed point, in
    blocks of :data:`POINTS_PER_BLOCK` points."""
    points = report["fixed_points"]
    blocks = []
    for first in range(0, len(points), POINTS_PER_BLOCK):
        block = points[first:first + POINTS_PER_BLOCK]
        blocks.append(pd.DataFrame(
            {f"#{first + k + 1}": [number(p["state"][n]) for n in report["variables"]]
             for k, p in enumerate(block)}, index=pd.Index(report["variables"], name="variable")))
    return blocks


def fixed_point_sentence(report: dict) -> str:
    """How many fixed points of which kinds, e.g. '3 fixed points: 2 stable nodes, 1 saddle.'"""
    kinds: dict[str, int] = {}
    for p in report["fixed_points"]:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    if not kinds:
        return "No fixed point was found in the box searched."
    parts = [f"{n} {k}{' point' if k == 'non-hyperbolic' else ''}{'s' if n > 1 else ''}"
             for k, n in kinds.items()]
    text = (f"{len(report['fixed_points'])} fixed point"
            f"{'s' if len(report['fixed_points']) > 1 else ''}: {', '.join(parts)}.")
    if kinds.get("non-hyperbolic", 0) > 1:
        text += (" Several non-hyperbolic points side by side usually mean a line or surface of "
                 "equilibria (a direction in which nothing moves), not separate states.")
    return text


def start_sentence(report: dict) -> str:
    """What the run from the system's start does."""
    s = report["from_start"]
    where = s.get("fixed_point")
    if s["settles_on"] == "equilibrium":
        if where is not None:
            kind = report["fixed_points"][where - 1]["kind"]
            return f"From the start, the system settles at fixed point {where} (a {kind})."
        return "From the start, the system settles at an equilibrium."
    if s["settles_on"] == "cycle":
        return f"From the start, the system settles on a cycle of period {s['period']:.4g}."
    if s["settles_on"] == "diverges":
        return "From the start, the system runs off without bound."
    return ("From the start, the system has not settled by the end of the run (a slow "
            "transient, chaos, or a cycle longer than half the run).")


def basin_sentences(report: dict) -> list[str]:
    """The share of random starts reaching each attractor, named by fixed-point number."""
    basins = report.get("basins")
    if not basins:
        return []
    lines = [f"Of {basins['samples']} starts drawn at random in the box:"]
    for a in basins["attractors"]:
        share = f"{100 * a['fraction']:.1f}% (± {100 * a['se']:.1f})"
        if a["kind"] == "equilibrium":
            kind = report["fixed_points"][a["fixed_point"] - 1]["kind"]
            what = f"end at fixed point {a['fixed_point']} (a {kind})"
            if a.get("still_approaching"):
                what += f" ({a['still_approaching']} still approaching it at the end)"
        elif a["kind"] == "cycle":
            what = f"end on a cycle of period {a['period']:.4g}"
        elif a["kind"] == "diverges":
            what = "run off without bound"
        else:
            what = "had not settled by the end of the run"
        lines.append(f"  {share} {what}.")
    return lines


def warning_sentences(report: dict) -> list[str]:
    """Early-warning hit and false-alarm rates in words, one sentence per indicator."""
    w = report.get("early_warnings")
    if not w:
        return []
    lines = [f"Early warnings on {w['runs']} simulated couples: {w['ends']} runner phases ended "
             f"(at least {w['span']:g} days long) and {w['controls']} stretches of the same "
             f"length far from any end serve as controls."]
    for key, label in INDICATORS.items():
        hit, false = w["hit_rate"][key], w["false_alarm_rate"][key]
        if hit is None or false is None:
            lines.append(f"  Rising {label}: too few stretches to say.")
            continue
        lines.append(f"  Rising {label} (Kendall tau above {w['threshold']:g}) came before "
                     f"{100 * hit:.0f}% of the ends and in {100 * false:.0f}% of the controls "
                     f"(false alarms).")
    if min(w["ends"], w["controls"]) < 20:
        lines.append("  These rates rest on fewer than 20 stretches; run more couples "
                     "(--warnings N) before reading much into them.")
    return lines
