"""The command line: ``quoteattr [FILE ...] [--format jsonl|table]`` and ``quoteattr evaluate GOLD ...``."""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from quoteattr.errors import QuoteAttrError
from quoteattr.records import Attribution


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quoteattr",
        description="Find the quotes in news articles and say who said them. "
                    "`quoteattr evaluate GOLD_DIR` scores quoteattr on annotated articles.",
    )
    parser.add_argument("files", nargs="*", help="UTF-8 text files, one article each (stdin when none)")
    parser.add_argument("--format", choices=("jsonl", "table"), default="table",
                        help="table: one line a quote; jsonl: one JSON object a quote")
    parser.add_argument("--models", help="directory of stanza models (default: the shipped ones)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar over the files (default: on for several files)")
    return parser


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise SystemExit(f"quoteattr: cannot read {path}: {exc.strerror or exc}") from exc


def _table(doc_id: str, result: Attribution) -> str:
    lines = []
    for quote in result.quotes:
        speaker = quote.speaker
        who = "?"
        if speaker is not None:
            who = speaker.name or (speaker.role and f"({speaker.role})") or "?"
            if speaker.name and speaker.role:
                who += f", {speaker.role}"
        text = quote.text if len(quote.text) <= 90 else quote.text[:87] + "..."
        lines.append(f"{doc_id}\t{quote.paragraph}\t{quote.kind}\t{who}\t{text}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "evaluate":
        from quoteattr.evaluate.cli import main as evaluate_main
        return evaluate_main(argv[1:])
    args = _parser().parse_args(argv)
    from quoteattr.attributor import Attributor

    try:
        attributor = Attributor(models=args.models)
        if args.files:
            items = ((_read(path), path) for path in args.files)
        else:
            items = iter([(sys.stdin.read(), "-")])
        progress = args.progress if args.progress is not None else len(args.files) > 1
        results = attributor.pipe(items, as_tuples=True)
        if progress:
            from tqdm import tqdm
            results = tqdm(results, total=len(args.files), unit="doc", file=sys.stderr)
        if args.format == "table":
            print("doc\tparagraph\tkind\tspeaker\tquote")
        for result, doc_id in results:
            if args.format == "jsonl":
                for row in result.quote_rows(doc_id):
                    print(json.dumps(row, ensure_ascii=False))
            elif result.quotes:
                print(_table(doc_id, result))
    except QuoteAttrError as exc:
        print(f"quoteattr: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away ("quoteattr a.txt | head"): stop without a traceback, and keep Python's exit
        # flush from raising it again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
