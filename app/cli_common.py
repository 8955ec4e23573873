"""What the `akkoord` commands share: the context object, shared options, output and errors.

Nothing here imports the index, the models or Streamlit: `akkoord --help` must start fast, so
the command modules import those inside their command functions.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

import click
from click.decorators import FC

from app.config import Settings
from corpus.filter import ClauseFilter, FilterError
from corpus.store import StoreError


class Context:
    """Per-invocation state: settings resolved once from options and environment."""

    def __init__(self, home: str | None, embedder: str | None) -> None:
        self.settings = Settings.load(home=home, embedder=embedder)


pass_ctx = click.make_pass_decorator(Context)


def _to_date(_ctx: click.Context, _param: click.Parameter, value: dt.datetime | None) -> Any:
    return value.date() if value is not None else None


def date_option(*names: str, help: str) -> Callable[[FC], FC]:
    """An option that takes YYYY-MM-DD and hands the command a datetime.date."""
    return click.option(
        *names, type=click.DateTime(["%Y-%m-%d"]), callback=_to_date, metavar="DATE", help=help
    )


# The six ClauseFilter fields as options, one per field and named after it, declared once for
# every command that filters clauses. The deadline bounds answer to the names both `search`
# (--deadline-from) and `deadlines` (--from) have documented.
_FILTER_OPTIONS = (
    click.option("--actor", help="Only clauses naming this actor (whole words, any case)."),
    click.option("--theme", help="Only clauses of this theme."),
    click.option(
        "--kind", help="Only clauses of this kind (afspraak, toezegging, voornemen, feit)."
    ),
    click.option("--doc", help="Only this document: file name, stem or number such as 003."),
    date_option("--deadline-from", "--from", "deadline_from", help="Deadline on or after DATE."),
    date_option(
        "--deadline-until", "--until", "deadline_until", help="Deadline on or before DATE."
    ),
)


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the clause filter options; the command receives them as one ClauseFilter `where`."""

    @functools.wraps(command)
    def with_filter(*args: Any, **kwargs: Any) -> None:
        where = ClauseFilter(**{f.name: kwargs.pop(f.name) for f in fields(ClauseFilter)})
        command(*args, where=where, **kwargs)

    decorated: Callable[..., None] = with_filter
    for option in reversed(_FILTER_OPTIONS):
        decorated = option(decorated)
    return decorated


@contextmanager
def one_line_errors(*more: type[Exception]) -> Iterator[None]:
    """Turn the library's typed errors (and `more`) into one-line click errors, exit status 1.

    The library's messages already read "<file>: <problem>".
    """
    # The index room loads FAISS on import: only a command that runs pays for it.
    from index.errors import SearchIndexError

    caught: tuple[type[Exception], ...] = (SearchIndexError, StoreError, FilterError, *more)
    try:
        yield
    except caught as exc:
        raise click.ClickException(str(exc)) from exc


def echo_json(obj: Any) -> None:
    """One line of JSON on standard output (UTF-8 as is, dates as ISO text)."""
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


@contextmanager
def embedding_progress(label: str = "Embedding") -> Iterator[Callable[[int, int], None]]:
    """A progress callback for index builds: a bar on a terminal, a line per tenth otherwise
    (so a build in a log or CI is not silent for minutes)."""
    if sys.stderr.isatty():
        with click.progressbar(length=1, label=label, show_pos=True, file=sys.stderr) as bar:

            def update(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            yield update
        return
    shown = [-1]

    def report(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth != shown[0]:
            shown[0] = tenth
            # One vector per clause and embedder: two embedders double the total.
            click.echo(f"{label}: {done}/{total} clause vectors", err=True)

    yield report
