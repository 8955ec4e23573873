"""spaCy's blank Dutch pipeline, imported without dragging PyTorch in."""

from __future__ import annotations

import sys
from functools import cache
from typing import Any


@cache
def _spacy() -> Any:
    """The spacy module, imported on first use.

    spaCy's backend library (thinc) imports PyTorch when it is installed, which costs about
    two seconds per process on this 2-core machine (sentence-transformers installs it). We
    only use the rule-based tokenizer, sentencizer and entity ruler, so thinc is shown no
    torch while spaCy loads; PyTorch stays importable for the sentence-transformers backend.
    """
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # import now raises ImportError
    try:
        import spacy
    finally:
        if hide:
            del sys.modules["torch"]
    return spacy


def new_pipeline() -> Any:
    """A new blank Dutch pipeline (each caller adds its own components)."""
    return _spacy().blank("nl")
