"""Never lose an entry: killed processes, concurrent writers, busy journals, migrations."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from journal_support import cli_subprocess
from twinflames.journal import init_journal, open_journal
from twinflames.journal import store as store_module
from twinflames.journal.paths import backup_dir

ADDER = """
import sys
import time
from pathlib import Path
from twinflames.errors import InputError
from twinflames.journal import open_journal
path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_journal(path) as jr:
    print("ready", flush=True)
    if len(sys.argv) > 4:  # a starting gate shared with another writer
        gate = Path(sys.argv[4])
        (gate / tag).touch()
        while not (gate / "go").exists():
            time.sleep(0.005)
    for i in range(count):
        try:
            jr.add("note", date="2024-01-01", note=f"{tag} {i}")
        except InputError as exc:
            print("busy" if "busy" in str(exc) else f"error {exc}", i, flush=True)
            continue
        print("ok", i, flush=True)
"""

IMPORTER = """
import sys
from twinflames.journal import open_journal
with open_journal(sys.argv[1]) as jr:
    print("ready", flush=True)
    summary = jr.import_file(sys.argv[2])
    print("done", summary.added, flush=True)
"""


def start(script, *args):
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def notes(path):
    with open_journal(path) as jr:
        assert jr.integrity() == "ok"
        return [r.entry.note for r in jr.list()]


def test_killing_a_burst_of_adds_loses_no_acknowledged_entry(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    rng = random.Random(3)
    acknowledged = []
    for round_ in range(6):
        proc = start(ADDER, path, f"r{round_}", 100_000)
        assert proc.stdout.readline() == "ready\n"
        for _ in range(rng.randint(5, 60)):
            line = proc.stdout.readline().split()
            assert line[0] == "ok"
            acknowledged.append(f"r{round_} {line[1]}")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        got = notes(path)  # also runs PRAGMA integrity_check
        assert set(acknowledged) <= set(got)
        assert len(got) == len(set(got)) and len(got) - len(acknowledged) <= round_ + 1


def big_csv(path, tag, rows):
    lines = ["date,time,kind,who,value,detail,note"]
    lines += [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d},,note,me,,,{tag} row {i}"
              for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_killing_an_import_leaves_it_wholly_present_or_wholly_absent(tmp_path):
    rows = 10_000
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    probe = start(IMPORTER, path, big_csv(tmp_path / "probe.csv", "probe", rows))
    assert probe.stdout.readline() == "ready\n"
    began = time.perf_counter()
    assert probe.stdout.readline() == f"done {rows}\n"
    duration = time.perf_counter() - began
    probe.wait()
    expected = rows
    outcomes = []
    for i, fraction in enumerate((0.1, 0.3, 0.5, 0.7, 0.9, 0.2)):
        proc = start(IMPORTER, path, big_csv(tmp_path / f"in{i}.csv", f"run{i}", rows))
        assert proc.stdout.readline() == "ready\n"
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = notes(path)
        present = sum(1 for n in got if n.startswith(f"run{i} "))
        assert present in (0, rows), present
        expected += present
        assert len(got) == expected
        outcomes.append(present)
        assert_backups_sound(path)
    assert 0 in outcomes  # at least one kill landed inside the import


def assert_backups_sound(path):
    """Every backup counted is a whole journal (a kill mid-copy leaves only a temporary file,
    which is never counted), and no more than the newest few are kept."""
    backups = sorted(backup_dir(path).glob("backup-*.sqlite"))
    assert len(backups) <= store_module.KEEP_BACKUPS
    for backup in backups:
        notes(backup)  # opens it and checks its integrity


def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    gate = tmp_path / "gate"
    gate.mkdir()
    procs = [start(ADDER, path, tag, 150, gate) for tag in ("left", "right")]
    deadline = time.monotonic() + 60
    while not all((gate / tag).exists() for tag in ("left", "right")):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    (gate / "go").touch()
    results = [proc.communicate(timeout=120)[0].split("\n")[1:] for proc in procs]
    got = set(notes(path))
    for tag, lines in zip(("left", "right"), results, strict=True):
        for line in filter(None, lines):
            status, i = line.split()
            assert status in ("ok", "busy")
            assert (f"{tag} {i}" in got) == (status == "ok")
    assert len(got) == sum(line.startswith("ok") for lines in results for line in lines)


def test_a_held_journal_gives_a_clear_busy_message(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = cli_subprocess("journal", "add", "reach_out", "--journal", str(path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 2
    assert done.stderr == ("twinflames: error: journal: busy (another twinflames is writing to "
                           "it); nothing was changed, try again in a moment\n")
    assert notes(path) == []


def test_older_schema_is_migrated_after_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "j.sqlite"
    jr, _ = init_journal(path)
    jr.add("note", note="from version 1", date="2024-01-01")
    jr.close()

    def add_tags(conn):
        conn.execute("CREATE TABLE tags (entry_id TEXT, tag TEXT)")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, add_tags])
    with open_journal(path) as jr:
        assert [r.entry.note for r in jr.list()] == ["from version 1"]
    (backup,) = path.with_name(path.name + ".backups").iterdir()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM rows").fetchone()[0] == 1
    old.close()
    new = sqlite3.connect(path)
    assert new.execute("PRAGMA user_version").fetchone()[0] == 2
    assert new.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    new.close()
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    with pytest.raises(Exception, match="newer twinflames"):
        open_journal(path)


def test_backups_are_private_and_only_the_newest_are_kept(tmp_path):
    jr, _ = init_journal(tmp_path / "j.sqlite")
    for i in range(store_module.KEEP_BACKUPS + 3):
        src = tmp_path / f"in{i}.csv"
        src.write_text(f"date,time,kind,who,value,detail,note\n2024-01-0{1 + i % 9},,"
                       f"note,me,,,import {i}\n")
        jr.import_file(src)
    jr.close()
    backups = sorted(tmp_path.joinpath("j.sqlite.backups").iterdir())
    assert len(backups) == store_module.KEEP_BACKUPS
    assert backups[-1].name == f"backup-{store_module.KEEP_BACKUPS + 3:06d}.sqlite"
    assert all(os.stat(p).st_mode & 0o077 == 0 for p in [*backups, tmp_path / "j.sqlite"])
    last = sqlite3.connect(backups[-1])  # the state just before the last import
    assert last.execute("SELECT count(*) FROM rows").fetchone()[0] == store_module.KEEP_BACKUPS + 2
    last.close()
