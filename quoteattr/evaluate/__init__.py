"""Evaluate attributions against gold files: ``load_gold`` / ``load_gold_dir``, then ``score``.

    >>> from quoteattr.evaluate import load_gold, attribution_from_gold, score
    >>> doc = load_gold("gold/seed/000_d0cf9d55a3beb83b.json")            # doctest: +SKIP
    >>> score([(doc, attribution_from_gold(doc))]).figures()["detection.f1"]  # doctest: +SKIP
    1.0
"""
from __future__ import annotations

from quoteattr.evaluate.gold import (
    GoldDocument,
    GoldEntity,
    GoldMarkedSpan,
    GoldQuote,
    GoldSpan,
    attribution_from_gold,
    gold_from_dict,
    load_gold,
    load_gold_dir,
    paragraph_of,
)
from quoteattr.evaluate.scorer import (
    PRF,
    IgnoredQuote,
    InventedQuote,
    KindPRF,
    MatchedQuote,
    MissedQuote,
    Ratio,
    ScoreReport,
    match_contents,
    normalise_span,
    normalise_text,
    overlaps_by_half,
    role_is_right,
    score,
    score_document,
    speaker_is_right,
)

__all__ = [
    "PRF", "GoldDocument", "GoldEntity", "GoldMarkedSpan", "GoldQuote", "GoldSpan", "IgnoredQuote",
    "InventedQuote", "KindPRF", "MatchedQuote", "MissedQuote", "Ratio", "ScoreReport", "attribution_from_gold",
    "gold_from_dict", "load_gold", "load_gold_dir", "match_contents", "normalise_span", "normalise_text",
    "overlaps_by_half", "paragraph_of", "role_is_right", "score", "score_document", "speaker_is_right",
]
