"""The explorer in a real headless Chromium (Debian's package, driven by Playwright).

The server is the real ``twinflames serve`` command on a free port. Screenshots go to
``test-output/browser/`` (or ``$TWINFLAMES_TEST_OUTPUT``); the README's pictures come from
``scripts/screenshots.py``. ``scripts/test.sh`` installs the browser when it is missing, so in
CI these tests run rather than skip.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright import sync_api  # the test extra installs it: these tests never skip

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUTPUT = Path(os.environ.get("TWINFLAMES_TEST_OUTPUT", ROOT / "test-output" / "browser"))
# listens for Content-Security-Policy violations from the first moment of every page
CSP_PROBE = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""

if not Path(CHROMIUM).exists():  # pragma: no cover - scripts/test.sh installs it
    pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/install_browser.sh` (the test "
                "script does this) -- browser tests must not be skipped", pytrace=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "twinflames.cli", "serve", "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "api/params", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"serve exited: {proc.stderr.read()}")
                time.sleep(0.1)
        else:
            pytest.fail("twinflames serve did not answer within a minute")
        yield url
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"twinflames explorer: {url}" in out


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page that records console errors, CSP violations and requests leaving the machine."""

    def __init__(self, browser, viewport=(1280, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0],
                                                     "height": viewport[1]},
                                           accept_downloads=True)
        self.context.add_init_script(CSP_PROBE)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=60_000)

    def wait_runs(self, n: int, what: str = "runs") -> None:
        # a selector, not wait_for_function: the page's CSP rightly forbids eval
        self.page.wait_for_selector(f'body[data-{what}="{n}"]', state="attached",
                                    timeout=60_000)

    def compare_few(self, runs: int = 50) -> None:
        """Open Compare, ask for a small comparison and wait for it."""
        page = self.page
        page.click("#tab-compare")
        page.click("#panel-compare details summary")
        page.fill("#cmp-runs", str(runs))
        page.keyboard.press("Tab")
        page.click("#compare")
        self.wait_runs(1, "comparisons")

    def closeness(self) -> list[float]:
        return self.page.evaluate("document.getElementById('run-chart').data"
                                  ".find(t => t.name === 'closeness').y")

    def check_clean(self) -> None:
        assert self.outside == [], f"requests left the machine: {self.outside}"
        assert self.errors == [], self.errors
        assert self.page.evaluate("window.__csp") == []

    def close(self) -> None:
        self.context.close()


def _post(url: str, path: str, body: dict) -> dict:
    req = urllib.request.Request(url + path.lstrip("/"), data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)


def test_explore_compare_and_share(server, browser):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    ui = Page(browser)
    page = ui.page
    ui.open(server)
    # the first view is complete without any interaction
    assert page.inner_text("#outcome").startswith("After ")
    assert page.locator("#story li").count() >= 2
    assert page.locator("#about").is_visible()

    # pick a preset: its description and article section show, and it runs
    page.select_option("#preset", "chaser-surrenders")
    ui.wait_runs(2)
    info = page.inner_text("#preset-info")
    assert "Breaking Free from the Runner-Chaser Dynamic" in info
    api_run = _post(server, "/api/simulate", {"scenario": "chaser-surrenders", "seed": 0,
                                              "days": 1095, "changes": {}})
    phases = len(api_run["phases"])
    assert page.locator("#run-chart .barlayer .point").count() == phases  # the phase ribbon
    assert page.locator("#phase-table tbody tr").count() == phases
    assert page.locator("#run-chart .scatterlayer .trace").count() >= 7  # lines and events
    assert page.locator("#portrait .scatterlayer .trace").count() >= 2
    story = page.locator("#story li, #story-rest li").all_text_contents()
    assert story == api_run["story"]  # the first sentences, then the rest (folded)
    assert ui.closeness()[-1] == api_run["trajectory"]["closeness"][-1]

    # move a slider with the keyboard: a new run, different numbers
    before = ui.closeness()
    page.click("#group-b summary")
    slider = page.locator("#r-b-wound")
    slider.focus()
    page.keyboard.press("End")  # one key, one change: the slider's top
    ui.wait_runs(3)
    assert "b.wound=" in page.url
    after = ui.closeness()
    assert after != before
    wound = float(page.input_value("#n-b-wound"))
    assert wound > api_run["trajectory"]["wound_b"][0]

    # an out-of-range number is refused with the allowed range, and nothing runs
    fear = page.input_value("#n-b-fear")
    page.fill("#n-b-fear", "7")
    page.keyboard.press("Tab")
    assert "Allowed: 0 to 1" in page.inner_text("#e-b-fear")
    page.click("#tab-compare")
    page.click("#compare")
    assert "Nothing was run" in page.inner_text("#cmp-blocked")
    assert page.locator("#panel-explore").is_visible() is False
    page.click("#tab-explore")
    page.fill("#n-b-fear", fear)  # back to the story's value
    page.keyboard.press("Tab")
    ui.wait_runs(4)

    # compare: the same couples under two choices, as the API answers
    page.click("#tab-compare")
    page.check('input[name="prediction"][value="1"]')
    page.click("#compare")
    ui.wait_runs(1, "comparisons")
    assert page.locator("#cmp-outcomes .barlayer .trace").count() == 2
    assert page.locator("#cmp-outcomes .errorbar").count() > 0
    assert page.locator("#cmp-days .barlayer .trace").count() == 2
    sentences = page.inner_text("#cmp-sentences")
    api_cmp = _post(server, "/api/compare", {
        "scenario": "chaser-surrenders", "seed": 0, "days": 1095, "runs": 1000,
        "dt_hours": 24, "changes": {"b.wound": wound},
        "arms": [{"changes": {"b.policy": "anxious"}}, {"changes": {"b.policy": "guided"}}]})
    for arm in api_cmp["arms"]:
        assert f"{arm['outcomes']['union']['count']} of 1000 couples" in sentences
    assert "You guessed" in page.inner_text("#cmp-guess")
    with page.expect_download() as dl:
        page.click("#cmp-json")
    saved = json.loads(Path(dl.value.path()).read_text())
    assert [a["outcomes"] for a in saved["arms"]] == [a["outcomes"] for a in api_cmp["arms"]]
    page.screenshot(path=str(OUTPUT / "compare.png"), full_page=True)

    # downloads of the run
    page.click("#tab-explore")
    with page.expect_download() as dl:
        page.click("#dl-json")
    assert json.loads(Path(dl.value.path()).read_text())["trajectory"]["closeness"] == after
    with page.expect_download() as dl:
        page.click("#dl-csv")
    header = Path(dl.value.path()).read_text().splitlines()[0]
    assert header.startswith("day,wound_a")
    with page.expect_download() as dl:
        page.click("#dl-png")
    assert Path(dl.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.screenshot(path=str(OUTPUT / "explorer.png"), full_page=True)
    shared = page.url
    outcome = page.inner_text("#outcome")
    ui.check_clean()
    ui.close()

    # the shared link reproduces the same run in a fresh browser
    other = Page(browser)
    other.open(shared)
    assert other.page.inner_text("#outcome") == outcome
    assert other.closeness() == after
    assert float(other.page.input_value("#n-b-wound")) == wound
    other.check_clean()
    other.close()


def test_phone_layout_keyboard_tabs_and_bad_links(server, browser):
    ui = Page(browser, viewport=(360, 740))
    page = ui.page
    ui.open(server + "?preset=classic&bogus=1&a.wound=3&view=compare")
    notice = page.inner_text("#notice")
    assert "bogus" in notice and "a.wound=3" in notice
    assert page.locator("#panel-compare").is_visible()
    assert page.input_value("#n-a-wound") == "1"  # clamped to the allowed range
    page.focus("#tab-compare")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#panel-explore").is_visible()
    assert page.evaluate("document.activeElement.id") == "tab-explore"
    page.wait_for_timeout(300)  # let the charts follow the narrow window
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    unlabeled = page.evaluate("""[...document.querySelectorAll('input, select, button')]
        .filter(e => e.offsetParent !== null || e.closest('details'))
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                     && !e.textContent.trim()).map(e => e.id || e.outerHTML)""")
    assert unlabeled == []
    page.screenshot(path=str(OUTPUT / "phone.png"), full_page=False)
    ui.check_clean()
    ui.close()
