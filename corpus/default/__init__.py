"""The bundled default corpus: five public Dutch health-care policy documents and meta.json."""

from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent

__all__ = ["DEFAULT_CORPUS"]
