"""quoteattr: who said what in news text.

    >>> import quoteattr
    >>> result = quoteattr.attribute('"We will win," the mayor said.')
    >>> [(q.kind, q.text, q.speaker.role) for q in result.quotes]
    [('direct', 'We will win,', 'mayor')]
"""
from __future__ import annotations

from quoteattr.attributor import Attributor, attribute
from quoteattr.errors import (
    GoldFormatError,
    InputTooLongError,
    InputTypeError,
    LexiconError,
    ModelError,
    ParseError,
    QuoteAttrError,
    WorkerError,
)
from quoteattr.records import Attribution, Entity, Quote, Span, Speaker

__all__ = [
    "Attribution", "Attributor", "Entity", "GoldFormatError", "InputTooLongError", "InputTypeError",
    "LexiconError", "ModelError", "ParseError", "Quote", "QuoteAttrError", "Span", "Speaker", "WorkerError",
    "attribute",
]
__version__ = "0.1.0"
