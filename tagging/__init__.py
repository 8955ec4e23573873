"""Tag clauses with actors, deadlines, themes and kinds; read dates and registry ids from text."""

from tagging.tag import reference_date, tag_clauses

__all__ = ["reference_date", "tag_clauses"]
