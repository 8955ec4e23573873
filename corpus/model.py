"""The records that travel from ingest to the app: documents, clauses, links and search hits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

Kind = Literal["afspraak", "toezegging", "voornemen", "feit", "footnote", "heading"]
KINDS: tuple[str, ...] = get_args(Kind)

# Where a clause came from inside its document: running prose, one bullet item,
# one row of an annex table, a footnote, or a heading line.
Block = Literal["prose", "bullet", "table_row", "footnote", "heading"]
BLOCKS: tuple[str, ...] = get_args(Block)

THEMES: tuple[str, ...] = (
    "arbeidsmarkt",
    "passende zorg",
    "eerstelijnszorg",
    "ggz",
    "acute zorg",
    "medisch specialistische zorg",
    "wijkverpleging",
    "ouderenzorg",
    "preventie",
    "sociaal domein",
    "digitalisering en gegevensuitwisseling",
    "regionale samenwerking",
    "bekostiging en financien",
    "contractering",
    "kwaliteit",
    "regeldruk",
    "paramedische zorg",
    "farmacie en geneesmiddelen",
    "mondzorg",
    "governance en monitoring",
)

LinkKind = Literal["fulfils", "moves"]


@dataclass(frozen=True, slots=True)
class Document:
    """One source document as stored: identity, provenance and the metadata tagging needs."""

    id: str  # the file name, e.g. "003_bc5badbf8b9b28ce.txt"; unique in a store
    title: str
    date: dt.date | None  # the letter's or agreement's own date
    doc_type: str  # "kamerbrief", "akkoord", ... or "onbekend"
    senders: tuple[str, ...] = ()
    sha256: str = ""
    path: str = ""
    pages: int | None = None  # None for plain text, which has no pages
    date_inferred: bool = False  # True when the date was guessed from the text
    pipeline: str = ""  # the ingest pipeline version that parsed it ("" before it was recorded)
    signatories: tuple[str, ...] = ()  # the names under the signature
    addressee: str | None = None  # "Tweede Kamer", "gemeenten", ...
    kenmerk: str | None = None  # the letter's own reference
    kamerstuk: str | None = None  # "33578-95"
    # Where each described field came from: field name -> one of SOURCES.
    sources: tuple[tuple[str, str], ...] = ()
    file_sha256: str = ""  # hash of the file's bytes alone (sha256 also covers metadata)
    version: int = 1  # raised each time a changed file replaces the stored one

    def source(self, name: str) -> str | None:
        """Where field `name` came from (one of SOURCES), or None when unknown."""
        return next((v for k, v in self.sources if k == name), None)


# Where a document's described fields come from, as users read it.
SOURCES: tuple[str, ...] = (
    "briefhoofd",  # letterhead: Datum, Betreft, Kenmerk, addressee
    "plaats en datum",  # a "Den Haag, 16 juni 2023" line
    "ondertekening",  # the signature block, or an agreement's signing date
    "titelpagina",
    "aanhef",  # the salutation ("Geachte voorzitter,")
    "tekst",  # the document naming itself in its body ("dit Integraal Zorgakkoord (IZA)")
    "meta.json",
    "handmatig",  # set by hand with `akkoord documents set`
    "geschat",  # guessed: no statement in the text
)
# The described fields a user may set by hand and meta.json may give.
DESCRIBED: tuple[str, ...] = (
    "title",
    "date",
    "doc_type",
    "senders",
    "signatories",
    "addressee",
    "kenmerk",
    "kamerstuk",
)


# The `extra` key telling where a clause's actors come from: named in its "text", the
# responsible column of a "table" row, the "previous" statement (a passive back-reference),
# the document's "default" voice, "implied" by what the text describes (the ministry's budget,
# grant scheme or programme), or "none" (headings and notes speak for nobody).
ACTORS_FROM = "actors_from"
# The `extra` key holding the parliamentary registry ids attributed to a clause, "; "-joined.
REGISTER_IDS = "register_ids"


@dataclass(frozen=True, slots=True)
class Clause:
    """One self-contained statement with its provenance and tags."""

    id: str  # stable: "<document stem>:<ordinal>"
    doc: str  # Document.id
    ordinal: int  # position in the document, 0-based
    text: str
    page: int | None = None  # 1-based page, None for plain text
    section: tuple[str, ...] = ()  # heading trail, outermost first
    block: Block = "prose"
    actors: tuple[str, ...] = ()  # canonical names of who commits or is responsible
    mentions: tuple[str, ...] = ()  # other organisations named in the text
    deadline: dt.date | None = None
    deadline_text: str | None = None  # the time expression as written
    theme: str | None = None  # one of THEMES
    kind: Kind = "feit"
    note: str | None = None  # footnote number: of this note, or for prose the markers it carries
    extra: tuple[tuple[str, str], ...] = field(
        default=()
    )  # open key/value pairs, e.g. register ids

    def get(self, key: str) -> str | None:
        """The value stored under `key` in `extra`, or None."""
        return next((v for k, v in self.extra if k == key), None)

    def who(self) -> str:
        """The actors as a reader sees them, saying so when the text itself names nobody."""
        names = ", ".join(self.actors)
        note = _INFERRED.get(self.get(ACTORS_FROM) or "")
        return f"{names} ({note})" if names and note else names


# How an answer labels actors that its own text does not name.
_INFERRED = {
    "default": "stem van het document",
    "previous": "uit de zin ervoor",
    "implied": "afgeleid uit de tekst",
}


@dataclass(frozen=True, slots=True)
class Link:
    """A typed relation between two clauses, e.g. a later letter fulfilling a toezegging."""

    source: str  # clause id of the fulfilling clause
    target: str  # clause id of the promise
    kind: LinkKind = "fulfils"
    method: str = ""  # how it was found: "register-id", "similarity", ...
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the clause, its score and which retriever(s) found it."""

    clause: Clause
    score: float
    retriever: str  # "bm25", "dense", "fused", ...
    document: Document | None = None


def clause_id(doc_id: str, ordinal: int) -> str:
    """The stable id of the `ordinal`-th clause of a document."""
    stem = doc_id.rsplit(".", 1)[0]
    return f"{stem}:{ordinal:05d}"
