"""The journal's JSON API: add, list, edit, remove, stats, import, export, unlock, token."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from twinflames.journal import init_journal, open_journal
from twinflames.web.app import create_app
from twinflames.web.journal_access import allowed, new_token

PASS = "correct horse battery"
CSV = b"date,time,kind,who,value,detail,note\n2024-03-01,21:30,urge,me,2,resisted,\n" \
      b"2024-03-02,,reach_out,them,,,a long message\n"
RAW = {"Content-Type": "application/octet-stream"}


def _client(path, token=None) -> TestClient:
    return TestClient(create_app(warm=False, journal=path, token=token),
                      base_url="http://127.0.0.1")


@pytest.fixture
def plain(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    return path


def _bad(response, status: int, field: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["field"] == field and field in body["error"]
    return body


def test_add_list_edit_remove_keep_history(plain):
    c = _client(plain)
    assert c.get("/api/journal/status").json()["unlocked"] is True
    r = c.post("/api/journal/entries", json={"kind": "urge", "value": 3, "detail": "resisted",
                                              "date": "2024-03-01", "time": "9:30 pm"})
    assert r.status_code == 201
    rec = r.json()
    assert rec["time"] == "21:30" and rec["value"] == 3 and rec["who"] == "me"
    c.post("/api/journal/entries", json={"kind": "sign", "detail": "dream", "note": "laughing",
                                         "date": "2024-03-02"})
    listed = c.get("/api/journal/entries").json()["entries"]
    assert [e["kind"] for e in listed] == ["urge", "sign"]
    assert c.get("/api/journal/entries?kind=sign").json()["entries"][0]["note"] == "laughing"
    edited = c.patch(f"/api/journal/entries/{rec['id']}", json={"value": 5, "time": ""}).json()
    assert edited["value"] == 5 and edited["time"] is None and edited["id"] == rec["id"]
    assert c.delete(f"/api/journal/entries/{rec['id']}").status_code == 200
    assert [e["kind"] for e in c.get("/api/journal/entries").json()["entries"]] == ["sign"]
    ops = [h["op"] for h in c.get(f"/api/journal/history?id={rec['id']}").json()["history"]]
    assert ops == ["add", "edit", "remove"]
    with open_journal(plain) as jr:  # the same file the command line reads
        assert [r.entry.kind for r in jr.list()] == ["sign"]


def test_stats_are_the_numbers_of_stats_json(plain):
    c = _client(plain)
    for body in ({"kind": "reach_out", "date": "2024-03-01"},
                 {"kind": "urge", "value": 2, "detail": "acted", "date": "2024-03-05"},
                 {"kind": "wellbeing", "value": 2, "date": "2024-03-05"}):
        assert c.post("/api/journal/entries", json=body).status_code == 201
    got = c.get("/api/journal/stats?today=2024-03-10").json()
    with open_journal(plain) as jr:
        assert got == json.loads(json.dumps(jr.stats("2024-03-10")))
    assert got["days_since_reach_out"] == 9 and got["urges"] == {"resisted": 0, "acted": 2}


def test_import_summary_and_export_round_trip(plain, tmp_path):
    c = _client(plain)
    r = c.post("/api/journal/import", content=CSV, headers=RAW)
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["added"] == 2 and summary["mapped"] == {"urge": 1, "reach_out": 1}
    again = c.post("/api/journal/import?format=csv", content=CSV, headers=RAW).json()
    assert again["added"] == 0 and again["already_present"] == 2  # the same file adds nothing
    exported = c.get("/api/journal/export?format=csv")
    assert exported.headers["content-disposition"].startswith("attachment")
    assert exported.content == CSV
    jsonl = c.get("/api/journal/export?format=jsonl").text
    other = tmp_path / "other.sqlite"
    init_journal(other)[0].close()
    _client(other).post("/api/journal/import", content=jsonl.encode(), headers=RAW)
    assert _client(other).get("/api/journal/export?format=jsonl").text == jsonl
    assert "a long message" in c.get("/api/journal/export?format=md").text


def test_bad_input_is_4xx_json_and_changes_nothing(plain):
    c = _client(plain)
    c.post("/api/journal/entries", json={"kind": "note", "note": "keep me"})
    before = c.get("/api/journal/export").text
    assert "1-5" in _bad(c.post("/api/journal/entries", json={"kind": "wellbeing",
                                                              "value": 6}), 400, "value")["allowed"]
    _bad(c.post("/api/journal/entries", json={"kind": "hug"}), 400, "kind")
    _bad(c.post("/api/journal/entries", json={"kind": "reply", "date": "2024-02-30"}), 400, "date")
    _bad(c.post("/api/journal/entries", json={"kind": "note", "value": [1]}), 422, "value")
    _bad(c.post("/api/journal/entries", json={"kind": "note", "mood": 1}), 422, "mood")
    _bad(c.patch("/api/journal/entries/nope", json={"note": "x"}), 400, "id")
    _bad(c.get("/api/journal/export?format=pdf"), 400, "format")
    _bad(c.post("/api/journal/import?format=xml", content=CSV, headers=RAW), 400, "format")
    _bad(c.post("/api/journal/import", content=CSV[:-20] + b"\"\n", headers=RAW), 400, "import")
    _bad(c.post("/api/journal/import", content=CSV, headers={"Content-Type": "text/plain"}),
         415, "content-type")
    assert c.get("/api/journal/export").text == before


def test_missing_journal_is_404_not_500(tmp_path):
    c = _client(tmp_path / "none.sqlite")
    assert c.get("/api/journal/status").json()["exists"] is False
    _bad(c.get("/api/journal/entries"), 404, "journal")


def test_encrypted_journal_unlocks_for_the_session(tmp_path):
    path = tmp_path / "sealed.sqlite"
    jr, _ = init_journal(path, passphrase=PASS)
    jr.add("note", note="only with the passphrase", date="2024-03-01")
    jr.close()
    c = _client(path)
    assert c.get("/api/journal/status").json() | {"kinds": None} == {
        "path": str(path), "exists": True, "encrypted": True, "unlocked": False, "kinds": None}
    _bad(c.get("/api/journal/entries"), 423, "passphrase")
    _bad(c.post("/api/journal/unlock", json={"passphrase": "wrong one"}), 400, "passphrase")
    _bad(c.get("/api/journal/entries"), 423, "passphrase")
    assert c.post("/api/journal/unlock", json={"passphrase": PASS}).json()["unlocked"] is True
    assert c.get("/api/journal/entries").json()["entries"][0]["note"] == "only with the passphrase"
    c.post("/api/journal/entries", json={"kind": "practice", "note": "sealed too"})
    assert b"sealed too" not in path.read_bytes()
    c.post("/api/journal/lock")
    _bad(c.get("/api/journal/entries"), 423, "passphrase")


def test_token_needed_off_loopback(plain):
    assert new_token("127.0.0.1") is None and new_token("localhost") is None
    assert new_token("::1") is None
    token = new_token("0.0.0.0")
    assert token and len(token) >= 24 and new_token("192.168.1.5") != token
    assert allowed(None, None) and allowed(token, token)
    assert not allowed(token, None) and not allowed(token, token + "x")
    c = _client(plain, token=token)
    _bad(c.get("/api/journal/entries"), 401, "token")
    _bad(c.get("/api/journal/entries", headers={"X-Twinflames-Token": "guess"}), 401, "token")
    assert c.get("/api/simulate").status_code == 405  # the explorer itself is not gated
    assert c.get("/api/journal/entries", headers={"X-Twinflames-Token": token}).status_code == 200
    link = c.get(f"/journal?token={token}", follow_redirects=False)
    assert link.status_code == 303 and link.headers["location"] == "/?view=journal"
    assert "httponly" in link.headers["set-cookie"].lower()
    assert c.get("/api/journal/entries").status_code == 200  # the cookie carries it now
    c.cookies.clear()
    _bad(c.get("/journal"), 401, "token")


def test_journal_refuses_requests_addressed_to_another_name(tmp_path):
    """DNS rebinding: a page whose own name now points here sends that name as the Host."""
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    client = _client(path)
    assert client.get("/api/journal/entries").status_code == 200
    refused = client.get("/api/journal/entries", headers={"Host": "evil.example"})
    assert refused.status_code == 403 and refused.json()["field"] == "host"


def test_a_kept_key_does_not_open_a_journal_that_replaced_the_unlocked_one(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path, passphrase=PASS)[0].close()
    client = _client(path)
    assert client.post("/api/journal/unlock", json={"passphrase": PASS}).status_code == 200
    path.unlink()
    init_journal(path, passphrase="another passphrase")[0].close()
    assert client.get("/api/journal/status").json()["unlocked"] is False
    assert client.get("/api/journal/entries").status_code == 423
    with open_journal(path, "another passphrase") as jr:  # nothing written with the old key
        assert jr.list() == []
