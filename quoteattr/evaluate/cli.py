"""``quoteattr evaluate``: run the Attributor over gold documents, score, print, check floors.

Exit status: 0 when every figure is at or above its floor, 1 when one falls under (each named), 2 when the
evaluation cannot run (a bad gold file, a missing model).
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Sequence

import quoteattr
from quoteattr.corpus import json_text
from quoteattr.errors import GoldFormatError, QuoteAttrError
from quoteattr.evaluate.gold import GoldDocument, duplicate_documents, load_gold, load_gold_dir
from quoteattr.evaluate.scorer import ScoreReport, score

# option destination -> the figure it guards
FLOORS = {
    "min_f1": "detection.f1",
    "min_end_to_end_f1": "end_to_end.f1",
    "min_speaker": "speaker.strict",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quoteattr evaluate",
        description="Score quoteattr against gold attribution files (the format of docs/benchmarks.md).",
    )
    parser.add_argument("gold", nargs="+", metavar="GOLD", help="a gold .json file or a directory of them")
    parser.add_argument("--texts", metavar="DIR",
                        help="directory of the article texts, for gold files that name a source instead of "
                             "embedding the text")
    parser.add_argument("--models", metavar="DIR", help="model directory for quoteattr.Attributor")
    parser.add_argument("--min-f1", type=_floor, metavar="X", help="fail (exit 1) when detection.f1 < X")
    parser.add_argument("--min-end-to-end-f1", type=_floor, metavar="X", help="fail when end_to_end.f1 < X")
    parser.add_argument("--min-speaker", type=_floor, metavar="X", help="fail when speaker.strict < X")
    parser.add_argument("--json", metavar="FILE", help="write figures, counts and errors as JSON to FILE")
    parser.add_argument("--errors", action=argparse.BooleanOptionalAction, default=True,
                        help="list each miss, invented quote and wrong kind, speaker or role (default: on)")
    return parser


def _floor(value: str) -> float:
    try:
        floor = float(value)
    except ValueError:
        floor = math.nan
    if not math.isfinite(floor):  # nan would pass every figure
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}")
    return floor


def load_documents(paths: Sequence[str], texts_dir: str | None) -> list[GoldDocument]:
    """Gold documents from files and directories; all problems reported in one GoldFormatError."""
    documents: list[GoldDocument] = []
    messages: list[str] = []
    for path in paths:
        try:
            if Path(path).is_dir():
                documents.extend(load_gold_dir(path, texts_dir=texts_dir))
            else:
                documents.append(load_gold(path, texts_dir=texts_dir))
        except GoldFormatError as error:
            messages.append(str(error))
    messages += duplicate_documents(documents)  # across the GOLD arguments too (a directory checks its own)
    if messages:
        raise GoldFormatError("\n".join(messages))
    return documents


def failed_floors(report: ScoreReport, floors: dict[str, float | None]) -> list[str]:
    """One line per figure under its floor; an undefined (NaN) figure cannot pass a floor."""
    figures = report.figures()
    failures = []
    for figure, floor in floors.items():
        if floor is None:
            continue
        value = figures[figure]
        if math.isnan(value) or value < floor:
            shown = "n/a" if math.isnan(value) else f"{value:.3f}"
            failures.append(f"{figure} = {shown} is under the floor {floor:.3f}")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``quoteattr evaluate``; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    # tolerate being handed the whole command line ("evaluate GOLD ...") as well as what follows it
    if args_list and args_list[0] == "evaluate" and not Path("evaluate").exists():
        args_list = args_list[1:]
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.json is not None and (Path(args.json).is_dir() or not Path(args.json).parent.is_dir()):
        parser.error(f"--json {args.json}: name a file in a directory that exists")

    try:
        documents = load_documents(args.gold, args.texts)
    except GoldFormatError as error:
        print(f"error: bad gold data\n{error}", file=sys.stderr)
        return 2
    try:
        # looked up on the package at call time, so tests can substitute a fake Attributor
        attributor = quoteattr.Attributor() if args.models is None else quoteattr.Attributor(models=args.models)
        report = score((document, attributor(document.text)) for document in documents)
    except QuoteAttrError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    print(report.format_table())
    if args.errors:
        print()
        print(report.format_errors())
    if args.json:
        Path(args.json).write_text(json_text(report.to_dict(), indent=1) + "\n", encoding="utf-8")

    failures = failed_floors(report, {figure: getattr(args, option) for option, figure in FLOORS.items()})
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
