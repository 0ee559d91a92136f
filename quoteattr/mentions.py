"""Speaker mentions: the words at a cue that name who spoke.

The parse is asked first (the cue's subject, the agent of a passive, the subject of the verb a cue is
coordinated with); where the small parser gives nothing usable, the noun phrase next to the cue is read off
the tags (``"...," said Sen. Jane Smith``, ``"...," a spokesperson told``).
"""
from __future__ import annotations

from collections.abc import Sequence

from quoteattr.cues import Cue
from quoteattr.lexicons import lexicon
from quoteattr.parse import Sentence, Word

SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubj:outer"})
# Branches of a subject that are not part of the name: an appositive is its role, a relative clause or
# a parenthetical says something else about it.
NOT_IN_MENTION = frozenset({
    "punct", "appos", "acl", "acl:relcl", "parataxis", "ccomp", "advcl", "conj", "cc", "dep", "list",
    "discourse", "vocative", "reparandum",
})
NOMINAL_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"})
# Inside a noun phrase read off the tags: "of" and a possessive join its parts.
JOINERS = frozenset({"of", "'s", "’s", "for", "and", "&"})
EXPLETIVES = frozenset({"it", "there"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "him", "her", "them"})


def _is_nominal(word: Word) -> bool:
    return word.upos in NOMINAL_TAGS or (word.text[:1].isupper() and word.upos not in ("PUNCT", "VERB", "AUX"))


def _outside(words: Sequence[Word], quoted: Sequence[tuple[int, int]]) -> list[Word]:
    return [w for w in words if not any(s <= w.start < e for s, e in quoted)]


def _contiguous(words: list[Word], head: Word) -> list[Word]:
    """The longest run of consecutive words holding ``head`` (a mention is one stretch of text)."""
    by_index = {w.index for w in words}
    lo = hi = head.index
    while lo - 1 in by_index:
        lo -= 1
    while hi + 1 in by_index:
        hi += 1
    return [w for w in words if lo <= w.index <= hi]


def _trim(words: list[Word]) -> list[Word]:
    while words and (words[-1].upos == "PUNCT" or words[-1].lower in JOINERS):
        words = words[:-1]
    while words and (words[0].upos == "PUNCT" or words[0].lower in JOINERS):
        words = words[1:]
    return words


def _name_word(word: Word) -> bool:
    return word.text[:1].isupper() and (word.upos == "PROPN" or word.lower in lexicon("titles"))


def _widen_name(sentence: Sentence, words: list[Word], quoted) -> list[Word]:
    """Take in the capitalised name and title words the parser attached elsewhere ("Acting" in "Acting ICE
    Director Patrick Lechleitner", "President" beside "Biden")."""
    first, last = words[0].index, words[-1].index
    while first > 0 and _name_word(sentence.words[first - 1]) and not _inside(sentence.words[first - 1], quoted):
        first -= 1
    while (last + 1 < len(sentence.words) and sentence.words[last + 1].upos == "PROPN"
           and _name_word(sentence.words[last]) and not _inside(sentence.words[last + 1], quoted)):
        last += 1
    return sentence.words[first:last + 1]


def _inside(word: Word, quoted) -> bool:
    return any(s <= word.start < e for s, e in quoted)


def noun_phrase(sentence: Sentence, head: Word, quoted: Sequence[tuple[int, int]] = ()) -> list[Word]:
    """The mention headed by ``head``: its subtree without appositives, clauses and quoted words."""
    words = _outside(sentence.subtree(head, NOT_IN_MENTION), quoted)
    if head not in words:
        return []
    words = _trim(_contiguous(words, head))
    return _widen_name(sentence, words, quoted) if words else words


def _phrase_after(sentence: Sentence, index: int, quoted) -> list[Word]:
    out: list[Word] = []
    for word in sentence.words[index:]:
        if any(s <= word.start < e for s, e in quoted):
            break
        if _is_nominal(word) or (out and word.lower in JOINERS):
            out.append(word)
        else:
            break
    return _trim(out)


def _phrase_before(sentence: Sentence, index: int, quoted) -> list[Word]:
    out: list[Word] = []
    for word in reversed(sentence.words[:index]):
        if any(s <= word.start < e for s, e in quoted):
            break
        if _is_nominal(word) or (out and word.lower in JOINERS):
            out.insert(0, word)
        elif not out and word.upos in ("ADV", "AUX", "PART"):  # "Lechleitner recently told", "has said"
            continue
        else:
            break
    return _trim(out)


def _subject(sentence: Sentence, verb: Word) -> Word | None:
    for child in sentence.children(verb):
        if child.deprel in SUBJECTS and child.lower not in EXPLETIVES:
            return child
    return None


def _agent(sentence: Sentence, verb: Word) -> Word | None:
    """The "by" phrase of a passive: "it was revealed by ICE that ..."."""
    for child in sentence.children(verb):
        if child.deprel.startswith("obl") and any(c.lower == "by" for c in sentence.children(child)):
            return child
    return None


def speaker_words(cue: Cue, quoted: Sequence[tuple[int, int]] = ()) -> tuple[list[Word], str]:
    """The words naming the speaker of ``cue`` and the rule that found them (empty when none)."""
    sentence = cue.sentence
    if cue.kind == "according":
        phrase = _phrase_after(sentence, cue.words[-1].index + 1, quoted)
        return phrase, "according-to"
    verb = cue.word
    subject = _subject(sentence, verb)
    if subject is not None:
        mention = noun_phrase(sentence, subject, quoted)
        if mention:
            return mention, "subject"
    agent = _agent(sentence, verb)
    if agent is not None:
        mention = noun_phrase(sentence, agent, quoted)
        if mention:
            return [w for w in mention if w.lower != "by"], "passive-agent"
    if verb.deprel in ("conj", "xcomp") and verb.head >= 0:  # "X told reporters and added that ..."
        subject = _subject(sentence, sentence.words[verb.head])
        if subject is not None:
            mention = noun_phrase(sentence, subject, quoted)
            if mention:
                return mention, "shared-subject"
    # Inverted order after a quote ('," said Sen. Smith') and the subject the parser missed.
    before = sentence.words[verb.index - 1] if verb.index > 0 else None
    after_quote = before is not None and (before.upos == "PUNCT" or any(s <= before.start < e for s, e in quoted))
    if after_quote:
        phrase = _phrase_after(sentence, cue.words[-1].index + 1, quoted)
        if phrase:
            return phrase, "inverted-subject"
    phrase = _phrase_before(sentence, verb.index, quoted)
    if phrase:
        return phrase, "adjacent-subject"
    return [], "none"


def appositive(sentence: Sentence, head: Word, quoted: Sequence[tuple[int, int]] = ()) -> list[Word]:
    """The appositive of a mention's head ("Matt Wolking, a Republican strategist, said")."""
    for child in sentence.children(head):
        if child.deprel == "appos":
            return noun_phrase(sentence, child, quoted)
    return []


def mention_head(words: Sequence[Word]) -> Word:
    """The head of a mention: the word whose head lies outside it, else the last word."""
    inside = {w.index for w in words}
    for word in words:
        if word.head not in inside:
            return word
    return words[-1]
