"""toolkit: analyse corrective statements and confront their claims with later evidence."""

from __future__ import annotations

__version__ = "0.1.0"

from . import extensions  # noqa: F401,E402  (registers Doc._ / Span._ attributes)
from .analysis import analyze  # noqa: E402
from .errors import CodebookError, InputError, ToolkitError  # noqa: E402
from .result import Result  # noqa: E402

__all__ = ["analyze", "Result", "ToolkitError", "InputError", "CodebookError", "__version__"]
