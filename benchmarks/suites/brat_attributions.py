"""The PolNeAR suite (``--suite polnear``): quoteattr against PolNeAR's attributions, read as brat standoff
from the user's copy, never shipped. (The module is named for the format so that no file of the repository
is named like the corpus, which the project keeps out of its tree.)

Scored: direct and mixed quotes, and indirect ones whose cue is a speech verb (benchmarks/data/
speech_verbs.txt). Belief and intention attributions ("X believes that ...") are optional: a prediction
over one is neither right nor wrong. Figures: recall per kind, precision overall, speaker accuracy (a
speaker is right when the predicted mention overlaps PolNeAR's Source, or the predicted name appears in
it; PolNeAR has no entity ids), separately for pronoun and other Sources.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from benchmarks.attributors import shared_attributor
from benchmarks.errors import SuiteError
from benchmarks.brat_corpus import AnnFormatError, PolnearQuote, Range, list_articles, read_article
from benchmarks.suites import SuiteResult, positive

NAME = "polnear"
SKIP_REASON = "pass --polnear DIR (PolNeAR's data directory, e.g. ../shared/polnear/data)"
SCORE_KINDS = ("direct", "mixed", "indirect_speech")
PRONOUNS = frozenset("i me my we us our you your he him his she her it its they them their one this that "
                     "these those who".split())
EXAMPLES_PER_CLASS = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--polnear", metavar="DIR", help="PolNeAR data directory (e.g. ../shared/polnear/data)")
    parser.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split (default dev)")
    parser.add_argument("--limit", type=positive(int), metavar="N", help="only the first N articles, in name order")


# ------------------------------------------------------------------------------------------- helpers

def _overlap(first: tuple[Range, ...], second: tuple[Range, ...]) -> int:
    return sum(max(0, min(a_end, b_end) - max(a_start, b_start))
               for a_start, a_end in first for b_start, b_end in second)


def _mostly_inside(content: tuple[Range, ...], other: tuple[Range, ...]) -> bool:
    """Whether two contents overlap by at least half of the shorter (the scorer's matching rule)."""
    shared = _overlap(content, other)
    shorter = min(sum(e - s for s, e in content), sum(e - s for s, e in other))
    return shared > 0 and 2 * shared >= shorter


def _words(value: str) -> str:
    """Case-folded words separated by single spaces, padded, for whole-word containment tests."""
    from quoteattr.evaluate import normalise_text

    return " " + " ".join(re.findall(r"\w+", normalise_text(value))) + " "


def is_pronoun(source_text: str) -> bool:
    words = _words(source_text).split()
    return len(words) == 1 and words[0] in PRONOUNS


def speaker_is_right(gold: PolnearQuote, speaker) -> bool:
    """Right when the predicted mention overlaps the gold Source, or the predicted name is in its words, or
    the Source is the predicted name's surname ("Caddell" for "Pat Caddell")."""
    if speaker is None or not gold.source:
        return False
    mention = speaker.mention
    if mention is not None and _overlap(((mention.start, mention.end),), gold.source) > 0:
        return True
    name = _words(speaker.name or "")
    source = _words(gold.source_text).strip()
    if source and not is_pronoun(gold.source_text) and name.rstrip().endswith(" " + source):
        return True
    return bool(name.strip()) and name in _words(gold.source_text)


def _clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _content_text(text: str, content) -> str:
    return " … ".join(text[start:end] for start, end in content)


def _speaker_label(speaker) -> str:
    if speaker is None:
        return "no speaker"
    mention = f" (mention {speaker.mention.text!r})" if speaker.mention is not None else ""
    return f"{speaker.name or speaker.role or '?'!r}{mention}"


# ------------------------------------------------------------------------------------------- tallies

@dataclass
class ErrorClass:
    """Counts by key (a cue lemma, a method) and the first few examples of each key."""

    counts: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=lambda: defaultdict(list))

    def add(self, key: str, example: str) -> None:
        self.counts[key] += 1
        if len(self.examples[key]) < EXAMPLES_PER_CLASS:
            self.examples[key].append(example)

    def format(self, title: str, keys: int = 8) -> list[str]:
        total = sum(self.counts.values())
        lines = [f"{title}: {total}"]
        for key, count in self.counts.most_common(keys):
            lines.append(f"  {count:>4}  {key}")
            lines.extend(f"          - {example}" for example in self.examples[key])
        if len(self.counts) > keys:
            rest = sum(count for _, count in self.counts.most_common()[keys:])
            lines.append(f"  {rest:>4}  ({len(self.counts) - keys} other keys)")
        return lines


@dataclass
class Tally:
    articles: int = 0
    words: int = 0
    gold: Counter = field(default_factory=Counter)  # scored gold quotes by score kind
    found: Counter = field(default_factory=Counter)  # matched gold quotes by score kind
    optional: int = 0  # belief / intention attributions and topics of speech verbs, not scored
    topics: int = 0  # of which topics of speech verbs
    predicted: int = 0
    invented: int = 0
    ignored_optional: int = 0  # predictions over an unscored attribution
    ignored_pieces: int = 0  # second pieces of a matched quote ("A," she said. "B." is one PolNeAR attribution)
    kind_confusion: Counter = field(default_factory=Counter)  # (gold kind, predicted kind) of matches
    speaker: dict = field(default_factory=lambda: {"pronoun": [0, 0], "other": [0, 0]})  # [right, total]
    missed: dict = field(default_factory=lambda: {kind: ErrorClass() for kind in SCORE_KINDS})
    invented_by_method: ErrorClass = field(default_factory=ErrorClass)
    wrong_speaker_by_method: ErrorClass = field(default_factory=ErrorClass)
    no_speaker: int = 0  # wrong speakers where none was predicted


def score_article(tally: Tally, article: str, text: str, gold: list[PolnearQuote], attribution) -> None:
    from quoteattr.evaluate import match_contents

    scored = [quote for quote in gold if quote.scored]
    optional = [quote for quote in gold if not quote.scored]
    predicted = list(attribution.quotes)
    predicted_contents = [tuple((span.start, span.end) for span in quote.content) for quote in predicted]
    pairs = match_contents([quote.content for quote in scored], predicted_contents)
    tally.articles += 1
    tally.words += len(text.split())
    tally.optional += len(optional)
    tally.topics += sum(quote.speech_cue and quote.topic for quote in optional)
    tally.predicted += len(predicted)
    for quote in scored:
        tally.gold[quote.score_kind] += 1

    matched_gold = {gold_index for gold_index, _ in pairs}
    matched_predicted = {predicted_index for _, predicted_index in pairs}
    for gold_index, predicted_index in pairs:
        quote, prediction = scored[gold_index], predicted[predicted_index]
        tally.found[quote.score_kind] += 1
        tally.kind_confusion[(quote.kind, prediction.kind)] += 1
        if quote.source:
            group = "pronoun" if is_pronoun(quote.source_text) else "other"
            right = speaker_is_right(quote, prediction.speaker)
            tally.speaker[group][0] += right
            tally.speaker[group][1] += 1
            if not right:
                tally.no_speaker += prediction.speaker is None
                tally.wrong_speaker_by_method.add(prediction.method, (
                    f"{article}: {_clip(prediction.text, 60)!r} — gold Source {quote.source_text!r}, "
                    f"predicted {_speaker_label(prediction.speaker)}"))
    for gold_index, quote in enumerate(scored):
        if gold_index not in matched_gold:
            key = quote.cue_lemma or "(colon or dash)"
            tally.missed[quote.score_kind].add(key, (
                f"{article}: {_clip(_content_text(text, quote.content))!r} — cue {quote.cue_text!r}, "
                f"Source {quote.source_text!r}"))
    for predicted_index, prediction in enumerate(predicted):
        if predicted_index in matched_predicted:
            continue
        content = predicted_contents[predicted_index]
        if any(_overlap(content, scored[gold_index].content) * 2 >= sum(e - s for s, e in content)
               for gold_index in matched_gold):
            tally.ignored_pieces += 1
        elif any(_mostly_inside(content, quote.content) for quote in optional):
            tally.ignored_optional += 1
        else:
            tally.invented += 1
            tally.invented_by_method.add(prediction.method, (
                f"{article}: {prediction.kind} {_clip(prediction.text)!r} — cue "
                f"{prediction.cue.text if prediction.cue else None!r}, speaker {_speaker_label(prediction.speaker)}"))


# ------------------------------------------------------------------------------------------- figures

def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def figures_of(tally: Tally) -> dict[str, float]:
    found, gold = sum(tally.found.values()), sum(tally.gold.values())
    true_positive = found
    precision = _ratio(true_positive, true_positive + tally.invented)
    recall = _ratio(found, gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else float("nan")
    right = sum(group[0] for group in tally.speaker.values())
    total = sum(group[1] for group in tally.speaker.values())
    figures = {"detection.precision": precision, "detection.recall": recall, "detection.f1": f1}
    for kind in SCORE_KINDS:
        figures[f"detection.{kind}.recall"] = _ratio(tally.found[kind], tally.gold[kind])
    figures["speaker.accuracy"] = _ratio(right, total)
    figures["speaker.pronoun.accuracy"] = _ratio(*tally.speaker["pronoun"])
    figures["speaker.other.accuracy"] = _ratio(*tally.speaker["other"])
    return figures


def format_report(tally: Tally, figures: dict[str, float], split: str) -> str:
    def share(numerator: int, denominator: int) -> str:
        return f"{_ratio(numerator, denominator):.3f} ({numerator}/{denominator})" if denominator else "n/a"

    found, gold = sum(tally.found.values()), sum(tally.gold.values())
    lines = [
        f"PolNeAR {split}: {tally.articles} articles, {tally.words:,} words; {gold} scored gold quotes "
        f"({', '.join(f'{tally.gold[kind]} {kind}' for kind in SCORE_KINDS)}); {tally.optional} optional: "
        f"{tally.optional - tally.topics} beliefs and intentions, {tally.topics} topics of speech verbs",
        f"{tally.predicted} predicted: {found} matched, {tally.invented} invented, {tally.ignored_optional} over "
        f"an optional attribution, {tally.ignored_pieces} a second piece of a matched quote (both ignored)",
        "",
        f"  {'detection.precision':<34} {share(found, found + tally.invented)}",
        f"  {'detection.recall':<34} {share(found, gold)}",
        f"  {'detection.f1':<34} {figures['detection.f1']:.3f}",
    ]
    for kind in SCORE_KINDS:
        lines.append(f"  {f'detection.{kind}.recall':<34} {share(tally.found[kind], tally.gold[kind])}")
    right = sum(group[0] for group in tally.speaker.values())
    total = sum(group[1] for group in tally.speaker.values())
    lines.append(f"  {'speaker.accuracy':<34} {share(right, total)}  (matched quotes with a gold Source)")
    lines.append(f"  {'speaker.pronoun.accuracy':<34} {share(*tally.speaker['pronoun'])}")
    lines.append(f"  {'speaker.other.accuracy':<34} {share(*tally.speaker['other'])}")
    if tally.kind_confusion:
        lines += ["", "kinds of matched quotes (gold -> predicted): " + ", ".join(
            f"{gold_kind}->{predicted_kind} {count}"
            for (gold_kind, predicted_kind), count in sorted(tally.kind_confusion.items()))]
    lines.append("")
    lines += tally.missed["indirect_speech"].format("missed indirect (speech) quotes, by cue lemma")
    lines += tally.missed["direct"].format("missed direct quotes, by cue lemma")
    lines += tally.missed["mixed"].format("missed mixed quotes, by cue lemma")
    lines += tally.invented_by_method.format("invented quotes, by predicted method")
    lines += tally.wrong_speaker_by_method.format(
        f"wrong speakers ({tally.no_speaker} of them no speaker predicted), by predicted method")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- the suite

def run(args: argparse.Namespace) -> SuiteResult:
    if not args.polnear:
        return SuiteResult(name=NAME, skipped=SKIP_REASON)
    try:
        articles, unannotated = list_articles(args.polnear, args.split)
    except FileNotFoundError as error:
        raise SuiteError(str(error)) from None
    if args.limit is not None:
        articles = articles[: max(0, args.limit)]
    if not articles:
        raise SuiteError(f"no annotated {args.split} articles under {args.polnear!r}")
    try:
        documents = [(article.name, *read_article(article)) for article in articles]
    except (AnnFormatError, OSError, UnicodeDecodeError) as error:
        raise SuiteError(f"cannot read PolNeAR: {error}") from None

    attributor = shared_attributor(args.models, args.parse_all)
    tally = Tally()
    predictions = attributor.pipe(text for _, text, _ in documents)
    for (name, text, gold), attribution in zip(documents, predictions):
        score_article(tally, name, text, gold, attribution)
    figures = figures_of(tally)
    report = format_report(tally, figures, args.split)
    if unannotated:
        report += f"\n\n{len(unannotated)} text(s) without a .ann file were left out: {', '.join(unannotated[:5])}"
    return SuiteResult(name=NAME, figures=figures, report=report)
