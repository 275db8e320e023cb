"""The package layout: one subpackage per stage, imports pointing down the pipeline only.

The stage order is written here, from the issue that set it, not read from the code:
a module may import from its own stage and from earlier ones, never from a later one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Earliest first. Top-level modules that are not a stage have a place of their own.
ORDER = [
    {"generator", "generator.model", "generator.urls", "generator.errors"},
    {"generator.config"},
    {"generator.read"},
    {"generator.check"},
    {"generator.pages"},
    {"generator.engines"},
    {"generator.outputs"},
    {"generator.publish"},
    {"generator.build", "generator.progress"},
    {"generator.commands"},
    {"generator.cli", "generator.__main__"},
]
STAGES = ["config", "read", "check", "pages", "engines", "outputs", "publish", "commands"]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def rank(module: str) -> int:
    for place, group in enumerate(ORDER):
        if any(module == owner or module.startswith(owner + ".") for owner in group - {"generator"}):
            return place
    assert module == "generator", f"{module} has no place in ORDER"
    return 0


def imports(module: str) -> set[str]:
    """The generator modules ``module`` imports, wherever the import stands (lazy ones too)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "generator")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "generator":
                continue
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source)
    return found


def test_generator_top_level_shows_the_stages():
    folders = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()}
    assert set(STAGES) <= folders
    for stage in STAGES:
        docstring = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and "In:" in docstring and "Out:" in docstring, f"{stage}/__init__.py says what comes in and goes out"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_pipeline(module):
    later = sorted(target for target in imports(module) if rank(target) > rank(module))
    assert not later, f"{module} imports from a later stage: {later}"


def test_no_import_cycles():
    graph = {module: {target for target in imports(module) if target in MODULES and target != module} for module in MODULES}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                raise AssertionError("import cycle: " + " → ".join(trail[trail.index(target):] + [target]))
            if target not in state:
                visit(target, trail + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_modules_stay_small():
    long = {name: lines for name, path in MODULES.items() if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 300}
    assert not long
