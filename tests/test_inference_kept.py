"""`journal where` keeps its answer in the journal and carries on from it the next time (the
daily update across processes): the same answer as a full replay, sealed in an encrypted
journal, never read when the code changed, and never more than data."""

import base64
import json
import sqlite3

import numpy as np
import pytest

from journal_support import cli
from twinflames.inference import infer, kept
from twinflames.inference.validation.synthetic import synthetic_journal
from twinflames.journal import init_journal, open_journal

PASS = "a long enough passphrase"
NAME = "where/300/0"


def _journal(path, entries, passphrase=None):
    jr, _ = init_journal(path, passphrase)
    for e in entries:
        jr.add(e["kind"], date=e["date"], who=e.get("who"), value=e.get("value"),
               detail=e.get("detail"))
    jr.close()


def _where(capsys, path, env=None):
    code, out, err = cli(capsys, "journal", "where", "--journal", str(path), "--json",
                         "--particles", "300", env=env)
    assert code == 0, err
    return json.loads(out)


def _kept_raw(path) -> bytes:
    with sqlite3.connect(path) as conn:
        (text,) = conn.execute("SELECT value FROM meta WHERE key = ?", ("kept:" + NAME,)).fetchone()
    return base64.b64decode(text)


@pytest.mark.parametrize("passphrase", [None, PASS])
def test_the_next_answer_carries_on_and_equals_a_full_replay(capsys, tmp_path, passphrase):
    entries = synthetic_journal(21, days=60, keep=0.8).entries
    early = [e for e in entries if e["date"] <= "2024-02-10"]
    later = [e for e in entries if e["date"] > "2024-02-10"]
    path, fresh = tmp_path / "j.sqlite", tmp_path / "fresh.sqlite"
    env = {"TWINFLAMES_PASSPHRASE": passphrase} if passphrase else None
    _journal(path, early, passphrase)
    first = _where(capsys, path, env)
    with open_journal(path, passphrase) as jr:
        assert jr.kept(NAME) is not None and jr.list()  # kept beside, not as an entry
        for e in later:
            jr.add(e["kind"], date=e["date"], who=e.get("who"), value=e.get("value"),
                   detail=e.get("detail"))
        carried = kept.loads(jr.kept(NAME))
    assert carried.to_dict() == first  # what was kept is the answer that was given
    second = _where(capsys, path, env)  # from the kept answer, over the new days only
    _journal(fresh, entries, passphrase)
    assert second == _where(capsys, fresh, env)  # a journal with nothing kept: full replay
    assert second == infer(entries, particles=300, seed=0).to_dict()
    raw = _kept_raw(path)
    if passphrase:  # sealed: without the key it is not even a zip of arrays
        assert not raw.startswith(b"PK") and kept.loads(raw) is None
    else:
        assert raw.startswith(b"PK")


def test_an_answer_made_by_other_code_is_not_read(monkeypatch):
    result = infer(synthetic_journal(22, days=20).entries, particles=100, seed=0)
    data = kept.dumps(result)
    assert kept.loads(data).to_dict() == result.to_dict()
    monkeypatch.setattr(kept, "code_digest", lambda: "another version")
    assert kept.loads(data) is None


def test_only_data_and_the_inference_classes_are_read():
    result = infer(synthetic_journal(23, days=20).entries, particles=100, seed=0)
    import io

    with np.load(io.BytesIO(kept.dumps(result))) as npz:
        arrays = {k: npz[k] for k in npz.files}
    header = json.loads(arrays.pop("header").tobytes())
    # a graph that names a class outside the inference (here: os.system's module) is refused
    header["graph"] = {"object": "os:_wrap_close", "id": 0, "fields": {"dict": []}}
    out = io.BytesIO()
    np.savez(out, header=np.frombuffer(json.dumps(header).encode(), np.uint8), **arrays)
    assert kept.loads(out.getvalue()) is None
    assert kept.loads(b"") is None and kept.loads(b"PK\x03\x04 not a zip") is None


def test_a_look_back_leaves_the_kept_answer_alone(capsys, tmp_path):
    path = tmp_path / "j.sqlite"
    _journal(path, synthetic_journal(24, days=30).entries)
    _where(capsys, path)
    before = _kept_raw(path)
    code, _, err = cli(capsys, "journal", "where", "--journal", str(path), "--json",
                       "--particles", "300", "--as-of", "2024-01-20")
    assert code == 0, err
    assert _kept_raw(path) == before
