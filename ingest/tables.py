"""Annex tables with a subject, a date and a responsible column, from text or from PDF cells."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.clean import Line

# Column titles that name the date and the responsible column (Dutch data).
DATE_TITLES = frozenset(
    {"gereed", "deadline", "wanneer", "datum", "planning", "termijn", "gereedt"}
)
WHO_TITLES = frozenset({"verantwoordelijke", "verantwoordelijk", "wie", "trekker", "eigenaar"})

# A date cell as people type it: "1-10-2022", "1-1-2-24" (a typo), "1-1-2024/5", "1-7-2023(?)", "?".
_DATE = r"(?:\d{1,2}-\d{1,2}-[\d-]{2,6}(?:/\d{1,4})?(?:\s?\(\?\))?|\?|Q[1-4] \d{4})"
_ROW_END = re.compile(rf"^(?P<subject>.*?)\s*(?<!\S)(?P<date>{_DATE})\s+(?P<who>\S.*?)\s*$")
_DATE_ONLY = re.compile(rf"^\s*(?P<date>{_DATE})\s+(?P<who>\S.*?)\s*$")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of an annex table: subject, date and responsible cells as written."""

    subject: str
    date: str | None
    responsible: str | None
    group: tuple[str, ...] = ()  # the group heading rows above it, outermost first
    page: int | None = None


def is_header(cells: Sequence[str]) -> tuple[int, int] | None:
    """The (date, responsible) column positions when the cells are such a table's header."""
    words = [c.strip().lower() for c in cells]
    date = next((i for i, w in enumerate(words) if w in DATE_TITLES), None)
    who = next((i for i, w in enumerate(words) if w in WHO_TITLES), None)
    if date is None or who is None or date == who:
        return None
    return date, who


def _header_line(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 5 and is_header(words) is not None


def _clean(parts: Sequence[str]) -> str:
    text = ""
    for part in parts:
        s = " ".join(part.split())
        if not s:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and s[:1].islower():
            # "IZA-\npartijen" keeps its hyphen, "verantwoordelijkheids-\nverdeling" loses it
            text = text + s if text[-2].isupper() else text[:-1] + s
        else:
            text = f"{text} {s}" if text else s
    return text


def _prose(text: str) -> bool:
    # A line of running text: table cells wrap long before a prose line does.
    s = text.strip()
    return len(s) > 95 or (len(s) > 70 and s.endswith(".") and not _ROW_END.match(s))


def split_text_tables(lines: Sequence[Line]) -> list[Line | TableRow]:
    """Lines with each detected text table replaced by its rows, in reading order.

    A table starts at a header line naming a date and a responsible column and runs while its
    lines look like cells; subject cells may wrap over lines, the date and responsible cells
    close a row, and a block of cell text without them is a group heading.
    """
    out: list[Line | TableRow] = []
    i = 0
    while i < len(lines):
        if columns := _delimited_header(lines[i].text):
            rows, end = _parse_delimited(lines, i + 1, *columns)
            if rows:
                out.extend(rows)
                i = end
                continue
        if aligned := _aligned_header(lines[i].text):
            rows, end = _parse_aligned(lines, i + 1, *aligned)
            if rows:
                out.extend(rows)
                i = end
                continue
        if _header_line(lines[i].text):
            rows, end = _parse_table(lines, i + 1)
            if rows:
                out.extend(rows)
                i = end
                continue
            # nothing read as a row: the lines stay text rather than vanish
        out.append(lines[i])
        i += 1
    return out


# Cells set apart by a sign rather than by spacing: "actie | wie | wanneer", tab-separated
# exports, "Actie; Wie; Wanneer".
DELIMITERS = ("|", "\t", ";")


def _delimited_header(text: str) -> tuple[str, int | None, int | None] | None:
    """(delimiter, date column, responsible column) when `text` is a delimited table header;
    a tab-separated header of three cells or more without such columns (a budget table:
    "Partij / 2027 / 2028 / Totaal") gives None for both."""
    for sign in DELIMITERS:
        cells = [c.strip() for c in text.strip().strip(sign).split(sign)]
        if len(cells) >= 3 and (columns := is_header(cells)):
            return sign, *columns
    cells = [c.strip() for c in text.strip().split("\t")]
    if len(cells) >= 3 and all(cells):
        return "\t", None, None
    return None


def _parse_delimited(
    lines: Sequence[Line], i: int, sign: str, date: int | None, who: int | None
) -> tuple[list[TableRow], int]:
    """The rows of a delimited table from line `i` on, while lines hold its cells; a row's
    subject is its other cells, joined. A table without date and responsible columns holds
    only rows with as many cells as its header (`lines[i - 1]`)."""
    rows: list[TableRow] = []
    width = len(lines[i - 1].text.strip().split(sign)) if date is None and who is None else 0
    while i < len(lines):
        text = lines[i].text.strip()
        if not text and not rows:
            i += 1
            continue
        cells = [c.strip() for c in text.strip(sign).split(sign)] if sign in text else []
        if len(cells) <= max(date or 0, who or 0) or (width and len(cells) != width):
            break
        subject = " ".join(c for k, c in enumerate(cells) if k not in (date, who) and c)
        rows.append(
            TableRow(
                subject,
                cells[date] or None if date is not None else None,
                cells[who] or None if who is not None else None,
                (),
                lines[i].page,
            )
        )
        i += 1
    return rows, i


def _parse_table(lines: Sequence[Line], i: int) -> tuple[list[TableRow], int]:
    rows: list[TableRow] = []
    group: tuple[str, ...] = ()
    rows_in_group = 0
    pending: list[str] = []  # subject lines not yet closed by a date
    pending_page: int | None = None
    last: TableRow | None = None  # the last row, while its responsible cell may continue
    last_open = False  # the last row's cells ended on the subject line (wrap after a blank)
    blank_run = 0

    def flush_group() -> None:
        nonlocal group, pending, last, rows_in_group
        if pending and last is not None and last_open and _who_wraps(last, pending):
            # no separator since a one-line row: the block is that row's responsible cell
            who = _clean([last.responsible or "", *pending])
            rows[-1] = last = TableRow(last.subject, last.date, who, last.group, last.page)
        elif pending:
            # a group right under a one-line group with no rows yet is its subgroup
            name = _clean(pending)
            group = (*group[:1], name) if len(group) == 1 and not rows_in_group else (name,)
            rows_in_group = 0
        pending = []

    def close(row: TableRow) -> None:
        nonlocal last, rows_in_group
        rows.append(row)
        rows_in_group += 1
        last = row

    while i < len(lines):
        line = lines[i]
        raw = line.text
        s = raw.strip()
        if not s:
            # white space only: a separator (the extractor writes one between table groups)
            if raw and not pending:
                last = None
            blank_run += 1
            i += 1
            continue
        if _header_line(s):
            i += 1
            blank_run = 0
            continue
        if _prose(s) or blank_run >= 4:
            break
        if m := _DATE_ONLY.match(s):
            if pending:
                close(TableRow(_clean(pending), m["date"], m["who"], group, pending_page))
                pending = []
                last_open = True
            elif last is not None:
                break
            i += 1
            blank_run = 0
            continue
        if (m := _ROW_END.match(s)) and m["subject"]:
            if pending:
                # a block without cells before a complete row is a group heading
                flush_group()
            close(TableRow(_clean([m["subject"]]), m["date"], m["who"], group, line.page))
            last_open = True
            i += 1
            blank_run = 0
            continue
        # plain cell text: the responsible cell wrapping, a subject wrapping, or a group
        if last is not None and last_open and not pending and _continues_who(last, s, blank_run):
            who = _clean([last.responsible or "", s])
            rows[-1] = last = TableRow(last.subject, last.date, who, last.group, last.page)
            i += 1
            blank_run = 0
            continue
        if raw.endswith("  ") and not pending:
            # "Algemeen   ": a one-line group heading padded with empty cells
            group = (_clean([s]),)
            rows_in_group = 0
            last = None
            i += 1
            blank_run = 0
            continue
        if pending and (
            (blank_run and not s[:1].islower())
            or (len(pending) == 1 and s[:1].isupper() and _group_like(pending[0]))
        ):
            # A blank line or a new capitalised line after a finished one ends a block: a
            # group heading ("Samenwerking in de acute zorg" over "Uitwerken scenario's ...").
            # A subject cell a page break cut goes on in lower case after the blank lines.
            flush_group()
            last = None
            last_open = False
        if not pending:
            pending_page = line.page
        pending.append(s)
        i += 1
        blank_run = 0
    flush_group()
    return rows, i


_OPEN_END = frozenset(
    {"de", "het", "een", "van", "en", "of", "om", "met", "voor", "in", "op", "te"}
)


GROUP_WORDS = 6  # a group heading is one short line


def _group_like(line: str) -> bool:
    """Whether a cell line can be a group heading on its own: short, and ending where a phrase
    can end (not on ",", "-" or "van", "en", ...)."""
    words = line.split()
    return (
        0 < len(words) <= GROUP_WORDS
        and not line.endswith((",", "-", "("))
        and words[-1] not in _OPEN_END
    )


WHO_WIDTH = 30  # characters: the responsible column is narrow; a group heading spans the table


def _who_wraps(last: TableRow, lines: Sequence[str]) -> bool:
    """Whether a block of cell text after a one-line row is that row's responsible cell going
    on: the cell ends in "," or "-", the block opens in lower case, or it lists parties ("NZa,
    ZINl", "IZA-partijen", or a list set in the narrow column: "Zorgverzekeraars in / de regio,
    regionale / partijen, VWS"), not a phrase such as a group heading ("Uitwerking Thema's",
    "Samenwerking Sociaal domein, Huisartsenzorg en GGZ")."""
    who, text = last.responsible or "", _clean(lines)
    if who.endswith((",", "-")) or text[:1].islower():
        return True
    words = text.replace(",", " ").split()
    names = all(w.isupper() or any(c.isupper() for c in w[1:]) for w in words)
    narrow = max(len(line) for line in lines) <= WHO_WIDTH
    return bool(words) and (names or ("," in text and narrow))


def _continues_who(last: TableRow, text: str, blank_run: int) -> bool:
    """Whether `text` carries on the previous row's responsible cell."""
    who = last.responsible or ""
    if who.endswith((",", "-")) or text[:1].islower():
        return True
    # Responsible cells are lists of names; a new subject is a phrase led by a verb or noun.
    words = text.replace(",", " ").split()
    if blank_run == 0 and words and all(w[:1].isupper() for w in words) and len(words) <= 4:
        return True
    return bool(re.match(r"^(?:[A-Z][\w&’'-]*,?\s*)+$", text)) and "," in text


def rows_from_cells(
    cells: Sequence[Sequence[str | None]],
    page: int | None = None,
    group: tuple[str, ...] = (),
    columns: tuple[int, int] | None = None,
) -> tuple[list[TableRow], tuple[str, ...], tuple[int, int] | None]:
    """Rows of a table read as cells (e.g. by pymupdf); header rows are skipped.

    Returns the rows, the last group heading and the (date, responsible) columns, so that a
    table continued on the next page keeps both; `columns` are those of the page before.
    """
    rows: list[TableRow] = []
    if columns is not None and cells and max(columns) >= len(cells[0]):
        columns = None  # another table
    for raw in cells:
        row = [_clean((c or "").split("\n")) for c in raw]
        if (found := is_header(row)) is not None:
            columns = found
            continue
        if columns is None:
            columns = (len(row) - 2, len(row) - 1) if len(row) >= 3 else None
            if columns is None:
                continue
        d, w = columns
        subject_cells = [c for k, c in enumerate(row) if k not in (d, w) and c]
        subject = " ".join(subject_cells)
        date = row[d] if d < len(row) else ""
        who = row[w] if w < len(row) else ""
        if not subject and not date and not who:
            continue
        if subject and not date and not who:
            group = (subject,)
            continue
        rows.append(TableRow(subject, date or None, who or None, group, page))
    return rows, group, columns


# -- tables aligned with spaces ------------------------------------------------------------

# A cell of a table set out with spaces (a layout export, a tab export whose tabs became
# spaces): words one space apart; two or more spaces are the gap between columns.
_CELL = re.compile(r"\S+(?: \S+)*")
ALIGN_SLACK = 2  # characters a cell may start left of its column's title


def _cells(text: str) -> list[tuple[int, str]]:
    """The (start, text) of each space-separated cell of a line."""
    return [(m.start(), m.group()) for m in _CELL.finditer(text.expandtabs(8))]


def _aligned_header(text: str) -> tuple[tuple[int, ...], int, int] | None:
    """(column starts, date column, responsible column) when `text` is the header of a table
    aligned with spaces ("Actie      Wie      Wanneer")."""
    cells = _cells(text)
    if len(cells) < 3 or len(cells) > 8:
        return None
    columns = is_header([c for _, c in cells])
    if columns is None:
        return None
    return tuple(start for start, _ in cells), *columns


def _column(starts: Sequence[int], start: int) -> int:
    """The column a cell starting at `start` lies in: the last one whose title starts at or
    before it (with ALIGN_SLACK)."""
    return max((k for k, s in enumerate(starts) if s <= start + ALIGN_SLACK), default=0)


def _row_cells(text: str, starts: Sequence[int]) -> list[str]:
    """A line's cells by column; a line with a cell for every column is read in order, so a
    cell that strays from its title's position still lands in its column."""
    found = _cells(text)
    out = [""] * len(starts)
    if len(found) == len(starts):
        return [c for _, c in found]
    for start, cell in found:
        k = _column(starts, start)
        out[k] = f"{out[k]} {cell}" if out[k] else cell
    return out


def _open_cell(cell: str) -> bool:
    """Whether a cell stops mid-phrase (on ",", "-", or a word such as "en" or "van")."""
    words = cell.split()
    return bool(words) and (cell.endswith((",", "-")) or words[-1] in _OPEN_END)


def _wraps(row: Sequence[str], last: Sequence[str], date: int, who: int) -> bool:
    """Whether a line's cells carry on the row above: no date of their own, and no subject
    cell, a start in lower case, or text added to a cell that stopped mid-phrase."""
    if row[date]:
        return False
    if not any(c for k, c in enumerate(row) if k not in (date, who)):
        return True
    first = next(c for c in row if c)
    return first[:1].islower() or any(c and _open_cell(last[k]) for k, c in enumerate(row))


def _parse_aligned(
    lines: Sequence[Line], i: int, starts: tuple[int, ...], date: int, who: int
) -> tuple[list[TableRow], int]:
    """The rows of a table aligned with spaces, from line `i` on.

    A line without a date cell goes on with the row above (its cells wrapped) when it has no
    subject cell, opens in lower case, or adds to a cell that stopped mid-phrase; otherwise a
    line with a date or responsible cell opens a row, and a short capitalised line with neither
    is a group heading over the rows below it. A line of running text (one cell reaching past
    the first column) or a blank line not followed by another row ends the table.
    """
    rows: list[TableRow] = []
    cells: list[list[str]] = []  # the open rows' cells, one list per row
    pages: list[int | None] = []
    groups: list[tuple[str, ...]] = []
    group: tuple[str, ...] = ()
    width = starts[1] - ALIGN_SLACK  # the first column's room
    while i < len(lines):
        raw = lines[i].text.rstrip()
        if not raw.strip():
            nxt = next((ln.text for ln in lines[i + 1 :] if ln.text.strip()), None)
            if nxt is None or len(_cells(nxt)) < 2 or not cells:
                break
            i += 1
            continue
        found = _cells(raw)
        if len(found) == 1 and found[0][0] < width <= found[0][0] + len(found[0][1]):
            break  # running text across the columns
        row = _row_cells(raw, starts)
        text = " ".join(c for c in row if c)
        if cells and _wraps(row, cells[-1], date, who):
            last = cells[-1]
            for k, c in enumerate(row):
                if c:
                    last[k] = _clean([last[k], c]) if last[k] else c
        elif row[date] or row[who]:
            cells.append(row)
            pages.append(lines[i].page)
            groups.append(group)
        elif _group_like(text) and text[:1].isupper():
            group = (text,)
        else:
            break
        i += 1
    for row, page, grp in zip(cells, pages, groups, strict=True):
        subject = " ".join(c for k, c in enumerate(row) if k not in (date, who) and c)
        rows.append(TableRow(subject, row[date] or None, row[who] or None, grp, page))
    return rows, i
