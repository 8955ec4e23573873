"""BM25 over clauses with Dutch stemming and corpus-driven compound splitting (bm25s)."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_DUTCH

from index.errors import SearchIndexError

# Question words and filler that say nothing about which clause answers.
_EXTRA_STOPWORDS = frozenset(
    [
        "wanneer",
        "hoeveel",
        "welke",
        "welk",
        "wie",
        "wat",
        "hoe",
        "waarom",
        "waar",
        "moet",
        "moeten",
        "wordt",
        "worden",
        "gaat",
        "gaan",
        "zijn",
        "is",
        "kan",
        "kunnen",
        "zal",
        "zullen",
        "per",
        "voor",
        "tot",
    ]
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


def compound_vocabulary(texts: Iterable[str]) -> dict[str, int]:
    """Corpus words that may be parts of a compound, with how often each occurs."""
    counts = Counter(w for t in texts for w in _WORD.findall(t.lower()))
    return {w: n for w, n in counts.items() if len(w) >= _MIN_PART and w.isalpha()}


def split_compound(word: str, vocab: Mapping[str, int]) -> tuple[str, ...]:
    """The known parts of a Dutch compound ("wijkverpleging" -> wijk, verpleging), or ().

    Of the possible splits the one whose parts are most frequent in the corpus wins
    (geometric mean of their counts), which prefers real words over split-off fragments.
    """
    if len(word) < _MIN_COMPOUND or not word.isalpha():
        return ()
    best: tuple[str, ...] = ()
    best_score = 0.0
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
            score = math.prod(vocab[p] for p in parts) ** (1 / len(parts))
            if score > best_score:
                best, best_score = parts, score
    return best


def tokenize(
    text: str, vocab: Mapping[str, int], memo: dict[str, list[str]] | None = None
) -> list[str]:
    """Stemmed tokens without stop words, each compound followed by its stemmed parts.

    `memo` caches the tokens per word across calls (words repeat a lot in a corpus).
    """
    memo = {} if memo is None else memo
    tokens: list[str] = []
    for word in words(text):
        found = memo.get(word)
        if found is None:
            if word in STOPWORDS:
                found = []
            else:
                parts = split_compound(word, vocab)
                found = [stem(word), *(stem(p) for p in parts if p not in STOPWORDS)]
            memo[word] = found
        tokens.extend(found)
    return tokens


class BM25Index:
    """A bm25s index over a list of texts, saved as a folder of plain arrays and JSON."""

    def __init__(self, retriever: bm25s.BM25, vocab: Mapping[str, int], size: int) -> None:
        self._retriever = retriever
        self.vocab = dict(vocab)
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25Index:
        vocab = compound_vocabulary(texts)
        memo: dict[str, list[str]] = {}
        corpus_tokens = [tokenize(t, vocab, memo) or ["_empty_"] for t in texts]
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index(corpus_tokens, show_progress=False)
        return cls(retriever, vocab, len(texts))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(folder), show_progress=False)
        (folder / COMPOUND_FILE).write_text(
            json.dumps({"size": self.size, "vocab": self.vocab}, ensure_ascii=False),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        try:
            meta = json.loads((folder / COMPOUND_FILE).read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
            return cls(retriever, dict(meta["vocab"]), int(meta["size"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problem = "folder missing" if not folder.is_dir() else str(exc)
            raise SearchIndexError(
                f"{folder}: unreadable BM25 index ({problem}); rebuild it with `akkoord index`"
            ) from exc

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
