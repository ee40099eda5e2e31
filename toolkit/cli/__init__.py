"""The ``toolkit`` command line: a thin layer over the functions notebooks call.

One module per command (as ``spacy/cli``); each registers itself on the
shared typer ``app``. Every command turns a
:class:`~toolkit.errors.ToolkitError` into one ``error:`` line on stderr and
exit code 2, and announces each warning once.
"""

from __future__ import annotations

from . import analyze  # noqa: F401  (registers the command)
from . import report  # noqa: F401  (registers the command)
from . import evaluate  # noqa: F401  (registers the command)
from . import agreement  # noqa: F401  (registers the command)
from . import kwic  # noqa: F401  (registers the command)
from . import codebook  # noqa: F401  (registers the command group)
from . import export  # noqa: F401  (registers the command)
from . import import_qda  # noqa: F401  (registers the command)
from . import train  # noqa: F401  (registers the command)
from ._util import app


def main() -> None:
    """Console-script entry point."""
    app(prog_name="toolkit")


__all__ = ["app", "main"]
