"""PDFs built from a bundled letter: page provenance, and no header or footer in clause text."""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from ingest.pipeline import parse_file

DEFAULT = Path(__file__).resolve().parent.parent / "corpus" / "default"
HEADER = "Ministerie van Volksgezondheid, Welzijn en Sport"


def _build(path: Path, paragraphs: list[str], per_page: int, rule: bool = False) -> list[list[str]]:
    doc = pymupdf.open()
    pages = [paragraphs[i : i + per_page] for i in range(0, len(paragraphs), per_page)]
    for number, paras in enumerate(pages, start=1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((50, 40), HEADER, fontsize=8)
        if rule:  # a ruling line under the letterhead: the page could hold a drawn table
            page.draw_line((50, 50), (545, 50))
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


def _letter_pdf(path: Path) -> None:
    paragraphs = [
        "Met deze brief informeer ik uw Kamer over de voortgang van het akkoord.",
        "De NZa past de prestaties voor de huisartsenzorg per 1 januari 2025 aan.",
    ]
    _build(path, paragraphs, per_page=1, rule=True)


@pytest.mark.parametrize(
    "failure",
    [
        lambda page, *a, **k: None,  # what find_tables returns when it caught its own error
        lambda page, *a, **k: (_ for _ in ()).throw(RuntimeError("kapotte pagina")),
    ],
)
def test_failed_table_detection_is_logged_with_file_and_page(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    failure: Callable[..., object],
) -> None:
    _letter_pdf(tmp_path / "brief.pdf")
    monkeypatch.setattr(pymupdf.Page, "find_tables", failure)
    with caplog.at_level(logging.WARNING, logger="ingest.pdf"):
        _, clauses = parse_file(tmp_path / "brief.pdf")
    # The text is still read; each page says that its tables were not looked for.
    assert any(c.text.startswith("Met deze brief informeer ik") for c in clauses)
    warnings = [r.getMessage() for r in caplog.records if r.name == "ingest.pdf"]
    path = tmp_path / "brief.pdf"
    assert [w.split(" (")[0] for w in warnings] == [
        f"{path}: page 1: table detection failed",
        f"{path}: page 2: table detection failed",
    ]


def test_a_bug_in_table_detection_is_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _letter_pdf(tmp_path / "brief.pdf")

    def broken(page: object, *args: object, **kwargs: object) -> object:
        raise TypeError("a bug, not a damaged page")

    monkeypatch.setattr(pymupdf.Page, "find_tables", broken)
    with pytest.raises(TypeError):
        parse_file(tmp_path / "brief.pdf")


def test_table_detection_only_on_pages_with_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page without ruling lines or rectangles cannot hold a drawn table: find_tables, the
    slow part of reading a PDF, is not run on it."""
    path = tmp_path / "brief.pdf"
    _build(path, ["Met deze brief informeer ik uw Kamer.", "De NZa past de prestaties aan."], 1)
    doc = pymupdf.open(path)
    doc[1].draw_rect(pymupdf.Rect(50, 300, 300, 340))
    doc.save(tmp_path / "brief2.pdf")
    called: list[int] = []
    real = pymupdf.Page.find_tables

    def counting(page: pymupdf.Page, *args: object, **kwargs: object) -> object:
        called.append(page.number + 1)
        return real(page, *args, **kwargs)

    monkeypatch.setattr(pymupdf.Page, "find_tables", counting)
    _, clauses = parse_file(tmp_path / "brief2.pdf")
    assert called == [2]
    assert any(c.text.startswith("Met deze brief informeer ik") for c in clauses)
