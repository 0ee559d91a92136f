"""Tokenising and parsing with stanza, offsets kept into the caller's text.

The stanza pipeline is the only heavy object of quoteattr: it is built once per Attributor. Sentences are
split on the whole text (tokenize + mwt) and all of them are tagged and lemmatised; only the sentences the
caller selects (those with a reporting cue) go through the dependency parser, the costliest step.
"""
from __future__ import annotations

import bisect
import contextlib
import importlib
import importlib.util
import logging
import os
import sys
import types
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs
import regex

from quoteattr import fastpaths, wordtable
from quoteattr.errors import ModelError, ParseError
from quoteattr.lexicons import lexicon
from quoteattr.models import tag_lexicon
from quoteattr.retag import retag
from quoteattr.segment import Paragraph

MODEL_FILES = {
    "tokenize": "tokenizer.pt",
    "mwt": "mwt.pt",
    "pos": "pos.pt",
    "lemma": "lemma.pt",
    "depparse": "depparse.pt",
}
PACKAGED_MODELS = Path(__file__).parent / "models" / "en"
MODELS_ENV = "QUOTEATTR_MODELS"
# The bootstrap models beside a development checkout, until the package ships its own.
BOOTSTRAP_MODELS = Path("..") / "shared" / "models" / "en"


@attrs.define(slots=True)
class Word:
    """One syntactic word. ``head`` is the index of the head word in the sentence, -1 for the root."""

    index: int
    text: str
    start: int
    end: int
    lemma: str = ""
    upos: str = ""
    xpos: str = ""
    feats: str = ""
    head: int = -1
    deprel: str = ""
    lower: str = attrs.field(init=False, eq=False, repr=False)  # the text in lower case, read by most rules

    @lower.default
    def _lower(self) -> str:
        return self.text.lower()


@attrs.define(slots=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    words: list[Word]
    tagged: bool = False  # upos, xpos, feats and lemma are set
    parsed: bool = False  # head and deprel are set too

    def children(self, head: Word) -> list[Word]:
        return [w for w in self.words if w.head == head.index]

    def subtree(self, root: Word, skip: frozenset[str] = frozenset()) -> list[Word]:
        """``root`` and its descendants, leaving out the branches whose relation is in ``skip``."""
        keep, todo = [], [root]
        while todo:
            word = todo.pop()
            keep.append(word)
            todo.extend(c for c in self.children(word) if c.deprel not in skip and c is not root)
        return sorted(keep, key=lambda w: w.index)


def resolve_models(models: str | os.PathLike | None) -> Path:
    """The directory holding the five model files: the argument, $QUOTEATTR_MODELS, the packaged models,
    or the bootstrap models beside a development checkout, in that order."""
    candidates = [Path(models)] if models is not None else [
        Path(p) for p in (os.environ.get(MODELS_ENV),) if p
    ] + [PACKAGED_MODELS, BOOTSTRAP_MODELS]
    for directory in candidates:
        if all((directory / name).is_file() for name in MODEL_FILES.values()):
            return directory
    where = ", ".join(str(c) for c in candidates)
    missing = [name for name in MODEL_FILES.values() if not (candidates[0] / name).is_file()]
    raise ModelError(
        f"No complete stanza model directory found (looked in: {where}; missing in {candidates[0]}: "
        f"{', '.join(missing)}). Pass Attributor(models=DIR) or set {MODELS_ENV}=DIR, where DIR holds "
        f"{', '.join(MODEL_FILES.values())}; a development checkout finds ../shared/models/en."
    )


def build_pipeline(models: str | os.PathLike | None = None, *, threads: int | None = None):
    """A stanza Pipeline from the model directory; nothing is downloaded."""
    stanza = _import_stanza()
    import torch

    directory = resolve_models(models)
    fastpaths.install()
    if threads:
        torch.set_num_threads(threads)
    logging.getLogger("stanza").setLevel(logging.ERROR)
    # stanza wants a resources.json in its resources dir even when nothing is downloaded.
    resources = directory if (directory / "resources.json").is_file() else Path(__file__).parent / "models"
    paths = {f"{proc}_model_path": str(directory / name) for proc, name in MODEL_FILES.items()}
    try:
        with _no_optimizers(), _shipped_checkpoints_read_natively(directory):
            pipeline = stanza.Pipeline(
                "en", processors=",".join(MODEL_FILES), dir=str(resources), download_method=None,
                allow_unknown_language=True, use_gpu=False, logging_level="ERROR",
                depparse_batch_size=PARSER_BATCH_WORDS, **paths,
            )
    except Exception as exc:  # stanza raises many kinds on a bad file: give one clear error
        raise ModelError(
            f"Could not load the stanza models in {directory}: {exc}. The files may be corrupt or from an "
            f"incompatible stanza version; reinstall quoteattr or pass Attributor(models=DIR) with models "
            f"trained by `python -m quoteattr.models.train`."
        ) from exc
    # stanza's tokeniser batches as many paragraphs as the model was trained with (32): set at prediction
    # time, it changes the batches, not the result
    pipeline.processors["tokenize"].trainer.args["batch_size"] = TOKENIZER_BATCH_PARAGRAPHS
    # the tags each word had in training, when the tagger comes with them (docs/models.md)
    tag_lexicon.attach(pipeline.processors["pos"].trainer.model, _tag_lexicon(directory))
    return pipeline


def _tag_lexicon(directory: Path):
    try:
        return tag_lexicon.read(directory)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"Could not read the tag lexicon {directory / tag_lexicon.FILE}: {exc}. Reinstall "
                         f"quoteattr, or delete the file to tag without it.") from exc


# Modules stanza imports for what quoteattr never asks of it: networkx (the Document module's graph of
# dependencies, 12 MB), udtools (the scorer's package, whose validator imports udapi: 10 MB with requests and
# emoji), requests (downloads) and emoji (language identification).
DEFERRED_IMPORTS = ("networkx", "udtools", "requests", "emoji")


def _import_stanza():
    """stanza, imported here rather than at the top so that `import quoteattr` stays cheap. stanza asks
    IPython whether it runs in a notebook (to pick a progress bar), importing IPython where it is installed:
    0.3 s of a cold start. Outside IPython (not yet imported) the answer is no, so IPython is hidden from
    that one import. The DEFERRED_IMPORTS are imported on their first use."""
    if "stanza" in sys.modules:
        import stanza
        return stanza
    hidden = "IPython" not in sys.modules
    if hidden:
        sys.modules["IPython"] = None  # makes `from IPython import ...` raise ImportError, which stanza expects
    for name in DEFERRED_IMPORTS:
        spec = None if name in sys.modules else importlib.util.find_spec(name)
        if spec is not None:
            sys.modules[name] = _ImportedOnUse(spec)
    try:
        import stanza
    finally:
        if hidden:
            del sys.modules["IPython"]
    return stanza


class _ImportedOnUse(types.ModuleType):
    """A stand-in for a module that imports it when one of its attributes is first read (not a dunder one:
    inspect asks every module in sys.modules for its ``__file__``). It carries the module's spec, which
    importlib.util.find_spec reads from sys.modules. For a package it also carries the path of its modules,
    so that one of them (`from udtools import udeval`) is imported alone, without the package's own
    ``__init__``."""

    def __init__(self, spec):
        super().__init__(spec.name)
        self.__spec__ = spec
        if spec.submodule_search_locations is not None:
            self.__path__ = list(spec.submodule_search_locations)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        real = self.__dict__.get("_real")
        if real is None:
            if "__path__" in self.__dict__ and importlib.util.find_spec(f"{self.__name__}.{name}") is not None:
                return importlib.import_module(f"{self.__name__}.{name}")  # set on this stand-in as well
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = self.__dict__["_real"] = importlib.import_module(self.__name__)
            for key, value in list(self.__dict__.items()):  # the modules imported alone, as attributes
                if isinstance(value, types.ModuleType) and not hasattr(real, key):
                    setattr(real, key, value)
        return getattr(real, name)


def _shipped_checkpoints_read_natively(directory: Path):
    """stanza reads its checkpoints with torch's weights-only unpickler, which guards against code hidden in
    a pickle from an untrusted source, and runs in Python: 0.2 s of a cold start for the vocabularies' many
    small objects, against 0.05 s for the native unpickler. The models quoteattr ships are part of the
    package, as trusted as its code, and are read natively; models from anywhere else keep the guard."""
    import torch

    shipped = PACKAGED_MODELS.resolve()
    if directory.resolve() != shipped:
        return contextlib.nullcontext()
    guarded = torch.load

    def load(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file).resolve().parent == shipped:
            kwargs["weights_only"] = False
        return guarded(file, *args, **kwargs)

    return _standing_in(torch, load=load)


def _no_optimizers():
    """stanza's tokenizer, tagger and parser build their training optimizers even to predict, and torch's
    optimizers import torch._dynamo: 1.2-1.6 s and 70 MB of every cold start, for nothing that inference
    uses. The stand-ins hold for the pipeline's construction only."""
    from stanza.models.common import utils

    return _standing_in(utils, get_optimizer=lambda *args, **kwargs: None,
                        get_split_optimizer=lambda *args, **kwargs: {})


@contextlib.contextmanager
def _standing_in(module, **stand_ins):
    """The module's attributes of those names replaced by the stand-ins for the duration, then restored."""
    real = {name: getattr(module, name) for name in stand_ins}
    for name, stand_in in stand_ins.items():
        setattr(module, name, stand_in)
    try:
        yield
    finally:
        for name, value in real.items():
            setattr(module, name, value)


# Words per batch inside stanza's parser: its memory grows with the batch. The speed suite's 20 PolNeAR
# articles peaked at 369 MB with 500, 421 MB with 2,000 and 604 MB with stanza's default of 5,000 (before the
# relations were scored for the chosen heads only). Since then 1,000 peaks as 500 does (414-422 MB after the
# seed and three passes of the batch) and is 3-4% faster (the seed article in one batch instead of two);
# the parses are the same (60 PolNeAR dev articles, every head and relation). The relations are now scored
# a few heads at a time (fastpaths.LABELLED_HEADS_AT_ONCE), which took 27 MB of the peak.
PARSER_BATCH_WORDS = 1000
# Paragraphs per batch of stanza's tokeniser, whose memory grows with the batch's paragraphs times the
# longest one's characters: with 16 instead of the 32 it was trained with, the speed suite's 20 articles
# peaked at 374-393 MB against 416-427 MB (four runs each), and tokenise as fast.
TOKENIZER_BATCH_PARAGRAPHS = 16
TOKENIZE_CHUNK = 50_000  # characters handed to stanza's tokeniser at once: memory stays bounded
PARSE_BATCH = 256  # sentences tagged and parsed in one stanza call


MAX_SENTENCE_WORDS = 200  # longer "sentences" (lists, text with no full stops) are parsed in pieces

# Characters without white space beyond which a run is no word (base64 data, a chain of URLs, a table
# squeezed onto one line). stanza's tokeniser reads a paragraph 1,000 characters at a time, and a run that
# filled a window left its end undecided: the run took the space and the opening quotation mark after it
# ("aaa...a \"We will win,\" Ann Lee said." lost its quote from 1,000 a's on), and its regular expression
# for URLs and e-mail addresses takes time in the square of a run's length (50,000 characters: 33 s). The
# tokeniser reads the run's first LONGEST_WORD characters, as it would a run of that length, and the whole
# run is one word, with stanza's stand-in text for a token too long.
LONGEST_WORD = 500
_LONG_RUN = regex.compile(rf"(?<!\S)\S{{{LONGEST_WORD + 1},}}")  # tried from a run's start only: linear time


def pieces(para: Paragraph) -> Iterable[Paragraph]:
    """A paragraph longer than a chunk, cut at white space into chunk-sized pieces."""
    start = 0
    while start < len(para.text):
        end = min(start + TOKENIZE_CHUNK, len(para.text))
        if end < len(para.text):
            space = para.text.rfind(" ", start + TOKENIZE_CHUNK // 2, end)
            end = space if space > start else end
        yield Paragraph(index=para.index, start=para.start + start, end=para.start + end,
                        text=para.text[start:end])
        start = end


def _chunks(windows: Sequence[Sequence[Paragraph]]) -> Iterable[list[tuple[int, Paragraph]]]:
    """The windows' non-blank paragraphs (cut into pieces where longer than a chunk), with the index of
    their window, in chunks of about TOKENIZE_CHUNK characters."""
    chunk: list[tuple[int, Paragraph]] = []
    size = 0
    for window, paragraphs in enumerate(windows):
        for para in (piece for p in paragraphs for piece in pieces(p)):
            if not para.text.strip():
                continue
            if chunk and size + len(para.text) > TOKENIZE_CHUNK:
                yield chunk
                chunk, size = [], 0
            chunk.append((window, para))
            size += len(para.text) + 2
    if chunk:
        yield chunk


def tokenize(pipeline, windows: Sequence[Sequence[Paragraph]]) -> list[list[Sentence]]:
    """Split each window's paragraphs into sentences and words, offsets into the original text.

    The paragraphs of all the windows go through stanza's tokeniser together: it batches paragraphs of
    similar length, and a batch of articles fills its batches far better than one article (a quarter less
    time on 20 news articles)."""
    sentences: list[list[Sentence]] = [[] for _ in windows]
    for chunk in _chunks(windows):
        _tokenize_chunk(pipeline, chunk, sentences)
    return sentences


def _tokenize_chunk(pipeline, paragraphs: list[tuple[int, Paragraph]], sentences: list[list[Sentence]]) -> None:
    """Paragraphs are joined with blank lines so that stanza never joins two of them in one sentence; of a
    run too long for a word stanza reads the first LONGEST_WORD characters."""
    from stanza.pipeline.tokenize_processor import TOKEN_TOO_LONG_REPLACEMENT

    segments = []  # (offset in joined text, offset in original, paragraph index, window), in text order
    runs: dict[int, int] = {}  # offset in joined text of a run's beginning -> the run's end in the original
    parts: list[str] = []
    cursor = 0
    for window, para in paragraphs:
        if parts:
            parts.append("\n\n")
            cursor += 2
        done = 0
        for run in _LONG_RUN.finditer(para.text):
            segments.append((cursor, para.start + done, para.index, window))
            parts.append(para.text[done:run.start()])
            cursor += run.start() - done
            segments.append((cursor, para.start + run.start(), para.index, window))
            runs[cursor] = para.start + run.end()
            parts.append(run.group()[:LONGEST_WORD])
            cursor += LONGEST_WORD
            done = run.end()
        segments.append((cursor, para.start + done, para.index, window))
        parts.append(para.text[done:])
        cursor += len(para.text) - done
    joined = "".join(parts)
    try:
        tokenized = wordtable.tokenize(pipeline, joined)
    except Exception as exc:
        raise ParseError(f"stanza failed to tokenise the text: {exc}") from exc
    starts = [segment[0] for segment in segments]
    for tokens in _split_before_opening_quotes(_rejoined_after_titles(tokenized, joined), joined):
        block = bisect.bisect_right(starts, tokens[0][0]) - 1
        joined_start, original_start, para_index, window = segments[block]
        if runs:
            words = _words_around_runs(tokens, segments, starts, runs, TOKEN_TOO_LONG_REPLACEMENT)
        else:  # one shift for the whole sentence
            shift = original_start - joined_start
            words = [(text, start + shift, end + shift)
                     for start, end, texts in tokens for text in texts]  # a multi-word token's words share its span
        into = sentences[window]
        for first in range(0, len(words), MAX_SENTENCE_WORDS):
            piece = [Word(index=i, text=_without_soft_hyphens(t), start=s, end=e)
                     for i, (t, s, e) in enumerate(words[first:first + MAX_SENTENCE_WORDS])]
            into.append(Sentence(index=len(into), paragraph=para_index,
                                 start=piece[0].start, end=piece[-1].end, words=piece))


def _without_soft_hyphens(word: str) -> str:
    """A word as the tagger and the lexicons should read it: a soft hyphen (U+00AD, HTML's &shy;, an
    invisible hint where a word may break) is no part of it ("an\u00adnounced" is "announced"); the word's
    span still covers it."""
    return (word.replace("\u00ad", "") or word) if "\u00ad" in word else word


def _words_around_runs(tokens, segments, starts, runs, stand_in: str) -> list[tuple[str, int, int]]:
    """A sentence's words, offsets into the original, where it holds runs too long for a word: each run is
    one word, whatever tokens stanza cut its beginning into."""
    words = []
    for start, end, texts in tokens:
        joined_start, original_start = segments[bisect.bisect_right(starts, start) - 1][:2]
        if joined_start in runs:
            if start == joined_start:
                words.append((stand_in, original_start, runs[joined_start]))
        else:
            shift = original_start - joined_start
            words += [(text, start + shift, end + shift) for text in texts]
    return words


# Capitalised words that open a sentence rather than continue a name after a title.
_SENTENCE_OPENERS = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that",
                               "these", "those", "there", "but", "and", "in", "on", "at", "for", "if", "when"})


def _rejoined_after_titles(tokenized: list[list[tuple[int, int, list[str]]]], text: str):
    """stanza's tokeniser takes the full stop of an abbreviated title for a sentence's end: '"Fine," said
    Sen. | Bob Smith of Ohio.' A sentence that ends on an abbreviated title ("Sen.", "Gov.", "Dr.") goes on
    into the next one of its paragraph when that opens with a capitalised word that could be a name."""
    out: list[list[tuple[int, int, list[str]]]] = []
    for tokens in tokenized:
        first = tokens[0][2][0]
        title = _title_at_end(out[-1], text) if out else None
        if (title is not None and first[:1].isupper() and first.lower() not in _SENTENCE_OPENERS
                and "\n" not in text[out[-1][-1][1]:tokens[0][0]]):
            out[-1] = out[-1][:-title[0]] + [title[1]] + tokens
        else:
            out.append(tokens)
    return out


def _split_before_opening_quotes(tokenized: list[list[tuple[int, int, list[str]]]], text: str):
    """A full stop, a space and an opening double quotation mark before a capital ('the Clean Air Act.
    "Despite …') end a sentence, which stanza's tokeniser sometimes runs on into the quote."""
    out = []
    for tokens in tokenized:
        cut = 0
        for k in range(1, len(tokens) - 1):
            stop, mark, after = tokens[k - 1], tokens[k], tokens[k + 1]
            if (stop[2] in (["."], ["?"], ["!"]) and mark[2] in (['"'], ["“"]) and stop[1] < mark[0]
                    and text[stop[1]:mark[0]].isspace() and mark[1] == after[0] and after[2][0][:1].isupper()):
                out.append(tokens[cut:k])
                cut = k
        out.append(tokens[cut:])
    return out


def _title_at_end(tokens: list[tuple[int, int, list[str]]], text: str):
    """(how many tokens, the title as one token) when the sentence ends on an abbreviated title: "Sen.", or
    "Rep" and the full stop the tokeniser cut off it; else None."""
    count = 2 if tokens[-1][2] == ["."] and len(tokens) > 1 and tokens[-2][1] == tokens[-1][0] else 1
    start, end = tokens[-count][0], tokens[-1][1]
    written = text[start:end]
    if written.endswith(".") and written.lower() in lexicon("titles"):
        return count, (start, end, [written])
    return None


def tag(pipeline, sentences: Sequence[Sentence]) -> None:
    """Part-of-speech tags and lemmas for the sentences, in place, in batches (then quoteattr.retag's
    corrections)."""
    # longest first: stanza's tagger batches 64 sentences as they come, and its LSTM takes as many steps as
    # the longest of each batch; batches of sentences of about one length take fewer than half as many steps
    # (316 against 732 on 20 PolNeAR articles). Each sentence's tags are its own, whatever its batch.
    todo = sorted((s for s in sentences if not s.tagged), key=lambda s: len(s.words), reverse=True)
    for first in range(0, len(todo), PARSE_BATCH):
        batch = todo[first:first + PARSE_BATCH]
        table = _run(wordtable.tag, pipeline, batch, "pos,lemma")
        tags = zip(table.values["upos"], table.values["xpos"], table.values["feats"], table.values["lemma"])
        for sent in batch:
            for word, (upos, xpos, feats, lemma) in zip(sent.words, tags):
                word.upos = upos or "X"
                word.xpos = xpos or ""
                word.feats = feats or ""
                word.lemma = (lemma or word.text) if word.upos == "PROPN" else (lemma or word.text).lower()
            retag(sent)
            sent.tagged = True


def parse(pipeline, sentences: Sequence[Sentence]) -> None:
    """Dependency relations for tagged sentences, in place, in batches."""
    todo = [s for s in sentences if not s.parsed]
    tag(pipeline, todo)
    for first in range(0, len(todo), PARSE_BATCH):
        batch = todo[first:first + PARSE_BATCH]
        table = _run(wordtable.parse, pipeline, batch, "depparse")
        relations = zip(table.values["head"], table.values["deprel"])
        for sent in batch:
            for word, (head, deprel) in zip(sent.words, relations):
                word.head = int(head or 0) - 1
                word.deprel = deprel or "dep"
            sent.parsed = True


def _run(step, pipeline, batch: Sequence[Sentence], processors: str):
    try:
        return step(pipeline, batch)
    except Exception as exc:
        raise ParseError(f"stanza failed ({processors}) on {len(batch)} sentences: {exc}") from exc
