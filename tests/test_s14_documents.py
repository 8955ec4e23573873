"""Documents as users bring them, found on the written evaluation documents' tuning half:
a subject wrapped onto a second line, footnote markers as superscripts or after "c.s.", a
table without date or responsible columns, an agreement that names its own parties, and a PDF
whose first page runs into the text. Every text here is written for the test."""

from __future__ import annotations

from pathlib import Path

from benchmarks.typeset import typeset_plain
from ingest.pipeline import parse_file
from tagging.describe import describe

# The subject is one line of the text file; a PDF wraps it.
SUBJECT = (
    "Tweede voortgangsbrief over de inzet van wijkteams, de scholing van vrijwilligers en de "
    "regeldruk"
)
LETTER = f"""> Retouradres Postbus 20350 2500 EJ Den Haag

De Voorzitter van de Tweede Kamer
der Staten-Generaal

Den Haag, 3 februari 2027

Betreft\t{SUBJECT}
Ons kenmerk\t5512087-1063455-WZ

Geachte voorzitter,

Met deze brief informeer ik uw Kamer over de wijkteams.¹ De Stichting Buurtzorgkracht (SBK) heeft
in 2026 veertig wijkteams opgeleid.

1. Wijkteams

Het lid Pieters c.s.2 vroeg om een overzicht van de wachttijden. De SBK stuurt dat overzicht voor de
zomer aan de gemeenten.

2. Scholing

De NZa past de regels per 1 januari 2028 aan. Ik informeer uw Kamer in het najaar over de scholing.

De minister van Volksgezondheid, Welzijn en Sport,

A.B. Jansen

¹ Kamerstuk 12 345, nr. 6.
2 Kamerstuk 12 345, nr. 7.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrapped_subject_line_does_not_swallow_the_letter(tmp_path: Path) -> None:
    # As a PDF the subject wraps ("... en de" / "regeldruk"): the rest of the line belongs to
    # the subject, and the letter's paragraphs stay clauses of their own.
    pdf = typeset_plain(LETTER, tmp_path / "brief.pdf")
    document, clauses = parse_file(pdf)
    prose = [c.text for c in clauses if c.block == "prose"]
    assert document.title.endswith("en de regeldruk")
    assert any(t.startswith("De NZa past de regels") for t in prose)
    assert all(len(t) < 300 for t in prose)
    assert not any(t.startswith("regeldruk") for t in prose)


def test_superscript_and_abbreviation_markers_find_their_notes(tmp_path: Path) -> None:
    _, clauses = parse_file(_write(tmp_path, "brief.txt", LETTER))
    notes = [c.text for c in clauses if c.block == "footnote"]
    assert notes == ["Kamerstuk 12 345, nr. 6.", "Kamerstuk 12 345, nr. 7."]
    assert not any("Kamerstuk" in c.text for c in clauses if c.block != "footnote")


def test_a_budget_table_gives_rows_with_the_party_they_name(tmp_path: Path) -> None:
    text = (
        "Convenant Schone Lucht in de Zorg 2027-2030 (SLZ)\n\n"
        "Partijen komen het volgende overeen.\n\n"
        "Artikel 3 Bijdragen\n\n"
        "Partijen dragen als volgt bij:\n\n"
        "Partij\t2027\t2028\tTotaal\n"
        "Zorgverzekeraars\t100.000\t120.000\t220.000\n"
        "VNG\t50.000\t50.000\t100.000\n\n"
        "Artikel 4 Looptijd\n\n"
        "Het convenant loopt tot en met 31 december 2030.\n"
    )
    _, clauses = parse_file(_write(tmp_path, "convenant.txt", text))
    rows = [c for c in clauses if c.block == "table_row"]
    assert [r.text for r in rows] == [
        "Zorgverzekeraars 100.000 120.000 220.000",
        "VNG 50.000 50.000 100.000",
    ]
    assert [r.actors for r in rows] == [("zorgverzekeraars",), ("VNG",)]
    assert not any(c.block == "heading" and "100.000" in c.text for c in clauses)


def test_an_agreement_speaks_as_the_parties_it_names_itself() -> None:
    signed = (
        "Dit Bestuurlijk akkoord fysiotherapie 2027-2029 (BAF) wordt gesloten tussen de minister "
        "van Volksgezondheid, Welzijn en Sport en KNGF, hierna gezamenlijk te noemen: partijen.\n\n"
        "Partijen komen het volgende overeen.\n\n"
        "Aldus overeengekomen te Utrecht op 2 maart 2027.\n\n"
        "De minister van Volksgezondheid, Welzijn en Sport,\n\nC. de Vries\n"
    )
    described = describe(signed)
    assert described.doc_type == "akkoord"
    assert described.senders[-1] == "BAF-partijen"
    assert described.signatories == ("C. de Vries",)
    collective = (
        "Convenant Zorg Dichtbij Twente 2026-2028\n\n(ZDT)\n\nDe partijen:\n\n"
        "1. De gemeente Enschede;\n2. Stichting Wijkzorg Twente;\n\n"
        "hierna samen te noemen: de ZDT-partijen of partijen,\n\nkomen het volgende overeen:\n"
    )
    assert describe(collective).senders[-1] == "ZDT-partijen"
    untitled = collective.replace("hierna samen te noemen: de ZDT-partijen of partijen,", "")
    assert describe(untitled).senders[-1] == "ZDT-partijen"


def test_a_pdf_without_a_title_page_takes_its_first_line_as_title(tmp_path: Path) -> None:
    text = (
        "Convenant Zorg Dichtbij Twente 2026-2028\n\n"
        + "De partijen komen het volgende overeen. " * 60
        + "\n\nAldus overeengekomen te Hengelo op 4 mei 2026.\n"
    )
    document, _ = parse_file(typeset_plain(text, tmp_path / "convenant.pdf"))
    assert document.doc_type == "akkoord"
    assert document.title.startswith("Convenant Zorg Dichtbij Twente")


def test_a_lettered_list_with_full_stops_gives_an_item_a_clause(tmp_path: Path) -> None:
    text = (
        "Geachte voorzitter,\n\n"
        "De NZa heeft drie taken gekregen:\n"
        "a. de NZa herziet de prestaties voor 1 juli 2027;\n"
        "b. de NZa publiceert de tarieven voor 1 oktober 2027;\n"
        "c. de NZa rapporteert eind 2027 over de effecten.\n"
    )
    _, clauses = parse_file(_write(tmp_path, "brief.txt", text))
    items = [c for c in clauses if "de NZa" in c.text]
    assert len(items) == 3
    assert [c.deadline.isoformat() for c in items if c.deadline] == [
        "2027-07-01",
        "2027-10-01",
        "2027-12-31",
    ]


def test_bodies_defined_names_and_organs_act() -> None:
    from tagging.actors import tag_actors
    from tagging.orgnames import document_names

    voice = ("minister van VWS",)
    assert tag_actors("De stuurgroep Zorg Noord neemt begin 2027 een besluit.", voice)[0] == (
        "stuurgroep",
    )
    assert tag_actors("Het Adviesorgaan Zorgruimte verwacht een tekort.", voice)[0] == (
        "Adviesorgaan Zorgruimte",
    )
    assert tag_actors("Het Uitvoeringsorgaan verwacht dat het tekort groeit.", voice)[0] == (
        "Uitvoeringsorgaan",
    )
    lines = [
        "3. Stichting Samen Sterk Drenthe (hierna: SSD), vertegenwoordigd door haar bestuurder;",
        "4. De Regionale Huisartsenzorg Zuid U.A. (hierna: Huisartsen Zuid), vertegenwoordigd;",
        "Huisartsen Zuid opent in 2027 twee nieuwe posten.",
        "SSD zet per 1 januari 2027 buurtcoaches in.",
    ]
    names = document_names(lines)
    assert {"SSD", "Huisartsen Zuid"} <= names
    assert tag_actors(lines[2], voice, names=names)[0] == ("Huisartsen Zuid",)
    assert tag_actors(lines[3], voice, names=names)[0] == ("SSD",)
    assert tag_actors("Onder leiding van GGD GHOR Nederland komt er een handreiking.", voice)[
        0
    ] == ("GGD GHOR NL",)


def test_notes_in_brackets_at_the_end_and_a_date_that_wraps_are_told_apart(
    tmp_path: Path,
) -> None:
    text = (
        "Geachte voorzitter,\n\n"
        "Zorgkantoren melden de wachtlijsten elke maand.[1] De nieuwe regels gaan in op\n"
        "1 maart 2027. De NZa houdt toezicht op de zorgplicht.[2]\n\n"
        "Hoogachtend,\n\nDe minister voor Langdurige Zorg, Jeugd en Sport,\n\nA. de Wit\n\n"
        "Voetnoten\n\n"
        "[1] Bron: CIZ, Kwartaalrapportage 2026.\n"
        "[2] Kamerstukken II 2026/27, 31 765, nr. 1.\n"
    )
    _, clauses = parse_file(_write(tmp_path, "brief.txt", text))
    assert [c.text for c in clauses if c.block == "footnote"] == [
        "Bron: CIZ, Kwartaalrapportage 2026.",
        "Kamerstukken II 2026/27, 31 765, nr. 1.",
    ]
    dated = next(c for c in clauses if "nieuwe regels" in c.text)
    assert dated.block == "prose"
    assert dated.deadline is not None and dated.deadline.isoformat() == "2027-03-01"


def test_a_co_signer_who_names_their_part_speaks_alone_there(tmp_path: Path) -> None:
    text = (
        "Geachte voorzitter,\n\n"
        "Wij schetsen in deze brief onze plannen voor de eerstelijn.\n\n"
        "1. Huisartsen\n\n"
        "Als minister ben ik verantwoordelijk voor de huisartsenzorg. Ik stuur u in het najaar "
        "een plan.\n\n"
        "Daarnaast wil ik de avonddiensten verlichten.\n\n"
        "Wij informeren uw Kamer in 2027 over de voortgang.\n\n"
        "2. Wijkverpleging\n\n"
        "Ik verminder de verantwoordingseisen in 2027 met de helft.\n\n"
        "De minister van Volksgezondheid, Welzijn en Sport,\n\nA. Bakker\n\n"
        "De staatssecretaris van Volksgezondheid, Welzijn en Sport,\n\nB. de Groot\n"
    )
    _, clauses = parse_file(_write(tmp_path, "brief.txt", text))
    by_start = {c.text[:20]: c.actors for c in clauses if c.block == "prose"}
    assert by_start["Daarnaast wil ik de "] == ("minister van VWS",)
    assert set(by_start["Wij informeren uw Ka"]) == {"minister van VWS", "staatssecretaris van VWS"}
    # another section: nobody said whose part it is
    assert set(by_start["Ik verminder de vera"]) == {"minister van VWS", "staatssecretaris van VWS"}


def test_an_annex_speaks_with_the_voice_of_its_letter() -> None:
    text = (
        "Bijlage 2 bij de voortgangsbrief wijkzorg: Werkplan 2027\n\n"
        "Behorend bij de brief van de minister voor Langdurige Zorg, Jeugd en Sport van "
        "3 maart 2027, kenmerk 1234567-89\n\n"
        "Deze bijlage bevat het werkplan.\n"
    )
    described = describe(text)
    assert described.doc_type == "bijlage"
    assert described.senders == ("minister voor LJS",)


def test_a_name_that_goes_on_over_a_lower_case_word_to_its_short_form() -> None:
    from tagging.orgnames import find_org_names

    text = "De Stichting Hulp op Maat Drenthe (HMD) opent in 2027 drie loketten."
    assert [o.name for o in find_org_names(text)] == ["HMD"]
    assert [o.name for o in find_org_names("Daarnaast zetten we in op Drenthe.")] == []


def test_a_pdf_with_a_table_and_footnote_markers_reads(tmp_path: Path) -> None:
    # The table's placeholder line once took a note marker ("row:1" read as "row:" + note 1)
    # and ingest failed on the PDF.
    text = (
        "Geachte voorzitter,\n\n"
        "De NZa rapporteert over de wachttijden.1 Het overzicht staat hieronder.\n\n"
        "Actie\tWie\tWanneer\n"
        "Monitor wachttijden\tNZa\t1 juli 2027\n"
        "Handreiking wijkzorg\tVNG\teind 2027\n\n"
        "Ik informeer uw Kamer in het najaar over de voortgang.\n\n"
        "De minister van Volksgezondheid, Welzijn en Sport,\n\nA. Bakker\n\n"
        "1 Kamerstuk 12 345, nr. 8.\n"
    )
    _, clauses = parse_file(typeset_plain(text, tmp_path / "brief.pdf"))
    rows = [c for c in clauses if c.block == "table_row"]
    assert [(r.actors, str(r.deadline)) for r in rows] == [
        (("NZa",), "2027-07-01"),
        (("VNG",), "2027-12-31"),
    ]
    assert [c.text for c in clauses if c.block == "footnote"] == ["Kamerstuk 12 345, nr. 8."]


def test_a_quoted_question_commits_nobody_and_regional_ggds_are_not_their_association(
    tmp_path: Path,
) -> None:
    text = (
        "Geachte voorzitter,\n\n"
        "Vraag 1\n\n"
        "Bent u bereid de Kamer voor de zomer te informeren over de wachttijden?\n\n"
        "Antwoord 1\n\n"
        "Ja. De GGD'en meten de wachttijden in 2027 in alle regio's.\n\n"
        "De minister van Volksgezondheid, Welzijn en Sport,\n\nA. Bakker\n"
    )
    _, clauses = parse_file(_write(tmp_path, "antwoorden.txt", text))
    question = next(c for c in clauses if c.text.startswith("Bent u bereid"))
    assert (question.actors, question.kind) == ((), "feit")
    answer = next(c for c in clauses if "meten" in c.text)
    assert answer.actors == ("GGD'en",)


def test_the_writers_asking_leave_the_doing_to_those_asked() -> None:
    from tagging.actors import tag_actors

    voice = ("minister voor MZS",)
    inverted = "Zorgverzekeraars verzoek ik om voor 1 oktober een coördinator te benoemen."
    assert tag_actors(inverted, voice)[0] == ("zorgverzekeraars",)
    own = "Op mijn verzoek actualiseert het Zorginstituut eind 2026 de module."
    assert tag_actors(own, voice)[0] == ("ZINl",)
    assert tag_actors("Ik actualiseer eind 2026 de module.", voice)[0] == voice
