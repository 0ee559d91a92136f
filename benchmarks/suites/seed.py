"""The seed suite: the annotated seed article(s) of benchmarks/data/seed/, text embedded in the gold file.

The product's target is a perfect score here (see thresholds.toml).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.errors import SuiteError
from benchmarks.suites import SuiteResult
from benchmarks.suites._gold_scoring import score_gold_documents

NAME = "seed"
SEED_GOLD = Path(__file__).resolve().parents[1] / "data" / "seed"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed-gold", metavar="DIR", default=str(SEED_GOLD),
                        help="directory of seed gold .json files (default: benchmarks/data/seed)")


def run(args: argparse.Namespace) -> SuiteResult:
    from quoteattr.errors import GoldFormatError
    from quoteattr.evaluate import load_gold_dir

    try:
        documents = load_gold_dir(args.seed_gold)
    except GoldFormatError as error:
        raise SuiteError(str(error)) from None
    return score_gold_documents(NAME, documents, args.models, args.parse_all)
