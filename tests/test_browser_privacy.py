"""Nothing on the page can send data anywhere: every toolbar button of every chart, clicked.

The journal's and the explorer's charts are drawn (explore, compare, the journal's stats and its
"Where am I?" answer), then every button in every chart's toolbar is clicked, as a person would.
A route on the whole browser context (new windows included) records any request that is not to
127.0.0.1; none may be made, and no window may open.
"""

from __future__ import annotations

import urllib.request

from test_browser import Page, browser  # noqa: F401 (a fixture)
from test_browser_journal import _ask_where_quickly, _fill, _wait_loads, served  # noqa: F401 (a fixture)
from twinflames.inference.validation.synthetic import synthetic_journal

ALLOWED_BUTTONS = {"Download plot as a PNG", "Zoom", "Reset axes"}


def _click_every_toolbar_button(ui: Page, charts: list[str]) -> int:
    """Click each toolbar button of each chart in ``charts``; the number of clicks."""
    page = ui.page
    clicks = 0
    for chart in charts:
        buttons = page.locator(f"#{chart} .modebar-btn")
        titles = buttons.evaluate_all("bs => bs.map(b => b.dataset.title)")
        assert titles and set(titles) <= ALLOWED_BUTTONS, (chart, titles)
        for i, title in enumerate(titles):
            page.locator(f"#{chart}").hover()
            if title.startswith("Download"):
                with page.expect_download():
                    buttons.nth(i).click()
            else:
                buttons.nth(i).click()
            clicks += 1
    page.wait_for_timeout(500)  # anything a click started has had time to leave
    return clicks


def test_no_chart_control_sends_anything(served, browser):  # noqa: F811
    _, url = served(lambda p: _fill(p, synthetic_journal(26, days=30).entries))
    csp = urllib.request.urlopen(url).headers["Content-Security-Policy"]
    assert "connect-src 'self'" in csp
    ui = Page(browser)
    opened = []
    ui.context.on("page", lambda p: opened.append(p.url))
    page = ui.page
    ui.open(url)
    clicks = _click_every_toolbar_button(ui, ["run-chart", "portrait"])

    ui.compare_few(50)
    clicks += _click_every_toolbar_button(ui, ["cmp-outcomes", "cmp-days"])

    page.click("#tab-journal")
    _wait_loads(page, 1)
    _ask_where_quickly(page)
    clicks += _click_every_toolbar_button(ui, ["j-chart", "j-ribbon", "j-states", "j-forecast"])

    assert clicks == 8 + 2 * 5  # 8 downloads; 5 charts that zoom have zoom and reset
    assert page.locator(".modebar-btn[data-title*='hare']").count() == 0
    assert opened == []
    ui.check_clean()
    ui.close()
