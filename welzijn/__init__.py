"""The project package: settings, root URLs and the WSGI/ASGI entry points, nothing else.

Migrations import ``welzijn.uploads`` (the name the upload code had when they were
written), and a migration is never edited, so that name resolves to ``core.uploads``:
the same module object, hence the same classes, so ``makemigrations`` sees no change.
The alias loads on first import rather than here, because this package is imported with
the settings, before Django's apps are ready.
"""

import importlib
import importlib.abc
import importlib.util
import sys

ALIASES = {"welzijn.uploads": "core.uploads"}


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers an import of an old name with the module that now holds its code."""

    def find_spec(self, fullname, path, target=None):
        if fullname in ALIASES:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return importlib.import_module(ALIASES[spec.name])

    def exec_module(self, module):
        """The module is already loaded under its own name; nothing left to run."""


sys.meta_path.append(_AliasFinder())
