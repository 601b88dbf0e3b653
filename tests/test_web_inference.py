"""Where am I? over the web: /api/journal/where, /forecast and /guide answer exactly what
``twinflames journal where | forecast | guide --json`` print, refuse bad input in one line,
say how many more days are needed, respect the lock and the token, and keep the filter's last
answer only until the journal changes."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

import twinflames.inference
from journal_support import cli
from twinflames.inference.validation.synthetic import synthetic_journal
from twinflames.journal import init_journal, open_journal
from twinflames.model import layout as L
from twinflames.web.app import create_app

PASS = "slow mornings"
FAST = {"particles": 300, "seed": 3}  # small and quick; the defaults are the command line's
STORY = 26  # a synthetic chase in which one of their states stays mostly unknown


def _client(path, token=None) -> TestClient:
    return TestClient(create_app(warm=False, journal=path, token=token),
                      base_url="http://127.0.0.1")


def _make(path, entries, passphrase=None):
    jr, _ = init_journal(path, passphrase=passphrase)
    for e in entries:
        jr.add(**e)
    jr.close()
    return path


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """A 60-day synthetic journal (seed 26) in a journal file."""
    return _make(tmp_path_factory.mktemp("story") / "j.sqlite",
                 synthetic_journal(STORY, days=60).entries)


@pytest.fixture
def runs(monkeypatch):
    """Counts the filter's runs (the routes call ``twinflames.inference.infer``, or ``update``
    to carry a kept answer on), each as its name and keywords."""
    calls = []
    for name in ("infer", "update"):
        real = getattr(twinflames.inference, name)

        def counted(*args, _real=real, _name=name, **kw):
            calls.append({"call": _name, **kw})
            return _real(*args, **kw)

        monkeypatch.setattr(twinflames.inference, name, counted)
    return calls


def _bad(response, status: int, field: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["field"] == field and field in body["error"], body
    return body


def _cli_json(capsys, path, command, *extra) -> dict:
    code, out, err = cli(capsys, "journal", command, "--journal", str(path), "--particles",
                         str(FAST["particles"]), "--seed", str(FAST["seed"]), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_answers_are_the_json_of_the_commands(story, capsys, runs):
    c = _client(story)
    where = c.post("/api/journal/where", json=FAST)
    assert where.status_code == 200, where.text
    got = where.json()
    assert got == _cli_json(capsys, story, "where")
    assert list(got["phase"]) == list(L.PHASES)
    assert sum(got["phase"].values()) == pytest.approx(1, abs=1e-3)
    for who in ("me", "them"):
        assert set(got["roles"][who]) == {"runner", "chaser", "none"}
        for s in got["states"][who].values():
            assert 0 <= s["low"] <= s["median"] <= s["high"] <= 1
            assert isinstance(s["mostly_unknown"], bool)
    assert len(got["timeline"]) == 60 and got["timeline"][-1]["date"] == got["as_of"]
    assert got["diagnostics"]["particles"] == 300 and got["diagnostics"]["seed"] == 3

    body = {**FAST, "vs": ["me=current", "me=guided", "me=anxious"], "days": 60, "runs": 100}
    fc = c.post("/api/journal/forecast", json=body)
    assert fc.status_code == 200, fc.text
    fc = fc.json()
    assert fc == _cli_json(capsys, story, "forecast", "--vs", "me=current", "--vs", "me=guided",
                           "--vs", "me=anxious", "--days", "60", "--runs", "100")
    assert fc["baseline"] == "me=current" and list(fc["choices"]) == body["vs"]
    assert "difference" not in fc["choices"]["me=current"]
    for choice in ("me=guided", "me=anxious"):
        for name, d in fc["choices"][choice]["difference"].items():
            assert d["low"] <= d["of_100"] <= d["high"], (choice, name)

    guide = c.post("/api/journal/guide", json=FAST).json()
    assert guide == _cli_json(capsys, story, "guide")
    assert "not therapy" in guide["lines"][-1]
    assert len(runs) == 1  # where ran the filter; forecast and guide used its answer


def test_defaults_are_the_command_line_defaults(story, runs):
    fc = _client(story).post("/api/journal/forecast", json={"particles": 300, "runs": 50})
    assert fc.status_code == 200, fc.text
    assert list(fc.json()["choices"]) == ["me=current", "me=guided"] and fc.json()["days"] == 90
    assert runs == [{"call": "infer", "particles": 300, "seed": 0, "as_of": None}]


def test_bad_input_is_one_line_naming_the_field_and_runs_nothing(story, runs):
    c = _client(story)
    before = c.get("/api/journal/export").text
    assert "100 to 10000" in _bad(c.post("/api/journal/where", json={"particles": 50}), 422,
                                  "particles")["allowed"]
    _bad(c.post("/api/journal/where", json={"particles": "many"}), 422, "particles")
    _bad(c.post("/api/journal/guide", json={"seed": -1}), 422, "seed")
    _bad(c.post("/api/journal/where", json={"partcles": 300}), 422, "partcles")
    _bad(c.post("/api/journal/forecast", json={**FAST, "days": 0}), 422, "days")
    _bad(c.post("/api/journal/forecast", json={**FAST, "runs": 5}), 422, "runs")
    _bad(c.post("/api/journal/forecast", json={**FAST, "vs": []}), 422, "vs")
    five = ["me=current", "me=guided", "me=anxious", "me=avoidant", "me=secure"]
    _bad(c.post("/api/journal/forecast", json={**FAST, "vs": five}), 422, "vs")
    bogus = _bad(c.post("/api/journal/forecast", json={**FAST, "vs": ["me=current",
                                                                       "me=hopeful"]}),
                 400, "vs[1]")
    assert "'me=hopeful'" in bogus["error"] and "guided" in bogus["allowed"]
    assert "me=POLICY" in _bad(c.post("/api/journal/forecast", json={
        **FAST, "vs": ["nonsense=1"]}), 400, "vs[0]")["allowed"]
    _bad(c.post("/api/journal/forecast", json={**FAST, "vs": ["me=guided", "me=guided"]}), 400,
         "vs[1]")
    _bad(c.post("/api/journal/forecast", json={**FAST, "days": 3650, "runs": 20000,
                                               "vs": ["me=current", "me=guided", "me=secure"]}),
         400, "runs")
    far = _bad(c.post("/api/journal/where", json={"particles": 5000, "as_of": "2100-01-01"}),
               400, "particles")
    assert "as_of" in far["allowed"]
    assert runs == []  # none of these reached the filter
    assert "on or after" in _bad(c.post("/api/journal/where", json={
        **FAST, "as_of": "2023-12-31"}), 400, "as_of")["allowed"]
    _bad(c.post("/api/journal/where", json={**FAST, "as_of": "last tuesday"}), 400, "as_of")
    assert c.get("/api/journal/export").text == before


@pytest.mark.parametrize("days", [0, 3])
def test_too_few_days_says_how_many_more_and_guesses_nothing(tmp_path, days):
    path = _make(tmp_path / "j.sqlite", [{"kind": "wellbeing", "value": 3,
                                          "date": f"2024-03-0{d + 1}"} for d in range(days)])
    c = _client(path)
    for route in ("where", "forecast", "guide"):
        body = _bad(c.post(f"/api/journal/{route}", json=FAST), 400, "journal")
        assert body["detail"] == {"days_with_entries": days, "needed": 7, "more": 7 - days}
        assert f"log {7 - days} more days" in body["error"]
        assert "phase" not in body and "lines" not in body


def test_the_lock_the_token_and_a_missing_journal_are_respected(tmp_path, runs):
    path = _make(tmp_path / "sealed.sqlite", synthetic_journal(STORY, days=30).entries, PASS)
    c = _client(path)
    for route in ("where", "forecast", "guide"):
        _bad(c.post(f"/api/journal/{route}", json=FAST), 423, "passphrase")
    assert c.post("/api/journal/unlock", json={"passphrase": PASS}).status_code == 200
    first = c.post("/api/journal/where", json=FAST)
    assert first.status_code == 200 and len(runs) == 1
    c.post("/api/journal/lock")
    _bad(c.post("/api/journal/where", json=FAST), 423, "passphrase")
    c.post("/api/journal/unlock", json={"passphrase": PASS})
    assert c.post("/api/journal/where", json=FAST).json() == first.json()
    assert len(runs) == 2  # locking forgot the kept answer: it was worked out again

    gated = _client(path, token="a-long-random-token-for-this-test")
    _bad(gated.post("/api/journal/where", json=FAST), 401, "token")
    _bad(_client(tmp_path / "none.sqlite").post("/api/journal/where", json=FAST), 404, "journal")
    assert len(runs) == 2


def test_a_new_day_carries_the_kept_answer_on_equal_to_a_full_run(tmp_path, runs):
    path = _make(tmp_path / "j.sqlite", synthetic_journal(STORY, days=30).entries)
    c = _client(path)
    c.post("/api/journal/where", json=FAST)
    c.post("/api/journal/entries", json={"kind": "withdraw", "who": "them",
                                         "date": "2024-02-03"})
    after = c.post("/api/journal/where", json=FAST).json()
    assert [r["call"] for r in runs] == ["infer", "update"]
    with open_journal(path) as jr:
        full = twinflames.inference.filter.infer(jr.list(), **FAST).to_dict()
    assert after == json.loads(json.dumps(full))


def test_the_kept_answer_is_dropped_when_the_journal_changes(tmp_path, runs):
    path = _make(tmp_path / "j.sqlite", synthetic_journal(STORY, days=30).entries)
    c = _client(path)
    where = c.post("/api/journal/where", json=FAST).json()
    assert c.post("/api/journal/where", json=FAST).json() == where
    assert len(runs) == 1
    assert c.post("/api/journal/where", json={**FAST, "seed": 4}).status_code == 200
    assert len(runs) == 2  # other settings: another answer

    added = c.post("/api/journal/entries", json={"kind": "reach_out", "who": "me",
                                                 "date": "2024-02-05"})
    assert added.status_code == 201
    after = c.post("/api/journal/where", json=FAST).json()
    assert len(runs) == 3 and after["as_of"] == "2024-02-05" != where["as_of"]
    c.post("/api/journal/forecast", json={**FAST, "runs": 50})
    assert len(runs) == 3

    c.patch(f"/api/journal/entries/{added.json()['id']}", json={"kind": "withdraw"})
    c.post("/api/journal/guide", json=FAST)
    assert len(runs) == 4  # an edit counts too
    with open_journal(path) as jr:  # and so does a change from the command line
        jr.remove(added.json()["id"])
    assert c.post("/api/journal/where", json=FAST).json() == where
    assert len(runs) == 5
