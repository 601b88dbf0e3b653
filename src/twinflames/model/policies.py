"""Behaviour policies: the presets and the ``NAME[:field=value,...]`` spec used by the CLI.

A policy is a handful of numbers (see :class:`~twinflames.model.params.Policy`); a preset is a
named set of them that tells one of the article's stories.
"""

from __future__ import annotations

from difflib import get_close_matches

from ..errors import InputError
from .params import Policy
from .validation import build

PRESETS: dict[str, dict[str, float]] = {
    # keeps reaching out, never lets go, never blocks, and reaches out harder when signs come
    "anxious": dict(reach_out_rate=1.0, reach_out_on_signs=1.0),
    # the article's advice: self-love practice, surrender, no reaching out, explain then block
    # when toxicity passes a boundary, and when signs come open the door but wait
    "guided": dict(surrender_rate=0.05, self_love_practice=0.01, boundary=0.5,
                   communicates_first=1.0),
    # keeps a habitual distance and answers little
    "avoidant": dict(reach_out_rate=0.05, surrender_rate=0.02, boundary=0.4, responsiveness=0.3,
                     distance=0.02),
    # steady: reaches out now and then, looks after itself, explains before blocking
    "secure": dict(reach_out_rate=0.2, reach_out_on_signs=0.2, surrender_rate=0.02,
                   self_love_practice=0.005, boundary=0.6, communicates_first=1.0),
    # neutral numbers to build on: nothing but what you set
    "custom": {},
}

DESCRIPTIONS = {
    "anxious": "keeps reaching out, does not let go, reaches out harder when signs come",
    "guided": "follows the article: self-love, surrender, no reaching out, explains then "
              "blocks past a boundary, waits when signs come",
    "avoidant": "keeps a habitual distance, answers little",
    "secure": "reaches out now and then, looks after itself, explains before blocking",
    "custom": "neutral starting point: only the numbers you give",
}


def policy(spec: str | Policy) -> Policy:
    """Return the policy named by ``spec``.

    Parameters
    ----------
    spec : str or Policy
        A preset name (``anxious``, ``guided``, ``avoidant``, ``secure``, ``custom``), optionally
        followed by overrides: ``"guided:support_per_week=1,boundary=0.4"``.

    Raises
    ------
    InputError
        Unknown preset or field, or a value out of range.
    """
    if isinstance(spec, Policy):
        return spec
    name, _, rest = str(spec).partition(":")
    name = name.strip()
    if name not in PRESETS:
        hint = get_close_matches(name, PRESETS, n=1)
        raise InputError(
            f"policy: unknown policy {name!r}; allowed: {', '.join(PRESETS)}"
            + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    values: dict[str, object] = {**PRESETS[name], "name": name if not rest else f"{name}*"}
    for item in filter(None, (s.strip() for s in rest.split(","))):
        key, eq, value = item.partition("=")
        if not eq:
            raise InputError(f"policy: {item!r} is not field=value (e.g. boundary=0.5)")
        values[key.strip()] = value.strip()
    return build(Policy, values, prefix="policy.")
