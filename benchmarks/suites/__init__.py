"""The suites of ``python -m benchmarks``: one module each, all sharing one small contract.

A suite module defines ``NAME`` (its ``--suite`` name), ``add_arguments(parser)`` for its own options and
``run(args) -> SuiteResult``. Its figures are compared with the floors in ``benchmarks/thresholds.toml``.
"""
from __future__ import annotations

import argparse
import math
from dataclasses import dataclass, field


@dataclass
class SuiteResult:
    name: str
    figures: dict[str, float] = field(default_factory=dict)  # figure name -> value, as in thresholds.toml
    report: str = ""  # the human-readable table and the per-quote error list
    skipped: str | None = None  # why the suite did not run (a path not given, say); None when it ran


def positive(kind=int, zero: bool = False):
    """An argparse type: a number of ``kind`` above 0 (or at least 0), finite."""
    def read(value: str):
        try:
            number = kind(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number < 0 or (number == 0 and not zero):
            wanted = "non-negative" if zero else "positive"
            raise argparse.ArgumentTypeError(f"expected a {wanted} number, got {value!r}")
        return number
    return read
