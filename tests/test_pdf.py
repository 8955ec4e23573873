"""PDFs built from a bundled letter: page provenance, and no header or footer in clause text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pymupdf

from ingest.pipeline import parse_file

DEFAULT = Path(__file__).resolve().parent.parent / "corpus" / "default"
HEADER = "Ministerie van Volksgezondheid, Welzijn en Sport"


def _build(path: Path, paragraphs: list[str], per_page: int) -> list[list[str]]:
    doc = pymupdf.open()
    pages = [paragraphs[i : i + per_page] for i in range(0, len(paragraphs), per_page)]
    for number, paras in enumerate(pages, start=1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((50, 40), HEADER, fontsize=8)
        y = 80.0
        for para in paras:
            for line in textwrap.wrap(para, 90):
                page.insert_text((50, y), line, fontsize=9)
                y += 12
            y += 12
        page.insert_text((450, 815), f"Pagina {number} van {len(pages)}", fontsize=8)
    doc.save(path)
    return pages


def test_pdf_pages_and_furniture(tmp_path: Path) -> None:
    source = (DEFAULT / "004_343f819aeff57cdd.txt").read_text(encoding="utf-8")
    paragraphs = [
        " ".join(p.split())
        for p in source.split("\n\n")
        if len(p.split()) > 25 and p.strip()[:1].isupper() and "http" not in p
    ][:12]
    pages = _build(tmp_path / "brief.pdf", paragraphs, per_page=3)
    document, clauses = parse_file(tmp_path / "brief.pdf")
    assert document.pages == len(pages) == 4
    assert all(c.page is not None for c in clauses)
    assert not any(HEADER in c.text or "Pagina " in c.text for c in clauses)
    for number, paras in enumerate(pages, start=1):
        opening = " ".join(paras[0].split()[:6])
        hit = next(c for c in clauses if c.text.startswith(opening))
        assert hit.page == number
