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
    STATUS_ALIASES,
    STATUSES,
    CommitmentRow,
    RegisterRow,
    ToezeggingRow,
    deadline_rows,
    toezegging_rows,
    write_csv,
    write_ics,
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
    f = date_option("--as-of", help="Reference date for 'termijn verstreken' [default: today].")(f)
    f = click.option(
        "--status",
        type=click.Choice([*STATUSES, *STATUS_ALIASES]),
        help="Only rows with this status (the English aliases open, overdue, done, partial "
        "and lapsed also work).",
    )(f)
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
    *extra: click.Option,
) -> click.Command:
    """A register command: rows under the filter options, as a table (`show`), as CSV or as
    an iCalendar file; `extra` options pass on to `read` by name."""

    @click.command(name=name, help=help_text)
    @filter_options
    @_register_options
    @click.option(
        "--ics",
        "ics_path",
        metavar="FILE|-",
        help="Write an iCalendar file: one all-day event per dated commitment.",
    )
    @pass_ctx
    def command(
        ctx: Context,
        where: ClauseFilter,
        status: str | None,
        as_of: dt.date | None,
        csv_path: str | None,
        excel: bool,
        ics_path: str | None,
        **options: Any,
    ) -> None:
        rows = _query(
            ctx, lambda store: list(read(store, where, status=status, as_of=as_of, **options))
        )
        if ics_path is not None:
            _write_ics(rows, ics_path)
        if csv_path is not None or excel:
            _write(rows, csv_path or "-", excel)
        elif ics_path is None:
            show(rows)

    command.params.extend(extra)
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
    "List every commitment with a deadline or an open date (an action table's '?'), sorted by "
    "deadline, with its status; a deadline a later letter moved shows its earlier date too.",
    click.Option(["--dated"], is_flag=True, help="Only commitments with a date."),
)
toezeggingen = _register_command(
    "toezeggingen",
    toezegging_rows,
    _print_toezeggingen,
    "List promises to parliament with minister, due date, status and what fulfilled them; "
    "one row per registry id.",
    click.Option(["--minister"], help="Only promises of this minister (whole words, any case)."),
)


def _write_ics(rows: Sequence[CommitmentRow], path: str) -> None:
    data = write_ics(rows)
    if path == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)  # a reader never sees half a calendar
    except OSError as exc:
        raise click.ClickException(f"{path}: {exc.strerror or exc}") from exc


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
