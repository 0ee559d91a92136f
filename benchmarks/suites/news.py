"""The news suite: Wikinews articles annotated in benchmarks/data/news/.

The gold files name their text by ``source`` and ``sha256``; the texts themselves are read from
``--news-texts DIR`` and never copied into the repository. Without that option the suite is skipped; with
it, a missing or changed text is an error (the annotations would no longer fit the text).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.errors import SuiteError
from benchmarks.suites import SuiteResult
from benchmarks.suites._gold_scoring import score_gold_documents

NAME = "news"
NEWS_GOLD = Path(__file__).resolve().parents[1] / "data" / "news"
SKIP_REASON = "pass --news-texts DIR (e.g. ../shared/news/texts)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--news-texts", metavar="DIR",
                        help="directory of the news article texts (e.g. ../shared/news/texts)")
    parser.add_argument("--news-gold", metavar="DIR", default=str(NEWS_GOLD),
                        help="directory of news gold .json files (default: benchmarks/data/news)")


def run(args: argparse.Namespace) -> SuiteResult:
    if not args.news_texts:
        return SuiteResult(name=NAME, skipped=SKIP_REASON)
    if not Path(args.news_texts).is_dir():
        raise SuiteError(f"--news-texts {args.news_texts!r} is not a directory: pass the directory of the "
                         "news texts (e.g. ../shared/news/texts)")
    from quoteattr.errors import GoldFormatError
    from quoteattr.evaluate import load_gold_dir

    try:
        documents = load_gold_dir(args.news_gold, texts_dir=args.news_texts)
    except GoldFormatError as error:
        raise SuiteError(str(error)) from None
    return score_gold_documents(NAME, documents, args.models, args.parse_all)
