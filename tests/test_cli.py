"""The CLI's structure: fast help without the heavy libraries, no import circle, shared filter
options, one-line errors."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from app.cli import cli
from app.config import Settings
from corpus.filter import ClauseFilter

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "faiss", "streamlit", "sentence_transformers", "spacy", "pytrec_eval")

# Builds the help text of the group and of every command, then lists the heavy libraries loaded.
HELP_SCRIPT = """
import sys, click, app.cli
group = app.cli.cli
for name, cmd in [("akkoord", group), *group.commands.items()]:
    assert cmd.get_help(click.Context(cmd, info_name=name))
print(" ".join(sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1:]))))
"""


def test_help_starts_without_the_heavy_libraries() -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELP_SCRIPT, *HEAVY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == []


def test_command_modules_do_not_import_the_group() -> None:
    modules = sorted((ROOT / "app").glob("cli_*.py"))
    assert len(modules) >= 6
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module is not None
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert "app.cli" not in imported, path.name


@pytest.mark.parametrize("command", ["search", "deadlines", "toezeggingen"])
def test_filtering_commands_take_one_option_per_filter_field(command: str) -> None:
    cmd = cli.commands[command]
    names = {p.name for p in cmd.params if isinstance(p, click.Option)}
    assert {f.name for f in fields(ClauseFilter)} <= names
    opts = {o for p in cmd.params for o in p.opts}
    assert {"--deadline-from", "--from", "--deadline-until", "--until"} <= opts


def test_every_command_of_the_readme_is_there() -> None:
    assert set(cli.commands) == {
        "ingest",
        "index",
        "documents",
        "search",
        "deadlines",
        "toezeggingen",
        "watch",
        "eval",
        "app",
    }


def test_unknown_document_is_one_line_naming_it(built_settings: Settings) -> None:
    home = ["--home", str(built_settings.home)]
    for command in ("deadlines", "toezeggingen"):
        result = CliRunner().invoke(cli, [*home, command, "--doc", "999"])
        assert result.exit_code == 1, result.output
        assert result.output == "Error: 999: no such document in the store\n"


def test_deadline_bounds_answer_to_both_names(built_settings: Settings) -> None:
    home = ["--home", str(built_settings.home)]
    runner = CliRunner()
    short = runner.invoke(
        cli, [*home, "deadlines", "--from", "2023-01-01", "--until", "2023-06-30", "--csv", "-"]
    )
    long = runner.invoke(
        cli,
        [
            *home,
            "deadlines",
            "--deadline-from",
            "2023-01-01",
            "--deadline-until",
            "2023-06-30",
            "--csv",
            "-",
        ],
    )
    assert short.exit_code == long.exit_code == 0, short.output + long.output
    assert short.output == long.output
    lines = short.output.splitlines()
    assert len(lines) > 2  # the header and some rows


def test_search_by_document_number(built_settings: Settings, tmp_path: Path) -> None:
    # A known bug: `search --doc 001` found nothing while `deadlines --doc 001` worked.
    queries = tmp_path / "q.txt"
    queries.write_text("huisarts\nwijkverpleging\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["--home", str(built_settings.home), "search", "--queries", str(queries), "--doc", "001"],
    )
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [a["query"] for a in answers] == ["huisarts", "wijkverpleging"]
    for answer in answers:
        assert len(answer["hits"]) == 10
        assert {h["doc"] for h in answer["hits"]} == {"001_f49a419464a26771.txt"}
