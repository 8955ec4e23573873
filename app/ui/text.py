"""Safe Markdown for document text: escape every special character, highlight query words."""

from __future__ import annotations

import datetime as dt
import re

from tagging.dates import MONTH_NAMES

# Characters that Markdown, GitHub-flavoured Markdown or Streamlit's extensions (LaTeX with $,
# colour directives with :name[...], tables with |) would interpret.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&=])")
# Streamlit replaces :shortcode: with emoji and icons; a zero-width space after the colon breaks it.
_SHORTCODE = re.compile(r":(?=[A-Za-z])")
_WORD = re.compile(r"\w+")

# Words too common to be worth highlighting (words of fewer than three letters are skipped too).
STOPWORDS = frozenset(
    [
        "aan",
        "het",
        "hoe",
        "hun",
        "als",
        "bij",
        "dan",
        "dat",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "met",
        "naar",
        "niet",
        "noch",
        "nog",
        "onder",
        "over",
        "ten",
        "tot",
        "uit",
        "van",
        "voor",
        "wat",
        "wie",
        "wel",
        "welke",
        "wanneer",
        "waar",
        "wordt",
        "worden",
        "zijn",
        "zal",
        "zullen",
        "the",
        "and",
        "for",
        "what",
        "who",
        "when",
        "which",
        "with",
        "does",
        "did",
        "has",
        "have",
        "will",
        "are",
    ]
)


def escape_markdown(text: str) -> str:
    """`text` as Markdown that renders as exactly these characters (no HTML, links or emphasis)."""
    return _escape(_normalise(text))


def _normalise(text: str) -> str:
    # Leading white space would open an indented code block; rendering collapses it anyway.
    return "\n".join(line.lstrip() for line in text.replace("\r\n", "\n").split("\n"))


def _escape(text: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _SHORTCODE.sub(":\u200b", escaped)
    # A single newline would be folded into a space; keep the author's line breaks.
    return escaped.replace("\n", "  \n")


def query_terms(query: str) -> tuple[str, ...]:
    """The lower-cased words of a query worth highlighting, longest first, without repeats."""
    words = {w.lower() for w in _WORD.findall(query) if len(w) >= 3}
    return tuple(sorted(words - STOPWORDS, key=lambda w: (-len(w), w)))


def highlight(text: str, query: str) -> str:
    """Escaped Markdown of `text` with every word that starts with a query word highlighted."""
    terms = query_terms(query)
    text = _normalise(text)
    if not terms:
        return _escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(_escape(text[last : match.start()]))
        # A match is only word characters: escaping keeps underscores literal inside the directive.
        out.append(":orange[**" + _escape(match.group(0)) + "**]")
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def format_date(value: dt.date | None) -> str:
    """A date in Dutch long form ("1 januari 2023"), or an empty string."""
    if value is None:
        return ""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
