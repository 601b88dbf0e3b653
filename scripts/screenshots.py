"""Regenerate the README's pictures of the explorer from the running page.

Starts the real ``twinflames serve`` on a temporary copy of the example journal shipped with
the package (synthetic, nobody's), drives Debian's Chromium with Playwright, and writes:

- ``docs/images/explorer.png``: Explore at 1280 px, the chaser-surrenders story;
- ``docs/images/explorer-compare.png``: a comparison with the guess checked;
- ``docs/images/explorer-journal.png``: the top of the Journal page, "Where am I?" answered;
- ``docs/images/explorer-phone.png``: the first screens of Explore and Journal at 390x844.

Run:  .venv/bin/python scripts/screenshots.py   (about a minute once the model is warm)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image
from playwright import sync_api

from twinflames.inference.example import example_entries
from twinflames.journal import init_journal

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


def _page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script("localStorage.setItem('twinflames-note-seen', '1')")
    return context.new_page()


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "journal.sqlite"
        jr, _ = init_journal(journal)
        for e in example_entries():
            jr.add(**e.to_dict())
        jr.close()
        proc, url = _serve(journal)
        try:
            with sync_api.sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = _page(browser, 1280, 1000)
                page.goto(url + "?preset=chaser-surrenders&seed=1")
                page.wait_for_selector("body[data-ready=true]")
                page.screenshot(path=str(IMAGES / "explorer.png"), full_page=True)
                page.click("#tab-compare")
                page.check('input[name="prediction"][value="1"]')
                page.click("#compare")
                page.wait_for_selector('body[data-comparisons="1"]', state="attached",
                                       timeout=120_000)
                page.locator("#panel-compare").screenshot(
                    path=str(IMAGES / "explorer-compare.png"))
                page.click("#tab-journal")
                page.wait_for_selector('body[data-journal="1"]', state="attached")
                page.click("#j-where")
                page.wait_for_selector('body[data-forecast="1"]', state="attached",
                                       timeout=300_000)
                box = page.locator("#panel-journal").bounding_box()  # the top: not every entry
                page.screenshot(path=str(IMAGES / "explorer-journal.png"), full_page=True,
                                clip={**box, "height": min(box["height"], 1500)})
                shots = []
                for view in ("explore", "journal"):
                    phone = _page(browser, 390, 844)
                    phone.goto(url + f"?preset=chaser-surrenders&seed=1&view={view}")
                    phone.wait_for_selector("body[data-ready=true]")
                    phone.wait_for_timeout(500)
                    shot = Path(folder) / f"{view}.png"
                    phone.screenshot(path=str(shot))
                    shots.append(Image.open(shot))
                both = Image.new("RGB", (390 * 2 + 20, 844), "white")
                for i, shot in enumerate(shots):
                    both.paste(shot, (i * 410, 0))
                both.save(IMAGES / "explorer-phone.png")
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    for name in ("explorer", "explorer-compare", "explorer-journal", "explorer-phone"):
        print(f"wrote {IMAGES / name}.png")


if __name__ == "__main__":
    main()
