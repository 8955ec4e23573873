"""Rich tables of the deadline register and the toezeggingen on a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from corpus.register import CommitmentRow, RegisterRow, ToezeggingRow

_STATUS_STYLE = {
    "termijn verstreken": "bold red",
    "openstaand": "yellow",
    "voldaan": "green",
    "deels voldaan": "cyan",
    "vervallen": "dim",
}


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
    table.add_column("termijn", min_width=10, max_width=18, overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column(who, max_width=18, overflow="fold")
    table.add_column(what, ratio=1, overflow="fold")
    for row in cells:
        table.add_row(*row)
    console.print(table)


def _status(status: str) -> str:
    return f"[{_STATUS_STYLE.get(status, '')}]{status}[/]"


def _when(r: CommitmentRow) -> str:
    """The deadline cell: the date or "open termijn", and the earlier date a letter moved."""
    if r.earlier_deadline is None:
        return escape(r.when())
    return escape(r.when()) + f"\n[dim]eerder {r.earlier_deadline}[/]"


def _moved(r: CommitmentRow) -> str | None:
    """Which letter moved the deadline: "termijn verzet in 005"."""
    return f"termijn verzet in {r.moved_in.split('_', 1)[0]}" if r.moved_in else None


def _settled(r: CommitmentRow) -> str | None:
    """Where a settled commitment was settled: "voldaan in 004 p. 3"."""
    if not r.fulfilled_in:
        return None
    page = f" p. {r.fulfilled_page}" if r.fulfilled_page else ""
    return f"{r.status} in {r.fulfilled_in.split('_', 1)[0]}{page}"


def print_deadlines(rows: Sequence[RegisterRow]) -> None:
    """The deadline register as a table."""
    cells = [
        (
            _when(r),
            _status(r.status),
            escape(", ".join(r.actors)),
            _short(r.text) + _where(r.doc, r.page, r.deadline_text, r.kind, _moved(r), _settled(r)),
        )
        for r in rows
    ]
    _print_table(f"{len(rows)} commitments", "(no commitments match)", "who", "text", cells)


def print_toezeggingen(rows: Sequence[ToezeggingRow]) -> None:
    """The toezeggingen as a table, with what fulfilled each."""
    cells = []
    for r in rows:
        link = _settled(r)
        if link:
            link += f" ({r.link_method})"
        cells.append(
            (
                _when(r),
                _status(r.status),
                escape(r.minister),
                _short(r.text)
                + _where(r.doc, r.page, r.register_id, r.deadline_text, _moved(r), link),
            )
        )
    _print_table(
        f"{len(rows)} toezeggingen", "(no toezeggingen match)", "minister", "toezegging", cells
    )
