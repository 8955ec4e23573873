"""Annex tables: rows of the IZA's annex L from text, and rows of a drawn table in a PDF."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from ingest.pipeline import parse_file

DEFAULT = Path(__file__).resolve().parent.parent / "corpus" / "default"
IZA = DEFAULT / "001_f49a419464a26771.txt"


@pytest.fixture(scope="module")
def iza_rows() -> list:
    _, clauses = parse_file(IZA)
    return [c for c in clauses if c.block == "table_row"]


def test_annex_l_rows_are_found(iza_rows: list) -> None:
    # Annex L of the IZA lists 120 work items: its Gereed column holds 120 values in the text.
    assert len(iza_rows) == 120
    assert all(c.kind == "afspraak" and c.deadline_text for c in iza_rows)
    assert all("Bijlage L Uitwerkpunten IZA" in c.section for c in iza_rows)
    assert not any("Onderwerp Gereed" in c.text for c in iza_rows)


def test_named_rows(iza_rows: list) -> None:
    by_text = {c.get("subject"): c for c in iza_rows}
    team = by_text["Inrichten programmateam"]
    assert team.deadline_text == "1-10-2022"
    assert team.get("responsible") == "VWS"
    assert team.text == "Inrichten programmateam | 1-10-2022 | VWS"  # the row as printed
    assert team.section[-1] == "Governance"
    subject = "Implementeren verbetering en verbreding toets op het basispakket"
    wrapped = by_text[f"{subject} (incl. dure geneesmiddelen)"]
    assert wrapped.deadline_text == "1-1-2-24"
    herijken = by_text["Herijken regiobeelden"]
    assert (
        herijken.get("responsible")
        == "2 grootste Zorgverzekeraars in de regio, regionale partijen, VWS"
    )
    unknown = by_text["Uitwerken hoe passende zorg via de toezichtsrol versterkt kan worden"]
    assert unknown.deadline_text == "?"


def _table_pdf(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((50, 60), "Bijlage 1 Actiepunten", fontsize=12)
    rows = [
        ("Onderwerp", "Gereed", "Verantwoordelijke"),
        ("Algemeen", "", ""),
        ("Opstellen werkplan regio", "1-3-2024", "VWS, NZa"),
        ("Evalueren pilot wijkzorg", "?", "ZN"),
    ]
    xs, top, height = (50, 330, 420, 545), 90, 30
    for r, cells in enumerate(rows):
        y = top + r * height
        for c, cell in enumerate(cells):
            rect = pymupdf.Rect(xs[c], y, xs[c + 1], y + height)
            page.draw_rect(rect, color=(0, 0, 0), width=0.8)
            if cell:
                page.insert_text((rect.x0 + 4, rect.y0 + 18), cell, fontsize=9)
    page.insert_text((50, 260), "Na de tabel volgt gewone tekst over de uitvoering.", fontsize=10)
    doc.save(path)


def test_drawn_pdf_table(tmp_path: Path) -> None:
    path = tmp_path / "tabel.pdf"
    _table_pdf(path)
    _, clauses = parse_file(path)
    rows = [c for c in clauses if c.block == "table_row"]
    assert [c.get("subject") for c in rows] == [
        "Opstellen werkplan regio",
        "Evalueren pilot wijkzorg",
    ]
    assert rows[0].deadline_text == "1-3-2024" and rows[0].get("responsible") == "VWS, NZa"
    assert rows[0].section[-1] == "Algemeen" and rows[0].page == 1
    prose = [c for c in clauses if c.block == "prose"]
    assert any("Na de tabel volgt" in c.text for c in prose)
    assert not any("Opstellen werkplan" in c.text for c in prose)


@pytest.mark.parametrize("sign", [" | ", "; "])
def test_a_delimited_table_gives_its_rows(tmp_path: Path, sign: str) -> None:
    """A table whose cells a sign sets apart, under a header naming who and when: one row
    each, with its responsible cell and its date; before, the rows vanished."""
    rows = [
        ("actie", "wie", "wanneer"),
        ("Uitwerking regionale coördinatiepunten", "ZN, ActiZ", "Q1 2027"),
        ("Landelijke campagne werving", "V&VN", "voorjaar 2027"),
        ("Aanpassing beleidsregel wijkverpleging", "NZa", "1 januari 2028"),
    ]
    text = "\n".join(
        [
            "Geachte voorzitter,",
            "",
            "Partijen spreken de volgende acties af.",
            "",
            "Bijlage 1 Actielijst",
            "",
            *(sign.join(r) for r in rows),
            "",
            "Hoogachtend,",
        ]
    )
    path = tmp_path / "actielijst.txt"
    path.write_text(text, encoding="utf-8")
    _, clauses = parse_file(path, {"date": "2026-09-30", "doc_type": "akkoord"})
    got = [c for c in clauses if c.block == "table_row"]
    assert [c.text.split(" | ")[0] for c in got] == [r[0] for r in rows[1:]]
    assert [c.actors for c in got] == [("ZN", "ActiZ"), ("V&VN",), ("NZa",)]
    assert [c.deadline.isoformat() if c.deadline else None for c in got] == [
        "2027-03-31",
        "2027-05-31",
        "2028-01-01",
    ]
    assert any(c.text.startswith("Hoogachtend") for c in clauses)
