"""The web API's numbered holes of issue 13 stay closed: no 500 for any listed request, every
refusal in the documented body, cross-site requests refused, every operation's 400 described."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from twinflames.journal import init_journal
from twinflames.web.app import create_app

JSON = {"Content-Type": "application/json"}
RAW = {"Content-Type": "application/octet-stream"}
LINE = b'{"kind": "note", "note": "n", "date": "2024-03-01"}\n'


@pytest.fixture
def client(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    return TestClient(create_app(warm=False, journal=path), base_url="http://127.0.0.1")


def _documented(r, status: int | None = None) -> dict:
    body = r.json()
    assert 400 <= r.status_code < 500 and (status is None or r.status_code == status), body
    assert {"error", "field", "value", "allowed"} <= set(body)
    return body


# -- item 3: five kinds of request that got HTTP 500 ------------------------------------------
@pytest.mark.parametrize("text", ['"x\\ud800y"', '"\\udfff"'])
def test_a_lone_surrogate_is_refused(client, text):
    for field in ("note", "detail", "kind"):
        r = client.post("/api/journal/entries", headers=JSON,
                        content=f'{{"kind": "note", "note": "n", "{field}": {text}}}')
        assert _documented(r)["field"] == field
    assert client.get("/api/journal/entries").json()["entries"] == []


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "2101-01-01"])
def test_a_far_today_is_refused(client, today):
    assert _documented(client.get("/api/journal/stats", params={"today": today}),
                       400)["field"] == "today"
    assert client.get("/api/journal/stats", params={"today": "2100-12-31"}).status_code == 200


@pytest.mark.parametrize("name", ["..", ".", "a" * 300, "x\0y"])
def test_an_odd_file_name_is_refused(client, name):
    r = client.post("/api/journal/import", content=LINE,
                    headers={**RAW, "X-File-Name": name})
    assert _documented(r, 400)["field"] == "x-file-name"
    ok = client.post("/api/journal/import", content=LINE,
                     headers={**RAW, "X-File-Name": "../../mine.jsonl"})
    assert ok.status_code == 200 and ok.json()["added"] == 1  # the folders are dropped


# -- item 7: booleans, unparsable bodies, the OpenAPI document --------------------------------
@pytest.mark.parametrize(("body", "field"), [
    ({"changes": {"a.wound": True}}, "changes.a.wound"),
    ({"seed": False}, "seed"),
    ({"days": True}, "days"),
    ({"points": True}, "points"),
])
def test_true_and_false_are_not_numbers(client, body, field):
    assert _documented(client.post("/api/simulate", json=body), 422)["field"] == field
    assert client.post("/api/simulate", json={"changes": {"a.wound": 1}, "days": 5}
                       ).status_code == 200


@pytest.mark.parametrize("content", [b"not json", b"{", b"[" * 100_000 + b"]" * 100_000,
                                     b"\xff\xfe", b'{"days": 1e999}'])
def test_unparsable_bodies_get_the_documented_body(client, content):
    body = _documented(client.post("/api/simulate", content=content, headers=JSON))
    assert "detail" not in body or isinstance(body["detail"], list)


def test_unknown_paths_and_methods_get_the_documented_body(client):
    assert _documented(client.get("/api/nothing"), 404)["value"] == "/api/nothing"
    assert _documented(client.put("/api/simulate"), 405)["field"] == "method"


def test_openapi_lists_the_error_answers_of_every_operation(client):
    doc = client.get("/openapi.json").json()
    operations = [op for path in doc["paths"].values() for op in path.values()]
    assert len(operations) >= 13
    for op in operations:
        for status in ("400", "403", "422"):
            ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/ErrorBody"
    assert set(doc["components"]["schemas"]["ErrorBody"]["required"]) == {
        "error", "field", "allowed"}


# -- item 8: cross-site requests --------------------------------------------------------------
@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Origin": "http://127.0.0.1:9999"},
                                     {"Sec-Fetch-Site": "cross-site"}])
def test_state_changing_requests_from_another_site_are_refused(client, headers):
    assert _documented(client.post("/api/journal/lock", headers=headers), 403)
    r = client.post("/api/journal/entries", json={"kind": "note", "note": "n"}, headers=headers)
    assert _documented(r, 403)
    assert client.get("/api/journal/entries").json()["entries"] == []
    # the page's own requests pass
    own = client.post("/api/journal/lock", headers={"Origin": "http://127.0.0.1"})
    assert own.status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "192.168.1.10", "127.0.0.1.evil.example"])
def test_every_route_checks_the_host(client, host):
    for path in ("/", "/api/params", "/api/scenarios", "/openapi.json", "/api/journal/status"):
        assert _documented(client.get(path, headers={"Host": host}), 403)["field"] == "host"
    for host_ok in ("127.0.0.1:8765", "localhost", "[::1]:8765"):
        assert client.get("/api/params", headers={"Host": host_ok}).status_code == 200


def test_with_a_token_other_host_names_are_served(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    client = TestClient(create_app(warm=False, journal=path, token="t0k"),
                        base_url="http://192.168.1.10:8765")
    assert client.get("/api/params").status_code == 200
    assert client.get("/api/journal/status").status_code == 401  # the token still guards it
