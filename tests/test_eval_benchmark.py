"""`akkoord eval` and the retrieval benchmark score the same questions the same way."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from click.testing import CliRunner

from app.cli import cli
from app.config import Settings
from eval.qa import DEV_QA, load_qa
from eval.run import document_paths
from index import Searcher

ROOT = Path(__file__).resolve().parent.parent
SYSTEMS = ("akkoord", "bm25", "dense", "naive-bm25")


def _benchmark() -> ModuleType:
    # benchmarks/ is a folder of scripts, not an installed package.
    spec = importlib.util.spec_from_file_location(
        "benchmarks_retrieval", ROOT / "benchmarks" / "retrieval.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_cli_and_benchmark_give_the_same_figures(
    built_settings: Settings, searcher: Searcher
) -> None:
    home = built_settings.home
    args = ["--home", str(home), "eval", *map(str, DEV_QA), "--systems", ",".join(SYSTEMS)]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.stdout)

    benchmark = _benchmark()
    records = load_qa(DEV_QA, document_paths(searcher.store))
    run = benchmark.run_systems(records, searcher, built_settings.embedder, list(SYSTEMS), home)
    from_bench = run.summary()

    assert from_cli["n"] == from_bench["n"] == 36
    assert list(from_cli["systems"]) == list(from_bench["systems"]) == list(SYSTEMS)
    assert from_cli["systems"] == from_bench["systems"]
    # The benchmark's grid row is the same hybrid figure, unrounded.
    figures = benchmark.akkoord_figures(records, searcher, built_settings.embedder, home)
    assert round(figures["MRR@10"], 4) == from_cli["systems"]["akkoord"]["metrics"]["MRR@10"]
