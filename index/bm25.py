"""BM25 over clauses with Dutch stemming and corpus-driven compound splitting (bm25s)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_DUTCH

from index.errors import SearchIndexError

# Question words and filler that say nothing about which clause answers.
_EXTRA_STOPWORDS = frozenset(
    "wanneer hoeveel welke welk wie wat hoe waarom waar moet moeten wordt worden gaat gaan "
    "zijn is kan kunnen zal zullen per voor tot".split()
)
STOPWORDS = frozenset(STOPWORDS_DUTCH) | _EXTRA_STOPWORDS

_WORD = re.compile(r"\w+")
# Dutch joins compound parts with a linking s, e or en ("gegevens|uitwisseling", "zorg|s|...").
_LINKS = ("", "s", "e", "en")
_MIN_PART = 4
_MIN_COMPOUND = 9

COMPOUND_FILE = "compound_vocab.json"


@cache
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("dutch")


def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


def words(text: str) -> list[str]:
    """Lower-cased word tokens; a hyphenated word also yields its joined form."""
    text = text.lower()
    out = _WORD.findall(text)
    # "IZA-partijen" matches both "iza partijen" and "izapartijen".
    out.extend(a + b for a, b in re.findall(r"(\w+)-(\w+)", text))
    return out


def compound_vocabulary(texts: Iterable[str], min_count: int = 2) -> frozenset[str]:
    """Words frequent enough in the corpus to count as parts of a compound."""
    counts = Counter(w for t in texts for w in _WORD.findall(t.lower()))
    return frozenset(
        w for w, n in counts.items() if n >= min_count and len(w) >= _MIN_PART and w.isalpha()
    )


def split_compound(word: str, vocab: frozenset[str]) -> tuple[str, ...]:
    """The known parts of a Dutch compound ("wijkverpleging" -> wijk, verpleging), or ()."""
    if len(word) < _MIN_COMPOUND or not word.isalpha():
        return ()
    best: tuple[str, ...] = ()
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        for link in _LINKS:
            if not head.endswith(link) or len(head) - len(link) < _MIN_PART:
                continue
            stem_head = head[: len(head) - len(link)] if link else head
            if stem_head not in vocab:
                continue
            if tail in vocab:
                parts: tuple[str, ...] = (stem_head, tail)
            else:
                rest = split_compound(tail, vocab)
                if not rest:
                    continue
                parts = (stem_head, *rest)
            # Prefer the split with the longest shortest part: "zorg|verzekeraars"
            # over "zorgver|zekeraars"-like accidents.
            if not best or min(map(len, parts)) > min(map(len, best)):
                best = parts
    return best


def tokenize(text: str, vocab: frozenset[str]) -> list[str]:
    """Stemmed tokens without stop words, each compound followed by its stemmed parts."""
    tokens: list[str] = []
    for word in words(text):
        if word in STOPWORDS:
            continue
        tokens.append(stem(word))
        tokens.extend(stem(p) for p in split_compound(word, vocab) if p not in STOPWORDS)
    return tokens


class BM25Index:
    """A bm25s index over a list of texts, saved as a folder of plain arrays and JSON."""

    def __init__(self, retriever: bm25s.BM25, vocab: frozenset[str], size: int) -> None:
        self._retriever = retriever
        self.vocab = vocab
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25Index:
        vocab = compound_vocabulary(texts)
        corpus_tokens = [tokenize(t, vocab) or ["_empty_"] for t in texts]
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(corpus_tokens, show_progress=False)
        return cls(retriever, vocab, len(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(folder), show_progress=False)
        (folder / COMPOUND_FILE).write_text(
            json.dumps({"size": self.size, "vocab": sorted(self.vocab)}, ensure_ascii=False),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        try:
            meta = json.loads((folder / COMPOUND_FILE).read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        except (OSError, ValueError, KeyError) as exc:
            raise SearchIndexError(f"{folder}: unreadable BM25 index ({exc})") from exc
        return cls(retriever, frozenset(meta["vocab"]), int(meta["size"]))

    def query_tokens(self, query: str) -> list[str]:
        """The query's tokens that occur in the index vocabulary."""
        known = self._retriever.vocab_dict
        return [t for t in dict.fromkeys(tokenize(query, self.vocab)) if t in known]

    def scores(self, query: str | list[str]) -> np.ndarray:
        """A BM25 score for every indexed text (zeros when no query word is known)."""
        tokens = self.query_tokens(query) if isinstance(query, str) else query
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)
