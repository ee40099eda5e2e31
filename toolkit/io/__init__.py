"""Files in and out: statements read and validated, the five tables written atomically and read back, run provenance."""

from __future__ import annotations

from .output_dir import TABLES, check_output_dir, publish
from .statements import (
    ROW,
    SPEAKER_ROLES,
    TIME,
    iter_statements,
    read_frame,
    read_statements,
    validate,
)
from .tables import csv_bytes, read_table, write_atomic, write_result, write_table

__all__ = [
    "ROW", "SPEAKER_ROLES", "TABLES", "TIME", "check_output_dir", "csv_bytes", "iter_statements",
    "publish", "read_frame", "read_statements", "read_table", "validate", "write_atomic",
    "write_result", "write_table",
]
