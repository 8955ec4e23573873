"""The deadline register and toezegging list: rows, status and CSV over a Store."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, TextIO, get_args

from corpus.filter import ClauseFilter, FilterError
from corpus.model import REGISTER_IDS, Clause, Document, Link
from corpus.store import Store

Status = Literal["open", "overdue", "done"]
STATUSES: tuple[str, ...] = get_args(Status)
# No filter: every row.
EVERYTHING = ClauseFilter()

COLUMNS: tuple[str, ...] = (
    "doc",
    "title",
    "letter_date",
    "page",
    "section",
    "actors",
    "text",
    "deadline_text",
    "deadline",
    "theme",
    "kind",
    "status",
    "clause_id",
)

TOEZEGGING_COLUMNS: tuple[str, ...] = (
    "doc",
    "title",
    "letter_date",
    "page",
    "section",
    "minister",
    "actors",
    "text",
    "deadline_text",
    "deadline",
    "status",
    "register_id",
    "clause_id",
    "fulfilled_by",
    "fulfilled_in",
    "fulfilled_title",
    "link_method",
    "link_score",
)


class RegisterError(FilterError):
    """A register option that cannot be applied (an unknown status, say)."""


def status_of(deadline: dt.date | None, fulfilled: bool, as_of: dt.date | None = None) -> Status:
    """The one status rule for a commitment, wherever it is shown.

    done when a fulfilment is known; overdue when the deadline lies before `as_of` (today by
    default); otherwise open, also for a commitment without a date.
    """
    if fulfilled:
        return "done"
    if deadline is not None and deadline < (as_of or dt.date.today()):
        return "overdue"
    return "open"


def fulfilled_ids(store: Store) -> frozenset[str]:
    """Ids of the clauses that a fulfils-link marks as fulfilled (the `fulfilled` of status_of)."""
    return frozenset(lk.target for lk in store.links("fulfils"))


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitmentRow:
    """What every register row says of its commitment: where it stands and when it is due."""

    columns: ClassVar[tuple[str, ...]] = ()

    doc: str
    title: str
    letter_date: dt.date | None
    page: int | None
    section: str
    actors: tuple[str, ...]
    text: str
    deadline_text: str | None
    deadline: dt.date | None
    status: Status
    clause_id: str
    fulfilled_by: str | None = None  # clause id of the fulfilling clause
    fulfilled_in: str | None = None  # document id of the fulfilling clause

    def record(self) -> dict[str, str]:
        """The row as CSV cells, keyed by column."""
        return {name: _cell(getattr(self, name)) for name in self.columns}


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterRow(CommitmentRow):
    """One dated commitment in the deadline register."""

    columns: ClassVar[tuple[str, ...]] = COLUMNS

    theme: str | None
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ToezeggingRow(CommitmentRow):
    """One promise to parliament, with who made it, when it is due and what fulfilled it."""

    columns: ClassVar[tuple[str, ...]] = TOEZEGGING_COLUMNS

    minister: str
    register_id: str | None
    fulfilled_title: str | None = None
    fulfilled_text: str | None = None
    link_method: str | None = None
    link_score: float | None = None


def deadline_rows(
    store: Store,
    where: ClauseFilter = EVERYTHING,
    *,
    status: str | None = None,
    as_of: dt.date | None = None,
) -> list[RegisterRow]:
    """Every clause with a deadline that passes the filter and has the status asked for,
    sorted by deadline, doc, ordinal."""
    _check_status(status)
    documents = {d.id: d for d in store.documents()}
    where.check(documents)
    fulfilment = _fulfilment(store.links("fulfils"), documents)
    rows: list[tuple[tuple[dt.date, str, int], RegisterRow]] = []
    for c in store.clauses():
        if c.deadline is None or c.block == "heading" or c.kind == "heading":
            continue
        if not where.accepts(c):
            continue
        row = _register_row(c, documents.get(c.doc), fulfilment.get(c.id), as_of)
        if status is not None and row.status != status:
            continue
        rows.append(((c.deadline, c.doc, c.ordinal), row))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def toezegging_rows(
    store: Store,
    where: ClauseFilter = EVERYTHING,
    *,
    status: str | None = None,
    as_of: dt.date | None = None,
) -> list[ToezeggingRow]:
    """Every toezegging that passes the filter: clauses tagged as one, and every clause a later
    clause fulfils.

    Sorted by due date (undated last), then document and position.
    """
    _check_status(status)
    documents = {d.id: d for d in store.documents()}
    where.check(documents)
    links = store.links("fulfils")
    fulfilment = _fulfilment(links, documents)
    targets = {lk.target for lk in links}
    # A clause that reports another clause's promise fulfilled is no pending promise itself.
    fulfillers = {lk.source for lk in links if lk.source != lk.target} - targets
    rows: list[tuple[tuple[int, dt.date, str, int], ToezeggingRow]] = []
    for d in documents.values():
        clauses = store.clauses(d.id)
        for c in clauses:
            if c.id in fulfillers or (c.kind != "toezegging" and c.id not in targets):
                continue
            if not where.accepts(c):
                continue
            link, link_doc = fulfilment.get(c.id, (None, None))
            row_status = status_of(c.deadline, link is not None, as_of)
            if status is not None and row_status != status:
                continue
            source = store.clause(link.source) if link else None
            source_doc = documents.get(link_doc) if link_doc else None
            ids = stored_register_ids(c)
            row = ToezeggingRow(
                doc=c.doc,
                title=d.title,
                letter_date=d.date,
                page=c.page,
                section=" > ".join(c.section),
                minister=minister_of(c, d),
                actors=c.actors,
                text=c.text,
                deadline_text=c.deadline_text,
                deadline=c.deadline,
                status=row_status,
                register_id="; ".join(ids) or None,
                clause_id=c.id,
                fulfilled_by=source.id if source else None,
                fulfilled_in=source.doc if source else None,
                fulfilled_title=source_doc.title if source_doc else None,
                fulfilled_text=source.text if source else None,
                link_method=link.method if link else None,
                link_score=link.score if link else None,
            )
            key = (c.deadline is None, c.deadline or dt.date.max, c.doc, c.ordinal)
            rows.append(((int(key[0]), key[1], key[2], key[3]), row))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def write_csv(rows: Iterable[CommitmentRow], out: TextIO, *, excel: bool = False) -> int:
    """Write rows as CSV (RFC 4180: CRLF, quotes where needed); returns the number of rows.

    `excel` writes what Dutch Excel opens correctly: a UTF-8 byte order mark and ';' between
    cells (Dutch Excel takes ',' as the decimal sign). The header follows the first row's
    type, or the deadline register's columns when there are no rows.
    """
    rows = list(rows)
    columns = rows[0].columns if rows else COLUMNS
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        record = row.record()
        writer.writerow([record[name] for name in columns])
    return len(rows)


def minister_of(clause: Clause, document: Document | None) -> str:
    """Who made a promise: a minister or the cabinet named among its actors, else the senders."""
    for a in clause.actors:
        low = a.casefold()
        if "minister" in low or "staatssecretaris" in low or "kabinet" in low:
            return a
    if document and document.senders:
        return "; ".join(document.senders)
    return "; ".join(clause.actors)


def _register_row(
    c: Clause,
    d: Document | None,
    fulfilled: tuple[Link, str] | None,
    as_of: dt.date | None,
) -> RegisterRow:
    link, link_doc = fulfilled if fulfilled else (None, None)
    return RegisterRow(
        doc=c.doc,
        title=d.title if d else c.doc,
        letter_date=d.date if d else None,
        page=c.page,
        section=" > ".join(c.section),
        actors=c.actors,
        text=c.text,
        deadline_text=c.deadline_text,
        deadline=c.deadline,
        theme=c.theme,
        kind=c.kind,
        status=status_of(c.deadline, link is not None, as_of),
        clause_id=c.id,
        fulfilled_by=link.source if link else None,
        fulfilled_in=link_doc,
    )


def _fulfilment(
    links: Sequence[Link], documents: dict[str, Document]
) -> dict[str, tuple[Link, str]]:
    """Per promise, the link that fulfils it and the fulfilling document's id.

    When several clauses fulfil one promise, the earliest-dated document wins.
    """
    # Clause ids are "<document stem>:<ordinal>".
    stems = {d.id.rsplit(".", 1)[0]: d.id for d in documents.values()}
    best: dict[str, tuple[tuple[dt.date, str], Link, str]] = {}
    for lk in links:
        stem = lk.source.rsplit(":", 1)[0]
        doc_id = stems.get(stem, stem)
        d = documents.get(doc_id)
        key = (d.date if d and d.date else dt.date.max, lk.source)
        if lk.target not in best or key < best[lk.target][0]:
            best[lk.target] = (key, lk, doc_id)
    return {target: (lk, doc_id) for target, (_, lk, doc_id) in best.items()}


def _check_status(status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise RegisterError(f"unknown status {status!r}; choose from {', '.join(STATUSES)}")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def stored_register_ids(clause: Clause) -> tuple[str, ...]:
    """The registry ids that tagging attributed to a clause (stored under "register_ids")."""
    value = clause.get(REGISTER_IDS) or ""
    return tuple(i for i in (v.strip() for v in value.split(";")) if i)
