"""``twinflames serve``: start the explorer on this machine."""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser

import click

from ..errors import InputError


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


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1/localhost lets other "
                   "machines reach the explorer.")
@click.option("--open", "open_browser", is_flag=True, help="Open the explorer in a browser.")
@click.option("--journal", "journal", metavar="PATH",
              help="The journal the Journal page shows (default: $TWINFLAMES_JOURNAL, else "
                   "the data folder, as the journal commands).")
def serve(port: int, host: str, open_browser: bool, journal: str | None) -> None:
    """Start the web explorer (works offline; Ctrl+C stops it)."""
    import uvicorn

    from ..journal import journal_path
    from .app import create_app
    from .journal_access import new_token

    check_free(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if not is_loopback(host):
        click.echo(f"warning: --host {host} lets other machines on the network reach the "
                   "explorer; it has no login. Use 127.0.0.1 to keep it on this machine.",
                   err=True)
    token = new_token(host)
    click.echo(f"twinflames explorer: {url}  (loading the model, then ready; Ctrl+C stops it)")
    click.echo(f"journal: {journal_path(journal)}")
    if token is not None:
        click.echo(f"journal page (keep this link private; it is needed once per browser): "
                   f"{url}journal?token={token}")
    if open_browser:
        threading.Timer(1.5, webbrowser.open, args=(url,)).start()
    uvicorn.run(create_app(journal=journal, token=token), host=host, port=port,
                log_level="warning")
