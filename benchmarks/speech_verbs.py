"""Speech cues for the PolNeAR suite: a small rule-based lemmatiser and the speech-verb lexicon.

Both word lists live in benchmarks/data/ (speech_verbs.txt, verb_forms.txt). The benchmark keeps its own
lexicon rather than quoteattr's, so that the product is not graded by its own word list.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
WORD = re.compile(r"[A-Za-z]+(?:[’'][A-Za-z]+)*")
VOWELS = set("aeiou")
# Words that are never the head of a cue: auxiliaries, modals, adverbs, particles, prepositions.
NOT_HEADS = frozenset("""
    a an the be have do will would shall should can could may might must not never also again still just
    only even already long repeatedly reportedly previously recently often once later then publicly
    privately openly directly further strongly go to of for about on in at by with as out up over against
    from into onto upon that this it its his her their he she they we i you
""".split())


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.split("#", 1)[0].strip() for line in handle if line.split("#", 1)[0].strip()]


@functools.lru_cache(maxsize=1)
def speech_lexicon() -> frozenset[str]:
    """Speech lemmas and phrases ("according to"), lower case."""
    return frozenset(" ".join(line.lower().split()) for line in _lines(DATA / "speech_verbs.txt"))


@functools.lru_cache(maxsize=1)
def other_verbs() -> frozenset[str]:
    """Lemmas of common non-speech cue verbs (believe, hope), so that the rules pick the right stem."""
    return frozenset(line.lower() for line in _lines(DATA / "verb_forms.txt") if len(line.split()) == 1)


@functools.lru_cache(maxsize=1)
def irregular_forms() -> dict[str, str]:
    forms = {}
    for line in _lines(DATA / "verb_forms.txt"):
        if len(line.split()) == 2:
            form, lemma = line.split()
            forms[form.lower()] = lemma.lower()
    return forms


def _guess_stem(stem: str) -> str:
    """The lemma of a regular -ed/-ing stem that is not in a word list: admitt -> admit, believ -> believe."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        return stem if stem[-1] in "lsz" else stem[:-1]  # called -> call, admitted -> admit
    if stem[-1] in "vzcgu" or (stem[-1] in "lr" and stem[-2] not in VOWELS):
        return stem + "e"  # believed -> believe, troubled -> trouble
    if re.search(r"[^aeiou][aeiou][tsd]$", stem) and len(stem) > 3:
        return stem + "e"  # debated -> debate, disclosed -> disclose
    return stem


def _candidates(word: str) -> list[str]:
    """Possible lemmas of an inflected form, the rules' best guess first (the word itself last)."""
    found = []
    if word.endswith(("ies", "ied")) and len(word) > 4:
        found.append(word[:-3] + "y")
    elif word.endswith("ing") and len(word) > 4:
        found += [_guess_stem(word[:-3]), word[:-3], word[:-3] + "e"]
    elif word.endswith("ed") and len(word) > 3:
        found += [_guess_stem(word[:-2]), word[:-2], word[:-1]]
    elif word.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        found.append(word[:-2])
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        found.append(word[:-1])
    return found + [word]


def lemmatise(word: str) -> str:
    """The lemma of a verb form: said -> say, told -> tell, argues -> argue, admitted -> admit.

    Irregular forms come from verb_forms.txt; regular ones are undone by rules, preferring a candidate
    that is a known lemma (speech_verbs.txt, or a lone word of verb_forms.txt), then the rules' guess.
    """
    word = word.lower()
    if word in irregular_forms():
        return irregular_forms()[word]
    candidates = _candidates(word)
    known = speech_lexicon() | other_verbs()
    for candidate in candidates:
        if candidate in known:
            return candidate
    return candidates[0]


def speech_head(cue: str) -> tuple[str | None, bool]:
    """The head lemma of a cue and whether it is a speech cue.

    The head is the first word (or listed phrase, "according to") whose lemma is a speech lemma; when
    there is none, the lemma of the first word that is not an auxiliary, adverb or preposition
    ("has long believed" -> believe, "critical of" -> critical) is returned for the report, with False.
    """
    words = [match.group().lower() for match in WORD.finditer(cue)]
    if not words:
        return None, False  # a colon or a dash
    lemmas = [lemmatise(word) for word in words]
    lexicon = speech_lexicon()
    for index, lemma in enumerate(lemmas):
        if index + 1 < len(words) and f"{words[index]} {words[index + 1]}" in lexicon:
            return f"{words[index]} {words[index + 1]}", True
        if lemma in lexicon:
            return lemma, True
    content = [lemma for word, lemma in zip(words, lemmas)
               if word not in NOT_HEADS and lemma not in NOT_HEADS and not word.endswith("ly")
               and "'" not in word and "’" not in word]  # clitics: didn't, it's
    return (content or lemmas)[0], False
