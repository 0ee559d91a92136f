"""Speaker mentions: the words at a cue that name who spoke.

The parse is asked first (the cue's subject, the agent of a passive, the subject of the verb a cue is
coordinated with); where the small parser gives nothing usable, the noun phrase next to the cue is read off
the tags (``"...," said Sen. Jane Smith``, ``"...," a spokesperson told``).
"""
from __future__ import annotations

from collections.abc import Sequence

import attrs

from quoteattr.cues import Cue, naming_lemma, reporting_lemma
from quoteattr.lexicons import lexicon
from quoteattr.roles import is_title
from quoteattr.marks import NO_QUOTES, QuotedRanges
from quoteattr.parse import Sentence, Word

SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubj:outer"})
# Branches of a subject that are not part of the name: an appositive is its role, a relative clause or
# a parenthetical says something else about it.
NOT_IN_MENTION = frozenset({
    "punct", "appos", "acl", "acl:relcl", "parataxis", "ccomp", "advcl", "conj", "cc", "dep", "list",
    "discourse", "vocative", "reparandum",
})
NOMINAL_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"})
FUNCTION_TAGS = frozenset({"ADP", "SCONJ", "CCONJ", "ADV", "PART", "INTJ", "PUNCT", "SYM", "AUX"})
# Inside a noun phrase read off the tags: "of" and a possessive join its parts.
JOINERS = frozenset({"of", "'s", "’s", "for", "and", "&"})
EXPLETIVES = frozenset({"it", "there"})
# Heads of time expressions the parser sometimes takes for a subject ("This week it was revealed").
TIME_WORDS = frozenset({
    "week", "weekend", "day", "month", "year", "morning", "afternoon", "evening", "night", "today",
    "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
TIME_MODIFIERS = frozenset({"on", "last", "this", "next", "early", "late", "later", "earlier"})
FLOATING_QUANTIFIERS = frozenset({"all", "both", "each"})  # "Smith, Brown and Lee all said"
OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them"})  # "told me": a hearer, never a subject
BE_FORMS = frozenset({"is", "was", "were", "are", "been", "being", "be", "'s"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "him", "her", "them"})
APPOSITIVE_WORDS = 20  # an appositive longer than this is a clause, not a role
# Verbs whose object does what the infinitive after it says: 'got Stumpf to admit', 'urged him to explain'.
OBJECT_CONTROL_VERBS = frozenset({"get", "ask", "urge", "force", "persuade", "press", "pressure", "push",
                                  "prompt", "lead", "allow", "invite", "encourage", "challenge", "dare", "order"})
GOVERNING_STEPS = 3  # a bare participle hangs on a noun, the noun on the verb whose subject speaks
PARENTHESIS_WORDS = 8  # a parenthesis this short between a name and its verb is skipped: "(D-Wis.)"
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose", "what"})


def _is_nominal(word: Word) -> bool:
    """A word that can be part of a noun phrase; a capitalised word inside a sentence counts whatever its
    tag, since the tagger often takes an unknown surname for a verb ("Matt Wolking")."""
    if not any(c.isalnum() for c in word.text):  # symbols and emoji are never part of a name
        return False
    if word.upos in NOMINAL_TAGS:
        return word.lower not in TIME_WORDS or word.text[:1].isupper() and word.index > 0
    if not word.text[:1].isupper() or word.upos in FUNCTION_TAGS:  # "As", "Then" open no name
        return False
    return word.index > 0 or word.upos not in ("VERB", "AUX") or is_title(word)


def _outside(words: Sequence[Word], quoted: QuotedRanges) -> list[Word]:
    return [w for w in words if not quoted.covers(w.start)]


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
    return word.text[:1].isupper() and (word.upos == "PROPN" or is_title(word))


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


def _inside(word: Word, quoted: QuotedRanges) -> bool:
    return quoted.covers(word.start)


def noun_phrase(sentence: Sentence, head: Word, quoted: QuotedRanges = NO_QUOTES) -> list[Word]:
    """The mention headed by ``head``: its subtree without appositives, clauses and quoted words."""
    words = _outside(sentence.subtree(head, NOT_IN_MENTION), quoted)
    if head not in words:
        return []
    words = _trim(_contiguous(words, head))
    return _widen_name(sentence, words, quoted) if words else words


def _phrase_after(sentence: Sentence, index: int, quoted) -> list[Word]:
    """The noun phrase starting at ``index``; it ends at a lower-case word after a name ("said coach Tom
    Berridge after the match")."""
    out: list[Word] = []
    for word in sentence.words[index:]:
        if _inside(word, quoted) or not out and word.lower in RELATIVE_PRONOUNS:
            break  # 'said that, as ...' has no inverted subject
        after_name = bool(out) and out[-1].text[:1].isupper() and not is_title(out[-1])
        if after_name and word.text[:1].islower() and word.lower not in JOINERS:
            break
        nxt = sentence.words[word.index + 1] if word.index + 1 < len(sentence.words) else None
        if _is_nominal(word) or (out and (word.lower in JOINERS or _glued(word, nxt))):
            out.append(word)
        else:
            break
    out = _trim(out)
    if all(w.lower in TIME_WORDS or w.lower in TIME_MODIFIERS for w in out) or (
            len(out) == 1 and out[0].lower in OBJECT_PRONOUNS):
        return []  # 'said Tuesday.', 'told me'
    return out


def _is_time_adverbial(words: Sequence[Word], i: int) -> int | None:
    """Where a time adverbial ending at ``words[i]`` starts ("on Tuesday", "last week", "in 2010"), or None."""
    if i > 0 and words[i].text.isdigit() and len(words[i].text) == 4 and words[i - 1].lower in ("in", "since"):
        return i - 1  # a year
    if words[i].lower not in TIME_WORDS:
        return None
    while i > 0 and words[i - 1].lower in TIME_MODIFIERS:
        i -= 1
    return i


def _phrase_before(sentence: Sentence, index: int, quoted) -> list[Word]:
    """The noun phrase ending just before ``index``, over adverbs and auxiliaries ("Lechleitner recently
    told", "Adams has said"); a pronoun is a whole phrase."""
    out: list[Word] = []
    words = sentence.words[:index]
    i = len(words)
    while i > 0:
        i -= 1
        word = words[i]
        if _inside(word, quoted):
            break
        if not out and word.text == ")":  # "Rep. Gwen Moore (D-Wis.) said": over a short parenthesis
            opening = next((j for j in range(i - 1, max(i - PARENTHESIS_WORDS, 0) - 1, -1) if words[j].text == "("), None)
            if opening is not None:
                i = opening
                continue
        if not out and i > 0 and (start := _is_time_adverbial(words, i)) is not None:
            i = start  # "Sanders on Tuesday said"
            continue
        if not out and word.lower in FLOATING_QUANTIFIERS and i > 0:
            continue
        if out and word.text[:1].isupper() and word.index > 0:  # "She" in "She the People"
            out.insert(0, word)
            continue
        if word.upos == "PRON" or word.lower in PERSONAL_PRONOUNS:
            if not out and word.lower not in RELATIVE_PRONOUNS:
                out.insert(0, word)
            break
        if _is_nominal(word) or (out and (word.lower in JOINERS or _glued(word, out[0]))):
            out.insert(0, word)
        elif not out and (word.upos in ("ADV", "AUX", "PART") or word.lower in ("also", "not", "has", "had", "have")):
            continue
        else:
            break
    return _trim(out)


def _between_commas(sentence: Sentence, comma: int, quoted) -> list[Word] | None:
    """The words between the comma at ``comma`` and the comma before it: an appositive or a name."""
    words = sentence.words
    first = comma - 1
    while first >= 0 and words[first].text != "," and comma - first <= APPOSITIVE_WORDS:
        if _inside(words[first], quoted) or words[first].lower in RELATIVE_PRONOUNS:
            return None
        first -= 1
    if first < 0 or words[first].text != "," or first + 1 >= comma:
        return None
    return words[first + 1:comma]


def _appositive_pair(sentence: Sentence, verb_group: int, quoted) -> tuple[list[Word], list[Word]] | None:
    """'NAME, ROLE, said' or 'ROLE, NAME, has said', and chains of roles ('Professor Cres Eastman, Director
    of ..., and Chairman of ..., says'): the name and its first appositive, read off the commas before the
    verb's group (its auxiliaries and the verb) at ``verb_group``."""
    words = sentence.words
    segments: list[list[Word]] = []
    comma = verb_group - 1
    while comma >= 2 and words[comma].text == "," and len(segments) < 3:
        segment = _between_commas(sentence, comma, quoted)
        if not segment or any(finite(w) for w in segment):
            break
        segments.append(segment)
        comma = segment[0].index - 1
    if not segments:
        return None
    first = _phrase_before(sentence, segments[-1][0].index - 1, quoted)
    second = _trim([w for w in segments[-1] if w.lower not in ("and", "or")] if segments[-1][0].lower in ("and", "or")
                   else segments[-1])
    if not second:  # 'he , . , said': nothing but punctuation between the commas
        return None
    if first and _after_preposition(words, first[0].index):
        first = []  # "Speaking in the parents' defense, Tom Molomby, SC, said": a preposition's object
    if not first:  # 'After the match, Hernan Dario Gomez, Panama coach, said': the name opens the chain
        if not _looks_named(second):
            return None
        role = _trim(segments[-2]) if len(segments) > 1 and not _looks_named(segments[-2]) else []
        return second, role
    if _looks_named(second) and not _looks_named(first):
        return second, first
    return first, second


def role_before(sentence: Sentence, name: list[Word], quoted: QuotedRanges = NO_QUOTES) -> list[Word]:
    """'Malaysia's Prime Minister, Najib Razak said', 'the Crown prosecutor, Mark Tedeschi, QC,': a role with a
    title word, set off by a comma right before a name (not after a preposition: 'Like the mayor, Smith
    said')."""
    start = name[0].index
    if start < 2 or sentence.words[start - 1].text != "," or not _looks_named(name):
        return []
    role = _phrase_before(sentence, start - 1, quoted)
    if not role or not any(is_title(w) for w in role) or _after_preposition(sentence.words, role[0].index):
        return []
    return role


def _after_preposition(words: Sequence[Word], start: int) -> bool:
    """The noun phrase at ``start`` (with any words of it the phrase reader left out) follows a preposition."""
    i = start - 1
    while i >= 0 and (words[i].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART") or words[i].text in "'’"):
        i -= 1
    return i >= 0 and words[i].upos == "ADP"


def _looks_named(words: Sequence[Word]) -> bool:
    return bool(words) and all(w.text[:1].isupper() or w.lower in JOINERS for w in words) and words[0].upos != "DET"


def _subject(sentence: Sentence, verb: Word) -> Word | None:
    subjects = []
    for child in sentence.children(verb):
        if child.deprel in SUBJECTS and child.lower not in EXPLETIVES and child.lower not in TIME_WORDS:
            if child.index > verb.index and any(w.lower == "that" for w in sentence.words[verb.index + 1:child.index]):
                continue  # 'suggest that veterans who ...': the reported clause's subject, which the parser misplaced
            subjects.append(child)
    if len(subjects) > 1 and verb.index > 0 and sentence.words[verb.index - 1].text == ",":
        last = max(w.index for w in sentence.subtree(subjects[-1]))
        if all(w.upos == "PUNCT" for w in sentence.words[last + 1:]):  # '<clause>, said one GOP source in the
            return subjects[-1]  # room.': the parser gave the verb the clause's subject too
    return subjects[0] if subjects else None


def is_passive(sentence: Sentence, verb: Word) -> bool:
    if any(c.deprel == "aux:pass" for c in sentence.children(verb)):
        return True
    before = sentence.words[max(verb.index - 2, 0):verb.index]
    return any(w.lower in BE_FORMS for w in before) and verb.lower.endswith(("ed", "en", "told", "said"))


def _agent(sentence: Sentence, verb: Word, quoted) -> list[Word]:
    """The "by" phrase of a passive: "it was revealed by ICE that ..."."""
    for child in sentence.children(verb):
        if child.deprel.startswith("obl") and any(c.lower == "by" for c in sentence.children(child)):
            return [w for w in noun_phrase(sentence, child, quoted) if w.lower != "by"]
    after = sentence.words[verb.index + 1] if verb.index + 1 < len(sentence.words) else None
    if after is not None and after.lower == "by":
        return _phrase_after(sentence, after.index + 1, quoted)
    return []


@attrs.frozen
class SpeakerWords:
    words: list[Word]  # the mention, empty when none was found
    how: str  # the rule that found it
    appositive: list[Word] = attrs.Factory(list)  # its appositive ("a Republican strategist"), if any


def speaker_words(cue: Cue, quoted: QuotedRanges = NO_QUOTES) -> SpeakerWords:
    """The words naming the speaker of ``cue``, by the first rule that finds some: the agent of a passive;
    the noun phrase right before the verb (with a role before it and its comma); after a verb that opens
    the sentence, the phrase after it ('Said Ellis:'); the antecedent of "who" (or "many of whom"); the
    noun phrase before a relative clause without "who" ('the experts I interviewed said'); after a quote,
    the phrase after the verb ('," said Sen. Smith'); after a comma, an inverted subject between commas, a
    name with its appositives, or the phrase opening the sentence; the parser's subject; the phrase after
    the verb."""
    sentence = cue.sentence
    if cue.kind == "according":
        source = according_source(sentence, cue, quoted)
        return SpeakerWords(source, "according-to", appositive_after(sentence, source, quoted) if source else [])
    verb = cue.word
    if is_passive(sentence, verb):
        agent = _agent(sentence, verb, quoted)
        if agent:
            return SpeakerWords(agent, "passive-agent")
    phrase = _phrase_before(sentence, verb.index, quoted)
    governing = _governing_subject(sentence, verb, phrase, quoted)
    if governing:  # 'Trump unleashed a series of tweets saying ...', 'took to Twitter to accuse ...'
        return SpeakerWords(governing, "subject-parse", appositive(sentence, governing[-1], quoted))
    subject = _subject(sentence, verb) if phrase else None
    if subject is not None and subject.index < phrase[0].index and not _inside(subject, quoted) and any(
            c.deprel == "acl:relcl" and any(w is phrase[0] for w in sentence.subtree(c))
            for c in sentence.children(subject)):
        phrase = noun_phrase(sentence, subject, quoted)  # 'Residents who spoke to reporters said': not 'reporters'
    if phrase:
        return SpeakerWords(phrase, "subject-before", role_before(sentence, phrase, quoted))
    if verb.xpos in ("VBD", "VBZ", "VBN") and _opens_sentence(sentence.words, verb.index):
        after = _phrase_after(sentence, cue.words[-1].index + 1, quoted)  # 'Said Ellis: "..."', 'Adds the mayor, "..."'
        closing = sentence.words[after[-1].index + 1] if after and after[-1].index + 1 < len(sentence.words) else None
        if after and (closing is None or closing.text in ",:" or _inside(closing, quoted) or closing.upos == "PUNCT"):
            return SpeakerWords(after, "subject-after", appositive_after(sentence, after, quoted))
    antecedent = _relative_antecedent(sentence, verb, quoted)
    if antecedent:
        return SpeakerWords(antecedent, "relative-antecedent")
    reduced = _before_reduced_relative(sentence, verb.index, quoted)
    if reduced:
        return SpeakerWords(reduced, "subject-before")
    group = verb.index  # the verb with its auxiliaries: "Valeska Paris, a former Scientologist, has claimed"
    while group > 0 and sentence.words[group - 1].upos == "AUX" and sentence.words[group - 1].head == verb.index:
        group -= 1
    before = sentence.words[group - 1] if group > 0 else None
    after = _phrase_after(sentence, cue.words[-1].index + 1, quoted)  # the inverted subject, if any
    if after and before is not None and (_inside(before, quoted) or before.text in "\"”’'»"):
        return SpeakerWords(after, "subject-after")
    participle = verb.lower.endswith("ing")  # "X spoke about Tulsa, Oklahoma, arguing ...": the subject's
    if participle and before is not None and before.text == ",":
        reports = ((w, reporting_lemma(sentence, w) or naming_lemma(sentence, w))
                   for w in reversed(sentence.words[:before.index]) if w.upos == "VERB" and not _inside(w, quoted))
        report = next(((w, lemma) for w, lemma in reports if lemma), None)
        if report is not None:  # "X said the deal would cut prices, arguing ...", "X criticized the press,
            # saying ...": the reporter goes on
            word, lemma = report
            return speaker_words(Cue(sentence=sentence, word=word, words=(word,), lemma=lemma, kind="verb"), quoted)
    if before is not None and before.text == "," and not participle:
        closing = after[-1].index + 1 if after else len(sentence.words)
        if after and (closing >= len(sentence.words) or sentence.words[closing].text in ",.;"):
            return SpeakerWords(after, "subject-after")  # "Institutional recipients, said Maurer, are ..."
        pair = _appositive_pair(sentence, group, quoted)
        if pair:
            return SpeakerWords(pair[0], "subject-appositive", pair[1])
        phrase = _phrase_before(sentence, before.index, quoted)
        opens_sentence = phrase and all(w.upos == "PUNCT" or _inside(w, quoted) for w in sentence.words[:phrase[0].index])
        if opens_sentence:  # "Lydia Buchtmann for Food Standards Australia, says ..." (not "At the rally, said")
            return SpeakerWords(phrase, "subject-before-comma")
    subject = _subject(sentence, verb)
    head = verb
    for _ in range(3):  # "X met him and said ...", "X left, saying ...", "X appeared and began by saying ..."
        if subject is not None and head.deprel == "ccomp" and not _agrees(sentence, verb, head, subject):
            head = sentence.words[head.head]  # 'They claimed Paris was a volunteer and claim she ...': the parser
            subject = _subject(sentence, head)  # hung the second report on the first one's clause
            continue
        if subject is None and head is not verb and head.deprel == "ccomp" and _reports(sentence, head.head):
            head = sentence.words[head.head]  # 'China said it was "opposed" to the test and warned North Korea
            subject = _subject(sentence, head)  # ...': hung on a reported clause with no agent, the second report
            continue  # is the first one's reporter's
        climbs = head.deprel in ("conj", "xcomp") or head.deprel == "advcl" and (
            head.lower.endswith("ing") or _infinitive(sentence, head))  # 'continues to insist', read as adverbial
        if subject is not None or head.head < 0 or not climbs:
            break
        below, head = head, sentence.words[head.head]
        subject = _controller(sentence, head, below)
    if subject is not None and (subject.index > verb.index or not _inside(subject, quoted)):
        mention = noun_phrase(sentence, subject, quoted)
        if mention:
            return SpeakerWords(mention, "subject-parse", appositive(sentence, subject, quoted))
    if after and before is not None and before.upos == "PUNCT":
        return SpeakerWords(after, "subject-after")
    return SpeakerWords([], "none")


def _governing_subject(sentence: Sentence, verb: Word, phrase: list[Word], quoted) -> list[Word]:
    """A bare participle after a thing ('tweets saying', 'a statement on Monday saying'; not 'a spokesman
    saying', 'protesters chanting') or an infinitive of purpose after a phrase ('took to Twitter to accuse')
    speaks for the subject of the verb it hangs on, not for that phrase."""
    words = sentence.words
    before = words[verb.index - 1] if verb.index else None
    thing = bool(phrase) and phrase[-1].upos == "NOUN" and not is_title(phrase[-1]) \
        and phrase[-1].lower not in lexicon("group_nouns")
    bare = before is not None and (
        verb.xpos == "VBG" and thing and before.upos in ("NOUN", "PROPN")
        or _infinitive(sentence, verb) and verb.deprel in ("advcl", "xcomp")  # not 'authority to
        and verb.index > 1 and words[verb.index - 2].upos in ("NOUN", "PROPN", "ADV"))  # call': his purpose
    if not bare:
        return []
    head = verb
    for _ in range(GOVERNING_STEPS):
        if head.head < 0 or head.deprel in ("ccomp", "parataxis", "acl:relcl", "csubj"):
            return []
        below, head = head, words[head.head]
        subject = _controller(sentence, head, below) if head.upos in ("VERB", "AUX") else None
        if subject is not None and subject.index < verb.index and not _inside(subject, quoted):
            return noun_phrase(sentence, subject, quoted)
    return []


def _reports(sentence: Sentence, index: int) -> bool:
    return 0 <= index < len(sentence.words) and reporting_lemma(sentence, sentence.words[index]) is not None


def _controller(sentence: Sentence, head: Word, below: Word) -> Word | None:
    """Who does what a clause hanging on ``head`` says: the head's subject, or for an infinitive after the
    head's object, that object ('got Stumpf to admit ...')."""
    if _infinitive(sentence, below) and head.lemma in OBJECT_CONTROL_VERBS:
        obj = next((c for c in sentence.children(head) if c.deprel == "obj" and c.index < below.index), None)
        if obj is not None:
            return obj
    return _subject(sentence, head)


def _infinitive(sentence: Sentence, verb: Word) -> bool:
    return verb.index > 0 and sentence.words[verb.index - 1].lower == "to" and verb.xpos == "VB"


def _agrees(sentence: Sentence, verb: Word, head: Word, subject: Word) -> bool:
    """A plain present ('claim', with no auxiliary on it or on the verb it is coordinated with) takes no
    singular third-person subject ('Paris', 'she')."""
    helped = any(c.deprel in ("aux", "mark") for w in (verb, head) for c in sentence.children(w))
    plain_present = verb.xpos == "VBP" or (verb.xpos == "VB" and not helped)
    return not plain_present or not (subject.xpos in ("NN", "NNP") or subject.lower in ("he", "she", "it"))


def _opens_sentence(words: Sequence[Word], index: int) -> bool:
    """The word at ``index`` opens its sentence: only punctuation (an opening quotation mark) before it."""
    return all(w.upos == "PUNCT" for w in words[:index])


def _before_reduced_relative(sentence: Sentence, index: int, quoted) -> list[Word]:
    """'all the experts I interviewed said', 'officials we spoke to said': the noun phrase before a relative
    clause without "who" or "that" (a personal pronoun, its verb in the past, maybe a preposition)."""
    words = sentence.words
    i = index - 1
    if i >= 0 and words[i].upos == "ADP":
        i -= 1
    if i < 2 or words[i].xpos not in ("VBD", "VBN") or words[i - 1].lower not in PERSONAL_PRONOUNS:
        return []
    phrase = _phrase_before(sentence, i - 1, quoted)
    return phrase if phrase and phrase[-1].upos in ("NOUN", "PROPN") else []


def _relative_antecedent(sentence: Sentence, verb: Word, quoted) -> list[Word]:
    """'Tom Devocht, who had told him that ...': the speaker is the phrase before ", who"; 'families of the
    victims, many of whom say ...': a share of it, the words of that share."""
    words = sentence.words
    i = verb.index - 1
    while i >= 0:
        if words[i].upos in ("AUX", "ADV", "PART"):
            i -= 1
        elif i and (start := _is_time_adverbial(words, i)) is not None:
            i = start - 1  # 'who in 2010 said'
        else:
            break
    if i >= 3 and words[i].lower == "whom" and words[i - 1].lower == "of" and words[i - 3].text == ",":
        return words[i - 2:i + 1]  # (PolNeAR names the source so, and the words say how many spoke)
    if i < 2 or words[i].lower != "who" or words[i - 1].text != ",":
        return []
    return _phrase_before(sentence, i - 1, quoted)


def according_source(sentence: Sentence, cue: Cue, quoted: QuotedRanges = NO_QUOTES) -> list[Word]:
    """The source after "according to": the words up to the next comma when it comes soon ("according to
    fire chief Dan Moretti, ..."), else the noun phrase there ("According to Rathbun the property ...")."""
    start = cue.words[-1].index + 1
    words = sentence.words[start:start + APPOSITIVE_WORDS]
    comma = next((i for i, w in enumerate(words) if w.text in ",;:" or _inside(w, quoted)), None)
    if comma is not None and not any(finite(w) for w in words[:comma]):
        return _trim(words[:comma])
    return _phrase_after(sentence, start, quoted)


def finite(word: Word) -> bool:
    """A verb in a tense: its features say so, or its tag does; an -ing form never is (the tagger's features
    sometimes call "suing" finite where its tag says VBG)."""
    return word.upos in ("VERB", "AUX") and word.xpos != "VBG" and (
        "VerbForm=Fin" in word.feats or word.xpos in ("VBD", "VBZ", "VBP", "MD"))


def appositive_after(sentence: Sentence, words: Sequence[Word], quoted: QuotedRanges = NO_QUOTES) -> list[Word]:
    """'Khaled Al-Maeena, editor at large at the Saudi Gazette, said': the words between the two commas
    (or a comma and a colon) after a mention, when they hold no finite verb."""
    rest = sentence.words
    after = words[-1].index + 1
    if after >= len(rest) or rest[after].text != "," or after + 1 < len(rest) and rest[after + 1].upos == "CCONJ":
        return []  # no comma, or the next item of a list ("Harry Kane, and John Stones")
    end = after + 1
    while end < len(rest) and rest[end].text not in ",:" and end - after <= APPOSITIVE_WORDS:
        word = rest[end]
        if _inside(word, quoted) or word.lower in RELATIVE_PRONOUNS or "VerbForm=Fin" in word.feats:
            return []
        end += 1
    if end == len(rest) and rest[-1].upos == "PUNCT":
        end -= 1
    closes_sentence = end == len(rest) - 1 and rest[end].upos == "PUNCT"  # "..., according to X, curator."
    if not closes_sentence and (end >= len(rest) or rest[end].text not in ",:"):
        return []  # (a colon may close it before a quote: 'Added Ann Ruiz, a spokeswoman for the county: "..."')
    return _trim(rest[after + 1:end])


def _glued(word: Word, neighbour: Word | None) -> bool:
    """A hyphen or apostrophe inside a name ("al-Amr", "O'Brien"), with no space on either side."""
    return word.text in "-'’" and neighbour is not None and (neighbour.start == word.end or neighbour.end == word.start)


def name_phrases(sentence: Sentence, quoted: QuotedRanges = NO_QUOTES) -> list[list[Word]]:
    """Every run of capitalised words outside quotes that can name someone ("Professor Cres Eastman",
    "Jonathan M. Stan"), with a title word just before it: where full names and titles are first given."""
    runs: list[list[Word]] = []
    run: list[Word] = []
    words = sentence.words
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        opening_verb = word.xpos in ("VBD", "VBZ") and _opens_sentence(words, i)  # 'Said Ellis:'
        capital = (word.text[:1].isupper() and word.upos not in FUNCTION_TAGS and not _inside(word, quoted)
                   and not opening_verb)
        title_before = is_title(word) and nxt is not None and nxt.text[:1].isupper()
        joins = bool(run) and (_glued(word, nxt) or word.lower in ("of", "al", "bin", "van", "de"))
        if (capital or title_before or joins) and not (i == 0 and not capital):
            run.append(word)
            continue
        runs.append(run)
        run = []
    runs.append(run)
    out = []
    for run in runs:
        run = _trim(run)
        if sum(w.text[:1].isupper() for w in run) >= 2 and any(w.upos == "PROPN" for w in run):
            out.append(run)
    return out


def subjects_before_verbs(sentence: Sentence, quoted: QuotedRanges = NO_QUOTES) -> list[list[Word]]:
    """The noun phrases right before each verb outside quotes, read off the tags ("President Biden is set
    to travel", "As a candidate, Biden appeared"): the antecedents later pronouns look back to."""
    found, last_end = [], -1
    for word in sentence.words:
        if word.upos in ("VERB", "AUX") and not _inside(word, quoted) and word.index > last_end:
            phrase = _phrase_before(sentence, word.index, quoted)
            if phrase and phrase[0].index > last_end:
                found.append(phrase)
                last_end = phrase[-1].index
    return found


def appositive(sentence: Sentence, head: Word, quoted: QuotedRanges = NO_QUOTES) -> list[Word]:
    """The appositive of a mention's head ("Matt Wolking, a Republican strategist, said")."""
    for child in sentence.children(head):
        if child.deprel == "appos":
            return noun_phrase(sentence, child, quoted)
    return []
