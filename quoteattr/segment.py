"""Paragraphs, and a same-length cleaned copy of the text for the models.

Every later stage works on the cleaned copy, which has the caller's length exactly, so that every offset
points into the caller's original string.
"""
from __future__ import annotations

import attrs
import regex

# Characters the parser should see as plain spaces: tabs, no-break and other exotic spaces, zero-width
# characters, and control characters other than line breaks.
_SPACE_LIKE = regex.compile(r"[\t\v\f\p{Zs}\u200b-\u200d\u2060\ufeff\p{Cc}--[\n\r]]", flags=regex.V1)
# Markup is not parsed, but a tag must not read as words: it becomes spaces of its own length.
_TAG = regex.compile(r"</?[A-Za-z][^<>\n]{0,300}>|<!--[^\n]{0,300}?-->")
_LINE_BREAK = regex.compile(r"\r\n|[\r\u2028\u2029\x85]")
# A zero-width space, word joiner or stray byte-order mark between two letters is inside a word
# ("an\u2060nounced"): it becomes a soft hyphen, which the parse stage leaves out of the word, not a space
# that would cut the word in two.
_INVISIBLE_IN_A_WORD = regex.compile(r"(?<=\w)[\u200b\u2060\ufeff](?=\w)")
# A double quotation mark typed as two single ones (''Politicking,'' and ``...''): one mark and a space,
# on the side of the mark that faces away from the quoted words.
_DOUBLED_MARK = regex.compile(r"``|''")
_BEFORE_AN_OPENING = "([{—–-/"


@attrs.frozen(kw_only=True)
class Paragraph:
    index: int  # 0-based line index: paragraphs are the lines of the text
    start: int
    end: int
    text: str


_INLINE_SPACE = regex.compile(r"[^\S\n]{2,}|[^\S \n]")  # runs of spaces, tabs and no-break spaces
_INVISIBLE = regex.compile(r"[\u00ad\u200b\u2060\ufeff]")  # soft hyphens and zero-width characters


def as_written(text: str) -> str:
    """A stretch of the caller's text as a name reads: markup out, each run of spaces, tabs or no-break
    spaces one space, soft hyphens and zero-width characters out ("Ana <b>Ruiz</b>", "Ana\u00a0Ruiz",
    "Ana Ru\u00adiz": Ana Ruiz)."""
    return _INVISIBLE.sub("", _INLINE_SPACE.sub(" ", _TAG.sub(" ", text)))


def clean(text: str) -> str:
    """The text with the same length, every line break a ``\\n``, odd spaces and markup tags plain spaces,
    an invisible character inside a word a soft hyphen, and double marks typed as two single ones a double
    mark."""
    # "\r\n" becomes " \n": one paragraph break, same length.
    text = _LINE_BREAK.sub(lambda m: " \n" if len(m.group()) == 2 else "\n", text)
    text = _TAG.sub(lambda m: " " * len(m.group()), text)
    text = _INVISIBLE_IN_A_WORD.sub("\u00ad", text)
    text = _SPACE_LIKE.sub(" ", text)
    return _DOUBLED_MARK.sub(_one_double_mark, text)


def _one_double_mark(match: regex.Match) -> str:
    before = match.string[match.start() - 1:match.start()]
    opening = match.group() == "``" or not before or before.isspace() or before in _BEFORE_AN_OPENING
    return ' "' if opening else '" '


def paragraphs(cleaned: str) -> list[Paragraph]:
    out, start = [], 0
    for index, line in enumerate(cleaned.split("\n")):
        out.append(Paragraph(index=index, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    return out
