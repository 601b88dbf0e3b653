"""How long the README's tour takes: every ``twinflames`` command of its bash blocks, as written,
one after the other in a scratch folder, as whole processes at 80 columns.

A command may take at most 30 s unless the README marks it ``# long: …`` with its time; the
table says which ones broke that. Skipped: ``serve`` (it runs until Ctrl+C; ``bench_web.py``
times the page), lines that stand for your own files (``DATA.csv``, ``...``, ``PATH``), and the
million-dyad ensembles unless ``--million``.

Run:  .venv/bin/python benchmarks/bench_tour.py [--skip-long] [--million]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 30.0
YOURS = ("DATA.csv", "TURNS.csv", "WELLBEING.csv", "ic.csv", " ... ", " PATH")


def tour(readme: str) -> list[tuple[str, str]]:
    """``(command, comment)`` for every ``twinflames`` line of the README's bash blocks, with
    continuation lines joined and the comment (what follows ``  #``) apart."""
    found: list[tuple[str, str]] = []
    for block in re.findall(r"```bash\n(.*?)```", readme, flags=re.S):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            command, comment = _split(line)
            while command.endswith("\\") and i + 1 < len(lines):
                i += 1
                more, more_comment = _split(lines[i])
                command = command[:-1].rstrip() + " " + more.strip()
                comment = " ".join(c for c in (comment, more_comment) if c)
            # a comment on the next, otherwise empty line belongs to this command
            if i + 1 < len(lines) and lines[i + 1].strip().startswith("#"):
                comment = " ".join(c for c in (comment, lines[i + 1].strip()[1:].strip()) if c)
                i += 1
            if command.startswith("twinflames "):
                found.append((command, comment))
            i += 1
    return found


def _split(line: str) -> tuple[str, str]:
    match = re.search(r"\s{2,}#\s?(.*)$", line)
    if match is None:
        return line.rstrip(), ""
    return line[:match.start()].rstrip(), match[1].strip()


def _scratch(folder: Path, readme: str) -> dict[str, str]:
    """Inputs the tour reads (a Daylio export, ``mine.toml``) and the environment."""
    shutil.copy(ROOT / "tests" / "data" / "journal" / "daylio_current.csv",
                folder / "daylio_export.csv")
    toml = re.search(r"```toml\n(.*?)```", readme, flags=re.S)
    if toml:
        (folder / "mine.toml").write_text(toml[1])
    return {**os.environ, "COLUMNS": "80", "TWINFLAMES_JOURNAL": str(folder / "journal.sqlite"),
            "TWINFLAMES_PASSPHRASE": "a long tour passphrase"}


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-long", action="store_true", help="skip the commands marked long")
    ap.add_argument("--million", action="store_true", help="also the million-dyad ensembles")
    args = ap.parse_args()
    readme = (ROOT / "README.md").read_text()
    program = str(Path(sys.executable).with_name("twinflames"))
    over = []
    print("| command | s | load before–after | README says |")
    print("|---|---:|---:|---|")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = _scratch(folder, readme)
        for command, comment in tour(readme):
            marked = "long" in comment
            if command.startswith("twinflames serve") or any(y in command for y in YOURS):
                continue
            if ("--runs 1000000" in command and not args.million) or (marked and args.skip_long):
                continue
            before = _load()
            t = time.perf_counter()
            done = subprocess.run([program, *shlex.split(command)[1:]], cwd=folder, env=env,
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
            seconds = time.perf_counter() - t
            if done.returncode != 0:
                sys.exit(f"{command}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
            said = re.search(r"long[^;)]*", comment)
            print(f"| `{command}` | {seconds:.1f} | {before}–{_load()} | "
                  f"{said[0] if said else ''} |", flush=True)
            if seconds > LIMIT and not marked:
                over.append(f"{command}: {seconds:.1f} s, over {LIMIT:.0f} s and not marked long")
    for line in over:
        print(line)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
