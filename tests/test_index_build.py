"""What the embedder sees for a clause: its own passage text, and the clause within its passage."""

from __future__ import annotations

from corpus.model import Clause, Document
from index.build import passage_text, passage_texts


def test_a_clause_is_embedded_within_its_passage() -> None:
    doc = Document(id="a", title="Brief over de regeling", date=None, doc_type="kamerbrief")
    clauses = [
        Clause(id="a:0", doc="a", ordinal=0, text="Uitwerking", kind="heading"),
        Clause(
            id="a:1",
            doc="a",
            ordinal=1,
            text="De NZa stelt een subsidieregeling op.",
            section=("Uitwerking",),
        ),
        Clause(
            id="a:2",
            doc="a",
            ordinal=2,
            text="Deze regeling gaat in 2024 in.",
            section=("Uitwerking",),
        ),
        Clause(id="b:0", doc="b", ordinal=0, text="Een andere brief."),
    ]
    texts = passage_texts(clauses, {"a": doc})
    # The sentence that says "deze regeling" is embedded with the one that names it.
    assert texts[2] == (
        "Brief over de regeling\nUitwerking\n"
        "De NZa stelt een subsidieregeling op.\nDeze regeling gaat in 2024 in."
    )
    # A heading before a clause is in its section trail already; another document is no passage.
    assert texts[1] == passage_text(clauses[1], doc)
    assert texts[3] == passage_text(clauses[3], None) == "Een andere brief."
