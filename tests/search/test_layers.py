"""The layers' boundaries: the core imports no search library, the web app and the CLI import only the core."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _files(*parts):
    return sorted((ROOT.joinpath(*parts)).glob("*.py"))


def test_the_core_imports_no_search_library_and_no_backend():
    for path in _files("search", "core"):
        bad = {m for m in _imports(path) if m.split(".")[0] == "whoosh" or m.startswith("search.whoosh_backend")}
        assert not bad, (path.name, bad)


def test_the_web_app_and_the_cli_import_only_the_core():
    for path in _files("web") + [ROOT / "search" / "cli.py"]:
        searched = {m for m in _imports(path) if m == "search" or m.startswith("search.") or m.startswith("whoosh")}
        assert all(m.startswith("search.core") for m in searched), (path.name, searched)


def test_whoosh_internals_live_behind_the_version_check():
    # Private Whoosh objects (underscore attributes of its readers and matchers) are read in internals.py only.
    for path in _files("search", "whoosh_backend"):
        if path.name == "internals.py":
            continue
        text = path.read_text(encoding="utf-8")
        for private in ("._perdoc", "._codec", "._postfile", "W3LeafMatcher", "._read_data", "._lastblock"):
            assert private not in text, (path.name, private)
