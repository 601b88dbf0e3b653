"""The `twinflames journal` commands: contract, history, one-line errors with exit code 2."""

import json
import sqlite3

import pytest

from journal_support import cli, cli_subprocess, snapshot
from twinflames.journal import open_journal


@pytest.fixture
def jpath(tmp_path, capsys):
    path = tmp_path / "j.sqlite"
    assert cli(capsys, "journal", "init", "--journal", str(path))[0] == 0
    return path


def add(capsys, path, *args):
    code, out, err = cli(capsys, "journal", "add", *args, "--journal", str(path))
    assert code == 0, err
    return out.split()[1].rstrip(":")


def entries(capsys, path, *args):
    code, out, err = cli(capsys, "journal", "list", "--json", *args, "--journal", str(path))
    assert code == 0, err
    return json.loads(out)


def test_add_examples_from_the_issue_and_list_them(capsys, jpath):
    add(capsys, jpath, "reach_out", "--date", "2024-03-01")
    add(capsys, jpath, "ignore", "--who", "them", "--date", "2024-03-01", "--time", "21:30")
    add(capsys, jpath, "urge", "--value", "3", "--detail", "resisted", "--date", "2024-03-02")
    add(capsys, jpath, "sign", "--detail", "dream", "--note", "by the sea", "--date",
        "2024-03-02", "--time", "7:15 am")
    add(capsys, jpath, "wellbeing", "--value", "2", "--date", "2024-03-03")
    listed = entries(capsys, jpath)
    assert [(e["date"], e["time"], e["kind"], e["who"], e["value"], e["detail"], e["note"])
            for e in listed] == [
        ("2024-03-01", None, "reach_out", "me", None, None, None),
        ("2024-03-01", "21:30", "ignore", "them", None, None, None),
        ("2024-03-02", None, "urge", "me", 3, "resisted", None),
        ("2024-03-02", "07:15", "sign", "me", None, "dream", "by the sea"),
        ("2024-03-03", None, "wellbeing", "me", 2, None, None)]
    assert len({e["id"] for e in listed}) == 5
    assert [e["kind"] for e in entries(capsys, jpath, "--since", "2024-03-02", "--until",
                                       "2024-03-02")] == ["urge", "sign"]
    assert [e["kind"] for e in entries(capsys, jpath, "--kind", "wellbeing")] == ["wellbeing"]
    code, out, _ = cli(capsys, "journal", "list", "--journal", str(jpath))
    assert code == 0 and "by the sea" in out and "reach_out" in out


def test_date_defaults_to_today_and_who_to_me(capsys, jpath):
    import datetime as dt
    add(capsys, jpath, "practice", "--detail", "breathing")
    (entry,) = entries(capsys, jpath)
    assert entry["date"] == dt.date.today().isoformat() and entry["who"] == "me"


def test_edit_and_remove_keep_the_history(capsys, jpath):
    entry_id = add(capsys, jpath, "sign", "--detail", "song", "--date", "2024-03-01")
    other = add(capsys, jpath, "reply", "--date", "2024-03-02")
    code, out, _ = cli(capsys, "journal", "edit", entry_id, "--detail", "dream", "--note",
                       "first version was wrong", "--journal", str(jpath))
    assert code == 0 and "version 2" in out
    assert cli(capsys, "journal", "remove", other, "--journal", str(jpath))[0] == 0
    listed = entries(capsys, jpath)
    assert [(e["id"], e["detail"]) for e in listed] == [(entry_id, "dream")]
    history = entries(capsys, jpath, "--history")
    assert [(h["id"], h["version"], h["op"], h["detail"]) for h in history] == [
        (entry_id, 1, "add", "song"), (other, 1, "add", None),
        (entry_id, 2, "edit", "dream"), (other, 2, "remove", None)]
    code, _, err = cli(capsys, "journal", "edit", other, "--note", "x", "--journal", str(jpath))
    assert code == 2 and "was removed" in err
    # clearing a field with ""
    cli(capsys, "journal", "edit", entry_id, "--note", "", "--journal", str(jpath))
    assert entries(capsys, jpath)[0]["note"] is None


def test_stats_json_and_plot(capsys, jpath, tmp_path):
    for date in ("2024-03-01", "2024-03-20", "2024-03-25"):
        add(capsys, jpath, "reach_out", "--date", date)
    add(capsys, jpath, "reach_out", "--who", "them", "--date", "2024-03-21")
    add(capsys, jpath, "urge", "--value", "4", "--detail", "resisted", "--date", "2024-03-22")
    add(capsys, jpath, "urge", "--detail", "acted", "--date", "2024-03-25")
    add(capsys, jpath, "practice", "--date", "2024-03-22")
    add(capsys, jpath, "practice", "--detail", "walk", "--date", "2024-03-22")
    add(capsys, jpath, "sign", "--detail", "dream", "--date", "2024-03-23")
    add(capsys, jpath, "wellbeing", "--value", "2", "--date", "2024-03-22")
    add(capsys, jpath, "wellbeing", "--value", "4", "--date", "2024-03-22")
    plot = tmp_path / "stats.png"
    code, out, err = cli(capsys, "journal", "stats", "--json", "--today", "2024-04-01",
                         "--plot", str(plot), "--journal", str(jpath))
    assert code == 0, err
    s = json.loads(out)
    assert s["days_since_reach_out"] == 7
    assert s["longest_without_reaching_out"] == 19  # 1 March to 20 March; the relapse keeps it
    assert s["reach_outs"] == {"me": 3, "them": 1}
    assert s["urges"] == {"resisted": 4, "acted": 1}
    assert s["practice_days"] == 1 and s["signs"]["dream"] == 1
    assert s["ratings"]["wellbeing"] == [{"date": "2024-03-22", "mean": 3.0}]
    week = next(w for w in s["weeks"] if w["week"] == "2024-03-18")
    assert week == {"week": "2024-03-18", "urges_resisted": 4, "urges_acted": 0,
                    "reach_outs_me": 1, "reach_outs_them": 1, "practice_days": 1, "signs": 1}
    assert plot.read_bytes()[:4] == b"\x89PNG"
    code, out, _ = cli(capsys, "journal", "stats", "--today", "2024-03-25", "--journal",
                       str(jpath))
    words = " ".join(out.split())  # the sentences wrap at the terminal's width
    assert "You reached out today" in words and "19 days, still stands" in words


BAD_ADDS = [
    (["add", "text_them"], "kind: 'text_them'"),
    (["add", "wellbeing", "--value", "6"], "value: '6' for wellbeing; allowed: a whole number"),
    (["add", "anxiety"], "value: missing for anxiety"),
    (["add", "reply", "--date", "2024-13-01"], "date: '2024-13-01'"),
    (["add", "reply", "--time", "25:00"], "time: '25:00'"),
    (["add", "urge", "--value", "2"], "detail: missing for urge"),
    (["add", "wellbeing", "--who", "them", "--value", "3"], "who: 'them' for wellbeing"),
    (["edit", "nosuchid", "--note", "x"], "id: 'nosuchid'"),
    (["remove", "nosuchid"], "id: 'nosuchid'"),
    (["list", "--since", "March"], "since: 'March'"),
    (["list", "--kind", "hug"], "kind: 'hug'"),
    (["stats", "--plot", "out.txt"], "--plot"),
    (["erase"], "erase: not confirmed"),
    (["passphrase"], "not encrypted"),
    (["export", "x.xml", "--format", "xml"], "--format"),
]


@pytest.mark.parametrize(("args", "message"), BAD_ADDS)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(capsys, jpath, args, message):
    cli(capsys, "journal", "add", "reach_out", "--note", "keep me", "--journal", str(jpath))
    before = snapshot(jpath)
    code, out, err = cli(capsys, "journal", *args, "--journal", str(jpath))
    assert code == 2
    assert message in err and err.count("\n") == 1 and err.startswith("twinflames: error: ")
    assert snapshot(jpath) == before


def test_missing_journal_and_not_a_journal(capsys, tmp_path):
    code, _, err = cli(capsys, "journal", "list", "--journal", str(tmp_path / "none.sqlite"))
    assert code == 2 and "no journal at" in err and "journal init" in err
    text = tmp_path / "notes.txt"
    text.write_text("dear diary\n" * 50)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (1)")
    conn.close()
    for path in (text, other):
        before = path.read_bytes()
        for args in (["add", "reach_out"], ["list"], ["erase", "--yes"]):
            code, _, err = cli(capsys, "journal", *args, "--journal", str(path))
            assert code == 2 and "is not a twinflames journal" in err, err
        assert path.read_bytes() == before
        assert not path.with_name(path.name + "-wal").exists()
    code, _, err = cli(capsys, "journal", "init", "--journal", str(text))
    assert code == 2 and "already exists" in err and text.read_text() == "dear diary\n" * 50


def test_environment_variable_names_the_journal(capsys, tmp_path):
    path = tmp_path / "env.sqlite"
    env = {"TWINFLAMES_JOURNAL": str(path)}
    assert cli(capsys, "journal", "init", env=env)[0] == 0
    assert cli(capsys, "journal", "add", "withdraw", "--who", "them", env=env)[0] == 0
    with open_journal(path) as jr:
        assert [r.entry.kind for r in jr.list()] == ["withdraw"]


def test_erase_removes_the_journal_and_its_backups(capsys, jpath, tmp_path):
    csv = tmp_path / "in.csv"
    csv.write_text("date,time,kind,who,value,detail,note\n2024-01-01,,reply,them,,,\n")
    assert cli(capsys, "journal", "import", str(csv), "--journal", str(jpath))[0] == 0
    backups = jpath.with_name(jpath.name + ".backups")
    assert len(list(backups.iterdir())) == 1
    code, out, _ = cli(capsys, "journal", "erase", "--yes", "--journal", str(jpath))
    assert code == 0 and not jpath.exists() and not backups.exists()
    assert list(tmp_path.iterdir()) == [csv]


def test_a_real_subprocess_from_any_folder(tmp_path):
    path = tmp_path / "sub.sqlite"
    env = {"TWINFLAMES_JOURNAL": str(path)}
    assert cli_subprocess("journal", "init", env=env, cwd="/").returncode == 0
    done = cli_subprocess("journal", "add", "urge", "--value", "2", "--detail", "acted",
                          env=env, cwd="/")
    assert done.returncode == 0 and done.stdout.startswith("added ")
    bad = cli_subprocess("journal", "add", "urge", "--value", "2", env=env, cwd="/")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_an_edit_that_changes_nothing_says_so_even_after_earlier_edits(capsys, jpath):
    entry_id = add(capsys, jpath, "practice", "--detail", "walk", "--date", "2024-03-01")
    edit = ("journal", "edit", entry_id, "--note", "felt good", "--journal", str(jpath))
    code, out, _ = cli(capsys, *edit)
    assert code == 0 and "version 2" in out
    code, out, _ = cli(capsys, *edit)
    assert code == 0 and "nothing to change" in out
    history = entries(capsys, jpath, "--history")
    assert [h["version"] for h in history] == [1, 2]
