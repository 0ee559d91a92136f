"""Every error quoteattr raises on purpose; each message says how to fix the problem."""
from __future__ import annotations


class QuoteAttrError(Exception):
    """Base of every quoteattr error."""


class InputTypeError(QuoteAttrError, TypeError):
    """The text is not a ``str``."""

    @classmethod
    def for_value(cls, value: object) -> InputTypeError:
        kind = type(value).__name__
        if isinstance(value, (bytes, bytearray, memoryview)):
            hint = "decode bytes first, e.g. text = data.decode('utf-8', errors='replace')"
        elif value is None:
            hint = "pass the article text as a str; use '' for an empty document"
        elif isinstance(value, tuple):
            hint = "pass the article text as a str, or (text, context) pairs to pipe(..., as_tuples=True)"
        else:
            hint = "pass the article text as a str"
        return cls(f"quoteattr takes text as str, got {kind}: {hint}")


class InputTooLongError(QuoteAttrError, ValueError):
    """The text is longer than the Attributor's ``max_length``."""


class ModelError(QuoteAttrError, FileNotFoundError):
    """A parsing model is missing, unreadable or corrupt."""


class ParseError(QuoteAttrError, RuntimeError):
    """stanza failed on a text; the cause is chained."""


class WorkerError(QuoteAttrError, RuntimeError):
    """A worker process of ``pipe(..., n_process=N)`` died (killed, out of memory) before finishing its job."""


class LexiconError(QuoteAttrError, ValueError):
    """A lexicon file is missing or malformed."""


class GoldFormatError(QuoteAttrError, ValueError):
    """A gold attribution file breaks the format of docs/benchmarks.md."""
