"""Write the list of every command into docs/cli.md, from the command line itself.

    .venv/bin/python scripts/cli_reference.py          # rewrite the list
    .venv/bin/python scripts/cli_reference.py --check  # exit 1 if the list is out of date

The list sits between ``<!-- commands -->`` and ``<!-- end commands -->``: one row per command
with what it does (the first line of its help), its options, and the page that describes it in
full. ``tests/test_docs.py`` fails when a command is added, removed or changed and the list was
not rewritten.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"
BLOCK = re.compile(r"(<!-- commands -->\n)(.*?)(<!-- end commands -->)", re.S)
# the page that describes each command group in full (the rest: this page)
PAGES = {"analyze": "analysis.md", "serve": "web.md", "journal": "journal.md",
         "journal where": "inference.md", "journal forecast": "inference.md",
         "journal guide": "inference.md", "fit": "fitting.md"}


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    """Every command under ``group``, depth first, in alphabetical order."""
    found = []
    for name in sorted(group.commands):
        command = group.commands[name]
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            found += commands(command, f"{path} ")
        else:
            found.append((path, command))
    return found


def page(path: str) -> str:
    for key in sorted(PAGES, key=len, reverse=True):
        if path == key or path.startswith(f"{key} "):
            return PAGES[key]
    return "cli.md"


def table() -> str:
    from twinflames.cli import cli

    rows = ["| command | what it does | options | described in |", "|---|---|---|---|"]
    for path, command in commands(cli):
        options = ", ".join(f"`{p.opts[0]}`" for p in command.params
                            if isinstance(p, click.Option) and p.opts[0] != "--help")
        arguments = " ".join(p.human_readable_name for p in command.params
                             if isinstance(p, click.Argument))
        what = " ".join((command.help or "").strip().split("\n\n")[0].split())
        doc = page(path)
        link = "this page" if doc == "cli.md" else f"[{doc}]({doc})"
        usage = f"twinflames {path}{' ' + arguments if arguments else ''}".replace("|", "\\|")
        rows.append(f"| `{usage}` | {what.replace('|', '/')} | {options or '—'} | {link} |")
    return "\n".join(rows) + "\n"


def rewritten() -> str:
    text = CLI_DOC.read_text(encoding="utf-8")
    if not BLOCK.search(text):
        raise SystemExit("docs/cli.md has no <!-- commands --> block")
    return BLOCK.sub(lambda m: m[1] + table() + m[3], text)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    new = rewritten()
    if parser.parse_args().check:
        same = new == CLI_DOC.read_text(encoding="utf-8")
        print("docs/cli.md lists every command" if same else
              "docs/cli.md is out of date: run scripts/cli_reference.py")
        sys.exit(0 if same else 1)
    CLI_DOC.write_text(new, encoding="utf-8")
    print("rewrote the list of commands in docs/cli.md")
