"""Cues: the words that report speech (a reporting verb, "according to", a colon or a dash).

Verbs are recognised by lemma from ``lexicons/reporting_verbs.txt``; since the lemmatiser only knows the
words of its training data, every regular and irregular inflection of a listed lemma is recognised by its
form as well. ``might_hold_cue`` is the cheap pre-parse test of the same lexicon.
"""
from __future__ import annotations

from functools import cache

import attrs
import regex

from quoteattr.lexicons import lexicon
from quoteattr.marks import NO_QUOTES, QuotedRanges
from quoteattr.parse import Sentence, Word

_IRREGULAR = {
    "say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "speak": ("spoke", "spoken"),
    "swear": ("swore", "sworn"), "forecast": ("forecast",), "cry": ("cried", "cries"),
    "reply": ("replied", "replies"), "testify": ("testified", "testifies"), "deny": ("denied", "denies"),
    "quip": ("quipped", "quipping"), "admit": ("admitted", "admitting"), "plead": ("pled",),
    "brag": ("bragged", "bragging"),
}
# Forms that are verbs whatever the tagger says (it sometimes tags "says" a noun).
UNAMBIGUOUS = frozenset({"said", "says", "told", "tells", "added", "argued", "stressed", "insisted"})
ACCORDING = ("according", "to")
TITLE_CASE_WORDS = 4  # a headline this long at least
CAST_OBJECT_WORDS = 6  # 'treats the council's new transport chief as a "menace"': an object this long at most
CAST_OBJECT_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "PART", "ADP"})


def _inflections(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma  # "noting", "agreeing"
    forms = {lemma, stem + "ing", lemma + "d" if lemma.endswith("e") else lemma + "ed"}
    forms.add(lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else lemma + "s")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    forms.update(_IRREGULAR.get(lemma, ()))
    return forms


@cache
def verb_forms(name: str = "reporting_verbs") -> dict[str, str]:
    """Every known form of every verb in a lexicon, mapped to its lemma."""
    forms: dict[str, str] = {}
    for lemma in sorted(lexicon(name)):
        for form in _inflections(lemma):
            forms.setdefault(form, lemma)
    return forms


@cache
def _cue_pattern() -> regex.Pattern:
    words = sorted(verb_forms(), key=len, reverse=True)
    return regex.compile(r"\b(?:" + "|".join(map(regex.escape, words)) + r"|according\s+to)\b", regex.I)


def might_hold_cue(text: str) -> bool:
    """True when the text has a reporting-verb form or "according to" (no parse needed)."""
    return _cue_pattern().search(text, timeout=1.0) is not None


@attrs.frozen(kw_only=True)
class Cue:
    """A reporting cue in a parsed sentence: ``word`` is its head, ``words`` all its words."""

    sentence: Sentence = attrs.field(eq=False, repr=False)
    word: Word = attrs.field(eq=False)
    words: tuple[Word, ...] = attrs.field(eq=False)
    lemma: str
    kind: str  # "verb" | "according" | "naming" (a verb that reports only through a quoted fragment)

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


def _title_case(sentence: Sentence) -> bool:
    """A headline in title case: most of its words capitalised ("Obama Says Museum Will Tell Of ...")."""
    words = [w for w in sentence.words if w.text[:1].isalpha()]
    return len(words) >= TITLE_CASE_WORDS and sum(w.text[:1].isupper() for w in words) >= 0.8 * len(words)


def _headline_verb(sentence: Sentence, word: Word, lemma: str) -> bool:
    """'Mayor Calls Plan ‘A Disaster’': in a title-case headline the tagger takes a capitalised verb for a
    name; a listed verb's -s form between a capitalised word and more words is the headline's verb (not
    '… Union Rejects Pay Claims.')."""
    words = sentence.words
    before = words[word.index - 1] if word.index > 0 else None
    after = words[word.index + 1] if word.index + 1 < len(words) else None
    return (word.lower != lemma and word.lower.endswith("s") and before is not None and before.text[:1].isupper()
            and after is not None and after.text[:1] not in ".,;:!?" and _title_case(sentence))


def reporting_lemma(sentence: Sentence, word: Word) -> str | None:
    """The reporting verb a word is a form of, or None.

    The tagger sometimes calls a reporting verb a noun ("Proponents argue that"); a listed form still
    counts when its neighbours show a verb: "that" or a colon after it, a pronoun, a quote or a comma
    before it; or when it is inflected and closes an attribution after a quotation ('"…" the ad asks.').
    """
    lemma = word.lemma if word.lemma in lexicon("reporting_verbs") else verb_forms().get(word.lower)
    if lemma is None:
        return None
    words = sentence.words
    after = words[word.index + 1] if word.index + 1 < len(words) else None
    if (word.index > 0 and word.text[:1].isupper() and after is not None and after.text[:1].isupper()
            and not _title_case(sentence)):
        return None  # part of a name: "Spoken Motion", "Tell Tale Press" (not a headline: "Obama Says ...")
    if word.upos in ("VERB", "AUX") or word.lower in UNAMBIGUOUS or _headline_verb(sentence, word, lemma):
        return lemma
    before = words[word.index - 1] if word.index > 0 else None
    if (word.lower != lemma and before is not None and before.upos in ("NOUN", "PROPN", "ADJ")
            and (after is None or after.text in ".,;")
            and any(w.text in "\"”’'»" and w.upos == "PUNCT" for w in words[:word.index])):
        return lemma  # '"…?" a narrator in the ad asks.': an inflected form closing an attribution
    if before is not None and before.upos in ("DET", "ADJ", "ADP", "NUM") or before is not None and before.text.endswith("s") and before.upos == "PART":
        return None  # "the report that", "his answer:" are nouns
    if (after is not None and after.lower in ("that", ":")) or (
            before is not None and (before.upos == "PRON" or before.text in ",\"”’'")):
        return lemma
    return None


def naming_lemma(sentence: Sentence, word: Word) -> str | None:
    """The naming verb (``naming_verbs.txt``) a verb is a form of, or None."""
    lemma = word.lemma if word.lemma in lexicon("naming_verbs") else verb_forms("naming_verbs").get(word.lower)
    if lemma is None or not (word.upos == "VERB" or _headline_verb(sentence, word, lemma)):
        return None
    return lemma


def casting_particles(sentence: Sentence, verb: Word, quoted: QuotedRanges) -> tuple[Word, ...] | None:
    """'has gone after Mayor Park as a "career politician"', 'treats the governor as a "lame duck"': any
    verb that casts someone (an object with a name or a pronoun) as something in quoted words reports those
    words. Returns the particles between the verb and its object (maybe none), or None when the verb casts
    nothing."""
    if verb.upos != "VERB":
        return None
    words = sentence.words
    start = verb.index + 1
    while (start < len(words) and start - verb.index <= 2 and words[start].upos in ("ADP", "ADV")
           and words[start].lower != "as"):
        start += 1  # "gone after", "lashed out at"
    if start >= len(words) or words[start].upos not in CAST_OBJECT_TAGS - {"ADP", "PART"}:
        return None
    as_ = next((i for i in range(start + 1, min(start + 1 + CAST_OBJECT_WORDS, len(words) - 1))
                if words[i].lower == "as"), None)
    if as_ is None or not all(w.upos in CAST_OBJECT_TAGS for w in words[start:as_]):
        return None
    if not any(w.upos == "PROPN" or w.upos == "PRON" and "Poss=Yes" not in w.feats for w in words[start:as_]):
        return None  # someone is cast, not something: not 'listed its home town as "Harmony"'
    after = next((w for w in words[as_ + 1:] if w.upos != "DET"), None)  # 'as a "…"', 'As A ‘…’'
    if after is None or not quoted.starts_between(words[as_].end, after.end):
        return None
    return tuple(words[verb.index + 1:start])


def find_cues(sentence: Sentence, quoted: QuotedRanges = NO_QUOTES) -> list[Cue]:
    """The cues of a parsed sentence, in order; words inside quoted stretches are never cues."""

    def free(word: Word) -> bool:
        return not quoted.covers(word.start)

    cues: list[Cue] = []
    words = sentence.words
    for i, word in enumerate(words):
        if not free(word):
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if word.lower == ACCORDING[0] and nxt is not None and nxt.lower == ACCORDING[1]:
            cues.append(Cue(sentence=sentence, word=word, words=(word, nxt), lemma="according to", kind="according"))
            continue
        lemma = reporting_lemma(sentence, word)
        if lemma is None:
            naming = naming_lemma(sentence, word)
            if naming is not None:
                cues.append(Cue(sentence=sentence, word=word, words=(word,), lemma=naming, kind="naming"))
            elif (particles := casting_particles(sentence, word, quoted)) is not None:
                cues.append(Cue(sentence=sentence, word=word, words=(word, *particles), lemma=word.lemma,
                                kind="naming"))
            continue
        if lemma == "point":  # only "point out"
            particle = next((w for w in words[i + 1:i + 4] if w.lower == "out"), None)
            if particle is None:
                continue
            cues.append(Cue(sentence=sentence, word=word, words=(word, particle), lemma="point out", kind="verb"))
            continue
        cues.append(Cue(sentence=sentence, word=word, words=(word,), lemma=lemma, kind="verb"))
    return cues
