"""Shared by the seed and news suites: attribute each gold document and score it with quoteattr.evaluate."""
from __future__ import annotations

from benchmarks.attributors import shared_attributor
from benchmarks.suites import SuiteResult


def score_gold_documents(name: str, documents, models: str | None, parse_all: bool = False) -> SuiteResult:
    from quoteattr.evaluate import score

    attributor = shared_attributor(models, parse_all)
    predictions = attributor.pipe(document.text for document in documents)
    report = score(zip(documents, predictions))
    quotes = sum(len(document.quotes) for document in documents)
    header = f"{name}: {len(documents)} document(s), {quotes} gold quote(s)"
    return SuiteResult(
        name=name,
        figures=dict(report.figures()),
        report="\n\n".join(part for part in (header, report.format_table(), report.format_errors()) if part),
    )
