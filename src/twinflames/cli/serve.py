"""``twinflames serve``: start the explorer on this machine (``--phone``: also to your phone)."""

from __future__ import annotations

import threading
import webbrowser

import click

from ..web.serve import check_free, is_loopback

PHONE_NOTE = """\
What is protected on your home network:
  - The connection is encrypted (HTTPS), so others on the network cannot read it.
  - Only a browser that opened the link (or scanned the code) can open the journal; the code
    works once, for one phone. Scan it again from the Journal page for another device.
What is not:
  - The certificate is made by this computer, so the phone warns that it is "not private" or
    "not trusted". Check that the fingerprint it shows is the one above before you go on.
  - The explorer itself (the model, not your journal) can be opened by anyone on the network.
  - Anyone who can use this computer, or your unlocked phone, can read the journal.
Use it only on a network you trust (your home, not a café). Ctrl+C stops it."""


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True,
              help="Port to listen on.")
@click.option("--host", default=None,
              help="Address to listen on (default 127.0.0.1; with --phone 0.0.0.0). Anything "
                   "but 127.0.0.1/localhost lets other machines reach the explorer.")
@click.option("--open", "open_browser", is_flag=True, help="Open the explorer in a browser.")
@click.option("--journal", "journal", metavar="PATH",
              help="The journal the Journal page shows (default: $TWINFLAMES_JOURNAL, else "
                   "the data folder, as the journal commands).")
@click.option("--phone", is_flag=True,
              help="Also open the journal on your phone on the home network: HTTPS with a "
                   "certificate made here, and a QR code holding a one-time pairing link.")
def serve(port: int, host: str | None, open_browser: bool, journal: str | None,
          phone: bool) -> None:
    """Start the web explorer (works offline; Ctrl+C stops it)."""
    import uvicorn

    from ..journal import journal_path
    from ..web.app import create_app
    from ..web.journal_access import new_token

    host = host or ("0.0.0.0" if phone else "127.0.0.1")
    if phone and is_loopback(host):
        from ..errors import InputError

        raise InputError(f"--host {host}: a phone cannot reach this machine's loopback; "
                         "allowed: 0.0.0.0 or this machine's address on the home network")
    check_free(host, port)
    shown = f"[{host}]" if ":" in host else host
    scheme = "https" if phone else "http"
    url = f"{scheme}://{shown}:{port}/"
    token = new_token(host)
    ssl, info = {}, None
    if phone:
        from ..journal.paths import default_path
        from ..web.serve import lan_address, phone_certificate

        address = lan_address() if host == "0.0.0.0" else host
        cert, key, fingerprint = phone_certificate(default_path().parent / "phone", address)
        ssl = {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
        info = {"url": f"https://{address}:{port}/", "fingerprint": fingerprint}
        url = f"https://127.0.0.1:{port}/" if host == "0.0.0.0" else url
    elif not is_loopback(host):
        click.echo(f"warning: --host {host} lets other machines on the network reach the "
                   "explorer; it has no login. Use 127.0.0.1 to keep it on this machine.",
                   err=True)
    click.echo(f"twinflames explorer: {url}  (getting the model ready in the background; "
               "Ctrl+C stops it)")
    click.echo(f"journal: {journal_path(journal)}")
    if info is not None:
        import segno

        link = f"{info['url']}journal?token={token}"
        click.echo("\nOn your phone (same home network), scan this code with the camera, or "
                   f"type the link:\n  {link}\n")
        segno.make(link, error="m").terminal(compact=True)
        click.echo(f"\nCertificate fingerprint (SHA-256), to compare on the phone:\n  "
                   f"{info['fingerprint']}\n\n{PHONE_NOTE}")
    elif token is not None:
        click.echo(f"journal page (keep this link private; it is needed once per browser): "
                   f"{url}journal?token={token}")
    if open_browser:
        threading.Timer(1.5, webbrowser.open, args=(url,)).start()
    uvicorn.run(create_app(journal=journal, token=token, phone=info), host=host, port=port,
                log_level="warning", timeout_graceful_shutdown=3, **ssl)
