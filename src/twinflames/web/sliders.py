"""The parameters the page offers as sliders: plain labels, groups, and their metadata."""

from __future__ import annotations

from typing import Any

from ..model.params import Dyad, Model, Policy, Twin, field_info
from ..model.policies import DESCRIPTIONS, PRESETS
from ..model.scenario import Scenario, field_of, resolve

# flat name, plain label, the slider's upper end when the allowed range is far wider than useful
_TWIN_SLIDERS = (
    ("wound", "Wounds", None),
    ("fear", "Fear of abandonment", None),
    ("self_love", "Self-love", None),
    ("healing_rate", "Healing rate", 0.02),
    ("boundary", "Boundary (toxicity that makes them step back; 1 = never)", None),
)
_DYAD_SLIDERS = (
    ("chase_pressure", "Chase pressure (how much one reach-out presses)", None),
    ("mirror", "Mirror coupling (healing helped by the other's healing)", 5.0),
    ("intensity", "Intensity at the start", None),
)
GROUPS = {"a": "Twin a", "b": "Twin b", "relationship": "Relationship"}

# plain names for the policies, as a person would say them
POLICY_LABELS = {"anxious": "keeps chasing", "guided": "follows the article",
                 "avoidant": "avoids", "secure": "secure", "custom": "custom (only the numbers)"}


def _slider(flat: str, label: str, slider_max: float | None, group: str) -> dict[str, Any]:
    model, name = field_of(resolve(flat))
    info = field_info(model, name)
    top = slider_max if slider_max is not None else info["max"]
    return {**info, "name": flat, "label": label, "group": group,
            "slider_min": info["min"], "slider_max": top, "step": round(top / 200, 6)}


def sliders() -> list[dict[str, Any]]:
    """Slider metadata: name, label, group, unit, meaning, article section, range, step."""
    out = [_slider(f"{t}.{n}", label, top, t) for t in "ab" for n, label, top in _TWIN_SLIDERS]
    out += [_slider(n, label, top, "relationship") for n, label, top in _DYAD_SLIDERS]
    return out


def all_parameters() -> list[dict[str, Any]]:
    """Every parameter a request's ``changes`` may name, with its metadata."""
    rows = []
    for prefix, model in (("a.", Twin), ("b.", Twin), ("a.", Policy), ("b.", Policy),
                          ("", Dyad), ("", Model)):
        for name in model.model_fields:
            if name not in ("name", "policy"):
                rows.append({**field_info(model, name), "name": prefix + name})
    return rows


def policies() -> dict[str, dict[str, Any]]:
    """Each policy: its plain label, description and numbers (the unset ones take defaults)."""
    defaults = {n: Policy.model_fields[n].default for n in Policy.model_fields if n != "name"}
    return {name: {"label": POLICY_LABELS[name], "description": DESCRIPTIONS[name],
                   "values": {**defaults, **values}} for name, values in PRESETS.items()}


def value_of(scenario: Scenario, flat: str) -> Any:
    """The value of a flat parameter name in ``scenario``."""
    node: Any = scenario
    for part in resolve(flat):
        node = getattr(node, part)
    return node
