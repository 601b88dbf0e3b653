"""Helpers shared by the journal tests: run the CLI in-process or as a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from twinflames.cli import main
from twinflames.journal import open_journal
from twinflames.journal.canonical import to_jsonl

DATA = Path(__file__).parent / "data" / "journal"


def cli(capsys, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``twinflames ARGS`` in this process; return (exit code, stdout, stderr)."""
    saved = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    try:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cli_subprocess(*args: str, env: dict[str, str] | None = None, **kw
                   ) -> subprocess.CompletedProcess:
    """Run ``twinflames ARGS`` as a user would, in a new process."""
    return subprocess.run([sys.executable, "-m", "twinflames.cli", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, **(env or {})}, **kw)


def snapshot(path: Path, passphrase: str | None = None) -> tuple[str, int]:
    """The journal's JSONL export and the number of versions it holds."""
    with open_journal(path, passphrase) as jr:
        return to_jsonl(jr.list()), len(jr.history())
