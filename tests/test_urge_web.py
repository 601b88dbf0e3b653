"""The urge flow's API under /api/journal/urge: the same data as the command line."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from journal_support import snapshot
from test_urge_forecast import chasing
from twinflames.journal import init_journal, open_journal
from twinflames.web.app import create_app


def _client(path) -> TestClient:
    return TestClient(create_app(warm=False, journal=path), base_url="http://127.0.0.1")


@pytest.fixture
def served(tmp_path):
    def make(entries):
        path = tmp_path / "j.sqlite"
        jr, _ = init_journal(path)
        jr.add_many([(e, None) for e in entries])
        jr.close()
        return path, _client(path)
    return make


def test_the_flow_answers_at_once_then_with_the_forecast(served):
    path, client = served(chasing())
    quick = client.get("/api/journal/urge").json()
    assert quick["forecast"] is None and quick["history"]["reach_outs_counted"] == 6
    assert [c["name"] for c in quick["choices"]] == ["wait_a_week", "reach_out_today",
                                                     "guidance"]
    full = client.post("/api/journal/urge/forecast", json={"particles": 300}).json()
    assert set(full["forecast"]["choices"]) == {"wait_a_week", "reach_out_today", "guidance"}
    assert full["forecast_lines"][-1].startswith("These are chances")
    assert full["history"] == quick["history"]


def test_too_few_days_says_how_many_more(served):
    _, client = served(chasing(days=3))
    full = client.post("/api/journal/urge/forecast", json={"particles": 300}).json()
    assert full["forecast"] is None
    assert "not yet" in full["forecast_lines"][0] and "log 4 more" in full["forecast_lines"][0]


def test_blocked_offers_no_reach_out(served):
    _, client = served(chasing(blocked=True))
    quick = client.get("/api/journal/urge").json()
    assert quick["blocked"] and quick["blocked_words"]
    assert "reach_out_today" not in [c["name"] for c in quick["choices"]]


def test_close_and_unsent(served):
    path, client = served(chasing(days=3))
    r = client.post("/api/journal/urge/close", json={"outcome": "acted"})
    assert r.status_code == 201 and "Nothing is reset" in r.json()["words"]
    r = client.post("/api/journal/urge/unsent", json={"text": "what I did not send"})
    assert r.status_code == 201
    listed = client.get("/api/journal/entries").json()["entries"]
    assert all(e["kind"] != "unsent" for e in listed)
    letters = client.get("/api/journal/entries", params={"kind": "unsent"}).json()["entries"]
    assert [e["note"] for e in letters] == ["what I did not send"]
    assert "what I did not send" not in client.get("/api/journal/export").text
    with open_journal(path) as jr:
        assert [r.entry.detail for r in jr.list(kind="urge")][-1] == "acted"


def test_bad_input_is_a_4xx_naming_the_field_and_changes_nothing(served):
    path, client = served(chasing(days=3))
    before = snapshot(path)
    for url, body, field in (("close", {"outcome": "maybe"}, "outcome"),
                             ("unsent", {"text": ""}, "text"),
                             ("close", {"outcome": "acted", "extra": 1}, "extra")):
        r = client.post(f"/api/journal/urge/{url}", json=body)
        assert 400 <= r.status_code < 500, r.text
        got = r.json()
        assert got["field"] == field and got["error"] and "allowed" in got
    assert snapshot(path) == before
