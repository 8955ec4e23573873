"""Read a document's own description from its text: title, type, signers, addressee, kenmerk.

The rules follow the conventions of Dutch government letters and agreements: a letterhead with
"Betreft"/"Onderwerp", "Datum" and "Kenmerk" (on one line or as a right-hand column), a
salutation, a signature block after "Hoogachtend," with one role per signer (two signers side
by side), an agreement that names itself ("dit Integraal Zorgakkoord (IZA)").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from tagging.dates import MONTH_NAMES
from tagging.docdate import GUESSED, LABEL_REACH, LETTERHEAD, document_date

# Provenance labels (Dutch: users read them on the Documenten page).
SIGNATURE = "ondertekening"
TITLE_PAGE = "titelpagina"
SALUTATION = "aanhef"
BODY = "tekst"


@dataclass(frozen=True, slots=True)
class Description:
    """What a document says about itself; `sources` maps each found field to where it was read."""

    title: str | None = None
    date: dt.date | None = None
    doc_type: str | None = None
    senders: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    addressee: str | None = None
    kenmerk: str | None = None
    kamerstuk: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


# Portfolios of Dutch ministers and state secretaries: pattern, abbreviation, and whether it
# is a ministry ("minister van VWS") or a post without one ("minister voor LZS").
_PORTFOLIOS: tuple[tuple[str, str, bool], ...] = (
    (r"volksgezondheid(?:,?\s+welzijn\s+en\s+sport)?|vws|wvs", "VWS", True),
    (r"medische\s+zorg(?:\s+en\s+sport)?|mzs", "MZS", False),
    (r"langdurige\s+zorg,?\s+jeugd\s+en\s+sport|ljs", "LJS", False),
    (r"langdurige\s+zorg(?:\s+en\s+sport)?|lzs", "LZS", False),
    (r"jeugd,?\s+preventie\s+en\s+sport|jps", "JPS", False),
    (r"binnenlandse\s+zaken(?:\s+en\s+koninkrijksrelaties)?|bzk", "BZK", True),
    (r"sociale\s+zaken(?:\s+en\s+werkgelegenheid)?|szw", "SZW", True),
    (r"onderwijs,?\s+cultuur\s+en\s+wetenschap|ocw", "OCW", True),
    (r"financi[eë]n", "Financiën", True),
    (r"justitie(?:\s+en\s+veiligheid)?|jenv", "JenV", True),
    (r"economische\s+zaken(?:\s+en\s+klimaat)?|ezk?", "EZK", True),
    (r"infrastructuur\s+en\s+waterstaat|ienw", "IenW", True),
    (r"landbouw,?\s+natuur\s+en\s+voedselkwaliteit|lnv", "LNV", True),
    (r"volkshuisvesting(?:\s+en\s+ruimtelijke\s+ordening)?|vro", "VRO", True),
    (r"klimaat\s+en\s+groene\s+groei|kgg", "KGG", True),
    (r"buitenlandse\s+zaken|bz", "BZ", True),
    (r"algemene\s+zaken|az", "AZ", True),
    (r"defensie", "Defensie", True),
)
_ROLE_START = re.compile(r"\b(?:de\s+)?(?P<role>minister|staatssecretaris)\s+(?:van|voor)\s+", re.I)
_CLOSING = re.compile(
    r"^\s*(?:hoogachtend|met\s+(?:vriendelijke|hartelijke)\s+groet(?:en)?|"
    r"met\s+de\s+meeste\s+hoogachting)\s*,?\s*$",
    re.I,
)
# Words a personal name may hold besides capitalised ones: particles and academic titles.
_NAME_PARTICLES = frozenset(
    "de den der van von ter ten het 't la le du di da drs. dr. mr. ir. prof. ing. bc.".split()  # noqa: SIM905
)
_NOT_CONTINUED = re.compile(r"^\s*(?:namens|de|het|\[|\()", re.I)
SIGNATURE_REACH = 14  # lines after the closing formula that may hold the signature block


def signer_voice(role: str) -> str | None:
    """The canonical voice of a signer's role ("De Minister van Volksgezondheid, Welzijn en
    Sport," -> "minister van VWS"), or None when `role` names no minister or state secretary."""
    text = " ".join(role.replace(",", ", ").split()).strip(" ,.")
    m = _ROLE_START.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    for pattern, abbr, ministry in _PORTFOLIOS:
        if re.match(rf"(?:{pattern})\b", rest, re.I):
            return f"{m['role'].lower()} {'van' if ministry else 'voor'} {abbr}"
    return f"{m['role'].lower()} {text[m.end() - 4 : m.end()].strip()} {rest}".strip()


def _is_name(line: str) -> bool:
    words = line.split()
    if not words or "," in line or len(words) > 9:
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def _split_columns(line: str, n: int) -> list[str] | None:
    """A continuation line's `n` column pieces, each closed by a comma or a wide gap."""
    parts = [p.strip() for p in re.split(r",|\t+|\s{3,}", line) if p.strip()]
    return parts if len(parts) == n else None


def _roles(lines: list[str]) -> tuple[list[str], list[str]]:
    """The role texts and signatory names of a signature block; two signers side by side give
    a line with two role starts and continuation lines with two comma-closed pieces."""
    roles: list[str] = []
    names: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        starts = [m.start() for m in _ROLE_START.finditer(line)]
        if _ANNEX_START.match(line):
            break  # the annexes after the signature
        if not starts:
            if _is_name(line.strip()) and len(line.split()) > 1:
                names.extend(p.strip() for p in re.split(r"\t+|\s{3,}", line.strip()) if p)
            i += 1
            continue
        bounds = [*starts, len(line)]
        pieces = [line[a:b].strip() for a, b in itertools.pairwise(bounds)]
        j = i + 1
        while j < len(lines) and lines[j].strip() and not _ROLE_START.search(lines[j]):
            nxt = lines[j]
            if _is_name(nxt.strip()) or _NOT_CONTINUED.match(nxt):
                break
            cols = _split_columns(nxt, len(pieces))
            if cols is None and len(pieces) == 1:
                cols = [nxt.strip()]
            if cols is None:
                break
            pieces = [f"{p.rstrip(' ,')}, {c}" for p, c in zip(pieces, cols, strict=True)]
            j += 1
        roles.extend(pieces)
        i = j
    return roles, names


def _signature_block(lines: list[str]) -> list[str] | None:
    """The lines of the first signature block: after a closing formula, else the first short
    role line ending in a comma (a letter signed without "Hoogachtend,")."""
    for i, line in enumerate(lines):
        if _CLOSING.match(line):
            return lines[i + 1 : i + 1 + SIGNATURE_REACH]
    for i, line in enumerate(lines):
        s = line.strip()
        if _ROLE_START.match(s) and s.endswith(",") and len(s) < 100:
            block = lines[i : i + SIGNATURE_REACH]
            # the name comes within a few lines of text, however many blank lines the
            # signature's space leaves above it
            if any(_is_name(x) for x in [x.strip() for x in block[1:] if x.strip()][:3]):
                return block
    return None


def signers(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The canonical voices and the names of those who signed `text` (empty when unsigned).

    A signer "namens" another (a director-general for the minister) speaks with the voice of
    the one named in the role line; an organisation signing under its own name speaks as it.
    """
    lines = text.split("\n")
    block = _signature_block(lines)
    if block is None:
        return (), ()
    roles, names = _roles(block)
    voices = [v for v in map(signer_voice, roles) if v]
    if not voices:
        # an organisation's letter: its name is the first line of the block that is no person
        for line in block:
            s = line.strip().rstrip(",")
            if s and not _is_name(s) and not _NOT_CONTINUED.match(s) and len(s) < 80:
                voices = [s]
                break
    return tuple(dict.fromkeys(voices)), tuple(dict.fromkeys(names))


# -- letterhead ----------------------------------------------------------------------------

_SUBJECT = re.compile(
    r"^\s*(?:Betreft\s*:?|Onderwerp\s*:|Onderwerp(?P<bare>\s))[ \t]*(?P<v>\S.*)?$"
)
_LETTERHEAD_LABEL = re.compile(
    r"^\s*(?:Datum|Kenmerk|Ons kenmerk|Onze referentie|Uw brief|Bijlagen?(?:\(n\))?)\b", re.I
)
_KENMERK = re.compile(r"^\s*(?:Ons\s+)?(?:Kenmerk|Onze referentie)\s*:?[ \t]*(?P<v>\S+)?\s*$", re.I)
_KENMERK_VALUE = re.compile(r"^\s*(?P<v>[A-Z0-9][\w./-]*\d[\w./-]*)\s*$")
HEAD_LINES = 30  # a letterhead lies in the first lines, or within this reach of a Datum label
NEAR_LABEL = 8


def _near_letterhead(lines: list[str], i: int) -> bool:
    if sum(1 for ln in lines[:i] if ln.strip()) < HEAD_LINES:
        return True
    window = lines[max(0, i - NEAR_LABEL) : i + NEAR_LABEL]
    return any(_LETTERHEAD_LABEL.match(x) and not _SUBJECT.match(x) for x in window)


def subject(text: str) -> str | None:
    """The "Betreft"/"Onderwerp" of a letterhead (its value on the same line or just below)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = _SUBJECT.match(line)
        if not m or not _near_letterhead(lines, i):
            continue
        if m["bare"] and sum(1 for ln in lines[:i] if ln.strip()) >= HEAD_LINES:
            continue  # "Onderwerp" without a colon further down heads a table column
        value = m["v"]
        rest = [x.strip() for x in lines[i + 1 : i + 4]]
        if value is None:
            value = next((x for x in rest if x), None)
            if value is None or _LETTERHEAD_LABEL.match(value):
                continue
            rest = rest[rest.index(value) + 1 :]
        # a subject wraps onto a line starting in lower case
        for nxt in rest:
            if not nxt or not nxt[:1].islower():
                break
            value = f"{value} {nxt}"
        value = " ".join(value.split())
        if value and len(value) < 200:
            return value
    return None


def kenmerk(text: str) -> str | None:
    """The letter's own reference ("Kenmerk 3374378-1028257-PZO", also as a label and value
    on separate lines)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not (m := _KENMERK.match(line)):
            continue
        if m["v"] and re.search(r"\d", m["v"]):
            return m["v"]
        for nxt in lines[i + 1 : i + 1 + LABEL_REACH]:
            if v := _KENMERK_VALUE.match(nxt):
                return v["v"]
    return None


# "Kamerstuk 31765-725", "kst. 29 247, nr. 480", "Kamerstukken II 2022/23, 33 578, nr. 95";
# the letter's own, so only in its first lines or after a "Kamerstuk" label.
_KAMERSTUK = re.compile(
    r"^\s*(?:kamerstuk(?:ken)?|kst\.?-?)\s*(?:I{1,2}\s*)?(?:,?\s*\d{4}[/-]\d{2,4}\s*,)?\s*"
    r"(?P<a>\d{2}\s?\d{3})(?:-[A-Z]+)?\s*(?:[,-]\s*(?:nr\.?\s*)?|\s+nr\.?\s*)(?P<b>\d{1,4})\b",
    re.I | re.M,
)


def kamerstuk(text: str) -> str | None:
    """The document's own Kamerstuk number as "31765-725", when its opening prints one."""
    head = "\n".join([ln for ln in text.split("\n") if ln.strip()][:HEAD_LINES])
    m = _KAMERSTUK.search(head)
    return f"{m['a'].replace(' ', '')}-{m['b']}" if m else None


# -- type and addressee --------------------------------------------------------------------

_TO_PARLIAMENT = re.compile(
    r"^\s*(?:Aan\s+)?(?:de\s+)?Voorzitter\s+van\s+de\s+(?P<k>Tweede|Eerste)\s+Kamer", re.I | re.M
)
_SALUTATION = re.compile(r"^\s*Geachte\s+(?P<who>[^,\n]{2,60}),?\s*$", re.I | re.M)
_TO_MUNICIPALITIES = re.compile(
    r"^\s*(?:Geacht\s+college\b|Aan\s+(?:het\s+bestuur\s+van\s+)?(?:de\s+)?"
    r"(?:colleges?\s+van\s+burgemeester\s+en\s+wethouders|gemeenten\b"
    r"|Vereniging\s+van\s+Nederlandse\s+Gemeenten|VNG\b))",
    re.I | re.M,
)
# An agreement naming itself: "dit Integraal Zorgakkoord (IZA)", "het Hoofdlijnenakkoord GGZ".
_SELF_AGREEMENT = re.compile(
    r"\b(?:[Dd]it|[Dd]eze)\s+(?P<t>(?:[A-Z][\w-]*\s+){0,4}[\w-]*akkoord(?:\s+[A-Z][\w-]*)?)"
    r"(?:\s+\((?P<abbr>[A-Z][A-Za-z-]{1,9})\))?"
)
_SIGNED_BY_PARTIES = re.compile(
    r"\b(?:ondertekenaars|ondertekenende\s+partijen|partijen\s+spreken\s+af)\b", re.I
)
_ADDRESSES_PARLIAMENT = re.compile(r"\b(?:uw|Uw)\s+Kamer\b")
_ANNEX_START = re.compile(r"^\s*Bijlage\b", re.I)
_REPORT = re.compile(r"\b(?:rapport|rapportage|onderzoeksrapport|eindrapport)\b", re.I)
_CONTENTS = re.compile(r"^\s*(?:Inhoud|Inhoudsopgave|Samenvatting)\s*$", re.I | re.M)
_MINISTRY = re.compile(r"\bministerie\s+van\s+(?P<m>[A-Z][\w]+(?:,?\s+(?:[A-Z]\w+|en))*)")


# An agreement that does not name itself "dit ...akkoord (X)": its title says what it is and its
# text says that parties agree ("komen het volgende overeen", "Aldus overeengekomen").
_AGREEMENT_KIND = re.compile(r"(?:akkoord|convenant|overeenkomst|afsprakenkader)\b", re.I)
_AGREE_WORDING = re.compile(
    r"\b(?:komen\s+(?:het\s+volgende\s+)?overeen|aldus\s+overeengekomen"
    r"|hierna\s+(?:gezamenlijk\s+)?te\s+noemen:?\s+(?:de\s+)?partijen)\b"
    r"|^\s*(?:de\s+)?(?:partijen|ondergetekenden)\s*:",
    re.I | re.M,
)
_TITLE_ABBR = re.compile(r"\(([A-Z][A-Za-z-]{1,9})\)\s*$")
# The parties listed under a "Partijen" / "Ondergetekenden" heading, a line each, up to the
# recitals or "hierna te noemen: partijen".
_PARTIES_HEAD = re.compile(r"^\s*(?:De\s+)?(?:partijen|ondergetekenden)\s*:?\s*$", re.I)
_PARTIES_INLINE = re.compile(
    r"^\s*(?:De\s+)?(?:partijen|ondergetekenden)\s*:\s*(?P<list>\S.{2,300})$", re.I
)
_PARTIES_END = re.compile(r"\b(?:hierna|overwegende|komen|spreken|verklaren)\b", re.I)
MAX_PARTIES = 30


def _listed_parties(text: str) -> list[str]:
    """The parties an agreement lists a line each under a "Partijen" heading."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if m := _PARTIES_INLINE.match(line):
            # "Partijen: de minister van VWS, ZN en KNGF."
            names = re.split(r",\s*|\s+en\s+", m["list"].strip().rstrip("."))
            return [n.strip() for n in names if n.strip()][:MAX_PARTIES]
        if not _PARTIES_HEAD.match(line):
            continue
        out: list[str] = []
        for nxt in lines[i + 1 :]:
            name = nxt.strip()
            if not name:
                continue
            if _PARTIES_END.search(name) or len(name) > 120 or len(out) == MAX_PARTIES:
                break
            out.append(re.sub(r"[,;]?\s*(?:en)?$", "", name).strip())
        if out:
            return out
    return []


def _agreement(text: str) -> tuple[str, str | None] | None:
    """The title and abbreviation an agreement gives itself, when the text names itself so."""
    found = [m for m in _SELF_AGREEMENT.finditer(text) if m["t"][:1].isupper()]
    if not found:
        return None
    best = max(found, key=lambda m: (m["abbr"] is not None, len(m["t"])))
    title = " ".join(best["t"].split())
    return (f"{title} ({best['abbr']})" if best["abbr"] else title), best["abbr"]


_BELONGS_TO = re.compile(
    r"\b(?:behorend|horend|gevoegd)\s+bij\s+de\s+\w*brief\s+van\s+de\s+"
    r"(?P<role>(?:minister|staatssecretaris)\b[^\n.]{0,80})",
    re.IGNORECASE,
)
# How an agreement names its own collective or abbreviation: "hierna samen te noemen: de
# GONHN-partijen", "Dit Bestuurlijk akkoord mondzorg 2027-2030 (BAM)", a title line "(GONHN)".
_COLLECTIVE = re.compile(
    r"\bhierna\s+(?:samen\s+|gezamenlijk\s+)?te\s+noemen:?\s+(?:de\s+)?"
    r"(?P<abbr>[A-Z][A-Za-z]{1,9})-partijen\b"
)
_SELF_ABBR = re.compile(
    r"\b(?:[Dd]it|[Dd]eze|[Hh]et)\s+(?:[A-Z][\w-]*\s+){0,4}[\w-]*"
    r"(?:akkoord|convenant|overeenkomst|afsprakenkader)(?:\s+[\w-]+){0,5}?"
    r"\s+\((?P<abbr>[A-Z][A-Za-z-]{1,9})\)"
)
_ABBR_LINE = re.compile(r"^\s*\((?P<abbr>[A-Z][A-Za-z-]{1,9})\)\s*$")
ABBR_LINES = 3  # the title's abbreviation on a line of its own among the first lines


def _agreement_abbr(
    text: str, agreement: tuple[str, str | None] | None, own_title: str | None
) -> str | None:
    """The short name an agreement gives itself (its parties are "<short name>-partijen"): the
    collective it says it will call its parties, the abbreviation after its own name, or one
    after (or under) its title."""
    if m := _COLLECTIVE.search(text):
        return m["abbr"]
    if agreement and agreement[1]:
        return agreement[1]
    if m := _SELF_ABBR.search(text):
        return m["abbr"]
    if own_title and (m := _TITLE_ABBR.search(own_title)):
        return m.group(1)
    head = [ln for ln in text.split("\n") if ln.strip()][:ABBR_LINES]
    return next((m["abbr"] for ln in head if (m := _ABBR_LINE.match(ln))), None)


def _lead_ministry(text: str) -> str | None:
    """The ministry an agreement names most often ("ministerie van VWS"), its government party."""
    counts: dict[str, int] = {}
    for m in _MINISTRY.finditer(text):
        voice = signer_voice(f"minister van {m['m']}")
        if voice and voice.startswith("minister van "):
            key = "ministerie van " + voice.removeprefix("minister van ")
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def describe(text: str, first_page: str | None = None) -> Description:
    """Everything `text` says about itself, with where each field was read.

    `first_page` is the text of the first page when pages are known (a title page).
    """
    sources: dict[str, str] = {}
    head = "\n".join([ln for ln in text.split("\n") if ln.strip()][:HEAD_LINES])
    values: dict[str, object] = {}

    def found(name: str, value: object, source: str) -> None:
        if value and name not in values:
            values[name] = value
            sources[name] = source

    # type and addressee
    if m := _TO_PARLIAMENT.search(text):
        found("doc_type", "kamerbrief", LETTERHEAD)
        found("addressee", f"{m['k'].capitalize()} Kamer", LETTERHEAD)
    if (m := _SALUTATION.search(head)) and re.search(r"voorzitter", m["who"], re.I):
        found("doc_type", "kamerbrief", SALUTATION)
        found("addressee", "Eerste Kamer" if "Eerste Kamer" in text else "Tweede Kamer", SALUTATION)
    if m := _TO_MUNICIPALITIES.search(head):
        found("doc_type", "brief aan gemeenten", LETTERHEAD)
        found(
            "addressee",
            "VNG" if "VNG" in m.group(0) or "Vereniging" in m.group(0) else "gemeenten",
            LETTERHEAD,
        )
    if _ADDRESSES_PARLIAMENT.search(text) and not _SIGNED_BY_PARTIES.search(text):
        found("doc_type", "kamerbrief", BODY)
        found("addressee", "Tweede Kamer", BODY)
    agreement = _agreement(text)
    # the title the document opens with: a title page's, or a text export's first line
    # (a PDF whose first page runs into the text has no title page: its first line then)
    opening = (_title_page(first_page) if first_page is not None else None) or _title_line(text)
    own_title = subject(text) or opening
    if "doc_type" not in values:
        first = next((ln for ln in text.split("\n") if ln.strip()), "")
        if _ANNEX_START.match(first):
            found("doc_type", "bijlage", TITLE_PAGE)
        elif (agreement or (own_title and _AGREEMENT_KIND.search(own_title))) and (
            _SIGNED_BY_PARTIES.search(text) or _AGREE_WORDING.search(text)
        ):
            found("doc_type", "akkoord", BODY)
        elif _CONTENTS.search(head) or _REPORT.search(first_page or head[:300]):
            found("doc_type", "rapport", TITLE_PAGE)

    # title
    found("title", subject(text), LETTERHEAD)
    if values.get("doc_type") == "akkoord" and agreement:
        found("title", agreement[0], BODY)
    found("title", opening, TITLE_PAGE)
    found("title", _purpose(text), GUESSED)

    # date
    dated = document_date(text, first_page)
    if dated:
        found("date", dated[0], dated[1])

    # signers
    voices, names = signers(text)
    agreement_type = values.get("doc_type") == "akkoord"
    abbr = _agreement_abbr(text, agreement, own_title) if agreement_type else None
    if voices and not abbr:
        found("senders", voices, SIGNATURE)
    if voices and names:
        found("signatories", names, SIGNATURE)
    # an annex speaks with the voice of the letter it belongs to ("Behorend bij de brief van
    # de minister voor ... van 14 oktober 2026")
    belongs = _BELONGS_TO.search(text) if "senders" not in values else None
    if belongs and (voice := signer_voice(belongs["role"])):
        found("senders", (voice,), BODY)
    if agreement_type and "senders" not in values:
        # An agreement that names itself speaks as its parties ("BAM-partijen"), also where a
        # minister signs it as one of them.
        listed = _listed_parties(text)
        if abbr is None and listed:
            found("senders", tuple(listed), BODY)
        else:
            parties = [f"{abbr}-partijen"] if abbr else ["partijen"]
            ministry = _lead_ministry(text)
            found("senders", tuple([ministry, *parties] if ministry else parties), BODY)

    found("kenmerk", kenmerk(text), LETTERHEAD)
    found("kamerstuk", kamerstuk(text), LETTERHEAD)
    return Description(
        title=values.get("title"),  # type: ignore[arg-type]
        date=values.get("date"),  # type: ignore[arg-type]
        doc_type=values.get("doc_type"),  # type: ignore[arg-type]
        senders=values.get("senders", ()),  # type: ignore[arg-type]
        signatories=values.get("signatories", ()),  # type: ignore[arg-type]
        addressee=values.get("addressee"),  # type: ignore[arg-type]
        kenmerk=values.get("kenmerk"),  # type: ignore[arg-type]
        kamerstuk=values.get("kamerstuk"),  # type: ignore[arg-type]
        sources=sources,
    )


# A letter stating what it is about: "In deze brief ga ik in op de visie op ...".
_PURPOSE = re.compile(
    r"\b(?:in|met)\s+deze\s+(?:nu\s+voorliggende\s+)?brief\s+(?:\w+\s+){1,4}?"
    r"(?:in\s+op|over|op)\s+(?P<t>[^.;:]{10,140})",
    re.I,
)
TITLE_WORDS = 14


def _purpose(text: str) -> str | None:
    """A guessed title: what the letter says it is about, from its first "in deze brief ...
    over/op ..." sentence, cut to a few words."""
    m = _PURPOSE.search(" ".join(text.split()))
    if not m:
        return None
    words = m["t"].split()
    return " ".join(words[:TITLE_WORDS]).rstrip(",") + (" ..." if len(words) > TITLE_WORDS else "")


TITLE_LINE_WORDS = 20  # a title line of a text export holds at most this many words


# A line that ends in a date ("12 september 2025", "september 2025"); a title may end in years
# ("Bestuurlijk akkoord acute zorg 2025-2028").
_DATE_LINE = re.compile(
    rf"\b(?:{'|'.join(MONTH_NAMES)})\s+(?:19|20)\d\d\s*$|^\W*(?:19|20)\d\d\s*$", re.I
)


def _title_line(text: str) -> str | None:
    """The title a plain-text export opens with ("Kamerbrief over de wachttijden in de ggz"):
    its first line, when a blank line follows it and it reads as a title, not as a salutation,
    date, address, numbered heading or sentence."""
    lines = text.split("\n")
    first = next((k for k, ln in enumerate(lines) if ln.strip()), None)
    if first is None or first + 1 >= len(lines) or lines[first + 1].strip():
        return None
    line = " ".join(lines[first].split())
    if (
        not line[:1].isupper()
        or line[-1] in ".,:;"
        or not 2 <= len(line.split()) <= TITLE_LINE_WORDS
        or _FURNITURE_TITLE.match(line)
        or _SALUTATION.match(line)
        or _DATE_LINE.search(line)
        or re.match(r"(?:Den Haag|Aan|Geacht|Beste)\b", line)
    ):
        return None
    return line


_FURNITURE_TITLE = re.compile(
    r"^\s*(?:ministerie\s+van|bezoekadres|postadres|postbus|pagina\s+\d|datum|kenmerk|www\.)",
    re.I,
)


def _title_page(page: str) -> str | None:
    """The title of a title page: its first lines that are no date, address or label, when the
    page holds a few short lines and no running prose."""
    lines = [ln.strip() for ln in page.split("\n") if ln.strip()]
    if not lines or len(lines) > 12 or any(ln.endswith(".") and len(ln) > 60 for ln in lines):
        return None
    title: list[str] = []
    for line in lines:
        if _FURNITURE_TITLE.match(line) or re.fullmatch(r"[\d\s]+", line):
            if title:
                break
            continue
        if re.search(r"(?:19|20)\d\d\s*$", line) and len(line) < 25:
            break  # the date line under the title
        if title and not line[:1].islower():
            break  # a subtitle
        title.append(line)
    return " ".join(title) or None


__all__ = ["GUESSED", "Description", "describe", "signer_voice", "signers"]
