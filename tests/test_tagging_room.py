"""The tagging room imports nothing of ours but corpus.model, and keeps the one month table."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import tagging
from app.ui.text import format_date
from tagging.dates import MONTH_NAMES, MONTHS, month_number

ROOT = Path(__file__).resolve().parent.parent
# Our top-level packages: every folder of the checkout that is an import package.
OURS = {p.parent.name for p in ROOT.glob("*/__init__.py")}
ALLOWED = {"corpus.model"}


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _forbidden(path: Path) -> list[str]:
    """Imports of ours in `path` other than corpus.model and tagging itself."""
    return [
        f"{path.name}: {name}"
        for name in _imports(path)
        if name.split(".")[0] in OURS and name.split(".")[0] != "tagging" and name not in ALLOWED
    ]


def test_tagging_imports_only_corpus_model_and_itself() -> None:
    files = sorted((ROOT / "tagging").glob("*.py"))
    assert len(files) >= 10 and {"ingest", "index", "app", "eval", "corpus"} <= OURS
    assert [bad for path in files for bad in _forbidden(path)] == []


def test_the_rule_sees_a_forbidden_import(tmp_path: Path) -> None:
    # The check above passes on an empty list too; show that it finds what it looks for.
    module = tmp_path / "m.py"
    module.write_text(
        "import re\nimport corpus.store\nfrom ingest.clean import Line\nfrom corpus import model\n"
        "from corpus.model import Clause\nfrom tagging.dates import MONTHS\nfrom . import nlp\n"
    )
    assert _forbidden(module) == ["m.py: corpus.store", "m.py: ingest.clean", "m.py: corpus"]


def test_tagging_exports_a_short_explicit_list() -> None:
    assert sorted(tagging.__all__) == sorted(set(tagging.__all__))
    assert all(hasattr(tagging, name) for name in tagging.__all__)
    assert len(tagging.__all__) <= 6


def test_one_month_table_for_parsing_and_display() -> None:
    assert len(MONTH_NAMES) == 12 and [MONTHS[n] for n in MONTH_NAMES] == list(range(1, 13))
    assert month_number("Maart") == 3 and month_number("ſeptember") == 9
    assert [format_date(dt.date(2023, m, 1)).split()[1] for m in range(1, 13)] == list(MONTH_NAMES)
