"""`kuzbas statute propose FILE`: put a new version of the statute to the body that amends it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kuzbas.cli import _setup, console, err, statute_app


@statute_app.command("propose")
def statute_propose(
    file: Path,
    by: Annotated[
        str,
        typer.Option(help="User name of the member who files it (their right is checked)."),
    ],
    title: Annotated[str, typer.Option(help="The motion's title.")] = "",
    reason: Annotated[str, typer.Option(help="Why: the motion's text.")] = "",
    check_only: Annotated[
        bool, typer.Option("--check", help="Compare with the version in force; store nothing.")
    ] = False,
) -> None:
    """Check a proposed version against the one in force, show what it changes clause by
    clause, and file it as a motion with the body the statute names for amendments."""
    _setup()
    from kuzbas.core.clock import colony_today
    from kuzbas.core.errors import DomainError, Invalid
    from kuzbas.governance.services import amendments
    from kuzbas.members.models import User

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        err.print(f"[red]{file}:[/red] cannot be read ({error}).", soft_wrap=True)
        raise typer.Exit(2) from None
    actor = User.objects.filter(username=by, is_active=True).first()
    if actor is None:
        err.print(f"[red]--by:[/red] there is no active account {by!r}.")
        raise typer.Exit(2)
    today = colony_today()
    try:
        proposal = amendments.examine(text, file=str(file), as_of=today)
        for change in proposal.changes:
            guard = f"  (entrenched: {change.entrenched.majority.describe()})"
            console.print(
                f"{change.change:<8} {change.rule}{guard if change.entrenched else ''}",
                soft_wrap=True,
            )
        if check_only:
            console.print(
                f"Version {proposal.statute.version} amends {proposal.before.version}: "
                f"{len(proposal.changes)} clauses change. Nothing was stored."
            )
            return
        amendment = amendments.propose(
            actor=actor, text=text, file=str(file), as_of=today, title=title, reason=reason
        )
    except Invalid as error:
        for problem in error.problems:  # one a line, compiler style
            where = f"{problem.field}:{problem.line}" if problem.line else problem.field
            print(f"{where or 'error'}: {problem.message}", file=sys.stderr)
        err.print("[red]Nothing was stored.[/red]")
        raise typer.Exit(1) from None
    except DomainError as error:
        err.print(f"[red]{error.field or 'refused'}:[/red] {error.message}", soft_wrap=True)
        raise typer.Exit(1) from None
    motion = amendment.motion
    console.print(
        f"Filed as motion No. {motion.number} with {motion.body.key} "
        f"(matter {motion.matter}): version {amendment.version} amending "
        f"{amendment.amends.version}, hash {amendment.content_hash}",
        soft_wrap=True,
    )
