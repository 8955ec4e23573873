"""CLI command: search, for one query or a file of queries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from app.cli_common import (
    Context,
    echo_json,
    embedding_progress,
    filter_options,
    one_line_errors,
    pass_ctx,
)
from corpus.filter import ClauseFilter
from corpus.model import Hit

# What the app shows for a query nothing answers (app/ui/search.py), in the CLI's words.
NO_GOOD_MATCH = (
    "Geen goede treffer: geen tekst in de documenten deelt een woord met deze vraag of komt er "
    "inhoudelijk dichtbij. Probeer andere woorden."
)


@click.command()
@click.argument("query", required=False)
@click.option(
    "--queries",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file with one query per line; prints one JSON object per query.",
)
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query.")
@filter_options
@pass_ctx
def search(
    ctx: Context,
    query: str | None,
    queries: Path | None,
    k: int,
    as_json: bool,
    where: ClauseFilter,
) -> None:
    """Search the clauses for QUERY (or every line of --queries)."""
    from app import service

    if (query is None) == (queries is None):
        raise click.UsageError("give either QUERY or --queries FILE")
    if queries is not None:
        try:
            lines = [q.strip() for q in queries.read_text(encoding="utf-8").splitlines()]
        except UnicodeDecodeError as exc:
            raise click.ClickException(f"{queries}: not UTF-8 text") from exc
        texts = [q for q in lines if q]
        as_json = True
    else:
        texts = [query or ""]
    with one_line_errors():
        with embedding_progress("Building the index") as progress:
            searcher = service.load_searcher(ctx.settings, progress=progress)
        for text in texts:
            hits = searcher.search(text, k=k, filters=where)
            if as_json:
                echo_json({"query": text, "hits": [hit_json(h) for h in hits]})
            elif searcher.no_good_match(text):
                # As in the app: no cards for a query nothing answers, only the notice.
                click.secho(text, bold=True)
                click.echo(f"  {NO_GOOD_MATCH}")
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
