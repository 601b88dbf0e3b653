"""Export and import: exact round trips, Daylio and Bearable, duplicates, all or nothing."""

import json
import random

import pytest

from journal_support import DATA, cli, snapshot
from twinflames.journal import init_journal, open_journal
from twinflames.journal.kinds import KINDS


def random_journal(path, n=300, seed=7):
    """A journal with every kind, odd text (quotes, commas, newlines, unicode), edits, removals."""
    rng = random.Random(seed)
    words = ["calm", "they said \"no\"", "a, b", "line\nbreak", "é ü 漢字 🌙", "  "]
    jr, _ = init_journal(path)
    ids = []
    for i in range(n):
        kind = rng.choice(list(KINDS))
        spec = KINDS[kind]
        fields = {"date": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                  "time": rng.choice([None, f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"]),
                  "who": rng.choice(["me", "them"]) if spec.group == "contact" else "me",
                  "note": rng.choice([None, f"{rng.choice(words)} {i}"])}
        if spec.value == "rating":
            fields["value"] = rng.randint(1, 5)
        elif spec.value == "count":
            fields["value"] = rng.randint(1, 9)
        if spec.details:
            fields["detail"] = rng.choice(spec.details)
        elif kind not in ("note", "unsent"):
            fields["detail"] = rng.choice([None, "walk", "journaling, long"])
        if kind in ("note", "unsent"):
            fields["note"] = f"{kind} {i}"
        ids.append(jr.add(kind, **fields).id)
    twin = jr.add("reply", date="2024-06-01")  # two entries with the same content
    jr.add("reply", date="2024-06-01")
    for entry_id in ids[::17]:
        jr.edit(entry_id, note="edited")
    for entry_id in ids[5::23] + [twin.id]:
        jr.remove(entry_id)
    return jr


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_then_import_into_a_new_journal_reproduces_it_exactly(tmp_path, fmt):
    jr = random_journal(tmp_path / "a.sqlite")
    exported = jr.export(tmp_path / f"out.{fmt}")
    first = [r.to_dict() for r in jr.list()]
    jr.close()
    new, _ = init_journal(tmp_path / "b.sqlite")
    summary = new.import_file(exported)
    assert summary.added == len(first) and summary.already_present == 0
    second = [r.to_dict() for r in new.list()]
    if fmt == "csv":  # the CSV carries no ids; everything else must match
        for rows in (first, second):
            for row in rows:
                row.pop("id")
    assert second == first
    assert new.export(tmp_path / f"again.{fmt}").read_bytes() == exported.read_bytes()
    again = new.import_file(exported)
    assert again.added == 0 and again.already_present == len(first)


def test_markdown_export_is_readable(tmp_path):
    jr = random_journal(tmp_path / "a.sqlite", n=40)
    text = jr.export(tmp_path / "out.md").read_text()
    assert text.startswith("# Journal") and "## 2024-" in text
    assert all(r.id in text for r in jr.list())


def daylio(tmp_path, capsys, name, *options):
    path = tmp_path / "j.sqlite"
    if not path.exists():
        init_journal(path)[0].close()
    code, out, err = cli(capsys, "journal", "import", str(DATA / name), *options, "--journal",
                         str(path))
    assert code == 0, err
    with open_journal(path) as jr:
        return out, [r.entry for r in jr.list()]


def test_daylio_current_header_bom_12_hour_times_and_custom_moods(tmp_path, capsys):
    assert (DATA / "daylio_current.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    out, entries = daylio(tmp_path, capsys, "daylio_current.csv")
    assert "read daylio: 5 added" in out
    assert "mood 'super happy'" in out and "activity 'work'" in out and "scales" in out
    assert [(e.date, e.time, e.kind, e.value, e.note) for e in entries] == [
        ("2024-03-01", "08:15", "wellbeing", 3, None),
        ("2024-03-01", "08:15", "practice", None, None),
        ("2024-03-02", "00:05", "wellbeing", 1, "Could not sleep"),
        ("2024-03-03", "21:30", "wellbeing", 5, "Good day\nWe talked, and it was calm"),
        ("2024-03-03", "21:30", "reach_out", None, None),
    ]
    out, entries = daylio(tmp_path, capsys, "daylio_current.csv", "--mood", "super happy=5",
                          "--activity", "meditation=practice:meditation")
    assert "read daylio: 2 added, 5 already in the journal" in out
    assert ("2024-03-01", "13:45", "wellbeing", 5) in [(e.date, e.time, e.kind, e.value)
                                                        for e in entries]
    assert [e.detail for e in entries if e.kind == "practice"] == [None, "meditation"]


def test_daylio_older_headers_and_24_hour_times(tmp_path, capsys):
    out, entries = daylio(tmp_path, capsys, "daylio_no_scales.csv")
    assert [(e.date, e.time, e.kind, e.value, e.note) for e in entries] == [
        ("2024-04-01", "07:05", "wellbeing", 2, None),
        ("2024-04-01", "07:05", "trigger", None, None),
        ("2024-04-01", "07:05", "together", None, None),
        ("2024-04-02", "21:30", "wellbeing", 4, "Session\nTalked about letting go"),
        ("2024-04-02", "21:30", "support", None, None)]
    out, entries = daylio(tmp_path, capsys, "daylio_oldest.csv", "--activity", "dream=sign:dream")
    assert "read daylio: 3 added" in out
    assert [(e.date, e.time, e.kind, e.detail) for e in entries[:3]] == [
        ("2023-12-30", "10:00", "wellbeing", None), ("2023-12-30", "10:00", "sign", "dream"),
        ("2023-12-31", "23:59", "wellbeing", None)]


def test_bearable_rows_are_mapped_or_counted_as_skipped(tmp_path, capsys):
    path = tmp_path / "j.sqlite"
    init_journal(path)[0].close()
    code, out, err = cli(capsys, "journal", "import", str(DATA / "bearable.csv"), "--activity",
                         "therapy=support", "--activity", "Meditation=practice:meditation",
                         "--journal", str(path))
    assert code == 0, err
    assert "read bearable: 6 added" in out
    assert "factor 'Coffee'" in out and "category 'Symptom'" in out and "'Sleep'" in out
    with open_journal(path) as jr:
        got = [(e.date, e.kind, e.value, e.detail, e.note) for e in (r.entry for r in jr.list())]
    assert got == [
        ("2024-05-01", "wellbeing", 4, None, "Woke up lighter"),
        ("2024-05-01", "wellbeing", 2, None, None),
        ("2024-05-01", "anxiety", 3, None, None),
        ("2024-05-01", "practice", None, "meditation", None),
        ("2024-05-01", "support", None, None, None),
        ("2024-05-02", "note", None, None, "Wrote them a letter I did not send")]
    code, out, _ = cli(capsys, "journal", "import", str(DATA / "bearable.csv"), "--activity",
                       "therapy=support", "--activity", "Meditation=practice:meditation",
                       "--journal", str(path))
    assert "0 added, 6 already" in out


BAD_FILES = [
    ("daylio_truncated.csv", ["--format", "daylio"], "line 2: unexpected end of data"),
    ("daylio_short_row.csv", [], "line 3: 5 fields; allowed: 8"),
    ("binary.csv", ["--format", "daylio"], "not UTF-8 text"),
    ("not_daylio.csv", ["--format", "daylio"], "not a Daylio export"),
    ("not_daylio.csv", [], "format not recognised"),
    ("bearable.csv", ["--format", "csv"], "allowed: exactly date,time,kind"),
    ("daylio_current.csv", ["--mood", "great=7"], "--mood 'great=7'"),
    ("daylio_current.csv", ["--activity", "x=hug"], "kind: 'hug'"),
    ("missing.csv", [], "cannot read"),
]


@pytest.mark.parametrize(("name", "options", "message"), BAD_FILES)
def test_bad_files_change_nothing(tmp_path, capsys, name, options, message):
    path = tmp_path / "j.sqlite"
    random_journal(path, n=30).close()
    before = snapshot(path)
    code, _, err = cli(capsys, "journal", "import", str(DATA / name), *options, "--journal",
                       str(path))
    assert code == 2 and message in err and err.count("\n") == 1, err
    assert snapshot(path) == before


def test_one_bad_row_rejects_the_whole_file(tmp_path, capsys):
    path = tmp_path / "j.sqlite"
    random_journal(path, n=30).close()
    before = snapshot(path)
    rows = [{"id": f"x{i}", "date": "2024-01-02", "kind": "reply", "who": "them"}
            for i in range(50)]
    rows[40]["value"] = 3
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(r) + "\n" for r in rows))
    code, _, err = cli(capsys, "journal", "import", str(bad), "--journal", str(path))
    assert code == 2 and "bad.jsonl line 41: value: '3' for reply" in err
    assert snapshot(path) == before
    rows[40].pop("value")
    bad.write_text("".join(json.dumps(r) + "\n" for r in rows)[:-30])  # cut mid-object
    code, _, err = cli(capsys, "journal", "import", str(bad), "--journal", str(path))
    assert code == 2 and "line 50: not JSON" in err and snapshot(path) == before


def test_same_content_twice_in_a_file_is_kept_twice_but_only_once(tmp_path):
    jr, _ = init_journal(tmp_path / "j.sqlite")
    src = tmp_path / "in.csv"
    src.write_text("date,time,kind,who,value,detail,note\n" + "2024-01-01,,reach_out,me,,,\n" * 3)
    assert jr.import_file(src).added == 3
    assert jr.import_file(src).added == 0
    removed = jr.list()[0].id
    jr.remove(removed)
    assert jr.import_file(src).added == 0  # a removed entry is not brought back by re-importing
    assert len(jr.list()) == 2
