"""``twinflames serve``: start the explorer on this machine."""

from __future__ import annotations

import threading
import webbrowser

import click

from ..web.serve import check_free, is_loopback


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
    from ..web.app import create_app
    from ..web.journal_access import new_token

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
