"""Clean extracted text: conversion markers, page furniture, footnotes and broken words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

# Footnote markers are kept in body text as MARK_OPEN + number + MARK_CLOSE until segmentation
# turns them into Clause.note; private-use characters never occur in the documents themselves.
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
MARK_RE = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of extracted text with the page it came from."""

    text: str  # raw, trailing white space kept (it tells a page-break fragment apart)
    page: int | None = None
    page_start: bool = False  # first line of a page (plain text: a line indented by the extractor)
    full: bool = False  # a PDF line that runs to the right margin: its sentence goes on below


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote: its number as printed, its text and the page it was printed on."""

    number: str
    text: str
    page: int | None = None


# -- character level -----------------------------------------------------------------------

_WORD_MARKERS = re.compile(r"\[(?:bookmark: [^\]]*|image: ?)\]")
_NOTE_REF = re.compile(r"\[footnoteRef:(\d+)\]")
# Word exports splice the note itself in as "[N: text]"; the text may hold brackets of its own.
_INLINE_NOTE = re.compile(r"\[(\d{1,3}):\s+((?:[^\[\]]|\[[^\[\]]*\])*)\]\s?")


# Tabs at a line's start or end: indentation and padding, read as spaces.
_EDGE_TABS = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)


def normalise(text: str) -> str:
    """Replace odd white space and hyphens and drop word-processor markers.

    A tab between two pieces of text stays: it separates a table's cells in a tab-separated
    export ("Actie\tWie\tWanneer"); a tab that indents or pads a line becomes a space.
    """
    text = text.replace("\xa0", " ").replace("\u2011", "-")
    text = _EDGE_TABS.sub(lambda m: m.group().replace("\t", " "), text)
    text = text.replace("\u00ad", "")  # soft hyphen
    return _WORD_MARKERS.sub("", text)


def inline_notes(text: str) -> tuple[str, list[Note]]:
    """Take Word-style inline notes "[N: ...]" out of the text and mark their references."""
    notes: list[Note] = []

    def take(match: re.Match[str]) -> str:
        notes.append(Note(match.group(1), " ".join(match.group(2).split())))
        return " "

    text = _INLINE_NOTE.sub(take, text)
    text = _NOTE_REF.sub(lambda m: f"{MARK_OPEN}{m.group(1)}{MARK_CLOSE}", text)
    return text, notes


def to_lines(text: str, page: int | None = None) -> list[Line]:
    """Split text into Lines; in plain text an indented line marks where a page began."""
    lines = []
    for raw in text.split("\n"):
        start = page is None and raw[:1] == " " and bool(raw.strip())
        lines.append(Line(raw, page, start))
    return lines


# Page markers that PDF-to-text converters leave: a form feed, "## Page 3", "--- Pagina 3 ---",
# "[Page 3]", "=== Page 3 of 12 ===".
_PAGE_MARKER = re.compile(
    r"^\s*(?:#{1,6}|-{2,}|={2,}|\[)?\s*(?:page|pagina)\s+(?P<n>\d{1,4})(?:\s+(?:of|van)\s+\d+)?"
    r"\s*(?:-{2,}|={2,}|\])?\s*$",
    re.IGNORECASE,
)


def paged_lines(text: str) -> tuple[list[Line], int] | None:
    """The lines of a text export that carries page markers (form feeds or "## Page 3" lines),
    each with its page number, and the number of pages; None when the text has no markers.

    A marker line itself is dropped; the first line of each page is marked `page_start`.
    """
    raw = text.split("\n")
    marked = [
        bool(_PAGE_MARKER.match(r)) and not r.strip().lower().startswith("pagina ") for r in raw
    ]
    if "\f" not in text and sum(marked) < 2:
        return None
    lines: list[Line] = []
    page, start = 1, True
    seen_text = False
    for r, is_marker in zip(raw, marked, strict=True):
        if is_marker:
            m = _PAGE_MARKER.match(r)
            numbered = int(m["n"]) if m else 0
            # a numbered marker names its page; text before "## Page 1" lies on page 1 too
            page = max(page, numbered) if numbered else page + int(seen_text)
            start, seen_text = True, False
            continue
        parts = r.split("\f")
        for k, part in enumerate(parts):
            if k > 0:
                page, start, seen_text = page + 1, True, False
            lines.append(Line(part, page, start and bool(part.strip())))
            if part.strip():
                start, seen_text = False, True
    return lines, page


# -- page furniture ------------------------------------------------------------------------

# Letterhead and footer lines of Dutch government letters (data, not logic).
_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^pagina \d+ van \d+$",
        r"^(kenmerk|uw brief|uw kenmerk|bijlage\(n\)|bijlagen|datum|betreft|onze referentie)$",
        r"^\d{5,}-\d+-[a-z]+( [a-z])?$",  # kenmerk value
        r"^> ?retouradres",
        r"^bezoekadres:?$",
        r"^postadres:?$",
        r"^postbus \d+",
        r"^\d{4} ?[a-z]{2}\s+den haag$",
        r"^parnassusplein \d+",
        r"^[tf]\s+0\d{2} ?\d{3} ?\d{2} ?\d{2}$",
        r"^www\.[a-z.]+\.nl$",
        r"^de voorzitter van de tweede kamer",
        r"^der staten-generaal$",
        r"^correspondentie uitsluitend",
        r"^richten aan het retouradres",
        r"^met vermelding van de",
        r"^datum en het kenmerk van",
        r"^deze brief\.$",
        r"^ministerie van [a-z ,]+$",
        r"^bezoekadres\b",
        r"^postadres\b",
        r"^(?:ons |uw )?kenmerk:? \S*\d\S*$",  # a repeated "Kenmerk 123-X" line
        r"^(?:den haag|['’]s-gravenhage|[a-z]+), [0-3]?\d [a-z]+ (?:19|20)\d\d$",  # dateline
        r"^(?:den haag|['’]s-gravenhage)$",
        r"^(?:aan de )?voorzitter van de (?:tweede|eerste) kamer",
    )
]
# A bare page number; on a page of a PDF or paged export only among its first or last lines,
# for a number alone on a line mid-page is text a line break cut off ("(ca." / "300").
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
PAGE_EDGE = 3
# The letterhead date, on one line ("Datum 29 juni 2020") or as a label line and a date line.
_DATUM = re.compile(r"^Datum\s+\d{1,2} \w+ \d{4}$")
_DATUM_LABEL = re.compile(r"^Datum:?$")
_DATE_LINE = re.compile(r"^\d{1,2} \w+ \d{4}$")
_BETREFT = re.compile(r"^(?:Betreft:?|Onderwerp:)\s+(.+?)\s*$")
SUBJECT_WRAP = 80  # a lower-case line right under the subject and shorter than this goes on with it
# A right-hand column's labels and values may stand between "Datum" and its date.
LABEL_REACH = 6
_VALUE = re.compile(r"^[A-Z0-9][\w./-]*\d[\w./-]*$")


def drop_furniture(lines: Sequence[Line]) -> tuple[list[Line], str | None]:
    """Remove letterhead, footer and page-number lines; return the rest and the subject.

    The letterhead date goes too; tagging.docdate reads it from the uncleaned text.
    """
    kept: list[Line] = []
    subject = None
    label = 0  # lines left in which a date belongs to a lone "Datum" label above it
    wrapped = False  # the line before was the subject, which may go on on this line
    edges = _edge_lines(lines)
    for line in lines:
        s = " ".join(line.text.split())
        if _PAGE_NUMBER.match(s) and (line.page is None or id(line) in edges):
            continue
        if _DATUM.match(s) or (label and _DATE_LINE.match(s)):
            label = 0
            continue
        if _DATUM_LABEL.match(s):
            label = LABEL_REACH
            continue
        furniture = any(p.match(s) for p in _FURNITURE) or _PAGE_NUMBER.match(s)
        if label and s and not furniture and not _VALUE.match(s):
            # A lone "Datum" without a date below it was text after all.
            kept.append(Line("Datum", line.page))
            label = 0
        label = max(0, label - 1) if s else label
        if (m := _BETREFT.match(s)) and len(s) < 120:
            wrapped = subject is None
            subject = subject or m.group(1)
            continue
        if wrapped and s and s[0].islower() and len(s) < SUBJECT_WRAP and subject:
            # the subject's last words, wrapped onto the next line ("Betreft ... behoud en" /
            # "regeldruk"): left in the body they would open it mid-sentence
            subject = f"{subject} {s}"
            wrapped = False
            continue
        wrapped = False
        if s and any(p.match(s) for p in _FURNITURE):
            continue
        kept.append(line)
    return kept, subject


def _edge_lines(lines: Sequence[Line], edge: int = PAGE_EDGE) -> set[int]:
    """The ids of the first and last `edge` non-blank lines of each page."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.page is not None and line.text.strip():
            pages.setdefault(line.page, []).append(line)
    return {id(ln) for page in pages.values() for ln in page[:edge] + page[-edge:]}


def drop_repeated(pages: Sequence[Sequence[Line]], edge: int = 3) -> list[list[Line]]:
    """Drop header/footer lines: those near a page edge that recur on most pages."""
    if len(pages) < 2:
        return [list(p) for p in pages]

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.split()).lower())

    counts: dict[str, int] = {}
    for page in pages:
        body = [ln for ln in page if ln.text.strip()]
        for k in {key(ln) for ln in body[:edge] + body[-edge:]}:
            counts[k] = counts.get(k, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    repeated = {k for k, n in counts.items() if n >= need and k}
    out = []
    for page in pages:
        body = [ln for ln in page if ln.text.strip()]
        edges = {id(ln) for ln in body[:edge] + body[-edge:]}
        out.append([ln for ln in page if not (id(ln) in edges and key(ln) in repeated)])
    return out


# -- footnotes -----------------------------------------------------------------------------

# A footnote's first line: its number, then its text, usually after a space ("57Voor
# indexering" has none).
_NOTE_START = re.compile(
    r"^\s*(?:\[(?P<b>\d{1,3})\]\s*|(?P<n>\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?:\s+|(?=[A-Z])))(?P<t>\S.*)$"
)


def _note_number(m: re.Match[str] | None) -> str | None:
    """The number of a note's first line ("12 ...", "¹² ...", "[12] ..."), in digits."""
    return (m["b"] or m["n"]).translate(_DIGITS) if m else None


_DATE_START = re.compile(
    r"^\s*\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
    r"|november|december)\b",
    re.IGNORECASE,
)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


@lru_cache(maxsize=512)
def _marker_patterns(number: str) -> list[re.Pattern[str]]:
    n = re.escape(number)
    prev = int(number) - 1
    return [
        # glued to a word, a plural with an apostrophe, a closing bracket or quote: "zorg1.",
        # "programma’s32", "(IZA)2", "partijen1 aan"
        re.compile(rf"(?:(?<=[^\W\d_]{{2}})|(?<=[’'][^\W\d_])|(?<=[)’”»])){n}(?=[\s.,;:)-]|$)"),
        # after a sentence's full stop, also behind a closing quote, bracket or year: "rol.4
        # Tegelijkertijd", "SEH.28", "te dragen».18 Hieronder", "in 2020.23"
        re.compile(
            rf"(?:(?<=[^\W\d_]{{2}}[.,;:])|(?<=[)’”»][.,;:])|(?<=\b(?:19|20)\d\d[.,;:]))"
            rf"{n}(?=[\s,]|$)"
        ),
        # after an abbreviation's last full stop: "het lid Jansen c.s.3 vraag ik", "o.a.2"
        re.compile(rf"(?<=\b[^\W\d_]\.[^\W\d_]\.){n}(?=[\s,]|$)"),
        # set as superscript digits, as a word processor's text export keeps them: "2025.¹"
        re.compile(rf"(?<=\S){re.escape(number.translate(_SUPERSCRIPT))}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])"),
        # set apart by one space after a sentence's full stop, before the next sentence: "op
        # de SEH. 26 In 2020" (the marker stays where it was printed: glued to the full stop
        # it would keep the sentencizer from splitting there)
        re.compile(rf"(?<=[^\W\d_]{{2}}\. ){n}(?= [A-Z])"),
        # glued to a year: "december 20214" is 2021 with note 4
        re.compile(rf"(?<=\b(?:19|20)\d\d){n}(?=[\s.,;:)-]|$)"),
        # the next of a run of markers: "ketens.22 23 24", "leefstijlinterventie.13,14" (the
        # one before may be marked already)
        re.compile(
            rf"(?:(?<=[^\W\d_][.,;:]{prev}[ ,])|(?<=\d[ ,]{prev}[ ,])"
            rf"|(?<={MARK_OPEN}{prev}{MARK_CLOSE}[ ,])){n}(?=[\s,]|$)"
        ),
    ]


@lru_cache(maxsize=512)
def _bracket_marker(number: str) -> list[re.Pattern[str]]:
    # in square brackets, as a web or word processor export writes them: "zorg.[3]"
    return [re.compile(rf"(?<=\S)\[{re.escape(number)}\]")]


def _patterns(number: str, bracket: bool) -> list[re.Pattern[str]]:
    return _bracket_marker(number) if bracket else _marker_patterns(number)


def _has_marker(number: str, lines: Sequence[Line], bracket: bool = False) -> bool:
    pats = _patterns(number, bracket)
    return any(p.search(ln.text) for ln in lines for p in pats)


def extract_footnotes(lines: Sequence[Line]) -> tuple[list[Line], list[Note]]:
    """Take printed footnotes out of the body and mark their references in the body text.

    A footnote starts with the next expected number (or 1, when a part restarts its numbering)
    and only counts when the body since the previous note carries a matching glued marker.
    It runs until the next note, the start of a page, or the end of the page.
    """
    body: list[Line] = []
    notes: list[Note] = []
    bracketed: list[bool] = []  # per note: numbered "[3]" rather than "3"
    expected = {False: 1, True: 1}  # the two numberings run apart ("[1]" among notes 55-58)
    last_page = max((ln.page for ln in lines if ln.page is not None), default=None)
    since = 0  # index in body where the search for the next marker starts
    after_note = False
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _NOTE_START.match(line.text)
        number = _note_number(m)
        bracket = m is not None and m["b"] is not None
        candidate = (
            m is not None
            and number is not None
            # a page opens on body text, except the last page of a text export, where the
            # notes may follow the last page footer as endnotes
            and (not line.page_start or (line.page is not None and line.page == last_page))
            and number in {str(expected[bracket]), "1"}
            and not _DATE_START.match(line.text)  # "1 maart 2027." wrapped onto a new line
            and _has_marker(number, body[since:], bracket)
        )
        if candidate and m is not None and number is not None:
            text_lines = [m["t"]]
            j = i + 1
            while j < len(lines):
                nxt = lines[j]
                if nxt.page_start or nxt.page != line.page:
                    break
                m2 = _NOTE_START.match(nxt.text)
                if _note_number(m2) == str(int(number) + 1):
                    break
                if _ends_note(lines, j, line.text):
                    break
                text_lines.append(nxt.text)
                j += 1
            notes.append(Note(number, _join_note(text_lines), line.page))
            bracketed.append(bracket)
            expected[bracket] = int(number) + 1
            body = _glue_interrupted(body)
            after_note = True
            i = j
            continue
        if after_note and line.text.strip():
            # body text resumes: the next note's marker must come after this point
            since, after_note = len(body), False
        body.append(line)
        i += 1
    return _mark(body, notes, bracketed), notes


# A line that opens a bullet ("- In 2022 ...", "\uf0d8 Mensen in positie").
_BULLET_LINE = re.compile(r"^\s*(?:[-\u2022\u00b7\u2013]\s|[\ue000-\uf8ff])")


def _ends_note(lines: Sequence[Line], j: int, first: str) -> bool:
    """True when line j cannot continue the note that began with the line `first`.

    Text files carry no page ends, so a note would otherwise swallow the body that follows
    it. Notes are short blocks: two blank lines, a bullet, or a line indented unlike the
    note's first line (the converted letters start each page's body with a space) mean the
    body has resumed. A single blank line does not: some letters are double-spaced.
    """
    k = j
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    if k - j >= 2 or k == len(lines):
        return True
    text = lines[k].text
    if _BULLET_LINE.match(text):
        return True
    indent = len(text) - len(text.lstrip())
    return indent > len(first) - len(first.lstrip())


def _join_note(parts: Sequence[str]) -> str:
    text = ""
    for part in parts:
        s = part.strip()
        if not s:
            continue
        if text.endswith("-") and s[:1].islower():
            text = text[:-1] + s
        else:
            text = f"{text} {s}" if text else s
    return text


def _glue_interrupted(body: list[Line]) -> list[Line]:
    # A note printed between the halves of a sentence leaves blank lines behind; drop them
    # when the text before the note stops mid-sentence, so the sentence is whole again.
    k = len(body)
    while k and not body[k - 1].text.strip():
        k -= 1
    if k and not re.search(r"[.:;!?]\s*$", body[k - 1].text):
        return body[:k]
    return body


def _mark(
    body: list[Line], notes: Sequence[Note], bracketed: Sequence[bool] | None = None
) -> list[Line]:
    """Replace each note's glued reference number in the body by a marker token, in order."""
    pending = [n.number for n in notes]
    styles = list(bracketed or [False] * len(notes))
    out: list[Line] = []
    for line in body:
        text = line.text
        while pending:
            found = None
            for p in _patterns(pending[0], styles[0]):
                if (m := p.search(text)) and (found is None or m.start() < found.start()):
                    found = m
            if found is None:
                break
            number = pending.pop(0)
            styles.pop(0)
            text = text[: found.start()] + f"{MARK_OPEN}{number}{MARK_CLOSE}" + text[found.end() :]
        out.append(replace(line, text=text) if text != line.text else line)
    return out
