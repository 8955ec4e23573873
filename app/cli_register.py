"""CLI commands: the deadline register (`deadlines`) and the toezegging tracker (`toezeggingen`)."""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from app.cli_common import Context, date_option, filter_options, one_line_errors, pass_ctx
from corpus.filter import ClauseFilter
from corpus.register import (
    STATUSES,
    CommitmentRow,
    RegisterRow,
    ToezeggingRow,
    deadline_rows,
    toezegging_rows,
    write_csv,
)
from corpus.store import Store

T = TypeVar("T")


def _register_options(f: click.decorators.FC) -> click.decorators.FC:
    """--status, --as-of, --csv and --excel, which both register commands take."""
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
    f = date_option("--as-of", help="Reference date for 'overdue' [default: today].")(f)
    f = click.option("--status", type=click.Choice(STATUSES), help="Only rows with this status.")(f)
    return f


def _query(ctx: Context, read: Callable[[Store], list[T]]) -> list[T]:
    """Rows read from the store (the bundled corpus is ingested into a fresh home first);
    a store or filter error ends the command with one line."""
    from app import service

    with one_line_errors():
        service.ensure_default_corpus(ctx.settings)
        with service.open_store(ctx.settings) as store:
            return read(store)


def _register_command(
    name: str,
    read: Callable[..., Sequence[CommitmentRow]],
    show: Callable[[Any], None],
    help_text: str,
) -> click.Command:
    """A register command: rows under the filter options, as a table (`show`) or as CSV."""

    @click.command(name=name, help=help_text)
    @filter_options
    @_register_options
    @pass_ctx
    def command(
        ctx: Context,
        where: ClauseFilter,
        status: str | None,
        as_of: dt.date | None,
        csv_path: str | None,
        excel: bool,
    ) -> None:
        rows = _query(ctx, lambda store: list(read(store, where, status=status, as_of=as_of)))
        if csv_path is not None or excel:
            _write(rows, csv_path or "-", excel)
        else:
            show(rows)

    return command


def _print_deadlines(rows: Sequence[RegisterRow]) -> None:
    from app.cli_tables import print_deadlines  # loads rich: only when a table is printed

    print_deadlines(rows)


def _print_toezeggingen(rows: Sequence[ToezeggingRow]) -> None:
    from app.cli_tables import print_toezeggingen

    print_toezeggingen(rows)


deadlines = _register_command(
    "deadlines",
    deadline_rows,
    _print_deadlines,
    "List every dated commitment, sorted by deadline, with its status.",
)
toezeggingen = _register_command(
    "toezeggingen",
    toezegging_rows,
    _print_toezeggingen,
    "List promises to parliament with minister, due date, status and what fulfilled them.",
)


def _write(rows: Sequence[CommitmentRow], path: str, excel: bool) -> None:
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
        raise click.ClickException(f"{path}: {exc.strerror or exc}") from exc
