"""The kind contract: which fields each kind takes, and one plain line for anything else."""

import pytest

from twinflames.errors import InputError
from twinflames.journal.kinds import KINDS, make_entry, parse_time

CONTACT = ["reach_out", "reply", "ignore", "withdraw", "communicate", "block", "unblock",
           "moved_on", "together", "conflict"]
INNER = ["urge", "practice", "support", "sign", "trigger", "note", "unsent"]
RATINGS = ["wellbeing", "anxiety", "intensity"]


def test_the_contract_lists_exactly_the_issue_kinds():
    assert list(KINDS) == CONTACT + INNER + RATINGS
    assert {k.group for k in KINDS.values()} == {"contact", "inner", "rating"}
    assert all(KINDS[k].group == "contact" for k in CONTACT)
    assert all(KINDS[k].meaning for k in KINDS)


@pytest.mark.parametrize("kind", CONTACT)
def test_contact_kinds_take_me_or_them(kind):
    assert make_entry(kind, "2024-03-01").who == "me"
    assert make_entry(kind, "2024-03-01", who="them").who == "them"


@pytest.mark.parametrize("kind", ["practice", "support", "trigger", "wellbeing", "urge", "sign"])
def test_inner_life_and_ratings_are_always_me(kind):
    extra = {"value": 3} if kind in RATINGS else {}
    extra.update({"urge": {"detail": "acted"}, "sign": {"detail": "song"}}.get(kind, {}))
    with pytest.raises(InputError, match="who: 'them'"):
        make_entry(kind, "2024-03-01", who="them", **extra)


@pytest.mark.parametrize("kind", RATINGS)
@pytest.mark.parametrize("value", ["0", "6", "2.5", "x", "", "-1"])
def test_ratings_need_a_whole_number_1_to_5(kind, value):
    with pytest.raises(InputError) as exc:
        make_entry(kind, "2024-03-01", value=value)
    message = str(exc.value)
    assert message.startswith("value: ") and "1-5" in message and "\n" not in message


@pytest.mark.parametrize("value", ["1", "5", 3, "4.0"])
def test_ratings_accept_1_to_5(value):
    assert make_entry("anxiety", "2024-03-01", value=value).value == int(float(value))


def test_urge_counts_and_says_resisted_or_acted():
    e = make_entry("urge", "2024-03-01", value="3", detail="Resisted")
    assert (e.value, e.detail) == (3, "resisted")
    assert make_entry("urge", "2024-03-01", detail="acted").value == 1
    with pytest.raises(InputError, match="detail: missing for urge; allowed: resisted or acted"):
        make_entry("urge", "2024-03-01")
    with pytest.raises(InputError, match="detail: 'maybe'"):
        make_entry("urge", "2024-03-01", detail="maybe")


def test_signs_are_dreams_songs_or_messages():
    assert make_entry("sign", "2024-03-01", detail="message").detail == "message"
    with pytest.raises(InputError, match="allowed: dream or song or message"):
        make_entry("sign", "2024-03-01", detail="feather")


def test_note_is_free_text_only_and_other_kinds_take_no_value():
    assert make_entry("note", "2024-03-01", note="  a long day  ").note == "a long day"
    with pytest.raises(InputError, match="note: missing for note"):
        make_entry("note", "2024-03-01")
    with pytest.raises(InputError, match="detail: 'x' for note"):
        make_entry("note", "2024-03-01", note="n", detail="x")
    with pytest.raises(InputError, match="value: '2' for reach_out"):
        make_entry("reach_out", "2024-03-01", value=2)


@pytest.mark.parametrize("date", ["2024-02-30", "01/03/2024", "2024-3-1", "", "yesterday"])
def test_bad_dates_are_refused(date):
    with pytest.raises(InputError, match="date: .*allowed: a calendar date as YYYY-MM-DD"):
        make_entry("reply", date)


@pytest.mark.parametrize(("raw", "clock"), [
    ("21:30", "21:30"), ("7:05", "07:05"), ("9:30 pm", "21:30"), ("9:30 PM", "21:30"),
    ("12:05 am", "00:05"), ("12:40 p.m.", "12:40"), ("11:59 pm", "23:59"), ("08:00:00", "08:00"),
    ("", None), (None, None)])
def test_times_in_12_and_24_hour_form(raw, clock):
    assert parse_time(raw) == clock


@pytest.mark.parametrize("raw", ["24:00", "13:00 pm", "0:30 am", "9.30", "noon"])
def test_bad_times_are_refused(raw):
    with pytest.raises(InputError, match="time: "):
        parse_time(raw)


def test_unknown_kind_names_every_allowed_kind():
    with pytest.raises(InputError) as exc:
        make_entry("text_them", "2024-03-01")
    assert str(exc.value).startswith("kind: 'text_them'; allowed: reach_out, reply")
    assert all(k in str(exc.value) for k in KINDS)


def test_docs_describe_every_kind_and_the_readme_shows_the_plot():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    doc = (root / "docs" / "journal.md").read_text(encoding="utf-8")
    assert all(f"| `{k}`" in doc for k in KINDS)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "twinflames journal" in readme and "docs/images/journal-stats.png" in readme
    assert (root / "docs" / "images" / "journal-stats.png").read_bytes()[:4] == b"\x89PNG"
