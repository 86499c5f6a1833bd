"""The house rules of the code, checked: imports run down the data flow, never up and never in a circle;
modules and functions stay small enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qabot"

# Top to bottom: files -> parse -> paragraphs -> embed -> index -> retrieve -> answer -> render, with the
# edges (pipeline, Slack, doctor, the CLI) above. A module may import its own layer or any layer below.
LAYERS = [
    "errors", "labels", "records", "citations", "config", "tokens",
    "language", "parse", "store", "embed", "index", "ingest", "search", "answer", "notes", "render",
    "pipeline", "evaluate", "slack", "doctor", "cli", "__init__", "__main__",
]
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
# Still over the limits, to be split; these lists may only shrink.
LONG_MODULES: set[str] = set()
LONG_FUNCTIONS: set[str] = set()


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Every qabot module `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != name}


def layer(name: str) -> int:
    parts = name.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    return LAYERS.index(top)


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_has_a_layer():
    assert [m for m in modules() if m.split(".")[1 if "." in m else 0] not in LAYERS and m != "qabot"] == []


def test_imports_never_climb_the_flow():
    upward = sorted(f"{a} -> {b}" for a, deps in graph().items() for b in deps
                    if a != "qabot" and layer(b) > layer(a) and not b.startswith(a + "."))
    assert upward == []


def test_no_import_circles():
    edges = graph()
    # a package's __init__ re-exporting its own modules is not a circle through them
    edges = {a: {b for b in deps if not (a != "qabot" and b.startswith(a + "."))} for a, deps in edges.items()}
    state: dict[str, int] = {}
    circles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_modules_stay_under_500_lines():
    long = {name for name, path in modules().items()
            if len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES}
    assert long - LONG_MODULES == set(), "new modules over the limit: split them by what they hold"
    assert LONG_MODULES - long == set(), "these are short now: take them off LONG_MODULES"


def _functions():
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield f"{name}.{node.name}", node.end_lineno - node.lineno + 1


def test_functions_stay_under_80_lines():
    long = {f for f, n in _functions() if n > MAX_FUNCTION_LINES}
    assert long - LONG_FUNCTIONS == set(), "new functions over the limit: split them into named steps"
    assert LONG_FUNCTIONS - long == set(), "these are short now: take them off LONG_FUNCTIONS"


SQL_CALLS = {"execute", "executemany", "executescript"}


def test_sql_is_written_only_in_the_store():
    """Every SQLite query lives in qabot/store/ (the index's store, its lexical and vector tables, the
    Slack bot's files, the machine's word cache), behind named functions; the rest of qabot calls those."""
    found = []
    for name, path in modules().items():
        if name == "qabot.store" or name.startswith("qabot.store."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
                found.append(f"{name}:{node.lineno} .{node.func.attr}()")
    assert found == []


# Where a broad `except Exception` may stand: the edges, which turn any failure into one line or a log
# line and go on (the CLI, the Slack bot), and two calls into libraries that raise a bare Exception
# (tokenizers for an unreadable file, Ray for a node that times out starting).
BROAD_EXCEPT_ALLOWED = ("qabot.cli", "qabot.slack", "qabot.embed.model", "qabot.ingest.distributed")


def test_broad_excepts_only_at_the_edges():
    found = []
    for name, path in modules().items():
        if name.startswith(BROAD_EXCEPT_ALLOWED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and (
                    node.type is None or (isinstance(node.type, ast.Name) and node.type.id == "Exception")):
                found.append(f"{name}:{node.lineno}")
    assert found == [], "catch what can be raised, or let the edge say it in one line"
