"""The ``models`` suite: re-score a stanza model directory on UD English EWT test and GUM test.

Uses quoteattr.models.score (stanza's own ``--mode predict`` entry points and its CoNLL 2018 scorer): tokens
and sentences from the raw text, UPOS on gold tokens, lemmas and UAS/LAS on gold tokens and tags, and the
whole pipeline from raw GUM text. Figures are F1 fractions: ``gum.upos``, ``gum.las``, ``gum.sentences``,
``ewt.upos``, ``ewt.las``, ... The model directory is --models-dir, else the runner's --models, else the
shipped quoteattr/models/en when complete, else the bootstrap ../shared/models/en. Skipped without --ud.
About 3 minutes on one thread.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.errors import SuiteError
from benchmarks.suites import SuiteResult

NAME = "models"
MODEL_FILES = ("tokenizer.pt", "mwt.pt", "pos.pt", "lemma.pt", "depparse.pt")
SHIPPED = Path(__file__).resolve().parents[2] / "quoteattr" / "models" / "en"
BOOTSTRAP = Path("..") / "shared" / "models" / "en"


def _add(parser, *names, **kwargs) -> None:
    # another suite may already offer the same option (--ud): share it rather than clash
    if not any(name in getattr(parser, "_option_string_actions", {}) for name in names):
        parser.add_argument(*names, **kwargs)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _add(parser, "--ud", metavar="DIR",
         help="folder with en_ewt-ud-test.conllu and en_gum-ud-test.conllu (e.g. ../shared/ud); "
              "the models suite is skipped without it")
    _add(parser, "--models-dir", metavar="DIR",
         help="model directory the models suite scores (default: quoteattr/models/en when complete, "
              "else ../shared/models/en)")
    _add(parser, "--models-threads", metavar="N", type=int, default=1,
         help="torch threads for the models suite (default 1)")


def _complete(directory: Path) -> bool:
    return all((directory / name).is_file() for name in MODEL_FILES)


def model_dir(args: argparse.Namespace) -> Path:
    for candidate in (getattr(args, "models_dir", None), getattr(args, "models", None)):
        if candidate:
            directory = Path(candidate)
            if not _complete(directory):
                raise SuiteError(f"{directory} does not hold all of {', '.join(MODEL_FILES)}")
            return directory
    for directory in (SHIPPED, BOOTSTRAP):
        if _complete(directory):
            return directory
    raise SuiteError(f"no model directory: pass --models-dir DIR (looked in {SHIPPED} and {BOOTSTRAP})")


def run(args: argparse.Namespace) -> SuiteResult:
    ud = getattr(args, "ud", None)
    if not ud:
        return SuiteResult(name=NAME, skipped="--ud DIR not given (UD English EWT/GUM test files, e.g. ../shared/ud)")
    ud = Path(ud)
    missing = [f"en_{tb}-ud-test.conllu" for tb in ("ewt", "gum") if not (ud / f"en_{tb}-ud-test.conllu").is_file()]
    if missing:
        raise SuiteError(f"{ud} lacks {', '.join(missing)}")
    directory = model_dir(args)
    from quoteattr.models import score

    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="quoteattr-models-suite-") as tmp:
        results = score.score_dir(directory, ud, Path(tmp), threads=getattr(args, "models_threads", 1) or 1,
                                  end2end=("gum",), echo=lambda line: None)
    errors = [f"{tb} {stage}: {scores['error']}" for tb, stages in results.items()
              for stage, scores in stages.items() if "error" in scores]
    size = sum((directory / name).stat().st_size for name in MODEL_FILES) / 1e6
    lines.append(f"models: {directory.resolve()} ({size:.1f} MB); UD test files: {ud.resolve()}")
    lines.append("F1 in %; POS, lemma and parser on gold tokens (lemma/parser on gold tags); e2e from raw text")
    lines.append(score.table(results))
    lines.extend(f"error: {e}" for e in errors)
    figures = score.figures(results)
    figures["size_mb"] = round(size, 1)
    e2e = results.get("gum", {}).get("end2end", {})
    for key in ("load_s", "words_per_s"):
        if key in e2e:
            figures[f"gum.e2e_{key}"] = e2e[key]
    return SuiteResult(name=NAME, figures=figures, report="\n".join(lines))
