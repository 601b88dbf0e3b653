"""A person with a browser and no terminal: start a journal, keep it, recover it, erase it.

The real ``twinflames serve`` on a temporary folder with no journal yet; every step is done
with the page's own controls and checked against the file on disk.
"""

from __future__ import annotations

from pathlib import Path

from test_browser import Page, browser  # noqa: F401 (a fixture)
from test_browser_journal import _rows, _wait_loads, served  # noqa: F401 (a fixture)
from twinflames.journal import open_journal

PASS = "a quiet morning"
NEW = "a brighter evening"


def test_a_sealed_journal_from_start_to_erase(served, browser):  # noqa: F811
    path, url = served(lambda p: None)
    ui = Page(browser)
    page = ui.page
    page.goto(url + "?view=journal")
    page.wait_for_selector("#j-create:not([hidden])")
    assert "terminal" not in page.inner_text("#panel-journal")

    # two different passphrases are refused beside the form; nothing is made
    page.fill("#j-new-pass", PASS)
    page.fill("#j-new-pass2", PASS + "!")
    page.click("#j-create-btn")
    assert "not the same" in page.inner_text("#j-create-err")
    assert not path.exists()

    # made: the recovery key is shown once, and Continue waits for "I have saved it"
    page.fill("#j-new-pass2", PASS)
    page.click("#j-create-btn")
    page.wait_for_selector("#j-recovery:not([hidden])")
    key = page.inner_text("#j-recovery-key")
    assert len(key.split("-")) == 8 and path.is_file()
    with page.expect_download() as dl:
        page.click("#j-recovery-save")
    assert key in Path(dl.value.path()).read_text()
    assert page.locator("#j-recovery-done").is_disabled()
    assert page.locator("#j-tools").is_hidden()
    page.check("#j-recovery-ok")
    page.click("#j-recovery-done")
    _wait_loads(page, 1)
    assert page.locator("#j-recovery").is_hidden() and key not in page.content()
    page.click("#j-quick >> text=Practice")
    _wait_loads(page, 2)
    assert b"practice" not in path.read_bytes()
    with open_journal(path, PASS) as jr:
        assert [r.entry.kind for r in jr.list()] == ["practice"]

    # lock, then the forgotten passphrase: the recovery key and a new one open it again
    page.click("#j-keys summary")
    page.click("#j-lock-now")
    page.wait_for_selector("#j-lock:not([hidden])")
    assert page.locator("#j-tools").is_hidden()
    page.click("#j-forgot summary")
    page.fill("#j-rec-key", key.lower().replace("-", " "))
    page.fill("#j-rec-pass", NEW)
    page.fill("#j-rec-pass2", NEW)
    page.click("#j-rec-btn")
    _wait_loads(page, 3)
    assert "recovery key still works" in page.inner_text("#j-message")
    open_journal(path, NEW).close()

    # change the passphrase: a wrong current one changes nothing
    page.click("#j-keys summary")
    page.fill("#j-cur-pass", "not it")
    page.fill("#j-chg-pass", PASS)
    page.fill("#j-chg-pass2", PASS)
    page.click("#j-chg-btn")
    page.wait_for_selector("#j-chg-err:not([hidden])")
    assert "wrong passphrase" in page.inner_text("#j-chg-err")
    open_journal(path, NEW).close()
    page.fill("#j-cur-pass", NEW)
    page.fill("#j-chg-pass", PASS)
    page.fill("#j-chg-pass2", PASS)
    page.click("#j-chg-btn")
    page.wait_for_selector("#j-chg-status:has-text('Passphrase changed')")
    open_journal(path, PASS).close()
    ui.errors.clear()  # Chromium logs the refused requests themselves

    # erase: the button waits for the confirmation; a wrong passphrase deletes nothing
    assert page.locator("#j-erase-btn").is_disabled()
    page.check("#j-erase-ok")
    page.fill("#j-erase-pass", NEW)
    page.click("#j-erase-btn")
    page.wait_for_selector("#j-erase-err:not([hidden])")
    assert path.is_file()
    page.check("#j-erase-ok")
    page.fill("#j-erase-pass", PASS)
    page.click("#j-erase-btn")
    page.wait_for_selector("#j-create:not([hidden])")
    assert "deleted" in page.inner_text("#j-message")
    assert not path.exists() and page.locator("#j-results").is_hidden()
    ui.errors.clear()
    ui.check_clean()
    ui.close()


def test_a_plain_journal_and_its_erase(served, browser):  # noqa: F811
    path, url = served(lambda p: None)
    ui = Page(browser, viewport=(390, 844))
    page = ui.page
    page.goto(url + "?view=journal")
    page.wait_for_selector("#j-create:not([hidden])")
    page.check('input[name="j-seal"][value="plain"]')
    assert page.locator("#j-create-pass").is_hidden()
    page.click("#j-create-btn")
    _wait_loads(page, 1)
    page.click("#j-quick >> text=I reached out")
    _wait_loads(page, 2)
    assert len(_rows(page)) == 1
    with open_journal(path) as jr:
        assert not jr.encrypted
    page.click("#j-keys summary")
    assert page.locator("#j-seal-tools").is_hidden()
    assert page.locator("#j-erase-pass-field").is_hidden()
    page.check("#j-erase-ok")
    page.click("#j-erase-btn")
    page.wait_for_selector("#j-create:not([hidden])")
    assert not path.exists()
    ui.check_clean()
    ui.close()
