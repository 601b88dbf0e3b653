"""The Journal tab in a real headless Chromium, against the real ``twinflames serve``.

Each test starts the server on its own temporary journal (never the user's): quick add, the
full form, edit, remove, import of a small CSV, export, and unlocking an encrypted journal.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_browser import OUTPUT, Page, _free_port, browser  # noqa: F401 (a fixture)
from twinflames.journal import init_journal, open_journal

PASS = "a quiet morning"
CSV = ("date,time,kind,who,value,detail,note\n2024-03-01,08:00,practice,me,,meditation,\n"
       "2024-03-02,,wellbeing,me,4,,a good day\n")


def _serve(path: Path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "twinflames.cli", "serve", "--port",
                             str(port), "--journal", str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            urllib.request.urlopen(url + "api/journal/status", timeout=1)
            return proc, url
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"serve exited: {proc.stderr.read()}")
            time.sleep(0.1)
    proc.terminate()
    pytest.fail("twinflames serve did not answer within a minute")


@pytest.fixture
def served(tmp_path):
    """Start the server on a journal made by ``make(path)``; stop it afterwards."""
    procs = []

    def start(make):
        path = tmp_path / "journal.sqlite"
        make(path)
        proc, url = _serve(path)
        procs.append(proc)
        return path, url

    yield start
    for proc in procs:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
        assert "journal: " in out


def _rows(page) -> list[str]:
    return page.locator("#j-table tbody tr").all_inner_texts()


def _wait_loads(page, n: int) -> None:
    page.wait_for_selector(f'body[data-journal="{n}"]', state="attached", timeout=30_000)


def test_add_edit_remove_import_export(served, browser, tmp_path):  # noqa: F811
    path, url = served(lambda p: init_journal(p)[0].close())
    ui = Page(browser)
    page = ui.page
    page.goto(url + "?view=journal")
    _wait_loads(page, 1)
    assert "Nothing logged yet" in page.inner_text("#j-summary")

    # one tap each: a reach-out and a well-being of 2
    page.click("#j-quick >> text=I reached out")
    _wait_loads(page, 2)
    assert "Logged: me: reached out" in page.inner_text("#j-status")
    page.click('#j-wellbeing button[aria-label="well-being 2"]')
    _wait_loads(page, 3)

    # the full form: an urge resisted with a note, at a date and time
    page.click("#j-full summary")
    page.select_option("#j-kind", "urge")
    page.fill("#j-value", "3")
    page.fill("#j-detail", "resisted")
    page.fill("#j-note", "walked instead")
    page.fill("#j-date", "2024-03-05")
    page.fill("#j-time", "21:30")
    page.click("#j-save")
    _wait_loads(page, 4)
    with open_journal(path) as jr:
        entries = {r.entry.kind: r for r in jr.list()}
    assert set(entries) == {"reach_out", "wellbeing", "urge"}
    urge = entries["urge"].entry
    assert (urge.value, urge.detail, urge.note, urge.date, urge.time) == (
        3, "resisted", "walked instead", "2024-03-05", "21:30")
    assert entries["wellbeing"].entry.value == 2
    assert page.locator("#j-chart .barlayer .trace").count() >= 1

    # a bad value is refused in plain words, nothing added
    page.select_option("#j-kind", "anxiety")
    page.fill("#j-value", "9")
    page.click("#j-save")
    page.wait_for_selector("#j-error:not([hidden])")
    assert "allowed: a whole number 1-5" in page.inner_text("#j-error")
    assert ui.errors == ["Failed to load resource: the server responded with a status of 400 "
                         "(Bad Request)"]  # Chromium logs the refused request itself
    ui.errors.clear()

    # edit the urge's note, then remove the reach-out: both stay in the history
    uid = entries["urge"].id
    page.click(f'#j-table tr[data-id="{uid}"] >> text=Edit')
    assert page.input_value("#j-note") == "walked instead"
    page.fill("#j-note", "called a friend instead")
    page.click("#j-save")
    _wait_loads(page, 5)
    assert "called a friend instead" in page.inner_text(f'#j-table tr[data-id="{uid}"]')
    rid = entries["reach_out"].id
    page.click(f'#j-table tr[data-id="{rid}"] >> text=Remove')
    _wait_loads(page, 6)
    assert page.locator(f'#j-table tr[data-id="{rid}"]').count() == 0
    assert "stays in the history" in page.inner_text("#j-status")
    with open_journal(path) as jr:
        assert [h.op for h in jr.history(rid)] == ["add", "remove"]
        assert jr.get(uid).entry.note == "called a friend instead"

    # import a small CSV: the summary shows what was mapped
    page.click("#j-io summary")
    small = tmp_path / "small.csv"
    small.write_text(CSV)
    page.set_input_files("#j-file", str(small))
    page.click("#j-import")
    _wait_loads(page, 7)
    summary = page.inner_text("#j-import-summary")
    assert "2 added" in summary and "practice 1" in summary
    assert len(_rows(page)) == 4
    with page.expect_download() as dl:
        page.click("#j-export-csv")
    exported = Path(dl.value.path()).read_text()
    assert exported.splitlines()[0] == "date,time,kind,who,value,detail,note"
    assert "2024-03-02,,wellbeing,me,4,,a good day" in exported
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "journal.png"), full_page=True)
    ui.check_clean()
    ui.close()


def test_unlock_an_encrypted_journal(served, browser):  # noqa: F811
    def make(p):
        jr, _ = init_journal(p, passphrase=PASS)
        jr.add("sign", detail="song", note="our song on the radio", date="2024-03-01")
        jr.close()

    path, url = served(make)
    ui = Page(browser)
    page = ui.page
    page.goto(url + "?view=journal")
    page.wait_for_selector("#j-lock:not([hidden])")
    assert page.locator("#j-tools").is_hidden()
    page.fill("#j-pass", "not it")
    page.click("#j-unlock")
    page.wait_for_selector("#j-lock-err:not([hidden])")
    assert "wrong passphrase" in page.inner_text("#j-lock-err")
    assert len(ui.errors) == 1 and "400" in ui.errors[0]  # Chromium logs the refusal
    ui.errors.clear()
    page.fill("#j-pass", PASS)
    page.click("#j-unlock")
    _wait_loads(page, 1)
    assert "our song on the radio" in "".join(_rows(page))
    assert page.input_value("#j-pass") == ""
    assert PASS not in page.url and page.evaluate("JSON.stringify(localStorage)").find(PASS) < 0
    page.click("#j-quick >> text=Practice")
    _wait_loads(page, 2)
    assert b"practice" not in path.read_bytes()
    page.screenshot(path=str(OUTPUT / "journal-unlocked.png"), full_page=True)
    ui.check_clean()
    ui.close()
