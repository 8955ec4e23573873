"""Concurrent users: eight readers searching while a CLI ingest rebuilds the index, and the app's
upload while a CLI ingest runs: every search answers, no document is lost, no index is corrupt."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest
from reliability_support import EMBEDDER, cli, copied_home, dump, indexed_home, start_cli

from app import service
from app.config import Settings
from app.ui.upload import UploadError, add_upload_or_busy
from corpus.store import Store
from index import Searcher

READERS = 8
LETTER = (
    "Geachte voorzitter,\n\nIk zeg toe uw Kamer voor 1 {month} 2031 te informeren over de "
    "{topic} in de regio.\n\nDe minister van Volksgezondheid, Welzijn en Sport\n"
)
TOPICS = ("mondzorg", "geboortezorg", "revalidatie", "dementiezorg", "palliatieve zorg")


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory, small_corpus: Path) -> Path:
    return indexed_home(tmp_path_factory.mktemp("conc"), small_corpus)


@pytest.fixture
def home(built_home: Path, tmp_path: Path) -> Path:
    return copied_home(built_home, tmp_path)


def _letters(folder: Path, month: str) -> Path:
    folder.mkdir()
    for topic in TOPICS:
        text = LETTER.format(month=month, topic=topic)
        (folder / f"brief_{topic.replace(' ', '_')}_{month}.txt").write_text(text, "utf-8")
    return folder


def test_eight_readers_search_while_an_ingest_rebuilds_the_index(
    home: Path, tmp_path: Path
) -> None:
    ingest = start_cli(home, "ingest", str(_letters(tmp_path / "new", "maart")))
    errors: list[str] = []
    served: Counter[int] = Counter()  # searches answered, by the size of the index they used
    lock = threading.Lock()

    def reader() -> None:
        rounds = 0
        while ingest.poll() is None or rounds < 3:
            rounds += 1
            try:
                # A fresh open each round, as a new app session or `akkoord search` does.
                with Store(home / "akkoord.db") as store:
                    searcher = Searcher.open(home / "index", store, EMBEDDER)
                    hits = searcher.search("wijkverpleging wachttijden", k=5)
                    assert hits, "no answer"
                    assert store.neighbours(hits[0].clause.id)
                with lock:
                    served[searcher.manifest.clauses] += 1
            except Exception as exc:  # every failure is a finding: collect them all
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=reader) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    _, err = ingest.communicate(timeout=600)
    for thread in threads:
        thread.join(timeout=600)
    assert ingest.returncode == 0, err
    assert errors == []
    assert sum(served.values()) >= READERS * 3
    print(f"\nsearches answered per index size (clauses): {dict(served)}")
    assert service.index_current(Settings(home=home, embedder=EMBEDDER))


def test_a_cli_ingest_while_the_app_uploads_loses_nothing(home: Path, tmp_path: Path) -> None:
    ingest = start_cli(home, "ingest", str(_letters(tmp_path / "cli", "april")))
    upload = LETTER.format(month="mei", topic="huisartsenzorg").encode("utf-8")
    settings = Settings(home=home, embedder=EMBEDDER)  # no shared cache, like the CLI
    try:
        result = add_upload_or_busy(settings, "upload_mei.txt", upload)
        uploaded = result.changed
    except UploadError as exc:  # the other way both may end: one says to try again
        assert "bezig, probeer het zo opnieuw" in str(exc)
        uploaded = False
    _, err = ingest.communicate(timeout=600)
    assert ingest.returncode == 0, err
    if not uploaded:
        uploaded = add_upload_or_busy(settings, "upload_mei.txt", upload).changed
    assert uploaded
    names = {d[0] for d in dump(home / "akkoord.db")["documents"]}
    assert len(names) == 3 + len(TOPICS) + 1
    assert "upload_mei.txt" in names
    # The last build saw every document: the index is current and searches find both sides.
    assert service.index_current(settings)
    found = cli(home, "search", "huisartsenzorg mei 2031", "--json")
    assert found.returncode == 0 and "upload_mei.txt" in found.stdout, found.stderr
