"""Recognise organisation names the gazetteer does not hold, by Dutch naming conventions."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
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
    "|planbureau|ombudsman|organisatie|universiteit|hogeschool|overleg|orgaan"
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


# A single capitalised word inside a sentence is a proper name in Dutch, where common nouns go
# in lower case. Capitals also open titles ("het Kader passende zorg"), name persons ("minister
# Verhoef", "Sandra (49)"), places and the parts of a ministry's name ("Welzijn en Sport"), so a
# single word counts as an organisation only where the sentence gives it an organisation's place:
# - right after a finite verb, as the subject of an inverted sentence ("In 2026 ontwikkelt
#   Curavia ...", "Daarnaast werken Skilz en Akwa ...");
# - as the agent of a passive ("wordt door Pontiq verspreid");
# - followed by its short form in brackets ("Curavia (CV)");
# - in a list with an acronym or another such name ("LHV, InEen, Verenso en NVAVG").
# A document that names an organisation so writes it at the start of a sentence too
# ("Pontiq rapporteert ..."): `document_names` collects those names for the whole document.
_PERSON_TITLE = re.compile(
    r"\b(?:minister(?:-president)?|staatssecretaris|premier|heer|mevrouw|mevr|mw|dhr|dr|drs"
    r"|prof|ir|mr|ing|burgemeester|wethouder|gedeputeerde|commissaris|voorzitter|directeur"
    r"|collega|koning|koningin|prins|prinses|lid|leden|dochter|zoon|vader|moeder)\.?\s+$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"(?:wet|wetten|akkoord|regeling|programma|plan|agenda|nota|brief|besluit|visie|rapport"
    r"|monitor|register|kader|norm|normen|dag|week|jaar|se|sche|land|lijn|bijlage|tabel|figuur"
    r"|artikel|hoofdstuk|paragraaf|noot)$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(rf"^[{_UPPER}][{_LOWER}][{_UPPER}{_LOWER}&'’-]+$")
# What opens a sentence, list item or quotation, with any numbering after it ("3.2.1 ", "a) ").
_OPENS = re.compile(
    r"(?:^|[.!?:;•(\[\"“‘'/–—]|\n)\s*"
    r"(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\)|[a-z]\.|[ivx]{1,4}[.)])\s+)?$"
)
_PLACES = _word_set(
    """nederland europa brussel amsterdam rotterdam utrecht groningen eindhoven limburg
    friesland caribisch bonaire saba"""
)
# A finite verb that puts its subject after it: a common one, or any "-eert" form ("publiceert").
_FINITE = re.compile(
    r"\b(?:heeft|hebben|zal|zullen|gaat|gaan|moet|moeten|kan|kunnen|wil|willen|werkt|werken"
    r"|maakt|maken|neemt|nemen|zet|zetten|stelt|stellen|voert|voeren|levert|leveren|ontwikkelt"
    r"|ontwikkelen|zorgt|zorgen|brengt|brengen|start|starten|verkent|verkennen|onderzoekt"
    r"|onderzoeken|bepaalt|bepalen|legt|leggen|biedt|bieden|begint|beginnen|doet|doen|schrijft"
    r"|richt|richten|draagt|dragen|geeft|geven|treft|treffen|houdt|houden|stuurt|sturen"
    r"|vraagt|vragen|vroeg|verzoekt|verzoeken|verzocht|roept|roepen|\w{2,}eert)\s+$",
    re.IGNORECASE,
)
_AGENT = re.compile(
    r"\b(?:wordt|worden|werd|werden|is|zijn|was|waren)\b[^.;:!?]*\bdoor\s+$", re.IGNORECASE
)
# Between two items of a list of names.
_LIST_GAP = re.compile(r"^\s*(?:,|\ben\b|\bof\b|/|&|,\s*en\b)\s*$")
_ABBREVIATION = re.compile(rf"^[{_UPPER}][{_UPPER}{_LOWER}&]*[{_UPPER}][{_UPPER}{_LOWER}&]*$")


def _name_shaped(text: str, words: list[re.Match[str]], i: int) -> bool:
    """Whether the i-th word looks like a single-word name: capitalised inside its sentence,
    alone (no capitalised neighbour), and not a person, place, title word or document part."""
    word = words[i].group()
    start = words[i].start()
    if not _NAME_WORD.match(word) or word.lower() in _FUNCTION or word.lower() in _PLACES:
        return False
    if word.lower() in _HEAD_ALONE or _HEAD_WORD.match(word) or _NOT_A_NAME.search(word):
        return False
    if re.fullmatch(r"W[a-z]{1,5}", word):
        return False  # "Wlz", "Wegiz": a law ("Wet ..."), by its short form
    if "-" in word and word.rsplit("-", 1)[1][:1].islower():
        return False  # "Wlz-cliënten": a compound whose head is a common noun
    if _OPENS.search(text[max(0, start - 14) : start]):
        return False  # a sentence, list item, bracket or quotation opens on it
    if _PERSON_TITLE.search(text[max(0, start - 30) : start]):
        return False
    if re.match(r"\s*\(\s*\d", text[words[i].end() :]):
        return False  # "Hendrik (78)": a person and an age
    for j in (i - 1, i + 1):  # a capitalised neighbour: part of a longer title or name
        if 0 <= j < len(words) and (words[j].group()[:1].isupper() or words[j].group() == "&"):
            lo, hi = sorted((words[j], words[i]), key=lambda w: w.start())
            if not text[lo.end() : hi.start()].strip():
                return False
    # "Maatschappij ter bevordering der Pharmacie": the tail of a long name.
    before = text[max(0, start - 50) : start]
    return not (_LINKED.search(before) and _TAIL_OF_NAME.search(before))


# Lower-case words inside a name, then its capitalised rest ("... Zorg op Afstand Nederland").
_NAME_GOES_ON = re.compile(
    rf"^((?:\s+(?:op|in|aan|bij|met|voor|van|de|het|der|en)){{1,3}}(?:\s+{_CAP}){{1,4}})"
)
_LINKED = re.compile(r"\b(?:der|ter|tot|van|voor)\s+$")
_TAIL_OF_NAME = re.compile(rf"[{_UPPER}]\w+\s+(?:(?!en\b|of\b)[{_LOWER}]+\s+){{1,3}}$")


def _single_names(text: str, names: Collection[str] = ()) -> list[re.Match[str]]:
    """The words that are single-word organisation names: those in an organisation's place in their
    sentence (see above), those listed with them, and `names` anywhere."""
    words = list(_WORD.finditer(text))
    shaped = {i for i in range(len(words)) if _name_shaped(text, words, i)}
    # "Logopedie en Foniatrie": after "en", the second half of a longer name, not a name itself.
    shaped = {
        i
        for i in shaped
        if not (
            i >= 2
            and words[i - 1].group() in ("en", "&")
            and words[i - 2].group()[:1].isupper()
            and i - 2 not in shaped
            and not _ABBREVIATION.match(words[i - 2].group())
        )
    }
    accepted = {
        i
        for i in shaped
        if _FINITE.search(text[max(0, words[i].start() - 20) : words[i].start()])
        or _AGENT.search(text[max(0, words[i].start() - 120) : words[i].start()])
        or _short_form(text, words[i])
    }
    accepted |= {i for i, w in enumerate(words) if w.group() in names}

    def partner(j: int) -> bool:
        w = words[j].group()
        return j in accepted or (
            bool(_ABBREVIATION.match(w)) and len(w) <= 6 and w.upper() not in _NOT_ACRONYM
        )

    grew = True
    while grew:  # a list grows from any item it already holds
        grew = False
        for i in sorted(shaped - accepted):
            for step in (-1, 1):  # the next item over a comma, "en", "of" or "&"
                j = i + step
                if 0 <= j < len(words) and words[j].group() in ("en", "of", "&"):
                    j += step
                if not 0 <= j < len(words) or not partner(j):
                    continue
                lo, hi = sorted((words[j], words[i]), key=lambda w: w.start())
                if _LIST_GAP.match(text[lo.end() : hi.start()]):
                    accepted.add(i)
                    grew = True
                    break
    return [words[i] for i in sorted(accepted)]


def _short_form(text: str, word: re.Match[str]) -> re.Match[str] | None:
    """The bracketed short form after a single word that it abbreviates ("Curavia (CV)")."""
    m = _BRACKETED_ACRONYM.match(text[word.end() :])
    return m if m and _is_acronym_of(m.group(1), word.group()) else None


# A name the text defines for what it names before it: "Stichting Wijkkracht Noord-Holland
# Noord (hierna: Wijkkracht)", "Coöperatie VGZ U.A. (hierna te noemen: VGZ)".
_HIERNA = re.compile(
    r"\(\s*hierna(?:\s+(?:samen\s+|gezamenlijk\s+)?te\s+noemen)?\s*:?\s*(?:de\s+|het\s+)?"
    rf"(?P<short>[{_UPPER}][\w&'’-]*(?:\s+[{_UPPER}][\w&'’-]*){{0,2}})\s*\)"
)


_LINKS = _CONNECTORS - {"de", "het"}  # words inside a long name ("Kop en Kennemerland")


def _defined_names(text: str) -> list[tuple[str, int, int]]:
    """(short name, start of the long name, end of the bracket) for each "(hierna: X)" after a
    capitalised name; the long name runs back over capitalised words, initials and connectors
    ("Coöperatie VGZ U.A.", "Huisartsencoöperatie Kop en Kennemerland U.A.")."""
    out = []
    for m in _HIERNA.finditer(text):
        short = m["short"]
        if {w.lower() for w in short.split()} & (_NOT_ORGANISATION | _FUNCTION) or (
            _NOT_A_NAME.search(short)
        ):
            continue
        start: int | None = None  # where the long name begins, once a word of it is found
        for w in reversed(list(_WORD.finditer(text[: m.start()]))):
            if start is not None and text[w.end() : start].strip(" .,"):
                break  # a gap other than spaces and the dots of initials
            if not (_capitalised(w.group()) or (start is not None and w.group() in _LINKS)):
                break
            start = w.start()
        if start is not None:
            out.append((short, start, m.end()))
    return out


def document_names(texts: Iterable[str]) -> frozenset[str]:
    """Organisation names a document writes in an organisation's place and never in lower case
    (single words), and the names it defines ("(hierna: GGD HN)"): names wherever they stand,
    a sentence's first word included."""
    names: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        lower.update(w.group() for w in _WORD.finditer(text) if w.group()[:1].islower())
        names.update(w.group() for w in _single_names(text))
        names.update(short for short, _, _ in _defined_names(text))
    return frozenset(n for n in names if n.lower() not in lower)


def _not_a_law(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    return not re.search(r"\b(?:[Ww]et|Regeling|Besluit|[Pp]rogramma)\s+(?:\w+\s+){0,3}$", before)


def find_org_names(text: str, names: Collection[str] = ()) -> list[OrgName]:
    """Organisation names written in `text` by Dutch convention, in text order, without overlap.

    `names` are single-word names the document writes elsewhere (`document_names`): they are
    names wherever they stand, a sentence's first word included.
    """
    found: list[OrgName] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(name: str, start: int, end: int) -> None:
        if free(start, end):
            taken.append((start, end))
            found.append(OrgName(name, start, end, text[start:end]))

    for defined, start, end in _defined_names(text):
        add(defined, start, end)
    for name in names:
        if " " in name:  # a name of several words the document defines ("GGD HN")
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                add(name, m.start(), m.end())
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
        if not bracket and (more := _NAME_GOES_ON.match(text[end:])):
            # "Stichting Zorg op Afstand Nederland (ZAN)": a name that goes on over a
            # lower-case word, as far as the short form after it abbreviates
            longer = long_form + more.group(1)
            after = _BRACKETED_ACRONYM.match(text[end + more.end(1) :])
            if after and any(
                _is_acronym_of(after.group(1), form) for form in (longer, longer.split(None, 1)[-1])
            ):
                end, long_form, bracket = end + more.end(1), longer, after
        if bracket and (
            _is_acronym_of(bracket.group(1), long_form)
            or _is_acronym_of(bracket.group(1), long_form.split(None, 1)[-1])
        ):
            add(bracket.group(1), start, end + bracket.end())
        else:
            add(_strip_article(long_form), start, end)
    for single in _single_names(text, names):
        if not _not_a_law(text, single.start()):
            continue
        if short := _short_form(text, single):
            add(short.group(1), single.start(), single.end() + short.end())
        else:
            add(single.group(), single.start(), single.end())
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
