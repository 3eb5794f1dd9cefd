"""The house's floors, checked from the source: no import cycle, nothing imports upward.

Floors follow the data path. Every import counts, at module level, inside a function or
under TYPE_CHECKING alike: a type-only arrow is still an arrow a reader has to follow."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Lower number = lower floor. A module may import its own unit and units on lower floors;
# units that share a floor are siblings and may not import each other.
FLOORS: dict[str, int] = {
    "signing": 0, "asr": 0,  # libraries: PDF, crypto, sealing / speech recognition
    "models": 1,  # persistence (PostgreSQL)
    "courtroom.config": 2,
    "courtroom.media": 3,  # WebRTC forwarding, recording, speech feed, hearing clock
    "courtroom.operations": 3,  # health, metrics, structured logs, backup, drain (the context duck-typed)
    "courtroom.cluster": 3,  # processes: supervisor, embedded NATS, ASR work queue, worker membership
    "courtroom.context": 4, "courtroom.sim": 4,  # shared context / simulated participants
    "courtroom.broadcast": 5, "courtroom.records": 5,  # public relay / after-hearing records
    "courtroom.hearing": 6,  # the live hearing room, on top of all of them
    "web": 7,  # HTTP, WebSocket, pages, the command line
}


def _unit(module: str) -> str:
    parts = module.split(".")
    for n in (2, 1):
        if ".".join(parts[:n]) in FLOORS:
            return ".".join(parts[:n])
    raise AssertionError(f"{module} belongs to no floor: add it to FLOORS")


def _modules() -> dict[str, Path]:
    found = {}
    for top in ("signing", "asr", "models", "courtroom", "web"):
        for path in (ROOT / top).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules `path` imports (`from pkg import module` resolves to the module)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in modules] or [node.module]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                out.add(name)
    return out


GRAPH = {name: _imports(path, _modules()) - {name} for name, path in _modules().items()}


def test_every_module_is_on_a_floor():
    for name in GRAPH:
        if name not in ("courtroom",):
            _unit(name)


def test_nothing_imports_upward_or_sideways():
    wrong = []
    for name, targets in GRAPH.items():
        if name == "courtroom":
            continue
        here = _unit(name)
        for target in targets:
            if target == "courtroom":
                continue
            there = _unit(target)
            if there != here and FLOORS[there] >= FLOORS[here]:
                wrong.append(f"{name} -> {target}")
    assert not wrong, "imports against the floors:\n" + "\n".join(sorted(wrong))


def test_no_import_cycle():
    # Tarjan's strongly connected components over the module graph.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_a_planted_violation():
    """The graph is read from real source: an upward arrow planted in a copy is found."""
    planted = ast.parse("from web.app import create_app\n")
    node = planted.body[0]
    assert isinstance(node, ast.ImportFrom) and node.module is not None
    assert FLOORS[_unit(node.module)] > FLOORS[_unit("models.audit")]
    assert "courtroom.context" in GRAPH["courtroom.records.filing"]
