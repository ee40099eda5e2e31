"""Benchmark: ``toolkit.analyze`` against bare spaCy ``nlp.pipe`` of the same models on the same texts.

Run: ``python benchmarks/bench_analyze.py [N]`` (default 20,000 statements).
Prints statements/s of bare spaCy, of ``toolkit.analyze`` with the learned
layer (the default) and with ``rules_only=True``, their ratios to bare spaCy
(targets: learned >= 0.6, rules-only >= 0.85), and the peak memory the
sentence encoder adds. One process.
"""

from __future__ import annotations

import resource
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


def timed(frame, **options) -> tuple[float, object]:
    start = time.perf_counter()
    result = toolkit.analyze(frame, **options)
    return time.perf_counter() - start, result


def main(n: int = 20_000) -> None:
    warnings.simplefilter("ignore")
    frame = corpus(n)
    for lang in sorted(frame["language"].unique()):  # load models once, outside the timings
        load_model(lang)
        load_pipeline(lang)
    bare = bare_spacy(frame)
    rules, _ = timed(frame, rules_only=True)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    learned, result = timed(frame)
    encoder_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"statements: {n:,}  tags: {len(result.tags):,}  corrective: {int(result.statements.corrective.sum()):,}")
    print(f"bare spaCy nlp.pipe         : {n / bare:8,.0f} statements/s ({bare:.1f} s)")
    print(f"toolkit.analyze, rules-only : {n / rules:8,.0f} statements/s ({rules:.1f} s)  ratio {bare / rules:.2f} (target >= 0.85)")
    print(f"toolkit.analyze, learned    : {n / learned:8,.0f} statements/s ({learned:.1f} s)  ratio {bare / learned:.2f} (target >= 0.6)")
    print(f"peak RSS added by the learned layer (encoder, model): {encoder_mb:,.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
