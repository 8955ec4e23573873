"""CLI commands: the deadline register (`deadlines`) and the toezegging tracker (`toezeggingen`)."""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from app import service
from app.cli import Context, cli, fail, pass_ctx
from corpus.register import (
    STATUSES,
    RegisterError,
    RegisterRow,
    ToezeggingRow,
    deadline_rows,
    toezegging_rows,
    write_csv,
)
from corpus.store import Store, StoreError

T = TypeVar("T")

_DATE = click.DateTime(["%Y-%m-%d"])
_STATUS_STYLE = {"overdue": "bold red", "open": "yellow", "done": "green"}


def _csv_options(f: click.decorators.FC) -> click.decorators.FC:
    f = click.option(
        "--excel",
        is_flag=True,
        help="CSV for Dutch Excel: ';' between cells and a UTF-8 byte order mark.",
    )(f)
    f = click.option(
        "--csv",
        "csv_path",
        metavar="FILE|-",
        help="Write CSV (RFC 4180, UTF-8) to FILE, or to standard output with '-'.",
    )(f)
    return f


def _query(ctx: Context, read: Callable[[Store], list[T]]) -> list[T]:
    """Rows read from the store (the bundled corpus is ingested into a fresh home first);
    a store or register error ends the command with one line."""
    try:
        service.ensure_default_corpus(ctx.settings)
        with service.open_store(ctx.settings) as store:
            return read(store)
    except (StoreError, RegisterError) as exc:
        fail(str(exc))
        raise  # not reached: fail() exits


@cli.command()
@click.option("--doc", help="Only this document (file name, stem or prefix such as 003).")
@click.option("--actor", help="Only rows naming this actor (case-insensitive, part of a name).")
@click.option("--theme", help="Only rows of this theme.")
@click.option("--kind", help="Only rows of this kind (afspraak, toezegging, voornemen, feit).")
@click.option("--from", "date_from", type=_DATE, help="Deadline on or after DATE (YYYY-MM-DD).")
@click.option("--until", "date_until", type=_DATE, help="Deadline on or before DATE.")
@click.option("--status", type=click.Choice(STATUSES), help="Only rows with this status.")
@click.option("--as-of", type=_DATE, help="Reference date for 'overdue' [default: today].")
@_csv_options
@pass_ctx
def deadlines(
    ctx: Context,
    doc: str | None,
    actor: str | None,
    theme: str | None,
    kind: str | None,
    date_from: dt.datetime | None,
    date_until: dt.datetime | None,
    status: str | None,
    as_of: dt.datetime | None,
    csv_path: str | None,
    excel: bool,
) -> None:
    """List every dated commitment, sorted by deadline, with its status."""
    rows = _query(
        ctx,
        lambda store: deadline_rows(
            store,
            doc=doc,
            actor=actor,
            theme=theme,
            kind=kind,
            date_from=date_from.date() if date_from else None,
            date_until=date_until.date() if date_until else None,
            status=status,
            as_of=as_of.date() if as_of else None,
        ),
    )
    if csv_path is not None or excel:
        _write(rows, csv_path or "-", excel)
    else:
        _print_deadlines(rows)


@cli.command()
@click.option("--status", type=click.Choice(STATUSES), help="Only toezeggingen with this status.")
@click.option("--as-of", type=_DATE, help="Reference date for 'overdue' [default: today].")
@_csv_options
@pass_ctx
def toezeggingen(
    ctx: Context,
    status: str | None,
    as_of: dt.datetime | None,
    csv_path: str | None,
    excel: bool,
) -> None:
    """List promises to parliament with minister, due date, status and what fulfilled them."""
    rows = _query(
        ctx,
        lambda store: toezegging_rows(store, status=status, as_of=as_of.date() if as_of else None),
    )
    if csv_path is not None or excel:
        _write(rows, csv_path or "-", excel)
    else:
        _print_toezeggingen(rows)


def _write(rows: Sequence[RegisterRow | ToezeggingRow], path: str, excel: bool) -> None:
    if path == "-":
        # The CSV is UTF-8 whatever the terminal's locale says.
        sys.stdout.flush()
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        try:
            write_csv(rows, out, excel=excel)
            out.flush()
        finally:
            out.detach()  # leave standard output open
        return
    try:
        # newline="" leaves the CRLF line ends of RFC 4180 as the csv module wrote them.
        with Path(path).open("w", encoding="utf-8", newline="") as out:
            write_csv(rows, out, excel=excel)
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")


def _short(text: str, limit: int = 160) -> str:
    """Shortened and escaped: clause texts hold brackets ("[footnoteRef:3]") rich would parse."""
    return escape(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _where(doc: str, page: int | None, *extra: str | None) -> str:
    """The dim trailer under a text: document number, page and whatever else is known."""
    parts = [doc.split("_", 1)[0] + (f" p. {page}" if page else ""), *[e for e in extra if e]]
    return "\n[dim]" + escape(" · ".join(parts)) + "[/]"


def _print_table(
    title: str, empty: str, who: str, what: str, cells: list[tuple[str, str, str, str]]
) -> None:
    """A rich table of (date, status, who, text) rows; `empty` when there are none."""
    console = Console()
    if not cells:
        console.print(empty)
        return
    table = Table(title=title, expand=True)
    table.add_column("deadline" if what == "text" else "due", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column(who, max_width=18, overflow="fold")
    table.add_column(what, ratio=1, overflow="fold")
    for row in cells:
        table.add_row(*row)
    console.print(table)


def _status(status: str) -> str:
    return f"[{_STATUS_STYLE.get(status, '')}]{status}[/]"


def _print_deadlines(rows: Sequence[RegisterRow]) -> None:
    cells = [
        (
            r.deadline.isoformat() if r.deadline else "",
            _status(r.status),
            escape(", ".join(r.actors)),
            _short(r.text) + _where(r.doc, r.page, r.deadline_text, r.kind),
        )
        for r in rows
    ]
    _print_table(
        f"{len(rows)} dated commitments", "(no dated commitments match)", "who", "text", cells
    )


def _print_toezeggingen(rows: Sequence[ToezeggingRow]) -> None:
    cells = []
    for r in rows:
        link = None
        if r.fulfilled_in:
            link = f"fulfilled in {r.fulfilled_in.split('_', 1)[0]} ({r.link_method})"
        cells.append(
            (
                r.deadline.isoformat() if r.deadline else "",
                _status(r.status),
                escape(r.minister),
                _short(r.text) + _where(r.doc, r.page, r.register_id, r.deadline_text, link),
            )
        )
    _print_table(
        f"{len(rows)} toezeggingen", "(no toezeggingen match)", "minister", "toezegging", cells
    )
