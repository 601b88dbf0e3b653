"""Write the example journal shipped with twinflames, and the true story behind it.

    .venv/bin/python scripts/make_example_journal.py [--out FOLDER]

Default folder: src/twinflames/inference/data. The same seed gives the same two files byte for
byte; tests/test_inference_example.py checks that the shipped files are what this script writes.
The seed is the first from 0 up whose 220-day truth reads like a person's story: only the chase
and separation, the other running on at least 6 days in 10, the keeper chasing on 8 to 60 in 100
days in runs of a week or more, separation on at least 4 days in 10 and on the last 20. Seed 557:
a running twin, a keeper apart most of the time who chases seven times for a week or two, both
wounds easing slowly. If the prior or the observation model changes, this script writes
other files (the test says so); check the story again before shipping them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

from twinflames.inference.observations import ME, THEM
from twinflames.inference.validation.synthetic import synthetic_journal
from twinflames.journal.canonical import to_csv
from twinflames.journal.kinds import make_entry
from twinflames.model import layout as L

SEED = 557
DAYS = 220
KEEP = 0.7  # share of days with entries
START = "2024-01-01"
DATA = Path(__file__).resolve().parents[1] / "src" / "twinflames" / "inference" / "data"
TRUTH_COLUMNS = ("date", "phase", "role_me", "role_them", "wound_me", "wound_them")


def _write(path: Path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_example(folder: Path) -> tuple[Path, Path]:
    """Write ``example_journal.csv`` (canonical journal CSV) and ``example_truth.csv`` (one row
    a day) into ``folder``; return their paths."""
    story = synthetic_journal(SEED, days=DAYS, keep=KEEP, start=START)
    folder.mkdir(parents=True, exist_ok=True)
    journal, truth = folder / "example_journal.csv", folder / "example_truth.csv"
    journal.write_text(to_csv(make_entry(**e) for e in story.entries), encoding="utf-8")
    first = dt.date.fromisoformat(START)
    me, them = (twin * L.TWIN_STATE_SIZE + L.WOUND for twin in (ME, THEM))
    _write(truth, TRUTH_COLUMNS, (
        [(first + dt.timedelta(days=d)).isoformat(), L.PHASES[story.phase[d]],
         L.ROLES[story.roles[d, 0]], L.ROLES[story.roles[d, 1]],
         f"{story.record[d, me]:.3f}", f"{story.record[d, them]:.3f}"]
        for d in range(DAYS)))
    return journal, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="Folder to write into.")
    for path in write_example(parser.parse_args().out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
