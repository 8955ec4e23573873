"""Read a plain-text document: strict UTF-8, refusing empty files."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError


def decode_text(path: Path, raw: bytes) -> str:
    """The text of a plain-text file's bytes; raises IngestError when empty or not UTF-8."""
    if not raw.strip():
        raise IngestError(path, "het bestand is leeg")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            path, f"geen UTF-8-tekst (onleesbaar teken op positie {exc.start})"
        ) from exc
    if not text.strip():
        raise IngestError(path, "het bestand is leeg")
    return text.replace("\r\n", "\n").replace("\r", "\n")
