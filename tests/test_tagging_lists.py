"""A list item phrased as an action takes the kind of the sentence that introduces the list."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_file

LETTER = """Geachte voorzitter,

Het aantal wijkverpleegkundigen blijft achter bij de vraag in de regio. We zetten daarom in \
op een extra impuls, onder meer via:
• Verstevigen van de rol van gemeenten bij de inkoop van wijkverpleging;
• Uitbreiden van het aantal opleidingsplaatsen voor wijkverpleegkundigen.

Voorbeelden van resultaten van het programma zijn:
• Afschaffen van de verplichte handtekening onder het zorgplan;
• Vereenvoudigen van de indicatiestelling.

De minister van Volksgezondheid, Welzijn en Sport,
"""


def test_items_of_a_plan_plan_and_items_of_a_report_report(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(LETTER, encoding="utf-8")
    _, clauses = parse_file(path, {"date": "2025-03-01", "doc_type": "kamerbrief"})
    kinds = {c.text.rstrip(".;"): c.kind for c in clauses if c.block == "bullet"}
    assert kinds["Uitbreiden van het aantal opleidingsplaatsen voor wijkverpleegkundigen"] == (
        "voornemen"
    )
    assert kinds["Vereenvoudigen van de indicatiestelling"] == "feit"
