"""Retag: corrections of the tagger's systematic slips, made before the parser reads the tags.

The parser takes the tags as given, so one wrong tag can hang a speaker's whole appositive on the wrong
word. Six slips matter to attribution, and each has a sure sign in the text:
- an all-capital word in mixed-case text is an acronym ("The WHO said", "US officials"), not the pronoun
  or preposition its lower-case spelling is;
- a title word right after a name and its comma opens an appositive role ("Khaled Al-Maeena, editor at
  large", "K.C. Maurer, chief financial officer"): a noun, or the adjective of the title that follows,
  never a verb;
- a main clause needs a finite verb: a past participle with no auxiliary right after the noun phrase that
  opens the sentence ("Residents complained of ..."), with no finite verb after it before a subordinate
  clause begins, is the clause's past tense, not a passive ("Residents interviewed on Tuesday said ..."
  keeps its participle; the verb of a short attribution closing the sentence, ", sources said.", is not
  the clause's);
- a name that opens a clause (the sentence, or after a conjunction or a comma) is followed by its verb: a
  reporting or naming verb's -s form right after it, or any -s form after it and a manner adverb, before
  what can start an object or a clause ("Paris claims she was ...", "though Lynch notes they ...", "Bill
  Clinton calls Obamacare ...", "Trump openly admires Putin"), is the verb, not a plural noun ("Union
  claims were rejected", "Smith claims of abuse" keep theirs);
- "according to" is a preposition whose object is a noun phrase: a lower-case word right after it is no
  verb ("according to curator Elaine Gustafon", not an infinitive "to curator");
- a lone apostrophe is a possessive only after an s ("the workers' union", "Jesus'"): after any other
  letter it closes a single quotation ("are 'a disaster' for schools"), punctuation, not a particle.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from quoteattr.lexicons import lexicon

if TYPE_CHECKING:  # parse calls retag: import its types for annotations only
    from quoteattr.parse import Sentence, Word

_FUNCTION_TAGS = frozenset({"PRON", "DET", "ADP", "AUX", "CCONJ", "SCONJ", "PART"})
_NOUN_PHRASE_TAGS = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN"})
_FINITE_XPOS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOT_AN_OBJECT = frozenset({"VERB", "AUX", "PUNCT", "ADP", "CCONJ", "SCONJ", "PART"})  # "claims were", "claims of"
_ATTRIBUTION_WORDS = 6  # '..., a spokesman for the ministry said.'
_CLAUSE_OPENERS = frozenset({"that", "which", "who", "whom", "whose", "where", "when", "because", "while",
                             "although", "though", "after", "before", "if", "as", "since", "until"})


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
        elif mixed_case and _is_bare_participle_of_main_clause(words, i):
            _set(word, "VERB", "VBD", "Mood=Ind|Tense=Past|VerbForm=Fin", word.lemma)
        elif _is_listed_verb_after_opening_name(words, i):
            _set(word, "VERB", "VBZ", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", word.lemma)
        elif _is_verb_after_according_to(words, i):
            _set(words[i - 1], "ADP", "IN", "", "to")
            if word.xpos == "VBZ":
                _set(word, "NOUN", "NNS", "Number=Plur", word.lemma)  # "according to reports"
            else:
                _set(word, "NOUN", "NN", "Number=Sing", word.lower)
        elif word.upos == "PART" and word.text in ("'", "’") and i and words[i - 1].end == word.start \
                and words[i - 1].text[-1:].isalpha() and words[i - 1].text[-1:].lower() not in "sxz":
            _set(word, "PUNCT", "''", "", word.text)


def _is_bare_participle_of_main_clause(words: list[Word], i: int) -> bool:
    word = words[i]
    if word.xpos != "VBN" or i == 0 or i + 1 >= len(words) or words[i + 1].lower == "by":
        return False
    if words[i - 1].upos not in ("NOUN", "PROPN") or any(w.upos not in _NOUN_PHRASE_TAGS for w in words[:i]):
        return False
    for k in range(i + 1, len(words)):
        later = words[k]
        if later.lower in _CLAUSE_OPENERS or later.upos == "SCONJ":
            return True
        if later.text == "," and _closing_attribution(words[k + 1:]):
            return True  # '..., sources said.': the finite verb after the comma is the attribution's
        if later.xpos in _FINITE_XPOS:
            return False
    return True


def _closing_attribution(words: list[Word]) -> bool:
    """A short attribution that ends the sentence: a few words with one finite verb ('sources said.')."""
    content = [w for w in words if w.upos != "PUNCT"]
    return (2 <= len(content) <= _ATTRIBUTION_WORDS and words[-1].upos == "PUNCT"
            and sum(w.xpos in _FINITE_XPOS for w in content) == 1)


def _is_listed_verb_after_opening_name(words: list[Word], i: int) -> bool:
    word = words[i]
    if word.xpos != "NNS" or not word.text.islower() or not word.lower.endswith("s"):
        return False
    manner = i > 0 and words[i - 1].upos == "ADV" and words[i - 1].lower.endswith("ly")  # "Trump openly admires"
    if not (manner or word.lemma in lexicon("reporting_verbs") or word.lemma in lexicon("naming_verbs")):
        return False  # (no noun phrase puts a manner adverb between a name and its noun: any verb will do)
    name = i - 2 if manner else i - 1
    if name < 0 or words[name].upos != "PROPN":
        return False
    while name > 0 and words[name - 1].upos in ("PROPN", "NOUN", "ADJ"):
        name -= 1  # back to the start of the name and its title
    if name > 0 and not (words[name - 1].upos in ("SCONJ", "CCONJ") or words[name - 1].text == ","):
        return False
    nxt = words[i + 1] if i + 1 < len(words) else None
    return nxt is not None and (nxt.upos not in _NOT_AN_OBJECT or nxt.lower == "that")


def _is_verb_after_according_to(words: list[Word], i: int) -> bool:
    word = words[i]
    return (word.upos in ("VERB", "AUX") and word.text[:1].islower() and i >= 2
            and words[i - 1].lower == "to" and words[i - 2].lower == "according")


def _is_acronym(word: Word) -> bool:
    return word.upos in _FUNCTION_TAGS and len(word.text) > 1 and word.text.isupper() and word.text.isalpha()


def _set(word: Word, upos: str, xpos: str, feats: str, lemma: str) -> None:
    word.upos, word.xpos, word.feats, word.lemma = upos, xpos, feats, lemma
