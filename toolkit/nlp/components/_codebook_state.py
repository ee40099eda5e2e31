"""What every toolkit component shares: it is built from the codebook, and saved with the codebook it was built from."""

from __future__ import annotations

import json
from pathlib import Path

from ...codebook import Codebook
from ...errors import CodebookError, Errors

CODEBOOK_DEFAULT = {"@misc": "toolkit.codebook.v1", "paths": []}
"""The ``codebook`` setting of every factory: the registered function that returns the loaded codebook."""
STATE_FILE = "codebook.json"


class CodebookComponent:
    """``to_disk`` records the codebook's digest and directories; ``from_disk`` refuses a different codebook.

    Everything a component holds is derived from the codebook (rules,
    cues, labels), so the codebook itself is what a saved pipeline needs.
    """

    book: Codebook

    def to_disk(self, path: str | Path, *, exclude: tuple = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        state = {"digest": self.book.digest, "paths": list(self.book.paths)}
        (path / STATE_FILE).write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: tuple = ()) -> "CodebookComponent":
        state = json.loads((Path(path) / STATE_FILE).read_text(encoding="utf-8"))
        if state["digest"] != self.book.digest:
            raise CodebookError(Errors.E025.format(path=path, saved=state["digest"][:12], current=self.book.digest[:12]))
        return self
