"""The word lists quoteattr reads: plain text files beside this module, one item a line, "#" comments."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from quoteattr.errors import LexiconError

DIRECTORY = Path(__file__).parent


def read_lexicon(path: str | Path) -> frozenset[str]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"Cannot read lexicon {path}: {exc}. Pass an existing UTF-8 text file.") from exc
    items = frozenset(line.split("#", 1)[0].strip().lower() for line in lines) - {""}
    if not items:
        raise LexiconError(f"Lexicon {path} has no entries: write one item a line.")
    return items


@cache
def lexicon(name: str) -> frozenset[str]:
    """A lexicon shipped with quoteattr, by file stem (``reporting_verbs``, ``titles``, ...)."""
    return read_lexicon(DIRECTORY / f"{name}.txt")
