"""Attributor: builds the parsing pipeline once and takes one article from text to records.

    text -> segment (clean copy, paragraphs) -> marks (quoted stretches) -> parse (sentences, then tags and
    dependencies) -> quotes (direct, indirect, mixed candidates with their cues and speaker words)
    -> speakers (entities, roles, resolution) -> Attribution
"""
from __future__ import annotations

import contextlib
import gc
import os
import threading

import attrs
from collections.abc import Iterable, Iterator
from typing import Any

from quoteattr import parse as parsing
from quoteattr.cues import find_cues
from quoteattr.errors import InputTooLongError, InputTypeError
from quoteattr.marks import QuotedRanges, QuotedStretch, find_quoted
from quoteattr.parse import Sentence
from quoteattr.quotes import (Candidate, SentenceIndex, block_quotes, direct_quotes, drop_stray_marks,
                              indirect_quotes)
from quoteattr.records import Attribution
from quoteattr.segment import Paragraph, clean, paragraphs
from quoteattr.speakers import SpeakerReader

DEFAULT_MAX_LENGTH = 20_000_000  # characters; longer input raises InputTooLongError


def check_text(text: object, max_length: int) -> str:
    if not isinstance(text, str):
        raise InputTypeError.for_value(text)
    if len(text) > max_length:
        raise InputTooLongError(
            f"The text has {len(text):,} characters, over this Attributor's max_length of {max_length:,}: "
            f"split it into articles, or pass Attributor(max_length=N) with a larger N."
        )
    return text


class Attributor:
    """Finds and attributes the quotes of news articles.

    ``models``: a directory of stanza models (tokenizer.pt, mwt.pt, pos.pt, lemma.pt, depparse.pt); by
    default $QUOTEATTR_MODELS, then the models shipped with quoteattr. The stanza pipeline is built on first
    use and reused. One Attributor may be shared by threads: calls into stanza are serialised by a lock.
    """

    def __init__(self, models: str | os.PathLike | None = None, *, max_length: int = DEFAULT_MAX_LENGTH,
                 threads: int | None = None, parse_all: bool = False):
        self.models_dir = parsing.resolve_models(models)  # fail early, with the fix, on a missing model
        self.max_length = max_length
        self.threads = threads
        self.parse_all = parse_all  # dependency-parse every sentence, not only those with a cue (slower)
        self._pipeline = None
        self._lock = threading.RLock()

    @property
    def pipeline(self):
        with self._lock:
            if self._pipeline is None:
                with _cyclic_collector_paused():  # importing torch and stanza makes objects by the million
                    self._pipeline = parsing.build_pipeline(self.models_dir, threads=self.threads)
            return self._pipeline

    def __call__(self, text: str) -> Attribution:
        return self.attribute_many([text])[0]

    def attribute_many(self, texts: list[str]) -> list[Attribution]:
        """Attribute several texts at once: their sentences go through stanza together (faster than one
        call each); the results equal ``[self(text) for text in texts]``. A long text is read in windows
        of paragraphs, so that only one window's words are in memory at a time."""
        with _cyclic_collector_paused():
            return self._attribute_many(texts)

    def _attribute_many(self, texts: list[str]) -> list[Attribution]:
        docs = [_Document.prepare(check_text(text, self.max_length)) for text in texts]
        for group in _groups(window for doc in docs for window in doc.windows()):
            with self._lock:
                for window, sentences in zip(group, parsing.tokenize(self.pipeline, [w.paragraphs for w in group])):
                    window.sentences = sentences
                parsing.tag(self.pipeline, [s for window in group for s in window.sentences])
                needed = []
                for window in group:
                    window.index_sentences()
                    needed.extend(window.sentences if self.parse_all else window.cue_sentences())
                parsing.parse(self.pipeline, needed)
            for window in group:
                window.read()
        return [doc.finish() for doc in docs]

    def pipe(self, texts: Iterable[Any], *, batch_size: int = 32, as_tuples: bool = False, n_process: int = 1,
             progress: bool = False) -> Iterator[Any]:
        """Attribute a stream of texts lazily, results in input order.

        ``texts`` is read ``batch_size`` texts at a time (an endless iterator is fine); the sentences of a
        batch go through stanza together. With ``as_tuples``, items are (text, context) pairs and results
        (Attribution, context) pairs; contexts stay in this process. ``n_process=N`` (-1: all cores) runs
        N worker processes with one torch thread each (on Linux forked from this one, sharing its loaded
        models; elsewhere spawned, each loading its own with this Attributor's settings), in jobs of at
        most 8 texts (fewer when ``batch_size`` is smaller, and towards the end of a list, so that the
        workers finish together), with at most 2*N jobs in flight; guard the
        calling script with ``if __name__ == "__main__":``. ``progress`` shows a tqdm bar on stderr. Errors are
        raised at the text that caused them, with the type a direct call raises, after the results before it.
        """
        from quoteattr import corpus

        return corpus.pipe(self, texts, batch_size=batch_size, as_tuples=as_tuples, n_process=n_process,
                           progress=progress)


WINDOW_CHARACTERS = 200_000  # a document is read in windows of paragraphs of about this size


@attrs.define
class _Document:
    """One text on its way through the stages (see the module docstring): prepared whole, parsed and
    attributed a window at a time, its speakers resolved across windows by one reader."""

    text: str
    cleaned: str = ""
    paragraphs: list[Paragraph] = attrs.Factory(list)  # empty for an empty or white-space text
    stretches: list[QuotedStretch] = attrs.Factory(list)
    reader: SpeakerReader | None = None

    @classmethod
    def prepare(cls, text: str) -> _Document:
        if not text.strip():
            return cls(text=text)
        cleaned = clean(text)
        paras = paragraphs(cleaned)
        blocks, count = [], 0  # blocks[p]: non-blank paragraphs before paragraph p
        for para in paras:
            blocks.append(count)
            count += bool(para.text.strip())
        return cls(text=text, cleaned=cleaned, paragraphs=paras, stretches=find_quoted(cleaned, paras),
                   reader=SpeakerReader(text, blocks))

    def windows(self) -> Iterator[_Window]:
        """Runs of paragraphs (a paragraph longer than a window: pieces cut at white space) of about
        WINDOW_CHARACTERS, cut only where no quote or cue can reach across: quoted stretches stay inside
        their paragraph, and a paragraph ending on a colon or comma stays with the next one."""
        pieces: list[Paragraph] = []
        size, ending, first_stretch = 0, "", 0
        for piece in (piece for para in self.paragraphs for piece in parsing.pieces(para)):
            if size >= WINDOW_CHARACTERS and ending not in (":", ","):
                window = self._window(pieces, first_stretch)
                first_stretch += len(window.stretches)
                yield window
                pieces, size = [], 0
            pieces.append(piece)
            size += len(piece.text) + 1
            ending = piece.text.rstrip()[-1:] or ending  # that of the last paragraph with text
        if pieces:
            yield self._window(pieces, first_stretch)

    def _window(self, pieces: list[Paragraph], first_stretch: int) -> _Window:
        end = first_stretch
        while end < len(self.stretches) and self.stretches[end].open < pieces[-1].end:
            end += 1
        return _Window(document=self, paragraphs=pieces, stretches=self.stretches[first_stretch:end])

    def finish(self) -> Attribution:
        if self.reader is None:
            return Attribution(text=self.text)
        quotes, entities = self.reader.finish()
        return Attribution(text=self.text, quotes=quotes, entities=entities)


@attrs.define
class _Window:
    """A run of a document's paragraphs, parsed together, then read into the document's speaker reader."""

    document: _Document
    paragraphs: list[Paragraph]
    stretches: list[QuotedStretch]
    sentences: list[Sentence] = attrs.Factory(list)
    index: SentenceIndex | None = None
    quoted: QuotedRanges | None = None

    def index_sentences(self) -> None:
        """Once the sentences are known: stray marks dropped, quoted ranges fixed."""
        self.index = SentenceIndex(self.sentences)
        self.stretches = drop_stray_marks(self.document.cleaned, self.stretches, self.index)
        self.quoted = QuotedRanges(self.stretches)

    def cue_sentences(self) -> list[Sentence]:
        """The sentences the dependency parser must see: those holding a reporting cue."""
        return [s for s in self.sentences if find_cues(s, self.quoted)]

    def read(self) -> None:
        cleaned = self.document.cleaned
        direct = direct_quotes(cleaned, self.stretches, self.index) + block_quotes(cleaned, self.index, self.quoted)
        used_cues = {id(c.cue.word) for c in direct if c.cue is not None}
        indirect = indirect_quotes(cleaned, self.sentences, self.stretches, used_cues)
        self.document.reader.read(_without_overlaps(direct, indirect), self.sentences, self.quoted)
        self.sentences, self.index = [], None  # read: the words can go


@contextlib.contextmanager
def _cyclic_collector_paused():
    """Attributing a batch makes millions of short-lived objects (words, tensors' Python wrappers, stanza's
    rows), and each few thousand of them set off Python's cyclic garbage collector, which walks every object
    in the process, torch's and stanza's included: 15% of the time of a batch of articles. Reference
    counting frees nearly all of them anyway; the collector, paused for the batch, runs again after it.
    Whoever found it running turns it back on, so concurrent calls leave it as they found it."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _groups(windows: Iterable[_Window]) -> Iterator[list[_Window]]:
    """Windows (of one long document or of many short ones) taken together up to WINDOW_CHARACTERS."""
    group: list[_Window] = []
    size = 0
    for window in windows:
        group.append(window)
        size += window.paragraphs[-1].end - window.paragraphs[0].start
        if size >= WINDOW_CHARACTERS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _without_overlaps(direct: list[Candidate], indirect: list[Candidate]) -> list[Candidate]:
    """Mixed quotes absorb the direct stretches they hold; otherwise the first of two overlapping quotes
    stays (quote contents never overlap)."""
    held = {id(s) for c in indirect for s in c.stretches}
    candidates = [c for c in direct if not any(id(s) in held for s in c.stretches)] + indirect
    candidates.sort(key=lambda c: (c.start, -c.end))
    kept: list[Candidate] = []
    reaching: list[tuple[int, Candidate]] = []  # the kept quotes that reach past the last start: only those
    for cand in candidates:                      # can overlap what follows (a transcript's 8,000 quotes)
        reaching = [(reach, k) for reach, k in reaching if reach > cand.start]
        if any(s < k_end and k_start < e for s, e in cand.spans for _, k in reaching for k_start, k_end in k.spans):
            continue
        kept.append(cand)
        reaching.append((max(end for _, end in cand.spans), cand))
    return kept


_default: Attributor | None = None
_default_lock = threading.Lock()


def attribute(text: str) -> Attribution:
    """Attribute one article with a default Attributor, built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Attributor()
    return _default(text)
