"""Retag: corrections of the tagger's systematic slips, made before the parser reads the tags.

The parser takes the tags as given, so one wrong tag can hang a speaker's whole appositive on the wrong
word. Two slips matter to attribution, and both have a sure sign in the text:
- an all-capital word in mixed-case text is an acronym ("The WHO said", "US officials"), not the pronoun
  or preposition its lower-case spelling is;
- a title word right after a name and its comma opens an appositive role ("Khaled Al-Maeena, editor at
  large", "K.C. Maurer, chief financial officer"): a noun, or the adjective of the title that follows,
  never a verb.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from quoteattr.lexicons import lexicon

if TYPE_CHECKING:  # parse calls retag: import its types for annotations only
    from quoteattr.parse import Sentence, Word

_FUNCTION_TAGS = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART"})


def retag(sentence: Sentence) -> None:
    """Correct the sentence's tags in place."""
    words = sentence.words
    mixed_case = any(w.text[:1].islower() for w in words)  # a headline in capitals keeps the tagger's reading
    for i, word in enumerate(words):
        if mixed_case and _is_acronym(word):
            _set(word, "PROPN", "NNP", "Number=Sing", word.text)
        elif word.upos == "VERB" and i >= 2 and words[i - 1].text == "," and words[i - 2].upos == "PROPN" \
                and word.lower in lexicon("titles"):
            following = words[i + 1] if i + 1 < len(words) else None
            if following is not None and (following.upos in ("NOUN", "PROPN") or following.lower in lexicon("titles")):
                _set(word, "ADJ", "JJ", "Degree=Pos", word.lower)  # "chief financial officer"
            else:
                _set(word, "NOUN", "NN", "Number=Sing", word.lower)  # "editor at large"


def _is_acronym(word: Word) -> bool:
    return word.upos in _FUNCTION_TAGS and len(word.text) > 1 and word.text.isupper() and word.text.isalpha()


def _set(word: Word, upos: str, xpos: str, feats: str, lemma: str) -> None:
    word.upos, word.xpos, word.feats, word.lemma = upos, xpos, feats, lemma
