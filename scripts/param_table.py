"""Regenerate the parameter tables of docs/model.md from the code's field metadata.

Run:  .venv/bin/python scripts/param_table.py      (tests/test_docs.py checks they match)
"""

from __future__ import annotations

import re
from pathlib import Path

from twinflames.model.params import Dyad, Model, Policy, Twin, field_info

DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"
START, END = "<!-- params:start -->", "<!-- params:end -->"
GROUPS = ((Model, "`Model` (shared by both twins)"), (Twin, "`Twin` (per twin: a.NAME, b.NAME)"),
          (Policy, "`Policy` (per twin: a.NAME, b.NAME or a.policy.NAME)"),
          (Dyad, "`Dyad` (the shared start)"))
TEXT_FIELDS = {"name": "text", "policy": "a preset name or NAME:field=value,..."}


def table() -> str:
    lines = []
    for model, title in GROUPS:
        lines += [f"#### {title}", "",
                  "| name | default | range | unit | meaning | mechanism | section | source |",
                  "|---|---|---|---|---|---|---|---|"]
        for name in model.model_fields:
            info = field_info(model, name)
            if name in TEXT_FIELDS:
                lines.append(f"| `{name}` | | {TEXT_FIELDS[name]} | | {info['meaning']} | | | |")
                continue
            section = f'"{info["section"]}"' if info.get("section") else ""
            lines.append(
                f"| `{name}` | {info['default']:g} | {info['min']:g} – {info['max']:g} | "
                f"{info['unit']} | {info['meaning']} | {info['mechanism']} | {section} | "
                f"{info['source']} |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    DOC.write_text(pattern.sub(f"{START}\n{table()}\n{END}", text), encoding="utf-8")


if __name__ == "__main__":
    main()
