"""The deadline register and toezegging list: rows, status, deadline moves and CSV over a Store."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TextIO, get_args

import icalendar

from corpus.filter import ClauseFilter, FilterError, actor_matches
from corpus.model import REGISTER_IDS, Clause, Document, Link
from corpus.store import Store

# Parliament's own words for where a commitment stands (the Tweede Kamer's toezeggingen register).
Status = Literal["openstaand", "termijn verstreken", "deels voldaan", "voldaan", "vervallen"]
STATUSES: tuple[str, ...] = get_args(Status)
# How a later letter settles a commitment: fully, in part, or by declaring it lapsed.
Settlement = Literal["voldaan", "deels voldaan", "vervallen"]
# The English words of earlier versions, still taken by --status so that scripts keep working.
STATUS_ALIASES: dict[str, Status] = {
    "open": "openstaand",
    "overdue": "termijn verstreken",
    "done": "voldaan",
    "partial": "deels voldaan",
    "lapsed": "vervallen",
}
# What a register row without a date says instead of an empty cell.
OPEN_DATE = "open termijn"
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
    "earlier_deadline",
    "moved_in",
    "fulfilled_in",
    "fulfilled_page",
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
    "fulfilled_page",
    "earlier_deadline",
    "moved_in",
)

# Column headers of the Excel variant: the words the app shows.
DUTCH_HEADERS: dict[str, str] = {
    "doc": "Document",
    "title": "Titel",
    "letter_date": "Datum brief",
    "page": "Pagina",
    "section": "Sectie",
    "minister": "Minister",
    "actors": "Wie",
    "text": "Wat",
    "deadline_text": "Zoals geschreven",
    "deadline": "Termijn",
    "theme": "Thema",
    "kind": "Soort",
    "status": "Status",
    "register_id": "Registernummer",
    "clause_id": "Clausule",
    "earlier_deadline": "Eerdere termijn",
    "moved_in": "Termijn verzet in",
    "fulfilled_by": "Voldaan door clausule",
    "fulfilled_in": "Voldaan in",
    "fulfilled_title": "Voldaan in (titel)",
    "fulfilled_page": "Voldaan op pagina",
    "link_method": "Koppeling",
    "link_score": "Koppelscore",
}
# A fulfilment that says it settles a promise only in part, or that the promise has lapsed.
PARTIAL = re.compile(
    r"\b(?:deels|gedeeltelijk|ten\s+dele|voor\s+een\s+(?:groot\s+|belangrijk\s+)?deel)\b", re.I
)
LAPSED = re.compile(
    r"\b(?:vervallen|vervalt|niet\s+langer\s+(?:actueel|relevant|nodig|aan\s+de\s+orde)"
    r"|ingehaald\s+door)\b",
    re.I,
)
# Spreadsheets read a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class RegisterError(FilterError):
    """A register option that cannot be applied (an unknown status, say)."""


def status_of(
    deadline: dt.date | None, settled: Settlement | bool | None, as_of: dt.date | None = None
) -> Status:
    """The one status rule for a commitment, wherever it is shown.

    The settlement a later letter reports when there is one (True: "voldaan"); else
    "termijn verstreken" when the deadline (the latest, after any move) lies before `as_of`
    (today by default); else "openstaand", also for a commitment with an open date.
    """
    if settled is True:
        return "voldaan"
    if settled:
        return settled
    if deadline is not None and deadline < (as_of or dt.date.today()):
        return "termijn verstreken"
    return "openstaand"


def settlement_of(text: str) -> Settlement:
    """How a fulfilling clause settles its promise, by its wording: lapsed, in part or fully."""
    if LAPSED.search(text):
        return "vervallen"
    if PARTIAL.search(text):
        return "deels voldaan"
    return "voldaan"


def parse_status(status: str | None) -> Status | None:
    """A status as a user gives it (Dutch, or an English alias); RegisterError when unknown."""
    if status is None:
        return None
    if status in STATUSES:
        return status  # type: ignore[return-value]
    if status in STATUS_ALIASES:
        return STATUS_ALIASES[status]
    raise RegisterError(f"unknown status {status!r}; choose from {', '.join(STATUSES)}")


# The kinds of clause that commit someone: kind decides what enters the register, so a
# footnote, a heading or a statement of fact never does, whatever dates it names.
COMMITMENT_KINDS = frozenset({"afspraak", "toezegging", "voornemen"})


def in_register(clause: Clause) -> bool:
    """True for a commitment the deadline register lists: a clause of a committing kind
    (COMMITMENT_KINDS; never a footnote or heading block) with a date, with a time expression
    that has no date ("?" in an action table), or a row of an action table."""
    if clause.block in ("heading", "footnote") or clause.kind not in COMMITMENT_KINDS:
        return False
    return clause.deadline is not None or bool(clause.deadline_text) or clause.block == "table_row"


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
    fulfilled_page: int | None = None  # page of the fulfilling clause
    earlier_deadline: dt.date | None = None  # the deadline before a later letter moved it
    moved_in: str | None = None  # document id of the letter that moved the deadline

    def record(self, excel: bool = False) -> dict[str, str]:
        """The row as CSV cells, keyed by column (`excel`: decimal comma, "open termijn")."""
        cells = {name: _cell(getattr(self, name), excel) for name in self.columns}
        if excel and "deadline" in cells and self.deadline is None:
            cells["deadline"] = OPEN_DATE
        return cells

    def when(self) -> str:
        """The deadline as a reader sees it: the date, or "open termijn" with the words."""
        if self.deadline is not None:
            return self.deadline.isoformat()
        written = (self.deadline_text or "").strip()
        return f"{OPEN_DATE} ({written})" if written and written != "?" else OPEN_DATE


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


@dataclass(frozen=True, slots=True)
class Settled:
    """What a later letter reports of a commitment: the link, its document and how it settles."""

    link: Link
    doc: str
    clause: Clause | None
    settlement: Settlement


@dataclass(frozen=True, slots=True)
class Move:
    """A later letter's new deadline for a commitment, and the deadline it replaces."""

    deadline: dt.date
    deadline_text: str | None
    earlier: dt.date | None
    doc: str


class _Context:
    """What the register reads once per call: documents, clauses, fulfilments and moves."""

    def __init__(
        self, store: Store, where: ClauseFilter, clauses: Mapping[str, Clause] | None = None
    ) -> None:
        """`clauses`: the clauses to look up by id, when not every stored one is needed."""
        self.documents = {d.id: d for d in store.documents()}
        where.check(self.documents)
        self.store = store
        self.fulfils = store.links("fulfils")
        self.clauses = clauses if clauses is not None else {c.id: c for c in store.clauses()}
        self._stems = {d.id.rsplit(".", 1)[0]: d.id for d in self.documents.values()}
        self.settled = self._settled()
        move_links = store.links("moves")
        # A sentence that moves a commitment's date restates that commitment: one row for both.
        self.movers = {lk.source for lk in move_links}
        self.moves = self._moves(move_links)

    def doc_of(self, clause_id: str) -> str:
        """The document id of a clause id ("<document stem>:<ordinal>")."""
        stem = clause_id.rsplit(":", 1)[0]
        return self._stems.get(stem, stem)

    def _date(self, doc_id: str) -> dt.date:
        d = self.documents.get(doc_id)
        return d.date if d and d.date else dt.date.max

    def _settled(self) -> dict[str, Settled]:
        """Per promise, the earliest-dated fulfilment and how it settles the promise."""
        best: dict[str, tuple[tuple[dt.date, str], Settled]] = {}
        for lk in self.fulfils:
            doc_id = self.doc_of(lk.source)
            key = (self._date(doc_id), lk.source)
            if lk.target not in best or key < best[lk.target][0]:
                source = self.clauses.get(lk.source)
                how = settlement_of(source.text) if source else "voldaan"
                best[lk.target] = (key, Settled(lk, doc_id, source, how))
        return {target: settled for target, (_, settled) in best.items()}

    def _moves(self, links: Sequence[Link]) -> dict[str, Move]:
        """Per commitment, its latest deadline after the moves later letters report.

        A move link's method ends in "@YYYY-MM-DD", the new date the moving sentence names
        (ingest.moves); without it the moving clause's own deadline counts. Moves apply in the
        order of their letters' dates, so "eerdere termijn" is the deadline the last move
        replaced.
        """
        by_target: dict[str, list[tuple[dt.date, str, dt.date, str | None]]] = {}
        for lk in links:
            source = self.clauses.get(lk.source)
            new = _move_date(lk) or (source.deadline if source else None)
            if new is None or source is None:
                continue
            doc_id = self.doc_of(lk.source)
            written = source.deadline_text if source.deadline == new else None
            by_target.setdefault(lk.target, []).append(
                (self._date(doc_id), lk.source, new, written or new.isoformat())
            )
        moves: dict[str, Move] = {}
        for target, found in by_target.items():
            clause = self.clauses.get(target)
            deadline = clause.deadline if clause else None
            move: Move | None = None
            for _, source_id, new, written in sorted(found):
                if new == deadline:
                    continue
                move = Move(new, written, deadline, self.doc_of(source_id))
                deadline = new
            if move is not None:
                moves[target] = move
        return moves

    def moved(self, c: Clause) -> tuple[Clause, Move | None]:
        """The clause with its latest deadline, and the move that set it (None: not moved)."""
        move = self.moves.get(c.id)
        if move is None:
            return c, None
        return dataclasses.replace(
            c, deadline=move.deadline, deadline_text=move.deadline_text
        ), move


def moved_deadlines(store: Store) -> dict[str, Move]:
    """Per clause id, the latest deadline after the moves later letters report (the register's
    own rule, for views that show single clauses, such as a search result). Reads only the
    clauses that move links name, since a search page asks for this on every query."""
    ids = {i for lk in store.links("moves") for i in (lk.source, lk.target)}
    named = {i: c for i in ids if (c := store.clause(i)) is not None}
    return _Context(store, EVERYTHING, named).moves


def deadline_rows(
    store: Store,
    where: ClauseFilter = EVERYTHING,
    *,
    status: str | None = None,
    as_of: dt.date | None = None,
    dated: bool = False,
) -> list[RegisterRow]:
    """Every commitment of the register (see `in_register`) that passes the filter and has the
    status asked for; `dated` keeps only those with a date.

    A deadline a later letter moved counts at its new date (the filter and the status see that
    one) and the row keeps the earlier date. Sorted by deadline (open dates last), doc, ordinal.
    """
    wanted = parse_status(status)
    ctx = _Context(store, where)
    rows: list[tuple[tuple[bool, dt.date, str, int], RegisterRow]] = []
    for original in ctx.clauses.values():
        if not in_register(original) or original.id in ctx.movers:
            continue
        c, move = ctx.moved(original)
        if (dated and c.deadline is None) or not where.accepts(c):
            continue
        row = _register_row(c, ctx, move, as_of)
        if wanted is not None and row.status != wanted:
            continue
        key = (c.deadline is None, c.deadline or dt.date.max, c.doc, c.ordinal)
        rows.append((key, row))
    rows.sort(key=lambda pair: pair[0])
    return [row for _, row in rows]


def toezegging_rows(
    store: Store,
    where: ClauseFilter = EVERYTHING,
    *,
    status: str | None = None,
    as_of: dt.date | None = None,
    minister: str | None = None,
) -> list[ToezeggingRow]:
    """Every toezegging that passes the filter: clauses tagged as one, and every clause a later
    clause fulfils; `minister` keeps those whose minister contains these words.

    One row per registered id: of the clauses carrying the same registry id, the settled one,
    else the first in the earliest letter, stands for it. Sorted by due date (undated last),
    then document and position.
    """
    wanted = parse_status(status)
    ctx = _Context(store, where)
    targets = {lk.target for lk in ctx.fulfils}
    # A clause that reports another clause's promise fulfilled is no pending promise itself.
    fulfillers = {lk.source for lk in ctx.fulfils if lk.source != lk.target} - targets
    candidates: list[ToezeggingRow] = []
    for original in ctx.clauses.values():
        if original.id in fulfillers or original.id in ctx.movers or original.kind == "heading":
            continue
        if original.kind != "toezegging" and original.id not in targets:
            continue
        c, move = ctx.moved(original)
        if not where.accepts(c):
            continue
        d = ctx.documents.get(c.doc)
        row = _toezegging_row(c, d, ctx, move, as_of)
        if minister and not actor_matches((row.minister,), minister):
            continue
        candidates.append(row)
    rows = _one_per_register_id(candidates, ctx)
    if wanted is not None:
        rows = [r for r in rows if r.status == wanted]
    order = {c_id: c.ordinal for c_id, c in ctx.clauses.items()}

    def key(r: ToezeggingRow) -> tuple[bool, dt.date, str, int]:
        return (r.deadline is None, r.deadline or dt.date.max, r.doc, order[r.clause_id])

    return sorted(rows, key=key)


def _one_per_register_id(rows: list[ToezeggingRow], ctx: _Context) -> list[ToezeggingRow]:
    """Drop a row whose registry ids another row already stands for (settled rows first,
    then the earliest letter and position)."""

    def preference(r: ToezeggingRow) -> tuple[bool, dt.date, str, int]:
        return (r.fulfilled_by is None, ctx._date(r.doc), r.doc, ctx.clauses[r.clause_id].ordinal)

    seen: set[str] = set()
    kept: list[ToezeggingRow] = []
    for r in sorted(rows, key=preference):
        ids = {i.strip() for i in (r.register_id or "").split(";") if i.strip()}
        if ids and ids <= seen:
            continue
        seen |= ids
        kept.append(r)
    return kept


def _toezegging_row(
    c: Clause, d: Document | None, ctx: _Context, move: Move | None, as_of: dt.date | None
) -> ToezeggingRow:
    settled = ctx.settled.get(c.id)
    source_doc = ctx.documents.get(settled.doc) if settled else None
    return ToezeggingRow(
        **_commitment_fields(c, ctx, move, as_of),
        minister=minister_of(c, d),
        register_id="; ".join(stored_register_ids(c)) or None,
        fulfilled_title=source_doc.title if source_doc else None,
        fulfilled_text=settled.clause.text if settled and settled.clause else None,
        link_method=settled.link.method if settled else None,
        link_score=settled.link.score if settled else None,
    )


def _commitment_fields(
    c: Clause, ctx: _Context, move: Move | None, as_of: dt.date | None
) -> dict[str, Any]:
    """The fields every register row fills alike (CommitmentRow's)."""
    d = ctx.documents.get(c.doc)
    settled = ctx.settled.get(c.id)
    source = settled.clause if settled else None
    return {
        "doc": c.doc,
        "title": d.title if d else c.doc,
        "letter_date": d.date if d else None,
        "page": c.page,
        "section": " > ".join(c.section),
        "actors": c.actors,
        "text": c.text,
        "deadline_text": c.deadline_text,
        "deadline": c.deadline,
        "status": status_of(c.deadline, settled.settlement if settled else None, as_of),
        "clause_id": c.id,
        "fulfilled_by": settled.link.source if settled else None,
        "fulfilled_in": settled.doc if settled else None,
        "fulfilled_page": source.page if source else None,
        "earlier_deadline": move.earlier if move else None,
        "moved_in": move.doc if move else None,
    }


def write_csv(rows: Iterable[CommitmentRow], out: TextIO, *, excel: bool = False) -> int:
    """Write rows as CSV (RFC 4180: CRLF, quotes where needed); returns the number of rows.

    The plain layout has stable English column names for scripts. `excel` writes what Dutch
    Excel opens correctly: a UTF-8 byte order mark, ';' between cells (Dutch Excel takes ','
    as the decimal sign), Dutch headers, decimal commas and "open termijn" for a row without a
    date. In both, a cell that would start a formula ("=", "+", "-", "@") gets a leading
    apostrophe, so a spreadsheet shows it as text. The header follows the first row's type, or
    the deadline register's columns when there are no rows.
    """
    rows = list(rows)
    columns = rows[0].columns if rows else COLUMNS
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow([DUTCH_HEADERS.get(c, c) for c in columns] if excel else columns)
    for row in rows:
        record = row.record(excel)
        writer.writerow([_defused(record[name]) for name in columns])
    return len(rows)


def write_ics(rows: Iterable[CommitmentRow]) -> bytes:
    """An iCalendar file (RFC 5545) with one all-day event per dated commitment.

    Summary "actor: commitment"; the description names the source document and page, the
    deadline as written and any earlier deadline. The UID is the clause id, so a calendar that
    imports the file again updates its events instead of doubling them; a moved deadline gets
    SEQUENCE 1. DTSTAMP is the letter's date, so the same register gives the same file.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//akkoord//deadline register//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "akkoord termijnen")
    for r in rows:
        if r.deadline is None:
            continue
        event = icalendar.Event()
        event.add("uid", f"{r.clause_id}@akkoord")
        stamp = r.letter_date or r.deadline
        event.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC))
        event.add("dtstart", r.deadline)
        event.add("dtend", r.deadline + dt.timedelta(days=1))
        who = ", ".join(r.actors) or "onbekende actor"
        text = " ".join(r.text.split())
        event.add("summary", f"{who}: {text if len(text) <= 150 else text[:149] + '…'}")
        where = f"Bron: {r.title} ({r.doc})" + (f", p. {r.page}" if r.page else "")
        lines = [text, "", where, f"Status: {r.status}"]
        if r.deadline_text:
            lines.append(f"Zoals geschreven: {r.deadline_text}")
        if r.earlier_deadline:
            lines.append(
                f"Eerdere termijn: {r.earlier_deadline.isoformat()} (verzet in {r.moved_in})"
            )
            event.add("sequence", 1)
        event.add("description", "\n".join(lines))
        event.add("categories", [r.status])
        cal.add_component(event)
    return cal.to_ical()


def minister_of(clause: Clause, document: Document | None) -> str:
    """Who made a promise: the ministers (or the cabinet) among its actors, every one of them
    (a letter signed by two ministers promises in both their names), else the senders."""
    government = [
        a
        for a in clause.actors
        if any(word in a.casefold() for word in ("minister", "staatssecretaris", "kabinet"))
    ]
    if government:
        return "; ".join(government)
    if document and document.senders:
        return "; ".join(document.senders)
    return "; ".join(clause.actors)


def _register_row(
    c: Clause, ctx: _Context, move: Move | None, as_of: dt.date | None
) -> RegisterRow:
    return RegisterRow(**_commitment_fields(c, ctx, move, as_of), theme=c.theme, kind=c.kind)


def _move_date(link: Link) -> dt.date | None:
    _, _, date = link.method.rpartition("@")
    try:
        return dt.date.fromisoformat(date) if date else None
    except ValueError:
        return None


def _cell(value: object, excel: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:.3f}"
        return text.replace(".", ",") if excel else text
    return str(value)


def _defused(cell: str) -> str:
    """The cell as text a spreadsheet will not run: "'" before a formula's first character."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def stored_register_ids(clause: Clause) -> tuple[str, ...]:
    """The registry ids that tagging attributed to a clause (stored under "register_ids")."""
    value = clause.get(REGISTER_IDS) or ""
    return tuple(i for i in (v.strip() for v in value.split(";")) if i)
