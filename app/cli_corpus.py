"""CLI commands that fill the store and the index: ingest, index, documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from app.cli_common import Context, echo_json, embedding_progress, one_line_errors, pass_ctx
from app.cli_watch import report_after_ingest
from corpus.default import DEFAULT_CORPUS

if TYPE_CHECKING:
    from index.distributed import RayCluster


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-index", is_flag=True, help="Only store the clauses; build no index.")
@click.option(
    "--ray",
    "ray_address",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[ADDRESS]",
    help="Parse, tag and embed on a Ray cluster: a local one without ADDRESS, else a running "
    "cluster (host:6379, ray://host:10001 or auto). Needs the `ray` extra.",
)
@pass_ctx
def ingest(ctx: Context, paths: tuple[Path, ...], no_index: bool, ray_address: str | None) -> None:
    """Ingest PDF and text files or folders (default: the bundled corpus), then index them."""
    if ray_address is None:
        _ingest(ctx, paths, no_index, None)
        return
    ray_address, paths = ray_target(ray_address, paths)
    from index.distributed import ClusterError, RayCluster

    with one_line_errors(ClusterError):
        cluster = RayCluster(ray_address or None, threads=1)
    with cluster:
        click.echo(f"Ray: {cluster.workers()} workers", err=True)
        _ingest(ctx, paths, no_index, cluster)
        for line in cluster.stats.lines():
            click.echo(f"Ray worker {line}", err=True)


def ray_target(value: str, paths: tuple[Path, ...]) -> tuple[str, tuple[Path, ...]]:
    """Split what followed `--ray` into a cluster address and the paths to ingest: `--ray
    archief/` names a folder that exists, not a cluster, so it is ingested on a local one."""
    if value and Path(value).exists():
        return "", (Path(value), *paths)
    return value, paths


def _ingest(
    ctx: Context, paths: tuple[Path, ...], no_index: bool, cluster: RayCluster | None
) -> None:
    from app import service

    targets = list(paths) or [DEFAULT_CORPUS]
    errors: tuple[type[Exception], ...] = ()
    if cluster is not None:
        from index.distributed import ClusterError

        errors = (ClusterError,)
    with one_line_errors(*errors):
        files, _errors = service.expand_paths(targets)
        with click.progressbar(
            length=len(files), label="Ingesting", show_pos=True, item_show_func=_name
        ) as bar:
            report = service.ingest(
                ctx.settings,
                targets,
                progress=lambda p: bar.update(1, p),
                cluster=cluster,
                pages=_page_progress(),
            )
        for error in report.failed:
            click.echo(f"Error: {error}", err=True)
        for name in report.versions:
            click.echo(f"{name}: nieuwe versie (het bestand is veranderd)", err=True)
        click.echo(
            f"{len(report.added)} ingested, {len(report.versions)} new versions, "
            f"{len(report.unchanged)} unchanged, {len(report.failed)} failed",
            err=True,
        )
        if not no_index and (
            report.added or report.versions or not service.index_current(ctx.settings)
        ):
            _build(ctx, cluster)
        report_after_ingest(ctx.settings)  # tell what changed for the followed commitments
    if report.failed:
        raise SystemExit(1)


def _name(item: Path | None) -> str:
    return item.name if item else ""


PAGES_SHOWN = 20  # a PDF of this many pages or more reports its pages as it is read


def _page_progress() -> Callable[[Path, int, int], None]:
    """A line per tenth of a long PDF's pages ("groot.pdf: 200/2000 pages read"), so that a
    file that takes minutes is not silent; a short PDF says nothing."""
    shown: dict[Path, int] = {}

    def report(path: Path, done: int, total: int) -> None:
        tenth = done * 10 // total
        if total >= PAGES_SHOWN and shown.get(path) != tenth:
            shown[path] = tenth
            click.echo(f"{path.name}: {done}/{total} pages read", err=True)

    return report


def _build(ctx: Context, cluster: RayCluster | None = None) -> None:
    from app import service

    with embedding_progress() as progress:
        service.rebuild_index(ctx.settings, progress=progress, cluster=cluster)


@click.command("index")
@pass_ctx
def index_command(ctx: Context) -> None:
    """Rebuild the search index from the stored clauses."""
    from app import service

    with one_line_errors():
        service.ensure_default_corpus(ctx.settings)
        _build(ctx)


@click.group(invoke_without_command=True)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON line: each document's fields and where each came from.",
)
@click.pass_context
def documents(click_ctx: click.Context, as_json: bool) -> None:
    """List the stored documents with their clause counts; `set` corrects one by hand."""
    if click_ctx.invoked_subcommand is not None:
        return
    from app import service

    ctx = click_ctx.find_object(Context)
    assert ctx is not None
    with one_line_errors():
        rows = service.describe_documents(ctx.settings)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        date = row["date"] or "?"
        flag = " (geschat)" if row["date_guessed"] else ""
        click.echo(f"{row['id']}\t{date}{flag}\t{row['clauses']} clauses\t{row['title']}")


@documents.command("set")
@click.argument("doc")
@click.option("--date", help="The document's own date, JJJJ-MM-DD.")
@click.option("--senders", help="Who speaks, ';'-separated (e.g. 'minister van VWS').")
@click.option("--title", help="The document's title.")
@click.option("--type", "doc_type", help="kamerbrief, akkoord, bijlage, rapport, ...")
@pass_ctx
def set_document(
    ctx: Context,
    doc: str,
    date: str | None,
    senders: str | None,
    title: str | None,
    doc_type: str | None,
) -> None:
    """Correct a document's date, senders, title or type by hand and tag it again.

    DOC is a file name, its stem or its leading number ("002"), as in every --doc option.
    """
    from app import service

    fields: dict[str, object] = {
        k: v for k, v in (("date", date), ("title", title), ("doc_type", doc_type)) if v
    }
    if senders:
        fields["senders"] = [s.strip() for s in senders.split(";") if s.strip()]
    if not fields:
        raise click.UsageError("give at least one of --date, --senders, --title, --type")
    with one_line_errors(service.DocumentNotFound):
        updated = service.correct_document(ctx.settings, doc, fields)
    click.echo(
        f"{updated.id}: {', '.join(sorted(fields))} handmatig gezet; clausules opnieuw getagd",
        err=True,
    )
