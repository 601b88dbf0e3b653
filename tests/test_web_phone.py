"""``twinflames serve --phone``: a certificate made here, a one-time pairing link, the QR code
only for this computer, and refusals without the token."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import ssl
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

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


def test_serve_phone_speaks_https_with_the_printed_fingerprint(tmp_path):
    """The real command: its QR link pairs once over HTTPS, with the certificate it printed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "twinflames.cli", "serve", "--phone",
                             "--port", str(port), "--journal", str(tmp_path / "j.sqlite")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")})
    try:
        lines = []
        while not any(re.fullmatch(r"  [0-9A-F:]{95}", x) for x in lines):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            lines.append(line.rstrip("\n"))
        text = "\n".join(lines)
        link = re.search(r"https://\S+/journal\?token=\S+", text).group(0)
        fingerprint = next(x.strip() for x in lines if re.fullmatch(r"  [0-9A-F:]{95}", x))
        assert "█" in text  # the QR code, in the terminal
        host, _, rest = link.removeprefix("https://").partition("/")
        address = host.rsplit(":", 1)[0]
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        for _ in range(200):
            try:
                with context.wrap_socket(socket.create_connection((address, port))) as tls:
                    der = tls.getpeercert(binary_form=True)
                break
            except OSError:
                time.sleep(0.1)
        assert ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest()) == fingerprint
        opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(
            context=context))

        def status(url: str) -> int:
            try:
                return opener.open(url, timeout=30).status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert status(f"https://{host}/api/journal/status") == 401
        assert status(link) == 303
        assert status(link) == 401  # the pairing token works once
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
