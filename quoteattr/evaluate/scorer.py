"""Score predicted attributions against gold, by the scoring rules of the gold format.

The generic pieces (:func:`normalise_text`, :func:`normalise_span`, :func:`match_contents`, :class:`PRF`,
:class:`Ratio`) can be reused by a suite with its own speaker rule; :func:`score` applies all the rules:

1. matching: one-to-one, greedy by overlap size, a pair matches when its contents overlap by at least half
   of the shorter content; an unmatched prediction that overlaps an ``optional`` span by half is ignored
   (unless it lies mostly over a ``not_quotes`` span: those are always false positives);
2. detection P/R/F1, overall and per kind (recall by gold kind, precision by predicted kind);
3. exact-boundary rate; 4. kind accuracy; 5. speaker accuracy strict/lenient; 6. role accuracy
   strict/lenient; 7. end-to-end F1 (a match is a true positive only when its speaker is strictly right).

Every figure with an empty denominator is NaN, shown as "n/a": never a silent 1.0 or 0.0.
"""
from __future__ import annotations

import math
import unicodedata
from typing import Any, Callable, Iterable, Sequence

import attrs
import regex

from quoteattr.evaluate.gold import GoldDocument, GoldEntity, GoldQuote, GoldSpan
from quoteattr.records import QUOTE_KINDS, Attribution, Quote, Speaker

__all__ = [
    "PRF", "KindPRF", "Ratio", "MatchedQuote", "MissedQuote", "InventedQuote", "IgnoredQuote", "ScoreReport",
    "match_contents", "normalise_span", "normalise_text", "overlaps_by_half", "score", "score_document",
    "speaker_is_right",
    "role_is_right",
]

NAN = float("nan")

# ------------------------------------------------------------------------------------- normalisation

# curly and low quotation marks, primes and guillemets, folded to the two straight marks
_QUOTE_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2039": "'", "\u203a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
})
_WHITESPACE = regex.compile(r"\s+")
# stripped at both ends of a span: quotation marks, white space and , . ; : ! ? — –
_SPAN_EDGE = "\"' \t\n\r\f\v,.;:!?\u2014\u2013"
_LEADING_THAT = "that "


def normalise_text(value: str | None) -> str:
    """NFKC, curly quotes and apostrophes to straight, casefold, white-space runs to one space, trimmed.

    None becomes "" so that a missing name compares equal to an empty one.
    """
    if not value:
        return ""
    value = unicodedata.normalize("NFKC", value).translate(_QUOTE_FOLD).casefold()
    return _WHITESPACE.sub(" ", value).strip()


def normalise_span(value: str | None) -> str:
    """:func:`normalise_text`, then quotation marks, white space and ``, . ; : ! ? — –`` stripped at both
    ends and a leading "that " dropped (repeated until stable: ``that "We won."`` gives ``we won``)."""
    value = normalise_text(value)
    while True:
        stripped = value.strip(_SPAN_EDGE).strip()  # .strip(): every white space Python knows, "\x1f" too
        if stripped.startswith(_LEADING_THAT):
            stripped = stripped[len(_LEADING_THAT):]
        if stripped == value:
            return value
        value = stripped


def _content_text(spans: Sequence[Any]) -> str:
    """The normalised content of a (possibly split) quote: each span normalised, joined by one space."""
    return normalise_text(" ".join(normalise_span(span.text) for span in spans))


# -------------------------------------------------------------------------------------------- matching

Offsets = Sequence[tuple[int, int]]


def _length(content: Offsets) -> int:
    return sum(end - start for start, end in content)


def _overlap(first: Offsets, second: Offsets) -> int:
    """Characters shared by two contents (each a list of disjoint spans)."""
    return sum(max(0, min(end_a, end_b) - max(start_a, start_b))
               for start_a, end_a in first for start_b, end_b in second)


def overlaps_by_half(first: Offsets, second: Offsets) -> bool:
    """Whether two contents overlap by at least half of the shorter one's total length (and at all)."""
    shared = _overlap(first, second)
    return shared > 0 and 2 * shared >= min(_length(first), _length(second))


def match_contents(gold: Sequence[Offsets], predicted: Sequence[Offsets]) -> list[tuple[int, int]]:
    """Match gold and predicted contents one-to-one, greedily by overlap size.

    Each content is a list of ``(start, end)`` spans (several for a split quote). A pair may match when the
    total overlap is at least half of the shorter content's total length. Returns ``(gold_index,
    predicted_index)`` pairs sorted by gold index; ties in overlap go to the earlier gold, then prediction.
    """
    candidates = []
    for gold_index, gold_content in enumerate(gold):
        for predicted_index, predicted_content in enumerate(predicted):
            if overlaps_by_half(gold_content, predicted_content):
                shared = _overlap(gold_content, predicted_content)
                candidates.append((-shared, gold_index, predicted_index))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, gold_index, predicted_index in candidates:
        if gold_index not in used_gold and predicted_index not in used_predicted:
            used_gold.add(gold_index)
            used_predicted.add(predicted_index)
            pairs.append((gold_index, predicted_index))
    return sorted(pairs)


def _offsets(spans: Iterable[Any]) -> list[tuple[int, int]]:
    return [(span.start, span.end) for span in spans]


# -------------------------------------------------------------------------------------------- figures

def _divide(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else NAN


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean; with one side undefined it is 0.0 when the other is 0.0 (nothing right), else NaN."""
    if math.isnan(precision) or math.isnan(recall):
        other = recall if math.isnan(precision) else precision
        return 0.0 if other == 0.0 else NAN
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


@attrs.frozen
class PRF:
    """True positive, false positive and false negative counts, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _divide(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _divide(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@attrs.frozen
class KindPRF:
    """Per-kind detection: recall counts gold quotes of the kind, precision counts predictions of the kind.

    The two sides have their own true positives (a gold direct quote matched by a predicted mixed one is a
    hit for direct recall and for mixed precision).
    """

    by_gold: PRF = PRF()  # tp: matched gold of the kind, fn: missed gold of the kind
    by_prediction: PRF = PRF()  # tp: matched predictions of the kind, fp: unmatched ones

    @property
    def precision(self) -> float:
        return self.by_prediction.precision

    @property
    def recall(self) -> float:
        return self.by_gold.recall

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: KindPRF) -> KindPRF:
        return KindPRF(self.by_gold + other.by_gold, self.by_prediction + other.by_prediction)


@attrs.frozen
class Ratio:
    """A share: ``hits / total``, NaN when nothing was counted."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return _divide(self.hits, self.total)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    @classmethod
    def of(cls, outcomes: Iterable[bool | None]) -> Ratio:
        """Count the True outcomes among those that are not None (None: the figure does not apply)."""
        counted = [outcome for outcome in outcomes if outcome is not None]
        return cls(sum(counted), len(counted))


# ------------------------------------------------------------------------------------ speaker and role

def _head_noun(role: str | None) -> str:
    words = normalise_text(role).split(" ")
    return words[-1] if words else ""


def _is_unnamed(entity: GoldEntity) -> bool:
    # an entity without a name can only be recognised by its role
    return entity.kind == "unnamed" or not entity.name


def speaker_is_right(gold: GoldEntity | None, predicted: Speaker | None, *, lenient: bool = False) -> bool:
    """Rule 5. A gold speaker of None needs a None prediction (the end-to-end rule).

    strict: the predicted name equals the gold name (unnamed: the predicted role equals the gold role and
    the predicted name is empty). lenient adds: the predicted name equals an alias, the gold name ends with
    the predicted name as a whole word (a surname), or (unnamed) the predicted role contains the gold
    role's head noun (its last word).
    """
    if gold is None:
        return predicted is None
    if predicted is None:
        return False
    predicted_name = normalise_text(predicted.name)
    if _is_unnamed(gold):
        strict = not predicted_name and normalise_text(predicted.role) == normalise_text(gold.role)
    else:
        strict = predicted_name == normalise_text(gold.name)
    if strict or not lenient:
        return strict
    if predicted_name:
        if predicted_name in {normalise_text(alias) for alias in gold.aliases}:
            return True
        gold_name = normalise_text(gold.name)
        if gold_name and (gold_name == predicted_name or gold_name.endswith(" " + predicted_name)):
            return True
    if _is_unnamed(gold):
        head = _head_noun(gold.role)
        return bool(head) and head in normalise_text(predicted.role)
    return False


def role_is_right(gold_role: str | None, predicted_role: str | None, *, lenient: bool = False) -> bool:
    """Rule 6: strict, equal after normalisation; lenient, one contains the other."""
    gold_text, predicted_text = normalise_text(gold_role), normalise_text(predicted_role)
    if not gold_text or not predicted_text:
        return False
    if gold_text == predicted_text:
        return True
    return lenient and (gold_text in predicted_text or predicted_text in gold_text)


# ------------------------------------------------------------------------------------------- outcomes

@attrs.frozen(kw_only=True)
class MatchedQuote:
    """A gold quote and the prediction matched to it, with every check. None: the check does not apply."""

    document: str
    gold: GoldQuote
    predicted: Quote
    gold_speaker: GoldEntity | None
    exact_boundary: bool
    kind_right: bool
    speaker_strict: bool | None  # None when the gold speaker is null
    speaker_lenient: bool | None
    role_strict: bool | None  # None when the gold entity has no role
    role_lenient: bool | None
    end_to_end: bool  # speaker strictly right, or both null


@attrs.frozen(kw_only=True)
class MissedQuote:
    """A gold quote that no prediction matched (a false negative)."""

    document: str
    gold: GoldQuote
    gold_speaker: GoldEntity | None


@attrs.frozen(kw_only=True)
class InventedQuote:
    """A prediction that matched no gold quote (a false positive); ``not_quote`` says why when it lies over a
    span the gold marks as not speech."""

    document: str
    predicted: Quote
    not_quote: str | None = None


@attrs.frozen(kw_only=True)
class IgnoredQuote:
    """An unmatched prediction over an ``optional`` span: it changes no figure."""

    document: str
    predicted: Quote
    why: str | None = None


def _judge(document: GoldDocument, gold: GoldQuote, predicted: Quote) -> MatchedQuote:
    entity = document.entity(gold.speaker)
    speaker = predicted.speaker
    has_role = entity is not None and bool(normalise_text(entity.role))
    predicted_role = speaker.role if speaker is not None else None
    return MatchedQuote(
        document=document.id, gold=gold, predicted=predicted, gold_speaker=entity,
        exact_boundary=_content_text(gold.content) == _content_text(predicted.content),
        kind_right=gold.kind == predicted.kind,
        speaker_strict=speaker_is_right(entity, speaker) if entity is not None else None,
        speaker_lenient=speaker_is_right(entity, speaker, lenient=True) if entity is not None else None,
        role_strict=role_is_right(entity.role, predicted_role) if has_role else None,
        role_lenient=role_is_right(entity.role, predicted_role, lenient=True) if has_role else None,
        end_to_end=speaker_is_right(entity, speaker) if gold.speaker is not None else speaker is None,
    )


def _mostly_over(content: Offsets, spans: Iterable[GoldSpan]) -> GoldSpan | None:
    """The first span that covers at least half of ``content``'s own length."""
    length = _length(content)
    for span in spans:
        shared = _overlap(content, [(span.start, span.end)])
        if shared > 0 and 2 * shared >= length:
            return span
    return None


def _unmatched(document: GoldDocument, predicted: Quote) -> InventedQuote | IgnoredQuote:
    content = _offsets(predicted.content)
    not_quote = next((entry for entry in document.not_quotes
                      if overlaps_by_half(content, [(entry.span.start, entry.span.end)])), None)
    # a prediction lying mostly over a not_quotes span stays a false positive even inside an optional span
    # (the seed's optional "is calling for ..." holds the scare-quoted "sanctuary")
    mostly_not_quote = _mostly_over(content, [entry.span for entry in document.not_quotes]) is not None
    if not mostly_not_quote:
        for entry in document.optional:
            if overlaps_by_half(content, [(entry.span.start, entry.span.end)]):
                return IgnoredQuote(document=document.id, predicted=predicted, why=entry.why)
    why = None
    if not_quote is not None:
        why = f"over not_quote {not_quote.span.text!r}" + (f" ({not_quote.why})" if not_quote.why else "")
    return InventedQuote(document=document.id, predicted=predicted, not_quote=why)


def score_document(document: GoldDocument, attribution: Attribution) -> ScoreReport:
    """Score one document's predictions."""
    if attribution.text != document.text:
        raise ValueError(f"the prediction for gold document {document.id!r} was made on a different text: "
                         "run the attributor on GoldDocument.text")
    predictions = list(attribution.quotes)
    pairs = match_contents([_offsets(quote.content) for quote in document.quotes],
                           [_offsets(quote.content) for quote in predictions])
    matched_gold = {gold_index for gold_index, _ in pairs}
    matched_predictions = {predicted_index for _, predicted_index in pairs}
    matched = [_judge(document, document.quotes[gold_index], predictions[predicted_index])
               for gold_index, predicted_index in pairs]
    missed = [MissedQuote(document=document.id, gold=quote, gold_speaker=document.entity(quote.speaker))
              for index, quote in enumerate(document.quotes) if index not in matched_gold]
    unmatched = [_unmatched(document, quote) for index, quote in enumerate(predictions)
                 if index not in matched_predictions]
    return ScoreReport(
        documents=(document.id,), matched=matched, missed=missed,
        invented=[item for item in unmatched if isinstance(item, InventedQuote)],
        ignored=[item for item in unmatched if isinstance(item, IgnoredQuote)],
    )


def score(pairs: Iterable[tuple[GoldDocument, Attribution]]) -> ScoreReport:
    """Score every (gold document, prediction) pair and add the results up (micro-averaged figures)."""
    report = ScoreReport()
    for document, attribution in pairs:
        report = report + score_document(document, attribution)
    return report


# --------------------------------------------------------------------------------------------- report

_RATIO_FIGURES: dict[str, tuple[str, Callable[[MatchedQuote], bool | None]]] = {
    # figure name -> (name with a kind slot, the outcome counted)
    "boundary.exact": ("boundary.{kind}.exact", lambda match: match.exact_boundary),
    "kind.accuracy": ("kind.{kind}.accuracy", lambda match: match.kind_right),
    "speaker.strict": ("speaker.{kind}.strict", lambda match: match.speaker_strict),
    "speaker.lenient": ("speaker.{kind}.lenient", lambda match: match.speaker_lenient),
    "role.strict": ("role.{kind}.strict", lambda match: match.role_strict),
    "role.lenient": ("role.{kind}.lenient", lambda match: match.role_lenient),
}
_ALL = "all"


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def _shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _gold_speaker_label(entity: GoldEntity | None) -> str:
    if entity is None:
        return "null"
    if _is_unnamed(entity):
        return f"(unnamed) {entity.role!r}"
    return repr(entity.name)


def _predicted_speaker_label(speaker: Speaker | None) -> str:
    if speaker is None:
        return "null"
    if not speaker.name:
        return f"(unnamed) {speaker.role!r}"
    return repr(speaker.name)


@attrs.frozen(kw_only=True)
class ScoreReport:
    """Every matched, missed, invented and ignored quote of a run; figures are derived from them.

    Reports add up with ``+`` (micro-averaging over documents).
    """

    documents: tuple[str, ...] = attrs.field(converter=tuple, default=())
    matched: tuple[MatchedQuote, ...] = attrs.field(converter=tuple, default=())
    missed: tuple[MissedQuote, ...] = attrs.field(converter=tuple, default=())
    invented: tuple[InventedQuote, ...] = attrs.field(converter=tuple, default=())
    ignored: tuple[IgnoredQuote, ...] = attrs.field(converter=tuple, default=())

    def __add__(self, other: ScoreReport) -> ScoreReport:
        return ScoreReport(documents=self.documents + other.documents, matched=self.matched + other.matched,
                           missed=self.missed + other.missed, invented=self.invented + other.invented,
                           ignored=self.ignored + other.ignored)

    # --- counts

    @property
    def detection(self) -> PRF:
        return PRF(len(self.matched), len(self.invented), len(self.missed))

    @property
    def end_to_end(self) -> PRF:
        right = sum(match.end_to_end for match in self.matched)
        wrong = len(self.matched) - right
        # a matched quote with the wrong speaker is both a false positive and a false negative
        return PRF(right, len(self.invented) + wrong, len(self.missed) + wrong)

    def detection_for(self, kind: str) -> KindPRF:
        """Rule 2 per kind: recall over gold quotes of ``kind``, precision over predictions of ``kind``."""
        return KindPRF(
            by_gold=PRF(tp=sum(match.gold.kind == kind for match in self.matched),
                        fn=sum(miss.gold.kind == kind for miss in self.missed)),
            by_prediction=PRF(tp=sum(match.predicted.kind == kind for match in self.matched),
                              fp=sum(item.predicted.kind == kind for item in self.invented)),
        )

    def end_to_end_for(self, kind: str) -> KindPRF:
        gold_side = [match for match in self.matched if match.gold.kind == kind]
        predicted_side = [match for match in self.matched if match.predicted.kind == kind]
        gold_right = sum(match.end_to_end for match in gold_side)
        predicted_right = sum(match.end_to_end for match in predicted_side)
        return KindPRF(
            by_gold=PRF(tp=gold_right,
                        fn=sum(miss.gold.kind == kind for miss in self.missed) + len(gold_side) - gold_right),
            by_prediction=PRF(tp=predicted_right,
                              fp=sum(item.predicted.kind == kind for item in self.invented)
                              + len(predicted_side) - predicted_right),
        )

    def ratio(self, figure: str, kind: str | None = None) -> Ratio:
        """A share figure (``boundary.exact``, ``kind.accuracy``, ``speaker.strict`` ...) over the matched
        quotes, all of them or those of one gold ``kind``."""
        _, outcome = _RATIO_FIGURES[figure]
        return Ratio.of(outcome(match) for match in self.matched if kind is None or match.gold.kind == kind)

    # --- figures

    def figures(self) -> dict[str, float]:
        """Every figure by flat name; NaN where the denominator is empty.

        ``detection.{precision,recall,f1}``, ``detection.<kind>.{precision,recall,f1}``, ``boundary.exact``,
        ``kind.accuracy``, ``speaker.strict``, ``speaker.lenient``, ``role.strict``, ``role.lenient``,
        ``end_to_end.{precision,recall,f1}``, and each of those per gold kind with the kind after the first
        part (``speaker.direct.strict``, ``end_to_end.mixed.f1``).
        """
        figures: dict[str, float] = {}
        for prefix, overall, per_kind in (("detection", self.detection, self.detection_for),
                                          ("end_to_end", self.end_to_end, self.end_to_end_for)):
            for stat in ("precision", "recall", "f1"):
                figures[f"{prefix}.{stat}"] = getattr(overall, stat)
            for kind in QUOTE_KINDS:
                counts = per_kind(kind)
                for stat in ("precision", "recall", "f1"):
                    figures[f"{prefix}.{kind}.{stat}"] = getattr(counts, stat)
        for figure, (kind_pattern, _) in _RATIO_FIGURES.items():
            figures[figure] = self.ratio(figure).value
            for kind in QUOTE_KINDS:
                figures[kind_pattern.format(kind=kind)] = self.ratio(figure, kind).value
        return figures

    def counts(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "gold": len(self.matched) + len(self.missed),
            "predicted": len(self.matched) + len(self.invented),
            "matched": len(self.matched),
            "missed": len(self.missed),
            "invented": len(self.invented),
            "ignored_optional": len(self.ignored),
        }

    # --- rendering

    def format_table(self) -> str:
        """An aligned table: one row per figure, columns for all quotes and each kind, with counts."""
        header = ["figure", _ALL, *QUOTE_KINDS]
        rows: list[list[str]] = []

        def prf_rows(prefix: str, overall: PRF, per_kind: Callable[[str], KindPRF]) -> None:
            kinds = {kind: per_kind(kind) for kind in QUOTE_KINDS}
            rows.append([f"{prefix}.precision",
                         f"{_fmt(overall.precision)} ({overall.tp}/{overall.tp + overall.fp})",
                         *(f"{_fmt(c.precision)} ({c.by_prediction.tp}/{c.by_prediction.tp + c.by_prediction.fp})"
                           for c in kinds.values())])
            rows.append([f"{prefix}.recall",
                         f"{_fmt(overall.recall)} ({overall.tp}/{overall.tp + overall.fn})",
                         *(f"{_fmt(c.recall)} ({c.by_gold.tp}/{c.by_gold.tp + c.by_gold.fn})"
                           for c in kinds.values())])
            rows.append([f"{prefix}.f1", f"{_fmt(overall.f1)} (tp={overall.tp} fp={overall.fp} fn={overall.fn})",
                         *(_fmt(c.f1) for c in kinds.values())])

        prf_rows("detection", self.detection, self.detection_for)
        for figure in _RATIO_FIGURES:
            cells = [self.ratio(figure), *(self.ratio(figure, kind) for kind in QUOTE_KINDS)]
            rows.append([figure, *(f"{_fmt(cell.value)} ({cell.hits}/{cell.total})" for cell in cells)])
        prf_rows("end_to_end", self.end_to_end, self.end_to_end_for)

        widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                 for row in [header, *rows]]
        lines.insert(1, "  ".join("-" * width for width in widths))
        counts = self.counts()
        summary = (f"{counts['documents']} documents, {counts['gold']} gold quotes, {counts['predicted']} "
                   f"predicted ({counts['matched']} matched, {counts['missed']} missed, {counts['invented']} "
                   f"invented, {counts['ignored_optional']} ignored as optional); per-kind columns: recall and "
                   "shares by gold kind, precision by predicted kind")
        return "\n".join([summary, *lines])

    def error_items(self) -> list[dict[str, Any]]:
        """One record per error (miss, invented, kind, speaker, role, boundary), in document order."""
        items: list[dict[str, Any]] = []
        for miss in self.missed:
            items.append({"error": "missed", "document": miss.document, "paragraph": miss.gold.paragraph,
                          "start": miss.gold.content[0].start, "text": miss.gold.text, "gold_kind": miss.gold.kind,
                          "gold_speaker": _gold_speaker_label(miss.gold_speaker)})
        for item in self.invented:
            quote = item.predicted
            items.append({"error": "invented", "document": item.document, "paragraph": quote.paragraph,
                          "start": quote.start, "text": quote.text, "predicted_kind": quote.kind,
                          "predicted_speaker": _predicted_speaker_label(quote.speaker), "why": item.not_quote})
        for match in self.matched:
            base = {"document": match.document, "paragraph": match.gold.paragraph,
                    "start": match.gold.content[0].start, "text": match.gold.text}
            predicted_speaker = match.predicted.speaker
            if not match.kind_right:
                items.append({"error": "kind", **base, "gold": match.gold.kind, "predicted": match.predicted.kind})
            if not match.end_to_end:
                items.append({"error": "speaker", **base, "gold": _gold_speaker_label(match.gold_speaker),
                              "predicted": _predicted_speaker_label(predicted_speaker),
                              "lenient_right": match.speaker_lenient})
            if match.role_strict is False:
                items.append({"error": "role", **base, "gold": match.gold_speaker.role,
                              "predicted": predicted_speaker.role if predicted_speaker else None,
                              "lenient_right": match.role_lenient})
            if not match.exact_boundary:
                items.append({"error": "boundary", **base, "gold": match.gold.text,
                              "predicted": match.predicted.text})
        order = {document: index for index, document in enumerate(self.documents)}
        items.sort(key=lambda item: (order.get(item["document"], len(order)), item["start"]))
        return items

    def format_errors(self) -> str:
        """Each miss, invented quote, wrong kind, wrong speaker or role and inexact boundary, one per line,
        with document id, paragraph, the text (shortened) and gold vs predicted values."""
        lines = []
        for item in self.error_items():
            where = f"{item['document']} ¶{item['paragraph']}"
            text = f'"{_shorten(item["text"])}"'
            error = item["error"]
            if error == "missed":
                detail = f"gold {item['gold_kind']}, speaker {item['gold_speaker']}"
            elif error == "invented":
                detail = f"predicted {item['predicted_kind']}, speaker {item['predicted_speaker']}"
                if item["why"]:
                    detail += f"; {item['why']}"
            elif error == "boundary":
                detail = f'predicted "{_shorten(item["predicted"])}"'
            else:
                detail = f"gold {item['gold']!s} vs predicted {item['predicted']!s}"
                if item.get("lenient_right"):
                    detail += " (right when lenient)"
            lines.append(f"{error.upper():<9} {where}: {text} — {detail}")
        return "\n".join(lines) if lines else "no errors"

    def to_dict(self) -> dict[str, Any]:
        """Figures (NaN as None, so the result is valid JSON), counts and the error list."""
        figures = {name: (None if math.isnan(value) else value) for name, value in self.figures().items()}
        return {"figures": figures, "counts": self.counts(), "errors": self.error_items()}
