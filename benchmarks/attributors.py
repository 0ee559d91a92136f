"""One Attributor per model directory for the whole benchmark run: the model loads once, not per suite."""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=4)
def shared_attributor(models: str | None = None, parse_all: bool = False):
    import quoteattr  # looked up at call time, so that tests can swap in a fake Attributor

    return quoteattr.Attributor(models=models, parse_all=parse_all)
