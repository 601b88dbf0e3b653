"""A corpus of malformed import files: every one is refused with one clear line (exit 2 from
the command line, a 4xx JSON answer from the web), and leaves the journal and its backups
exactly as they were."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from journal_support import DATA, cli, snapshot
from twinflames.journal import init_journal, open_journal
from twinflames.journal.paths import backup_dir
from twinflames.web.app import create_app

HEADER = "date,time,kind,who,value,detail,note\n"
ROW = "2024-03-01,21:30,urge,me,2,resisted,\n"


def _line(**fields) -> str:
    return json.dumps({"kind": "note", "note": "n", "date": "2024-03-01", **fields}) + "\n"


CORPUS: dict[str, bytes] = {
    "empty.csv": b"",
    "only-bom.csv": b"\xef\xbb\xbf",
    "blank-lines.csv": b"\n\n\n",
    "header-only-wrong.csv": b"when,what\n",
    "header-missing-column.csv": b"date,time,kind,who,value,detail\n2024-03-01,,note,me,,\n",
    "header-extra-column.csv": (HEADER.strip() + ",mood\n").encode(),
    "short-row.csv": (HEADER + "2024-03-01,21:30,urge\n").encode(),
    "long-row.csv": (HEADER + ROW.strip() + ",extra,extra\n").encode(),
    "unclosed-quote.csv": (HEADER + '2024-03-01,,note,me,,,"never closed\n').encode(),
    "truncated.csv": (HEADER + ROW + "2024-03-0").encode(),
    "not-utf8.csv": (HEADER + "2024-03-01,,note,me,,,caf\xe9\n").encode("latin-1"),
    "binary.csv": bytes(range(256)) * 4,
    "nul-bytes.csv": (HEADER + "2024-03-01,,note,me,,,a\0b\n").encode(),
    "huge-field.csv": (HEADER + "2024-03-01,,note,me,,," + "x" * 200_000 + "\n").encode(),
    "bad-date.csv": (HEADER + "2024-02-30,,note,me,,,n\n").encode(),
    "far-date.csv": (HEADER + "9999-12-31,,reach_out,me,,,\n").encode(),
    "year-one.csv": (HEADER + "0001-01-01,,reach_out,me,,,\n").encode(),
    "bad-time.csv": (HEADER + "2024-03-01,25:00,note,me,,,n\n").encode(),
    "bad-kind.csv": (HEADER + "2024-03-01,,hug,me,,,\n").encode(),
    "bad-who.csv": (HEADER + "2024-03-01,,urge,them,1,resisted,\n").encode(),
    "bad-rating.csv": (HEADER + "2024-03-01,,wellbeing,me,6,,\n").encode(),
    "urge-overflow.csv": (HEADER + "2024-03-01,,urge,me,1e309,resisted,\n").encode(),
    "good-then-bad.csv": (HEADER + ROW * 50 + "2024-13-01,,note,me,,,n\n").encode(),
    "not-json.jsonl": b"{this is not json}\n",
    "truncated.jsonl": _line().encode() + b'{"kind": "note", "no',
    "array.jsonl": b"[1, 2, 3]\n",
    "scalar.jsonl": b"42\n",
    "deep.jsonl": b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep-object.jsonl": b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n",
    "unknown-field.jsonl": _line(mood="good").encode(),
    "missing-kind.jsonl": b'{"date": "2024-03-01"}\n',
    "missing-date.jsonl": b'{"kind": "note", "note": "n"}\n',
    "lone-surrogate.jsonl": b'{"kind": "note", "note": "x\\ud800y", "date": "2024-03-01"}\n',
    "far-date.jsonl": _line(date="9999-12-31").encode(),
    "bad-id.jsonl": _line(id="../../etc").encode(),
    "long-id.jsonl": _line(id="a" * 65).encode(),
    "shared-id.jsonl": (_line(id="x1", note="one") + _line(id="x1", note="two")).encode(),
    "value-true.jsonl": _line(kind="urge", note=None, detail="resisted", value=True).encode(),
    "value-nan.jsonl": b'{"kind": "urge", "detail": "acted", "value": NaN, "date": "2024-03-01"}\n',
    "not-utf8.jsonl": b'{"kind": "note", "note": "\xff\xfe", "date": "2024-03-01"}\n',
    "daylio-truncated.csv": (DATA / "daylio_truncated.csv").read_bytes(),
    "daylio-short-row.csv": (DATA / "daylio_short_row.csv").read_bytes(),
    "not-daylio.csv": (DATA / "not_daylio.csv").read_bytes(),
}


@pytest.fixture
def journal(tmp_path):
    path = tmp_path / "j.sqlite"
    jr, _ = init_journal(path)
    jr.add("note", note="keep me", date="2024-01-01")
    jr.close()
    return path


def _state(path):
    backups = sorted(p.name for p in backup_dir(path).iterdir()) if backup_dir(
        path).is_dir() else []
    return snapshot(path), backups


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_malformed_file_is_refused_whole_from_the_command_line(capsys, journal, tmp_path,
                                                                  name):
    source = tmp_path / name
    source.write_bytes(CORPUS[name])
    before = _state(journal)
    code, _, err = cli(capsys, "journal", "import", str(source), "--journal", str(journal))
    assert code == 2, err
    assert err.startswith("twinflames: error: ") and err.count("\n") == 1
    assert len(err) < 400  # a 200,000-character field is not echoed back
    assert _state(journal) == before


def test_the_same_corpus_gets_4xx_answers_from_the_web(journal):
    client = TestClient(create_app(warm=False, journal=journal), base_url="http://127.0.0.1")
    before = _state(journal)
    answers = {}
    for name, data in CORPUS.items():
        r = client.post("/api/journal/import", content=data or b" ", headers={
            "Content-Type": "application/octet-stream", "X-File-Name": name})
        body = r.json()
        answers[name] = r.status_code
        assert 400 <= r.status_code < 500, (name, r.status_code, body)
        assert set(body) >= {"error", "field", "value", "allowed"}, name
    assert _state(journal) == before
    assert len(answers) == len(CORPUS) >= 40


def test_the_corpus_is_malformed_only_where_meant(journal, tmp_path):
    """Control: the good rows the corpus is made of import cleanly, so each refusal above is
    about the one thing broken."""
    good = tmp_path / "good.csv"
    good.write_text(HEADER + ROW * 50)
    with open_journal(journal) as jr:
        assert jr.import_file(good).added == 50
    line = tmp_path / "good.jsonl"
    line.write_text(_line(id="x1", note="one") + _line(id="x2", note="two"))
    with open_journal(journal) as jr:
        assert jr.import_file(line).added == 2
