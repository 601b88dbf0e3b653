"""Encryption on request: nothing readable in the files, wrong passphrase, change, recovery."""

import sqlite3
import subprocess

import pytest

from journal_support import cli, cli_subprocess, snapshot
from twinflames.errors import InputError
from twinflames.journal import init_journal, open_journal, recover
from twinflames.journal.kinds import KINDS

PASS = {"TWINFLAMES_PASSPHRASE": "correct horse"}
NOTES = ["the lighthouse on Ferry Road", "Annabelle's birthday", "I miss the way they laughed",
         "Grenzgänger 🌙 unicode"]
DATES = ["2023-11-05", "2024-02-29", "2024-07-14"]


def all_bytes(path):
    files = [p for p in path.parent.rglob("*") if p.is_file()]
    return b"".join(p.read_bytes() for p in files), files


def test_encrypted_files_hold_no_notes_kinds_or_dates(tmp_path, capsys):
    path = tmp_path / "sealed.sqlite"
    code, out, _ = cli(capsys, "journal", "init", "--encrypt", "--journal", str(path), env=PASS)
    assert code == 0 and "recovery key" in out
    jr = open_journal(path, PASS["TWINFLAMES_PASSPHRASE"])
    for i, kind in enumerate(KINDS):
        spec = KINDS[kind]
        jr.add(kind, date=DATES[i % 3], time="21:30", note=NOTES[i % 4],
               value=3 if spec.value != "none" else None,
               detail=spec.details[0] if spec.details else None if kind == "note" else "walk")
    edited = jr.list()[0].id
    jr.edit(edited, note="changed my mind about the lighthouse")
    jr.remove(edited)
    src = tmp_path / "in.csv"
    src.write_text("date,time,kind,who,value,detail,note\n2024-02-29,,reply,them,,,"
                   "a secret imported note\n")
    jr.import_file(src)  # makes a backup too
    src.unlink()
    raw, files = all_bytes(path)  # while open: the write-ahead log is there
    assert any(f.name.endswith("-wal") for f in files)
    assert any(".backups" in str(f) for f in files)
    jr.close()
    raw += all_bytes(path)[0]
    secrets = [*NOTES, "lighthouse", "a secret imported note", *DATES, "21:30", "walk", *KINDS]
    for text in secrets:
        assert text.encode() not in raw, text
        assert text.encode("utf-16-le") not in raw, text
    # no year of a date either (with its dash: a bare 4-byte year turned up by chance in the
    # files' random ciphertext in one run; five bytes are 256 times less likely to)
    assert b"2023-" not in raw and b"2024-" not in raw and b"2026-" not in raw
    with open_journal(path, "correct horse") as jr:
        assert {r.entry.note for r in jr.list()} >= {NOTES[1], "a secret imported note"}
        assert len(jr.history()) == len(KINDS) + 3


def test_wrong_passphrase_exits_2_and_changes_nothing(tmp_path, capsys):
    path = tmp_path / "sealed.sqlite"
    jr, _ = init_journal(path, "correct horse")
    jr.add("note", note="keep", date="2024-01-01")
    jr.close()
    before, raw = snapshot(path, "correct horse"), path.read_bytes()
    for args in (["add", "reach_out"], ["list"], ["import", "x.csv"], ["passphrase"],
                 ["export", str(tmp_path / "x.jsonl")]):
        code, out, err = cli(capsys, "journal", *args, "--journal", str(path),
                             env={"TWINFLAMES_PASSPHRASE": "wrong horse",
                                  "TWINFLAMES_NEW_PASSPHRASE": "x"})
        assert code == 2 and err == ("twinflames: error: passphrase: wrong passphrase (it does "
                                     "not open this journal); nothing was changed\n")
    assert not (tmp_path / "x.jsonl").exists()
    assert snapshot(path, "correct horse") == before and path.read_bytes() == raw
    done = cli_subprocess("journal", "list", "--journal", str(path),
                          env={"TWINFLAMES_PASSPHRASE": "nope"}, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and "wrong passphrase" in done.stderr
    missing = cli_subprocess("journal", "list", "--journal", str(path),
                             env={"TWINFLAMES_PASSPHRASE": ""}, stdin=subprocess.DEVNULL)
    assert missing.returncode == 2 and "TWINFLAMES_PASSPHRASE" in missing.stderr


def test_passphrase_change_and_recovery(tmp_path, capsys):
    path = tmp_path / "sealed.sqlite"
    code, out, _ = cli(capsys, "journal", "init", "--encrypt", "--journal", str(path), env=PASS)
    recovery_key = out.split("\n\n")[2].strip()
    assert len(recovery_key) == 39 and recovery_key.count("-") == 7
    assert cli(capsys, "journal", "add", "practice", "--journal", str(path), env=PASS)[0] == 0
    code, out, _ = cli(capsys, "journal", "passphrase", "--journal", str(path),
                       env={**PASS, "TWINFLAMES_NEW_PASSPHRASE": "second"})
    assert code == 0 and "changed" in out
    with pytest.raises(InputError, match="wrong passphrase"):
        open_journal(path, "correct horse")
    assert len(open_journal(path, "second").list()) == 1
    # forgotten passphrase: the recovery key (any case, spaces or dashes) sets a new one
    code, _, err = cli(capsys, "journal", "recover", "--journal", str(path),
                       env={"TWINFLAMES_RECOVERY_KEY": "AAAA-" + recovery_key[5:],
                            "TWINFLAMES_NEW_PASSPHRASE": "third"})
    assert code == 2 and "recovery key: wrong recovery key" in err
    code, out, err = cli(capsys, "journal", "recover", "--journal", str(path),
                         env={"TWINFLAMES_RECOVERY_KEY": recovery_key.lower().replace("-", " "),
                              "TWINFLAMES_NEW_PASSPHRASE": "third"})
    assert code == 0, err
    with open_journal(path, "third") as jr:
        assert [r.entry.kind for r in jr.list()] == ["practice"]
    recover(path, recovery_key, "fourth").close()  # the recovery key keeps working
    assert len(open_journal(path, "fourth").list()) == 1


def test_rows_cannot_be_swapped(tmp_path):
    path = tmp_path / "sealed.sqlite"
    jr, _ = init_journal(path, "pw")
    jr.add("note", note="first", date="2024-01-01")
    jr.add("note", note="second", date="2024-01-02")
    jr.close()
    conn = sqlite3.connect(path)
    (a, pa), (b, pb) = conn.execute("SELECT seq, payload FROM rows ORDER BY seq").fetchall()
    conn.execute("UPDATE rows SET payload = ? WHERE seq = ?", (pb, a))
    conn.execute("UPDATE rows SET payload = ? WHERE seq = ?", (pa, b))
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="damaged or was moved"):
        open_journal(path, "pw").list()
