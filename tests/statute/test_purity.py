"""The statute core stays pure: no Django, no clock, so it can be read and tested on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import kuzbas.core.errors
import kuzbas.core.text
import kuzbas.statute

STATUTE = Path(kuzbas.statute.__file__).parent
# The engine may lean on the shared error classes (kuzbas.core.errors) and on what text may
# hold (kuzbas.core.text), pure Python too.
ALLOWED_KUZBAS = {"kuzbas.statute", "kuzbas.core.errors", "kuzbas.core.text"}


def imported_modules(path: Path) -> set[str]:
    """Return every module a file imports, however it is written."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            found.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return found


def clock_calls(path: Path) -> list[str]:
    """Return the calls in a file that would read the clock."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"today", "now", "utcnow", "time"}
    ]


CORE_FILES = sorted(STATUTE.rglob("*.py"))


def test_the_core_has_files_to_check():
    assert len(CORE_FILES) >= 10


def test_no_module_of_the_statute_core_imports_django():
    offenders = {
        f"{path.name}: {module}"
        for path in CORE_FILES
        for module in imported_modules(path)
        if module == "django" or module.startswith("django.")
    }
    assert offenders == set()


def test_the_core_imports_nothing_else_from_the_project():
    outside = {
        f"{path.name}: {module}"
        for path in CORE_FILES
        for module in imported_modules(path)
        if module.startswith("kuzbas") and not any(module.startswith(a) for a in ALLOWED_KUZBAS)
    }
    assert outside == set()


def test_the_error_classes_and_text_rules_the_core_uses_do_not_import_the_project_either():
    modules = imported_modules(Path(kuzbas.core.errors.__file__)) | imported_modules(
        Path(kuzbas.core.text.__file__)
    )
    assert not any(m.startswith(("django", "kuzbas")) for m in modules)


def test_the_core_never_reads_the_clock():
    assert [call for path in CORE_FILES for call in clock_calls(path)] == []
