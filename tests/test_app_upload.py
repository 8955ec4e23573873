"""Uploading a document from the app: a good file becomes searchable, a bad one changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("kapot.pdf", b"%PDF-1.7\n\x00\x01 not really a pdf \xff\xfe", "kapot.pdf: "),
        ("leeg.pdf", b"", "leeg.pdf: het bestand is leeg"),
        ("notities.docx", b"PK\x03\x04", "notities.docx: alleen .pdf"),
        ("latin1.txt", "zorg café".encode("latin-1"), "latin1.txt: "),
    ],
)
def test_a_bad_upload_is_refused_with_one_line_and_changes_nothing(
    built_settings: Settings, name: str, data: bytes, problem: str
) -> None:
    before = snapshot(built_settings)
    with pytest.raises(UploadError) as info:
        add_upload(built_settings, name, data)
    message = str(info.value)
    assert message.startswith(problem)
    assert "\n" not in message
    assert snapshot(built_settings) == before


def test_a_failed_replacement_keeps_the_earlier_upload(tmp_path: Path) -> None:
    settings = Settings.load(home=tmp_path / "home")
    first = add_upload(settings, "brief.txt", TRICKY.encode())
    assert first.changed
    before = snapshot(settings)
    with pytest.raises(UploadError):
        add_upload(settings, "brief.txt", b"\xff\xfe\x00 broken")
    assert snapshot(settings) == before
    assert first.path.read_text(encoding="utf-8") == TRICKY


@pytest.fixture(scope="module")
def small_home(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A home that holds only one uploaded letter, ingested and indexed through add_upload."""
    settings = Settings.load(home=tmp_path_factory.mktemp("small") / "home")
    steps: list[tuple[str, float]] = []
    result = add_upload(
        settings, "../../brief.txt", TRICKY.encode(), progress=lambda s, f: steps.append((s, f))
    )
    assert result.name == "brief.txt" and result.changed
    assert result.path.parent == uploads_dir(settings)
    fractions = [f for _, f in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    return settings


def test_a_good_upload_is_stored_indexed_and_idempotent(small_home: Settings) -> None:
    with service.open_store(small_home) as store:
        assert [d.id for d in store.documents()] == ["brief.txt"]
    again = add_upload(small_home, "brief.txt", TRICKY.encode())
    assert not again.changed


def test_uploaded_text_is_shown_escaped_in_the_answer_card(
    small_home: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AKKOORD_HOME", str(small_home.home))
    at = AppTest.from_string(
        "from app.ui.search import render\nrender()\n", default_timeout=120
    ).run()
    next(t for t in at.text_input if t.label == QUERY_LABEL).input("brief over script").run()
    assert not at.exception
    card = next(m.value for m in at.markdown if "alert" in m.value)
    assert "<script>" not in card and "**vette**" not in card
    assert "\\<" in card and "\\*\\*" in card
