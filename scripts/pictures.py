"""Every picture and quoted output of README.md and docs/, made from the commands shown beside
them.

    .venv/bin/python scripts/pictures.py            # regenerate them all
    .venv/bin/python scripts/pictures.py --check    # only say which no longer match

Each picture has a fingerprint beside it (``docs/images/NAME.json``): the data behind it (a
run's outcome and phases, the fixed points and basins, the phase probabilities by week), taken
from the same command with ``--json``. ``tests/test_pictures.py`` runs those commands again and
fails when the data no longer match, so a picture can't silently go out of date. Quoted outputs
sit between ``<!-- output: COMMAND -->`` and ``<!-- end output -->`` in a Markdown file (``first N
lines`` after the command quotes only the start); the test compares them word for word. Quoted
refusals sit between ``<!-- errors -->`` and ``<!-- end errors -->``: each ``$ twinflames ...``
line, then the one line it prints on stderr, and it must exit with code 2.

The explorer's screenshots are taken from the running page by ``scripts/screenshots.py``, which
this script runs first (``--no-screenshots`` skips it). Beside each it writes the same kind of
fingerprint: the page's address, what the page showed in words, and every call to the web API
that drew it (the request the page sent and the data of its answer). The check sends those
requests again to the web application in this process (FastAPI's test client, no browser) and
fails when the answers differ.
Commands run in an 80-column terminal (``COLUMNS=80``), as a newcomer's might.

A fingerprint agrees with the data when everything in it is equal, except that counts may
differ by :data:`COUNT_SLACK` (or half a percent) and other numbers by :data:`NUMBER_SLACK`
(or two percent), :func:`agrees`. A simulation is bit-identical on one machine whatever the
threads, but not across processors: the C library picks its ``exp``, ``log``, ``sin`` and
``cos`` for the processor it runs on, their last bits differ, and a chaotic dyad or two of a
thousand end elsewhere (one of 1,000 couples in the explorer's compare, between the AVX-512
machine the pictures were made on and an AVX2 one; the same happens on one machine with the C
library's FMA versions switched off, ``GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA``).
Quoted outputs are compared word for word.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
QUOTED_IN = ("README.md", "docs/journal.md", "docs/inference.md", "docs/analysis.md",
             "docs/cli.md")
EXAMPLE_LAST_DAY = "2024-08-07"  # the example journal's last entry: stats count up to it
MARKER = re.compile(r"<!-- output: (?P<command>.+?)(?: \| first (?P<lines>\d+) lines)? -->\n"
                    r"```text\n(?P<text>.*?)```\n<!-- end output -->", re.S)
ERRORS = re.compile(r"<!-- errors -->\n```text\n(?P<text>.*?)```\n<!-- end errors -->", re.S)


def twinflames(args: list[str], env: dict[str, str] | None = None) -> str:
    """Run the command line as a newcomer would (80 columns) and return what it printed."""
    environment = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "twinflames.cli", *args], capture_output=True,
                          text=True, env=environment, cwd=ROOT, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"twinflames {shlex.join(args)} failed: {proc.stderr.strip()}")
    return proc.stdout


def rounded(value, digits: int = 3):
    """``value`` with every float rounded, for fingerprints that survive the last bit."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, list):
        return [rounded(v, digits) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v, digits) for k, v in value.items()}
    return value


def run_fingerprint(data: dict) -> dict:
    return {"outcome": data["outcome"],
            "phases": [[p["phase"], p["runner"], p["chaser"], round(p["start"]),
                        round(p["end"])] for p in data["phases"]]}


def analysis_fingerprint(data: dict) -> dict:
    return rounded({"fixed_points": [[p["kind"], list(p["state"].values())]
                                     for p in data["fixed_points"]],
                    "basins": [[a["label"], a["fraction"]]
                               for a in data.get("basins", {}).get("attractors", [])],
                    "transitions": [t["between"] for t in
                                    data.get("bifurcation", {}).get("transitions", [])]}, 2)


def where_fingerprint(data: dict) -> dict:
    return rounded({"as_of": data["as_of"], "phase": data["phase"]}, 2)


def sobol_fingerprint(data: dict) -> dict:
    return rounded({r["parameter"]: [r["S1"], r["ST"]] for r in data["sobol"]["indices"]}, 2)


def critical_slowing_down(out: Path | None) -> dict:
    """The AR(1) series of docs/analysis.md (coefficient creeping from 0.1 to 0.97, seed 0),
    its indicators drawn to ``out``; returns the fingerprint."""
    import numpy as np

    from twinflames.analysis import indicators
    from twinflames.analysis.plots import plot_indicators

    rng = np.random.default_rng(0)
    phi = np.linspace(0.1, 0.97, 600)
    x = np.zeros(600)
    for t in range(1, 600):
        x[t] = phi[t] * x[t - 1] + rng.normal()
    ind = indicators(x, window=200, bandwidth=60)
    if out is not None:
        plot_indicators(ind, path=out)
    return rounded(ind.to_dict(), 2)


def stats_fingerprint(data: dict) -> dict:
    keep = ("entries", "days_logged", "days_since_reach_out", "longest_without_reaching_out")
    return {k: data[k] for k in keep if k in data}


@dataclass(frozen=True)
class Picture:
    """One picture: the command shown beside it (``{out}`` is where the picture goes) and how
    to read the fingerprint of the data behind it from the same command with ``--json``."""

    image: str
    command: str
    fingerprint: Callable[[dict], dict]
    journal: bool = False  # runs on a scratch copy of the example journal
    maker: Callable[[Path | None], dict] | None = None  # drawn by Python, not a command

    def argv(self, out: Path) -> list[str]:
        return shlex.split(self.command.replace("{out}", str(out)))

    def json_argv(self) -> list[str]:
        words = shlex.split(self.command)
        i = words.index("--plot")
        return words[:i] + words[i + 2:] + ["--json"]


PICTURES = (
    Picture("classic.png", "simulate classic --seed 1 --plot {out}", run_fingerprint),
    Picture("classic-strogatz-saddle.png",
            "analyze strogatz --preset love-fest-or-war --plot {out}", analysis_fingerprint),
    Picture("classic-rinaldi-synergic.png",
            "analyze rinaldi --preset synergic-couple --basins 200 --plot {out}",
            analysis_fingerprint),
    Picture("classic-gottman-ogive.png",
            "analyze gottman --preset ogive-three-states --plot {out}", analysis_fingerprint),
    Picture("analysis-scan-rinaldi.png",
            "analyze rinaldi --preset synergic-couple --scan A1=0:1:21 --plot {out}",
            analysis_fingerprint),
    Picture("analysis-sobol.png",
            "analyze both-heal --sobol a.healing_rate=0.001:0.01 --sobol b.surrender_rate=0:0.05 "
            "--samples 32 --runs 200 --plot {out}", sobol_fingerprint),
    Picture("analysis-early-warning.png", "", dict, maker=critical_slowing_down),
    Picture("journal-where.png", "journal where --example --plot {out}", where_fingerprint),
    Picture("journal-stats.png", f"journal stats --today {EXAMPLE_LAST_DAY} --plot {{out}}",
            stats_fingerprint, journal=True),
)
# taken from the running page by scripts/screenshots.py (Chromium), which regenerate() runs
# too: each with the API calls whose answers it draws (the calls the check replays)
JOURNAL_ROUTES = ("/api/journal/stats", "/api/journal/where", "/api/journal/forecast",
                  "/api/journal/guide")
SCREENSHOT_CALLS = {"explorer.png": ("/api/simulate",),
                    "explorer-compare.png": ("/api/compare",),
                    "explorer-journal.png": JOURNAL_ROUTES,
                    "explorer-phone.png": ("/api/simulate", "/api/journal/stats")}
SCREENSHOTS = set(SCREENSHOT_CALLS)
HAND_MADE: set[str] = set()


COUNT_SLACK = 3  # couples of a count that may end elsewhere on another processor
NUMBER_SLACK = 0.03  # the same for a share, an index or a chance (rounded to 2 digits)


def agrees(now, stored) -> bool:
    """Whether fingerprint ``now`` shows what ``stored`` shows, within the slack of another
    processor's last bits (the module's docstring)."""
    if isinstance(stored, dict):
        return (isinstance(now, dict) and now.keys() == stored.keys()
                and all(agrees(now[k], stored[k]) for k in stored))
    if isinstance(stored, list):
        return (isinstance(now, list) and len(now) == len(stored)
                and all(agrees(a, b) for a, b in zip(now, stored, strict=True)))
    if isinstance(stored, bool) or not isinstance(stored, (int, float)):
        return now == stored
    if isinstance(now, bool) or not isinstance(now, (int, float)):
        return False
    if isinstance(stored, int) and isinstance(now, int):
        return abs(now - stored) <= max(COUNT_SLACK, 0.005 * abs(stored))
    return abs(now - stored) <= max(NUMBER_SLACK, 0.02 * abs(stored))


def answer_fingerprint(route: str, data: dict) -> dict:
    """The data a screenshot draws from the web API's answer to ``route`` (dates that follow
    the day the picture is taken, such as days since the last reach-out, left out)."""
    if route == "/api/simulate":
        return {**run_fingerprint(data), "days": data["days"], "story": data["story"]}
    if route == "/api/compare":
        return rounded({arm["label"]: {"outcomes": {o: v["count"]
                                                    for o, v in arm["outcomes"].items()},
                                       "days_to_union": arm["days_to_union"]}
                        for arm in data["arms"]})
    if route == "/api/journal/stats":
        return {k: data[k] for k in ("entries", "days_logged", "first_day", "reach_outs")}
    if route == "/api/journal/where":
        return {**where_fingerprint(data), "sentences": data["sentences"]}
    if route == "/api/journal/forecast":
        return rounded(data["choices"], 1)
    if route == "/api/journal/guide":
        return {k: data[k] for k in ("phase", "role", "section", "lines")}
    raise ValueError(f"no fingerprint for {route}")


def example_journal_file(path: Path) -> Path:
    """A journal at ``path`` holding the example entries (synthetic, nobody's)."""
    from twinflames.inference.example import example_entries
    from twinflames.journal import init_journal

    journal, _ = init_journal(path)
    for e in example_entries():
        journal.add(**e.to_dict())
    journal.close()
    return path


def screenshot_problems(names: Iterable[str] = SCREENSHOTS) -> list[str]:
    """Each screenshot's API calls sent again to the web application in this process: one line
    for every screenshot (of ``names``) whose page would now draw other data."""
    import warnings

    from fastapi.testclient import TestClient

    from twinflames.web.app import create_app

    warnings.filterwarnings("ignore", message=".*httpx2")  # the test client's own notice
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        journal = example_journal_file(Path(tmp) / "journal.sqlite")
        # the Host guard answers only requests addressed to this machine
        with TestClient(create_app(warm=False, journal=journal),
                        base_url="http://127.0.0.1") as client:
            for name in sorted(names):
                stored = json.loads((IMAGES / name).with_suffix(".json").read_text())
                calls = {c["route"] for c in stored["calls"]}
                if calls != set(SCREENSHOT_CALLS[name]):
                    problems.append(f"docs/images/{name}: its fingerprint records the calls "
                                    f"{sorted(calls)}; run scripts/screenshots.py")
                    continue
                for call in stored["calls"]:
                    answer = client.request(call["method"], call["route"], json=call["body"])
                    if (answer.status_code != 200
                            or not agrees(answer_fingerprint(call["route"], answer.json()),
                                          call["answer"])):
                        problems.append(f"docs/images/{name}: the page would now draw other "
                                        f"data from {call['route']}; run "
                                        "scripts/screenshots.py")
    return problems


def example_journal(folder: Path) -> dict[str, str]:
    """A scratch journal holding the example entries; the environment that points at it."""
    return {"TWINFLAMES_JOURNAL": str(example_journal_file(folder / "example.sqlite"))}


def fingerprint(picture: Picture, env: dict[str, str] | None) -> dict:
    if picture.maker is not None:
        return picture.maker(None)
    return picture.fingerprint(json.loads(twinflames(picture.json_argv(), env)))


def quoted_outputs() -> list[tuple[str, str, int | None, str]]:
    """(file, command, lines or None, quoted text) for every quoted output in the docs."""
    found = []
    for name in QUOTED_IN:
        text = (ROOT / name).read_text(encoding="utf-8")
        for m in MARKER.finditer(text):
            found.append((name, m["command"], int(m["lines"]) if m["lines"] else None,
                          m["text"]))
    return found


def refusal(command: str) -> str:
    """The one line ``twinflames ...`` prints on stderr when it refuses (it must exit with 2)."""
    environment = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "twinflames.cli", *shlex.split(command)[1:]],
                          capture_output=True, text=True, env=environment, cwd=ROOT, timeout=600)
    if proc.returncode != 2:
        raise RuntimeError(f"{command} exited with {proc.returncode}, not 2")
    return proc.stderr


def refusals(text: str) -> str:
    """A quoted block of ``$ twinflames ...`` lines with what each prints now below it."""
    return "".join(f"{line}\n{refusal(line[2:])}" for line in text.splitlines()
                   if line.startswith("$ "))


def output_of(command: str, lines: int | None) -> str:
    """What the quoted ``twinflames ...`` command prints now, as it is quoted."""
    words = shlex.split(command)
    assert words[0] == "twinflames", command
    text = twinflames(words[1:])
    text = re.sub(r"/\S*/(example_journal\.csv)", r".../\1", text)  # no machine paths
    kept = text.splitlines()[:lines] if lines else text.splitlines()
    return "\n".join(line.rstrip() for line in kept) + "\n"


def regenerate(screenshots: bool = True) -> None:
    if screenshots:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py")], check=True,
                       cwd=ROOT, timeout=1200)
    with tempfile.TemporaryDirectory() as tmp:
        env = example_journal(Path(tmp))
        for p in PICTURES:
            use = env if p.journal else None
            if p.maker is not None:
                p.maker(IMAGES / p.image)
            else:
                twinflames(p.argv(IMAGES / p.image), use)
            (IMAGES / p.image).with_suffix(".json").write_text(
                json.dumps(fingerprint(p, use), indent=1) + "\n", encoding="utf-8")
            print(f"wrote {p.image} and its fingerprint")
    for name in QUOTED_IN:
        path = ROOT / name
        text = path.read_text(encoding="utf-8")

        def fresh(m: re.Match) -> str:
            lines = int(m["lines"]) if m["lines"] else None
            return m[0].replace(m["text"], output_of(m["command"], lines))

        new = MARKER.sub(fresh, text)
        new = ERRORS.sub(lambda m: m[0].replace(m["text"], refusals(m["text"])), new)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"updated the quoted output in {name}")


def check() -> list[str]:
    """What no longer matches, one line each (empty when everything does)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        env = example_journal(Path(tmp))
        for p in PICTURES:
            stored = json.loads((IMAGES / p.image).with_suffix(".json").read_text())
            if not agrees(fingerprint(p, env if p.journal else None), stored):
                problems.append(f"docs/images/{p.image}: `twinflames {p.command}` now draws "
                                "other data; run scripts/pictures.py")
    for name, command, lines, text in quoted_outputs():
        if output_of(command, lines) != text:
            problems.append(f"{name}: `{command}` now prints something else; run "
                            "scripts/pictures.py")
    for name in QUOTED_IN:
        for m in ERRORS.finditer((ROOT / name).read_text(encoding="utf-8")):
            if refusals(m["text"]) != m["text"]:
                problems.append(f"{name}: a quoted refusal now reads otherwise; run "
                                "scripts/pictures.py")
    return problems + screenshot_problems()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Only report what is stale.")
    parser.add_argument("--no-screenshots", action="store_true",
                        help="Leave the explorer's screenshots as they are.")
    options = parser.parse_args()
    if options.check:
        stale = check()
        print("\n".join(stale) or "every picture and quoted output matches")
        sys.exit(1 if stale else 0)
    regenerate(screenshots=not options.no_screenshots)
