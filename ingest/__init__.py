"""Read documents, clean and split them into clauses, and tag each clause."""

from ingest.pipeline import IngestError, IngestReport, ingest_paths, parse_file

__all__ = ["IngestError", "IngestReport", "ingest_paths", "parse_file"]
