"""The docs stay in step with the code."""

from pathlib import Path

import pytest

import twinflames as tf
from twinflames.model.params import Dyad, Model, Policy, Twin

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("model", [Model, Twin, Policy, Dyad])
def test_model_doc_lists_every_parameter(model):
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    missing = [name for name in model.model_fields if f"`{name}`" not in text]
    assert not missing


def test_model_doc_covers_every_mechanism_and_preset():
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert all(f"M{i}" in text for i in range(1, 19))
    assert all(name in text for name in tf.preset_names())


def test_readme_names_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/demo.sh" in readme and "bash scripts/test.sh" in readme
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def script(name: str):
    """A script of scripts/ loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_parameter_tables_are_generated_from_the_code():
    module = script("param_table")
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert module.table() in text, "run: .venv/bin/python scripts/param_table.py"


def test_cli_doc_lists_every_command_as_the_command_line_has_it():
    module = script("cli_reference")
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert module.table() in text, "run: .venv/bin/python scripts/cli_reference.py"
    for path, _ in module.commands(__import__("twinflames.cli", fromlist=["cli"]).cli):
        assert f"`twinflames {path}" in text


def test_no_blank_line_breaks_a_table_in_the_docs():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        lines = doc.read_text(encoding="utf-8").split("\n")
        for i in range(1, len(lines) - 1):
            row = lines[i + 1]
            broken = (lines[i] == "" and lines[i - 1].startswith("|") and row.startswith("|")
                      and not "".join(lines[i + 2:i + 3]).startswith("|---"))
            assert not broken, f"{doc.name} line {i + 1}: a blank line splits a table"
