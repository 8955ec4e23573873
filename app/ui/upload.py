"""Add an uploaded file to the corpus: save it under the home, ingest it, rebuild the index."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app import service
from app.config import Settings
from corpus.lock import Busy
from corpus.store import StoreBusy
from ingest.pipeline import SUFFIXES

# Upload limit; Streamlit's own server limit (200 MB) is far above what a policy letter needs.
MAX_BYTES = 50 * 1024 * 1024


class UploadError(Exception):
    """An uploaded file that was not added; str() is one line naming the file and the problem."""


@dataclass(frozen=True, slots=True)
class UploadResult:
    """What an upload did: the stored file name, and whether the corpus changed."""

    name: str
    path: Path
    changed: bool
    new_version: bool = False  # a file of this name was stored before, with other content


def uploads_dir(settings: Settings) -> Path:
    """Where uploaded files are kept, so that a later re-ingest can read them again."""
    return settings.home / "uploads"


def add_upload(
    settings: Settings,
    name: str,
    data: bytes,
    progress: Callable[[str, float], None] | None = None,
) -> UploadResult:
    """Save, ingest and index one uploaded file; a bad file raises UploadError and changes nothing.

    `progress(step, fraction)` is called with a Dutch description of each step.
    """
    report = progress or (lambda step, fraction: None)
    safe = Path(name).name.strip()
    if not safe or safe.startswith("."):
        raise UploadError(f"{name or '(geen naam)'}: ongeldige bestandsnaam")
    if Path(safe).suffix.lower() not in SUFFIXES:
        raise UploadError(f"{safe}: alleen .pdf- en .txt-bestanden kunnen worden ingelezen")
    if not data:
        raise UploadError(f"{safe}: het bestand is leeg")
    if len(data) > MAX_BYTES:
        raise UploadError(f"{safe}: groter dan {MAX_BYTES // (1024 * 1024)} MB")

    folder = uploads_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / safe
    backup = folder / f".{safe}.previous"
    # Keep an earlier upload of the same name until the new one is known to be good.
    had_previous = target.exists()
    if had_previous:
        os.replace(target, backup)
    report("Bestand opslaan", 0.05)
    try:
        target.write_bytes(data)
        report("Tekst lezen en in clausules splitsen", 0.15)
        result = service.ingest(
            settings,
            [target],
            pages=lambda _, done, total: report(
                f"Tekst lezen: pagina {done} van {total}", 0.15 + 0.15 * done / total
            ),
        )
        if result.failed:
            raise UploadError(_one_line(result.failed[0], safe))
    except BaseException:
        target.unlink(missing_ok=True)
        if had_previous:
            os.replace(backup, target)
        raise
    backup.unlink(missing_ok=True)

    changed = bool(result.added or result.versions)
    # An upload killed after its text was stored but before the index was rebuilt leaves the
    # store ahead of the index: the same file again changes nothing, yet must index it.
    if changed or not service.index_current(settings):
        report("Index bijwerken", 0.3)
        service.rebuild_index(
            settings,
            progress=lambda done, total: report(
                f"Index bijwerken ({done}/{total})", 0.3 + 0.7 * done / max(total, 1)
            ),
        )
    report("Klaar", 1.0)
    return UploadResult(name=safe, path=target, changed=changed, new_version=bool(result.versions))


def add_upload_or_busy(
    settings: Settings,
    name: str,
    data: bytes,
    progress: Callable[[str, float], None] | None = None,
) -> UploadResult:
    """add_upload; while another akkoord (a CLI ingest) holds the store past its wait, one
    UploadError that says to try again instead of a traceback."""
    try:
        return add_upload(settings, name, data, progress)
    except (StoreBusy, Busy) as exc:
        raise UploadError(f"{Path(name).name}: bezig, probeer het zo opnieuw") from exc


def _one_line(error: Exception, name: str) -> str:
    # The ingest error names the saved path; the user knows the file by its own name.
    problem = getattr(error, "problem", None) or str(error)
    return f"{name}: {' '.join(str(problem).split())}"
