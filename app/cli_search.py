"""CLI command: search, for one query or a file of queries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from app import service
from app.cli import Context, cli, echo_json, embedding_progress, fail, pass_ctx
from corpus.model import Hit
from corpus.store import StoreError
from index import Filters, SearchIndexError


@cli.command()
@click.argument("query", required=False)
@click.option(
    "--queries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file with one query per line; prints one JSON object per query.",
)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query.")
@click.option("--actor", help="Only clauses naming this actor as responsible.")
@click.option("--theme", help="Only clauses of this theme.")
@click.option("--kind", help="Only clauses of this kind (afspraak, toezegging, voornemen, feit).")
@click.option("--doc", help="Only clauses of this document (file name).")
@click.option("--deadline-from", type=click.DateTime(["%Y-%m-%d"]), help="Deadline on or after.")
@click.option("--deadline-until", type=click.DateTime(["%Y-%m-%d"]), help="Deadline on or before.")
@pass_ctx
def search(
    ctx: Context,
    query: str | None,
    queries: Path | None,
    k: int,
    as_json: bool,
    actor: str | None,
    theme: str | None,
    kind: str | None,
    doc: str | None,
    deadline_from: dt.datetime | None,
    deadline_until: dt.datetime | None,
) -> None:
    """Search the clauses for QUERY (or every line of --queries)."""
    if (query is None) == (queries is None):
        raise click.UsageError("give either QUERY or --queries FILE")
    if queries is not None:
        try:
            lines = [q.strip() for q in queries.read_text(encoding="utf-8").splitlines()]
        except UnicodeDecodeError:
            fail(f"{queries}: not UTF-8 text")
            return
        texts = [q for q in lines if q]
        as_json = True
    else:
        texts = [query or ""]
    filters = Filters(
        actor=actor,
        theme=theme,
        kind=kind,
        doc=doc,
        deadline_from=deadline_from.date() if deadline_from else None,
        deadline_until=deadline_until.date() if deadline_until else None,
    )
    try:
        with embedding_progress("Building the index") as progress:
            searcher = service.load_searcher(ctx.settings, progress=progress)
    except (SearchIndexError, StoreError) as exc:
        fail(str(exc))
        return
    for text in texts:
        hits = searcher.search(text, k=k, filters=filters)
        if as_json:
            echo_json({"query": text, "hits": [hit_json(h) for h in hits]})
        else:
            _print_hits(text, hits)


def hit_json(hit: Hit) -> dict[str, Any]:
    """The JSON shape of one hit, as documented in the README."""
    c, d = hit.clause, hit.document
    return {
        "clause_id": c.id,
        "doc": c.doc,
        "title": d.title if d else None,
        "page": c.page,
        "section": " > ".join(c.section) or None,
        "text": c.text,
        "actors": list(c.actors),
        "deadline": c.deadline.isoformat() if c.deadline else None,
        "deadline_text": c.deadline_text,
        "theme": c.theme,
        "kind": c.kind,
        "score": round(hit.score, 6),
    }


def _print_hits(query: str, hits: list[Hit]) -> None:
    click.secho(f"{query}", bold=True)
    if not hits:
        click.echo("  (no results)")
    for rank, hit in enumerate(hits, 1):
        c, d = hit.clause, hit.document
        where = d.title if d else c.doc
        if c.page:
            where += f", p. {c.page}"
        if c.section:
            where += f" — {' > '.join(c.section)}"
        click.secho(f"{rank:>2}. {where}", fg="cyan")
        click.echo(f"    {c.text}")
        tags = []
        if c.actors:
            tags.append("wie: " + c.who())
        if c.deadline or c.deadline_text:
            tags.append(f"wanneer: {c.deadline_text or ''} ({c.deadline or '?'})")
        tags.append(f"{c.kind}" + (f", {c.theme}" if c.theme else ""))
        click.secho("    " + " | ".join(tags), dim=True)
