"""Imports point down only: advisories -> policy -> neighbourhoods -> core."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FORBIDDEN = {
    "core": {"neighbourhoods", "policy", "advisories", "audit", "bench"},
    "neighbourhoods": {"policy", "advisories"},
    "policy": {"advisories"},
    "advisories": set(),
}


def imported_top_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def string_references(path: Path) -> set[str]:
    """Lazy model references such as "policy.Goal" count as imports too."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            head, dot, tail = node.value.partition(".")
            if dot and tail[:1].isupper():
                found.add(head)
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_never_imports_a_higher_floor(app):
    offenders = []
    for path in sorted((ROOT / app).rglob("*.py")):
        used = imported_top_packages(path) | string_references(path)
        for higher in sorted(used & FORBIDDEN[app]):
            offenders.append(f"{path.relative_to(ROOT)} uses {higher}")
    assert offenders == []


def test_project_package_holds_no_models():
    assert not list((ROOT / "welzijn").rglob("models.py"))
