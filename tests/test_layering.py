"""Imports point down only: advisories -> policy -> neighbourhoods -> core; sign-in and
the audit log beside them, the audit log listening to sign-in; no two packages in a loop."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FORBIDDEN = {
    "core": {
        "neighbourhoods",
        "policy",
        "advisories",
        "audit",
        "signin",
        "bench",
        "welzijn",
    },
    # Sign-in announces through signals; whoever records them imports sign-in.
    "signin": {"neighbourhoods", "policy", "advisories", "audit", "bench"},
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


# Every package of the repository, the test suite on top, testdata (the factories the
# tests and the benchmark share) below both.
NOT_APPLICATION: set[str] = set()


def application_packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_APPLICATION
    )


def import_graph() -> dict[str, set[str]]:
    packages = application_packages()
    graph = {}
    for package in packages:
        used: set[str] = set()
        for path in (ROOT / package).rglob("*.py"):
            used |= imported_top_packages(path)
        graph[package] = used & set(packages) - {package}
    return graph


def find_loop(graph: dict[str, set[str]]) -> list[str]:
    """One chain of imports that comes back to where it started, or []."""
    finished: set[str] = set()

    def visit(package: str, chain: list[str]) -> list[str]:
        if package in chain:
            return chain[chain.index(package) :] + [package]
        if package in finished:
            return []
        for imported in sorted(graph[package]):
            if loop := visit(imported, chain + [package]):
                return loop
        finished.add(package)
        return []

    for package in sorted(graph):
        if loop := visit(package, []):
            return loop
    return []


def test_the_loop_finder_finds_a_loop_of_two_and_of_three():
    assert find_loop({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]
    assert find_loop({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_loop({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_two_packages_import_each_other_even_through_a_third():
    graph = import_graph()
    assert {"core", "signin", "audit", "welzijn", "bench", "tests"} <= graph.keys()
    assert find_loop(graph) == []


def test_the_project_package_holds_only_settings_urls_and_entry_points():
    allowed = {"settings", "urls.py", "wsgi.py", "asgi.py", "__init__.py"}
    present = {
        path.name for path in (ROOT / "welzijn").iterdir() if path.name != "__pycache__"
    }
    assert present - allowed == set()


def test_migrations_still_import_the_upload_code_by_its_old_name():
    """Migrations are never edited; the name they import is an alias of core.uploads."""
    import core.uploads
    import welzijn.uploads
    from welzijn.uploads import GeneratedName

    assert welzijn.uploads is core.uploads
    assert GeneratedName is core.uploads.GeneratedName


def names_of_higher_apps(path: Path, higher: set[str]) -> set[str]:
    """Strings that name a higher app: its label alone, or a dotted path, URL name or
    template folder under it ("advisories", "advisories.search", "advisories:archive",
    "advisories/…")."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for app in higher:
                if node.value == app or node.value.startswith(
                    (f"{app}.", f"{app}:", f"{app}/")
                ):
                    found.add(app)
    return found


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_no_module_names_a_higher_app_as_a_string(app):
    offenders = [
        f"{path.relative_to(ROOT)} names {higher}"
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for higher in sorted(names_of_higher_apps(path, FORBIDDEN[app]))
    ]
    assert offenders == []
