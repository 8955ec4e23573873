"""Assign one policy theme to a clause from its words and, above all, its section headings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from corpus.model import THEMES

# Method: a weighted keyword lexicon per theme. Every keyword is a word start ("huisarts"
# matches "huisartsenzorg"), so the lexicon holds stems rather than word lists; a keyword
# ending in "$" must be a whole word. A clause's score
# for a theme is the number of keyword hits in its own text plus the hits in its section
# headings, which weigh more (HEADING_WEIGHT for the innermost heading, less for outer ones),
# because agreements and letters group their commitments by theme under headings
# ("3.2 Regionale samenwerking", "Bijlage E Versterking organisatie eerstelijnszorg").
# Clauses without any hit get no theme here; tag_clauses then lets them inherit from
# the clause before them in the same section, and finally from the document's main theme.
LEXICON: dict[str, tuple[str, ...]] = {
    "arbeidsmarkt": (
        "arbeidsmarkt",
        "personeel",
        "zorgprofessional",
        "medewerker",
        "werkdruk",
        "oplei",
        "zzp",
        "loondienst",
        "werkgever",
        "werknemer",
        "cao$",
        "ontzorg",
        "taakherschikking",
        "voorbehouden handeling",
        "scholing",
        "arbeidsbesparend",
        "anw-dienst",
        "instroom",
        "verzuim",
        "werkafspraken",
        "loopbaan",
        "zeggenschap",
    ),
    "passende zorg": (
        "passende zorg",
        "gepast gebruik",
        "uitkomstgericht",
        "pakket",
        "waardegedreven",
        "praktijkvariatie",
        "zinnige zorg",
        "doelmatig",
        "kader passende zorg",
    ),
    "eerstelijnszorg": (
        "eerste lijn",
        "eerstelijn",
        "huisarts",
        "anderhalvelijn",
        "jzojp",
        "juiste zorg op de juiste plek",
        "mtvp",
        "meer tijd voor de patiënt",
        "praktijkhouder",
        "gezondheidscentr",
        "thuisarts",
        "wijkgericht",
        "eerstelijnsverblijf",
        "elv$",
    ),
    "ggz": ("ggz", "psychisch", "psychiatr", "mentale gezondheid", "hoogcomplexe", "suïcide"),
    "acute zorg": (
        "acute zorg",
        "spoedzorg",
        "seh$",
        "spoedeisende",
        "roaz",
        "ambulance",
        "huisartsenpost",
        "triage",
        "zorgcoördinatie",
        "lnaz",
        "acute",
        "spoed",
    ),
    "medisch specialistische zorg": (
        "medisch specialis",
        "medisch-specialis",
        "msz",
        "ziekenhui",
        "umc",
        "concentratie",
        "spreiding",
        "oncolog",
        "kanker",
        "hartfalen",
        "klinieken",
        "tweede lijn",
        "opgenomen",
        "opname",
        "ingreep",
        "ingrepen",
    ),
    "wijkverpleging": ("wijkverple", "thuiszorg", "verpleging thuis", "prem$", "wijkteam"),
    "ouderenzorg": (
        "ouderen",
        "verpleeghuis",
        "wlz",
        "langdurige zorg",
        "wozo",
        "dementie",
        "mantelzorg",
        "vvt",
        "levenseinde",
        "palliatie",
    ),
    "preventie": (
        "preventie",
        "preventief",
        "leefstijl",
        "roken",
        "rookvrij",
        "alcohol",
        "overgewicht",
        "obesitas",
        "gezondheidsachterstand",
        "gli$",
        "vaccin",
        "bevolkingsonderzoek",
        "gezondheidsbevordering",
        "valpreventie",
        "gezond en actief",
    ),
    "sociaal domein": (
        "sociaal domein",
        "sociale domein",
        "wmo",
        "jeugd",
        "welzijn",
        "sociaal werk",
        "armoede",
        "schulden",
        "azwa",
        "participatie",
        "informele zorg",
        "gemeenten",
    ),
    "digitalisering en gegevensuitwisseling": (
        "digitali",
        "gegevensuitwisseling",
        "elektronisch",
        "ict$",
        "pgo",
        "lsp",
        "data",
        "informatievoorziening",
        "ehds",
        "medmij",
        "interoperab",
        "epd",
        "wegiz",
        "beeldbel",
        "e-health",
        "ehealth",
        "zorgtechnolog",
        "technologie",
        "uitwisseling",
        "landelijke uitrol",
        "digitale",
    ),
    "regionale samenwerking": (
        "regio",
        "regionale",
        "regiobeeld",
        "regioplan",
        "zorgkantoorregio",
        "transformatieplan",
    ),
    "bekostiging en financien": (
        "bekostig",
        "financi",
        "middelen",
        "budget",
        "miljoen",
        "miljard",
        "euro",
        "tarie",
        "macrokader",
        "transformatiemiddel",
        "uitgaven",
        "subsidie",
        "premie",
        "investering",
        "kostenstijging",
        "besteding",
    ),
    "contractering": (
        "contracter",
        "zorginkoop",
        "inkoop",
        "zorginkoper",
        "polis",
        "meerjarig",
        "contract",
        "overheveling",
        "consultatie",
    ),
    "kwaliteit": (
        "kwaliteit",
        "transparantie",
        "richtlijn",
        "veiligheid",
        "uitkomstinformatie",
        "toezicht",
        "samen beslissen",
        "leren en verbeteren",
    ),
    "regeldruk": (
        "regeldruk",
        "administrat",
        "ontregel",
        "registratielast",
        "verantwoording",
        "lastenverlichting",
        "registratie",
    ),
    "paramedische zorg": (
        "paramedisch",
        "fysiotherap",
        "oefentherap",
        "ergotherap",
        "logoped",
        "diëtist",
        "dietist",
        "kngf",
    ),
    "farmacie en geneesmiddelen": (
        "geneesmiddel",
        "farmac",
        "apothe",
        "medicatie",
        "gaucher",
        "immunoglobuline",
        "epoëtine",
        "knmp",
    ),
    "mondzorg": ("mondzorg", "tandarts", "tandheelkund", "mondhygiën"),
    "governance en monitoring": (
        "monitor",
        "voortgang",
        "governance",
        "stuurgroep",
        "evaluatie",
        "evalueren",
        "landelijk overleg",
        "bestuurlijk overleg",
        "kennisinstituten",
        "rivm",
        "nivel",
        "dashboard",
        "regulier overleg",
        "2-meting",
        "nulmeting",
    ),
}
# A heading names its theme once, however many of the theme's words it uses ("Digitalisering en
# gegevensuitwisseling" is one mention), and the innermost heading outweighs two text hits.
# Chosen on the tuning half of the clause set (eval/data/clauses_tune.jsonl): of a grid of
# hits per heading {1, 2} x innermost weight {1, 1.5, 2.5, 4, 8} x outer weight {0.5, 0.75, 1.25,
# 2, 4}, the least heading weight within one standard error of the best (0.676); picked on one
# random half, the best setting scored 0.663 on the other against 0.613 for the former (2, 1.5,
# 0.75). The dev questions lost one record (0.806 -> 0.778).
HEADING_WEIGHT = 2.5  # per keyword in the innermost heading (at most HEADING_HITS counted)
HEADING_HITS = 1
OUTER_HEADING_WEIGHT = 0.75  # per keyword in the next heading out, halved at each level above
MAX_HITS_PER_KEYWORD = 3
# Themes that run through every sector; on a tie the sector theme is the more specific answer.
CROSS_CUTTING = frozenset(
    {
        "bekostiging en financien",
        "governance en monitoring",
        "kwaliteit",
        "contractering",
        "regeldruk",
    }
)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    patterns = {}
    for theme, words in LEXICON.items():
        # A keyword ending in "$" is a whole word ("prem$" must not match "premie").
        alternatives = "|".join(
            re.escape(w[:-1]) + r"\b" if w.endswith("$") else re.escape(w)
            for w in sorted(words, key=len, reverse=True)
        )
        patterns[theme] = re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)
    return patterns


def keyword_scores(text: str) -> Counter[str]:
    """Per theme, the number of keyword hits in `text` (each keyword counted at most 3 times)."""
    scores: Counter[str] = Counter()
    for theme, pattern in _patterns().items():
        hits = Counter(m.group(0).lower() for m in pattern.finditer(text))
        total = sum(min(n, MAX_HITS_PER_KEYWORD) for n in hits.values())
        if total:
            scores[theme] = total
    return scores


def theme_scores(text: str, section: Sequence[str] = ()) -> tuple[dict[str, float], Counter[str]]:
    """Weighted evidence per theme from a clause's heading trail and text, and the text part."""
    text_scores = keyword_scores(text)
    scores: dict[str, float] = {t: float(n) for t, n in text_scores.items()}
    for depth, heading in enumerate(reversed(section)):
        weight = HEADING_WEIGHT if depth == 0 else OUTER_HEADING_WEIGHT / 2 ** (depth - 1)
        for theme, n in keyword_scores(heading).items():
            scores[theme] = scores.get(theme, 0.0) + weight * min(n, HEADING_HITS)
    return scores, text_scores


def classify_theme(text: str, section: Sequence[str] = ()) -> str | None:
    """The best-supported theme, or None when neither text nor headings give evidence.

    Ties go to the theme with more evidence in the clause's own words, then to a sector theme
    over a cross-cutting one ("financiering van geneesmiddelencommissies" is about medicines),
    then to the theme listed first in corpus.model.THEMES.
    """
    scores, text_scores = theme_scores(text, section)
    if not scores:
        return None
    return max(
        THEMES,
        key=lambda t: (
            scores.get(t, 0.0),
            text_scores.get(t, 0),
            t not in CROSS_CUTTING,
            -THEMES.index(t),
        ),
    )
