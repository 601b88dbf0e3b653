"""Schemathesis against the explorer's API: valid and invalid requests generated from its own
OpenAPI document, every one answered without a server error, every refusal in the documented
``{error, field, value, allowed}`` body.

Bounded and seeded for CI: ``FUZZ_EXAMPLES`` examples an operation (environment variable
``TWINFLAMES_FUZZ_EXAMPLES`` raises it for a long run), Hypothesis derandomised (the same cases
every run), and the work one request may ask shrunk so that no case runs for seconds. The
counts of the last run go to docs/web.md ("Limits and errors").
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from twinflames.journal import init_journal
from twinflames.web import inference_routes, limits
from twinflames.web.app import create_app

FUZZ_EXAMPLES = int(os.environ.get("TWINFLAMES_FUZZ_EXAMPLES", "10"))
FOLDER = Path(tempfile.mkdtemp(prefix="twinflames-fuzz-"))
init_journal(FOLDER / "journal.sqlite")[0].close()
APP = create_app(warm=False, journal=FOLDER / "journal.sqlite")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, headers={"Host": "127.0.0.1"})
COUNTS: Counter = Counter()
STATUSES: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def small_requests():
    """Shrink what one request may ask (the checks are the same, only the numbers smaller) and
    remove the fuzzed journal afterwards."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(limits, "MAX_DYAD_STEPS", 2_000_000)
        mp.setattr(inference_routes, "MAX_PARTICLE_DAYS", 100_000)
        yield
    shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_breaks_the_server(case):
    response = case.call(headers={"Host": "127.0.0.1"})
    if not (FOLDER / "journal.sqlite").exists():  # a fuzzed erase went through: start again
        init_journal(FOLDER / "journal.sqlite")[0].close()
    COUNTS["tried"] += 1
    STATUSES[response.status_code] += 1
    ok = response.status_code < 500
    if ok and response.status_code >= 400:
        body = response.json()
        ok = isinstance(body, dict) and {"error", "field", "value", "allowed"} <= set(body)
    COUNTS["clean" if ok else "failures"] += 1
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
    assert ok, (case.method, case.path, response.status_code, response.text[:300])


def test_zz_report_the_counts(capsys):
    """Runs last: print tried / clean / failures (pytest -s shows them) and check the run
    really covered every operation."""
    with capsys.disabled():
        print(f"\nAPI fuzz: {COUNTS['tried']} tried, {COUNTS['clean']} clean, "
              f"{COUNTS['failures']} failures; answers {dict(sorted(STATUSES.items()))}")
    operations = sum(len(ops) for ops in schema.raw_schema["paths"].values())
    assert COUNTS["tried"] >= operations and COUNTS["failures"] == 0
    assert STATUSES[200] + STATUSES[201] > COUNTS["tried"] / 20  # not all refused at the door
    assert STATUSES[403] < COUNTS["tried"] / 2
