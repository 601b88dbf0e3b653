"""The command line's numbered holes of issue 13 stay closed: each is exit 2 with one line
naming what was wrong, and the same command without the fault runs."""

from __future__ import annotations

import json

import pytest

from journal_support import cli
from twinflames.model.scenario import MAX_STEPS
from twinflames.scenarios import load
from twinflames.web import limits

REFUSED = [
    # item 5: no step limit, or errors deep in the engine
    (["simulate", "--days", "1", "--dt", "1e-9"], "at most 200000 steps"),
    (["simulate", "--dt", "1e-300"], "at most 200000 steps"),
    (["ensemble", "--dt", "1e-6", "--runs", "2"], "at most 200000 steps"),
    (["compare", "--vs", "b=guided", "--vs", "b=anxious; dt_hours=0.0001", "--runs", "2"],
     "at most 200000 steps"),
    (["sweep", "--grid", "chase_pressure=0.1:0.2:2", "--dt", "1e-5", "--runs", "2"],
     "at most 200000 steps"),
    (["explain", "--dt", "1e-7"], "at most 200000 steps"),
    (["sweep", "--grid", "dt_hours=0.01:24:2", "--runs", "2"], "at most 200000 steps"),
    # item 7
    (["ensemble", "--workers", "0", "--runs", "2"], "--workers"),
    (["sweep", "--grid", "chase_pressure=0.1:0.2:2", "--grid", "chase_pressure=0.3:0.4:2",
      "--runs", "2"], "chase_pressure is given twice"),
    (["simulate", "--set", "days=-1", "--days", "10"], "--days is given too"),
    (["simulate", "--days", "1e-300"], "at least one minute"),
    (["simulate", "--policy", "b="], "a=NAME or b=NAME"),
    (["simulate", "--out", "/missing/dir/x.csv", "--days", "5"], "does not exist"),
    (["simulate", "--set", "a.wound=true"], "a.wound"),
]


@pytest.mark.parametrize(("args", "message"), REFUSED)
def test_refused_with_one_line_and_exit_2(capsys, args, message):
    code, _, err = cli(capsys, *args)
    assert code == 2 and err.count("\n") == 1 and message in err, err


def test_the_web_and_the_command_line_share_one_step_limit(capsys):
    assert limits.MAX_STEPS is MAX_STEPS
    hours = 24 * 10 / MAX_STEPS  # exactly the limit over ten days
    code, _, err = cli(capsys, "simulate", "--days", "10", "--dt", f"{hours * 0.99}", "--json")
    assert code == 2 and str(MAX_STEPS) in err
    code, out, _ = cli(capsys, "simulate", "--days", "10", "--dt", f"{hours}", "--json")
    assert code == 0 and json.loads(out)["days"] == 10


def test_the_missing_folder_is_not_created(capsys, tmp_path):
    code, _, _ = cli(capsys, "simulate", "--days", "5", "--out", str(tmp_path / "no" / "x.csv"))
    assert code == 2 and not (tmp_path / "no").exists()
    code, _, _ = cli(capsys, "simulate", "--days", "5", "--out", str(tmp_path / "x.csv"))
    assert code == 0 and (tmp_path / "x.csv").exists()


# -- item 4: [vary] over a base that already varies the same parameter ------------------------
@pytest.mark.parametrize(("key", "spec", "kind"), [
    ("b.fear", "{ beta = [2, 2] }", "beta"),
    ("a.wound", "{ normal = [0.7, 0.05] }", "normal"),
    ("a.wound", "{ lognormal = [0.7, 0.1] }", "lognormal"),
])
def test_vary_replaces_the_base_distribution_whole(tmp_path, key, spec, kind):
    assert load("classic").vary[key].kind == "uniform"  # the base varies it already
    path = tmp_path / "mine.toml"
    path.write_text(f'base = "classic"\n[vary]\n"{key}" = {spec}\n')
    sc = load(path)
    assert sc.vary[key].kind == kind
    assert set(sc.vary) == set(load("classic").vary)  # the other distributions stay


def test_toml_edge_cases_are_one_line(capsys, tmp_path):
    cases = {
        "deep.toml": "x = " + "[" * 2000 + "]" * 2000 + "\n",
        "tables.toml": "x = " + "{a = " * 2000 + "1" + "}" * 2000 + "\n",
        "long.toml": 'name = "' + "a" * 3_000_000 + '"\n',
        "vary.toml": 'base = "classic"\n[vary]\n"b.feer" = { beta = [2, 2] }\n',
        "seed.toml": 'base = "classic"\nseed = false\n',
    }
    expected = {"deep.toml": "nested too deeply", "tables.toml": "nested too deeply",
                "long.toml": "characters)", "vary.toml": "vary.b.feer",
                "seed.toml": "seed = False"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        code, _, err = cli(capsys, "simulate", str(tmp_path / name))
        assert code == 2 and err.count("\n") == 1 and expected[name] in err, (name, err)
        assert len(err) < 400
    (tmp_path / "dir.toml").mkdir()
    code, _, err = cli(capsys, "simulate", str(tmp_path / "dir.toml"))
    assert code == 2 and "is a folder" in err


def test_text_that_is_not_utf8_is_one_line(capsys, tmp_path):
    path = tmp_path / "j.sqlite"
    assert cli(capsys, "journal", "init", "--journal", str(path))[0] == 0
    raw = b"caf\xe9".decode("utf-8", "surrogateescape")  # what the shell hands over
    for option in ("--note", "--detail"):
        code, _, err = cli(capsys, "journal", "add", "trigger", option, raw,
                           "--journal", str(path))
        assert code == 2 and "not valid text" in err and err.count("\n") == 1
    code, _, err = cli(capsys, "simulate", raw)
    assert code == 2 and "\\udce9" in err  # shown escaped, not a crash while printing
