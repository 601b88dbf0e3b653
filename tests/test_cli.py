"""The command line, run as a user runs it (a real subprocess)."""

import json
import subprocess
import sys

import pandas as pd
import pytest

import twinflames as tf


def run(*args, check=True):
    proc = subprocess.run([sys.executable, "-m", "twinflames.cli", *args], capture_output=True,
                          text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_scenarios_lists_every_preset_with_description_and_section():
    items = json.loads(run("scenarios", "--json").stdout)
    assert {i["name"] for i in items} == set(tf.preset_names())
    assert len(items) >= 10
    assert all(i["description"] and i["section"] and i["shows"] for i in items)
    human = run("scenarios").stdout
    assert "chaser-surrenders" in human and "Swapping Roles" in human


def test_simulate_json_contract(tmp_path):
    data = json.loads(run("simulate", "classic", "--days", "200", "--seed", "4", "--json").stdout)
    for key in ("scenario", "seed", "days", "dt", "outcome", "phases", "events", "final",
                "metrics"):
        assert key in data
    assert data["seed"] == 4 and data["days"] == pytest.approx(200)
    assert data["outcome"] in ("union", "chasing", "separated", "mutual_running", "toxic",
                               "blocked", "moved_on")
    for ep in data["phases"]:
        assert set(ep) == {"start", "end", "phase", "runner", "chaser"}
        assert ep["runner"] in ("a", "b", None) and ep["chaser"] in ("a", "b", None)
    assert all({"day", "kind", "who"} <= set(e) for e in data["events"])
    m = data["metrics"]
    for key in ("days_to_union", "days_in_phase", "role_swaps", "reach_outs", "blocks",
                "signs"):
        assert key in m
    assert m["reach_outs"]["b"] == sum(
        1 for e in data["events"] if e["kind"] == "reach_out" and e["who"] == "b")
    assert set(data["final"]) == {"a", "b", "dyad"}


def test_simulate_writes_data_and_picture(tmp_path):
    csv, png, pq, js = (tmp_path / n for n in ("run.csv", "run.png", "run.parquet", "run.json"))
    proc = run("simulate", "classic", "--days", "120", "--policy", "b=guided", "--set",
               "a.wound=0.9", "--out", str(csv), "--plot", str(png))
    assert "Outcome" in proc.stdout and "Timeline" in proc.stdout
    frame = pd.read_csv(csv)
    assert {"day", "wound_a", "wound_b", "closeness", "intensity", "toxicity", "wellbeing_a",
            "phase", "role_a", "role_b"} <= set(frame.columns)
    assert frame["wound_a"].iloc[0] == pytest.approx(0.9)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    run("simulate", "classic", "--days", "60", "--out", str(pq))
    assert len(pd.read_parquet(pq)) > 10
    run("simulate", "classic", "--days", "60", "--out", str(js))
    assert json.loads(js.read_text())["scenario"] == "classic"


def test_ensemble_and_compare_json():
    ens = json.loads(run("ensemble", "classic", "--runs", "200", "--dt", "24", "--days", "400",
                         "--json", "--quiet").stdout)
    assert ens["runs"] == 200
    assert sum(ens["outcomes"].values()) == pytest.approx(1.0)
    assert set(ens["days_to_union"]) == {"median", "p10", "p90", "reached"}
    assert set(ens["days_in_phase"]) == {"chase", "separation", "mutual_running", "turbulence",
                                         "blocked", "union", "ended"}
    assert {"role_swaps", "blocks"} <= set(ens["rates"])
    cmp = json.loads(run("compare", "classic", "--vs", "b=anxious", "--vs", "b=guided",
                         "--runs", "200", "--dt", "24", "--json", "--quiet").stdout)
    assert list(cmp["arms"]) == ["b=anxious", "b=guided"]
    diff = cmp["differences"]["b=guided"]["P(union)"]
    assert diff["low"] <= diff["estimate"] <= diff["high"]
    assert diff["low"] > 0  # surrendering the chase raises the chance of union


def test_explain_tells_the_story_in_plain_sentences():
    text = run("explain", "chaser-surrenders", "--seed", "2").stdout
    assert text.count("Day") >= 2 and "At the end" in text
    assert "not a prediction" in text


@pytest.mark.parametrize("args, field", [
    (["simulate", "nope"], "scenario"),
    (["simulate", "classic", "--set", "a.wond=0.3"], "a.wond"),
    (["simulate", "classic", "--set", "a.wound=1.5"], "a.wound"),
    (["simulate", "classic", "--set", "a.wound=nan"], "a.wound"),
    (["simulate", "classic", "--set", "chase_pressure=inf"], "chase_pressure"),
    (["simulate", "classic", "--days", "-3"], "days"),
    (["simulate", "classic", "--policy", "b=calm"], "policy"),
    (["simulate", "classic", "--policy", "b=guided:boundary=2"], "boundary"),
    (["simulate", "classic", "--out", "x.xlsx"], "--out"),
    (["ensemble", "classic", "--runs", "0"], "--runs"),
    (["compare", "classic", "--vs", "b=guided"], "arms"),
    (["simulate", "classic", "--dt", "0"], "dt_hours"),
])
def test_bad_input_is_one_line_and_exit_2(args, field):
    proc = run(*args, check=False)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert field in lines[0] and "Traceback" not in proc.stderr


def test_malformed_and_invalid_toml(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("name = \n[a\n")
    proc = run("simulate", str(bad), check=False)
    assert proc.returncode == 2 and "not valid TOML" in proc.stderr
    odd = tmp_path / "odd.toml"
    odd.write_text('base = "classic"\n[a]\nwound = 7\n')
    proc = run("simulate", str(odd), check=False)
    assert proc.returncode == 2 and "a.wound" in proc.stderr and "0 to 1" in proc.stderr


def test_user_toml_with_base_runs(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('base = "classic"\nname = "mine"\ndays = 90\n[b]\npolicy = "guided"\n')
    data = json.loads(run("simulate", str(mine), "--json").stdout)
    assert data["scenario"] == "mine" and data["policies"]["b"] == "guided"


UNKIND = ("fault", "fail", "should have", "weak", "guarantee", "will reunite", "must reunite",
          "blame", "stupid", "pathetic", "destined")


@pytest.mark.parametrize("name", tf.preset_names())
def test_stories_are_plain_kind_and_promise_nothing(name):
    for seed in (1, 2):
        lines = tf.tell(tf.simulate(name, seed=seed)).sentences
        text = " ".join(lines).lower()
        assert not [w for w in UNKIND if w in text]
        assert lines[-1].startswith("At the end")
        assert all(len(line) < 260 for line in lines)


def test_the_command_starts_without_the_engine_pandas_or_scipy():
    """`twinflames journal add` must start in well under a second: loading the command line
    may not import the compiled engine or the heavy numerical libraries."""
    code = ("import sys, twinflames.cli; "
            "print(sorted(m for m in ('numba', 'pandas', 'scipy', 'xarray') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_results_are_data_and_views_draw_them():
    # importing the results must not load the views (no import circle results -> plots/story)
    code = ("import sys, twinflames.results; "
            "print(any(m in sys.modules for m in ('twinflames.plots', 'twinflames.story')))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr
    import twinflames as tf

    run = tf.simulate("classic", seed=1, days=60)
    story = tf.tell(run)
    assert str(story) == "\n".join(story.sentences) and len(story.sentences) >= 2
