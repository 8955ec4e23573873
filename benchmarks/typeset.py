"""Typeset the corpus texts as PDFs in three layouts, and tabulate what ingest reads from them.

Run: python -m benchmarks.typeset [--out DIR] [--docs 000,002]
Writes, per document, PDFs in the layouts below (letters: "briefhoofd" and "kaal"; agreements:
"akkoord") and prints a Markdown table of the date, title, signers and type read from the text
and from each PDF, with and without meta.json.

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
from pathlib import Path

from corpus.default import DEFAULT_CORPUS
from tagging.dates import MONTH_NAMES

LAYOUTS = ("briefhoofd", "kaal", "akkoord")
WIDTH, HEIGHT = 595, 842  # A4 in points
LEFT, TOP, BOTTOM = 70, 90, 780
RIGHT_COLUMN = 470
SIZE, LEADING, WRAP = 9, 12, 88
# Characters outside the PDF base font's encoding, as a typesetter's font would show them.
_GLYPHS = {"\uf0b7": "•", "\uf0d8": "•", "\u2011": "-", "\u00ad": ""}


def long_date(day: dt.date) -> str:
    """16 juni 2023."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for raw in text.split("\n"):
        # tab-aligned columns (a signature block) set with single spaces, as a PDF shows them
        line = " ".join("".join(_GLYPHS.get(c, c) for c in raw).split())
        out.extend(textwrap.wrap(line, WRAP, break_on_hyphens=False) or [""])
    return out


def _write(page: object, x: float, y: float, text: str, size: float = SIZE) -> None:
    page.insert_text((x, y), text, fontsize=size, fontname="helv")  # type: ignore[attr-defined]


def typeset(text: str, meta: dict[str, object], layout: str, out: Path) -> Path:
    """Write `text` as a PDF in `layout` (one of LAYOUTS) to `out`; returns `out`."""
    import pymupdf

    date = dt.date.fromisoformat(str(meta["date"]))
    title = str(meta["title"])
    kenmerk = str(meta.get("kenmerk") or f"{abs(hash(title)) % 10_000_000}-{date.year}-VWS")
    body = _lines(text)
    per_page = int((BOTTOM - TOP) / LEADING)
    first_skip = 14 if layout in ("briefhoofd", "kaal") else 0
    pages: list[list[str]] = []
    rest = body
    while rest:
        room = per_page - (first_skip if not pages else 0)
        pages.append(rest[:room])
        rest = rest[room:]
    doc = pymupdf.open()
    if layout == "akkoord":
        cover = doc.new_page(width=WIDTH, height=HEIGHT)
        _write(cover, LEFT, 300, title, 22)
        _write(cover, LEFT, 340, "Samen werken aan gezonde zorg", 13)
        _write(cover, LEFT, 400, long_date(date), 12)
    total = len(pages) + (1 if layout == "akkoord" else 0)
    for k, lines in enumerate(pages):
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
                _write(page, LEFT, y + i * LEADING, line)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    doc.close()
    return out


def layouts_for(meta: dict[str, object]) -> tuple[str, ...]:
    """The layouts a document is typeset in: an agreement gets a title page, a letter both."""
    return ("akkoord",) if meta.get("doc_type") == "akkoord" else ("briefhoofd", "kaal")


def typeset_corpus(out: Path, docs: Sequence[str] = ()) -> list[tuple[str, str, Path]]:
    """(file name, layout, PDF path) for every bundled document (or those starting with `docs`)."""
    from ingest.pipeline import load_meta

    meta = load_meta(DEFAULT_CORPUS)
    made = []
    for name in sorted(meta):
        if docs and not any(name.startswith(d) for d in docs):
            continue
        text = (DEFAULT_CORPUS / name).read_text(encoding="utf-8")
        for layout in layouts_for(meta[name]):
            pdf = out / f"{Path(name).stem}.{layout}.pdf"
            made.append((name, layout, typeset(text, meta[name], layout, pdf)))
    return made


def main(argv: Sequence[str] | None = None) -> int:
    from ingest.pipeline import load_meta, parse_file
    from tagging.actors import senders_as_actors

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/akkoord-typeset"))
    parser.add_argument("--docs", default="")
    args = parser.parse_args(argv)
    docs = [d for d in args.docs.split(",") if d]
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
