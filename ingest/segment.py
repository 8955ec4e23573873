"""Split cleaned lines into blocks (headings, bullets, prose, table rows) and those into clauses.

Rules, in the order they apply:
- a paragraph runs until a blank line, unless the text before the blank stops mid-sentence and
  the text after it goes on in lower case (a page break or a note taken out);
- a short line without final punctuation that stands alone, or is followed by a line opening a
  new sentence, is a heading; numbered headings ("3.2 Titel") and annex headings ("Bijlage L")
  set their depth in the section trail, other headings sit one level below the last numbered one;
- a line opening with a bullet sign starts one bullet item; a lead-in sentence ending in ":"
  stays the prose clause before the items (the items keep it in their section context);
- prose is cut into sentences with spaCy's rule-based sentencizer; a short sentence that opens
  with a back-reference ("Dit", "Deze", "Hiervoor", ...) or has one among its first words
  ("Partijen maken hiervoor ...") joins the sentence before it, and any clause over MAX_CHARS
  is split at sentence-like boundaries. "Dat" refers back as a pronoun ("Dat is ...") but not
  as the conjunction opening a sentence ("Dat de wachttijden oplopen, ..."), and "Ook" only
  through a back-reference right after it ("Ook dit ...", "Ook zal dit plan ...", "Ook is dan
  ..."): "Ook zeggen wij toe ..." is a statement of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal

from ingest.clean import MARK_CLOSE, MARK_OPEN, MARK_RE, Line
from ingest.tables import TableRow
from tagging.deadlines import find_time_expressions
from tagging.nlp import new_pipeline

MAX_CHARS = 800
SHORT_CHARS = 60  # a sentence this short never stands alone when it can join a neighbour
JOIN_LIMIT = 450  # a back-referencing sentence joins its predecessor while both fit in this

BULLET_SIGNS = "\uf0b7\uf0d8\uf0a7\u2022\u00b7\u25aa\u25cf\u2013\u2043-*"
# Letter bullets of one extraction ("C", "Ë" for nested items); accepted only when frequent.
LETTER_BULLETS = ("C", "Ë", "o")
BACK_REFERENCES = (
    "Dit ", "Deze ", "Hiervoor", "Hiermee", "Hierbij", "Hierdoor", "Daarmee", "Daarbij",
    "Daarvoor", "Daardoor", "Dat ", "Die ", "Zij ", "Dit,", "Hierin",
)  # fmt: skip
# "Dat" before a subject (an article, a personal pronoun, "er") is the conjunction that opens
# a subject clause ("Dat de wachttijden oplopen, baart zorgen"), not the pronoun "that".
_CONJUNCTION_DAT = re.compile(
    r"^Dat\s+(?:de|het|een|er|ik|wij|we|jij|je|u|hij|zij|ze|men|onze|ons|hun|zijn|haar"
    r"|mijn|alle|veel|niet|nog|ook|dit|deze|die|dat)\b"
)
# "Ook" adds a statement of its own; the sentence leans on the one before only when a
# back-reference stands right after the adverb ("Ook dit ...", "Ook zal dit onderzoek ...")
# or "dan" among its first words takes up the time the sentence before named ("In 2025 ... .
# Ook hebben dan ...", "Ook kunnen inwoners dan ...").
_ALSO_BACK_REFERENCE = re.compile(
    r"^Ook\s+(?:(?:\S+\s+)?(?:dit|deze|dat|die|zij|(?:hier|daar)(?:voor|bij|mee|door|in|over"
    r"|aan|op|toe|van|uit))|(?:\S+\s+){0,3}dan)\b"
)
# A pronominal adverb early in a sentence ("Partijen maken hiervoor een plan", "LNAZ en het
# Zorginstituut nemen hierbij een coördinerende rol") points back to the sentence before.
_EARLY_BACK_REFERENCE = re.compile(
    r"^(?:\S+\s+){0,5}(?:hier|daar)(?:voor|bij|mee|door|in|over|aan|op|toe|van|uit)\b",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.:;!?…]['’”»)]*\s*$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_ANNEX = re.compile(r"^Bijlage\b", re.IGNORECASE)
_CLOSING = re.compile(r"^(Hoogachtend|Met vriendelijke groet|Met de meeste hoogachting)\b", re.I)

BlockKind = Literal["prose", "bullet", "heading", "table_row", "footnote"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A block of the document in reading order, before it is cut into clauses."""

    kind: BlockKind
    text: str
    page: int | None = None
    level: int = 0  # headings: depth in the section trail
    row: TableRow | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """One clause-to-be: text (markers removed), notes it carries, provenance."""

    kind: BlockKind
    text: str
    page: int | None
    section: tuple[str, ...]
    notes: tuple[str, ...] = ()
    row: TableRow | None = None
    cut: bool = False  # a later piece of a text cut at MAX_CHARS


@dataclass
class _Para:
    lines: list[Line] = field(default_factory=list)
    bullet: bool = False


# -- joining lines -------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def vocabulary(text: str) -> frozenset[str]:
    """Lower-case words of a document, hyphenated compounds kept whole."""
    return frozenset(w.lower() for w in _WORD.findall(text))


def keep_hyphen(left: str, right: str, vocab: frozenset[str], hyphenated: bool) -> bool:
    """Whether a hyphen at a line end belongs to the word ("IZA-partijen") or only to the break.

    `hyphenated` says whether the document is typeset with hyphenation (many line-end hyphens):
    then a break hyphen is the default; otherwise a real hyphen is.
    """
    lw = (_WORD.findall(left) or [""])[-1].split("-")[-1]
    rw = (_WORD.findall(right) or [""])[0].split("-")[0]
    if not lw or not rw:
        return True
    if lw[-1].isupper() or rw[0].isupper():
        return True
    joined, kept = (lw + rw).lower(), f"{lw}-{rw}".lower()
    if joined in vocab and kept not in vocab:
        return False
    if kept in vocab and joined not in vocab:
        return True
    if rw in ("en", "of", "tot", "naar"):
        return True
    return not hyphenated


def join_lines(lines: Sequence[Line], vocab: frozenset[str], hyphenated: bool) -> str:
    """One paragraph's lines as one readable string."""
    text = ""
    prev: Line | None = None
    for line in lines:
        s = " ".join(line.text.split())
        if not s:
            continue
        if not text:
            text = s
        elif re.search(r"[^\W\d_]-$", text) and s[:1].isalpha():
            text = text + s if keep_hyphen(text[:-1], s, vocab, hyphenated) else text[:-1] + s
        elif (
            prev is not None
            and len(prev.text.strip()) <= 15
            and not prev.text.endswith(" ")
            and s[:1].islower()
            and re.search(r"[^\W\d_]$", text)
            and _cut_word(prev, line, text, s, vocab)
        ):
            text = text + s  # a word cut by the page break: "Subsi" + "dieregeling"
        else:
            text = f"{text} {s}"
        prev = line
    return text


def _cut_word(prev: Line, line: Line, text: str, s: str, vocab: frozenset[str]) -> bool:
    """Whether a short line and the next one are the halves of one word a page break cut.

    Without page numbers (a plain text export) a short line without the extractor's trailing
    space is enough, unless the next line opens with a word such as "de" that starts a phrase;
    with them (a PDF, a paged export) the halves must lie on different pages
    or make a word the document uses elsewhere, for a PDF line never ends in a space and a
    short line is most often a paragraph's last words ("wel eens" / "chagrijnig van ...").
    """
    left = (_WORD.findall(text) or [""])[-1]
    right = (_WORD.findall(s) or [""])[0]
    joined = bool(left and right) and (left + right).lower() in vocab
    if prev.page is None or line.page is None or prev.page != line.page:
        # A next line that opens with a word such as "de" or "van" starts a phrase of its own
        # ("A.B. Jansen" / "de staatssecretaris van ..."), unless the two make a known word.
        return joined or right.lower() not in _GOES_ON
    return joined


# -- blocks --------------------------------------------------------------------------------


# A lettered or roman list item: "a) ...", "iv. ..."; _LETTERED opens an item of the agreements'
# lettered lists ("a) VWS stelt ...").
_ITEM = re.compile(r"[a-z]{1,4}[.)]\s")
_LETTERED = re.compile(r"[a-z][.)]\s+\S")
# A numbered member of an article or list that is a sentence: "1. Zorgaanbieders richten ...".
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,2}[.)]\s+[A-Z]\S*\s+\w")


def _bullet_re(lines: Sequence[Line]) -> re.Pattern[str]:
    letters = [
        b for b in LETTER_BULLETS if sum(ln.text.lstrip().startswith(f"{b} ") for ln in lines) >= 3
    ]
    signs = "[" + re.escape(BULLET_SIGNS) + "]"
    alts = [signs] + [re.escape(b) + r"(?=\s+[A-Z])" for b in letters]
    return re.compile(rf"^\s*(?:{'|'.join(alts)})\s*")


# A line that ends on one of these words goes on in the next line: it is never a heading,
# however it starts ("Zorginstituut om waar nodig de taken en bevoegdheden van het").
_GOES_ON = frozenset(
    {
        *("de", "het", "een", "van", "en", "of", "om", "met", "voor", "in", "op", "te", "aan"),
        *("door", "die", "dat", "bij", "naar", "tot", "uit", "als", "over"),
    }
)


def _heading_like(s: str) -> bool:
    if not s or len(s) > 110 or len(s.split()) > 16 or _TERMINAL.search(s):
        return False
    if s.split()[-1].casefold() in _GOES_ON:
        return False
    if s.endswith((",", "-", "–")) or not re.search(r"[^\W\d_]{2}", s):
        return False
    first = s[0]
    return first.isupper() or bool(_NUMBERED.match(s))


def _goes_on(s: str) -> bool:
    """Whether a line ends where its sentence cannot stop: on a word such as "het" or "van",
    or on a comma."""
    words = s.split()
    return bool(words) and (words[-1].casefold() in _GOES_ON or s.rstrip().endswith(","))


def _level(s: str) -> int:
    if _ANNEX.match(s):
        return 0
    if m := _NUMBERED.match(s):
        return m.group(1).count(".") + 1
    return 9


def pieces(
    items: Sequence[Line | TableRow], vocab: frozenset[str], hyphenated: bool
) -> list[Piece]:
    """Headings, bullet items, prose paragraphs and table rows, in reading order."""
    lines = [x for x in items if isinstance(x, Line)]
    bullet = _bullet_re(lines)
    out: list[Piece] = []
    para = _Para()
    in_signature = False

    def flush() -> None:
        nonlocal para
        body = [ln for ln in para.lines if ln.text.strip()]
        if body:
            text = join_lines(body, vocab, hyphenated)
            page = body[0].page
            if para.bullet:
                out.append(Piece("bullet", text, page))
            elif not in_signature and _heading_like(text) and len(body) <= 2:
                out.append(Piece("heading", text, page, _level(text)))
            elif text:
                out.append(Piece("prose", text, page))
        para = _Para()

    seq = list(items)
    for idx, item in enumerate(seq):
        if isinstance(item, TableRow):
            flush()
            out.append(Piece("table_row", item.subject, item.page, row=item))
            continue
        s = item.text.strip()
        if not s:
            if para.lines and _continues_after_blank(para, seq, idx):
                continue
            flush()
            continue
        if _CLOSING.match(s):
            flush()
            para.lines.append(item)
            flush()
            in_signature = True
            continue
        if in_signature and (_ANNEX.match(s) or (item.page_start and _heading_like(s))):
            flush()
            in_signature = False
        if m := bullet.match(item.text):
            flush()
            para.bullet = True
            para.lines.append(replace(item, text=item.text[m.end() :]))
            continue
        if _LETTERED.match(s) and para.lines and not para.lines[-1].text.rstrip().endswith(":"):
            # "a) VWS stelt ...", "b. de NZa ...": an item of a lettered list (an intro stays
            # with it)
            flush()
        elif _NUMBERED_ITEM.match(s) and para.lines and re.search(r"[.;]\s*$", para.lines[-1].text):
            flush()  # "2. V&VN actualiseert ..." after a finished item: an article's next member
        nxt = _next_text(seq, idx)
        if item.full:
            para.lines.append(item)  # a line to the right margin goes on: never a heading
            continue
        if (
            _heading_like(s)
            and para.lines
            and _TERMINAL.search(para.lines[-1].text)
            and nxt is not None
            and nxt[:1].islower()
            and len(s) <= 15
            and isinstance(after := seq[idx + 1], Line)
            and _cut_word(item, after, s, nxt, vocab)
        ):
            flush()  # a heading cut by a page break: "1.4 Rege" + "ldruk"
        if (
            not in_signature
            and _heading_like(s)
            and (
                not para.lines
                or _TERMINAL.search(para.lines[-1].text)
                or (para.bullet and not _goes_on(para.lines[-1].text))
            )
            and (
                nxt is None
                or nxt[:1].isupper()
                or bool(bullet.match(nxt))
                or bool(_NUMBERED_ITEM.match(nxt))
            )
            and not (item.page_start and nxt is not None and nxt[:1].islower())
            and not _sentence_goes_on(seq, idx, bullet)
            and not re.fullmatch(r"Bijlage", s, re.I)
        ):
            flush()
            para.lines.append(item)
            flush()
            continue
        para.lines.append(item)
    flush()
    return out


def _next_text(seq: Sequence[Line | TableRow], idx: int) -> str | None:
    for item in seq[idx + 1 :]:
        if isinstance(item, TableRow):
            return None
        if item.text.strip():
            return item.text.strip()
        return None
    return None


def _sentence_goes_on(seq: Sequence[Line | TableRow], idx: int, bullet: re.Pattern[str]) -> bool:
    """True when the text after line idx and the blank lines below it starts in lower case (not
    as a list item such as "a) ..."): the line opens a sentence that a page break cut, as in
    "Zoals toegezegd in de brief over ...", blank, "geeft de Minister ...", not a heading."""
    for item in seq[idx + 1 :]:
        if isinstance(item, TableRow):
            return False
        s = item.text.strip()
        if s:
            return s[:1].islower() and not bullet.match(item.text) and not _ITEM.match(s)
    return False


def _continues_after_blank(para: _Para, seq: Sequence[Line | TableRow], idx: int) -> bool:
    # Text that stops mid-sentence before a blank line and goes on in lower case after it, or
    # whose last line was wrapped at the right margin (a PDF line: "... van 6 februari" /
    # "2025 heb ik ..."), is one paragraph cut by a page break or an extraction quirk.
    last = para.lines[-1].text.strip()
    if not last or _TERMINAL.search(last):
        return False
    if para.lines[-1].full:
        return True
    for item in seq[idx + 1 :]:
        if isinstance(item, TableRow):
            return False
        s = item.text.strip()
        if s:
            return s[:1].islower()
    return False


# -- clauses -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _nlp() -> Any:
    nlp = new_pipeline()
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(text: str) -> list[str]:
    """Sentences of a text by spaCy's rule-based Dutch sentencizer."""
    return [s.text.strip() for s in _nlp()(text).sents if s.text.strip()]


def _opens_by_pointing_back(sentence: str) -> bool:
    """Whether a sentence's first word (or "Ook" and a word after it) points back."""
    if _ALSO_BACK_REFERENCE.match(sentence):
        return True
    return sentence.startswith(BACK_REFERENCES) and not _CONJUNCTION_DAT.match(sentence)


def _refers_back(sentence: str) -> bool:
    return _opens_by_pointing_back(sentence) or bool(_EARLY_BACK_REFERENCE.match(sentence))


# Dates are found in a sentence's words alone, before the document's own date is known.
_ANY_TIME = dt.date(1900, 1, 1)


def _dated(text: str) -> bool:
    """Whether `text` names a date or period of its own ("vóór 1 december 2025", "in het
    najaar van 2025")."""
    return any(e.date is not None for e in find_time_expressions(text, _ANY_TIME))


def _group(sents: Sequence[str]) -> list[str]:
    """Sentences joined into clauses: a short sentence joins a neighbour and one that points
    back joins the sentence before, unless both name a date of their own and the later one
    does not open by pointing back ("Ik stuur uw Kamer vóór 1 december een brief." after a
    sentence dated otherwise): each statement then keeps its own deadline and doer."""
    out: list[str] = []
    for s in sents:
        if (
            out
            and (
                len(s) < SHORT_CHARS
                or len(out[-1]) < SHORT_CHARS
                or (_refers_back(s) and len(out[-1]) + len(s) < JOIN_LIMIT)
            )
            and len(out[-1]) + len(s) < MAX_CHARS
            and not (_dated(s) and not _opens_by_pointing_back(s) and _dated(out[-1]))
        ):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


@lru_cache(maxsize=1)
def _splitter() -> Any:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=MAX_CHARS,
        chunk_overlap=0,
        separators=["; ", ": ", ", ", " ", ""],
        keep_separator="end",
    )


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_CHARS:
        return [text]
    return [c.strip() for c in _splitter().split_text(text) if c.strip()]


def _notes_of(text: str) -> tuple[str, tuple[str, ...]]:
    notes = tuple(MARK_RE.findall(text))
    clean = MARK_RE.sub("", text)
    clean = clean.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    clean = re.sub(r"\s+([.,;:)])", r"\1", " ".join(clean.split()))
    return clean, notes


def segments(blocks: Iterable[Piece]) -> list[Segment]:
    """Clause-sized segments with their section trail."""
    trail: list[tuple[int, str]] = []
    out: list[Segment] = []
    for block in blocks:
        if block.kind == "heading":
            text, notes = _notes_of(block.text)
            while trail and trail[-1][0] >= block.level:
                trail.pop()
            trail.append((block.level, text))
            out.append(Segment("heading", text, block.page, tuple(t for _, t in trail), notes))
            continue
        section = tuple(t for _, t in trail)
        if block.kind == "table_row" and block.row is not None:
            text, notes = _notes_of(block.text)
            out.append(
                Segment("table_row", text, block.page, section + block.row.group, notes, block.row)
            )
            continue
        parts = [block.text] if block.kind == "bullet" else _group(sentences(block.text))
        for part in parts:
            for k, chunk in enumerate(_split_long(part)):
                text, notes = _notes_of(chunk)
                if re.search(r"\w", text):
                    out.append(Segment(block.kind, text, block.page, section, notes, cut=k > 0))
    return _mend(out)


# A clause starts mid-sentence when it opens with a lower-case word or closing punctuation;
# enumerators ("a. ", "ii. ", "b) ") open list items, not continuations.
_MID_SENTENCE = re.compile(r"^(?:[,;:)\]]|[a-zà-ÿ])")
_ENUMERATOR = re.compile(r"^(?:[a-z]|[ivx]{1,4})[.)]\s")
_SENTENCE_END = re.compile(r"[.!?…]['’”»)]*\s*$")
_SALUTATION = re.compile(r"^(Geachte|Beste|Dear)\b")  # a letter's opening line stands alone
FRAGMENT_WORDS = 4  # a prose piece this short that does not end a sentence is a fragment
LEAD_IN_CHARS = 200  # a lead-in longer than this is not repeated before its list items
_TEXT = ("prose", "bullet")


def is_fragment(text: str) -> bool:
    """True when text starts mid-sentence (a lower-case word or closing punctuation, not an
    enumerator such as "a." or "ii)"), or is a piece of fewer than FRAGMENT_WORDS words that
    ends no sentence (no ".", "!", "?" at its end) and is no salutation or closing formula."""
    if _MID_SENTENCE.match(text) and not _ENUMERATOR.match(text):
        return True
    return is_short_fragment(text)


def is_short_fragment(text: str) -> bool:
    """True when text is a piece of fewer than FRAGMENT_WORDS words that ends no sentence and
    is no salutation or closing formula (a list's lead-in, a run-in title)."""
    if _SALUTATION.match(text) or _CLOSING.match(text):
        return False
    return len(text.split()) < FRAGMENT_WORDS and not _SENTENCE_END.search(text)


def _join(a: Segment, b: Segment) -> Segment:
    return replace(a, text=f"{a.text} {b.text}", notes=a.notes + b.notes)


def _mend(segs: list[Segment]) -> list[Segment]:
    """Join fragments to the clause they were cut from: a piece that starts mid-sentence to the
    text before it (across a heading or note a page break put between them), a short piece that
    ends no sentence (a list's lead-in, a run-in title) to the text after it; and give list
    items that end in ";" their lead-in (the text ending in ":" that opens the list).

    A list item that opens in lower case right after a lead-in clause of its own ("Partijen
    spreken af:" / "- de NZa past ... aan;") or after another such item is no fragment: the list
    goes on from its lead-in, and each item reads as one statement with the lead-in before it.
    """
    out: list[Segment] = []
    pending: Segment | None = None
    lead: str | None = None
    opened: str | None = None  # a lead-in that stands as a clause of its own
    for seg in segs:
        if seg.kind not in _TEXT:
            out.append(seg)
            continue
        mended = False
        if pending is not None:
            # The joined clause is the later piece (its kind, page, section) with the lead-in first.
            seg = replace(seg, text=f"{pending.text} {seg.text}", notes=pending.notes + seg.notes)
            pending = None
            mended = True
        mid = bool(_MID_SENTENCE.match(seg.text)) and not _ENUMERATOR.match(seg.text)
        if mid and mended:
            # A fragment opening mid-sentence with no text before it to join (a wrapped subject
            # line at the top of a letter, "regeldruk") is mended once it has joined the piece
            # after it; read again as a fragment it would draw every later paragraph in.
            mid = False
        back = next(
            (i for i in range(len(out) - 1, max(-1, len(out) - 4), -1) if out[i].kind in _TEXT),
            None,
        )
        if (
            mid
            and opened
            and seg.kind == "bullet"
            and not seg.cut
            and seg.text[:1].islower()
            and back is not None
            and (out[back].text == opened or out[back].text.startswith(f"{opened} "))
        ):
            out.append(replace(seg, text=f"{opened} {seg.text}"))
            continue
        if mid and back is not None:
            out[back] = _join(out[back], seg)
            continue
        if is_short_fragment(seg.text) if mended else is_fragment(seg.text):
            pending = seg
            if seg.text.rstrip().endswith(":"):
                lead = seg.text
            continue
        text = seg.text.rstrip()
        if seg.kind == "bullet" and lead and text.endswith(";") and not text.startswith(lead):
            seg = replace(seg, text=f"{lead} {seg.text}")
        elif seg.kind != "bullet":
            lead = opened = None
        if text.endswith(":"):
            lead = text if len(text) <= LEAD_IN_CHARS else None
            opened = lead if seg.kind == "prose" else None
        out.append(seg)
    if pending is not None:
        back = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind in _TEXT), None)
        if back is None:
            out.append(pending)
        else:
            out[back] = _join(out[back], pending)
    return out
