"""The shape of the package: layers that import only downwards (the
import-linter contracts in pyproject.toml), the core never imports Textual,
only the summarizers and the stem owner import sumy, modules stay small,
"today" is passed in."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "briefing"
CORE = sorted(p for p in PACKAGE.rglob("*.py") if "tui" not in p.relative_to(PACKAGE).parts)
SUMY_USERS = {"summarizers/summarize.py", "summarizers/adapters.py", "nlp/stems.py"}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_does_not_import_textual():
    modules = [module_name(p) for p in CORE if p.stem != "__main__"]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "from briefing.cli import cli\n"
        + "from click.testing import CliRunner\n"
        + "r = CliRunner().invoke(cli, ['build', '--date', '2026-11-23', '--topic', 'MI5'])\n"
        + "assert r.exit_code == 0, r.output\n"
        + "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("path", CORE, ids=module_name)
def test_only_the_summarizers_and_stems_import_sumy(path):
    uses_sumy = any(name.split(".")[0] == "sumy" for name in imports(path))
    assert uses_sumy == (path.relative_to(PACKAGE).as_posix() in SUMY_USERS)


def test_layers_import_only_downwards():
    """import-linter checks the contracts in pyproject.toml (layers, and
    Textual only in the TUI); a broken one names the offending import."""
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_every_package_is_in_a_layer():
    """A new package or top-level module outside the layers would escape the
    contract: every one is named in it."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]
    layers = config["contracts"][0]["layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    tops = {
        f"briefing.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")
    }
    tops |= {f"briefing.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")}
    assert tops == named


@pytest.mark.parametrize(
    "path", [p for p in CORE if "cli" not in p.relative_to(PACKAGE).parts], ids=module_name
)
def test_core_never_reads_the_clock(path):
    source = path.read_text(encoding="utf-8")
    for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
        assert call not in source


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line)
    assert command in (REPO / "README.md").read_text(encoding="utf-8")


def test_tui_first_paint_imports_nothing_heavy():
    """The app paints before sumy, NLTK or numpy load (they load in a worker)."""
    code = (
        "import sys\n"
        "import briefing.tui.app, briefing.cli\n"
        "print(sorted(m for m in ('sumy', 'nltk', 'numpy', 'trafilatura', 'rouge_score') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("path", sorted((REPO / "benchmarks").glob("*.py")), ids=lambda p: p.name)
def test_benchmarks_import(path):
    """A benchmark is not run by the tests, but what it imports must exist
    (a module moved or renamed breaks it here, not in someone's hands)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"benchmark_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(getattr(module, "main", None))


def test_the_code_is_formatted():
    """ruff format at 100 columns (pyproject.toml): size follows what a
    module does, never lines crammed to fit a limit."""
    ruff = Path(sys.executable).with_name("ruff")
    proc = subprocess.run(
        [str(ruff), "format", "--check", "briefing", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_package_type_checks():
    """mypy over briefing/ (settings in pyproject.toml; the TUI's mixins are
    not checked yet): no error."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mypy", "briefing"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_tui_worker_is_described():
    """Textual names a worker by the repr of its arguments unless it is given
    a description: with 5,000 articles passed to the preview worker, that
    repr took a third of a second of every key press."""
    import ast

    undescribed = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path in sorted((REPO / "briefing" / "tui").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "work"
        and "description" not in {k.arg for k in node.keywords}
    ]
    assert undescribed == []


def test_only_the_library_speaks_sql():
    """The store is the one place SQL is written (issue 21): nothing outside
    briefing/library imports sqlite3."""
    import ast

    speaking = sorted(
        str(path.relative_to(REPO))
        for path in (REPO / "briefing").rglob("*.py")
        if "library" not in path.relative_to(REPO / "briefing").parts[:1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and any(
            (alias.name if isinstance(node, ast.Import) else node.module or "").split(".")[0]
            == "sqlite3"
            for alias in node.names
        )
    )
    assert speaking == []


def test_nltk_loads_without_scipy():
    """NLTK imports SciPy's statistics and sparse matrices when SciPy is
    installed (datasketch installs it): most of a second at every start for
    code this tool never runs. Building a briefing must not load SciPy; the
    library's near-duplicate index loads it when it is used, and works."""
    code = (
        "import sys\n"
        "import briefing.ingest.sources, briefing.compose.assemble, briefing.run.pipeline\n"
        "import briefing.summarizers.summarize, briefing.output.render, briefing.cli.build\n"
        "from briefing.nlp.stems import stem\n"
        "assert stem('sharing') == 'share'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))\n"
        "from briefing.library.identity import shingles, signature\n"
        "print(len(signature(shingles('one two three four five six seven'))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split("\n")[:2] == ["[]", "256"]
