"""Link clauses that report a toezegging fulfilled to the promise they fulfil."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH

from corpus.model import Clause, Document, Link
from corpus.register import stored_register_ids
from corpus.store import Store
from tagging.kinds import PRESENT_LETTER

# A cross-document match by wording must reach this cosine (TF-IDF over stemmed content
# words); unrelated promises about the same field share only generic words and stay below.
SIMILARITY_THRESHOLD = 0.3
# How far back in the same letter a promise may be described before its fulfilment sentence.
LOOK_BACK = 3
# How far back a same-letter promise may stand: the block under one heading, at most this long.
SAME_BLOCK = 12
# A fulfilment with fewer content words than this borrows its subject from the clauses before.
MIN_OWN_WORDS = 6

# Statements that a letter fulfils (or settles, or declares lapsed) a promise. Each needs the
# promise word, so "voldoen aan de wettelijke eisen" is no fulfilment.
FULFILMENT = re.compile(
    r"""
    \bvoldo(?:e|et|en)\b[^.;]{0,80}?\baan\s+(?:de|deze|die|een|zijn|haar|mijn|onze)?\s*
        (?:\w+\s+){0,2}toezegging
  | \b(?:kom|komt|komen)\b[^.;]{0,60}?\btegemoet\s+aan\s+(?:de|deze|die)?\s*
        (?:\w+\s+){0,2}toezegging
  | \b(?:doe|doet|doen)\b[^.;]{0,60}?\btoezegging(?:en)?\b[^.;]{0,40}?\baf\b
  | \bbeschouw(?:t|en)?\b[^.;]{0,60}?\btoezegging(?:en)?\b[^.;]{0,20}?\bals\s+
        (?:afgedaan|vervallen)
  | \btoezegging(?:en)?\b[^.;]{0,40}?\bis\s+(?:hiermee|daarmee)\s+(?:afgedaan|vervallen)
  | \btoezegging(?:en)?\b[^.;]{0,60}?\b(?:komt|komen)\s+te\s+vervallen
  | \b(?:geef|geeft|geven)\b[^.;]{0,60}?\b(?:invulling|uitvoering|gevolg)\s+aan\b[^.;]{0,80}?
        \btoezegging
  | \bzoals\s+(?:eerder\s+|door\s+\w+\s+)?toegezegd\b(?![^.;]*\b(?:zal|zullen|ga|gaat|gaan)\b)
        [^.;]{0,120}?\b(?:in|met|bij)\s+deze\s+brief
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Words that describe a promise: what the clause keeps once its fulfilment phrase is removed.
PROMISE_WORD = re.compile(r"\b(?:toegezegd|toezegging(?:en)?|zeg(?:t|gen)?\s+toe|beloofd)\b", re.I)
# A promise to parliament in the future tense, for when tagging has not marked the kind.
PROMISE = re.compile(
    r"""
    \b(?:zeg|zegt|zeggen)\b[^.;]{0,60}\btoe\b
  | \b(?:zal|zullen|ga|gaat|gaan)\b[^.;]{0,80}\b(?:uw|de)\s+kamer\b[^.;]{0,120}
        \b(?:informeren|inlichten|sturen|toesturen|rapporteren)\b
  | \b(?:informeer|informeert|informeren)\b\s+(?:ik|wij|we|hij|zij|het\s+kabinet)?\s*
        (?:u|uw\s+kamer|de\s+kamer)\b
  | \b(?:kom|komt|komen)\b[^.;]{0,40}\b(?:hierop|daarop)\s+terug\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# Words every promise and fulfilment shares; they say nothing about which promise is meant.
_GENERIC = frozenset(
    [
        "toezegging",
        "toezeggingen",
        "toegezegd",
        "kamer",
        "brief",
        "brieven",
        "minister",
        "ministers",
        "kabinet",
        "staatssecretaris",
        "informeren",
        "informeer",
        "informeert",
        "voldoe",
        "voldoet",
        "voldoen",
        "hiermee",
        "zullen",
        "zal",
        "uw",
        "wij",
        "ik",
        "hij",
        "zij",
        "we",
        "sturen",
        "stand",
        "zaken",
        "voortgang",
        "jl",
        "debat",
        "commissiedebat",
    ]
)
_TOKEN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STEMMER = Stemmer.Stemmer("dutch")
_STOP = frozenset(STOPWORDS_DUTCH) | _GENERIC | frozenset(_STEMMER.stemWords(list(_GENERIC)))


def is_fulfilment(text: str) -> bool:
    """True when the text says that a promise to parliament is fulfilled or settled."""
    return FULFILMENT.search(text) is not None


def is_promise(clause: Clause) -> bool:
    """True for a toezegging: tagged as one, or worded as a future promise to parliament."""
    if clause.block == "heading" or clause.kind == "heading":
        return False
    if clause.kind == "toezegging":
        return True
    return any(
        PROMISE.search(sentence) and not PRESENT_LETTER.search(sentence)
        for sentence in _SENTENCE.split(clause.text)
    ) and not is_fulfilment(clause.text)


def find_links(clauses: Sequence[Clause], documents: Sequence[Document]) -> list[Link]:
    """Fulfilment links from clauses that report a promise fulfilled to the promise.

    For each fulfilling clause, in this order:
    1. "register-id": earlier promises from other documents with the same registry id (as
       tagging attributed and stored them on each clause);
    2. "similarity": else the most similar promise from an earlier-dated document, when the
       TF-IDF cosine reaches SIMILARITY_THRESHOLD;
    3. "same-letter": else the promise as the fulfilling letter itself reports it (the
       clause itself, or the clause a few places back that describes the promise), which is
       how a toezegging made in a debate and settled by this letter enters the register.
    """
    dates = {d.id: d.date for d in documents}
    by_doc = clauses_by_doc(clauses)
    # Tagging attributed the registry ids (tagging.registry) and stored them on each clause.
    ids = {c.id: stored_register_ids(c) for c in clauses}

    promises = [c for c in clauses if is_promise(c)]
    idf = idf_of(clauses)
    vectors = {c.id: vector(c.text, idf) for c in promises}

    links: dict[tuple[str, str], Link] = {}
    for doc_id, doc_clauses in by_doc.items():
        for pos, f in enumerate(doc_clauses):
            if f.block == "heading" or f.kind == "heading" or not is_fulfilment(f.text):
                continue
            found = _by_register_id(f, doc_id, promises, ids, dates)
            if not found:
                found = _by_similarity(f, doc_id, doc_clauses, pos, promises, vectors, idf, dates)
            if not found:
                target = _same_letter_promise(doc_clauses, pos)
                found = [Link(source=f.id, target=target.id, method="same-letter", score=1.0)]
            for lk in found:
                links.setdefault((lk.source, lk.target), lk)
    return sorted(links.values(), key=lambda lk: (lk.target, lk.source))


def clauses_by_doc(clauses: Sequence[Clause]) -> dict[str, list[Clause]]:
    """The clauses per document, in document order."""
    by_doc: dict[str, list[Clause]] = {}
    for c in clauses:
        by_doc.setdefault(c.doc, []).append(c)
    for doc_clauses in by_doc.values():
        doc_clauses.sort(key=lambda c: c.ordinal)
    return by_doc


def _by_register_id(
    f: Clause,
    doc_id: str,
    promises: Sequence[Clause],
    ids: dict[str, tuple[str, ...]],
    dates: dict[str, dt.date | None],
) -> list[Link]:
    wanted = set(ids.get(f.id, ()))
    if not wanted:
        return []
    found = []
    for p in promises:
        if p.doc == doc_id or not wanted & set(ids.get(p.id, ())):
            continue
        # A registry id is proof enough; only a promise dated after the fulfilment is refused.
        pd, fd = dates.get(p.doc), dates.get(doc_id)
        if pd is not None and fd is not None and pd > fd:
            continue
        found.append(Link(source=f.id, target=p.id, method="register-id", score=1.0))
    return found


def _by_similarity(
    f: Clause,
    doc_id: str,
    doc_clauses: Sequence[Clause],
    pos: int,
    promises: Sequence[Clause],
    vectors: dict[str, dict[str, float]],
    idf: dict[str, float],
    dates: dict[str, dt.date | None],
) -> list[Link]:
    fd = dates.get(doc_id)
    if fd is None:
        return []
    query = vector(query_text(doc_clauses, pos), idf)
    earlier = [p for p in promises if p.doc != doc_id and (dates.get(p.doc) or fd) < fd]
    best = most_similar(query, earlier, vectors)
    if best is None:
        return []
    return [Link(source=f.id, target=best[1].id, method="similarity", score=round(best[0], 4))]


def most_similar(
    query: dict[str, float], candidates: Sequence[Clause], vectors: dict[str, dict[str, float]]
) -> tuple[float, Clause] | None:
    """The candidate most similar to the query vector, when it reaches SIMILARITY_THRESHOLD."""
    best: tuple[float, Clause] | None = None
    for c in candidates:
        score = cosine(query, vectors[c.id])
        if score >= SIMILARITY_THRESHOLD and (best is None or score > best[0]):
            best = (score, c)
    return best


def query_text(
    doc_clauses: Sequence[Clause], pos: int, phrase: re.Pattern[str] = FULFILMENT
) -> str:
    """What a fulfilment (or another statement about a promise, `phrase`) is about: its own
    words, or with the clauses just before it.

    A sentence such as "Met deze brief voldoet het kabinet aan deze toezegging" names no
    subject; the heading and paragraph before it do. The look-back stops at a heading (which
    it keeps) and at an earlier such statement, which is about another promise.
    """
    f = doc_clauses[pos]
    own = phrase.sub(" ", f.text)
    if len(_tokens(own)) >= MIN_OWN_WORDS:
        return own
    parts = [own]
    for c in reversed(doc_clauses[max(0, pos - LOOK_BACK) : pos]):
        if phrase.search(c.text):
            break
        parts.append(c.text)
        if c.block == "heading" or c.kind == "heading":
            break
    return " ".join(reversed(parts))


def _same_letter_promise(doc_clauses: Sequence[Clause], pos: int) -> Clause:
    """The clause of the fulfilling letter that states the promise it settles.

    The fulfilling clause itself when, without its fulfilment phrase, it still names the
    promise ("... heeft de minister toegezegd ... Met deze brief voldoet het kabinet aan deze
    toezegging"); else the nearest clause of the same block that does ("toegezegd"), then the
    nearest one tagged toezegging; else the fulfilling clause.
    """
    f = doc_clauses[pos]
    if PROMISE_WORD.search(FULFILMENT.sub(" ", f.text)):
        return f
    block: list[Clause] = []
    for c in reversed(doc_clauses[max(0, pos - SAME_BLOCK) : pos]):
        if c.block == "heading" or c.kind == "heading" or is_fulfilment(c.text):
            break  # a heading opens the block; an earlier fulfilment settles another promise
        if f.section and c.section != f.section:
            break
        block.append(c)
    for c in block:
        if PROMISE_WORD.search(c.text):
            return c
    for c in block:
        if c.kind == "toezegging":
            return c
    return f


def _tokens(text: str) -> list[str]:
    words = [w.casefold() for w in _TOKEN.findall(text)]
    return [s for s in _STEMMER.stemWords([w for w in words if w not in _STOP]) if s not in _STOP]


def idf_of(clauses: Sequence[Clause]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for c in clauses:
        df.update(set(_tokens(c.text)))
    n = max(len(clauses), 1)
    return {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}


def vector(text: str, idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(_tokens(text))
    # Words the corpus has never seen get the highest weight a seen word can have.
    top = max(idf.values(), default=1.0)
    vec = {t: (1 + math.log(k)) * idf.get(t, top) for t, k in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def relink(store: Store) -> list[Link]:
    """Recompute the fulfilment links and the deadline moves (ingest.moves) over every stored
    clause and store them; returns the fulfilment links."""
    from ingest.moves import find_moves  # moves reuses this module's similarity

    clauses, documents = store.clauses(), store.documents()
    links = find_links(clauses, documents)
    store.set_links(links)
    store.set_links(find_moves(clauses, documents), kind="moves")
    return links
