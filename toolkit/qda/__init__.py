"""Exchange with QDA software (MAXQDA, ATLAS.ti, NVivo, QualCoder) through REFI-QDA (QDA-XML 1.0).

:func:`export_qdpx` writes an analyze output directory as a ``.qdpx``
project a coder can open, check and correct; :func:`export_qdc` writes the
codebook alone; :func:`import_qda` reads a project coded by people back as
``gold.csv`` / ``links.csv`` for ``toolkit evaluate`` and ``toolkit agreement``.
"""

from __future__ import annotations

from .export import export_qdc, export_qdpx
from .import_ import ImportedCoding, import_qda

__all__ = ["ImportedCoding", "export_qdc", "export_qdpx", "import_qda"]
