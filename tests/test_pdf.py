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


SIDE_COLUMN = (
    "Directie Langdurige Zorg\n\nBezoekadres\nParnassusplein 5\n2511 VX Den Haag\n\n"
    "Kenmerk\n4102938-1055-LZ\n\nBijlage(n)\n2\n\nUw brief\n-\n\nCorrespondentie uitsluitend\n"
    "richten aan het retouradres\nmet vermelding van de datum\nen het kenmerk van deze brief."
)
# Sentences whose wrapped lines open with a year, a number or a capital: only the right margin
# tells that the line above them goes on.
SENTENCES = [
    "Tijdens het commissiedebat over de wijkverpleging van donderdag 6 februari 2025 heb ik "
    "toegezegd uw Kamer voor de zomer van 2025 te informeren over de uitkomsten van de proeven "
    "met zelfroosteren.",
    "Het tekort aan wijkverpleegkundigen is in het afgelopen jaar opgelopen tot ruim 4.000 "
    "voltijdbanen, vooral in de regio's met een oudere bevolking en weinig opleidingsplaatsen.",
    "De zorgverzekeraars en de gemeenten in de regio stellen samen met de Nederlandse "
    "Zorgautoriteit uiterlijk 1 oktober 2025 een gezamenlijk inkoopkader op.",
]


def _word_letter(path: Path) -> None:
    """A letter set the way word processors export it: each body line a text block of its own
    (wide line spacing), a letterhead column in a smaller size right of the body."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_textbox(pymupdf.Rect(440, 90, 560, 420), SIDE_COLUMN, fontsize=6.5)
    page.insert_textbox(
        pymupdf.Rect(72, 200, 400, 240),
        "Datum 14 maart 2025\nBetreft Voortgang wijkverpleging",
        fontsize=9.5,
    )
    y = 270.0
    for text in ["Geachte voorzitter,", *SENTENCES]:
        left = page.insert_textbox(
            pymupdf.Rect(72, y, 400, 800), text, fontsize=9.5, lineheight=1.5
        )
        y = 800 - left + 14
    doc.save(path)


def test_a_wrapped_line_goes_on_across_blocks_and_the_letterhead_column(tmp_path: Path) -> None:
    _word_letter(tmp_path / "brief.pdf")
    blocks = pymupdf.open(tmp_path / "brief.pdf")[0].get_text("dict")["blocks"]
    body = [b for b in blocks if b["bbox"][0] < 100 and b["bbox"][1] > 260]
    assert len(body) > len(SENTENCES) + 1  # the premise: lines in blocks of their own
    document, clauses = parse_file(tmp_path / "brief.pdf")
    texts = [c.text for c in clauses]
    for sentence in SENTENCES:
        assert sentence in texts
    assert not [t for t in texts if "kenmerk" in t.lower() or "Directie" in t or t in "2-"]
    assert document.date is not None and document.date.isoformat() == "2025-03-14"
