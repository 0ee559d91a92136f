"""Attributor: builds the parsing pipeline once and runs every stage over a text. (Work in progress.)"""
from __future__ import annotations

from quoteattr.records import Attribution


class Attributor:
    def __init__(self, models=None, *, max_length: int = 10_000_000):
        self.models = models
        self.max_length = max_length

    def __call__(self, text: str) -> Attribution:
        return Attribution(text=text)

    def pipe(self, texts, *, batch_size: int = 32, as_tuples: bool = False):
        for text in texts:
            yield self(text)


_default: Attributor | None = None


def attribute(text: str) -> Attribution:
    global _default
    if _default is None:
        _default = Attributor()
    return _default(text)
