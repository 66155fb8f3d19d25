"""`kuzbas export` and `kuzbas import-package`: the data package of every public table."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from kuzbas.cli import _progress, _setup, app, console, err


@app.command("export")
def export_(directory: Path) -> None:
    """Write all public data as a Frictionless Data Package into DIRECTORY."""
    _setup()
    from kuzbas.core.actor import Operator
    from kuzbas.datapackage import export_datapackage

    with _progress() as progress:
        task = progress.add_task("Exporting tables", total=None)

        def step(table: str, rows: int) -> None:
            progress.console.print(f"  {table}.csv: {rows} rows")
            progress.advance(task)

        path = export_datapackage(actor=Operator("cli"), directory=directory, progress=step)
    console.print(f"Data package written: {path}")


@app.command("import-package")
def import_package_cmd(directory: Path) -> None:
    """Load a data package written by `kuzbas export` into an empty, migrated database."""
    _setup()
    from kuzbas.core.actor import Operator
    from kuzbas.core.errors import Conflict, Invalid
    from kuzbas.datapackage import import_datapackage

    with _progress() as progress:
        task = progress.add_task("Importing tables", total=None)

        def step(table: str, rows: int) -> None:
            progress.console.print(f"  {table}: {rows} rows")
            progress.advance(task)

        try:
            counts = import_datapackage(actor=Operator("cli"), directory=directory, progress=step)
        except Invalid as error:
            progress.stop()
            for problem in error.problems:
                # table.column, and the row counting the header as 1: compiler style, one a line.
                where = ":".join(str(p) for p in (problem.field, problem.line) if p is not None)
                print(f"{where or directory}: {problem.message}", file=sys.stderr)
            err.print("[red]Nothing was imported.[/red]")
            raise typer.Exit(1) from None
        except Conflict as error:
            progress.stop()
            err.print(f"[red]{error.message}[/red]")
            raise typer.Exit(1) from None
    console.print(f"Imported {sum(counts.values())} rows in {len(counts)} tables.")
