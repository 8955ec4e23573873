"""Tag clauses with actors, deadline, theme and kind (glue over the tagging modules)."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace

from corpus.model import ACTORS_FROM, Clause, Document
from tagging.actors import (
    parties_voice,
    senders_as_actors,
    split_responsible,
    tag_actors,
    with_default,
)
from tagging.deadlines import (
    SENTENCE_END,
    find_time_expressions,
    parse_date_cell,
    parse_deadline,
)
from tagging.docdate import infer_document_date
from tagging.gazetteer import GOVERNMENT
from tagging.kinds import classify_kind, names_doer_in_main, parties_acting
from tagging.orgnames import document_names
from tagging.registry import register_ids, with_register_ids
from tagging.themes import classify_theme

log = logging.getLogger(__name__)


def reference_date(document: Document, clauses: Sequence[Clause]) -> dt.date:
    """The date that expressions without a year are resolved against.

    Document.date (from meta.json) when known; otherwise inferred from the text, with a warning;
    as a last resort today's date.
    """
    if document.date is not None:
        return document.date
    guess = infer_document_date("\n".join(c.text for c in clauses))
    if guess is None:
        log.warning("%s: no document date and none found in the text; using today", document.id)
        return dt.date.today()
    log.warning("%s: no document date; inferred %s from the text", document.id, guess)
    return guess


def default_actors(document: Document) -> tuple[str, ...]:
    """Who speaks when a clause names nobody: an agreement's parties, a letter's signers (every
    one of them: a letter signed by two ministers has two voices)."""
    senders = senders_as_actors(document.senders)
    if parties := parties_voice(senders):
        return (parties,)
    if document.doc_type == "akkoord":
        # an agreement without a collective name speaks with its parties as listed
        return tuple(senders) or ("IZA-partijen",)
    return tuple(senders)


def _speaks_as_agreement(document: Document, default: Sequence[str]) -> bool:
    return document.doc_type == "akkoord" or tuple(default) == ("IZA-partijen",)


def tag_clauses(clauses: Sequence[Clause], document: Document) -> list[Clause]:
    """Return the clauses with their tag fields filled in, in the same order."""
    ref = reference_date(document, clauses)
    default = default_actors(document)
    names = document_names(c.text for c in clauses)
    tagged: list[Clause] = []
    lead: Clause | None = None  # the last clause outside a list, which may introduce one
    for clause in clauses:
        tagged.append(_tag_one(clause, document, ref, default, names, _lead_in(clause, lead)))
        if clause.block != "bullet":
            lead = tagged[-1]
    tagged = _fill_missing_themes(_carry_actors(tagged, default))
    agreement = _speaks_as_agreement(document, default)
    if agreement and tuple(default) != ("IZA-partijen",):
        tagged = [_iza_parties_as(c, default) for c in tagged]
    if not agreement:
        tagged = _agreement_parties(tagged, default)
        tagged = _portfolio_voice(tagged, default)
    if document.date is not None and document.date < IZA_SIGNED and default != ("IZA-partijen",):
        tagged = [_iza_parties_as(c, (_BEFORE_IZA,)) for c in tagged]
    return with_register_ids(tagged)


# One sentence that asks, opening as a question does (a question word or the finite verb
# first: "Bent u ...", "Welke maatregelen ...", "Klopt het dat ..."), with no full stop, "!"
# or "?" before the question mark that ends it. A statement that ends on a question ("...;
# welke ondersteuning heeft iemand nodig?") still speaks for the document.
_QUESTION = re.compile(
    r"^\W*(?:wat|welke?|wie|hoe|hoeveel|waarom|wanneer|waar|waardoor|waarmee|in hoeverre"
    r"|op welke|bent|wilt|kunt|klopt|heeft|hebt|is|zijn|deelt|acht|zou|gaat|kent|erkent"
    r"|herkent|ziet|vindt)\b[^.!?]*(?:\.(?!\s+[A-Z])[^.!?]*)*\?\W*$",
    re.IGNORECASE,
)
# A co-signer who says which part is theirs: "Als staatssecretaris ben ik verantwoordelijk voor
# de wijkverpleging", "Als minister voor Medische Zorg wil ik ...".
_PORTFOLIO = re.compile(
    r"\bAls\s+(?P<role>minister|staatssecretaris)\b[^.;:]{0,80}?\b(?:ben|heb|wil|ga|zal|zie)"
    r"\s+ik\b",
    re.IGNORECASE,
)
_SINGULAR = re.compile(r"\b(?:ik|mij|mijn)\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:wij|we|ons|onze)\b", re.IGNORECASE)


def _portfolio_voice(clauses: list[Clause], voices: Sequence[str]) -> list[Clause]:
    """In a letter signed by several office-holders, "ik" in a section where one of them says
    "Als staatssecretaris ben ik ..." is that one: from there to the section's end, a
    statement in the first person singular speaks with that signer's voice alone."""
    if len(voices) < 2:
        return clauses
    out: list[Clause] = []
    speaker: str | None = None
    section: tuple[str, ...] | None = None
    for clause in clauses:
        if clause.section != section:
            speaker, section = None, clause.section
        if m := _PORTFOLIO.search(clause.text):
            own = [v for v in voices if v.lower().startswith(m["role"].lower())]
            speaker = own[0] if len(own) == 1 else None
        if (
            speaker is not None
            and clause.block in ("prose", "bullet")
            and _SINGULAR.search(clause.text)
            and not _PLURAL.search(clause.text)
            and set(voices) <= set(clause.actors)
        ):
            others = set(voices) - {speaker}
            clause = replace(clause, actors=tuple(a for a in clause.actors if a not in others))
        out.append(clause)
    return out


# The day the Integraal Zorgakkoord was signed: "partijen" in an earlier text are the parties
# of another agreement (the hoofdlijnenakkoorden of 2018-2022, say), not the IZA's.
IZA_SIGNED = dt.date(2022, 9, 16)
_BEFORE_IZA = "veldpartijen"


def _iza_parties_as(clause: Clause, parties: Sequence[str]) -> Clause:
    """The clause with "IZA-partijen" (the gazetteer's reading of "partijen") read as `parties`,
    unless the clause names the IZA: an agreement's own parties, or the veldpartijen of a text
    written before the IZA."""
    if "IZA" in clause.text:
        return clause

    def swap(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(p for n in names for p in (parties if n == "IZA-partijen" else (n,)))
        )

    actors = swap(clause.actors)
    return replace(
        clause, actors=actors, mentions=tuple(m for m in swap(clause.mentions) if m not in actors)
    )


# The agreements a letter reports on, by the short name their parties' collective is called by
# (IZA-partijen, AZWA-partijen, ...).
_AGREEMENT = re.compile(r"\b(IZA|AZWA|GALA|HLO)(?=\b|-)")
_AGREED = re.compile(r"\bafgesproken\b|\bafspra(?:ak|ken)\b", re.IGNORECASE)


def _agreement_named(text: str) -> str | None:
    names = set(_AGREEMENT.findall(text))
    return names.pop() if len(names) == 1 else None


def _agreement_parties(clauses: list[Clause], default: Sequence[str]) -> list[Clause]:
    """In a letter, who acts for an agreement it reports on: "partijen" in a statement about
    one agreement (named in it, or else in the statement before it in the same section) are
    that agreement's parties ("AZWA-partijen"), and so is the unnamed doer of what was agreed
    ("Zo is afgesproken dat ...")."""
    out: list[Clause] = []
    for i, clause in enumerate(clauses):
        prev = clauses[i - 1] if i else None
        agreement = _agreement_named(clause.text)
        if agreement is None and prev is not None and prev.section == clause.section:
            agreement = _agreement_named(prev.text)
        if agreement is not None and clause.block in ("prose", "bullet"):
            parties = f"{agreement}-partijen"
            if "IZA-partijen" in clause.actors:
                actors = tuple(
                    dict.fromkeys(parties if a == "IZA-partijen" else a for a in clause.actors)
                )
                clause = replace(clause, actors=actors)
            elif (
                clause.actors == tuple(default)
                and clause.get(ACTORS_FROM) == "default"
                and _AGREED.search(clause.text)
            ):
                clause = replace(clause, actors=(parties,))
        out.append(clause)
    return out


# Words that point back to the previous sentence's subject ("In 2020 wordt deze monitor
# herhaald", "Daarover worden afspraken gemaakt").
_ANAPHORA = re.compile(
    r"\b(?:deze|hiervoor|hierbij|hiermee|hierover|hieraan|hierin|daarvoor|daarbij|daarover|"
    r"daarmee|daaraan|daarin|zij)\b",
    re.IGNORECASE,
)


_PASSIVE = re.compile(r"\b(?:wordt|worden|werd|werden)\b", re.IGNORECASE)


# A sentence that opens on a word pointing back ("Deze worden besproken", "In dit programma",
# "Hij is in gesprek", "Vervolgens ...") continues the previous sentence's subject.
_OPENS_ANAPHORIC = re.compile(
    r"^\W*(?:(?:in|op|met|na|voor|bij)\s+)?(?:deze|dit|die|zij|ze|hij|hiervoor|daarvoor|hierbij"
    r"|daarbij|hiermee|daarmee|hierover|daarover|daarna|vervolgens)\b",
    re.IGNORECASE,
)


def _refers_back(text: str) -> bool:
    """A passive that points back ("In 2020 wordt deze monitor herhaald"), or a sentence that
    opens on a word pointing back."""
    passive_back = _ANAPHORA.search(text) and _PASSIVE.search(text)
    return bool(passive_back or _OPENS_ANAPHORIC.match(text))


def _carry_actors(clauses: list[Clause], default: Sequence[str]) -> list[Clause]:
    """A sentence of running text that names nobody and refers back (`_refers_back`) belongs
    to whoever the previous statement in the same section named; without that it keeps the
    default voice."""
    out: list[Clause] = []
    for clause in clauses:
        prev = out[-1] if out else None
        if (
            prev is not None
            and clause.block == "prose"  # bullets are parallel items, each its own statement
            and prev.block == "prose"
            and prev.section == clause.section
            and clause.actors == tuple(default)
            and prev.actors
            and prev.actors != tuple(default)
            and _refers_back(clause.text)
            and clause.get(ACTORS_FROM) != "text"  # it names no one, not even "wij"
        ):
            mentions = tuple(m for m in clause.mentions if m not in prev.actors)
            extra = _with(clause.extra, ACTORS_FROM, "previous")
            clause = replace(clause, actors=prev.actors, mentions=mentions, extra=extra)
        elif (
            prev is not None
            and prev.section == clause.section
            and clause.actors == tuple(default)
            and clause.get(ACTORS_FROM) == "default"
            and _HE.search(clause.text)
        ):
            # "hij": the one minister the statement before named ("Desondanks wil de Minister
            # van VWS ... Daarom is hij in gesprek met ...").
            persons = [a for a in prev.actors if a in _PERSONS]
            if len(persons) == 1 and prev.get(ACTORS_FROM) in ("text", "previous"):
                extra = _with(clause.extra, ACTORS_FROM, "previous")
                clause = replace(clause, actors=tuple(persons), extra=extra)
        out.append(clause)
    return out


_HE = re.compile(r"\bhij\b", re.IGNORECASE)
# Members of the government, each a person ("hij"), not the cabinet as a whole.
_PERSONS = frozenset(name for name in GOVERNMENT if name != "kabinet")


def _lead_in(clause: Clause, lead: Clause | None) -> str | None:
    """The kind of the sentence that introduces the list a bullet belongs to: the last clause
    before the list, in the same section, when it ends in a colon."""
    if clause.block != "bullet" or lead is None or lead.section != clause.section:
        return None
    return lead.kind if lead.text.rstrip().endswith(":") else None


def _tag_one(
    clause: Clause,
    document: Document,
    ref: dt.date,
    default: Sequence[str],
    names: Collection[str] = (),
    lead_in: str | None = None,
) -> Clause:
    text = clause.text
    if clause.block == "table_row":
        raw = clause.deadline_text
        responsible = clause.get("responsible") or ""
        actors = tuple(split_responsible(responsible))
        text = clause.get("subject") or text
        named, mentions = tag_actors(text, names=names)
        if not actors and not raw and not responsible:
            # a row of a table without date and responsible columns (a budget per party):
            # who its cells name
            actors = named
        return replace(
            clause,
            actors=actors,
            mentions=tuple(m for m in mentions if m not in actors),
            extra=_with(clause.extra, ACTORS_FROM, "table" if actors else "none"),
            deadline=parse_date_cell(raw, ref),
            deadline_text=raw,
            theme=classify_theme(text, clause.section),
            # the whole row: a status cell may say it is done ("afgerond")
            kind=classify_kind(clause.text, "table_row", document.doc_type),
        )
    # A footnote references (a source, a report); it sets no deadline of its own, except the
    # due date of a promise it names by its registry number (the toezegging register's date).
    sets_deadline = clause.block != "footnote" or bool(register_ids(text))
    deadline, deadline_text = parse_deadline(text, ref) if sets_deadline else (None, None)
    # Headings and footnotes speak for nobody, except a heading that states a dated goal
    # ("1. Elektronische gegevensuitwisseling is in 2025 de standaard").
    speaks = clause.block == "prose" or clause.block == "bullet" or deadline is not None
    named, mentions = tag_actors(
        text, senders=document.senders if clause.block != "heading" else (), names=names
    )
    if clause.block == "footnote" and is_reference(text):
        named, mentions = (), tuple(dict.fromkeys((*named, *mentions)))
    ministry = not named and _ministry_runs(text, document)
    if ministry:
        default = ("VWS",)
    # A question ("Bent u bereid ...?", quoted from Kamervragen) asks; it commits nobody, and
    # nobody speaks for the document in it.
    question = _QUESTION.match(text) is not None
    actors, mentions = with_default(named, mentions, default if speaks and not question else ())
    source = "text" if named else ("implied" if ministry else "default") if actors else "none"
    parties = parties_acting(actors)
    kind = classify_kind(
        text,
        clause.block,
        document.doc_type,
        deadline is not None,
        parties,
        section=clause.section,
        lead_in=lead_in,
        # Only a doer of the main clause counts: one named in a reason or a "dat"-clause
        # ("belangrijk dat zorgaanbieders ...") is not who the clause says acts.
        names_doer=clause.block in ("prose", "bullet")
        and names_doer_in_main(text, document.senders, named),
    )
    if question and clause.block in ("prose", "bullet"):
        kind = "feit"
    if named and clause.block in ("prose", "bullet"):
        # The statement a clause dates is the one its first time expression (past, future or
        # undated: "de komende jaren") stands in.
        times = find_time_expressions(text, ref)
        at = times[0].start if times else -1
        actors, mentions = _doers_of_dated_sentence(text, at, document, actors, mentions, names)
    return replace(
        clause,
        actors=actors,
        mentions=mentions,
        deadline=deadline,
        deadline_text=deadline_text,
        theme=classify_theme(text, clause.section),
        kind=kind,
        extra=_with(clause.extra, ACTORS_FROM, source),
    )


def _doers_of_dated_sentence(
    text: str,
    at: int,
    document: Document,
    actors: tuple[str, ...],
    mentions: tuple[str, ...],
    names: Collection[str] = (),
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """In a clause of several sentences, the doers of the sentence holding the character `at`
    (the first time expression: the statement the clause dates, where questions point); the
    others named in the clause become mentions; a letter's sentence that makes money available
    without a giver is the ministry's (VWS). Unchanged when that sentence names nobody, or `at`
    is negative (no time expression)."""
    if at < 0:
        return actors, mentions
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    if not ends:
        return actors, mentions
    start = max((e for e in ends if e <= at), default=0)
    stop = min((e for e in ends if e > at), default=len(text))
    sentence = text[start:stop]
    named, _ = tag_actors(sentence, senders=document.senders, names=names)
    if not named and _ministry_runs(sentence, document):
        named = ("VWS",)
    if not named:
        return actors, mentions
    others = tuple(a for a in (*actors, *mentions) if a not in named)
    return named, tuple(dict.fromkeys(others))


# Money made available without a giver: the ministry's budget ("is €50 miljoen vrijgemaakt").
_BUDGET = re.compile(
    r"(?:€|\bmiljoen\b|\bmiljard\b)[^.;]{0,80}?\b(?:beschikbaar|vrijgemaakt|uitgetrokken)\b"
    r"|\b(?:beschikbaar|vrijgemaakt|uitgetrokken)\b[^.;]{0,40}?(?:€|\bmiljoen\b|\bmiljard\b)",
    re.IGNORECASE,
)


def _ministry_budget(text: str, document: Document) -> bool:
    """Whether `text`, outside an agreement (akkoord), makes money available without a giver:
    the ministry's budget."""
    return document.doc_type != "akkoord" and bool(_BUDGET.search(text))


# What the ministry runs, in a letter or an agreement, when the text names no one else: a grant
# scheme ("De subsidieregeling wordt voortgezet"), a programme that starts or has started ("Het
# stimuleringsprogramma gaat in januari van start", "is het programma X gestart").
_MINISTRY_RUNS = re.compile(
    r"\bsubsidieregeling"
    r"|\b\w*programma\b[^.;:]{0,80}?\b(?:gestart|van\s+start|start|starten)\b",
    re.IGNORECASE,
)


def _ministry_runs(text: str, document: Document) -> bool:
    """Whether `text` names no doer but states what the ministry does: its budget
    (`_ministry_budget`), or a scheme or programme it runs (`_MINISTRY_RUNS`)."""
    return _ministry_budget(text, document) or bool(_MINISTRY_RUNS.search(text))


# A footnote that cites a source ("Rapport X | Zorginstituut Nederland", "WRR, 2021 Kiezen voor
# houdbare zorg", "OECD Statistics") names its author, not a doer.
_FINITE = re.compile(
    r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|hadden|zal|zullen|kan"
    r"|kunnen|moet|moeten|gaat|gaan|doet|doen|geldt|gelden|biedt|bieden|bestaat|bestond|staat"
    r"|komt|komen|maakt|maken|werkt|werken|voert|voeren|spreken|spreekt|ik|we|wij)\b",
    re.IGNORECASE,
)
_CITES = re.compile(
    r"https?://|www\.|\s\|\s|\bKamerstuk|\(\s*(?:19|20)\d\d\s*\)|,\s*(?:19|20)\d\d\b", re.IGNORECASE
)


def is_reference(text: str) -> bool:
    """True for a footnote that cites a source rather than states something: no finite verb,
    and a link, a title separator, a parliamentary paper, a year of publication, or a title (a
    few words, no full stop; not a bare list of names: "PFN, InEen, NHG, ...", which may name
    the doers)."""
    if _FINITE.search(text):
        return False
    title = len(text.split()) <= 15 and text.count(",") < 2 and not text.rstrip().endswith(".")
    return bool(_CITES.search(text)) or title


def _with(extra: tuple[tuple[str, str], ...], key: str, value: str) -> tuple[tuple[str, str], ...]:
    return (*((k, v) for k, v in extra if k != key), (key, value))


# The theme of a document's own apparatus: references to parliamentary papers, reports and links.
APPARATUS_THEME = "governance en monitoring"


def _fill_missing_themes(clauses: list[Clause]) -> list[Clause]:
    """Give clauses without theme evidence the theme of the clause before them in the same
    section (a paragraph continues its predecessor's subject), else the document's main theme.
    A footnote without theme words is a reference (a Kamerstuk, a link, a source): it continues
    no other footnote's subject and takes APPARATUS_THEME."""
    counts = Counter(c.theme for c in clauses if c.theme)
    main = counts.most_common(1)[0][0] if counts else APPARATUS_THEME
    result: list[Clause] = []
    previous: Clause | None = None
    for clause in clauses:
        if clause.theme is None and clause.block == "footnote":
            clause = replace(clause, theme=APPARATUS_THEME)
        elif clause.theme is None:
            same_section = previous is not None and previous.section == clause.section
            theme = previous.theme if same_section and previous and previous.theme else main
            clause = replace(clause, theme=theme)
        result.append(clause)
        previous = clause
    return result
