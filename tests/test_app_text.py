"""Document text renders literally in the app: escaping and highlighting, checked by a parser."""

from __future__ import annotations

import datetime as dt
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from app.ui.text import escape_markdown, format_date, highlight, query_terms

# CommonMark plus the GitHub extensions Streamlit's renderer also understands.
_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]+>")


def rendered_text(markdown: str) -> str:
    """The visible text of rendered Markdown, with white space collapsed."""
    out = _MD.render(markdown)
    text = html.unescape(_TAG.sub(" ", out)).replace("\u200b", "")
    return " ".join(text.split())


def tags(markdown: str) -> set[str]:
    return set(re.findall(r"<(/?\w+)", _MD.render(markdown)))


def test_html_and_markdown_in_document_text_render_literally() -> None:
    text = (
        "Zie <script>alert('x')</script> en **vet** _schuin_ [link](http://e.nl) $x$ ~~weg~~ | a |"
    )
    md = escape_markdown(text)
    assert rendered_text(md) == " ".join(text.split())
    assert tags(md) <= {"p", "/p"}


def test_line_starts_do_not_become_lists_headings_or_code() -> None:
    text = "1. eerste\n- tweede\n# derde\n    vierde\n> vijfde\n===\n+ zesde"
    md = escape_markdown(text)
    assert tags(md) <= {"p", "/p", "br"}
    assert rendered_text(md) == " ".join(text.split())


def test_streamlit_shortcodes_and_directives_are_broken_up() -> None:
    md = escape_markdown("Status :smile: en :red[rood] en :material/home:")
    # No ":name" left for Streamlit's emoji, icon or colour syntax to pick up.
    assert not re.search(r":[A-Za-z]", md)
    assert "\\[rood\\]" in md


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F), max_size=80))
def test_any_text_round_trips_through_markdown(text: str) -> None:
    md = escape_markdown(text)
    assert rendered_text(md) == " ".join(text.split())
    assert tags(md) <= {"p", "/p"}


def test_highlight_marks_query_words_and_keeps_the_rest_literal() -> None:
    text = "Eind Q2 2023 heeft elke regio het regiobeeld <b>herijkt</b>."
    md = highlight(text, "Wanneer moeten regio's hun regiobeeld herijken?")
    assert ":orange[**regiobeeld**]" in md
    assert ":orange[**regio**]" in md
    # "herijken" is not a prefix of "herijkt"; the tag stays text.
    assert "\\<b\\>herijkt\\</b\\>" in md
    # Without the directive wrappers the text still reads exactly as written.
    plain = re.sub(r":orange\[\*\*(.*?)\*\*\]", r"\1", md)
    assert rendered_text(plain) == text


def test_query_terms_drop_stopwords_and_short_words() -> None:
    assert query_terms("Wie doet wat voor de NZa en het Zorginstituut?") == (
        "zorginstituut",
        "doet",
        "nza",
    )
    assert query_terms("?? a b") == ()
    assert highlight("**x**", "") == escape_markdown("**x**")


def test_dates() -> None:
    assert format_date(dt.date(2023, 1, 1)) == "1 januari 2023"
    assert format_date(dt.date(2026, 12, 31)) == "31 december 2026"
    assert format_date(None) == ""
