"""Benchmark: ``toolkit.analyze`` against bare spaCy ``nlp.pipe`` of the same models on the same texts.

Run: ``python benchmarks/bench_analyze.py [N]`` (default 20,000 statements).
Prints statements/s for each and their ratio; the target is a ratio >= 0.7,
i.e. the analyzers cost at most 30% on top of spaCy's own parsing.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import corpus  # noqa: E402

import toolkit  # noqa: E402
from toolkit.nlp.tagging import BATCH_SIZE  # noqa: E402
from toolkit.nlp.pipeline import load_model, load_pipeline  # noqa: E402


def bare_spacy(frame) -> float:
    """Seconds for bare ``nlp.pipe`` over the same texts, grouped by language as analyze does."""
    start = time.perf_counter()
    for lang, part in frame.groupby("language", sort=True):
        for _ in load_model(lang).pipe(part["text"], batch_size=BATCH_SIZE):
            pass
    return time.perf_counter() - start


def main(n: int = 20_000) -> None:
    warnings.simplefilter("ignore")
    frame = corpus(n)
    for lang in sorted(frame["language"].unique()):  # load models once, outside the timings
        load_model(lang)
        load_pipeline(lang)
    bare = bare_spacy(frame)
    start = time.perf_counter()
    result = toolkit.analyze(frame)
    full = time.perf_counter() - start
    print(f"statements: {n:,}  tags: {len(result.tags):,}  corrective: {int(result.statements.corrective.sum()):,}")
    print(f"bare spaCy nlp.pipe : {n / bare:8,.0f} statements/s ({bare:.1f} s)")
    print(f"toolkit.analyze     : {n / full:8,.0f} statements/s ({full:.1f} s)")
    print(f"ratio (target >= 0.7): {bare / full:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
