"""Agreements users bring, other than the IZA, without meta.json: what they are, who their
parties are, and that "partijen" in them are their own parties (agreements written for these
tests)."""

from __future__ import annotations

from pathlib import Path

from ingest.pipeline import parse_file
from tagging.actors import senders_as_actors, tag_actors

UNNAMED = "\n".join(
    [
        "Bestuurlijk akkoord acute zorg 2025-2028",
        "",
        "Den Haag, 3 februari 2025",
        "",
        "Partijen",
        "",
        "De minister van Volksgezondheid, Welzijn en Sport,",
        "Zorgverzekeraars Nederland (ZN),",
        "Ambulancezorg Nederland (AZN),",
        "de Landelijke Huisartsen Vereniging (LHV),",
        "",
        "hierna gezamenlijk te noemen: partijen,",
        "",
        "komen het volgende overeen:",
        "",
        "1. Regionale afspraken",
        "",
        "1.1 Partijen spreken af dat elke regio uiterlijk 1 januari 2026 een plan heeft.",
        "1.2 In 2028 evalueren partijen dit akkoord.",
        "1.3 De zorgverzekeraars contracteren de regionale plannen vanaf 2026.",
        "1.4 De minister informeert de Tweede Kamer in het najaar van 2025 over de voortgang.",
        "",
        "Aldus overeengekomen en ondertekend,",
    ]
)

NAMED = "\n".join(
    [
        "Hoofdlijnenakkoord Wijkzorg",
        "",
        "12 april 2025",
        "",
        "Met dit Hoofdlijnenakkoord Wijkzorg (HWZ) spreken de ondertekenaars af dat zorg "
        "dichtbij blijft.",
        "",
        "Partijen leveren uiterlijk 1 juli 2026 een gezamenlijke monitor op.",
    ]
)


def _parse(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def test_an_agreement_without_a_short_name_speaks_with_its_listed_parties(
    tmp_path: Path,
) -> None:
    document, clauses = _parse(tmp_path, "acute_zorg.txt", UNNAMED)
    assert document.doc_type == "akkoord"
    assert document.title == "Bestuurlijk akkoord acute zorg 2025-2028"
    parties = ["minister van VWS", "ZN", "AZN", "LHV"]
    assert senders_as_actors(document.senders) == parties
    by_start = {c.text[:3]: c for c in clauses}
    assert list(by_start["1.1"].actors) == parties  # "Partijen spreken af", numbered
    assert list(by_start["1.2"].actors) == parties  # no IZA-partijen in another agreement
    assert by_start["1.3"].actors == ("zorgverzekeraars",)
    assert by_start["1.4"].actors == ("minister van VWS",)  # the one minister among the parties


def test_an_agreement_with_a_short_name_speaks_as_its_collective(tmp_path: Path) -> None:
    document, clauses = _parse(tmp_path, "wijkzorg.txt", NAMED)
    assert document.doc_type == "akkoord"
    assert "HWZ-partijen" in senders_as_actors(document.senders)
    monitor = next(c for c in clauses if "monitor" in c.text)
    assert monitor.actors == ("HWZ-partijen",)


def test_a_numbered_clause_keeps_its_collective_subject() -> None:
    assert tag_actors("3.2 De zorgverzekeraars contracteren de plannen.")[0] == (
        "zorgverzekeraars",
    )
    assert tag_actors("b) Gemeenten stellen een plan op.")[0] == ("gemeenten",)


def test_a_bare_minister_is_the_one_minister_of_the_document() -> None:
    text = "De minister stuurt uw Kamer voor de zomer een brief."
    assert tag_actors(text, senders=["minister voor Medische Zorg"])[0] == ("minister voor MZS",)
    # two ministers sign: "de minister" does not say which
    assert tag_actors(text, senders=["minister voor Medische Zorg", "minister van VWS"])[0] == ()


def test_an_agreement_listing_its_parties_after_a_colon(tmp_path: Path) -> None:
    """No "komen overeen" formula: the title and a "Partijen:" line make it an agreement."""
    text = "\n".join(
        [
            "Bestuurlijk Akkoord Logopedie (BAL)",
            "",
            "Den Haag, 1 maart 2026",
            "",
            "Partijen: de minister van VWS, ZN en de NVLF.",
            "",
            "Partijen evalueren het akkoord eind 2027.",
        ]
    )
    document, clauses = _parse(tmp_path, "logopedie.txt", text)
    assert document.doc_type == "akkoord"
    assert senders_as_actors(document.senders) == ["BAL-partijen"]
    evaluation = next(c for c in clauses if "evalueren" in c.text)
    assert evaluation.actors == ("BAL-partijen",) and evaluation.kind == "afspraak"


def test_onderwerp_without_a_colon_is_the_subject() -> None:
    from tagging.describe import describe

    text = (
        "Aan het college van burgemeester en wethouders van alle gemeenten\n\n"
        "Datum 2 februari 2026\nOnderwerp Uitvoering respijtzorg 2026\n\nGeacht college,\n\n"
        "Met deze brief informeer ik u over de respijtzorg.\n"
    )
    assert describe(text).title == "Uitvoering respijtzorg 2026"


def test_an_article_heading_over_numbered_members(tmp_path: Path) -> None:
    """ "Artikel 2 ..." over "1. ...", "2. ...": a heading, and each member a clause of its
    own with its number (before, the heading and the first member were one clause and the
    next member's number hung off its end)."""
    text = "\n".join(
        [
            "Landelijk Akkoord Wondzorg (LAWZ)",
            "",
            "Partijen spreken het volgende af.",
            "",
            "Artikel 2 Triage en coördinatie",
            "1. Zorgaanbieders richten een coördinatiepunt in, uiterlijk 1 juli 2027.",
            "2. V&VN actualiseert het normenkader in het eerste kwartaal van 2027.",
            "",
            "Artikel 3 Monitoring",
            "Partijen monitoren de voortgang twee keer per jaar.",
        ]
    )
    _, clauses = _parse(tmp_path, "wondzorg.txt", text)
    heading = next(c for c in clauses if c.text.startswith("Artikel 2"))
    assert heading.block == "heading" and heading.text == "Artikel 2 Triage en coördinatie"
    members = [c for c in clauses if c.section == ("Artikel 2 Triage en coördinatie",)]
    assert [c.text[:8] for c in members if c.block == "prose"] == ["1. Zorga", "2. V&VN "]
    assert [c.actors for c in members if c.block == "prose"] == [("zorgaanbieders",), ("V&VN",)]


def test_a_named_overleg_is_a_body_that_acts() -> None:
    """ "Het Bestuurlijk Overleg X stelt ... vast": the named overleg acts (a body, by the
    conventions); met in, it is only named; "het overleg" alone is no name."""
    assert tag_actors("Het Bestuurlijk Overleg Wondzorg stelt medio 2027 de rapportage vast.")[
        0
    ] == ("Bestuurlijk Overleg Wondzorg",)
    assert tag_actors("Wij bespreken de voortgang in het Bestuurlijk Overleg Wondzorg.") == (
        (),
        ("Bestuurlijk Overleg Wondzorg",),
    )
    assert tag_actors("Het overleg vindt in mei plaats.") == ((), ())
