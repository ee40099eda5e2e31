"""The engine: ONE loop (chunks → runner → sink) behind ``analyze``, ``analyze_to_dir``, ``kwic`` and ``evaluate``.

Runners tag in this process, a process pool or on Dask; sinks keep the
analysed chunks in memory (a :class:`Result`) or write them to a directory.
"""

from __future__ import annotations

from .result import CaseView, LabelCounts, Result, StatementView, read_result
from .run import CHUNK_SIZE, analyze, analyze_to_dir, stream
from .sinks import DirectorySink, MemorySink, Sink

__all__ = [
    "CHUNK_SIZE", "CaseView", "DirectorySink", "LabelCounts", "MemorySink", "Result", "Sink", "StatementView",
    "analyze", "analyze_to_dir", "read_result", "stream",
]
