"""The `kuzbas` command: run the demo, found an enterprise, serve, migrate, manage users, export,
check."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(
    help="Kuzbas: the operating system of a self-governing, worker-run enterprise.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)

DEMO_TODAY = "1922-10-01"


def _setup(mode: str | None = None) -> None:
    """Configure Django once; the mode is set before settings are read."""
    if mode:
        os.environ.setdefault("KUZBAS_MODE", mode)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuzbas.web.settings")
    import django

    from kuzbas.web.env import SettingError

    try:
        django.setup()
    except SettingError as error:
        err.print(f"[red]Configuration error:[/red] {error}")
        raise typer.Exit(2) from None


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _sqlite_folder() -> None:
    """Create the folder of the SQLite database, if that is the database (outside the demo,
    nothing else creates `var/`), private to this user, as the database's files."""
    from kuzbas.cli.private_files import keep_private

    keep_private()


def _migrate(progress: Progress) -> None:
    """Apply pending migrations one by one, showing progress."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    _sqlite_folder()
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        progress.console.print("Database schema is up to date.")
        return
    task = progress.add_task("Migrating the database", total=len(plan))
    for migration, _backwards in plan:
        call_command("migrate", migration.app_label, migration.name, verbosity=0)
        progress.advance(task)


@app.command()
def migrate() -> None:
    """Create or update the database schema."""
    _setup()
    with _progress() as progress:
        _migrate(progress)


def _collect_static(call_command, root: Path) -> None:
    """Collect (and compress) the static files, unless they are as they were last time.

    Collecting takes seconds; a server restarted in the middle of a meeting should not wait for
    it when nothing changed. The stamp lists every source file's path, size and time.
    """
    from django.contrib.staticfiles.finders import get_finders

    sources = sorted(
        f"{path}:{os.stat(storage.path(path)).st_size}:{os.stat(storage.path(path)).st_mtime_ns}"
        for finder in get_finders()
        for path, storage in finder.list([])
    )
    digest = hashlib.sha256("\n".join(sources).encode()).hexdigest()
    stamp = root / ".kuzbas-collected"
    if stamp.is_file() and stamp.read_text() == digest:
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest)


def _serve(
    host: str, port: int, workers: int, *, worker: bool = True, live_port: int | None = None
) -> None:
    from django.conf import settings
    from django.core.management import call_command

    from kuzbas.cli.serving import serve_with_worker

    if settings.STATIC_ROOT:
        _collect_static(call_command, Path(settings.STATIC_ROOT))
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "kuzbas.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--logger-class",
        "kuzbas.cli.access_log.QuietQuestions",
        "--graceful-timeout",
        "5",
    ]
    live = None
    if live_port:
        live = [
            sys.executable,
            "-m",
            "kuzbas.cli",
            "live",
            "--host",
            host,
            "--port",
            str(live_port),
        ]
    sys.stdout.flush()
    raise typer.Exit(serve_with_worker(args, worker=worker, say=console.print, live=live))


LIVE_PORT = typer.Option(
    help="Also serve the voting pages' live streams on this port (`kuzbas live`); route "
    "…/live/…/stream there and set KUZBAS_LIVE_STREAM (docs/deployment.md)."
)
NO_WORKER = typer.Option(
    "--no-worker", help="Do not start the background worker (run `kuzbas worker` elsewhere)."
)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    workers: Annotated[int, typer.Option(help="gunicorn worker processes.")] = 2,
    no_worker: Annotated[bool, NO_WORKER] = False,
    live_port: Annotated[int | None, LIVE_PORT] = None,
) -> None:
    """Serve the application with gunicorn, and the background worker beside it."""
    _setup()
    _sqlite_folder()
    console.print(f"Serving Kuzbas on http://{host}:{port}/")
    if live_port:
        console.print(f"Live streams of the voting pages on http://{host}:{live_port}/")
    _serve(host, port, workers, worker=not no_worker, live_port=live_port)


@app.command()
def live(
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8001,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
) -> None:
    """Serve the voting pages' live streams (server-sent events; see docs/meetings.md)."""
    _setup()
    from kuzbas.meetings import live_stream

    live_stream.run(host, port)


@app.command()
def worker(
    batch: Annotated[bool, typer.Option("--batch", help="Run what is queued, then stop.")] = False,
    interval: Annotated[
        float, typer.Option(help="Seconds between looks at an empty queue.", min=0.1)
    ] = 1.0,
) -> None:
    """Run the background work queued by pages and the API (imports, e-mails) until stopped."""
    _setup()
    from django.core.management import call_command

    from kuzbas.background.running import fail_interrupted

    if not batch and (cut := fail_interrupted()):
        console.print(f"{cut} job(s) cut short when the worker last stopped marked failed.")

    call_command(
        "db_worker",
        batch=batch,
        interval=interval,
        reload=False,
        startup_delay=False,
        verbosity=1,
    )


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
    reset: Annotated[bool, typer.Option("--reset", help="Delete the demo database first.")] = False,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Prepare the demo but do not start the server.")
    ] = False,
    no_worker: Annotated[bool, NO_WORKER] = False,
) -> None:
    """Create (or reuse) the demo database, load the colony's history, and serve it."""
    os.environ.setdefault("KUZBAS_TODAY", DEMO_TODAY)
    if reset:
        if os.environ.get("DATABASE_URL", "").strip() and not os.environ["DATABASE_URL"].startswith(
            "sqlite"
        ):
            err.print(
                "[red]--reset only deletes the SQLite demo database; unset DATABASE_URL.[/red]"
            )
            raise typer.Exit(2)
        var = Path(os.environ.get("KUZBAS_VAR_DIR", "var"))
        for suffix in ("", "-wal", "-shm"):
            (var / f"kuzbas.sqlite3{suffix}").unlink(missing_ok=True)
        console.print("Demo database deleted.")
    _setup("demo")
    from kuzbas.cli.witnessing import announce_key
    from kuzbas.core.actor import Operator
    from kuzbas.demo.loader import DEMO_PASSWORD, DEMO_USERS, demo_is_loaded, load_demo

    announce_key()
    with _progress() as progress:
        _migrate(progress)
        if demo_is_loaded():
            console.print("The demo data is already loaded (use --reset to start again).")
        else:
            tasks: dict[str, int] = {}

            def step(name: str, done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = progress.add_task(f"Loading {name}", total=total)
                progress.update(tasks[name], completed=done)

            load_demo(actor=Operator("demo-loader"), progress=step)
    url = f"http://127.0.0.1:{port}/"
    console.print(f"\n[bold]Kuzbas demo[/bold], living on {os.environ['KUZBAS_TODAY']}: {url}")
    console.print(f"Demo logins (password [bold]{DEMO_PASSWORD}[/bold] for all):")
    for username, what in DEMO_USERS():
        console.print(f"  {username:<10} {what}")
    if no_serve:
        return
    _serve("127.0.0.1", port, 2, worker=not no_worker)


def _password(from_stdin: bool) -> str:
    """Read a password from standard input's first line, or ask for it twice."""
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Password (again): "):
        err.print("[red]The passwords differ.[/red]")
        raise typer.Exit(1)
    return password


@app.command()
def createuser(
    username: str,
    role: Annotated[list[str] | None, typer.Option(help="A role to grant; repeatable.")] = None,
    person: Annotated[str | None, typer.Option(help="Key of the person this account is.")] = None,
    superuser: Annotated[bool, typer.Option("--superuser", help="Give every right.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Open an account."""
    _setup()
    from kuzbas.core.actor import Operator
    from kuzbas.core.errors import DomainError, Invalid
    from kuzbas.members.models import Person
    from kuzbas.members.services import create_user

    password = _password(password_stdin)
    linked = None
    if person:
        linked = Person.objects.filter(key=person).first()
        if linked is None:
            err.print(f"[red]--person:[/red] no person with key {person!r}.")
            raise typer.Exit(1)
    try:
        user = create_user(
            actor=Operator("cli"),
            username=username,
            password=password,
            person=linked,
            roles=role or [],
            is_superuser=superuser,
        )
    except Invalid as error:  # a weak password: one line a reason, naming the field
        for problem in error.problems:
            err.print(f"[red]{problem.field or 'error'}:[/red] {problem.message}")
        raise typer.Exit(1) from None
    except DomainError as error:
        err.print(f"[red]{error.field or 'error'}:[/red] {error.message}")
        raise typer.Exit(1) from None
    console.print(f"Account {user.username} created.")


@app.command("import-people")
def import_people_cmd(file: Path) -> None:
    """Import people from a CSV file: all rows or none, every bad row named."""
    _setup()
    from kuzbas.core.actor import Operator
    from kuzbas.core.errors import Invalid
    from kuzbas.members.people_import import import_people

    if not file.is_file():
        err.print(f"[red]{file}:[/red] no such file.")
        raise typer.Exit(1)
    with _progress() as progress:
        task = progress.add_task("Importing people", total=None)
        try:
            result = import_people(
                actor=Operator("cli"),
                data=file.read_bytes(),
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
        except Invalid as error:
            progress.stop()
            for problem in error.problems:
                field = f"{problem.field}: " if problem.field else ""
                # One problem a line, compiler style, so editors and grep can use it.
                print(f"{file}:{problem.line or '-'}: {field}{problem.message}", file=sys.stderr)
            err.print("[red]Nothing was imported.[/red]")
            raise typer.Exit(1) from None
    console.print(f"Imported {result.created} people and {result.memberships} memberships.")


@app.command()
def check(
    deploy: Annotated[bool, typer.Option("--deploy", help="Also run deployment checks.")] = False,
) -> None:
    """Run Django's system checks (with --deploy, the production hardening checks too)."""
    _setup()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=deploy, fail_level="WARNING")
    except SystemCheckError as error:
        err.print(str(error))
        raise typer.Exit(1) from None


statute_app = typer.Typer(help="Read, check and explain a statute file.", no_args_is_help=True)
app.add_typer(statute_app, name="statute")


@statute_app.command("check")
def statute_check(file: Path) -> None:
    """Check a statute file: print every problem with its line, or a short summary."""
    from kuzbas.statute import main_check

    code, text = main_check(str(file))
    # Problems go to standard error, one per line, so editors can jump to them.
    print(text, file=sys.stderr if code else sys.stdout)
    raise typer.Exit(code)


# The commands kept in modules of their own register themselves on `app` when imported.
from kuzbas.cli import (  # noqa: E402, F401
    amending,  # `kuzbas statute propose`
    founding,  # `kuzbas init`
    packaging,  # `kuzbas export`, `kuzbas import-package`
    witnessing,  # `kuzbas verify`, `kuzbas register export|head`
)


def main() -> None:
    app()
