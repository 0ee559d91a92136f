"""Reading PolNeAR (Newell, Margolin, Ruths, LREC 2018) from the user's copy: brat .ann files to gold quotes.

PolNeAR annotates every attribution as brat standoff: ``T`` lines give Source, Cue and Content spans
(possibly discontinuous, ``start end;start end``), an ``E`` line links them. Each attribution becomes a
gold quote whose kind follows its quotation marks: ``direct`` when the content lies wholly inside them,
``mixed`` when it holds quoted and unquoted words, ``indirect`` otherwise. Nothing of PolNeAR is copied
into the repository: the suite reads it through ``--polnear DIR``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.speech_verbs import speech_head

Range = tuple[int, int]

OPENING_DOUBLE, CLOSING_DOUBLE, STRAIGHT_DOUBLE = "“„«", "”»", '"'
OPENING_SINGLE, CLOSING_SINGLE = "‘", "’"
WORD = re.compile(r"\w+")
LEADING_THAT = re.compile(r"that\s+", re.IGNORECASE)
# A reported clause has a subject and a verb: content of fewer words, or opening with a preposition, is the
# topic of a speech verb ("reported her presence", "responded to requests for comment"), which quoteattr
# does not report as a quote (as the gold files mark noun-phrase content optional).
MIN_CLAUSE_WORDS = 4
PREPOSITIONS = frozenset("about against at by for from in into of on over to toward towards upon with".split())
QUOTE_MARKS_AND_SPACE = " \t\n\"“”„«»‘’'"


class AnnFormatError(ValueError):
    """A .ann file that does not fit its text or brat's standoff format."""


@dataclass(frozen=True)
class AnnAttribution:
    """One ``E`` line with the spans of its ``T`` lines (Content2 etc. folded into content)."""

    id: str
    content: tuple[Range, ...]
    cue: tuple[Range, ...]
    source: tuple[Range, ...]


@dataclass(frozen=True)
class PolnearQuote:
    """A PolNeAR attribution as a gold quote of the suite."""

    article: str
    id: str
    kind: str  # direct | mixed | indirect
    content: tuple[Range, ...]  # trimmed: no outer quotation marks, no leading "that"
    cue_text: str
    cue_lemma: str | None  # head lemma of the cue (None for a colon or dash)
    speech_cue: bool
    source: tuple[Range, ...]
    source_text: str
    topic: bool = False  # indirect content that is a topic, not a reported clause ("responded to requests")

    @property
    def scored(self) -> bool:
        """Direct and mixed quotes always; indirect ones only after a speech cue (not beliefs, intentions)
        and when their content can be a reported clause."""
        return self.kind != "indirect" or (self.speech_cue and not self.topic)

    @property
    def score_kind(self) -> str:
        return "indirect_speech" if self.kind == "indirect" else self.kind


@dataclass(frozen=True)
class PolnearArticle:
    name: str
    text_path: Path
    ann_path: Path

    def read_text(self) -> str:
        # newline="" keeps "\r\n" as two characters, as brat's offsets count them
        with open(self.text_path, encoding="utf-8", newline="") as handle:
            return handle.read()


# ----------------------------------------------------------------------------------------- the files

def split_dir(data_dir: str | Path, split: str) -> Path:
    """``DIR/<split>``, accepting the PolNeAR data dir or the folder above it; ValueError when absent."""
    data_dir = Path(data_dir)
    for candidate in (data_dir / split, data_dir / "data" / split):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise FileNotFoundError(
        f"{str(data_dir)!r} holds no {split}/text and {split}/attributions: pass PolNeAR's data directory "
        "(e.g. ../shared/polnear/data)")


def list_articles(data_dir: str | Path, split: str) -> tuple[list[PolnearArticle], list[str]]:
    """The articles of a split in name order, and the names of texts that have no .ann file.

    Where several .ann files exist for one text (agreement articles, one per annotator, named
    ``<article>_<annotator>.ann``), the first in sorted order is used.
    """
    directory = split_dir(data_dir, split)
    annotations: dict[str, list[Path]] = {}
    for ann in sorted((directory / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    articles, unannotated = [], []
    for text_path in sorted((directory / "text").glob("*.txt")):
        found = annotations.get(text_path.stem)
        if found:
            articles.append(PolnearArticle(text_path.stem, text_path, found[0]))
        else:
            unannotated.append(text_path.stem)
    return articles, unannotated


def _ranges(field: str, where: str) -> tuple[Range, ...]:
    ranges = []
    for part in field.split(";"):
        try:
            start, end = (int(number) for number in part.split())
        except ValueError:
            raise AnnFormatError(f"{where}: {part!r} is not a 'start end' character range") from None
        if start > end:
            raise AnnFormatError(f"{where}: range {start} {end} ends before it starts")
        ranges.append((start, end))
    return tuple(ranges)  # in file order: brat joins the texts of discontinuous spans in that order


def parse_ann(ann: str, text: str | None = None, where: str = "<ann>") -> list[AnnAttribution]:
    """The attributions of a brat .ann file, in E-line order; with ``text``, every span is checked
    against it (brat records discontinuous spans joined by one space)."""
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(ann.splitlines(), start=1):
        here = f"{where}:{number}"
        if line.startswith("T"):
            fields = line.split("\t")
            if len(fields) < 2 or " " not in fields[1]:
                raise AnnFormatError(f"{here}: a T line needs 'T<n>\\t<Label> <start> <end>[;...]\\t<text>'")
            label, range_field = fields[1].split(" ", 1)
            ranges = _ranges(range_field, here)
            if text is not None and len(fields) > 2:
                if any(end > len(text) for _, end in ranges):
                    raise AnnFormatError(f"{here}: {range_field} lies beyond the text ({len(text)} characters)")
                found = " ".join(text[start:end] for start, end in ranges)
                if found != fields[2]:
                    raise AnnFormatError(f"{here}: the text at {range_field} is {found[:60]!r}, the .ann "
                                         f"records {fields[2][:60]!r}: is this the right text file?")
            spans[fields[0]] = (label, tuple(sorted(ranges)))
        elif line.startswith("E"):
            fields = line.split("\t")
            arguments = fields[1].split() if len(fields) > 1 else []
            # the first argument is the trigger (Attribution:T4), the others role:T-id pairs
            roles = [tuple(argument.split(":", 1)) for argument in arguments[1:] if ":" in argument]
            events.append((fields[0], roles))
    attributions = []
    for event_id, roles in events:
        found: dict[str, list[Range]] = {"content": [], "cue": [], "source": []}
        for role, span_id in roles:
            role = role.rstrip("0123456789").lower()  # Content2 -> content
            if span_id not in spans:
                raise AnnFormatError(f"{where}: {event_id} names {span_id}, which no T line defines")
            if role in found:
                found[role].extend(spans[span_id][1])
        if found["content"]:  # an attribution without content cannot become a quote
            attributions.append(AnnAttribution(event_id, *(tuple(sorted(found[key])) for key in found)))
    return attributions


# ------------------------------------------------------------------------------------ quotation marks

def quoted_mask(text: str) -> bytearray:
    """1 for each character inside quotation marks (the marks themselves excluded), paragraph by paragraph.

    Curly double quotes open and close; a straight one closes the innermost straight one, else opens;
    a quote left open runs to the end of its paragraph (a quote that goes on to the next paragraph).
    Single curly quotes count only outside double ones, and ’ only when it cannot be an apostrophe.
    """
    mask = bytearray(len(text))
    position = 0
    for paragraph in text.split("\n"):
        stack: list[str] = []
        for offset, char in enumerate(paragraph):
            before = paragraph[offset - 1] if offset else " "
            after = paragraph[offset + 1] if offset + 1 < len(paragraph) else " "
            is_mark = True
            if char in OPENING_DOUBLE:
                stack.append(char)
            elif char in CLOSING_DOUBLE:
                if stack and stack[-1] not in (STRAIGHT_DOUBLE,):
                    stack.pop()
            elif char == STRAIGHT_DOUBLE:
                if stack and stack[-1] == STRAIGHT_DOUBLE:
                    stack.pop()
                else:
                    stack.append(char)
            elif char == OPENING_SINGLE and not stack and not before.isalnum():
                stack.append(char)
            elif char == CLOSING_SINGLE and stack == [OPENING_SINGLE] and not (before.isalnum() and after.isalnum()):
                stack.pop()
            else:
                is_mark = False
            if stack and not is_mark:
                mask[position + offset] = 1
        position += len(paragraph) + 1
    return mask


def classify_kind(text: str, content: tuple[Range, ...], mask: bytearray) -> str:
    """direct: every word inside quotation marks; mixed: some inside, some not; indirect: none inside."""
    inside = outside = 0
    for start, end in content:
        for match in WORD.finditer(text, start, end):
            if mask[match.start()]:
                inside += 1
            else:
                outside += 1
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"


def trim_content(text: str, content: tuple[Range, ...]) -> tuple[Range, ...]:
    """Content as quoteattr reports it: no outer quotation marks or white space, no leading "that"."""
    trimmed = []
    for start, end in content:
        while start < end and text[start] in QUOTE_MARKS_AND_SPACE:
            start += 1
        while end > start and text[end - 1] in QUOTE_MARKS_AND_SPACE:
            end -= 1
        if end > start:
            trimmed.append((start, end))
    if trimmed:
        start, end = trimmed[0]
        match = LEADING_THAT.match(text, start, end)
        if match and match.end() < end:
            trimmed[0] = (match.end(), end)
    return tuple(trimmed) or content


def gold_quotes(article: str, text: str, attributions: list[AnnAttribution]) -> list[PolnearQuote]:
    mask = quoted_mask(text)
    quotes = []
    for attribution in attributions:
        content = trim_content(text, attribution.content)
        cue_text = " ".join(text[start:end] for start, end in attribution.cue)
        lemma, speech = speech_head(cue_text)
        words = [match.group().lower() for start, end in content for match in WORD.finditer(text, start, end)]
        quotes.append(PolnearQuote(
            article=article, id=attribution.id, kind=classify_kind(text, content, mask), content=content,
            cue_text=cue_text, cue_lemma=lemma, speech_cue=speech, source=attribution.source,
            source_text=" ".join(text[start:end] for start, end in attribution.source),
            topic=len(words) < MIN_CLAUSE_WORDS or (bool(words) and words[0] in PREPOSITIONS),
        ))
    return quotes


def read_article(article: PolnearArticle) -> tuple[str, list[PolnearQuote]]:
    try:
        text = article.read_text()
    except UnicodeDecodeError as error:
        raise AnnFormatError(f"{article.text_path}: not UTF-8 ({error})") from error
    try:
        with open(article.ann_path, encoding="utf-8", newline="") as handle:
            ann = handle.read()
    except UnicodeDecodeError as error:
        raise AnnFormatError(f"{article.ann_path}: not UTF-8 ({error})") from error
    return text, gold_quotes(article.name, text, parse_ann(ann, text, where=str(article.ann_path)))
