"""Recognise organisation names the gazetteer does not hold, by Dutch naming conventions."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The rules read how Dutch organisations are named, not a list of them:
# - an acronym of 2-6 capitals ("LPW", "NFK"), or one defined after its long form in brackets
#   ("Landelijk Platform Wijkzorg (LPW)": the pair is one name, written as the acronym);
# - capitalised words headed by a word for an organisation ("Stichting Zorgbrug",
#   "Nederlandse Vereniging van X", "Raad voor X", "Kennisinstituut Y"), with "van/voor/
#   der/ter/tot" and "en" between capitalised words ("Raad voor Zorg en Welzijn");
# - "Ministerie van X", "gemeente X", "provincie X".
# Guards keep precision: the capital of a sentence's first word says nothing, so a name there
# needs a second capitalised word; a name inside a law, programme or document title ("Wet
# ...", "Programma ...", "Agenda ...") is none; acronyms that name a sector, law, agreement
# or technique (GGZ, VVT, IZA, ICT, ...) are no organisations.


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_CAP = rf"[{_UPPER}][{_LOWER}{_UPPER}'’&-]*"
# The words that head an organisation's name, alone ("Stichting") or ending a compound
# ("Huisartsenvereniging", "Kennisinstituut", "Zorgautoriteit").
_HEADS = (
    "vereniging|federatie|stichting|raad|autoriteit|instituut|inspectie|kamer|college|bureau"
    "|centrum|platform|netwerk|commissie|dienst|agentschap|genootschap|bond|koepel|fonds"
    "|alliantie|coalitie|academie|maatschappij|unie|coöperatie|cooperatie|kenniscentrum"
    "|planbureau|ombudsman|organisatie|universiteit|hogeschool|overleg"
)
_HEAD_WORD = re.compile(rf"^[{_UPPER}{_LOWER}-]*(?:{_HEADS})$", re.IGNORECASE)
_CONNECTORS = frozenset({"van", "voor", "der", "ter", "tot", "en", "&", "de", "het"})
# Capitalised words that open sentences or titles rather than names.
_FUNCTION = _word_set(
    """de het een deze dit die dat ook in op met voor door bij naar van als en zo daarnaast
    verder tevens wij we ik zij ze hij onder namens volgens samen na tot om uit aan over
    ieder iedere elke alle binnen vanuit sinds tijdens zowel waar wanneer hoe wat wie nu
    dan daarom daarbij hierbij ten eind begin medio vanaf per uiterlijk"""
)
# A word that makes a name a law, programme, agreement or document rather than an organisation.
_NOT_ORGANISATION = _word_set(
    """wet wetsvoorstel regeling besluit programma actieprogramma agenda akkoord zorgakkoord
    plan visie rapport rapportage handreiking aanpak kader monitor brief kamerbrief notitie
    richtlijn standaard norm beleidsregel convenant pact strategie houtskoolschets
    samenvatting bijlage hoofdstuk paragraaf project tweede eerste"""
)
# Acronyms of sectors, laws, agreements, funds, programmes, indices and techniques, not of
# organisations (MDZ multidisciplinaire zorg, ANW avond/nacht/weekend, OVA the wage index, LSP a
# local support point, MTVP the "meer tijd voor de patiënt" way of working).
_NOT_ACRONYM = _word_set(
    """GGZ VVT MSZ ELV GRZ WLZ ZVW WMO IZA AZWA GALA HLA ICT AI EPD PGO KPI COVID BV NV VS
    II III IV VI VII VIII IX XI XII CAO AVG BTW BSN DBC DOT NB PS ZZP ZZP'ER JGZ SEH HAP MDO
    RAV OK IC ICU LTA PDF CSV URL RVE WO HBO MBO VO PO ROAZ BIG AGB GP PM AZW MKB NVT
    MDZ ANW OVA LSP MTVP"""
)
_ACRONYM = re.compile(rf"(?<![\w-])[{_UPPER}][{_UPPER}&]{{1,5}}(?![\w-])")
_BRACKETED_ACRONYM = re.compile(rf"^\s*\(\s*([{_UPPER}][{_UPPER}{_LOWER}&]{{1,7}})\s*\)")
_MINISTRY = re.compile(
    rf"\b[Mm]inisterie\s+van\s+{_CAP}(?:(?:\s*,\s*|\s+en\s+|\s+)(?:{_CAP}))*",
)
_PLACE = re.compile(rf"\b(?:gemeente|provincie|Gemeente|Provincie)\s+({_CAP}(?:\s+{_CAP})?)")
_WORD = re.compile(rf"[{_UPPER}{_LOWER}0-9'’&-]+|&")
# An acronym in brackets after lower-case words or a quoted title abbreviates a thing.
_AFTER_THING = re.compile(rf"(?:\b[{_LOWER}][\w-]*|['’\"”])\s*\(\s*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;•]\s+|\n)\W*$")


@dataclass(frozen=True, slots=True)
class OrgName:
    """An organisation name found by convention: its short form and where it was written."""

    name: str  # the acronym when one is defined, else the name without a leading article
    start: int
    end: int
    text: str


def _at_sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 4) : start]))


def _capitalised(word: str) -> bool:
    return (
        word[:1].isupper() and word.lower() not in _FUNCTION and not any(c.isdigit() for c in word)
    )


def _headed_names(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised word runs that contain a head word ("Landelijk Platform Wijkzorg")."""
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _capitalised(words[i].group()):
            i += 1
            continue
        # A run of capitalised words, joined by connectors only when a capital follows them.
        j = i
        while j + 1 < len(words):
            gap = text[words[j].end() : words[j + 1].start()]
            nxt = words[j + 1].group()
            if gap.strip():
                break
            if _capitalised(nxt):
                j += 1
                continue
            k = j + 1  # connectors such as "van de", "voor", "en"
            while k < len(words) and words[k].group().lower() in _CONNECTORS and k - j <= 2:
                k += 1
            joined = [w.group().lower() for w in words[j + 1 : k]]
            if joined[:1] in (["en"], ["&"]) and len(joined) > 1:
                break  # "X en de Y": two names in a list, not one name
            if joined and set(joined) <= {"de", "het"}:
                break  # "de Kamer het rapport": an article opens the next phrase
            gaps = text[words[j].end() : words[k].start()] if k < len(words) else ","
            if "en" in joined and k < len(words) and words[k].group().isupper():
                break  # "Zorginstituut en ZN": a name and an acronym, listed
            if (
                k < len(words)
                and k > j + 1
                and _capitalised(words[k].group())
                and not any(c in gaps for c in ",.;:()")
            ):
                j = k
                continue
            break
        run = words[i : j + 1]
        i = j + 1
        heads = [n for n, w in enumerate(run) if _HEAD_WORD.match(w.group())]
        if not heads:
            continue
        lowered = {w.group().lower() for w in run}
        if lowered & _NOT_ORGANISATION:
            continue
        # Trim the connectors and commas a run may end on ("Raad voor").
        while run and not _capitalised(run[-1].group()):
            run = run[:-1]
        capitals = [w for w in run if _capitalised(w.group())]
        start, end = run[0].start(), run[-1].end()
        first = run[0].group()
        single = len(capitals) == 1
        if single and (_at_sentence_start(text, start) or first.lower() in _HEAD_ALONE):
            continue  # "Raad" or a sentence-initial "Platform": a word, not a name
        if _at_sentence_start(text, start) and len(capitals) < 2:
            continue
        spans.append((start, end))
    return spans


# A head word on its own, even capitalised mid-sentence, is a common noun ("de Raad", "het
# College"), not a name; a compound ("Huisartsenvereniging") or a named one is.
_HEAD_ALONE = frozenset(_HEADS.split("|")) | {"kamer"}


def _not_a_law(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    return not re.search(r"\b(?:[Ww]et|Regeling|Besluit|[Pp]rogramma)\s+(?:\w+\s+){0,3}$", before)


def find_org_names(text: str) -> list[OrgName]:
    """Organisation names written in `text` by Dutch convention, in text order, without overlap."""
    found: list[OrgName] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(name: str, start: int, end: int) -> None:
        if free(start, end):
            taken.append((start, end))
            found.append(OrgName(name, start, end, text[start:end]))

    for m in _MINISTRY.finditer(text):
        add(_strip_article(m.group()), m.start(), m.end())
    for m in _PLACE.finditer(text):
        if m.group(1).lower() not in _FUNCTION:
            add(f"gemeente {m.group(1)}" if m.group()[0] in "gG" else m.group(), m.start(), m.end())
    for start, end in _headed_names(text):
        if not _not_a_law(text, start):
            continue
        long_form = text[start:end]
        bracket = _BRACKETED_ACRONYM.match(text[end:])
        if bracket and _is_acronym_of(bracket.group(1), long_form):
            add(bracket.group(1), start, end + bracket.end())
        else:
            add(_strip_article(long_form), start, end)
    for m in _ACRONYM.finditer(text):
        word = m.group()
        if word in _NOT_ACRONYM or not _not_a_law(text, m.start()):
            continue
        bracketed = text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")"
        if word.lower() in _FUNCTION and not bracketed:
            continue  # "EN", "DE", "IN": a word in capitals (a heading); "(EN)" defines a name
        if _AFTER_THING.search(text[max(0, m.start() - 40) : m.start()]):
            continue  # "het kennisprogramma huisartsengeneeskunde (KPHAG)": a thing's acronym
        if word.isalpha() and len(set(word)) == 1:
            continue  # "AA", "III": a grade or a numeral
        add(word, m.start(), m.end())
    return sorted(found, key=lambda o: o.start)


def _is_acronym_of(short: str, long_form: str) -> bool:
    """Whether `short` abbreviates `long_form`: its letters start words or parts of it, in order."""
    initials = "".join(w[0] for w in re.findall(r"\w+", long_form) if w[0].isupper())
    letters = [c for c in short.upper() if c.isalpha()]
    return (
        bool(letters)
        and letters[0] == long_form[:1].upper()
        and _subsequence(letters, long_form.upper())
        and len(initials) >= 1
    )


def _subsequence(letters: list[str], text: str) -> bool:
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:[Dd]e|[Hh]et)\s+", "", name.strip())
