"""The "I want to reach out" flow in a real headless Chromium, against the real ``twinflames
serve``, at 1280 and 390 pixels wide, and with the keyboard only."""

from __future__ import annotations

from test_browser import Page, browser  # noqa: F401 (a fixture)
from test_browser_journal import _wait_loads, served  # noqa: F401 (a fixture)
from test_urge_forecast import chasing
from twinflames.journal import init_journal, open_journal


def _make(entries):
    def make(path):
        jr, _ = init_journal(path)
        jr.add_many([(e, None) for e in entries])
        jr.close()
    return make


def _open_journal(ui: Page, url: str) -> None:
    ui.page.goto(url + "?view=journal")
    _wait_loads(ui.page, 1)


def test_the_whole_flow_at_1280(served, browser):  # noqa: F811
    path, url = served(_make(chasing()))
    ui = Page(browser)
    page = ui.page
    _open_journal(ui, url)
    page.click("#urge-open")
    page.wait_for_selector("#urge-flow[open]")
    page.wait_for_selector("#urge-history li")
    assert "pull to reach out" in page.inner_text("#urge-ack")
    assert "Of your last 6 reach-outs" in page.inner_text("#urge-history")
    assert page.inner_text("#urge-choices").splitlines() == [
        "Wait a week, then decide again", "Reach out today",
        "Follow the article's guidance from today"]
    page.wait_for_selector('body[data-urge-forecast="ready"]', state="attached",
                           timeout=120_000)
    forecast = page.inner_text("#urge-forecast")
    assert "Reach out today, compared with" in forecast and "in 100" in forecast
    assert page.locator("#urge-table tbody tr").count() == 7
    assert page.locator("#urge-table thead th").all_inner_texts()[1:] == [
        "Wait a week, then decide again", "Reach out today",
        "Follow the article's guidance from today"]
    assert " in 100 (" in page.inner_text("#urge-table tbody tr:first-child td")
    assert "not therapy" in page.inner_text("#urge-care")
    assert "after the article's" in page.inner_text("#urge-practice")

    # the pause: starts at ten minutes, counts down, can end early
    page.click("#urge-start")
    assert page.inner_text("#urge-timer") in ("10:00", "9:59")
    page.wait_for_timeout(1300)
    assert page.inner_text("#urge-timer").startswith("9:5")
    page.click("#urge-stop")

    # the letter stays private; the close is acknowledged kindly
    page.fill("#urge-letter", "I wanted to tell you about my day")
    page.click("#urge-keep")
    page.wait_for_selector("#urge-letter-status:has-text('unsent letter')")
    page.click("#urge-acted")
    page.wait_for_selector("#urge-closed:has-text('Nothing is reset')")
    _wait_loads(page, 2)  # the journal refreshed behind the dialog
    page.click("#urge-done")
    assert not page.is_visible("#urge-flow")
    assert "my day" not in page.inner_text("#j-table")
    with open_journal(path) as jr:
        assert [r.entry.note for r in jr.list(kind="unsent")] == [
            "I wanted to tell you about my day"]
        assert jr.list(kind="urge")[-1].entry.detail == "acted"
    ui.check_clean()
    ui.close()


def test_one_tap_on_a_phone_and_the_blocked_case(served, browser):  # noqa: F811
    _, url = served(_make(chasing(blocked=True)))
    ui = Page(browser, viewport=(390, 844))
    page = ui.page
    _open_journal(ui, url)
    box = page.locator("#urge-open").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844  # in view: no scrolling
    assert box["width"] >= 300 and box["height"] >= 44  # a big target
    page.click("#urge-open")
    page.wait_for_selector("#urge-history li")
    dialog = page.locator("#urge-flow").bounding_box()
    assert dialog["x"] >= 0 and dialog["x"] + dialog["width"] <= 390
    assert page.is_visible("#urge-blocked")
    assert "no reach-out choice" in page.inner_text("#urge-blocked")
    choices = page.inner_text("#urge-choices")
    assert "Reach out" not in choices and "decide again" not in choices
    page.wait_for_selector('body[data-urge-forecast="ready"]', state="attached",
                           timeout=120_000)
    assert "Reach out today" not in page.inner_text("#urge-forecast")
    assert page.locator("#urge-table thead th").count() == 3  # the row names and two choices
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ui.check_clean()
    ui.close()


def _tab_to(page, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_keyboard_only(served, browser):  # noqa: F811
    path, url = served(_make(chasing(days=3)))
    ui = Page(browser, viewport=(390, 844))
    page = ui.page
    _open_journal(ui, url)
    _tab_to(page, "urge-open")
    page.keyboard.press("Enter")
    page.wait_for_selector("#urge-flow[open]")
    page.wait_for_selector('body[data-urge-forecast="not-yet"]', state="attached",
                           timeout=60_000)
    assert "not yet" in page.inner_text("#urge-forecast")
    _tab_to(page, "urge-start")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "urge-stop"
    page.keyboard.press("Enter")
    _tab_to(page, "urge-resisted")
    page.keyboard.press("Enter")
    page.wait_for_selector("#urge-closed:has-text('you let this urge pass')")
    assert page.evaluate("document.activeElement.id") == "urge-done"
    page.keyboard.press("Escape")
    page.wait_for_selector("#urge-flow:not([open])", state="attached")
    with open_journal(path) as jr:
        assert jr.list(kind="urge")[-1].entry.detail == "resisted"
    ui.check_clean()
    ui.close()
