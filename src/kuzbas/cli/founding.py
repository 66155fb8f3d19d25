"""`kuzbas init`: found an enterprise on an empty database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kuzbas.cli import _migrate, _password, _progress, _setup, _sqlite_folder, app, console, err


def _statute_text(template: str | None, statute: Path | None) -> tuple[str, str]:
    """Return the founding statute's text and the file name its problems cite; exit 2 if none."""
    from kuzbas.core.clock import colony_today
    from kuzbas.governance.statute_templates import TEMPLATES, with_effective

    if (template is None) == (statute is None):
        err.print("[red]Give --template NAME or --statute FILE (one of them).[/red]")
        raise typer.Exit(2)
    if statute is not None:
        try:
            return statute.read_text(encoding="utf-8"), str(statute)
        except (OSError, UnicodeDecodeError) as error:
            err.print(f"[red]--statute:[/red] {statute}: cannot be read ({error}).", soft_wrap=True)
            raise typer.Exit(2) from None
    if template not in TEMPLATES:
        err.print(f"[red]--template:[/red] no template {template!r}; choose one of:")
        for known in TEMPLATES.values():
            err.print(f"  {known.name:<12} {known.description}", soft_wrap=True)
        raise typer.Exit(2)
    chosen = TEMPLATES[template]
    # A template without a date of its own is in force from the founding day.
    text = chosen.text() if chosen.dated else with_effective(chosen.text(), colony_today())
    return text, chosen.file


@app.command()
def init(
    admin: Annotated[str, typer.Option(help="User name of the first administrator.")],
    template: Annotated[str | None, typer.Option(help="cooperative or colony-1921.")] = None,
    statute: Annotated[Path | None, typer.Option(help="A statute file of your own.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Found an enterprise on an empty database: the schema, its first administrator, its
    statute (a template or your file) and the register's first entry, the founding."""
    _setup()
    from django.db import DatabaseError

    from kuzbas.core.actor import Operator
    from kuzbas.core.errors import DomainError, Invalid
    from kuzbas.governance.services.founding import found_enterprise, founded_already
    from kuzbas.members.services import refuse_weak_password
    from kuzbas.statute import check_text

    text, file = _statute_text(template, statute)
    report = check_text(text, file=file)
    if not report.ok:
        print(report.text(), file=sys.stderr)  # every problem with its line, as `statute check`
        err.print("[red]Nothing was stored.[/red]")
        raise typer.Exit(1)
    _sqlite_folder()
    try:
        held = founded_already()
    except DatabaseError as error:
        err.print(f"[red]The database cannot be opened:[/red] {error}", soft_wrap=True)
        raise typer.Exit(2) from None
    if held:
        err.print(
            f"[red]This database already holds an enterprise ({held}).[/red] Nothing changed."
        )
        raise typer.Exit(1)
    password = _password(password_stdin)
    try:
        refuse_weak_password(admin, password)
        with _progress() as progress:
            _migrate(progress)
        done = found_enterprise(
            actor=Operator("cli"), username=admin, password=password, text=text, file=file
        )
    except Invalid as error:
        for problem in error.problems:  # one a line, compiler style
            where = f"{problem.field}:{problem.line}" if problem.line else problem.field
            print(f"{where or 'error'}: {problem.message}", file=sys.stderr)
        err.print("[red]Nothing was stored.[/red]")
        raise typer.Exit(1) from None
    except DomainError as error:
        err.print(f"[red]{error.field or 'error'}:[/red] {error.message}")
        raise typer.Exit(1) from None
    from kuzbas.cli.witnessing import announce_key

    version, entry = done.version, done.decision
    console.print(f"Founded, with administrator [bold]{done.admin.username}[/bold].")
    console.print(
        f"Statute: {version.title}, version {version.version}, in force from "
        f"{version.effective.isoformat()}.",
        soft_wrap=True,
    )
    console.print(
        f"Register entry {entry.sequence}, the founding: statute hash {version.content_hash}",
        soft_wrap=True,
    )
    announce_key()
    console.print("Start the server with: kuzbas serve   (and check the register: kuzbas verify)")
