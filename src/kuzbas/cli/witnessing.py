"""`kuzbas verify` and `kuzbas register`: walk the register, export it, give its signed head to
outside witnesses and check it against the heads they kept."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from kuzbas.cli import _setup, app, console, err

register_app = typer.Typer(help="The decision register.", no_args_is_help=True)
app.add_typer(register_app, name="register")


def _witnessed(head: list[str] | None, witness: Path | None):
    """Return the heads to check: each --head HASH, and the lines of the --witness file."""
    from kuzbas.core.errors import Invalid
    from kuzbas.governance.register import WitnessedHead
    from kuzbas.governance.register_witness import read_witness

    heads = [WitnessedHead(sequence=None, entry_hash=h.strip().lower()) for h in head or []]
    if witness is None:
        return heads
    if not witness.is_file():
        err.print(f"[red]{witness}:[/red] no such file.")
        raise typer.Exit(2)
    try:
        return heads + read_witness(witness.read_text(encoding="utf-8"))
    except Invalid as error:
        for problem in error.problems:
            print(f"{witness}:{problem.line or '-'}: {problem.message}", file=sys.stderr)
        raise typer.Exit(2) from None


@app.command()
def verify(
    head: Annotated[
        list[str] | None,
        typer.Option("--head", help="A head hash kept outside: it must still be on the chain."),
    ] = None,
    witness: Annotated[
        Path | None,
        typer.Option(help="A file of witness lines (`kuzbas register head`) to check against."),
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Check every entry in Python and every head signature again, "
            "ignoring the record of signatures already checked.",
        ),
    ] = False,
) -> None:
    """Walk the decision register's hash chain; exit 1 at the first entry that does not match."""
    _setup()
    from kuzbas.governance.register import verify_register

    report = verify_register(witnessed=_witnessed(head, witness), full=full)
    if not report.ok:
        bad = report.first_bad
        # soft_wrap: a hash must stay on one line, whatever the terminal's width.
        err.print(
            f"[red]Register broken at entry {bad.sequence}:[/red] {bad.reason}", soft_wrap=True
        )
        err.print(f"  expected {bad.expected}\n  found    {bad.found}", soft_wrap=True)
        raise typer.Exit(1)
    entries = "entry" if report.count == 1 else "entries"
    console.print(
        f"Register OK: {report.count} {entries}, head hash {report.head_hash}", soft_wrap=True
    )


@register_app.command("export")
def register_export(file: Path) -> None:
    """Write every register entry and the head hash to FILE as JSON, for an auditor."""
    _setup()
    from kuzbas.governance.register_witness import export_register

    export = export_register()
    document = {"head_hash": export.head_hash, "count": export.count, "entries": export.rows}
    file.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(
        f"{export.count} entries written to {file}; head hash {export.head_hash}", soft_wrap=True
    )


@register_app.command("head")
def register_head(
    append: Annotated[
        Path | None,
        typer.Option("--append", help="Also add the line to this witness file."),
    ] = None,
) -> None:
    """Print the register's head, signed, as one line an outside witness keeps."""
    _setup()
    from kuzbas.governance.register_witness import signed_head

    head = signed_head()
    if head is None:
        err.print("The register is empty: there is no head to witness yet.")
        raise typer.Exit(1)
    if append is not None:
        with append.open("a", encoding="utf-8") as file:
            file.write(head.line() + "\n")
    # print, not rich: the line is for machines and must not be wrapped or styled.
    print(head.line())


def announce_key() -> None:
    """Create the register's signing key if needed (mode 0600) and print its public part."""
    from kuzbas.governance import register_key

    path = register_key.ensure_key()
    console.print(
        f"Register signing key: {path} (keep it outside the database and its backups); "
        f"public key {register_key.public_key_hex()}",
        soft_wrap=True,
    )
