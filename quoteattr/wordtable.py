"""stanza's tokeniser, tagger, lemmatiser and parser run on quoteattr's own words, without stanza Documents.

stanza's processors read a Document through ``get`` and write their predictions through ``set``. Building
a Document of Word objects for every batch, and copying the predictions back out of it, took 0.3 s of the
2.7 s that tagging 20 news articles took on one thread. A WordTable answers the same ``get`` calls from
quoteattr's words and keeps what is ``set`` in plain lists, so the processors' own data loaders and
networks run unchanged (the same inputs, the same predictions: tests/test_wordtable.py compares both
routes). The tokeniser's sentences come back as plain tuples, and only the multi-word tokens go through
a (small) Document for the mwt processor: building and expanding a Document of every token took a quarter
of the time of tokenising.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quoteattr.parse import Sentence

_UNSET = frozenset({"head", "deprel"})  # never known before the parser has run


def _null(value):
    """stanza's Words store '_' (CoNLL-U's empty field) as None."""
    return None if value is None or value == "_" else value


class WordTable:
    """Just enough of a stanza Document for its tagger, lemmatiser and parser: ``get`` answers from the
    values ``set`` so far, else from the sentences' words as a Document built from them would (their tags
    if ``tagged``); ``set`` keeps one flat list per field."""

    def __init__(self, sentences: Sequence[Sentence], *, tagged: bool):
        self.sentences = sentences
        self.tagged = tagged
        self.words = [w for s in sentences for w in s.words]
        self.num_words = len(self.words)
        self.values: dict[str, list] = {}

    def _column(self, field: str) -> list:
        if field in self.values:
            return self.values[field]
        if field == "text":
            return [w.text for w in self.words]
        if field in _UNSET or not self.tagged:
            return [None] * self.num_words
        return [getattr(w, field) or None for w in self.words]  # quoteattr keeps "" where stanza keeps None

    def get(self, fields, as_sentences=False, from_token=False):
        fields = [fields] if isinstance(fields, str) else list(fields)
        columns = [self._column(f) for f in fields]
        flat = columns[0] if len(columns) == 1 else [list(row) for row in zip(*columns)]
        if not as_sentences:
            return flat
        out, start = [], 0
        for sentence in self.sentences:
            out.append(flat[start:start + len(sentence.words)])
            start += len(sentence.words)
        return out

    def set(self, fields, contents, to_token=False, to_sentence=False):
        fields = [fields] if isinstance(fields, str) else list(fields)
        if to_token or to_sentence or len(contents) != self.num_words:
            raise ValueError(f"WordTable.set expects one value per word ({self.num_words}), got "
                             f"{len(contents)} (to_token={to_token}, to_sentence={to_sentence})")
        if len(fields) == 1:
            self.values[fields[0]] = [_null(v) for v in contents]
        else:
            for i, field in enumerate(fields):
                self.values[field] = [_null(row[i]) for row in contents]


def tokenize(pipeline, text: str) -> list[list[tuple[int, int, list[str]]]]:
    """The sentences stanza's tokenize and mwt processors make of the text, each a list of its tokens as
    (start, end, the token's words), offsets into the text."""
    import torch
    from stanza.models.tokenization.data import TokenizationDataset
    from stanza.models.tokenization.utils import output_predictions
    from stanza.pipeline.tokenize_processor import TOKEN_TOO_LONG_REPLACEMENT, TokenizeProcessor

    tokenizer = pipeline.processors["tokenize"]
    config = tokenizer.config
    # what TokenizeProcessor.process does for plain text, less the Document at its end
    max_length = config.get("max_seqlen", TokenizeProcessor.MAX_SEQ_LENGTH_DEFAULT)
    batches = TokenizationDataset(config, input_text=text, vocab=tokenizer.vocab, evaluation=True,
                                  dictionary=tokenizer.trainer.dictionary)
    with torch.no_grad():
        sentences = output_predictions(None, tokenizer.trainer, batches, tokenizer.vocab, None, max_length,
                                       orig_text=text, no_ssplit=config.get("no_ssplit", False),
                                       num_workers=config.get("num_workers", 0))[3]
    for token in (token for sentence in sentences for token in sentence):
        if len(token["text"]) > max_length:
            token["text"] = TOKEN_TOO_LONG_REPLACEMENT
    expansions = _expansions(pipeline, {token["text"] for sentence in sentences for token in sentence
                                        if token.get("misc") == "MWT=Yes"})
    return [[(token["start_char"], token["end_char"], expansions.get(token["text"]) or [token["text"]])
             for token in sentence] for sentence in sentences]


# Multi-word tokens remembered per mwt processor: English has few ("don't", "it's", "gonna"), met again and
# again, and the model reads a token's characters alone, so a remembered expansion is the model's.
EXPANSIONS_REMEMBERED = 10_000


def _expansions(pipeline, texts: set[str]) -> dict[str, list[str]]:
    """The words stanza's mwt processor expands each multi-word token's text into (it reads the token's
    characters alone), through a Document of those tokens only."""
    from stanza.models.common.doc import Document

    processor = pipeline.processors["mwt"]
    remembered = processor.__dict__.setdefault("_quoteattr_expansions", {})
    new = sorted(texts - remembered.keys())
    if new:
        if len(remembered) + len(new) > EXPANSIONS_REMEMBERED:
            remembered.clear()
        document = Document([[{"id": (1,), "text": text, "misc": "MWT=Yes"}] for text in new])
        document = processor.process(document)
        remembered.update((text, [word.text for word in sentence.words])
                          for text, sentence in zip(new, document.sentences))
    return {text: remembered[text] for text in texts}


def tag(pipeline, sentences: Sequence[Sentence]) -> WordTable:
    """UPOS, XPOS, features and lemmas of the sentences, as stanza's pos and lemma processors predict them
    (in the table's values; the words are left as they are)."""
    table = WordTable(sentences, tagged=False)
    pipeline.processors["pos"].process(table)
    lemmatizer = pipeline.processors["lemma"]
    if lemmatizer.config.get("dict_only", False) and not lemmatizer.use_identity:
        # what the processor does for a dictionary-only model, without its seq2seq data loader
        lemmas = lemmatizer.trainer.predict_dict(table.get(["text", "upos"]))
        table.set(["lemma"], [max((len(x), x), (0, "_"))[1] for x in lemmas])
    else:  # the seq2seq and contextual lemmatisers of other models read stanza's own Document
        document = stanza_document(sentences, table.values)
        lemmatizer.process(document)
        table.set(["lemma"], document.get(["lemma"]))
    return table


def parse(pipeline, sentences: Sequence[Sentence]) -> WordTable:
    """Heads and relations of tagged sentences, as stanza's depparse processor predicts them (without its
    dependency objects, which quoteattr does not read)."""
    import torch
    from stanza.models.common.utils import unsort
    from stanza.models.depparse.data import DataLoader
    from stanza.pipeline.depparse_processor import DEFAULT_SEPARATE_BATCH

    parser = pipeline.processors["depparse"]
    config = parser.config
    table = WordTable(sentences, tagged=True)
    batch = DataLoader(table, config["batch_size"], config, parser.pretrain, vocab=parser.vocab, evaluation=True,
                       sort_during_eval=config.get("sort_during_eval", True),
                       min_length_to_batch_separately=config.get("min_length_to_batch_separately",
                                                                 DEFAULT_SEPARATE_BATCH))
    preds = []
    with torch.no_grad():
        for b in batch:
            preds += parser.trainer.predict(b, resolve_head_constraints=config.get("resolve_head_constraints", True))
    if batch.data_orig_idx is not None:
        preds = unsort(preds, batch.data_orig_idx)
    table.set(["head", "deprel"], [y for x in preds for y in x])
    return table


def stanza_document(sentences: Sequence[Sentence], values: dict[str, list] | None = None):
    """A stanza Document of the sentences' words (their texts), with the given values by field."""
    from stanza.models.common.doc import Document

    rows, i = [], 0
    for sentence in sentences:
        row = []
        for word in sentence.words:
            entry = {"id": word.index + 1, "text": word.text}
            if values is not None:
                entry.update({field: column[i] for field, column in values.items()})
            i += 1
            row.append(entry)
        rows.append(row)
    return Document(rows)
