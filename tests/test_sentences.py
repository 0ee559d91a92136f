"""Sentence boundaries quoteattr corrects after stanza's tokeniser (quoteattr.parse)."""
import pytest

from quoteattr.parse import _rejoined_after_titles, _split_before_opening_quotes


def _tokens(text: str, words: str, *cuts: int) -> list[list[tuple[int, int, list[str]]]]:
    """The space-separated words, found in turn in the text, as tokens, in sentences cut before the given
    token numbers."""
    tokens, cursor = [], 0
    for word in words.split():
        start = text.index(word, cursor)
        cursor = start + len(word)
        tokens.append((start, cursor, [word]))
    bounds = [0, *cuts, len(tokens)]
    return [tokens[a:b] for a, b in zip(bounds, bounds[1:])]


def _texts(sentences):
    return [[w for token in sentence for w in token[2]] for sentence in sentences]


def test_a_title_does_not_end_a_sentence():
    text = '"Fine," said Sen. Maria Lopez.'
    tokens = _tokens(text, '" Fine , " said Sen. Maria Lopez .', 6)
    assert _texts(tokens)[0][-1] == "Sen."
    assert len(_rejoined_after_titles(tokens, text)) == 1


def test_a_title_cut_from_its_full_stop_is_one_token_again():
    text = "He thanked Rep. Tom Hale."
    tokens = _tokens(text, "He thanked Rep . Tom Hale .", 4)
    assert _texts(_rejoined_after_titles(tokens, text)) == [["He", "thanked", "Rep.", "Tom", "Hale", "."]]


def test_a_sentence_opener_after_a_title_starts_a_sentence():
    text = "He met the Gov. The talks were short."
    tokens = _tokens(text, "He met the Gov. The talks were short .", 4)
    assert len(_rejoined_after_titles(tokens, text)) == 2


def test_an_opening_quote_after_a_full_stop_starts_a_sentence():
    text = 'Ozone has dropped since the Act. "Despite more cars, it fell," she said.'
    (sentence,) = _tokens(text, 'Ozone has dropped since the Act . " Despite more cars , it fell , " she said .')
    split = _split_before_opening_quotes([sentence], text)
    assert [s[0][2] for s in split] == [["Ozone"], ['"']]
    text = 'Ozone dropped since the Act. "despite cars," she said.'
    (lower,) = _tokens(text, 'Ozone dropped since the Act . " despite cars , " she said .')
    assert _split_before_opening_quotes([lower], text) == [lower]  # no capital after the mark


def test_a_closing_quote_after_a_full_stop_stays():
    text = 'She said "It is over." Then she left.'
    (sentence,) = _tokens(text, 'She said " It is over . " Then she left .')
    assert len(_split_before_opening_quotes([sentence], text)) == 1


def test_a_parataxis_attribution_is_the_run_around_its_verb():
    """'WASHINGTON ― The plan is an insult, lawmakers said.' with the dateline hung on "said" by the parser:
    the reported clause is still the one before the attribution."""
    from quoteattr.cues import find_cues
    from quoteattr.marks import QuotedRanges
    from quoteattr.parse import Sentence, Word
    from quoteattr.quotes import _postposed_clause

    rows = [("WASHINGTON", "PROPN", 9, "nsubj"), ("―", "PUNCT", 0, "punct"), ("The", "DET", 3, "det"),
            ("plan", "NOUN", 6, "nsubj"), ("is", "AUX", 6, "cop"), ("an", "DET", 6, "det"),
            ("insult", "NOUN", -1, "root"), (",", "PUNCT", 9, "punct"), ("lawmakers", "NOUN", 9, "nsubj"),
            ("said", "VERB", 6, "parataxis"), (".", "PUNCT", 6, "punct")]
    words, cursor = [], 0
    for i, (text, upos, head, deprel) in enumerate(rows):
        words.append(Word(index=i, text=text, start=cursor, end=cursor + len(text), upos=upos,
                          xpos="VBZ" if text == "is" else ("VBD" if text == "said" else ""),
                          feats="VerbForm=Fin" if text in ("is", "said") else "",
                          lemma="say" if text == "said" else text.lower(), head=head, deprel=deprel))
        cursor += len(text) + 1
    sentence = Sentence(index=0, paragraph=0, start=0, end=cursor - 1, words=words, tagged=True, parsed=True)
    (cue,) = [c for c in find_cues(sentence, QuotedRanges([])) if c.word.text == "said"]
    clause, how = _postposed_clause(sentence, cue)
    assert how == "postposed" and [w.text for w in clause][-4:] == ["is", "an", "insult", ","]


LONG_RUNS = {  # runs no word is as long as: data, links, a table squeezed onto one line
    "letters": "a" * 1000,
    "base64": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" * 60,
    "link": "https://example.com/track?id=" + "Zx9-" * 400,
    "over a chunk": "Zm9vYmFy" * 15_000,  # longer than parse.TOKENIZE_CHUNK: cut in pieces
}


@pytest.mark.parametrize("run", LONG_RUNS.values(), ids=LONG_RUNS.keys())
def test_a_run_too_long_for_a_word_is_one_word_and_leaves_the_quotes_around_it(attributor, run):
    """stanza's tokeniser reads a paragraph 1,000 characters at a time: a run that filled its window took
    the quotation mark after it into its token, and the quote was lost (and the run's URL expression took
    time in the square of its length)."""
    from quoteattr import parse

    text = (f'{run} "We will rebuild the bridge," Mayor Ann Lee said.\n\n'
            f'The mayor said the plan {run} was final.')
    result = attributor(text)
    assert [(q.kind, q.speaker.name if q.speaker else None) for q in result.quotes][:1] == [("direct", "Ann Lee")]
    assert result.quotes[0].text == "We will rebuild the bridge,"
    if len(run) < parse.TOKENIZE_CHUNK:  # a longer run is cut into paragraphs of a chunk, its sentence with it
        assert any(q.kind == "indirect" and run in q.text for q in result.quotes)
    windows = [attributor_paragraphs(text)]
    words = [w for sentence in parse.tokenize(attributor.pipeline, windows)[0] for w in sentence.words]
    runs = [w for w in words if len(w.text) > 1 and text[w.start:w.end].startswith(run[:50])]
    assert len(run) > parse.TOKENIZE_CHUNK or [(w.start, w.end) for w in runs] == [
        (0, len(run)), (text.index(run, len(run)), text.index(run, len(run)) + len(run))]
    assert all(text[w.start:w.end] == w.text for w in words if w not in runs and not w.text.startswith("<"))


def attributor_paragraphs(text):
    from quoteattr.segment import clean, paragraphs

    return paragraphs(clean(text))
