"""CLI commands that fill the store and the index: ingest, index, documents."""

from __future__ import annotations

from pathlib import Path

import click

from app.cli_common import Context, embedding_progress, one_line_errors, pass_ctx
from app.cli_watch import report_after_ingest
from corpus.default import DEFAULT_CORPUS


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-index", is_flag=True, help="Only store the clauses; build no index.")
@pass_ctx
def ingest(ctx: Context, paths: tuple[Path, ...], no_index: bool) -> None:
    """Ingest PDF and text files or folders (default: the bundled corpus), then index them."""
    from app import service

    targets = list(paths) or [DEFAULT_CORPUS]
    with one_line_errors():
        files, _errors = service.expand_paths(targets)
        with click.progressbar(
            length=len(files), label="Ingesting", show_pos=True, item_show_func=_name
        ) as bar:
            report = service.ingest(ctx.settings, targets, progress=lambda p: bar.update(1, p))
        for error in report.failed:
            click.echo(f"Error: {error}", err=True)
        click.echo(
            f"{len(report.added)} ingested, {len(report.unchanged)} unchanged, "
            f"{len(report.failed)} failed",
            err=True,
        )
        if not no_index and (report.added or not service.index_current(ctx.settings)):
            _build(ctx)
        report_after_ingest(ctx.settings)  # tell what changed for the followed commitments
    if report.failed:
        raise SystemExit(1)


def _name(item: Path | None) -> str:
    return item.name if item else ""


def _build(ctx: Context) -> None:
    from app import service

    with embedding_progress() as progress:
        service.rebuild_index(ctx.settings, progress=progress)


@click.command("index")
@pass_ctx
def index_command(ctx: Context) -> None:
    """Rebuild the search index from the stored clauses."""
    from app import service

    with one_line_errors():
        service.ensure_default_corpus(ctx.settings)
        _build(ctx)


@click.command()
@pass_ctx
def documents(ctx: Context) -> None:
    """List the stored documents with their clause counts."""
    from app import service

    with one_line_errors(), service.open_store(ctx.settings) as store:
        counts = store.count()
        for doc in store.documents():
            date = doc.date.isoformat() if doc.date else "?"
            click.echo(f"{doc.id}\t{date}\t{counts.get(doc.id, 0)} clauses\t{doc.title}")
