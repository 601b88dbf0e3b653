"""Validated, frozen parameter and initial-state objects.

Time is in days and every rate is per day. Every field carries its unit, range, the mechanism
(M1–M18 of the design brief) it serves and the article section it formalises; docs/model.md
lists them all and a test keeps the two in step.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ..validated import Frozen


def _p(default: float, lo: float, hi: float, unit: str, meaning: str, mechanism: str = "",
       section: str = "", source: str = "") -> Any:
    return Field(default, ge=lo, le=hi, description=meaning, json_schema_extra={
        "unit": unit, "mechanism": mechanism, "section": section, "source": source})


INTRO = "Understanding the Twin Flame Runner Chaser Dynamic"
APART = "Head in opposite directions for a while"
HEALING = "Ways toward Healing"
SELF_LOVE = "What is Self-Love"
BREAKING = "Breaking Free from the Runner-Chaser Dynamic"
SEPARATION = "The Twin Flame Separation Phase"
INTENSITY = "Twin Flame Intensity"
FOCUS = "Shift your Focus"
SWAP = "Swapping Roles"
TOXIC = "Toxic Twin Flames"
BLOCKING = "Retreating or Blocking"
SIGNS = "How do you know if the Runner Phase is Ending"


class Policy(Frozen):
    """How one twin behaves. Presets live in :mod:`twinflames.model.policies`."""

    name: str = Field("custom", description="preset this policy came from, or 'custom'")
    reach_out_rate: float = _p(0.0, 0, 24, "1/day", "reach-outs per day at full fear and focus",
                               "M2, M4", BREAKING)
    reach_out_on_signs: float = _p(0.0, 0, 24, "1/day",
                                   "reach-outs per day once signs have come (0 = waits)", "M15",
                                   SIGNS)
    surrender_rate: float = _p(0.0, 0, 1, "1/day",
                               "rate at which attention moves from the twin to one's own path",
                               "M9", BREAKING)
    self_love_practice: float = _p(0.0, 0, 1, "1/day", "rate at which self-love grows",
                                   "M7", SELF_LOVE)
    boundary: float = _p(1.0, 0, 1, "toxicity",
                         "toxicity above which the twin retreats and may block (1 = never)",
                         "M14", BLOCKING)
    communicates_first: float = _p(0.0, 0, 1, "0..1", "1 explains before blocking, 0 blocks "
                                   "without a word (values between blend the two)",
                                   "M14", BLOCKING)
    support_per_week: float = _p(0.0, 0, 14, "sessions/week",
                                 "sessions with a healer, reader or therapist", "M17", HEALING)
    responsiveness: float = _p(1.0, 0, 1, "-", "readiness to answer a reach-out", "M15", SIGNS)
    distance: float = _p(0.0, 0, 1, "1/day", "habitual pull away, whatever the wounds", "M1",
                         INTRO)


class Twin(Frozen):
    """One twin: initial inner state, traits and policy."""

    name: str | None = Field(None, max_length=40, description="display name")
    wound: float = _p(0.5, 0, 1, "-", "unhealed emotional wounds at the start", "M2, M3", INTRO)
    fear: float = _p(0.5, 0, 1, "-", "fear of abandonment or rejection at the start", "M2", INTRO)
    self_love: float = _p(0.3, 0, 1, "-", "self-love at the start", "M7", SELF_LOVE)
    focus: float = _p(0.5, 0, 1, "-", "share of attention on the other twin at the start", "M9",
                      FOCUS)
    wellbeing: float = _p(0.5, 0, 1, "-", "well-being at the start", "M12", TOXIC)
    healing_rate: float = _p(0.003, 0, 1, "1/day", "base rate at which wounds heal", "M3",
                             INTRO)
    wound_floor: float = _p(0.0, 0, 1, "-", "lowest wound reachable in this life", "M16", FOCUS)
    policy: Policy = Field(default_factory=Policy, description="behaviour policy")

    @property
    def label(self) -> str:
        return self.name or ""


class Dyad(Frozen):
    """The shared relationship state at the start."""

    closeness: float = _p(0.5, 0, 1, "-", "closeness at the start (0 apart, 1 together)", "M1",
                          INTRO)
    intensity: float = _p(0.3, 0, 1, "-", "intensity at the start (embers .. wildfire)", "M11",
                          INTENSITY)
    toxicity: float = _p(0.0, 0, 1, "-", "toxicity at the start", "M12", TOXIC)


class Model(Frozen):
    """Rates and thresholds shared by both twins (see docs/model.md for each equation)."""

    chase_gain: float = _p(0.04, 0, 1, "1/day", "pull toward the other per unit fear x focus",
                           "M2", INTRO, "Strogatz (1988) love affairs: pursuit term")
    gravity: float = _p(0.05, 0, 1, "1/day", "pull between two healed twins", "M6", FOCUS)
    run_gain: float = _p(0.06, 0, 1, "1/day", "push away per unit wound", "M2", INTRO)
    run_base: float = _p(0.3, 0, 5, "-", "avoidance from wounds with no pressure at all", "M2",
                         INTRO)
    chase_pressure: float = _p(0.25, 0, 1, "-", "pressure one reach-out adds (share of headroom)",
                               "M4", BREAKING)
    focus_pressure: float = _p(0.02, 0, 1, "1/day",
                               "pressure from the other's attention on one's wounds", "M4",
                               BREAKING)
    pressure_decay: float = _p(0.1, 0, 10, "1/day", "rate at which felt pressure fades", "M4",
                               BREAKING)
    reopen: float = _p(0.03, 0, 1, "1/day", "rate at which pressure reopens wounds", "M4, M15",
                       BREAKING)
    separation_healing: float = _p(1.0, 0, 10, "-", "extra healing when apart (x(1+k(1-c)))",
                                   "M5", APART)
    focus_drag: float = _p(0.6, 0, 1, "-", "share of healing lost to attention on the twin",
                           "M9", BREAKING)
    self_love_healing: float = _p(1.0, 0, 10, "-", "extra healing per unit self-love", "M7",
                                  SELF_LOVE)
    mirror: float = _p(1.0, 0, 10, "-",
                       "extra healing per unit of the other's healedness (1 - their wound)",
                       "M8", BREAKING)
    toxic_drag: float = _p(0.4, 0, 1, "-", "share of healing lost at full toxicity", "M12",
                           TOXIC, "Kiecolt-Glaser et al. (2005): hostile couples heal ~60% as fast")
    support_gain: float = _p(0.3, 0, 5, "per (session/week)",
                             "extra healing per weekly support session", "M17",
                             HEALING)
    heal_threshold: float = _p(0.3, 0.01, 0.99, "-", "wound below which a twin counts as healed",
                               "M6", APART)
    wound_noise: float = _p(0.02, 0, 0.5, "1/sqrt(day)", "day-to-day ups and downs of wounds",
                            "M18", SIGNS)
    ignition: float = _p(0.3, 0, 5, "1/day", "rate at which closeness and wounds ignite "
                         "intensity", "M11", INTENSITY,
                         "Rinaldi & Gragnani (1998): synergism and appeal")
    intensity_decay: float = _p(0.02, 0, 5, "1/day", "rate at which intensity settles",
                                "M11", INTENSITY, "Rinaldi (1998): oblivion")
    toxicity_build: float = _p(0.2, 0, 5, "1/day", "rate at which close, wounded intensity turns "
                               "toxic", "M12", TOXIC)
    toxicity_decay: float = _p(0.02, 0, 5, "1/day", "rate at which toxicity fades", "M12", TOXIC)
    toxic_wounding: float = _p(0.01, 0, 1, "1/day", "rate at which toxicity reopens wounds",
                               "M12", TOXIC)
    block_relief: float = _p(4.0, 0, 100, "-", "extra toxicity fading while contact is blocked",
                             "M14", BLOCKING)
    self_preservation: float = _p(0.15, 0, 1, "1/day",
                                  "push away per unit self-love x toxicity", "M7, M13", SWAP)
    trigger: float = _p(0.3, 0, 1, "1/day", "push away when the other comes close still "
                        "wounded and one is worn out", "M10", SEPARATION)
    rejection_fear: float = _p(0.02, 0, 1, "-", "fear and wound added to, and well-being "
                               "taken from, the sender of an ignored reach-out",
                               "M2", INTRO)
    reply_rate: float = _p(0.8, 0, 24, "1/day", "answers per day to a waiting reach-out",
                           "M15", SIGNS)
    ignore_rate: float = _p(1.0, 0, 24, "1/day", "rate of leaving a reach-out unanswered, per "
                            "unit wound", "M4", BREAKING)
    reply_closeness: float = _p(0.03, 0, 1, "-", "closeness a reply adds (share of headroom)",
                                "M15", SIGNS)
    withdraw_rate: float = _p(0.3, 0, 24, "1/day", "rate of withdrawing when pressed while close",
                              "M4", BREAKING)
    withdraw_drop: float = _p(0.15, 0, 1, "-", "share of closeness a withdrawal removes", "M4",
                              BREAKING)
    block_rate: float = _p(0.3, 0, 24, "1/day", "rate of acting on a crossed boundary", "M14",
                           BLOCKING)
    unblock_rate: float = _p(0.02, 0, 24, "1/day", "rate of reopening contact once calm", "M14",
                             BLOCKING)
    block_decay: float = _p(0.05, 0, 10, "1/day", "rate at which closeness fades while blocked",
                            "M14", BLOCKING)
    sign_rate: float = _p(0.05, 0, 24, "1/day", "signs per day once the other has healed",
                          "M15", SIGNS, "Scheffer et al. (2009): critical slowing down")
    move_on_rate: float = _p(0.003, 0, 1, "1/day", "rate at which a healed, surrendered twin "
                             "moves on from an unhealed one", "M16", FOCUS)
    fear_relief: float = _p(0.01, 0, 1, "1/day", "rate at which self-love eases fear", "M7",
                            SELF_LOVE)
    refocus: float = _p(0.02, 0, 1, "1/day", "rate at which fear pulls attention back to the twin",
                        "M9", BREAKING)
    wellbeing_rate: float = _p(0.05, 0, 10, "1/day", "rate at which well-being follows its "
                               "target", "M12", TOXIC)
    toxic_harm: float = _p(0.6, 0, 1, "-", "well-being lost at full toxicity", "M12", TOXIC)
    close_threshold: float = _p(0.6, 0.01, 0.99, "-", "closeness above which the twins are "
                                "together", "M1", INTRO)
    apart_threshold: float = _p(0.4, 0.01, 0.99, "-", "closeness below which they are apart again",
                                "M1", INTRO)
    toxic_threshold: float = _p(0.5, 0.01, 0.99, "-", "toxicity above which closeness is "
                                "turbulence, not union", "M12", TOXIC)
    role_threshold: float = _p(0.01, 0, 1, "1/day", "net drive that counts as running or "
                               "chasing", "M1", INTRO)


def owner_of(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class holding the last name of ``path`` (walking nested models), or None."""
    for part in path[:-1]:
        ann = model.model_fields[part].annotation if part in model.model_fields else None
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return None
        model = ann
    return model


def bounds(model: type[BaseModel], name: str) -> dict[str, float]:
    """The numeric constraints of a field: any of ``ge``, ``gt``, ``le``, ``lt``."""
    return {op: getattr(m, op) for m in model.model_fields[name].metadata
            for op in ("ge", "gt", "le", "lt") if getattr(m, op, None) is not None}


def field_info(model: type[BaseModel], name: str) -> dict[str, Any]:
    """Metadata of one parameter: meaning, unit, range, default, mechanism, section, source."""
    f = model.model_fields[name]
    b = bounds(model, name)
    extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
    return {"name": name, "default": f.default, "min": b.get("ge", b.get("gt")),
            "max": b.get("le", b.get("lt")), "meaning": f.description or "", **extra}
