"""Shared fixtures: an isolated AKKOORD_HOME per test, and the default corpus built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# Embeddings are cached by content, so a cache kept between test runs only saves time: every
# test still embeds whatever text it has that the cache has not seen (the cache is gitignored).
TEST_CACHE = ROOT / ".akkoord-test-cache"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No test may read or write the developer's real state folder.
    monkeypatch.setenv("AKKOORD_HOME", str(tmp_path / "akkoord-home"))
    monkeypatch.setenv("AKKOORD_CACHE", str(TEST_CACHE))


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
