"""Start-up warming: both groups the page uses get ready in the background, the page can ask
how far it is, and a request that needs a group waits for it instead of failing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from twinflames.web.app import create_app
from twinflames.web.warming import GROUPS, needs


def test_every_route_that_runs_kernels_names_its_group():
    assert needs("/api/simulate") == needs("/api/compare") == needs("/api/ensemble") == "explore"
    assert {needs(f"/api/journal/{p}") for p in ("where", "forecast", "guide")} == {"journal"}
    assert needs("/api/params") is None and needs("/api/journal/entries") is None


def test_warming_runs_in_the_background_and_says_so(tmp_path):
    with TestClient(create_app(journal=tmp_path / "j.sqlite"),
                    base_url="http://127.0.0.1") as client:
        first = client.get("/api/warming").json()  # answered at once, while it warms
        assert set(first["ready"]) == set(GROUPS)
        run = client.post("/api/simulate", json={"scenario": "classic", "days": 30})
        assert run.status_code == 200  # waited for the explore group, then ran
        status = client.get("/api/warming").json()
        assert status["ready"]["explore"] and "explore" in status["took"]
        client.app.state.warming.wait_all()
        assert client.get("/api/warming").json()["all_ready"]
    without = TestClient(create_app(warm=False), base_url="http://127.0.0.1").get(
        "/api/warming").json()
    assert without["all_ready"] and without["took"] == {}  # nothing warmed, nothing waited
