"""Journal timings: `journal add` end to end, a 10,000-row Daylio import, the passphrase check;
and the file sizes after the import (encrypted rows are padded to size buckets).

Run:  .venv/bin/python benchmarks/bench_journal.py
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from twinflames.journal import init_journal, open_journal

MOODS = ["rad", "good", "meh", "bad", "awful"]
ACTIVITIES = ["reach out", "practice", "support", "work", "trigger", "together"]


def daylio_file(path: Path, rows: int, seed: int = 1) -> Path:
    """A Daylio export (current header, byte-order mark, 12-hour times) with ``rows`` rows."""
    rng = random.Random(seed)
    lines = ["full_date,date,weekday,time,mood,activities,scales,note_title,note"]
    day = dt.date(2020, 1, 1)
    for i in range(rows):
        when = day + dt.timedelta(days=i // 3)
        hour = rng.randint(1, 12)
        acts = " | ".join(rng.sample(ACTIVITIES, rng.randint(0, 2)))
        lines.append(f'{when},{when:%B %-d},{when:%A},{hour}:{rng.randint(0, 59):02d} '
                     f'{rng.choice(["am", "pm"])},{rng.choice(MOODS)},"{acts}",,,"day {i}"')
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain, sealed = tmp / "plain.sqlite", tmp / "sealed.sqlite"
        init_journal(plain)[0].close()
        init_journal(sealed, "bench passphrase")[0].close()
        env = {**os.environ, "TWINFLAMES_PASSPHRASE": "bench passphrase"}

        def cli(*args, path):
            subprocess.run([sys.executable, "-m", "twinflames.cli", *args, "--journal",
                            str(path)], check=True, capture_output=True, env=env)

        for path, label in ((plain, "plain"), (sealed, "encrypted")):
            rows.append((f"`journal add` end to end (subprocess), {label}",
                         best(lambda p=path: cli("journal", "add", "urge", "--value", "2",
                                                 "--detail", "resisted", path=p), 5)))
        rows.append(("  of which: start Python + import twinflames",
                     best(lambda: subprocess.run([sys.executable, "-c", "import twinflames.cli"],
                                                 check=True), 5)))
        with open_journal(plain) as jr:
            rows.append(("  of which: the add itself (API, plain)",
                         best(lambda: jr.add("practice", detail="breathing"), 20)))
        source = daylio_file(tmp / "daylio.csv", 10_000)
        for path, label in ((plain, "plain"), (sealed, "encrypted")):
            with open_journal(path, "bench passphrase") as jr:
                t = time.perf_counter()
                summary = jr.import_file(source)
                rows.append((f"import 10,000-row Daylio file ({summary.added} entries), {label}",
                             time.perf_counter() - t))
                t = time.perf_counter()
                again = jr.import_file(source)
                rows.append((f"  same file again ({again.added} added), {label}",
                             time.perf_counter() - t))
        rows.append(("passphrase check (Argon2id 64 MiB, 3 passes + unwrap)",
                     best(lambda: open_journal(sealed, "bench passphrase").close(), 5)))
        sizes = {label: path.stat().st_size for path, label in ((plain, "plain"),
                                                                (sealed, "encrypted"))}
    print(f"{'case':<64} {'seconds':>9}")
    for name, sec in rows:
        print(f"{name:<64} {sec:>9.4f}")
    print(f"\n{'file after the import':<64} {'MB':>9}")
    for label, size in sizes.items():
        print(f"{label:<64} {size / 1e6:>9.2f}")
    print(f"{'encrypted / plain (sealing and padding)':<64} "
          f"{sizes['encrypted'] / sizes['plain']:>9.2f}")


if __name__ == "__main__":
    main()
