"""Every picture and quoted output in README.md and docs/ still shows what its command makes.

The data behind each picture (docs/images/NAME.json, written by scripts/pictures.py from the
same command with --json) must match what the command gives now, and every quoted output must
match word for word. For the explorer's screenshots the fingerprint (written by
scripts/screenshots.py) holds the web API calls the page made; the same requests sent to the
application in-process must give the same data. When one fails, run
``.venv/bin/python scripts/pictures.py`` and look at the pictures before committing them.
"""

import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("pictures", ROOT / "scripts" / "pictures.py")
pictures = importlib.util.module_from_spec(spec)
sys.modules["pictures"] = pictures  # its dataclasses look their module up there
spec.loader.exec_module(pictures)


def test_every_picture_in_the_docs_is_made_by_the_script_or_the_browser_tests():
    shown = set()
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        shown |= set(re.findall(r"images/([\w.-]+\.png)", doc.read_text(encoding="utf-8")))
    made = {p.image for p in pictures.PICTURES} | pictures.SCREENSHOTS | pictures.HAND_MADE
    assert shown <= made, f"pictures with no maker: {sorted(shown - made)}"
    on_disk = {p.name for p in (ROOT / "docs" / "images").glob("*.png")}
    assert on_disk <= shown, f"pictures no page shows: {sorted(on_disk - shown)}"


def test_pictures_and_quoted_outputs_match_their_commands():
    assert pictures.quoted_outputs(), "README quotes no output any more"
    assert pictures.ERRORS.search((ROOT / "docs" / "cli.md").read_text()), "no quoted refusal"
    assert pictures.check() == []


def test_a_screenshot_whose_page_would_draw_other_data_is_caught(tmp_path, monkeypatch):
    stored = json.loads((ROOT / "docs" / "images" / "explorer.json").read_text())
    assert stored["calls"][0]["body"]["seed"] == 1 and stored["shown"]["outcome"]
    stored["calls"][0]["body"]["seed"] = 2  # the story of another seed: other phases
    (tmp_path / "explorer.json").write_text(json.dumps(stored))
    monkeypatch.setattr(pictures, "IMAGES", tmp_path)
    assert pictures.screenshot_problems(["explorer.png"]) == [
        "docs/images/explorer.png: the page would now draw other data from /api/simulate; "
        "run scripts/screenshots.py"]
    stored["calls"] = stored["calls"][:0]
    (tmp_path / "explorer.json").write_text(json.dumps(stored))
    assert "records the calls []" in pictures.screenshot_problems(["explorer.png"])[0]


def test_a_fingerprint_agrees_within_another_processors_last_bits_only():
    stored = {"arm": {"outcomes": {"union": 858, "moved_on": 139, "separated": 3},
                      "median": 129.531, "phase": "union"}, "sobol": [0.81, 0.77]}
    moved = {"arm": {"outcomes": {"union": 857, "moved_on": 140, "separated": 3},
                     "median": 129.6, "phase": "union"}, "sobol": [0.83, 0.78]}
    assert pictures.agrees(moved, stored)  # a couple or two ending elsewhere
    many = json.loads(json.dumps(moved))
    many["arm"]["outcomes"].update(union=848, moved_on=149)  # ten couples: other data
    assert not pictures.agrees(many, stored)
    other = json.loads(json.dumps(moved))
    other["arm"]["phase"] = "chase"
    assert not pictures.agrees(other, stored)
    assert not pictures.agrees({**moved, "sobol": [0.70, 0.77]}, stored)
    assert not pictures.agrees({**moved, "sobol": [0.83]}, stored)
