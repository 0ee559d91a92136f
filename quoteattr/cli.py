"""The command line: ``quoteattr [PATH ...] [--format jsonl|table] [--n-process N]`` and ``quoteattr evaluate
GOLD ...``."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from quoteattr import corpus
from quoteattr.errors import InputTooLongError, QuoteAttrError
from quoteattr.records import Attribution


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quoteattr",
        description="Find the quotes in news articles and say who said them. "
                    "`quoteattr evaluate GOLD_DIR` scores quoteattr on annotated articles.",
    )
    parser.add_argument("files", nargs="*", metavar="PATH",
                        help="UTF-8 text files, one article each, or directories: the .txt files under them, in "
                             "sorted order (stdin when none)")
    parser.add_argument("--format", choices=("jsonl", "table"), default="table",
                        help="table: one line a quote; jsonl: one JSON object a quote")
    parser.add_argument("--models", help="directory of stanza models (default: the shipped ones)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="progress bar over the files (default: on for several files or a directory)")
    parser.add_argument("--n-process", type=_processes, default=1, metavar="N",
                        help="worker processes, each with one torch thread (-1: one per core; default: 1)")
    parser.add_argument("--batch-size", type=_positive, default=32, metavar="N",
                        help="articles whose sentences go through stanza together (default: 32)")
    parser.add_argument("--max-length", type=_positive, default=None, metavar="N",
                        help="the longest article accepted, in characters (default: 20,000,000)")
    return parser


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return int(value)


def _processes(value: str) -> int:
    if value != "-1" and (not value.isdigit() or int(value) < 1):
        raise argparse.ArgumentTypeError(f"expected a positive whole number or -1 (one per core), got {value!r}")
    return int(value)


def _paths(arguments: Sequence[str]) -> Iterator[str]:
    """The files named, a directory standing for the .txt files under it (sorted, subdirectories in turn),
    read lazily so that an archive of millions of files starts at once."""
    for argument in arguments:
        if not os.path.isdir(argument):
            yield argument
            continue
        found = 0
        for path in _text_files(Path(argument)):
            found += 1
            yield str(path)
        if not found:
            raise SystemExit(f"quoteattr: no .txt files under the directory {argument}")


def _text_files(directory: Path, walked: set[tuple[int, int]] | None = None) -> Iterator[Path]:
    """Symbolic links are followed, but a directory met again (a link back up the tree, or two links to one
    place) is walked once: its files would otherwise come out again and again."""
    walked = set() if walked is None else walked
    try:
        found = directory.stat()
        if (found.st_dev, found.st_ino) in walked:
            return
        walked.add((found.st_dev, found.st_ino))
        entries = sorted(directory.iterdir())
    except OSError as exc:
        raise SystemExit(f"quoteattr: cannot read the directory {directory}: {exc.strerror or exc}") from exc
    for entry in entries:
        if entry.is_dir():
            yield from _text_files(entry, walked)
        elif entry.suffix.lower() == ".txt" and (entry.is_file() or entry.is_symlink()):
            yield entry  # a broken link too: reading it says so, rather than leaving the article out unseen


class _Unread(str):
    """In place of a path: the message of an input that could not be found or read. It travels through pipe
    as the context of an empty text, so that the run stops with it after the articles before it are out
    (pipe reads ahead a batch or more)."""


def _articles(arguments: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(text, path) for each file, in order; the first that cannot be found or read ends them."""
    paths = _paths(arguments)
    while True:
        try:
            path = next(paths, None)
            if path is None:
                return
            text = _read(path)
        except SystemExit as stop:
            yield "", _Unread(stop.code)
            return
        yield text, path


def _read(path: str) -> str:
    try:
        # bytes decoded as they are: read_text's universal newlines would turn \r\n into \n, and the quotes'
        # offsets would not point into the file
        return Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise SystemExit(f"quoteattr: cannot read {path}: {exc.strerror or exc}") from exc


def _read_stdin() -> str:
    """Standard input as UTF-8, undecodable bytes replaced, as files are read (not in the locale's encoding)."""
    binary = getattr(sys.stdin, "buffer", None)
    return binary.read().decode("utf-8", errors="replace") if binary is not None else sys.stdin.read()


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
        lines.append("\t".join(map(_cell, (doc_id, quote.paragraph, quote.kind, who, text))))
    return "\n".join(lines)


def _cell(value: object) -> str:
    """A table cell on one line of its own column: tabs and line breaks as spaces, a lone surrogate (a file
    name that is not UTF-8) as its escape, which any terminal can print."""
    text = " ".join(str(value).replace("\t", " ").splitlines())
    return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "evaluate":
        from quoteattr.evaluate.cli import main as evaluate_main
        return evaluate_main(argv[1:])
    args = _parser().parse_args(argv)
    from quoteattr.attributor import DEFAULT_MAX_LENGTH, Attributor

    try:
        attributor = Attributor(models=args.models, max_length=args.max_length or DEFAULT_MAX_LENGTH)
        if args.files:
            items = _articles(args.files)
        else:
            items = iter([(_read_stdin(), "-")])
        directories = any(os.path.isdir(path) for path in args.files)
        progress = args.progress if args.progress is not None else len(args.files) > 1 or directories
        results = attributor.pipe(items, as_tuples=True, batch_size=args.batch_size, n_process=args.n_process)
        if progress:
            from tqdm import tqdm
            total = None if directories else len(args.files)  # a directory's files are counted as they come
            results = tqdm(results, total=total, unit="doc", file=sys.stderr)
        if args.format == "table":
            print("doc\tparagraph\tkind\tspeaker\tquote")
        for result, doc_id in results:
            if isinstance(doc_id, _Unread):
                raise SystemExit(str(doc_id))
            if args.format == "jsonl":
                for row in result.quote_rows(doc_id):
                    sys.stdout.write(corpus.jsonl_line(row))  # one write: whole lines
            elif result.quotes:
                print(_table(doc_id, result))
    except QuoteAttrError as exc:
        hint = " (on the command line: --max-length N)" if isinstance(exc, InputTooLongError) else ""
        print(f"quoteattr: {exc}{hint}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: the quotes printed so far stand; the shell's code for an interrupt
        print("quoteattr: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away ("quoteattr a.txt | head"): stop without a traceback, and keep Python's exit
        # flush from raising it again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
