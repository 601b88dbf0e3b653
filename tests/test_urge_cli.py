"""``twinflames journal urge``: the flow on the command line, its JSON, the pause, the close."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time

from journal_support import cli, cli_subprocess, snapshot
from test_urge_forecast import chasing
from twinflames.journal import init_journal, open_journal

PASS = "a quiet morning"


def _journal(tmp_path, entries, passphrase=None):
    jr, _ = init_journal(tmp_path / "j.sqlite", passphrase)
    jr.add_many([(e, None) for e in entries])
    jr.close()
    return str(tmp_path / "j.sqlite")


def test_json_has_the_issue_keys_and_logs_nothing_unasked(tmp_path, capsys):
    path = _journal(tmp_path, chasing())
    before = snapshot(path)
    code, out, err = cli(capsys, "journal", "urge", "--json", "--journal", path,
                         "--particles", "300")
    assert code == 0, err
    flow = json.loads(out)
    assert {"history", "forecast", "blocked", "choices", "practice"} <= set(flow)
    assert flow["blocked"] is False
    assert [c["name"] for c in flow["choices"]] == ["wait_a_week", "reach_out_today",
                                                    "guidance"]
    assert flow["history"]["reach_outs_counted"] == 6
    assert flow["history"]["ignored"]["count"] == 3 and flow["history"]["replies"]["count"] == 3
    fc = flow["forecast"]["choices"]["reach_out_today"]
    assert {"of_100", "low", "high"} <= set(fc["union"]) and "difference" in fc
    assert flow["practice"]["section"] and flow["practice"]["steps"]
    assert flow["logged"] == {} and snapshot(path) == before


def test_the_same_seed_gives_the_same_forecast(tmp_path, capsys):
    path = _journal(tmp_path, chasing())
    runs = [json.loads(cli(capsys, "journal", "urge", "--json", "--journal", path,
                           "--particles", "300", "--seed", "4")[1])["forecast"]
            for _ in range(2)]
    assert runs[0] == runs[1]


def test_close_and_unsent_are_logged_kindly_and_reset_nothing(tmp_path, capsys):
    path = _journal(tmp_path, chasing(), PASS)
    env = {"TWINFLAMES_PASSPHRASE": PASS}
    before = json.loads(cli(capsys, "journal", "stats", "--json", "--journal", path,
                            "--today", "2024-03-12", env=env)[1])
    code, out, err = cli(capsys, "journal", "urge", "--journal", path, "--wait", "0",
                         "--particles", "300", "--close", "acted", "--unsent",
                         "I wanted to say sorry", env=env)
    assert code == 0, err
    assert "Nothing is reset" in out and "Saved as an unsent letter" in out
    assert "not therapy" in out
    with open_journal(path, PASS) as jr:
        urges = [r.entry for r in jr.list(kind="urge") if r.entry.detail == "acted"]
        letters = jr.list(kind="unsent")
        assert len(urges) == 1 and urges[0].value == 1
        assert [r.entry.note for r in letters] == ["I wanted to say sorry"]
        after = jr.stats("2024-03-12")
    assert after["longest_without_reaching_out"] == before["longest_without_reaching_out"]
    assert after["urges"]["resisted"] == before["urges"]["resisted"]
    assert after["entries"] == before["entries"] + 1  # the letter is not counted


def test_no_terminal_no_questions_a_short_pause_and_a_clear_line(tmp_path):
    path = _journal(tmp_path, chasing(days=3))  # too few days for a forecast: said plainly
    before = snapshot(path)
    done = cli_subprocess("journal", "urge", "--journal", path, "--wait", "0.01",
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "A 0.01-minute pause starts now." in done.stdout
    assert "The pause is over." in done.stdout
    assert "Not a terminal" in done.stdout and "--close resisted" in done.stdout
    assert "not yet" in done.stdout
    assert snapshot(path) == before


def test_resisted_is_acknowledged(tmp_path, capsys):
    path = _journal(tmp_path, chasing(days=3))
    code, out, _ = cli(capsys, "journal", "urge", "--journal", path, "--wait", "0",
                       "--close", "resisted")
    assert code == 0 and "you let this urge pass" in out
    with open_journal(path) as jr:
        assert jr.stats("2024-03-03")["urges"]["resisted"] == 2 + 1


def test_bad_input_is_one_line_and_changes_nothing(tmp_path, capsys):
    path = _journal(tmp_path, chasing(days=3))
    before = snapshot(path)
    code, out, err = cli(capsys, "journal", "urge", "--journal", path, "--wait", "-1",
                         "--close", "resisted")
    assert code == 2 and err.count("\n") == 1 and "--wait = -1" in err and "allowed" in err
    code, _, err = cli(capsys, "journal", "urge", "--journal", path, "--close", "maybe")
    assert code == 2 and "maybe" in err
    assert snapshot(path) == before


def test_stats_show_the_urge_record(tmp_path, capsys):
    path = _journal(tmp_path, chasing())
    code, out, _ = cli(capsys, "journal", "stats", "--journal", path, "--today", "2024-03-12")
    assert code == 0
    assert "Urges let pass: 8 in the past 7 days, 12 in the past 30 days." in out
    assert "Days without reaching out: 6 of the 12 since your first entry." in out


def test_in_a_terminal_it_asks_for_the_letter_and_how_it_went(tmp_path):
    """A real pseudo-terminal: the pause counts down, then two questions, answered by typing."""
    path = _journal(tmp_path, chasing(days=3))
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "twinflames.cli", "journal", "urge",
                             "--journal", path, "--wait", "0.02"], stdin=follower,
                            stdout=follower, stderr=follower, env=os.environ.copy())
    os.close(follower)
    seen = b""
    answers = [(b"Your letter", b"the words I kept\n"), (b"How did it go?", b"1\n")]
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(leader, 4096)
                except OSError:
                    break
            if answers and answers[0][0] in seen:
                os.write(leader, answers.pop(0)[1])
        proc.wait(timeout=10)
        while select.select([leader], [], [], 0.2)[0]:  # what is still in the terminal
            try:
                seen += os.read(leader, 4096)
            except OSError:
                break
    finally:
        proc.kill()
        os.close(leader)
    text = seen.decode(errors="replace")
    assert proc.returncode == 0, text
    assert "left" in text and "The pause is over." in text
    assert "you let this urge pass" in text and "Saved as an unsent letter" in text
    with open_journal(path) as jr:
        assert [r.entry.note for r in jr.list(kind="unsent")] == ["the words I kept"]
        assert jr.list(kind="urge")[-1].entry.detail == "resisted"
