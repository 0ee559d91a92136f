"""Properties over generated input: only documented exceptions, spans true to the text, quote contents
that never overlap, the same output for the same input, and no pathological regular expressions."""
from __future__ import annotations

import functools
import os
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quoteattr.cues import might_hold_cue
from quoteattr.marks import find_quoted
from quoteattr.segment import clean, paragraphs

MARKS = '"“”„‟«»‹›‘’\'「」'
NEWS_WORDS = ["said", "told", "he", "she", "they", "Mayor", "Ann", "Lee", "the", "city", "that", "will",
              "according", "to", ",", ".", ":", "—", "\n", "ICE", "(", ")", "announced", "a", "spokesperson"]

random_text = st.text(max_size=300)
mark_soup = st.text(alphabet=MARKS + " abc.,\n", max_size=200)
news_like = st.lists(st.sampled_from(NEWS_WORDS + list(MARKS)), max_size=80).map(" ".join)
no_punctuation = st.lists(st.sampled_from(["said", "the", "Mayor", "Lee", "word", "that"]),
                          min_size=50, max_size=400).map(" ".join)
# The benchmarks' fuzz suite runs these properties with many times the examples (QUOTEATTR_PROPERTY_SCALE).
SCALE = int(os.environ.get("QUOTEATTR_PROPERTY_SCALE", "1"))
PROFILE = settings(max_examples=150 * SCALE, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_result(text, result):
    assert result.text is text
    for quote in result.quotes:
        spans = list(quote.content) + [quote.cue] + [quote.speaker.mention if quote.speaker else None]
        for span in filter(None, spans):
            assert text[span.start:span.end] == span.text
    for entity in result.entities:
        for span in entity.mentions:
            assert text[span.start:span.end] == span.text
    contents = sorted((s.start, s.end) for q in result.quotes for s in q.content)
    for (_, end), (start, _) in zip(contents, contents[1:]):
        assert end <= start, "quote contents overlap"


@pytest.mark.parametrize("strategy", [random_text, mark_soup, news_like], ids=["unicode", "mark-soup", "news-like"])
def test_any_text_gives_true_spans_and_no_overlap(attributor, strategy):
    @PROFILE
    @given(strategy)
    def run(text):
        check_result(text, attributor(text))

    run()


# Texts the properties once failed on, kept so that every run tries them.
FOUND = [
    "said he , . , said",  # commas before the verb around punctuation alone: an empty appositive
]


@pytest.mark.parametrize("text", FOUND)
def test_texts_that_once_failed(attributor, text):
    check_result(text, attributor(text))


@settings(max_examples=10 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(no_punctuation)
def test_long_paragraphs_without_punctuation(attributor, text):
    check_result(text, attributor(text))


@settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(news_like)
def test_same_input_same_output(attributor, text):
    assert attributor(text) == attributor(text)


@pytest.mark.parametrize("text", [
    "“" * 20000, '"' * 20001, "«»" * 10000, "'" * 20000, "(" * 5000 + "ABC)" * 3000,
    "A " * 20000 + "(AB)", "said " * 5000, "according to " * 3000, "\n" * 20000, "—" * 20000,
])
def test_pathological_inputs_stay_linear(text):
    """The cheap passes (marks, cue pre-filter, acronyms) on adversarial input, each bounded by the regex
    module's timeout where a regular expression is involved."""
    from quoteattr.entities import acronym_definitions

    cleaned = clean(text)
    find_quoted(cleaned, paragraphs(cleaned))
    might_hold_cue(cleaned)
    acronym_definitions(cleaned)


def test_threads_give_the_sequential_results(attributor):
    texts = [f'"Point number {i} stands," Mayor Ann Lee said. Lee told reporters that {i} was enough.'
             for i in range(8)]
    expected = [attributor(t) for t in texts]
    results = [None] * len(texts)

    def work(i):
        results[i] = attributor(texts[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected


@st.composite
def arc_scores(draw):
    """Log-softmax arc scores whose best heads often, not always, form a one-root tree; with heads drawn
    among all words, not only earlier ones, they often form cycles; with several strong root arcs, several
    words are on the root."""
    import numpy as np

    n = draw(st.integers(2, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    cycles = draw(st.booleans())
    scores = rng.normal(size=(n, n))
    for dependent in range(1, n):
        head = rng.integers(1, n) if cycles else rng.integers(0, dependent)
        scores[dependent, head] += draw(st.sampled_from([0.5, 4.0, 9.0]))
    scores[1:, 0] -= 3
    roots = rng.choice(np.arange(1, n), size=min(n - 1, draw(st.integers(1, 3))), replace=False)
    scores[roots, 0] += 12  # several strong root arcs: the best heads put several words on the root
    scores -= np.log(np.exp(scores).sum(axis=1, keepdims=True))
    return scores.astype("float32")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(arc_scores())
def test_fast_tree_decoding_equals_stanzas_search(attributor, scores):
    from stanza.models.depparse import model as depparse_model

    attributor.pipeline  # installs the fast path
    fast = depparse_model.chuliu_edmonds_one_root
    assert fast.quoteattr_fast_path
    assert fast(scores.copy()).tolist() == _pristine_stanza_search().chuliu_edmonds_one_root(scores.copy()).tolist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=31))
def test_cycle_finding_equals_stanzas_tarjan(heads):
    import numpy as np
    from quoteattr.fastpaths import _cycles

    tree = np.array([0] + [h % (len(heads) + 1) for h in heads])
    expected = _pristine_stanza_search().tarjan(tree)
    assert [c.tolist() for c in _cycles(tree)] == [c.tolist() for c in expected]


@st.composite
def tokeniser_predictions(draw):
    """Paragraphs as the tokeniser's data set reads them (characters, padding after some), the original
    text they came from (more white space between and inside), and a prediction per character (0 inside a
    token, 1 token end, 2 sentence end, 3 and 4 the same for a multi-word token)."""
    paragraphs = draw(st.lists(st.text(alphabet="ab.' \u00a0", min_size=1, max_size=30), min_size=1, max_size=4))
    raw = [list(para) + ["<PAD>"] * draw(st.integers(0, 2)) for para in paragraphs]
    preds = [draw(st.lists(st.integers(0, 4), min_size=len(r), max_size=len(r))) for r in raw]
    if draw(st.booleans()):
        for para, pred in zip(paragraphs, preds):
            pred[len(para) - 1] = max(pred[len(para) - 1], 2)  # as stanza's predict ends every paragraph
    text = "\n\n".join(para.replace(" ", draw(st.sampled_from([" ", "  ", "\n"]))) for para in paragraphs)
    return text, raw, preds, draw(st.booleans())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tokeniser_predictions())
def test_tokens_decoded_by_token_equal_stanzas(attributor, drawn):
    import numpy as np
    from stanza.models.tokenization import utils

    text, raw, preds, no_ssplit = drawn
    vocab = attributor.pipeline.processors["tokenize"].vocab  # building the pipeline installs the fast path
    fast = utils.decode_predictions
    assert fast.quoteattr_fast_path
    results = []
    for decode in (fast, fast.__wrapped__):
        try:
            results.append(decode(vocab, None, text, raw, [np.array(p) for p in preds], no_ssplit, False, False))
        except (ValueError, AssertionError) as error:
            results.append((type(error), str(error)))
    assert results[0] == results[1]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=6), st.sampled_from(["the", "The", "SAID", "_", "<UNK>", "NOUN"]),
                          st.none()), max_size=12))
def test_vocabulary_lookups_equal_stanzas(attributor, units):
    """The word, lemma, tag and relation vocabularies of the tagger and parser (lower-cased words, tags with
    an ignored '_'): the same ids, and the same units back. Composite and character vocabularies keep
    stanza's code."""
    from stanza.models.common.vocab import BaseVocab, CharVocab, CompositeVocab

    pipeline = attributor.pipeline
    vocabs = [v for name in ("pos", "depparse") for v in pipeline.processors[name].vocab._vocabs.values()]
    for vocab in vocabs:
        if isinstance(vocab, (CharVocab, CompositeVocab)):
            continue
        if vocab.lower:
            units = [unit for unit in units if unit is not None]  # stanza lower-cases without a check
        assert BaseVocab.map(vocab, units) == BaseVocab.map.__wrapped__(vocab, units)
        ids = list(range(len(vocab)))
        assert BaseVocab.unmap(vocab, ids) == BaseVocab.unmap.__wrapped__(vocab, ids)
    assert len(vocabs) > 8


@functools.cache
def _pristine_stanza_search():
    """A fresh copy of stanza's tree search module, untouched by quoteattr's patches."""
    import importlib.util
    from stanza.models.common import chuliu_edmonds

    spec = importlib.util.spec_from_file_location("stanza_chuliu_edmonds_pristine", chuliu_edmonds.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
