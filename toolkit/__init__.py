"""toolkit: analyse corrective statements and confront their claims with later evidence.

The public API: :func:`analyze` (in memory, a :class:`Result`),
:func:`analyze_to_dir` (the five tables written to a directory, as
``toolkit analyze``), :func:`read_result` (those tables read back typed), and
the errors. The stages are packages, from the bottom up: ``codebook``,
``nlp``, ``io``, ``evidence``, ``engine``, then ``report``, ``validation``,
``qda`` (exchange with QDA software) and ``cli``.
"""

from __future__ import annotations

from ._version import __version__
from .engine import Result, analyze, analyze_to_dir, read_result
from .errors import CodebookError, InputError, OutputError, ReportError, ToolkitError

__all__ = [
    "CodebookError", "InputError", "OutputError", "ReportError", "Result", "ToolkitError", "__version__",
    "analyze", "analyze_to_dir", "read_result",
]
