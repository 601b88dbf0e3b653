"""The explorer's JSON API: every endpoint, bad input (4xx JSON, never 5xx), limits, OpenAPI."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

import twinflames as tf  # noqa: E402
from twinflames.model.params import Twin  # noqa: E402
from twinflames.web import limits  # noqa: E402
from twinflames.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(), base_url="http://127.0.0.1") as c:
        yield c


def _bad(response, status: int, field: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["field"] == field
    assert field in body["error"]
    return body


def test_page_plotly_and_security_headers(client):
    page = client.get("/")
    assert page.status_code == 200 and "<script" in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and "window.Plotly" in js.text[-200:]
    for name in ("app.js", "charts.js", "state.js", "text.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200
    assert client.get("/docs").status_code == 404  # Swagger's page would load a CDN


def test_scenarios_lists_every_preset_with_slider_values(client):
    items = client.get("/api/scenarios").json()
    assert [s["name"] for s in items] == tf.preset_names()
    classic = next(s for s in items if s["name"] == "classic")
    sc = tf.load("classic")
    assert classic["section"] == sc.section and classic["description"] == sc.description
    assert classic["values"]["a.wound"] == sc.a.wound
    assert classic["values"]["b.boundary"] == sc.b.policy.boundary
    assert classic["values"]["chase_pressure"] == sc.model.chase_pressure
    assert "a.wound" in classic["varies"]


def test_params_describe_sliders_from_field_info(client):
    body = client.get("/api/params").json()
    sliders = {s["name"]: s for s in body["sliders"]}
    for name in ("a.wound", "b.fear", "a.self_love", "chase_pressure", "b.healing_rate",
                 "mirror", "intensity", "b.boundary"):
        assert name in sliders
    wound = sliders["a.wound"]
    info = Twin.model_fields["wound"]
    assert wound["meaning"] == info.description and wound["min"] == 0 and wound["max"] == 1
    assert wound["section"] and wound["slider_max"] <= wound["max"]
    assert set(body["policies"]) == {"anxious", "guided", "avoidant", "secure", "custom"}
    assert body["limits"]["max_runs"] == limits.MAX_RUNS
    assert len(body["parameters"]) > len(sliders)


def test_simulate_matches_the_library_bit_for_bit(client):
    body = {"scenario": "classic", "seed": 3, "days": 400, "changes": {"b.policy": "guided",
                                                                       "a.wound": 0.7}}
    got = client.post("/api/simulate", json=body)
    assert got.status_code == 200
    data = got.json()
    run = tf.simulate("classic", seed=3, days=400, changes={"b.policy": "guided",
                                                            "a.wound": 0.7})
    assert data["outcome"] == run.outcome
    assert data["phases"] == [{**p} for p in run.phases]
    assert len(data["events"]) == len(run.events)
    assert data["story"] == list(tf.tell(run).sentences)
    tr = data["trajectory"]
    assert len(tr["day"]) <= 2000 and tr["day"][0] == 0 and tr["day"][-1] == run.days
    assert tr["closeness"][-1] == round(float(run.to_dataframe()["closeness"].iloc[-1]), 5)
    again = client.post("/api/simulate", json=body).json()
    assert again["trajectory"] == tr  # same seed, same answer


def test_simulate_policy_then_policy_numbers(client):
    data = client.post("/api/simulate", json={
        "changes": {"b.boundary": 0.2, "b.policy": "guided"}, "days": 30}).json()
    assert data["policies"]["b"] == "guided"  # the boundary change survived the policy swap
    ref = tf.load("classic").with_changes({"b.policy": "guided", "b.boundary": 0.2})
    assert ref.b.policy.boundary == 0.2


@pytest.mark.parametrize("body, status, field", [
    ({"scenario": "nope"}, 422, "scenario"),
    ({"scenario": "/etc/passwd"}, 422, "scenario"),
    ({"days": -1}, 422, "days"),
    ({"days": 1e9}, 422, "days"),
    ({"seed": -3}, 422, "seed"),
    ({"seed": "x"}, 422, "seed"),
    ({"points": 5}, 422, "points"),
    ({"extra": 1}, 422, "extra"),
    ({"changes": {"a.wound": 2}}, 400, "a.wound"),
    ({"changes": {"a.wound": "lots"}}, 400, "a.wound"),
    ({"changes": {"a.wounds": 0.5}}, 400, "changes.a.wounds"),
    ({"changes": {"days": 5}}, 400, "changes.days"),
    ({"changes": {"b.policy": "nope"}}, 400, "policy"),
])
def test_simulate_bad_input_names_field_value_and_range(client, body, status, field):
    got = _bad(client.post("/api/simulate", json=body), status, field)
    if field in ("days", "seed", "a.wound", "points"):
        assert got["allowed"]


def test_bad_json_and_nan_are_4xx(client):
    r = client.post("/api/simulate", content=b"{oops", headers={"content-type":
                                                                "application/json"})
    _bad(r, 422, "body")
    r = client.post("/api/simulate", content=b'{"days": NaN}',
                    headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["field"] == "days"


def test_limits_have_clear_errors(client):
    r = client.post("/api/simulate", json={"days": 7000, "dt_hours": 0.25})
    body = _bad(r, 400, "dt_hours")
    assert str(limits.MAX_STEPS) in body["allowed"]
    r = client.post("/api/ensemble", json={"runs": limits.MAX_RUNS + 1})
    assert _bad(r, 422, "runs")["allowed"] == f"a number from 1 to {limits.MAX_RUNS}"
    r = client.post("/api/compare", json={"runs": limits.MAX_RUNS, "days": 7000, "dt_hours": 1,
                                          "arms": [{"changes": {"b.policy": "anxious"}},
                                                   {"changes": {"b.policy": "guided"}}]})
    assert "steps of work" in _bad(r, 400, "runs")["error"]
    arms = [{"changes": {"b.policy": p}} for p in ("anxious", "guided", "secure", "avoidant",
                                                   "custom")]
    _bad(client.post("/api/compare", json={"arms": arms}), 422, "arms")


def test_ensemble_counts_and_intervals(client):
    r = client.post("/api/ensemble", json={"scenario": "chaser-surrenders", "runs": 200,
                                           "seed": 5})
    assert r.status_code == 200
    data = r.json()
    ens = tf.ensemble("chaser-surrenders", 200, seed=5, dt_hours=24, progress=False)
    assert {o: v["probability"] for o, v in data["outcomes"].items()} == ens.outcomes
    assert sum(v["count"] for v in data["outcomes"].values()) == 200
    for v in data["outcomes"].values():
        assert 0 <= v["low"] <= v["probability"] <= v["high"] <= 1
    hist = data["days_to_union_histogram"]
    reached = ens.summary["days_to_union"].notna().sum()
    assert sum(hist["counts"]) == reached and hist["edges"][-1] == ens.days


def test_compare_same_dyads_both_choices(client):
    body = {"scenario": "classic", "runs": 300, "seed": 2, "arms": [
        {"label": "keeps chasing", "changes": {"b.policy": "anxious"}},
        {"label": "lets go", "changes": {"b.policy": "guided"}}]}
    r = client.post("/api/compare", json=body)
    assert r.status_code == 200
    data = r.json()
    assert [a["label"] for a in data["arms"]] == ["keeps chasing", "lets go"]
    assert data["baseline"] == "keeps chasing" and set(data["differences"]) == {"lets go"}
    ref = tf.compare("classic", [{"b.policy": "anxious"}, {"b.policy": "guided"}], 300, seed=2,
                     dt_hours=24, progress=False)
    arms = list(ref.arms.values())
    for got, want in zip(data["arms"], arms, strict=True):
        assert {o: v["probability"] for o, v in got["outcomes"].items()} == want.outcomes
    diff = next(iter(ref.differences.values()))
    assert data["differences"]["lets go"]["P(union)"] == diff["P(union)"]
    assert client.post("/api/compare", json=body).json() == data  # identical on a re-run


def test_compare_bad_arms(client):
    same = [{"changes": {"b.policy": "guided"}}, {"changes": {"b.policy": "guided"}}]
    assert client.post("/api/compare", json={"arms": same}).status_code == 400
    _bad(client.post("/api/compare", json={"arms": [{"changes": {"b.policy": "guided"}}]}),
         422, "arms")
    r = client.post("/api/compare", json={"arms": [{"label": "x", "changes": {"b.policy": "a"}},
                                                    {"label": "x", "changes": {}}]})
    assert r.status_code == 422


def test_tiny_comparison_has_no_nan_in_json(client):
    r = client.post("/api/compare", json={"runs": 1, "days": 30, "arms": [
        {"changes": {"b.policy": "anxious"}}, {"changes": {"b.policy": "guided"}}]})
    assert r.status_code == 200 and "NaN" not in r.text


def test_openapi_describes_every_endpoint(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for path in ("/api/scenarios", "/api/params"):
        assert "get" in paths[path]
    for path in ("/api/simulate", "/api/ensemble", "/api/compare"):
        assert "post" in paths[path]
    schemas = doc["components"]["schemas"]
    assert schemas["EnsembleRequest"]["properties"]["runs"]["maximum"] == limits.MAX_RUNS


def test_serve_refuses_a_busy_port_and_knows_loopback(capsys):
    import socket

    from twinflames.cli import main
    from twinflames.web.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(SystemExit) as exc:
            main(["serve", "--port", str(port)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"--port {port}" in err and "allowed: a free port" in err
