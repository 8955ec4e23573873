"""CLI commands: the watch list (`watch add|list|remove|report`) over the promise register."""

from __future__ import annotations

import datetime as dt

import click

from app.cli_common import Context, date_option, echo_json, one_line_errors, pass_ctx
from app.config import Settings
from corpus.watch import WATCH_FILE, WatchError, WatchList, report_lines


def watch_list(settings: Settings) -> WatchList:
    """The watch list of a home folder."""
    return WatchList(settings.home / WATCH_FILE)


@click.group("watch")
def watch_command() -> None:
    """Follow commitments: be told when they are settled, moved or due soon."""


@watch_command.command("add")
@click.argument("query")
@click.option("--actor", help="Only commitments of this actor (whole words, any case).")
@pass_ctx
def add(ctx: Context, query: str, actor: str | None) -> None:
    """Follow a clause id (003_bc5badbf8b9b28ce:00246), a registry id or words."""
    with one_line_errors(WatchError):
        watch = watch_list(ctx.settings).add(query, actor)
    click.echo(f"[{watch.id}] {watch.query}" + (f" (actor {watch.actor})" if watch.actor else ""))


@watch_command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def list_command(ctx: Context, as_json: bool) -> None:
    """List the watches."""
    with one_line_errors(WatchError):
        watches = watch_list(ctx.settings).watches()
    if as_json:
        echo_json([{"id": w.id, "query": w.query, "actor": w.actor} for w in watches])
        return
    if not watches:
        click.echo("(geen volglijst)")
    for w in watches:
        click.echo(f"[{w.id}] {w.query}" + (f" (actor {w.actor})" if w.actor else ""))


@watch_command.command("remove")
@click.argument("watch_id", type=int)
@pass_ctx
def remove(ctx: Context, watch_id: int) -> None:
    """Stop following watch number WATCH_ID."""
    with one_line_errors(WatchError):
        watch = watch_list(ctx.settings).remove(watch_id)
    click.echo(f"removed [{watch.id}] {watch.query}")


@watch_command.command("report")
@date_option("--since", help="New means from a letter dated on or after DATE.")
@date_option("--as-of", help="Reference date for status and 'due soon' [default: today].")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_ctx
def report(ctx: Context, since: dt.date | None, as_of: dt.date | None, as_json: bool) -> None:
    """New matching commitments, status and deadline changes since the last report, and
    deadlines in the next 8 weeks."""
    from app import service

    with one_line_errors(WatchError):
        service.ensure_default_corpus(ctx.settings)
        with service.open_store(ctx.settings) as store:
            reports = watch_list(ctx.settings).report(store, since=since, as_of=as_of)
    if as_json:
        echo_json([r.as_json() for r in reports])
        return
    for line in report_lines(reports) or ["(geen volglijst)"]:
        click.echo(line)


def report_after_ingest(settings: Settings) -> None:
    """Print the watch report after an ingest, when the home has watches (to stderr)."""
    with one_line_errors(WatchError):
        watches = watch_list(settings)
        if not watches.watches():
            return
        from app import service

        with service.open_store(settings) as store:
            lines = report_lines(watches.report(store))
    click.echo("Volglijst:", err=True)
    for line in lines:
        click.echo(line, err=True)
