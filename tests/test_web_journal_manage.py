"""The journal's whole life from the page's API: create (plain or sealed, the recovery key
once), change the passphrase, recover with the key, erase, each with the CLI's rules."""

from __future__ import annotations

from fastapi.testclient import TestClient

from twinflames.journal import open_journal
from twinflames.web.app import create_app

PASS = "a quiet morning"
NEW = "a brighter evening"


def _client(path) -> TestClient:
    return TestClient(create_app(warm=False, journal=path), base_url="http://127.0.0.1")


def _refused(response, status: int, field: str) -> str:
    assert response.status_code == status, response.text
    assert response.json()["field"] == field
    return response.json()["error"]


def test_create_plain_then_erase_needs_a_confirmation(tmp_path):
    path = tmp_path / "j.sqlite"
    c = _client(path)
    assert c.get("/api/journal/status").json()["exists"] is False
    assert c.get("/api/journal/entries").status_code == 404
    made = c.post("/api/journal/create", json={"passphrase": None})
    assert made.status_code == 201
    assert made.json()["exists"] and made.json()["unlocked"] and made.json()["recovery_key"] is None
    assert "already" in _refused(c.post("/api/journal/create", json={}), 400, "journal")
    assert c.post("/api/journal/entries", json={"kind": "practice"}).status_code == 201
    with open_journal(path) as jr:
        assert not jr.encrypted and len(jr.list()) == 1

    assert "not confirmed" in _refused(c.post("/api/journal/erase", json={}), 400, "confirm")
    assert path.is_file()  # nothing deleted
    gone = c.post("/api/journal/erase", json={"confirm": True})
    assert gone.status_code == 200 and gone.json()["exists"] is False
    assert gone.json()["erased_files"] >= 1 and not path.exists()
    assert list(tmp_path.iterdir()) == []  # the backups folder and companions went too


def test_sealed_journal_key_passphrase_recovery_and_erase(tmp_path):
    path = tmp_path / "j.sqlite"
    c = _client(path)
    made = c.post("/api/journal/create", json={"passphrase": PASS}).json()
    key = made["recovery_key"]
    assert made["encrypted"] and made["unlocked"] and len(key.split("-")) == 8
    assert key not in c.get("/api/journal/status").text  # shown once, kept nowhere
    added = c.post("/api/journal/entries", json={"kind": "sign", "detail": "song"})
    assert added.status_code == 201
    assert b"song" not in path.read_bytes()

    # the passphrase: the current one is checked first, and a wrong one changes nothing
    assert "wrong passphrase" in _refused(c.post("/api/journal/passphrase", json={
        "passphrase": "not it", "new_passphrase": NEW}), 400, "passphrase")
    open_journal(path, PASS).close()
    changed = c.post("/api/journal/passphrase", json={"passphrase": PASS, "new_passphrase": NEW})
    assert changed.status_code == 200 and "recovery key still works" in changed.json()["message"]
    open_journal(path, NEW).close()

    # forgotten passphrase: lock, then the recovery key sets a new one and unlocks
    c.post("/api/journal/lock")
    assert c.get("/api/journal/entries").status_code == 423
    _refused(c.post("/api/journal/recover", json={"recovery_key": "ABCD-EFGH",
                                                  "new_passphrase": PASS}), 400, "recovery_key")
    back = c.post("/api/journal/recover", json={"recovery_key": key.lower(),
                                                "new_passphrase": PASS})
    assert back.status_code == 200 and back.json()["unlocked"]
    assert [e["detail"] for e in c.get("/api/journal/entries").json()["entries"]] == ["song"]
    open_journal(path, PASS).close()

    # erasing a sealed journal needs its passphrase too
    assert "wrong passphrase" in _refused(c.post("/api/journal/erase", json={
        "confirm": True, "passphrase": NEW}), 400, "passphrase")
    assert path.is_file()
    assert c.post("/api/journal/erase", json={"confirm": True, "passphrase": PASS}).json()[
        "exists"] is False
    assert not path.exists()


def test_plain_journal_has_no_passphrase_to_change(tmp_path):
    path = tmp_path / "j.sqlite"
    c = _client(path)
    c.post("/api/journal/create", json={})
    _refused(c.post("/api/journal/passphrase", json={"passphrase": "x", "new_passphrase": "y"}),
             400, "passphrase")
    _refused(c.post("/api/journal/recover", json={"recovery_key": "x", "new_passphrase": "y"}),
             400, "recover")
    _refused(c.post("/api/journal/create", json={"passphrase": ""}), 422, "passphrase")
