"""Find health-care actors in text and decide who commits (actors) and who is only named (mentions)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.gazetteer import GOVERNMENT, GROUPS, ORGANISATIONS, PARLIAMENT, TABLE_ALIASES

ACTORS: dict[str, tuple[str, ...]] = {
    name: (name, *variants)
    for table in (ORGANISATIONS, GOVERNMENT, GROUPS, PARLIAMENT)
    for name, variants in table.items()
}
_GROUP_NAMES = frozenset(GROUPS)
_MENTION_ONLY = frozenset(PARLIAMENT)

# Prepositions that put a collective actor in a non-acting role ("in de regio", "voor gemeenten").
# "met", "door" and "tussen" are left out on purpose: "samen met ZN", "door de NZa" and
# "samenwerking tussen partijen" name those who act.
_GROUP_MENTION_BEFORE = re.compile(
    r"\b(?:van|voor|aan|bij|in|op|over|naar|binnen|uit|zoals|per|onder|tot|vanuit|richting)"
    r"(?:\s+(?:de|het|een|alle|elke|iedere|deze|die|andere|betrokken|individuele|alle betrokken))?\s*$",
    re.IGNORECASE,
)
# Phrases that make any organisation a mention: its advice, its report, the consultation of it.
_MENTION_BEFORE = re.compile(
    r"\b(?:(?:consultatie|advies|adviezen|rapport|rapportage|verzoek|opdracht|brief|oordeel"
    r"|uitspraak|website|analyse|cijfers|gegevens|zienswijze|reactie|voorstel|beleidsregels?"
    r"|regels|register|monitor|bekostiging|begroting|leden|achterban)\s+van|volgens|namens"
    r"|in opdracht van|op verzoek van|aan|bij|richting)(?:\s+(?:de|het))?\s*$",
    re.IGNORECASE,
)
# Between two names of one list: "NZa, ZN en VWS", "zorgverzekeraars, patiëntenorganisaties en ...".
_COORDINATION = re.compile(
    r"^(?:\s*,\s*[^,.;:()]{1,40}?)*\s*(?:,|en|of|\(|/|&|,\s*en)\s*(?:de|het)?\s*$", re.IGNORECASE
)
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:ik|mij|mijn)\b", re.IGNORECASE)
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:wij|we|ons|onze)\b", re.IGNORECASE)
# Line-break hyphenation left as "IZA- partijen" once white space is collapsed.
_BROKEN_HYPHEN = re.compile(r"(?<=\w)- (?!(?:en|of|tot|t/m)\b)(?=\w)")


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """One gazetteer hit in a text: the canonical name and where it was written."""

    name: str
    start: int  # character offsets in the normalised text
    end: int
    text: str


def _fold(text: str) -> str:
    """Lower case without accents or punctuation, to compare names loosely."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", "", text.lower())


def normalise(text: str) -> str:
    """The text as the matcher sees it: straight apostrophes, line-break hyphens rejoined."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ").replace("\u2011", "-")
    return _BROKEN_HYPHEN.sub("-", " ".join(text.split()))


def _case_sensitive(variant: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", variant)
    return len(variant) <= 5 and letters.isupper()


@lru_cache(maxsize=1)
def _nlp() -> Any:
    """spaCy's blank Dutch pipeline with an EntityRuler holding the gazetteer (built once)."""
    import spacy
    from spacy.util import compile_suffix_regex

    nlp = spacy.blank("nl")
    # Split a full stop after a capital ("VWS.") and a footnote digit glued to a name.
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Z])\.", r"(?<=[A-Za-z])\d{1,2}$"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # Tokenizer exceptions such as "Zn." (zoon) would swallow "ZN." whole.
    variants = {_fold(v) for vs in ACTORS.values() for v in vs}
    nlp.tokenizer.rules = {
        k: v for k, v in nlp.tokenizer.rules.items() if _fold(k.rstrip(".")) not in variants
    }
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    patterns = []
    for name, names in ACTORS.items():
        for variant in dict.fromkeys(normalise(v) for v in names):
            tokens = [t.text for t in nlp.make_doc(variant)]
            if _case_sensitive(variant):
                pattern = [{"ORTH": t} for t in tokens]
            else:
                pattern = [{"LOWER": t.lower()} for t in tokens]
            patterns.append({"label": "ACTOR", "pattern": pattern, "id": name})
    ruler.add_patterns(patterns)
    return nlp


def match_actors(text: str) -> tuple[str, list[ActorMatch]]:
    """The normalised text and every gazetteer hit in it, longest match first, in text order."""
    norm = normalise(text)
    doc = _nlp()(norm)
    hits = [ActorMatch(e.ent_id_, e.start_char, e.end_char, e.text) for e in doc.ents]
    return norm, hits


def find_actors(text: str, include_parliament: bool = False) -> list[str]:
    """Canonical names of the actors named in any text, in order of first appearance.

    No roles and no resolution of 'ik' / 'wij': meant for user queries and quick look-ups.
    """
    _, hits = match_actors(text)
    names = [h.name for h in hits if include_parliament or h.name not in _MENTION_ONLY]
    return list(dict.fromkeys(names))


@lru_cache(maxsize=4096)
def canonical(name: str) -> str | None:
    """The canonical name for a written name or abbreviation, or None if it is unknown."""
    folded = _fold(normalise(name))
    if not folded:
        return None
    for canon, variants in ACTORS.items():
        if any(_fold(normalise(v)) == folded for v in variants):
            return canon
    for alias, canon in TABLE_ALIASES.items():
        if _fold(alias) == folded:
            return canon
    found = find_actors(name)
    return found[0] if len(found) == 1 else None


def split_responsible(cell: str) -> list[str]:
    """Canonical actors from a table's responsibility cell ('ZINl, NZa, VWS, IZA partijen')."""
    parts = re.split(r"[,;/()]|\s+en\s+|\s+&\s+(?=[A-Z][a-z])", normalise(cell))
    names: list[str] = []
    for part in parts:
        part = part.strip(" .-")
        if not part or part == "?":
            continue
        names.append(canonical(part) or TABLE_ALIASES.get(part) or part)
    return list(dict.fromkeys(names))


def senders_as_actors(senders: Sequence[str]) -> list[str]:
    """The document's senders as canonical actors ('ministerie van VWS' -> 'VWS')."""
    names: list[str] = []
    for sender in senders:
        names.append(canonical(sender) or (find_actors(sender) or [sender])[0])
    return list(dict.fromkeys(names))


def _role_is_mention(norm: str, hit: ActorMatch) -> bool:
    before = norm[max(0, hit.start - 60) : hit.start]
    if hit.name in _MENTION_ONLY:
        return True
    if _MENTION_BEFORE.search(before):
        return True
    return hit.name in _GROUP_NAMES and bool(_GROUP_MENTION_BEFORE.search(before))


def tag_actors(
    text: str,
    senders: Sequence[str] = (),
    default: Sequence[str] = (),
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split the actors named in a clause into those who commit and those only mentioned.

    Rules, in order: a name after a phrase such as 'advies van' or 'consultatie van' is a
    mention; a collective name (partijen, regio's, gemeenten) after a preposition is a mention;
    a name joined by 'en' or a comma to the previous one shares its role; 'ik' and 'wij'
    stand for the senders; with nobody named, `default` (the document's own voice) is used.
    """
    norm, hits = match_actors(text)
    actors: list[str] = []
    mentions: list[str] = []
    previous: tuple[ActorMatch, bool] | None = None
    for hit in hits:
        if previous and _COORDINATION.match(norm[previous[0].end : hit.start]):
            is_mention = previous[1] or hit.name in _MENTION_ONLY
        else:
            is_mention = _role_is_mention(norm, hit)
        (mentions if is_mention else actors).append(hit.name)
        previous = (hit, is_mention)
    resolved = resolve_pronouns(norm, senders)
    actors.extend(resolved)
    if not actors:
        actors.extend(default)
    actors = list(dict.fromkeys(actors))
    mentions = [m for m in dict.fromkeys(mentions) if m not in actors]
    return tuple(actors), tuple(mentions)


def resolve_pronouns(text: str, senders: Sequence[str]) -> list[str]:
    """The senders that 'ik' (the first sender) and 'wij' (all of them) stand for in `text`."""
    names = senders_as_actors(senders)
    if not names:
        return []
    if "IZA-partijen" in names:  # in an agreement 'wij' are all its parties
        plural = ["IZA-partijen"]
    else:
        plural = names
    found: list[str] = []
    if _FIRST_PERSON_SINGULAR.search(text):
        found.append(names[0])
    if _FIRST_PERSON_PLURAL.search(text):
        found.extend(plural)
    return list(dict.fromkeys(found))
