"""``twinflames serve --phone``: a certificate made here, a one-time pairing link, the QR code
only for this computer, and refusals without the token."""

from __future__ import annotations

import hashlib
import ssl
import stat
import subprocess
import sys

from fastapi.testclient import TestClient

from twinflames.journal import init_journal
from twinflames.web.app import create_app
from twinflames.web.serve import phone_certificate, qr_svg

TOKEN = "a-pairing-token-of-24-chars-or-more"
PHONE = {"url": "https://192.168.1.5:8765/", "fingerprint": "AB:CD"}


def _app(tmp_path):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    return create_app(warm=False, journal=path, token=TOKEN, phone=PHONE)


def test_the_certificate_is_made_once_for_the_address(tmp_path):
    cert, key, fingerprint = phone_certificate(tmp_path / "phone", "192.168.1.5")
    der = ssl.PEM_cert_to_DER_cert(cert.read_text())
    assert fingerprint == ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)  # a pair the server can use
    assert phone_certificate(tmp_path / "phone", "192.168.1.5")[2] == fingerprint  # kept
    assert phone_certificate(tmp_path / "phone", "10.0.0.7")[2] != fingerprint  # a new address


def test_the_pairing_link_works_once_and_nothing_opens_without_it(tmp_path):
    app = _app(tmp_path)
    phone = TestClient(app, base_url="https://192.168.1.5:8765")
    assert phone.get("/api/journal/entries").status_code == 401
    assert phone.get("/journal?token=guess", follow_redirects=False).status_code == 401
    paired = phone.get(f"/journal?token={TOKEN}", follow_redirects=False)
    assert paired.status_code == 303
    cookie = paired.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and TOKEN.lower() not in cookie
    assert phone.get("/api/journal/entries").status_code == 200  # its own session now

    other = TestClient(app, base_url="https://192.168.1.5:8765", client=("192.168.1.9", 1))
    assert other.get(f"/journal?token={TOKEN}", follow_redirects=False).status_code == 401
    assert other.get("/api/journal/phone").status_code == 401  # the code is for this computer


def test_this_computer_sees_the_current_code_and_needs_no_token(tmp_path):
    app = _app(tmp_path)
    here = TestClient(app, base_url="https://127.0.0.1:8765", client=("127.0.0.1", 1))
    assert here.get("/api/journal/entries").status_code == 200
    info = here.get("/api/journal/phone").json()
    assert info["enabled"] and info["fingerprint"] == PHONE["fingerprint"]
    assert info["link"] == f"{PHONE['url']}journal?token={TOKEN}"
    assert info["qr"] == qr_svg(info["link"]) and info["qr"].startswith("data:image/svg+xml")
    TestClient(app, base_url="https://192.168.1.5:8765").get(f"/journal?token={TOKEN}")
    fresh = here.get("/api/journal/phone").json()["link"]
    assert TOKEN not in fresh  # used once: the page shows a new code for the next device


def test_phone_refuses_loopback():
    proc = subprocess.run([sys.executable, "-m", "twinflames.cli", "serve", "--phone", "--host",
                           "127.0.0.1"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--host 127.0.0.1" in proc.stderr
