"""stanza run on quoteattr's words (quoteattr.wordtable) and quoteattr's fast paths of stanza's inference
(quoteattr.fastpaths) predict exactly what stanza's own route and code predict."""
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quoteattr import parse, wordtable
from quoteattr.segment import clean, paragraphs

TEXTS = [
    '"We won\'t back down," said Mayor Ana Ortiz, 52, on Tuesday. "They can\'t make us."',
    "The ministry's spokesperson, who declined to be named, told Reuters the talks had stalled.\n\n"
    "Officials in São Paulo didn't comment; a U.S. envoy said he'd \u201cwait and see\u201d.",
    "According to the report (published Jan. 3), 1,250 workers -- mostly nurses -- gonna strike.",
    "BREAKING: Sen. O'Neill Slams \u2018Reckless\u2019 Budget!!! ¿Qué? 🙂 e-mail: press@example.org",
    "He said that she said that they said it was fine. It was not fine, the the the.",
    "A " + "very " * 120 + "long sentence ends here, critics argued.",
]


def _sentences(attributor, text):
    cleaned = clean(text)
    return parse.tokenize(attributor.pipeline, [paragraphs(cleaned)])[0]


def _stanza(document, field):
    return [getattr(w, field) for s in document.sentences for w in s.words]


@pytest.mark.parametrize("text", TEXTS + ["We're gonna win, can't we? The company's plan didn't work.\n\nI'd say "
                                          "y'all wanna see it.", "x" * 300 + " isn't a word."])
def test_tokens_are_what_stanzas_processors_make(attributor, text):
    pipeline = attributor.pipeline
    reference = pipeline.process(text, processors="tokenize,mwt")
    assert wordtable.tokenize(pipeline, text) == [
        [(token.start_char, token.end_char, [word.text for word in token.words]) for token in sentence.tokens]
        for sentence in reference.sentences]


@pytest.mark.parametrize("text", TEXTS, ids=[f"text{i}" for i in range(len(TEXTS))])
def test_wordtable_predicts_what_stanza_documents_do(attributor, text):
    pipeline = attributor.pipeline
    sentences = _sentences(attributor, text)
    table = wordtable.tag(pipeline, sentences)
    reference = pipeline.process(wordtable.stanza_document(sentences), processors="pos,lemma")
    for field in ("upos", "xpos", "feats", "lemma"):
        assert table.values[field] == _stanza(reference, field), field

    tags = {f: _stanza(reference, f) for f in ("upos", "xpos", "feats", "lemma")}
    for word, upos, xpos, feats, lemma in zip([w for s in sentences for w in s.words], *tags.values()):
        word.upos, word.xpos, word.feats, word.lemma = upos, xpos or "", feats or "", lemma
    parsed = wordtable.parse(pipeline, sentences)
    reference = pipeline.process(wordtable.stanza_document(sentences, tags), processors="depparse")
    assert [int(h) for h in parsed.values["head"]] == _stanza(reference, "head")
    assert parsed.values["deprel"] == _stanza(reference, "deprel")


def test_sentences_tagged_together_longest_first_get_the_tags_each_gets_alone(attributor):
    """parse.tag hands stanza the sentences longest first (shorter batches of steps); the tags come back to
    the right words: those each sentence gets when tagged by itself."""
    together = [s for text in TEXTS for s in _sentences(attributor, text)]
    alone = [s for text in TEXTS for s in _sentences(attributor, text)]
    assert [len(s.words) for s in together] != sorted((len(s.words) for s in together), reverse=True)
    parse.tag(attributor.pipeline, together)
    for sentence in alone:
        parse.tag(attributor.pipeline, [sentence])

    def tags(sentences):
        return [[(w.text, w.upos, w.xpos, w.feats, w.lemma) for w in s.words] for s in sentences]

    assert tags(together) == tags(alone)


def test_multi_word_tokens_are_expanded_once_and_remembered_within_bounds(attributor, monkeypatch):
    """A remembered expansion is the model's (it reads the token alone); the memory is bounded."""
    pipeline = attributor.pipeline
    processor = pipeline.processors["mwt"]
    text = "We don't know. It's gonna rain, y'all. They can't say."
    reference = pipeline.process("Isn't it? Wasn't it? Won't you?", processors="tokenize,mwt")
    monkeypatch.setitem(processor.__dict__, "_quoteattr_expansions", {})
    first = wordtable.tokenize(pipeline, text)
    expanded = []
    process = type(processor).process
    monkeypatch.setattr(type(processor), "process",
                        lambda self, document: expanded.append(len(document.sentences)) or process(self, document))
    assert wordtable.tokenize(pipeline, text) == first and expanded == []
    assert ["do", "n't"] in [words for sentence in first for _, _, words in sentence]

    monkeypatch.setattr(wordtable, "EXPANSIONS_REMEMBERED", 2)
    assert wordtable.tokenize(pipeline, "Isn't it? Wasn't it? Won't you?") == [
        [(t.start_char, t.end_char, [w.text for w in t.words]) for t in sentence.tokens]
        for sentence in reference.sentences]
    assert len(processor.__dict__["_quoteattr_expansions"]) <= 3 and expanded == [3]


def test_tokeniser_batches_of_fewer_paragraphs_give_the_same_tokens(attributor, monkeypatch):
    """quoteattr's pipeline batches 16 paragraphs (memory), the model was trained with 32: same tokens."""
    pipeline = attributor.pipeline
    args = pipeline.processors["tokenize"].trainer.args
    assert args["batch_size"] == parse.TOKENIZER_BATCH_PARAGRAPHS < 32
    text = "\n\n".join(TEXTS[i % len(TEXTS)][: 40 + 37 * i] for i in range(40))
    tokens = wordtable.tokenize(pipeline, text)
    monkeypatch.setitem(args, "batch_size", 32)
    assert wordtable.tokenize(pipeline, text) == tokens


def test_wordtable_refuses_values_that_do_not_fit(attributor):
    table = wordtable.WordTable(_sentences(attributor, TEXTS[0]), tagged=False)
    with pytest.raises(ValueError, match="one value per word"):
        table.set(["upos"], ["NOUN"])


def _compare_with_stanzas(attributor, monkeypatch, cls, same, method="forward") -> list:
    """Attribute TEXTS with ``cls.<method>`` (a fast path) checked at every call against stanza's own
    method by ``same(mine, theirs, *inputs)``; the checks' results, one per call."""
    attributor.pipeline  # installs the fast paths
    fast = getattr(cls, method)
    assert fast.quoteattr_fast_path
    compared = []

    def both(self, *inputs, **options):
        mine, theirs = fast(self, *inputs, **options), fast.__wrapped__(self, *inputs, **options)
        compared.append(same(mine, theirs, *inputs))
        return mine

    monkeypatch.setattr(cls, method, both)
    attributor.attribute_many(TEXTS)
    assert compared
    return compared


def test_character_vectors_of_distinct_words_equal_stanzas(attributor, monkeypatch):
    """Equal up to float rounding: an LSTM over other rows may add in another order (about 1e-7 here), as
    it does for any change in how stanza's batches are made up."""
    from stanza.models.common.char_model import CharacterModel

    def same(mine, theirs, *inputs):
        return (torch.allclose(mine.data, theirs.data, rtol=0, atol=1e-5)
                and torch.equal(mine.batch_sizes, theirs.batch_sizes))

    assert all(_compare_with_stanzas(attributor, monkeypatch, CharacterModel, same))


def test_character_vectors_are_remembered_until_the_weights_change_and_within_bounds(attributor, monkeypatch):
    from quoteattr import fastpaths

    model = attributor.pipeline.processors["pos"].trainer.model.charmodel
    computed = []
    hook = model.charlstm.register_forward_hook(lambda module, inputs, output: computed.append(1))
    monkeypatch.delitem(model.__dict__, "_quoteattr_vectors", raising=False)
    try:
        def runs(text):
            computed.clear()
            result = attributor(text)
            return len(computed), result

        first, result = runs(TEXTS[0])
        assert first and runs(TEXTS[0]) == (0, result)
        with torch.no_grad():
            model.char_emb.weight.add_(0)  # an in-place change of the weights, as an optimizer's step
        assert runs(TEXTS[0]) == (first, result)
        monkeypatch.setattr(fastpaths, "CHARACTER_VECTORS_REMEMBERED", 5)
        assert runs(TEXTS[0]) == (first, result)
    finally:
        hook.remove()


def test_tokeniser_lstm_over_padding_equals_stanzas(attributor, monkeypatch):
    """Each direction run forwards over the padded batch: equal to the packed LSTM up to float rounding, and
    the LSTM is left as it was."""
    from stanza.models.tokenization.model import Tokenizer

    def same(mine, theirs, *inputs):
        return mine.shape == theirs.shape and torch.allclose(mine, theirs, rtol=1e-5, atol=1e-5)

    assert all(_compare_with_stanzas(attributor, monkeypatch, Tokenizer, same))
    assert "forward" not in attributor.pipeline.processors["tokenize"].trainer.model.rnn.__dict__


@pytest.fixture(scope="module")
def tokeniser_data_set(attributor):
    """stanza's tokeniser data set, and its constructor with quoteattr's fast path and without."""
    from stanza.models.tokenization.data import TokenizationDataset

    attributor.pipeline  # the fast paths installed (outside hypothesis' examples: stanza's import is slow)
    return TokenizationDataset, TokenizationDataset.__init__, TokenizationDataset.__init__.__wrapped__


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=" \n\t\r\u00a0\u0085\u0097\u2003ab.", max_size=40), skip_newline=st.booleans())
def test_tokeniser_text_prepared_at_once_equals_stanzas(tokeniser_data_set, text, skip_newline):
    """Paragraphs, white space made spaces and runs of spaces collapsed, as stanza does a character at a
    time: odd white space (no-break, C1 controls, tabs, carriage returns) and empty paragraphs included."""
    TokenizationDataset, fast, exact = tokeniser_data_set
    made = []
    for init in (fast, exact):
        dataset = TokenizationDataset.__new__(TokenizationDataset)
        init(dataset, {"skip_newline": skip_newline}, input_text=text, evaluation=True)
        made.append(dataset.__dict__)
    assert made[0] == made[1]


def test_tokeniser_lstm_over_padding_takes_few_shapes(attributor, monkeypatch):
    """oneDNN keeps a kernel for every shape of the padded LSTM: batches are rounded up to a multiple of
    PADDED_LSTM_ROWS rows and PADDED_LSTM_STEPS characters, so that a stream of new texts adds none."""
    from quoteattr import fastpaths

    shapes = []
    lstm = torch.lstm
    monkeypatch.setattr(torch, "lstm", lambda data, *args: shapes.append(tuple(data.shape[:2])) or lstm(data, *args))
    attributor.attribute_many(TEXTS)
    assert shapes and all(rows % fastpaths.PADDED_LSTM_ROWS == 0 and characters % fastpaths.PADDED_LSTM_STEPS == 0
                          for rows, characters in shapes)


def test_tag_scores_folded_by_tag_equal_stanzas(attributor, monkeypatch):
    """The tagger's XPOS and feature scores, folded one UPOS embedding at a time, the feature scorers
    together, equal torch's bilinear up to float rounding, and the fast path ran (the embeddings repeat few
    rows; one folding served several scorers)."""
    from stanza.models.common.biaffine import BiaffineScorer

    from quoteattr import fastpaths

    foldings = []
    fold = fastpaths._folded_scores
    monkeypatch.setattr(fastpaths, "_folded_scores", lambda *args: foldings.append(1) or fold(*args))

    def same(mine, theirs, input1, input2):
        return torch.allclose(mine, theirs, rtol=1e-5, atol=1e-5), input2._quoteattr_row_groups is not None

    checks = _compare_with_stanzas(attributor, monkeypatch, BiaffineScorer, same)
    assert all(close for close, _ in checks) and any(folded for _, folded in checks)
    assert 0 < len(foldings) < len(checks) / 10


def test_pair_scores_by_matmul_equal_stanzas(attributor, monkeypatch):
    from stanza.models.common.biaffine import PairwiseBilinear

    def same(mine, theirs, *inputs):
        return mine.shape == theirs.shape and torch.allclose(mine, theirs, rtol=1e-5, atol=1e-5)

    assert all(_compare_with_stanzas(attributor, monkeypatch, PairwiseBilinear, same))


def test_parser_hidden_layers_at_once_equal_stanzas(attributor, monkeypatch):
    """The arc scores (with the linear order's and distance's) and the relation scorer's inputs, over padded
    batches of sentences of several lengths."""
    from stanza.models.depparse.model import GraphParser

    attributor.pipeline  # installs the fast paths
    fast = GraphParser.forward_scores
    assert fast.quoteattr_fast_path

    def close(mine, theirs):
        if mine is None or theirs is None:
            return mine is theirs
        finite = torch.isfinite(theirs)
        return torch.equal(finite, torch.isfinite(mine)) and torch.allclose(mine[finite], theirs[finite], rtol=1e-5,
                                                                             atol=1e-5)

    checks = []

    def both(self, *inputs):
        mine = fast(self, *inputs)
        relation_inputs = (self.deprel.scorer.input1, self.deprel.scorer.input2)  # kept by the fast predict
        theirs = fast.__wrapped__(self, *inputs)
        mine, theirs = mine + relation_inputs, theirs + (self.deprel.scorer.input1, self.deprel.scorer.input2)
        checks.append((bool(inputs[1].any()), all(close(m, t) for m, t in zip(mine, theirs))))
        return mine[:5]

    monkeypatch.setattr(GraphParser, "forward_scores", both)
    monkeypatch.setattr(attributor, "parse_all", True)
    attributor.attribute_many(TEXTS)
    assert any(padded for padded, _ in checks) and all(equal for _, equal in checks)


def _equal_parses(mine, theirs, *inputs):
    return [[(int(h), r) for h, r in sentence] for sentence in mine] == [
        [(int(h), r) for h, r in sentence] for sentence in theirs]


@pytest.mark.parametrize("at_once", [128, 5])
def test_relations_scored_for_chosen_heads_equal_stanzas(attributor, monkeypatch, at_once):
    """Also with a few heads folded at a time: the heads of one sentence in several parts."""
    from stanza.models.depparse.model import GraphParser

    from quoteattr import fastpaths

    monkeypatch.setattr(fastpaths, "LABELLED_HEADS_AT_ONCE", at_once)
    attributor.parse_all = True
    try:
        assert all(_compare_with_stanzas(attributor, monkeypatch, GraphParser, _equal_parses, method="predict"))
    finally:
        attributor.parse_all = False


def test_trees_whose_labels_give_a_head_two_subjects_are_repaired_as_stanza_does(attributor, monkeypatch):
    """Favour nsubj for every pair (the relation scorer's bias), so that most heads get several subjects:
    stanza's repair (on in stanza's own models, off in quoteattr's) runs on those sentences, with every
    pair's label log-probabilities, as in stanza."""
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse import head_constraints
    from stanza.models.depparse.model import GraphParser

    parser = attributor.pipeline.processors["depparse"]
    monkeypatch.setitem(parser.config, "resolve_head_constraints", True)
    model = parser.trainer.model
    repairs = []
    repair = head_constraints.resolve_head_constraint_violations
    monkeypatch.setattr(head_constraints, "resolve_head_constraint_violations",
                        lambda *args, **kwargs: repairs.append(1) or repair(*args, **kwargs))
    bias = model.deprel.scorer.W_bilin.bias
    nsubj = model.vocab["deprel"].unit2id("nsubj") - VOCAB_PREFIX_SIZE
    with torch.no_grad():
        bias[nsubj] += 4
    try:
        assert all(_compare_with_stanzas(attributor, monkeypatch, GraphParser, _equal_parses, method="predict"))
    finally:
        with torch.no_grad():
            bias[nsubj] -= 4
    assert repairs


def test_remembered_character_ids_stay_bounded(attributor, monkeypatch):
    """On an endless stream of new words the cache of each word's character ids is emptied when full; the
    ids stay stanza's."""
    from quoteattr import fastpaths

    vocab = attributor.pipeline.processors["pos"].vocab["char"]
    monkeypatch.setattr(fastpaths, "REMEMBERED_LISTS", 5)
    vocab.__dict__.pop("_quoteattr_map", None)
    words = [f"word{i}" for i in range(23)]
    for word in words:
        assert vocab.map(word) == type(vocab).map.__wrapped__(vocab, word)
        assert len(vocab.__dict__["_quoteattr_map"]) <= 5


def test_row_groups_only_for_rows_that_repeat():
    from quoteattr.fastpaths import _row_groups

    embedded = torch.randn(3, 5)[torch.tensor([2, 0, 2, 2, 1, 0, 2, 2, 0, 2, 1, 2])]
    rows, order, sizes = _row_groups(embedded)
    assert sorted(sizes) == [2, 3, 7] and sorted(order.tolist()) == list(range(12))
    for row, members in zip(rows, order.split(sizes)):
        assert all(torch.equal(embedded[member], row) for member in members)
    assert _row_groups(torch.randn(12, 5)) is None  # all distinct: torch's bilinear is the faster


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.integers(0, 500), max_size=12), min_size=1, max_size=8).filter(
    lambda rows: any(rows)), st.integers(0, 3))
def test_padding_equals_stanzas(attributor, rows, extra_rows):
    from stanza.models.common import data

    attributor.pipeline
    fast = data.get_long_tensor
    assert fast.quoteattr_fast_path
    assert torch.equal(fast(rows, len(rows) + extra_rows), fast.__wrapped__(rows, len(rows) + extra_rows))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=15), st.sampled_from(["Number=Sing", "Mood=Ind|Tense=Past|VerbForm=Fin", "_",
                                               "Case=Nom|Number=Plur|Person=3|PronType=Prs", "Bogus=Value"]))
def test_cached_vocabulary_lookups_equal_stanzas(attributor, word, feats):
    vocab = attributor.pipeline.processors["pos"].vocab
    chars, feature_vocab = vocab["char"], vocab["feats"]
    for _ in range(2):  # the second time from the cache
        ids = chars.map(list(word))
        assert ids == type(chars).map.__wrapped__(chars, list(word))
        ids.append(-1)  # a caller changing its list leaves the cache alone
        found = feature_vocab.unit2id(feats)
        assert found == type(feature_vocab).unit2id.__wrapped__(feature_vocab, feats)
        found.append(-1)


@pytest.mark.parametrize("text", TEXTS, ids=[f"text{i}" for i in range(len(TEXTS))])
def test_tokenizer_features_equal_stanzas(attributor, text):
    import numpy as np
    from stanza.models.tokenization.data import TokenizationDataset

    tokenizer = attributor.pipeline.processors["tokenize"]
    fast = TokenizationDataset.para_to_sentences
    assert fast.quoteattr_fast_path
    data = TokenizationDataset(tokenizer.config, input_text=text, vocab=tokenizer.vocab, evaluation=True,
                               dictionary=tokenizer.trainer.dictionary)
    for paragraph in data.data:
        for mine, theirs in zip(fast(data, paragraph), fast.__wrapped__(data, paragraph), strict=True):
            for a, b in zip(mine, theirs, strict=True):
                if isinstance(a, np.ndarray):
                    assert a.dtype == b.dtype and a.shape == b.shape and (a == b).all()
                else:
                    assert a == b


def test_other_lemmatisers_read_a_stanza_document(attributor, monkeypatch):
    """A lemmatiser that is not dictionary-only gets stanza's own Document; the identity lemmatiser, which
    gives each word its text, shows the lemmas come back in order."""
    lemmatizer = attributor.pipeline.processors["lemma"]
    monkeypatch.setattr(lemmatizer, "_use_identity", True)
    sentences = _sentences(attributor, TEXTS[1])
    table = wordtable.tag(attributor.pipeline, sentences)
    assert table.values["lemma"] == [w.text for s in sentences for w in s.words]
