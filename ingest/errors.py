"""The one exception ingestion raises: a file that cannot be read, with the problem in one line."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A file that cannot be ingested; str() is one line naming the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem
