"""The suites of ``python -m benchmarks``: one module each, all sharing one small contract.

A suite module defines ``NAME`` (its ``--suite`` name), ``add_arguments(parser)`` for its own options and
``run(args) -> SuiteResult``. Its figures are compared with the floors in ``benchmarks/thresholds.toml``.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SuiteResult:
    name: str
    figures: dict[str, float] = field(default_factory=dict)  # figure name -> value, as in thresholds.toml
    report: str = ""  # the human-readable table and the per-quote error list
    skipped: str | None = None  # why the suite did not run (a path not given, say); None when it ran
