"""Dependencies point one way: each package of Kuzbas imports only the packages below it.

Every import counts, at the top of a module or inside a function, and so does
`importlib.import_module("kuzbas...")`. docs/architecture.md draws the same picture.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kuzbas

SOURCE = Path(kuzbas.__file__).parent

# Lowest first. A package may import a package on a lower line, never one on its own line or above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),  # errors, the actor, rights, the clock, dates, intervals, validation
    ("statute",),  # the statute engine: pure Python
    ("audit",),
    ("record", "background"),  # sources and citations; long work the worker runs
    ("members", "money"),  # money: amounts with their currency, dated rates with their source
    ("governance",),  # bodies, seats, motions, ballots, the register
    ("meetings", "production"),
    ("elections", "recruitment", "contracts"),  # elections sit on a meeting's agenda
    ("demo", "datapackage"),
    ("web",),  # the project: settings, urls, the API's mount, the shell
    ("cli",),
)
LEVEL = {package: level for level, packages in enumerate(LAYERS) for package in packages}


def package_of(path: Path, root: Path) -> str:
    """Return the top-level package (or module) of kuzbas a file belongs to."""
    return path.relative_to(root).parts[0].removesuffix(".py")


def kuzbas_imports(path: Path) -> list[tuple[int, str]]:
    """Return (line, module) for every kuzbas module a file imports, however it is written."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            found += [
                (node.lineno, arg.value)
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
    return [(line, module) for line, module in found if module.startswith("kuzbas.")]


def wrong_way_imports(root: Path) -> list[str]:
    """Return every import under `root` that points sideways or up, as 'file:line: a -> b'."""
    wrong = []
    for path in sorted(root.rglob("*.py")):
        here = package_of(path, root)
        if here == "__init__":
            continue  # the package's own __init__ holds the version and imports nothing
        for line, module in kuzbas_imports(path):
            there = module.split(".")[1]
            if there in (here, "__init__"):
                continue
            if here not in LEVEL or there not in LEVEL or LEVEL[there] >= LEVEL[here]:
                wrong.append(f"{path.relative_to(root)}:{line}: {here} -> {there}")
    return wrong


def test_every_package_has_its_place_in_the_layers():
    packages = {
        package_of(p, SOURCE) for p in SOURCE.rglob("*.py") if package_of(p, SOURCE) != "__init__"
    }
    assert packages - set(LEVEL) == set()


def test_no_import_points_sideways_or_up():
    assert wrong_way_imports(SOURCE) == []


def test_the_check_finds_a_wrong_way_import_even_inside_a_function(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "members").mkdir()
    (tmp_path / "core" / "clock.py").write_text("import datetime\n")
    (tmp_path / "members" / "services.py").write_text(
        "from kuzbas.core.clock import colony_today\n"
        "\n"
        "def admit():\n"
        "    from kuzbas.meetings.models import Meeting\n"
    )
    (tmp_path / "core" / "rights.py").write_text(
        "import importlib\n\nSOURCE = importlib.import_module('kuzbas.members.roles')\n"
    )

    assert wrong_way_imports(tmp_path) == [
        "core/rights.py:3: core -> members",
        "members/services.py:4: members -> meetings",
    ]


def test_siblings_on_one_line_may_not_import_each_other(tmp_path):
    (tmp_path / "production").mkdir()
    (tmp_path / "production" / "views.py").write_text("import kuzbas.meetings.live\n")

    assert wrong_way_imports(tmp_path) == ["production/views.py:1: production -> meetings"]
