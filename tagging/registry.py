"""Parliament's toezegging registry ids: found in text, attributed to the clauses they govern."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from corpus.model import REGISTER_IDS, Clause

# Parliament's toezeggingen registry numbers: "TZ202603-200" and "toezegging nummer 10454".
_TZ_ID = re.compile(r"\bTZ\s?(\d{6})\s?-\s?(\d{1,5})\b", re.IGNORECASE)
_TZ_NUMBER = re.compile(r"\btoezegging(?:s)?\s*(?:nummer|nr\.?|no\.?)\s*(\d{3,6})\b", re.IGNORECASE)
# The keys in Clause.extra under which segmentation may already have put register ids.
_EXTRA_KEYS = ("register_id", REGISTER_IDS, "tz", "toezegging_id")
# Headings that open a block about one toezegging ("Toezegging mondzorg").
_TOEZEGGING_HEADING = re.compile(r"^\W*toezegging", re.IGNORECASE)
_WORD_MARKER = re.compile(r"\[footnoteRef:(\d+)\]")


def register_ids(text: str) -> tuple[str, ...]:
    """Registry ids named in a text, normalised ("TZ202603-200", "10454"), in order, once each."""
    found: list[str] = []
    for m in _TZ_ID.finditer(text):
        found.append(f"TZ{m.group(1)}-{int(m.group(2)):03d}")
    for m in _TZ_NUMBER.finditer(text):
        found.append(m.group(1))
    return tuple(dict.fromkeys(found))


def attributed_register_ids(clauses: Sequence[Clause]) -> dict[str, tuple[str, ...]]:
    """Registry ids per clause id for the clauses of ONE document in reading order.

    A clause carries the ids in its own text and `extra`, those of the footnotes its markers
    point to, and those of the "Toezegging ..." heading that opens its block (in the 2026
    letter the id sits in a footnote on that heading, not in the paragraph it governs).
    """
    notes: dict[str, tuple[str, ...]] = {}
    for c in clauses:
        if c.block == "footnote" and c.note:
            notes[c.note] = register_ids(c.text)
    result: dict[str, tuple[str, ...]] = {}
    inherited: tuple[str, ...] = ()
    for c in clauses:
        own = list(register_ids(c.text))
        for key in _EXTRA_KEYS:
            value = c.get(key)
            if value:
                own.extend(register_ids(value) or tuple(v.strip() for v in value.split(";")))
        markers = set(_WORD_MARKER.findall(c.text))
        if c.note and c.block != "footnote":
            markers.update(re.findall(r"\d+", c.note))
        for marker in sorted(markers):
            own.extend(notes.get(marker, ()))
        ids = tuple(dict.fromkeys(i for i in own if i))
        if c.block == "heading" or c.kind == "heading":
            inherited = ids if _TOEZEGGING_HEADING.match(c.text) else ()
        elif _TOEZEGGING_HEADING.match(c.text) and ids and len(c.text) < 200:
            # A heading that segmentation left as prose: it still opens a block.
            inherited = ids
        elif c.block != "footnote":
            ids = tuple(dict.fromkeys((*ids, *inherited)))
        result[c.id] = ids
    return result


def with_register_ids(clauses: Sequence[Clause]) -> list[Clause]:
    """The clauses of one document, each carrying its attributed registry ids in `extra`."""
    ids = attributed_register_ids(clauses)
    out: list[Clause] = []
    for c in clauses:
        extra = tuple((k, v) for k, v in c.extra if k != REGISTER_IDS)
        if ids.get(c.id):
            extra += ((REGISTER_IDS, "; ".join(ids[c.id])),)
        out.append(replace(c, extra=extra))
    return out
