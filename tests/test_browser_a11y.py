"""axe-core (installed from npm by ``scripts/install_browser.sh``) on the page in every state a
person meets, at a desktop's and a phone's width: no serious or critical violation.

States: explore, every section open, an error, compare, no journal yet, an empty journal, a
journal with entries, and "Where am I?" answered; each at 1280, 390 and 360 pixels wide. The counts
of every violation (any impact) are written to ``test-output/browser/axe.json``.
"""

from __future__ import annotations

import json

import pytest

from test_browser import OUTPUT, ROOT, Page, browser  # noqa: F401 (a fixture)
from test_browser_journal import _ask_where_quickly, _fill, _wait_loads, served  # noqa: F401 (a fixture)
from twinflames.inference.validation.synthetic import synthetic_journal

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = (1280, 390, 360)  # a desktop, a phone, a small phone

if not AXE.is_file():  # pragma: no cover - scripts/install_browser.sh installs it
    pytest.fail(f"{AXE} is missing: run `bash scripts/install_browser.sh` (the test script "
                "does this)", pytrace=False)


def _axe(page) -> list[dict]:
    """Every violation axe finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    return page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})
        .then(r => r.violations.map(v => ({id: v.id, impact: v.impact,
                                           nodes: v.nodes.map(n => n.target.join(' '))})))""",
                         TAGS)


@pytest.fixture(scope="module")
def found():
    """state -> violations, filled by the tests, written out at the end."""
    results: dict[str, list[dict]] = {}
    yield results
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "axe.json").write_text(json.dumps(results, indent=1))


def _check(found, state: str, page) -> None:
    violations = _axe(page)
    found[state] = violations
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], (state, serious)


@pytest.mark.parametrize("width", WIDTHS)
def test_explore_compare_and_the_journal(served, browser, found, width):  # noqa: F811
    _, url = served(lambda p: _fill(p, synthetic_journal(26, days=30).entries))
    ui = Page(browser, viewport=(width, 844))
    page = ui.page
    ui.open(url)
    _check(found, f"explore {width}", page)
    for summary in page.locator("#panel-explore summary:visible").all():
        summary.click()
    _check(found, f"every section open {width}", page)
    page.fill("#n-b-fear", "7")
    page.keyboard.press("Tab")
    page.fill("#days", "-30")
    page.keyboard.press("Tab")
    page.wait_for_selector("#days-err:not([hidden])")
    _check(found, f"error {width}", page)
    page.click("#reset")  # back to the story's values: nothing runs while a box is invalid
    ui.wait_runs(2)

    ui.compare_few(50)
    _check(found, f"compare {width}", page)

    page.click("#tab-journal")
    _wait_loads(page, 1)
    _check(found, f"journal with entries {width}", page)
    _ask_where_quickly(page)
    _check(found, f"Where am I? answered {width}", page)
    ui.errors.clear()  # the explore page refused the bad days (a logged 4xx is fine)
    ui.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_journal_and_an_empty_one(served, browser, found, width):  # noqa: F811
    _, url = served(lambda p: None)
    ui = Page(browser, viewport=(width, 844))
    page = ui.page
    page.goto(url + "?view=journal")
    page.wait_for_selector("#j-create:not([hidden])")
    _check(found, f"no journal yet {width}", page)
    page.check('input[name="j-seal"][value="plain"]')
    page.click("#j-create-btn")
    _wait_loads(page, 1)
    _check(found, f"journal empty {width}", page)
    ui.check_clean()
    ui.close()

