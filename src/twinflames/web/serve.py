"""``twinflames serve``: where the explorer listens, and what ``--phone`` needs (the home
network address, a self-signed certificate, a QR code)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from pathlib import Path

import segno
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ..errors import InputError
from ..files import write_atomically


def is_loopback(host: str) -> bool:
    """True if ``host`` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_free(host: str, port: int) -> None:
    """Raise :class:`InputError` if the explorer cannot listen on ``host:port``."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"--host {host!r}: unknown address ({exc.strerror}); allowed: an "
                         "address of this machine, e.g. 127.0.0.1") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise InputError(f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); "
                             "allowed: a free port, e.g. --port 8766") from None


def lan_address() -> str:
    """This machine's address on the home network (no packet is sent: a UDP socket is only
    pointed at a private address, which makes the system pick the interface it would use)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
        except OSError:
            address = "127.0.0.1"
    return address


def phone_certificate(folder: Path, address: str) -> tuple[Path, Path, str]:
    """A self-signed certificate for ``address`` (made once, kept in ``folder``, renewed when
    the address changes or it is about to expire).

    Returns
    -------
    (Path, Path, str)
        The certificate and private key files (PEM; the key is private to you, mode 600) and
        the certificate's SHA-256 fingerprint as the phone's browser shows it
        (``AB:CD:...``).
    """
    cert_path, key_path = folder / "phone-cert.pem", folder / "phone-key.pem"
    now = dt.datetime.now(dt.UTC)
    if cert_path.is_file() and key_path.is_file():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        if (ipaddress.ip_address(address) in names.get_values_for_type(x509.IPAddress)
                and cert.not_valid_after_utc - now > dt.timedelta(days=7)):
            return cert_path, key_path, _fingerprint(cert)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "twinflames on this computer")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([
                x509.IPAddress(ipaddress.ip_address(a)) for a in dict.fromkeys(
                    (address, "127.0.0.1"))] + [x509.DNSName("localhost")]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    key_bytes = key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    write_atomically(key_path, lambda tmp: tmp.write_bytes(key_bytes), "phone key", mode=0o600)
    write_atomically(cert_path, lambda tmp: tmp.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)), "phone certificate", mode=0o644)
    return cert_path, key_path, _fingerprint(cert)


def _fingerprint(cert: x509.Certificate) -> str:
    return ":".join(f"{b:02X}" for b in cert.fingerprint(hashes.SHA256()))


def qr_svg(text: str) -> str:
    """``text`` as a QR code, an SVG data URI for the page (made here: no image service)."""
    return segno.make(text, error="m").svg_data_uri(scale=5, border=2)
