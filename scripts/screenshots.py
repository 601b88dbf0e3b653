"""Regenerate the README's pictures of the explorer from the running page.

Starts the real ``twinflames serve`` on a temporary copy of the example journal shipped with
the package (synthetic, nobody's), drives Debian's Chromium with Playwright, and writes:

- ``docs/images/explorer.png``: Explore at 1280 px, the chaser-surrenders story;
- ``docs/images/explorer-compare.png``: a comparison with the guess checked;
- ``docs/images/explorer-journal.png``: the top of the Journal page, "Where am I?" answered;
- ``docs/images/explorer-phone.png``: the first screens of Explore and Journal at 390x844.

Beside each picture goes its fingerprint (``docs/images/NAME.json``): the page's address, what
it said in words, and every call to the web API that drew it, the request the page sent and the
data of the answer (``pictures.answer_fingerprint``). ``tests/test_pictures.py`` sends the same
requests to the web application in-process and fails when the answers differ.

Run:  .venv/bin/python scripts/screenshots.py   (about a minute once the model is warm)
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from pictures import SCREENSHOT_CALLS, answer_fingerprint, example_journal_file
from PIL import Image
from playwright import sync_api

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _serve(journal: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "twinflames.cli", "serve", "--port",
                             str(port), "--journal", str(journal)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(3000):
        try:
            with urllib.request.urlopen(url + "api/warming", timeout=1) as r:
                if b'"all_ready":true' in r.read():
                    return proc, url
        except OSError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("twinflames serve did not get ready within ten minutes")


class Calls:
    """The web API calls a page made, the last one per route: what each screenshot drew."""

    def __init__(self) -> None:
        self.last: dict[str, sync_api.Response] = {}

    def watch(self, page) -> None:
        page.on("response", lambda r: self.last.__setitem__(urlsplit(r.url).path, r))

    def of(self, routes: tuple[str, ...]) -> list[dict]:
        calls = []
        for route in routes:
            r = self.last[route]
            body = r.request.post_data
            calls.append({"route": route, "method": r.request.method,
                          "body": json.loads(body) if body else None,
                          "answer": answer_fingerprint(route, r.json())})
        return calls


def _page(browser, width: int, height: int, calls: Calls):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script("localStorage.setItem('twinflames-note-seen', '1')")
    page = context.new_page()
    calls.watch(page)
    return page


def _fingerprint(name: str, pages: list[str], shown: dict[str, str], calls: Calls) -> None:
    data = {"pages": pages, "shown": shown, "calls": calls.of(SCREENSHOT_CALLS[name])}
    (IMAGES / name).with_suffix(".json").write_text(json.dumps(data, indent=1) + "\n",
                                                    encoding="utf-8")


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    explore = "?preset=chaser-surrenders&seed=1"
    with tempfile.TemporaryDirectory() as folder:
        proc, url = _serve(example_journal_file(Path(folder) / "journal.sqlite"))
        try:
            with sync_api.sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                calls = Calls()
                page = _page(browser, 1280, 1000, calls)
                page.goto(url + explore)
                page.wait_for_selector("body[data-ready=true]")
                page.screenshot(path=str(IMAGES / "explorer.png"), full_page=True)
                _fingerprint("explorer.png", [explore], {"outcome": page.text_content(
                    "#outcome")}, calls)
                page.click("#tab-compare")
                page.check('input[name="prediction"][value="1"]')
                page.click("#compare")
                page.wait_for_selector('body[data-comparisons="1"]', state="attached",
                                       timeout=120_000)
                page.locator("#panel-compare").screenshot(
                    path=str(IMAGES / "explorer-compare.png"))
                _fingerprint("explorer-compare.png", [explore + " (Compare, guess 1)"],
                             {"guess": page.text_content("#cmp-guess")}, calls)
                page.click("#tab-journal")
                page.wait_for_selector('body[data-journal="1"]', state="attached")
                page.click("#j-where")
                page.wait_for_selector('body[data-forecast="1"]', state="attached",
                                       timeout=300_000)
                box = page.locator("#panel-journal").bounding_box()  # the top: not every entry
                page.screenshot(path=str(IMAGES / "explorer-journal.png"), full_page=True,
                                clip={**box, "height": min(box["height"], 1500)})
                _fingerprint("explorer-journal.png", [explore + " (Journal, Where am I?)"],
                             {"where": page.locator("#j-where-sentences li").first
                              .text_content()}, calls)
                shots, phone_calls, views = [], Calls(), []
                for view in ("explore", "journal"):
                    phone = _page(browser, 390, 844, phone_calls)
                    views.append(f"{explore}&view={view}")
                    phone.goto(url + views[-1])
                    phone.wait_for_selector("body[data-ready=true]")
                    phone.wait_for_timeout(500)
                    shot = Path(folder) / f"{view}.png"
                    phone.screenshot(path=str(shot))
                    shots.append(Image.open(shot))
                    if view == "explore":
                        shown = {"outcome": phone.text_content("#outcome")}
                both = Image.new("RGB", (390 * 2 + 20, 844), "white")
                for i, shot in enumerate(shots):
                    both.paste(shot, (i * 410, 0))
                both.save(IMAGES / "explorer-phone.png")
                _fingerprint("explorer-phone.png", views, shown, phone_calls)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    for name in SCREENSHOT_CALLS:
        print(f"wrote {IMAGES / name} and its fingerprint")


if __name__ == "__main__":
    main()
