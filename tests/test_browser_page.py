"""The page a person meets: never a stale run, plain words, a guided tour, a phone's first
screen, and the compare guess checked against the API's numbers."""

from __future__ import annotations

import math
import re

from test_browser import Page, _post, browser  # noqa: F401 (a fixture)
from test_browser_journal import _fill, _wait_loads, served  # noqa: F401 (a fixture)
from twinflames.inference.validation.synthetic import synthetic_journal

CODE = re.compile(r"me=|them=|dyad|\b-0\b|\b[a-z]+_[a-z_]+\b|\(0–100\)")


def _fully_visible(page, selector: str, height: int) -> bool:
    """On the first screen, and what is drawn at its middle is the element itself."""
    return page.evaluate("""([sel, h]) => { const el = document.querySelector(sel);
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.height > 0 && r.top >= 0 && r.bottom <= h && el.contains(hit); }""",
                         [selector, height])


def test_invalid_numbers_block_the_run_with_the_message_beside_them(served, browser):  # noqa: F811
    _, url = served(lambda p: None)
    ui = Page(browser)
    page = ui.page
    ui.open(url)
    page.click("#group-b summary")
    page.click("#group-advanced summary")
    page.fill("#n-b-wound", "7")
    page.fill("#days", "-30")
    page.fill("#seed", "1.5")
    page.click("#run")
    assert page.locator("#run-blocked").is_visible()
    assert "Nothing was run" in page.inner_text("#run-blocked")
    assert page.evaluate("document.activeElement.id") == "n-b-wound"
    assert "Allowed: 0 to 1" in page.inner_text("#e-b-wound")
    assert "whole number of days" in page.inner_text("#days-err")
    assert "no decimals" in page.inner_text("#seed-err")
    page.wait_for_timeout(400)
    assert page.evaluate("document.body.dataset.runs") == "1"  # the old values never ran
    page.fill("#n-b-wound", "0.5")
    page.fill("#days", "200")
    page.fill("#seed", "3")
    page.click("#run")
    ui.wait_runs(2)
    assert page.locator("#run-blocked").is_hidden()
    assert page.inner_text("#outcome").startswith("After 200 days")
    ui.check_clean()
    ui.close()


def test_compare_checks_the_guess_and_hides_what_cannot_act(served, browser):  # noqa: F811
    _, url = served(lambda p: None)
    ui = Page(browser)
    page = ui.page
    ui.open(url)
    page.click("#tab-compare")
    assert page.locator("#cmp-downloads").is_hidden()
    assert page.locator("#cmp-json").is_hidden()
    options = page.locator("#cmp-one option").all_inner_texts()
    assert options and not {"anxious", "guided"} & set(options)  # labels, not code names
    page.click("#panel-compare details summary")
    page.fill("#cmp-runs", "200")
    page.keyboard.press("Tab")
    page.check('input[name="prediction"][value="1"]')
    page.click("#compare")
    ui.wait_runs(1, "comparisons")
    assert page.locator("#cmp-downloads").is_visible()
    cmp = _post(url, "/api/compare", {
        "scenario": "classic", "seed": 0, "days": 1095, "runs": 200, "dt_hours": 24,
        "changes": {}, "arms": [{"changes": {"b.policy": "anxious"}},
                                {"changes": {"b.policy": "guided"}}]})
    one, two = (a["outcomes"]["union"] for a in cmp["arms"])
    verdict = page.inner_text("#cmp-guess")
    if one["low"] <= two["high"] and two["low"] <= one["high"]:
        assert "too close to tell apart" in verdict
    elif two["probability"] > one["probability"]:
        assert "you were right" in verdict
    else:
        assert "the other choice brought more" in verdict
    assert f"{math.floor(100 * two['probability'] + 0.5)} in 100" in verdict  # as Math.round
    ui.check_clean()
    ui.close()


def test_the_tour_is_offered_once_and_can_be_left(served, browser):  # noqa: F811
    _, url = served(lambda p: None)
    ui = Page(browser)
    page = ui.page
    ui.open(url)
    page.click("#tour-start")
    assert page.inner_text("#tour-count") == "Step 1 of 5"
    assert page.locator("#about").is_hidden()
    assert page.locator("#preset.tour-target").count() == 1
    opened = []
    for _ in range(3):
        page.click("#tour-next")
        opened.append(page.locator(".tour-target").count())
    assert max(opened) <= 2  # at most two controls a step
    assert page.locator("#panel-compare").is_visible()  # the guess comes before the answer
    assert page.locator("#prediction-options.tour-target").count() == 1
    assert page.locator("#cmp-sentences li").count() == 0
    page.click("#tour-leave")
    assert page.locator("#tour").is_hidden() and page.locator(".tour-target").count() == 0
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("#about").is_hidden()  # remembered: not offered again
    page.click("#tour-again")
    assert page.inner_text("#tour-count") == "Step 1 of 5"
    for _ in range(4):
        page.click("#tour-next")
    assert page.inner_text("#tour-next") == "Finish the tour"
    page.click("#tour-next")
    assert page.locator("#tour").is_hidden()
    ui.check_clean()
    ui.close()


def test_a_phone_first_screen_carries_the_message(served, browser):  # noqa: F811
    _, url = served(lambda p: _fill(p, synthetic_journal(26, days=10).entries))
    ui = Page(browser, viewport=(390, 844))
    page = ui.page
    ui.open(url)
    assert _fully_visible(page, "#outcome", 844)
    assert _fully_visible(page, "#story li:first-child", 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for chart in ("run-chart", "portrait"):  # the toolbar sits above the plot, not on a legend
        page.locator(f"#{chart}").hover()
        boxes = page.evaluate(f"""[...document.querySelectorAll(
            '#{chart} .modebar, #{chart} .legend')].map(e => e.getBoundingClientRect().toJSON())""")
        bar, legends = boxes[0], boxes[1:]
        for leg in legends:
            assert bar["bottom"] <= leg["top"] or leg["bottom"] <= bar["top"] or \
                bar["right"] <= leg["left"]
    page.click("#tab-journal")
    _wait_loads(page, 1)
    page.evaluate("window.scrollTo(0, 0)")
    assert _fully_visible(page, "#j-quick button:first-child", 844)
    assert _fully_visible(page, "#j-where", 844)
    text = page.inner_text("#panel-journal")
    assert not CODE.findall(text), CODE.findall(text)
    ui.check_clean()
    ui.close()
