"""Run the background worker in the test's own process."""

from __future__ import annotations


def run_worker() -> str:
    """Run `kuzbas worker --batch`: what is queued, then stop; return what it printed."""
    from typer.testing import CliRunner

    from kuzbas.cli import app

    result = CliRunner().invoke(app, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    return result.output
