"""Uploading a document from the app: a good file becomes searchable, a bad one changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SMALL_EMBEDDER, TEST_CACHE
from streamlit.testing.v1 import AppTest
from test_app_text import rendered_text

from app import service
from app.config import Settings
from app.ui.search import QUERY_LABEL
from app.ui.upload import UploadError, add_upload, uploads_dir

TRICKY = (
    "Het ministerie van VWS stuurt voor 1 juli 2024 een brief over <script>alert('x')</script> "
    "en **vette** beloften aan de Kamer.\n\n"
    "De NZa onderzoekt de wachttijden in de wijkverpleging.\n"
)


def snapshot(settings: Settings) -> tuple[str, dict[str, int], list[str]]:
    with service.open_store(settings) as store:
        fingerprint, counts = store.fingerprint(), store.count()
    folder = uploads_dir(settings)
    files = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    return fingerprint, counts, files


BAD_UPLOADS = [
    ("kapot.pdf", b"%PDF-1.7\n\x00\x01 not really a pdf \xff\xfe"),
    ("leeg.pdf", b""),
    ("notities.docx", b"PK\x03\x04"),
    ("latin1.txt", "zorg café".encode("latin-1")),
]


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("kapot.pdf", BAD_UPLOADS[0][1], "kapot.pdf: "),
        ("leeg.pdf", BAD_UPLOADS[1][1], "leeg.pdf: het bestand is leeg"),
        (
            "notities.docx",
            BAD_UPLOADS[2][1],
            "notities.docx: alleen .pdf- en .txt-bestanden kunnen worden ingelezen",
        ),
        ("latin1.txt", BAD_UPLOADS[3][1], "latin1.txt: "),
    ],
)
def test_a_bad_upload_is_refused_with_one_line_and_changes_nothing(
    store_settings: Settings, name: str, data: bytes, problem: str
) -> None:
    before = snapshot(store_settings)
    assert before[1] and not before[2]  # a corpus to keep, and no uploads yet
    with pytest.raises(UploadError) as info:
        add_upload(store_settings, name, data)
    message = str(info.value)
    assert message.startswith(problem)
    assert len(message) > len(f"{name}: ")  # the problem is named, not only the file
    assert "\n" not in message
    assert snapshot(store_settings) == before


@pytest.mark.parametrize(("name", "data"), [BAD_UPLOADS[0], BAD_UPLOADS[3]])
def test_a_refused_upload_is_explained_in_dutch(
    store_settings: Settings, name: str, data: bytes
) -> None:
    with pytest.raises(UploadError) as info:
        add_upload(store_settings, name, data)
    assert not re.search(r"\b(not|readable|invalid|byte|offset)\b", str(info.value))


def test_a_failed_replacement_keeps_the_earlier_upload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKKOORD_EMBEDDER", SMALL_EMBEDDER)
    settings = Settings.load(home=tmp_path / "home")
    first = add_upload(settings, "brief.txt", TRICKY.encode())
    assert first.changed and first.name == "brief.txt"
    before = snapshot(settings)
    assert before[1:] == ({"brief.txt": 2}, ["brief.txt"])
    with pytest.raises(UploadError, match=r"^brief\.txt: "):
        add_upload(settings, "brief.txt", b"\xff\xfe\x00 broken")
    assert snapshot(settings) == before
    assert first.path.read_text(encoding="utf-8") == TRICKY


@pytest.fixture(scope="module")
def upload_home(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A home that holds only one uploaded letter, ingested and indexed (with one embedder)
    through add_upload."""
    settings = Settings(
        home=tmp_path_factory.mktemp("upload") / "home", embedder=SMALL_EMBEDDER, cache=TEST_CACHE
    )
    steps: list[tuple[str, float]] = []
    result = add_upload(
        settings, "../../brief.txt", TRICKY.encode(), progress=lambda s, f: steps.append((s, f))
    )
    assert result.name == "brief.txt" and result.changed
    assert result.path.parent == uploads_dir(settings)
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert steps[0] == ("Bestand opslaan", 0.05) and steps[-1] == ("Klaar", 1.0)
    return settings


def test_a_good_upload_is_stored_indexed_and_idempotent(upload_home: Settings) -> None:
    with service.open_store(upload_home) as store:
        assert [d.id for d in store.documents()] == ["brief.txt"]
    assert service.index_current(upload_home)
    before = snapshot(upload_home)
    again = add_upload(upload_home, "brief.txt", TRICKY.encode())
    assert not again.changed and again.name == "brief.txt"
    assert snapshot(upload_home) == before


def test_uploading_again_indexes_a_file_stored_before_a_crash(tmp_path: Path) -> None:
    # An upload killed after its text was stored, before the index was rebuilt: the store is
    # ahead of the index. Uploading the same file again changes nothing, and indexes it.
    settings = Settings(home=tmp_path / "home", embedder=SMALL_EMBEDDER, cache=TEST_CACHE)
    target = uploads_dir(settings) / "brief.txt"
    target.parent.mkdir(parents=True)
    target.write_text(TRICKY, encoding="utf-8")
    assert service.ingest(settings, [target]).added
    assert not service.index_current(settings)
    again = add_upload(settings, "brief.txt", TRICKY.encode())
    assert not again.changed
    assert service.index_current(settings)


def test_uploaded_text_is_shown_escaped_in_the_answer_card(
    upload_home: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKKOORD_HOME", str(upload_home.home))
    monkeypatch.setenv("AKKOORD_EMBEDDER", upload_home.embedder)
    at = AppTest.from_string(
        "from app.ui.search import render\nrender()\n", default_timeout=120
    ).run()
    next(t for t in at.text_input if t.label == QUERY_LABEL).input("brief over script").run()
    assert not at.exception
    cards = [m.value for m in at.markdown if "alert" in m.value]
    assert cards, [m.value for m in at.markdown]
    card = cards[0]
    assert "<script>" not in card and "**vette**" not in card
    assert "\\<" in card and "\\*\\*" in card
    # Rendered, the card reads exactly as the letter's first paragraph was written.
    plain = re.sub(r":orange\[\*\*(.*?)\*\*\]", r"\1", card)
    assert rendered_text(plain) == " ".join(TRICKY.split("\n\n")[0].split())


def test_uploading_a_stored_file_keeps_what_is_known(
    store_settings: Settings, small_corpus: Path
) -> None:
    """The same bytes uploaded again (without the folder's meta.json) change nothing; a changed
    file of that name is a new version and keeps what was set by hand."""
    from conftest import SMALL_META

    name = "afspraken.txt"
    data = (small_corpus / name).read_bytes()
    result = add_upload(store_settings, name, data)
    assert not result.changed and not result.new_version
    with service.open_store(store_settings) as store:
        doc = store.document(name)
    assert doc is not None
    assert doc.title == SMALL_META[name]["title"] and doc.source("title") == "meta.json"
    assert doc.date is not None and doc.date.isoformat() == SMALL_META[name]["date"]
    service.correct_document(store_settings, name, {"date": "2023-02-01"})
    changed = add_upload(store_settings, name, data + b"\nNieuwe alinea over de acute zorg.\n")
    assert changed.changed and changed.new_version
    with service.open_store(store_settings) as store:
        doc = store.document(name)
    assert doc is not None and doc.version == 2
    assert doc.date is not None and doc.date.isoformat() == "2023-02-01"
    assert doc.source("date") == "handmatig"
