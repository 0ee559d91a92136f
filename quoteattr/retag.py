"""Retag: corrections of the tagger's systematic slips, made before the parser reads the tags.

The parser takes the tags as given, so one wrong tag can hang a speaker's whole appositive on the wrong
word. Ten slips matter to attribution, and each has a sure sign in the text:
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
  claims were rejected", "Smith claims of abuse" keep theirs); so is any -s form before an infinitive
  after the noun phrase that opens a clause with no other finite verb ("said Mohamed wishes to use ...",
  "the campaign plans to make ..."), and any -s form after "he", "she" or "it" ("She then urges her
  husband ..."); a reporting verb opens a clause too;
- a present or imperative form right after "and" or "or" whose nearest verb before is an infinitive with
  "to" is an infinitive too ("plans to raise taxes on the rich and give tax breaks"), not a finite verb;
- a reporting verb's -ing form right after a form of "be" or a comma is its progressive or participle
  ("Trump is warning voters that ...", "..., warning that ..."), not a noun;
- an inflected reporting verb opening the sentence before a name or a noun phrase and its colon or comma
  is the verb ('Said Ellis: "..."'), not a name;
- a capitalised singular noun inside the sentence, alone after a comma, a closing quote or "and", right
  before a reporting verb is its subject's name ('..." Water said', a misspelt "Waters"), not a noun;
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
_SINGULAR_SUBJECT_PRONOUNS = frozenset({"he", "she", "it"})
_OPENING_SUBJECT_WORDS = 4  # 'Adds the city's mayor,'
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
        elif i == 0 and (lemma := _reporting_verb_opening_the_sentence(words)):
            _set(word, "VERB", "VBZ" if word.lower.endswith("s") else "VBD", "Mood=Ind|VerbForm=Fin", lemma)
        elif mixed_case and _is_name_before_reporting_verb(words, i):
            _set(word, "PROPN", "NNP", "Number=Sing", word.text)
        elif (_is_listed_verb_after_opening_name(words, i) or _is_verb_before_infinitive_of_verbless_clause(words, i)
              or _is_verb_after_a_subject_pronoun(words, i)):
            _set(word, "VERB", "VBZ", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", word.lemma)
        elif _is_infinitive_after_coordination(words, i):
            _set(word, "VERB", "VB", "VerbForm=Inf", word.lemma)
        elif lemma := _progressive_reporting_verb(words, i):
            _set(word, "VERB", "VBG", "VerbForm=Ger", lemma)
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
    if name > 0 and not _opens_clause(words[name - 1]):
        return False
    nxt = words[i + 1] if i + 1 < len(words) else None
    return nxt is not None and (nxt.upos not in _NOT_AN_OBJECT or nxt.lower == "that")


def _is_verb_before_infinitive_of_verbless_clause(words: list[Word], i: int) -> bool:
    """'In addition, the campaign plans to make records available, a spokesman announced': an -s form after
    the noun phrase that opens a clause, before an infinitive, is the clause's verb when no finite verb
    follows (up to an attribution closing the sentence); "Union plans to expand were dropped" keeps its
    noun."""
    word = words[i]
    if word.xpos != "NNS" or not word.text.islower() or i == 0 or i + 2 >= len(words):
        return False
    if words[i + 1].lower != "to" or words[i + 2].xpos != "VB" or words[i - 1].upos not in ("NOUN", "PROPN"):
        return False  # (not 'asking religious schools to pay': the adjective's noun)
    start = i - 1
    while start >= 0 and words[start].upos in _NOUN_PHRASE_TAGS:
        start -= 1
    if start == i - 1 or (start >= 0 and not _opens_clause(words[start])):
        return False
    for k in range(i + 3, len(words)):
        if words[k].text == "," and _closing_attribution(words[k + 1:]):
            return True
        if words[k].xpos in _FINITE_XPOS:
            return False
    return True


def _reporting_verb_opening_the_sentence(words: list[Word]) -> str | None:
    """'Said Ellis: "I don't …"', 'Adds the mayor, "…"': an inflected reporting verb opening the sentence
    before a name or a noun phrase and its colon or comma is the verb, not a name ("Said"). Its lemma."""
    word = words[0]
    lemma = _reporting_forms().get(word.lower)
    if word.upos not in ("PROPN", "NOUN") or lemma is None or lemma == word.lower or not word.text[:1].isupper():
        return None
    for k in range(1, min(len(words), _OPENING_SUBJECT_WORDS + 2)):
        if words[k].text in ":,":
            return lemma if k > 1 and any(w.upos in ("PROPN", "NOUN") for w in words[1:k]) else None
        if words[k].upos not in _NOUN_PHRASE_TAGS:
            return None
    return None


def _is_name_before_reporting_verb(words: list[Word], i: int) -> bool:
    """A capitalised singular noun inside the sentence, alone after a comma, a closing quote or "and", as the
    subject of a reporting verb: a name ('..." Water said', a surname misspelt into a common noun)."""
    word = words[i]
    if word.xpos != "NN" or not (word.text[:1].isupper() and word.text[1:].islower()) or i == 0:
        return False
    if not (words[i - 1].text == "," or words[i - 1].xpos == "''" or words[i - 1].lower == "and"):
        return False
    verb = words[i + 1] if i + 1 < len(words) else None
    return (verb is not None and verb.xpos in ("VBD", "VBZ") and verb.lemma in lexicon("reporting_verbs"))


def _is_verb_after_a_subject_pronoun(words: list[Word], i: int) -> bool:
    """"She then urges her husband to ...": no noun phrase has he, she or it before its noun; an -s form
    after one (and its adverbs) is its verb."""
    if words[i].xpos != "NNS" or not words[i].text.islower():
        return False
    k = i - 1
    while k >= 0 and words[k].upos == "ADV":
        k -= 1
    return k >= 0 and words[k].lower in _SINGULAR_SUBJECT_PRONOUNS and words[k].upos == "PRON"


def _is_infinitive_after_coordination(words: list[Word], i: int) -> bool:
    """"plans to raise taxes on the rich and give tax breaks": a present or imperative form (the tagger's VB
    may carry finite features) right after "and" or "or", whose nearest verb before is an infinitive with
    "to" (no finite verb, relative word or clause boundary between), is an infinitive coordinated with it."""
    word = words[i]
    if word.upos != "VERB" or word.xpos not in ("VB", "VBP") or "VerbForm=Inf" in word.feats or i < 3:
        return False  # (not an auxiliary: 'seeking to confirm their address and have not cast a ballot')
    if words[i - 1].lower not in ("and", "or"):
        return False
    for k in range(i - 2, 0, -1):
        before = words[k]
        if before.upos in ("VERB", "AUX"):
            return before.xpos == "VB" and words[k - 1].lower == "to"
        if before.text in ";:" or before.upos in ("PRON", "SCONJ") and before.xpos not in ("PRP$", "WP$"):
            return False
    return False


def _progressive_reporting_verb(words: list[Word], i: int) -> str | None:
    """"Trump is warning voters that ...", "..., warning that Britain's exit ...": a reporting verb's -ing
    form right after a form of "be" or a comma is its progressive or participle, not a noun (a noun there
    would need its determiner: "is a warning", ", a warning that"). Its lemma."""
    word = words[i]
    if word.xpos != "NN" or not word.lower.endswith("ing") or i == 0:
        return None
    if words[i - 1].lemma != "be" and words[i - 1].text != ",":
        return None
    return _reporting_forms().get(word.lower)


def _reporting_forms() -> dict[str, str]:
    """Every form of every reporting verb, mapped to its lemma (quoteattr.cues.verb_forms)."""
    from quoteattr.cues import verb_forms  # (cues reads parse's sentences; parse calls retag)

    return verb_forms()


def _opens_clause(before: Word) -> bool:
    """The word before a name that opens a clause: a conjunction, a comma, or the reporting verb whose
    complement it begins ("said Mohamed wishes to ...")."""
    return (before.upos in ("SCONJ", "CCONJ") or before.text == ","
            or (before.upos == "VERB" and before.lemma in lexicon("reporting_verbs")))


def _is_verb_after_according_to(words: list[Word], i: int) -> bool:
    word = words[i]
    return (word.upos in ("VERB", "AUX") and word.text[:1].islower() and i >= 2
            and words[i - 1].lower == "to" and words[i - 2].lower == "according")


def _is_acronym(word: Word) -> bool:
    return word.upos in _FUNCTION_TAGS and len(word.text) > 1 and word.text.isupper() and word.text.isalpha()


def _set(word: Word, upos: str, xpos: str, feats: str, lemma: str) -> None:
    word.upos, word.xpos, word.feats, word.lemma = upos, xpos, feats, lemma
