"""CLI command: eval, scoring the search systems on Q&A files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from app.cli_common import Context, echo_json, one_line_errors, pass_ctx

if TYPE_CHECKING:
    from eval.qa import QARecord
    from eval.run import EvalResult

DEFAULT_SYSTEMS = "akkoord,bm25,dense,naive"


@click.command("eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--systems",
    default=DEFAULT_SYSTEMS,
    show_default=True,
    help=(
        "Comma-separated: akkoord, bm25, dense, naive-dense, naive-bm25, naive-hybrid; "
        "naive = the three naive ones."
    ),
)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a Markdown report here, with a PNG chart and the summary JSON beside it "
    "(the Evaluatie page shows the newest JSON in HOME/eval/).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_ctx
def eval_command(
    ctx: Context,
    files: tuple[Path, ...],
    systems: str,
    k: int,
    report_path: Path | None,
    as_json: bool,
) -> None:
    """Score the search systems on Q&A FILES (JSON Lines, schema in eval/data/README)."""
    from app import service
    from eval.qa import QAError, load_qa
    from eval.run import SEARCH_MODES, EvalError, document_paths, expand_systems

    settings = ctx.settings
    with one_line_errors(QAError, EvalError):
        names = expand_systems(systems.split(","))
        # Validate the Q&A files against the stored documents before loading any model.
        service.ensure_default_corpus(settings)
        with service.open_store(settings) as store:
            documents = document_paths(store)
        records = load_qa(files, documents)
        if not records:
            raise click.ClickException(f"{', '.join(map(str, files))}: no Q&A records")
        searcher = None
        if any(n in SEARCH_MODES for n in names):
            searcher = service.load_searcher(settings)
        result = _run(records, names, searcher, k, settings.embedder, settings.home, documents)
    if report_path is not None:
        from eval.report import write_report

        try:
            md, png = write_report(result, report_path)
        except OSError as exc:
            raise click.ClickException(
                f"{report_path}: cannot write the report ({exc.strerror or exc})"
            ) from exc
        click.echo(f"Report: {md} (chart {png.name})", err=True)
    if as_json:
        echo_json(result.summary())
    else:
        _print_summary(result)


def _run(
    records: list[QARecord],
    names: tuple[str, ...],
    searcher: Any,
    k: int,
    embedder: str,
    home: Path,
    documents: dict[str, Path],
) -> EvalResult:
    from eval.run import evaluate

    with click.progressbar(
        length=len(records) * len(names),
        label="Evaluating",
        show_pos=True,
        file=sys.stderr,
    ) as bar:
        announced: set[str] = set()

        def progress(what: str, done: int, total: int) -> None:
            if what.endswith("embedding chunks"):
                if what not in announced:
                    announced.add(what)
                    click.echo(
                        f"\n{what}: {total} (cached under the state home after the first run)",
                        err=True,
                    )
                return
            bar.update(1)

        return evaluate(
            records,
            names,
            searcher,
            k,
            embedder=embedder,
            cache_dir=home / "cache" / "naive",
            documents=documents,
            progress=progress,
        )


def _print_summary(result: EvalResult) -> None:
    from eval.metrics import METRICS

    header = f"{'system':<12}" + "".join(f"{m:>9}" for m in METRICS) + f"{'n':>5}"
    click.echo(header)
    for s in result.systems:
        summary = s.summary()
        cells = "".join(f"{summary[m]:>9.3f}" for m in METRICS)
        click.echo(f"{s.name:<12}{cells}{int(summary['n']):>5}")
    for s in result.systems:
        ex = s.extraction()
        if ex is not None:
            click.echo(
                f"{s.name}: extraction on {ex.n} answered questions: actor F1 {ex.actor_f1:.3f}, "
                f"deadline {ex.deadline:.3f}, theme {ex.theme:.3f}, kind {ex.kind:.3f}"
            )
