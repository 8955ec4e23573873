"""Footnotes that cite a source name their author, not a doer (tagging.tag.is_reference)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from tagging.tag import is_reference


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Monitor wachttijden 2024 | Rapport | Nederlandse Zorgautoriteit", True),
        ("Zorgkosten in beeld, RIVM, 2023.", True),
        ("Handreiking samenwerking (2021), via https://www.example.nl/handreiking.", True),
        ("CBS Statline", True),
        ("De NZa publiceert dit rapport in het voorjaar.", False),
        ("IGJ en NZa doen samen onderzoek, zie https://www.example.nl/onderzoek.", False),
        ("VNG, ZN, LHV, InEen en ActiZ.", False),  # a bare list of names may name the doers
    ],
)
def test_a_reference_is_told_from_a_statement(text: str, reference: bool) -> None:
    assert is_reference(text) is reference


def test_a_cited_author_is_no_actor_of_its_footnote(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(
        "Kamerbrief over de wachttijden\n\n"
        "Datum 3 maart 2025\n\n"
        "Wij vragen zorgverzekeraars om de wachttijden te verkorten."
        "[1: Monitor wachttijden 2024 | Rapport | Nederlandse Zorgautoriteit]\n\n"
        "De NZa publiceert in het najaar een nieuwe monitor."
        "[2: De NZa publiceert de monitor jaarlijks in oktober.]\n",
        encoding="utf-8",
    )
    _, clauses = parse_file(path, {"senders": ["minister van VWS"], "date": "2025-03-03"})
    notes = [c for c in clauses if c.block == "footnote"]
    cited = next(c for c in notes if "Rapport" in c.text)
    assert cited.actors == () and "NZa" in cited.mentions
    stated = next(c for c in notes if "oktober" in c.text)
    assert stated.actors == ("NZa",)
