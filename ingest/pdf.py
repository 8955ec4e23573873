"""Read a PDF with pymupdf: page-numbered lines outside tables, and the tables' rows."""

from __future__ import annotations

import logging
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ingest.clean import MARK_CLOSE, MARK_OPEN, Line, Note, drop_repeated
from ingest.errors import IngestError
from ingest.tables import TableRow, is_header, rows_from_cells

log = logging.getLogger(__name__)

# Limits that keep a hostile or absurd PDF from exhausting memory or time; a policy letter or
# an agreement with its annexes stays far below them.
MAX_PAGES = 5_000
MAX_STREAM_BYTES = 256 * 1024 * 1024  # one stream, inflated
MAX_INFLATED_BYTES = 1024 * 1024 * 1024  # all streams together, inflated
_INFLATE_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class PdfContent:
    """A PDF's text lines in reading order, with table rows placed where their table stood."""

    items: tuple[Line | TableRow, ...]
    pages: int
    text: str = ""  # every text line as extracted, furniture included (the letterhead)
    first_page: str = ""
    notes: tuple[Note, ...] = ()  # footnotes set in a smaller size at the foot of a page


def read_pdf(
    path: Path, raw: bytes, progress: Callable[[int, int], None] | None = None
) -> PdfContent:
    """Lines and table rows of a PDF; raises IngestError for an empty, corrupt or locked file.

    `progress(done, total)` is called after each page is read (a long PDF takes minutes).
    """
    import pymupdf

    if not raw.strip():
        raise IngestError(path, "het bestand is leeg")
    errors = _pdf_errors()
    try:
        doc = pymupdf.open(stream=raw, filetype="pdf")
    except errors as exc:
        raise IngestError(path, f"geen leesbare PDF ({exc})") from exc
    with doc:
        if doc.needs_pass or doc.is_encrypted:
            raise IngestError(path, "versleutelde PDF (er is een wachtwoord nodig)")
        if doc.page_count == 0:
            raise IngestError(path, "PDF zonder pagina's")
        check_limits(doc, path)
        try:
            raw_pages = []
            heights = []
            width = 0  # the column count of the last table read: one it goes on in
            for k in range(doc.page_count):
                page = doc[k]
                heights.append(float(page.rect.height))
                raw_pages.append(_page(page, k + 1, path, width))
                width = next(
                    (len(t[0]) for t in reversed(list(raw_pages[-1][1].values())) if t), width
                )
                if progress:
                    progress(k + 1, doc.page_count)
        except errors as exc:
            raise IngestError(path, f"PDF-inhoud niet te lezen ({exc})") from exc
        pages = doc.page_count
    body_size = _body_size(raw_pages)
    notes: list[Note] = []
    per_page = []
    seen: set[str] = set()
    for page_items, tables, looks in raw_pages:
        page_items, page_notes = _take_footnotes(page_items, looks, body_size, seen)
        notes.extend(page_notes)
        per_page.append((page_items, tables))
    text_pages = drop_repeated([[x for x in items if isinstance(x, Line)] for items, _ in per_page])
    spacing = _line_spacing(raw_pages, body_size)
    full = _full_pages(raw_pages, [p for p, _ in per_page], text_pages, max(heights), spacing)
    right = _right_edge(raw_pages, body_size)
    items: list[Line | TableRow] = []
    group: tuple[str, ...] = ()
    columns: tuple[int, int] | None = None
    looks_of = [looks for _, _, looks in raw_pages]
    for k, ((page_items, tables), kept) in enumerate(zip(per_page, text_pages, strict=True)):
        keep = {id(x) for x in kept}
        runs_on = _runs_on(page_items, looks_of[k], right, spacing, body_size)
        if k and full[k - 1]:
            # The page before ran to its foot: its last paragraph goes on here unless this
            # page opens a new one, which segmentation tells from the text (heading, bullet).
            while items and isinstance(items[-1], Line) and not items[-1].text.strip():
                items.pop()
            keep = {id(x) for x in _from_first_text(kept)}
        for item in page_items:
            if isinstance(item, Line):
                if id(item) in keep and not _in_margin(looks_of[k].get(id(item)), right):
                    items.append(replace(item, full=True) if id(item) in runs_on else item)
            else:
                rows, group, columns = rows_from_cells(tables[id(item)], item.page, group, columns)
                items.extend(rows)
    if not any(isinstance(x, Line) and x.text.strip() for x in items) and not any(
        isinstance(x, TableRow) for x in items
    ):
        raise IngestError(path, "PDF zonder leesbare tekst (gescande afbeeldingen?)")
    every = [
        [
            looks[id(x)].plain if id(x) in looks else x.text
            for x in page_items
            if isinstance(x, Line)
        ]
        for page_items, _, looks in raw_pages
    ]
    return PdfContent(
        tuple(items),
        pages,
        "\n".join(t for page in every for t in page),
        "\n".join(every[0]),
        tuple(notes),
    )


FULL_LINES = 1.5  # a page whose body ends within this many line spacings of its foot is full
FOOT_SHARE = 0.6  # a text area's foot lies this far down the page or further


def _full_pages(
    raw_pages: list[Any],
    body_pages: list[list[Line | TableRow]],
    kept: list[list[Line]],
    height: float,
    spacing: float,
) -> list[bool]:
    """Per page, whether its body text runs to the foot of the text area, so that the page
    break (not a paragraph end) stopped it: its last body line lies within FULL_LINES line
    spacings of the lowest last body line of the document's pages (when at least half of the
    pages before the last end there, in the lower part of the page: a text area has a foot),
    or of the top of the footnotes printed below it."""
    lasts: list[float | None] = []
    notes_top: list[float | None] = []
    for (_, _, looks), body, page in zip(raw_pages, body_pages, kept, strict=True):
        text = [looks[id(x)].y for x in page if x.text.strip() and id(x) in looks]
        last = max(text) if text else None
        lasts.append(last)
        body_ids = {id(x) for x in body}
        below = [
            look.y
            for key, look in looks.items()
            if key not in body_ids and last is not None and look.y > last and look.plain.strip()
        ]
        # the lines read from the page but not in its body are its footnotes
        notes_top.append(min(below) if below else None)
    plain = [y for y, n in zip(lasts[:-1], notes_top, strict=False) if y is not None and n is None]
    foot = max(plain) if plain else None
    if foot is not None and (
        2 * sum(y >= foot - FULL_LINES * spacing for y in plain) < len(plain)
        or foot < FOOT_SHARE * height
    ):
        foot = None  # most pages end higher, or high up: they end where their text ends
    full = []
    for last, notes in zip(lasts, notes_top, strict=True):
        limit = notes - spacing if notes is not None else foot
        full.append(last is not None and limit is not None and last >= limit - FULL_LINES * spacing)
    return full


RIGHT_EDGE_QUANTILE = 0.98  # the text block's right edge: where nearly all body lines end


def _right_edge(raw_pages: list[Any], body_size: float) -> float:
    """The right edge of the text block: the x nearly every line in the body size ends before
    (a quantile, so that one line running into the margin does not move it)."""
    ends = sorted(
        look.x1
        for _, _, looks in raw_pages
        for look in looks.values()
        if abs(look.size - body_size) < 0.5 and look.plain.strip()
    )
    return ends[int(RIGHT_EDGE_QUANTILE * (len(ends) - 1))] if ends else float("inf")


NEXT_LINE = 1.3  # the line below lies within this many line spacings (scaled to its size)
LOOK_AHEAD = 40  # lines of other columns that may stand between a line and the one below it


def _runs_on(
    items: list[Line | TableRow],
    looks: dict[int, _Look],
    right: float,
    spacing: float,
    body_size: float,
) -> set[int]:
    """The ids of the lines that were wrapped: the next line's first word would not have fitted
    after them before the right edge, so their sentence goes on in the line below (such a line
    is no heading, whatever its words). The line below is the next one in the same column,
    also when the extractor put each line in a block of its own or a margin column between;
    a line a paragraph gap further down starts a new paragraph, so the one above ends there."""
    out: set[int] = set()
    lines = [
        x for x in items if isinstance(x, Line) and id(x) in looks and looks[id(x)].plain.strip()
    ]
    for k, a in enumerate(lines):
        la = looks[id(a)]
        reach = NEXT_LINE * spacing * max(1.0, la.size / body_size) if body_size else 0.0
        lb = _line_below(la, [looks[id(b)] for b in lines[k + 1 : k + 1 + LOOK_AHEAD]], reach)
        if lb is None:
            continue
        text = lb.plain.strip()
        char = (lb.x1 - lb.x0) / len(text)  # the next line's mean character width
        if la.x1 + char * (1 + len(text.split()[0])) > right:
            out.add(id(a))
    return out


def _line_below(line: _Look, after: list[_Look], reach: float) -> _Look | None:
    """The first of `after` that lies under `line` (their spans across the page overlap) and
    at most `reach` below its baseline; None when the next such line is further down (a
    paragraph gap or more)."""
    for look in after:
        if look.x0 < line.x1 and line.x0 < look.x1 and look.y > line.y:
            return look if look.y - line.y <= reach else None
    return None


def _in_margin(look: _Look | None, right: float) -> bool:
    """A line that starts right of the text block (a letterhead's column of sender, date and
    reference, a page number set in the margin): not part of the body text."""
    return look is not None and look.x0 >= right


def _line_spacing(raw_pages: list[Any], body_size: float) -> float:
    """The most common distance from a body line's baseline to that of the line below it in
    the same column (a letterhead column beside the body, set closer, does not count)."""
    gaps: Counter[float] = Counter()
    for _, _, looks in raw_pages:
        body = sorted(
            (x for x in looks.values() if x.plain.strip() and abs(x.size - body_size) < 0.5),
            key=lambda x: x.y,
        )
        for k, a in enumerate(body):
            below = _line_below(a, body[k + 1 :], float("inf"))
            if below is not None:
                gaps[round(below.y - a.y)] += 1
    return float(gaps.most_common(1)[0][0]) if gaps else 12.0


def _from_first_text(lines: list[Line]) -> list[Line]:
    """The lines from the first non-blank one on."""
    for k, line in enumerate(lines):
        if line.text.strip():
            return lines[k:]
    return []


@dataclass(frozen=True, slots=True)
class _Look:
    """How a line is printed: its text without markers, main font size, baseline, markers."""

    plain: str
    size: float
    y: float
    height: float
    markers: tuple[str, ...]
    x0: float = 0.0
    x1: float = 0.0


def _body_size(raw_pages: list[Any]) -> float:
    """The font size most characters of the document are set in."""
    sizes: Counter[float] = Counter()
    for _, _, looks in raw_pages:
        for look in looks.values():
            sizes[look.size] += len(look.plain)
    return sizes.most_common(1)[0][0] if sizes else 0.0


_NOTE_NUMBER = re.compile(r"^\s*(\d{1,3})(?:\s+|(?=[^\W\d_]))(\S.*)$")


def _take_footnotes(
    items: list[Line | TableRow], looks: dict[int, _Look], body_size: float, seen: set[str]
) -> tuple[list[Line | TableRow], list[Note]]:
    """Footnotes of one page: lines in a smaller size than the body, below the page's last body
    line, opening with the number of a marker set superscript on this page or before (`seen`,
    updated) or with the number after the previous note's; a note runs on over the lines that
    follow it closely and ends at a gap (a page footer)."""
    lines = [x for x in items if isinstance(x, Line) and id(x) in looks]
    markers = seen | {n for x in lines for n in looks[id(x)].markers}
    seen |= markers
    body = [looks[id(x)].y for x in lines if looks[id(x)].size >= body_size - 0.5]
    if not markers or not body:
        return items, []
    last_body = max(body)
    taken: set[int] = set()
    notes: list[tuple[str, list[str], int | None]] = []
    prev: _Look | None = None
    for x in sorted(lines, key=lambda ln: looks[id(ln)].y):
        look = looks[id(x)]
        if look.y <= last_body or look.size >= body_size - 0.5 or not look.plain.strip():
            continue
        m = _NOTE_NUMBER.match(look.plain)
        follows = bool(notes) and m is not None and m.group(1) == str(int(notes[-1][0]) + 1)
        if m and (m.group(1) in markers or follows):
            notes.append((m.group(1), [m.group(2)], x.page))
        elif notes and prev is not None and look.y - prev.y <= 1.6 * prev.height:
            notes[-1][1].append(look.plain)
        else:
            prev = None
            continue
        taken.add(id(x))
        prev = look
    kept = [x for x in items if id(x) not in taken]
    return kept, [Note(n, _joined(parts), page) for n, parts, page in notes]


def _joined(parts: list[str]) -> str:
    text = ""
    for part in parts:
        s = " ".join(part.split())
        if text.endswith("-") and s[:1].islower():
            text = text[:-1] + s
        else:
            text = f"{text} {s}" if text else s
    return text


def check_limits(doc: Any, path: Path) -> None:
    """Refuse a PDF past MAX_PAGES, or whose compressed streams inflate past the byte limits
    (a "zip bomb"): each Flate stream is inflated in chunks and counted, never held whole."""
    if doc.page_count > MAX_PAGES:
        raise IngestError(path, f"te veel pagina's ({doc.page_count}, hoogstens {MAX_PAGES})")
    total = 0
    for xref in range(1, doc.xref_length()):
        if not doc.xref_is_stream(xref):
            continue
        kind, value = doc.xref_get_key(xref, "Filter")
        if kind == "null" or value.replace("[", "").replace("]", "").split() != ["/FlateDecode"]:
            continue  # unfiltered, or a filter chain MuPDF decodes only when drawing images
        size = _inflated_size(doc.xref_stream_raw(xref), MAX_STREAM_BYTES)
        total += size
        if size > MAX_STREAM_BYTES or total > MAX_INFLATED_BYTES:
            limit = MAX_STREAM_BYTES if size > MAX_STREAM_BYTES else MAX_INFLATED_BYTES
            raise IngestError(
                path,
                f"ingepakte PDF-inhoud groter dan {limit // (1024 * 1024)} MB uitgepakt "
                "(mogelijk een zip-bom); niet ingelezen",
            )


def _inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes `raw` inflates to, counting no further than just past `limit`."""
    inflater = zlib.decompressobj()
    size = 0
    data = raw
    try:
        while data and size <= limit:
            size += len(inflater.decompress(data, _INFLATE_CHUNK))
            data = inflater.unconsumed_tail
    except zlib.error:
        return size  # damaged streams are MuPDF's to report
    return size


def _pdf_errors() -> tuple[type[Exception], ...]:
    """What pymupdf raises for a damaged file or page: FileDataError and the other
    RuntimeErrors, and MuPDF's own errors (FzErrorBase, not a RuntimeError)."""
    import pymupdf

    return (RuntimeError, pymupdf.mupdf.FzErrorBase)


@dataclass(frozen=True, slots=True)
class _TableSlot:
    index: int
    page: int


def _page(
    page: Any, number: int, path: Path, width: int = 0
) -> tuple[list[Line | TableRow], dict[int, list[list[str | None]]], dict[int, _Look]]:
    """A page's lines outside its annex tables, with a slot where each table stands, and how
    each line is printed (size, position, superscript note markers). A table without a
    header continues one of `width` columns from the page before."""
    tables: list[tuple[Any, list[list[str | None]]]] = []
    for table in _find_tables(page, number, path):
        # Cell text read by rectangle keeps word spaces that table.extract() can lose.
        cells = [
            [page.get_textbox(cell).strip() if cell else None for cell in row.cells]
            for row in table.rows
        ]
        if cells and (is_header([c or "" for c in cells[0]]) or _continues_table(cells, width)):
            tables.append((table.bbox, cells))
    blocks = page.get_text("dict", sort=True)["blocks"]
    entries: list[tuple[float, Line | _TableSlot]] = []
    looks: dict[int, _Look] = {}
    for block in blocks:
        if block.get("type") != 0:
            continue
        x0, y0, x1, y1 = block["bbox"]
        if any(_inside((x0, y0, x1, y1), bbox) for bbox, _ in tables):
            continue
        for k, line in enumerate(block["lines"]):
            text, look = _line(line["spans"])
            read = Line(text, number, False)
            looks[id(read)] = look
            entries.append((y0 + k * 0.001, read))
        entries.append((y1, Line("", number, False)))
    for index, (bbox, _) in enumerate(tables):
        entries.append((bbox[1], _TableSlot(index, number)))
    entries.sort(key=lambda e: e[0])
    items: list[Line | TableRow] = []
    slots: dict[int, list[list[str | None]]] = {}
    for _, entry in entries:
        if isinstance(entry, _TableSlot):
            # a placeholder row, replaced by the table's rows by the caller
            placeholder = TableRow("", None, None, (), entry.page)
            slots[id(placeholder)] = tables[entry.index][1]
            items.append(placeholder)
        else:
            items.append(entry)
    return items, {k: v for k, v in slots.items()}, looks


_MARKER = re.compile(r"^\s*\d{1,3}(?:[ ,]+\d{1,3})*\s*$")


def _line(spans: list[dict[str, Any]]) -> tuple[str, _Look]:
    """A line's text with superscript note numbers as markers, and how the line looks.

    A marker is a span of note numbers ("4", "12,13") that pymupdf flags superscript (bit 0)
    and that is set smaller than the text around it; a line opening with one is a footnote's
    own number, kept as text."""
    sizes: Counter[float] = Counter()
    for span in spans:
        sizes[round(span["size"], 1)] += len(span["text"].strip())
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    text, plain, markers = "", "", []
    for span in spans:
        t = span["text"]
        raised = span["flags"] & 1 and span["size"] < size - 0.5 and _MARKER.match(t)
        if raised and plain.strip():
            numbers = re.findall(r"\d+", t)
            markers.extend(numbers)
            text += "".join(f"{MARK_OPEN}{n}{MARK_CLOSE}" for n in numbers)
            plain += t.strip()
        elif raised:
            text += t.strip() + " "
            plain += t.strip() + " "
        else:
            text += t
            plain += t
    y0, y1 = (spans[0]["bbox"][1], spans[0]["bbox"][3]) if spans else (0.0, 0.0)
    base = max((s["origin"][1] for s in spans), default=0.0)
    x0 = min((s["bbox"][0] for s in spans), default=0.0)
    x1 = max((s["bbox"][2] for s in spans), default=0.0)
    return text, _Look(plain, size, base, max(1.0, y1 - y0), tuple(markers), x0, x1)


def _find_tables(page: Any, number: int, path: Path) -> list[Any]:
    """The tables pymupdf finds on a page; none, with a warning, when its detection fails.

    find_tables (its default "lines" strategy) builds tables from ruling lines and cell
    rectangles, and takes about 0.75 s a page; a page without vector graphics cannot hold
    such a table, so it is skipped (get_cdrawings lists the paths without building them).
    """
    if not _has_rules(page):
        return []
    try:
        # find_tables catches its own failures, prints them and returns None.
        found = page.find_tables()
    except _pdf_errors() as exc:
        found, reason = None, str(exc)
    else:
        reason = "pymupdf printed its error"
    if found is None:
        log.warning(
            "%s: page %d: table detection failed (%s); its tables are read as text",
            path,
            number,
            reason,
        )
        return []
    return list(found.tables)


def _has_rules(page: Any) -> bool:
    """Whether the page draws any line or rectangle a table's grid could be made of."""
    try:
        paths = page.get_cdrawings()
    except _pdf_errors():
        return True  # let find_tables try, and report
    return any(item[0] in ("l", "re", "qu") for path in paths for item in path.get("items", ()))


def _continues_table(cells: list[list[str | None]], width: int = 0) -> bool:
    # A table continued from the previous page may lack its header: three columns will do,
    # or as many as the table the page before ended on.
    return bool(cells) and (len(cells[0]) == 3 or (width > 3 and len(cells[0]) == width))


def _inside(box: tuple[float, float, float, float], bbox: Any) -> bool:
    x0, y0, x1, y1 = box
    bx0, by0, bx1, by1 = bbox
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return bx0 <= cx <= bx1 and by0 <= cy <= by1
