"""Quotation marks: find them in every common style, pair them, and keep going past unbalanced ones.

A quoted stretch never crosses a paragraph: a paragraph that opens a quote and does not close it ends the
stretch at its end (news convention: the quote goes on in the next paragraph, which opens with a mark
again). Apostrophes are not marks. Single quotes are top-level marks in paragraphs that hold no double
quotation marks (British style, and headlines: 'Mayor Calls Plan ‘A Disaster’'); elsewhere they nest inside
double quotes and stay part of the content.
"""
from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence

import attrs

from quoteattr.segment import Paragraph

# Characters that can only open, only close, or either, at the double level.
DOUBLE_OPEN = "“„‟«「『"
DOUBLE_CLOSE = "”»」』"
DOUBLE_EITHER = '"＂'
SINGLE_OPEN = "‘‹‚"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
# German style „…“ and »…« close with marks that open elsewhere.
_ALSO_CLOSES = {"„": "“”", "»": "«", "‚": "‘’", "›": "‹"}
_OPENING_CONTEXT = set("([{—–―-/")


@attrs.frozen(kw_only=True)
class QuotedStretch:
    """The words between a pair of marks: ``start``/``end`` exclude the marks and surrounding spaces."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark, None when the paragraph ended first
    start: int
    end: int
    paragraph: int

    @property
    def closed(self) -> bool:
        return self.close is not None


def _is_space_or_edge(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or text[i].isspace()


def _category(ch: str) -> str:
    return unicodedata.category(ch)[0]


def _may_open(text: str, i: int) -> bool:
    before_ok = _is_space_or_edge(text, i - 1) or text[i - 1] in _OPENING_CONTEXT or _category(text[i - 1]) == "P"
    return before_ok and not _is_space_or_edge(text, i + 1)


def _may_close(text: str, i: int) -> bool:
    after_ok = _is_space_or_edge(text, i + 1) or _category(text[i + 1]) in "PZ"
    return after_ok and not _is_space_or_edge(text, i - 1)


def _misspaced_opener(text: str, i: int, end: int, either: str) -> bool:
    """A straight mark with a space after it that opens all the same (`communities," For example, …".`):
    a comma or colon before it, a capital after the space, and the next straight mark of the paragraph can
    only close."""
    if text[i - 1:i] not in (",", ":") or not text[i + 1:i + 2].isspace() or not text[i + 2:i + 3].isupper():
        return False
    nxt = next((j for j in range(i + 1, end) if text[j] in either), None)
    return nxt is not None and _may_close(text, nxt) and not _may_open(text, nxt)


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark between letters or digits (don't, rock'n'roll), or an elision ('90s, 'em)."""
    prev_alnum = i > 0 and text[i - 1].isalnum()
    next_alnum = i + 1 < len(text) and text[i + 1].isalnum()
    if prev_alnum and next_alnum:
        return True
    return text[i] in "'’" and not prev_alnum and i + 2 < len(text) and text[i + 1].isdigit() and text[i + 2].isdigit()


def uses_double_marks(text: str) -> bool:
    return any(ch in text for ch in DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER)


def _stretch(text: str, open_at: int, close_at: int | None, end: int, paragraph: int) -> QuotedStretch | None:
    start = open_at + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return QuotedStretch(open=open_at, close=close_at, start=start, end=end, paragraph=paragraph)


def scan_paragraph(text: str, para: Paragraph, single_level: bool) -> list[QuotedStretch]:
    """Pair the top-level marks of one paragraph, left to right, never failing on odd marks."""
    opens, closes, either = (
        (SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER) if single_level else (DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER)
    )
    stretches: list[QuotedStretch] = []
    open_at: int | None = None
    for i in range(para.start, para.end):
        ch = text[i]
        if ch not in opens and ch not in closes and ch not in either:
            continue
        if single_level and _is_apostrophe(text, i):
            continue
        if open_at is None:
            if (ch in opens or (ch in either and _may_open(text, i)) or (ch in closes and _may_open(text, i)
                                                                          and not single_level)
                    or (ch in either and not single_level and _misspaced_opener(text, i, para.end, either))):
                open_at = i
            continue
        opener = text[open_at]
        closes_here = (
            ch in closes or ch in _ALSO_CLOSES.get(opener, "") or (ch in either and _may_close(text, i))
            or (ch in either and not _may_open(text, i))
        )
        if closes_here:
            found = _stretch(text, open_at, i, i, para.index)
            if found:
                stretches.append(found)
            open_at = None
        elif ch in opens or ch in either:
            # A new opening mark while one is open: the earlier one was never closed; end it here.
            found = _stretch(text, open_at, None, i, para.index)
            if found:
                stretches.append(found)
            open_at = i
    if open_at is not None:
        found = _stretch(text, open_at, None, para.end, para.index)
        if found:
            stretches.append(found)
    return stretches


def find_quoted(text: str, paras: list[Paragraph]) -> list[QuotedStretch]:
    """Every top-level quoted stretch of the document, in text order."""
    out: list[QuotedStretch] = []
    for para in paras:
        single_level = not uses_double_marks(text[para.start:para.end])  # a headline's ‘…’ in an article of “…”
        out.extend(scan_paragraph(text, para, single_level))
    return out


class QuotedRanges:
    """The character ranges of quoted stretches, marks included, for fast "is this offset quoted?"."""

    def __init__(self, stretches: Sequence[QuotedStretch] = ()):
        self.stretches = sorted(stretches, key=lambda s: s.open)  # they never overlap one another
        self.starts = [s.open for s in self.stretches]
        self.ends = [(s.close + 1) if s.close is not None else s.end for s in self.stretches]

    def covers(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def starts_between(self, start: int, end: int) -> bool:
        """Some quoted range opens in [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end

    def overlapping(self, start: int, end: int) -> list[QuotedStretch]:
        """The stretches (marks included) that share a character with [start, end)."""
        lo = bisect.bisect_right(self.ends, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.stretches[lo:hi]


NO_QUOTES = QuotedRanges()
