"""Preset scenarios (TOML files beside this module) and the loader for user TOML files."""

from __future__ import annotations

import tomllib
from difflib import get_close_matches
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..model.scenario import Scenario
from ..model.validation import build, short


def preset_names() -> list[str]:
    """Names of the shipped presets, in a stable order."""
    files = resources.files(__name__).iterdir()
    return sorted(f.name[:-5] for f in files if f.name.endswith(".toml"))


def _merge(base: dict, over: dict) -> dict:
    """``over`` on top of ``base``, table by table; each ``[vary]`` entry is replaced whole
    (a new distribution, never a blend of two)."""
    out = dict(base)
    for key, value in over.items():
        if not (isinstance(value, dict) and isinstance(out.get(key), dict)):
            out[key] = value
        elif key == "vary":
            out[key] = {**out[key], **value}
        else:
            out[key] = _merge(out[key], value)
    return out


def _table(text: str, where: str, seen: tuple[str, ...] = ()) -> dict:
    """The TOML table of a scenario, with ``base = "preset"`` merged underneath it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: not valid TOML ({exc})") from None
    except RecursionError:
        raise InputError(f"{where}: tables or lists nested too deeply to read; allowed: a "
                         "scenario file as in docs/model.md") from None
    base = data.pop("base", None)
    if base is None:
        return data
    if not isinstance(base, str) or base not in preset_names() or base in seen:
        raise InputError(f"{where}: base = {base!r}; allowed: one of {', '.join(preset_names())}")
    parent = _table(_preset_text(base), base, seen + (base,))
    return _merge(parent, data)


def _preset_text(name: str) -> str:
    return resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8")


def _parse(text: str, where: str) -> Scenario:
    return build(Scenario, _table(text, where))


def load(name_or_path: str | Path) -> Scenario:
    """Load a preset by name (``"classic"``) or a scenario TOML file by path.

    Raises
    ------
    InputError
        Unknown preset, unreadable or malformed file, or invalid values.
    """
    text = str(name_or_path)
    path = Path(text)
    shown = short(text)
    try:
        is_file = text.endswith(".toml") or path.exists()
        is_dir = path.is_dir()
    except (OSError, ValueError):  # a name too long for a path, or holding a NUL
        is_file = is_dir = False
    if is_file:
        if is_dir:
            raise InputError(f"scenario: {shown} is a folder; allowed: a .toml file")
        if not path.is_file():
            raise InputError(f"scenario: file {shown} not found")
        try:
            return _parse(path.read_text(encoding="utf-8"), text)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"scenario: cannot read {shown} ({exc})") from None
    if text not in preset_names():
        hint = get_close_matches(text[:100], preset_names(), n=1)
        raise InputError(f"scenario: unknown scenario {shown}; allowed: a preset "
                         f"({', '.join(preset_names())}) or a .toml file"
                         + (f" (did you mean {hint[0]!r}?)" if hint else ""))
    return _parse(_preset_text(text), text)


def presets() -> list[Scenario]:
    """All shipped presets."""
    return [load(n) for n in preset_names()]
