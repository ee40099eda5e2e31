"""Tag a batch of validated statements: the unit of work of every runner.

:func:`tag_batch` returns plain lists (codes and tag tuples), not ``Doc``
objects, so that process pools and Dask workers send back little;
:func:`attach` joins them to the statements. Each process loads a language's
pipeline once and keeps it (``toolkit.nlp.pipeline``'s cache).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..codebook import load_codebook
from .pipeline import load_pipeline
from .rows import TAG_COLUMNS, doc_codes, doc_tags

BATCH_SIZE = 256

ProgressCallback = Callable[[int], None]


@dataclass
class TaggedBatch:
    """What tagging a batch produces, aligned with the batch's rows."""

    corrective: list[int]
    codes: dict[str, list[str]]
    tags: list[tuple[int, tuple]] = field(default_factory=list)  # (position in batch, tag row)


def make_docs(nlp, frame: pd.DataFrame):
    """Tokenised docs carrying the speaker and role the analyzers read."""
    for text, speaker, role in zip(frame["text"].tolist(), frame["speaker"].tolist(), frame["speaker_role"].tolist()):
        doc = nlp.make_doc(text)
        doc._.speaker = speaker
        doc._.speaker_role = role
        yield doc


def tag_batch(
    frame: pd.DataFrame, codebook: tuple[str, ...] = (), on_progress: ProgressCallback | None = None,
    model: str | None = None,
) -> TaggedBatch:
    """Run each language's pipeline over its statements, in batches through ``nlp.pipe``.

    ``model``: the learned model directory that decides the labels, or ``None`` for the rules alone.
    """
    book = load_codebook(codebook)
    size = len(frame)
    result = TaggedBatch([0] * size, {column: [""] * size for column in book.columns})
    languages = frame["language"].to_numpy()
    for lang in sorted(set(languages)):
        positions = [i for i in range(size) if languages[i] == lang]
        part = frame.iloc[positions]
        nlp = load_pipeline(lang, codebook, model)
        docs = nlp.pipe(make_docs(nlp, part), batch_size=BATCH_SIZE)
        for position, case, statement, doc in zip(positions, part["case_id"].tolist(), part["statement_id"].tolist(), docs):
            result.corrective[position], labels = doc_codes(doc)
            for column, value in labels.items():
                result.codes[column][position] = value
            result.tags.extend((position, tag) for tag in doc_tags(doc, book, case, statement))
            if on_progress:
                on_progress(1)
    result.tags.sort(key=lambda item: item[0])
    return result


def attach(frame: pd.DataFrame, tagged: TaggedBatch) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The statements with ``corrective`` and label columns, and the tags table, in input order."""
    statements = frame.copy()
    statements["corrective"] = tagged.corrective
    for column, values in tagged.codes.items():
        statements[column] = values
    tags = pd.DataFrame([tag for _, tag in tagged.tags], columns=list(TAG_COLUMNS))
    return statements, tags
