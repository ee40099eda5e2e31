"""``analyze()``: statements in; tags, claims, links to later evidence and case metrics out.

The one function notebooks and the command line share. Statements are
grouped by language; each language's pipeline is loaded once and fed in
batches through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .claims import extract_claims
from .codebook import load_codebook
from .inputs import read_statements
from .linking import link_claims
from .pipeline import available_languages, load_pipeline
from .result import Result
from .tags import TAG_COLUMNS, doc_codes, doc_tags

BATCH_SIZE = 256

ProgressCallback = Callable[[int], None]


def codebook_paths(codebook: str | Path | Iterable[str | Path] | None) -> tuple[str, ...]:
    """Normalise the ``codebook`` argument to a hashable tuple of directory paths."""
    if codebook is None:
        return ()
    if isinstance(codebook, (str, Path)):
        return (str(Path(codebook).resolve()),)
    return tuple(str(Path(p).resolve()) for p in codebook)


def make_docs(nlp: Language, frame: pd.DataFrame) -> Iterator[Doc]:
    """Tokenised docs carrying the speaker and role the analyzers read."""
    for text, speaker, role in zip(frame["text"], frame["speaker"], frame["speaker_role"]):
        doc = nlp.make_doc(text)
        doc._.speaker = speaker
        doc._.speaker_role = role
        yield doc


def analyze(
    source: str | Path | pd.DataFrame,
    *,
    codebook: str | Path | Iterable[str | Path] | None = None,
    case_id: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> Result:
    """Tag every statement per the codebook (CODEBOOK §1–§5).

    Args:
        source: statements as a ``.csv`` / ``.parquet`` / ``.jsonl`` path or a DataFrame.
        codebook: user codebook directories extending the bundled one.
        case_id: ``case_id`` for inputs without one (default: the file stem).
        on_progress: called with the number of statements just finished.

    Returns:
        A :class:`~toolkit.result.Result` with ``.statements``, ``.tags``, ``.claims``,
        ``.links`` and ``.cases``.

    Raises:
        InputError: bad input, with file, row and column.
        CodebookError: a malformed codebook file, with file and line.
    """
    paths = codebook_paths(codebook)
    book = load_codebook(paths)
    frame = read_statements(source, available_languages(paths), case_default=case_id)
    corrective = [0] * len(frame)
    codes: dict[str, list[str]] = {column: [""] * len(frame) for column in book.columns}
    tag_rows: list[tuple[int, tuple]] = []
    for lang in sorted(frame["language"].unique()):
        rows = frame.index[frame["language"] == lang]
        part = frame.loc[rows]
        nlp = load_pipeline(lang, paths)
        docs = nlp.pipe(make_docs(nlp, part), batch_size=BATCH_SIZE)
        for row, case, statement, doc in zip(rows, part["case_id"], part["statement_id"], docs):
            corrective[row], labels = doc_codes(doc)
            for column, value in labels.items():
                codes[column][row] = value
            tag_rows.extend((row, tag) for tag in doc_tags(doc, book, case, statement))
            if on_progress:
                on_progress(1)
    statements = frame.copy()
    statements["corrective"] = corrective
    for column, values in codes.items():
        statements[column] = values
    tag_rows.sort(key=lambda item: item[0])
    tags = pd.DataFrame([tag for _, tag in tag_rows], columns=list(TAG_COLUMNS))
    links, claims, cases = link_claims(statements, extract_claims(statements, tags, book), book)
    return Result(statements=statements, tags=tags, claims=claims, links=links, cases=cases, codebook=book)
