"""The journal's numbered holes of issue 13 stay closed: far dates, erase, failed imports and
backups, ids shared by two rows, and ciphertext lengths."""

from __future__ import annotations

import json
import sqlite3

import pytest

from journal_support import cli, snapshot
from twinflames.errors import InputError
from twinflames.journal import init_journal, open_journal
from twinflames.journal import journal as journal_module
from twinflames.journal.crypto import SMALLEST_BUCKET, Sealer, padded
from twinflames.journal.kinds import Entry
from twinflames.journal.paths import backup_dir
from twinflames.journal.store import KEEP_BACKUPS

PASS = "correct horse battery"


@pytest.fixture
def jpath(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    return path


def _plant(path, entry_id: str, date: str) -> None:
    """Write a row as an older twinflames could, without today's checks."""
    with open_journal(path) as jr, jr._store.write():
        jr._append(entry_id, "add", Entry(date, None, "reach_out", "me", None, None, None))


# -- item 1: far dates ----------------------------------------------------------------------
@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_far_dates_are_refused_on_every_way_in(capsys, jpath, tmp_path, date):
    before = snapshot(jpath)
    code, _, err = cli(capsys, "journal", "add", "reach_out", "--date", date,
                       "--journal", str(jpath))
    assert code == 2 and "1900-01-01 to 2100-12-31" in err and err.count("\n") == 1
    source = tmp_path / "far.jsonl"
    source.write_text(json.dumps({"kind": "note", "note": "x", "date": date}) + "\n")
    code, _, err = cli(capsys, "journal", "import", str(source), "--journal", str(jpath))
    assert code == 2 and "line 1" in err
    code, _, err = cli(capsys, "journal", "stats", "--today", date, "--journal", str(jpath))
    assert code == 2 and err.startswith("twinflames: error: today:")
    assert snapshot(jpath) == before


@pytest.mark.parametrize("date", ["1900-01-01", "2100-12-31"])
def test_the_ends_of_the_range_are_accepted(jpath, date):
    with open_journal(jpath) as jr:
        assert jr.add("reach_out", date=date).entry.date == date
        assert jr.stats(today="2024-01-01")["entries"] == 1


def test_a_journal_already_holding_a_far_date_still_works_and_flags_it(capsys, jpath,
                                                                       tmp_path):
    with open_journal(jpath) as jr:
        jr.add("reach_out", date="2024-01-01")
        jr.add("urge", value=2, detail="resisted", date="2024-01-05")
        plain = jr.stats(today="2024-02-01")
    _plant(jpath, "far", "9999-12-31")
    code, out, _ = cli(capsys, "journal", "list", "--journal", str(jpath))
    assert code == 0 and "9999-12-31" in out and "note: entry far: date 9999-12-31" in out
    code, out, _ = cli(capsys, "journal", "list", "--json", "--journal", str(jpath))
    flagged = {r["id"]: r.get("problem") for r in json.loads(out)}
    assert flagged["far"] and sum(v is not None for v in flagged.values()) == 1
    code, out, _ = cli(capsys, "journal", "stats", "--json", "--today", "2024-02-01",
                       "--journal", str(jpath))
    stats = json.loads(out)
    assert code == 0 and stats["set_aside"] == 1
    # the far row is left out: every number is the one the journal gave without it
    assert {k: v for k, v in stats.items() if k not in ("set_aside", "summary")} == {
        k: v for k, v in plain.items() if k not in ("set_aside", "summary")}
    assert "left out" in stats["summary"][0]
    export = tmp_path / "all.jsonl"
    code, _, _ = cli(capsys, "journal", "export", str(export), "--journal", str(jpath))
    assert code == 0 and "9999-12-31" in export.read_text()
    # and it can be put right: editing the date counts it again
    code, _, _ = cli(capsys, "journal", "edit", "far", "--date", "2024-01-20",
                     "--journal", str(jpath))
    with open_journal(jpath) as jr:
        assert code == 0 and jr.stats(today="2024-02-01")["set_aside"] == 0


def test_the_web_stats_of_a_journal_with_a_far_date_answer(jpath):
    from fastapi.testclient import TestClient

    from twinflames.web.app import create_app

    _plant(jpath, "far", "9999-12-31")
    client = TestClient(create_app(warm=False, journal=jpath), base_url="http://127.0.0.1")
    assert client.get("/api/journal/stats").json()["set_aside"] == 1
    r = client.get("/api/journal/stats", params={"today": "9999-12-31"})
    assert r.status_code == 400 and r.json()["field"] == "today"


# -- item 2: erase ----------------------------------------------------------------------------
def _encrypted(tmp_path):
    path = tmp_path / "e.sqlite"
    jr, _ = init_journal(path, PASS)
    jr.add("note", note="keep me", date="2024-01-01")
    jr.import_file(_jsonl(tmp_path / "one.jsonl", [{"kind": "note", "note": "n",
                                                     "date": "2024-01-02"}]))
    jr.close()
    return path


@pytest.mark.parametrize("env", [{"TWINFLAMES_PASSPHRASE": "wrong"}, {}])
def test_erase_needs_the_passphrase_of_an_encrypted_journal(capsys, tmp_path, monkeypatch,
                                                            env):
    monkeypatch.delenv("TWINFLAMES_PASSPHRASE", raising=False)
    path = _encrypted(tmp_path)
    files = sorted(p.name for p in [*tmp_path.iterdir(), *backup_dir(path).iterdir()])
    code, _, err = cli(capsys, "journal", "erase", "--yes", "--journal", str(path), env=env)
    assert code == 2 and "passphrase" in err
    assert sorted(p.name for p in [*tmp_path.iterdir(), *backup_dir(path).iterdir()]) == files
    with pytest.raises(InputError, match="wrong passphrase"):
        journal_module.erase(path, "wrong")
    code, out, _ = cli(capsys, "journal", "erase", "--yes", "--journal", str(path),
                       env={"TWINFLAMES_PASSPHRASE": PASS})
    assert code == 0 and not path.exists() and not backup_dir(path).exists()


def test_erase_asks_first_in_a_terminal(capsys, jpath, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("click.confirm", lambda *a, **k: False)
    code, out, _ = cli(capsys, "journal", "erase", "--journal", str(jpath))
    assert code == 0 and "nothing was deleted" in out and jpath.exists()
    monkeypatch.setattr("click.confirm", lambda *a, **k: True)
    code, out, _ = cli(capsys, "journal", "erase", "--journal", str(jpath))
    assert code == 0 and "erased" in out and not jpath.exists()


# -- item 6: a failed import takes no backup --------------------------------------------------
def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_failed_imports_take_no_backup_and_push_none_out(jpath, tmp_path, monkeypatch):
    with open_journal(jpath) as jr:
        for i in range(KEEP_BACKUPS):
            jr.import_file(_jsonl(tmp_path / f"ok{i}.jsonl",
                                  [{"kind": "note", "note": f"good {i}", "date": "2024-01-01"}]))
    kept = sorted(backup_dir(jpath).iterdir())
    assert len(kept) == KEEP_BACKUPS
    bad = _jsonl(tmp_path / "bad.jsonl", [{"kind": "note", "note": "fine", "date": "2024-01-02"},
                                          {"kind": "note", "note": "x", "date": "9999-01-01"}])
    # a failure after the backup was taken (here: the disk refusing the second row)
    real_append = journal_module.Journal._append
    calls = []

    def failing_append(self, *args, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real_append(self, *args, **kw)

    two_good = _jsonl(tmp_path / "two.jsonl", [
        {"kind": "note", "note": "a", "date": "2024-01-03"},
        {"kind": "note", "note": "b", "date": "2024-01-04"}])
    before = snapshot(jpath)
    with open_journal(jpath) as jr:
        for _ in range(KEEP_BACKUPS + 1):
            with pytest.raises(InputError):
                jr.import_file(bad)
        monkeypatch.setattr(journal_module.Journal, "_append", failing_append)
        with pytest.raises(sqlite3.OperationalError):
            jr.import_file(two_good)
    assert calls  # the second kind of failure did reach the writing
    assert sorted(backup_dir(jpath).iterdir()) == kept
    assert snapshot(jpath) == before


# -- item 7: two different rows sharing an id ------------------------------------------------
def test_two_different_rows_with_one_id_are_refused_whole(capsys, jpath, tmp_path):
    before = snapshot(jpath)
    rows = [{"id": "same", "kind": "note", "note": "first", "date": "2024-01-01"},
            {"id": "same", "kind": "note", "note": "second", "date": "2024-01-02"}]
    code, _, err = cli(capsys, "journal", "import", str(_jsonl(tmp_path / "d.jsonl", rows)),
                       "--journal", str(jpath))
    assert code == 2 and "line 2" in err and "line 1" in err and "'same'" in err
    assert snapshot(jpath) == before
    # the very same row twice is one entry, as before
    code, out, _ = cli(capsys, "journal", "import",
                       str(_jsonl(tmp_path / "t.jsonl", [rows[0], rows[0]])),
                       "--journal", str(jpath))
    assert code == 0 and "1 added, 1 already" in out


# -- item 9: padding -------------------------------------------------------------------------
def test_padding_hides_note_lengths_within_a_bucket(tmp_path):
    path = tmp_path / "p.sqlite"
    jr, _ = init_journal(path, PASS)
    for n in (1, 20, 60, 100):
        jr.add("note", note="x" * n, date="2024-01-01")
    lengths = [len(row[2]) for row in jr._store.rows()]
    assert len(set(lengths)) == 1  # notes of 1 to 100 characters look alike
    jr.add("note", note="x" * 1000, date="2024-01-01")
    assert len(jr._store.rows()[-1][2]) > lengths[0]  # only the bucket shows
    assert [len(r.entry.note) for r in jr.list()] == [1, 20, 60, 100, 1000]
    jr.close()
    # without padding (the sealing as it was) the lengths differ row by row
    sealer = Sealer(b"k" * 32, "id")
    unpadded = {len(sealer._aead.encrypt(b"n" * 12, json.dumps({"note": "x" * n}).encode(),
                                         None)) for n in (1, 20, 60, 100)}
    assert len(unpadded) == 4


def test_padding_buckets_and_rows_sealed_before_padding_still_open():
    assert SMALLEST_BUCKET == 512
    assert [len(padded(b"a" * n)) for n in (0, 1, 256, 512, 600, 5000)] == [
        512, 512, 512, 512, 1024, 8192]
    sealer = Sealer(b"k" * 32, "jid")
    payload = {"op": "add", "at": "2024-01-01T00:00:00+00:00"}
    nonce = b"\0" * 12
    old = nonce + sealer._aead.encrypt(nonce, json.dumps(payload).encode(), sealer._ad("1:a"))
    assert sealer.open(old, "1:a") == payload
    assert sealer.open(sealer.seal(payload, "1:a"), "1:a") == payload


def test_where_reads_a_journal_holding_a_far_date_as_if_the_row_were_not_there(jpath):
    from twinflames.inference import infer

    with open_journal(jpath) as jr:
        for day in range(1, 15):
            jr.add("reach_out", date=f"2024-03-{day:02d}")
            jr.add("wellbeing", value=2, date=f"2024-03-{day:02d}")
        before = infer(jr.list(), particles=200, seed=3).to_dict()
    _plant(jpath, "far", "9999-12-31")
    with open_journal(jpath) as jr:
        after = infer(jr.list(), particles=200, seed=3).to_dict()
    assert after["as_of"] == "2024-03-14" and after["phase"] == before["phase"]
