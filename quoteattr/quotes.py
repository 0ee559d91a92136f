"""Quotes: direct quotes from the quotation marks, indirect quotes from the clauses of reporting verbs, and
mixed quotes where a reported clause holds a quoted fragment.

Each finder returns ``Candidate``s: the quote's spans, its cue and the words that name its speaker. The
speakers are resolved to entities afterwards (``quoteattr.entities``), once the whole document is read.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs
import regex

from quoteattr.cues import Cue, find_cues, reporting_lemma, verb_forms
from quoteattr.lexicons import lexicon
from quoteattr.marks import QuotedRanges, QuotedStretch
from quoteattr.mentions import (NOMINAL_TAGS, TIME_MODIFIERS, TIME_WORDS, according_source, finite, is_passive,
                                speaker_words)
from quoteattr.parse import Sentence, Word

COMPLEMENTS = frozenset({"ccomp", "csubj:pass", "csubj"})
ADVERBIALS = frozenset({"obl", "obl:tmod", "obl:npmod", "advmod"})
CLAUSE_SUBJECT_WORDS = 6  # a reported clause's subject is this short at most, when read off the words
# ... or this short, when it is a noun phrase with prepositions in it and nothing else: 'say the president's
# claims about potential retaliation from other foreign governments are unfounded'
LONG_SUBJECT_WORDS = 12
NOUN_PHRASE_WITH_MODIFIERS = NOMINAL_TAGS | {"ADP", "PART"}
HEARER_VERBS = frozenset({"tell", "inform", "remind", "assure", "warn", "advise", "promise", "reassure"})
DIRECTIVE_VERBS = frozenset({"urge", "exhort", "tell", "warn", "advise", "remind", "demand"})  # not "asked X to"
DIRECTIVE_HEARER_WORDS = 6
PLAIN_NOUN_PHRASE_TAGS = NOMINAL_TAGS | {"PART"}  # "the union", "the party's leaders": no preposition, no verb
CONTRASTING = frozenset({"though", "although", "while", "whereas"})  # ", though she noted ..."
DASHES = frozenset({"—", "―", "–", "--"})  # "... public ― Trump boasted, ...": a dash may open another report
REPORT_SUBJECT_WORDS = 5  # "and human rights groups warned": a new report's subject is this short at most
PERCEPTION_VERBS = frozenset({"observe", "notice"})  # they report what was seen as often as what was said
QUOTATION_MARKS = frozenset("\"“”'‘’«»")  # the parser may hang an opening mark on the word before it
INDEFINITE_PRONOUNS = frozenset({"anything", "something", "nothing", "everything"})
# Words after a reporting verb that start no reported clause: "said in a statement", "said so".
CORRELATIVES = frozenset({"neither", "either", "both"})  # a clause may open with its subject's "neither"
NOT_A_CLAUSE_START = frozenset({"so", "nothing", "something", "anything", "yes", "no", "to", "goodbye", "hello",
                                "thanks", "sorry", "little", "much", "more", "why", "how", "when", "where"})
WH_CLAUSE_WORDS = frozenset({"how", "why"})  # 'explained how ...', 'told reporters why ...': an embedded question
# The verbs of telling whose embedded question reports what was told (not 'no way to estimate how many ...').
WH_CLAUSE_VERBS = frozenset({"explain", "describe", "detail", "tell", "ask", "recount", "outline"})
# ... and after any reporting verb that someone would not use: 'have not said when', 'declined to say whether'.
WITHHELD_WH_WORDS = frozenset({"how", "why", "when", "whether", "where", "what", "if", "who"})
BLOCK_CUE_TAIL_WORDS = 6  # 'said in a statement on Friday:' before a block quotation
SCARE_QUOTE_WORDS = 3  # a quoted stretch this short with no cue of its own is a term, not speech
MIN_CLAUSE_WORDS = 2
THAT_WORDS = 10  # "that" may open the reported clause this many words after the verb, an aside not counted
SUBORDINATORS = frozenset({"when", "if", "because", "although", "though", "while", "after", "before", "since",
                           "unless", "as", "once", "until", "whether"})
ASIDE_WORDS = 10  # an aside between a reporting verb and its "that": ', as did the campaign itself, that'
POSTPOSED_TAIL_WORDS = 6  # after a postposed attribution's verb: "told The Huffington Post on Thursday"
RELATIVE_WORDS = frozenset({"where", "when", "who", "whom", "whose", "which"})
RELATIVE_OPENERS = RELATIVE_WORDS | {"that"}  # "the river, which, the mayor said, ...", "a plan that, he said, ..."
LABEL_NAME_WORDS = 4  # "Sen. Ann Ruiz:" opening a headline: a name this long at most
_TEXT = regex.compile(r"\S")  # searched only up to a sentence: no copy of a long text's beginning
TITLE_CONTEXT_WORDS = 3  # a quoted title with no more words than this around it is a reference, not a clause
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"})
GENERIC_SPEAKERS = frozenset({"you", "your", "one", "someone", "anyone", "people"})  # "you'll say ...": nobody in particular
_WORD = regex.compile(r"\w+(?:['’]\w+)*")
_LEADING_THAT = regex.compile(r"that\b[\s,]*", regex.IGNORECASE)  # "that, as the parents came ..."
_TRANSCRIPT_LABEL = regex.compile(r"\s*([A-Z][A-Z.'’ -]{0,30}[A-Z.]):\s")  # "PENCE: ", "SEN. WARREN: "
# An em dash, en dash or horizontal bar, two hyphens, or a hyphen between spaces ('"…" - Matthew Ingram').
_DASH_ATTRIBUTION = regex.compile(r"\A[\s,]*[—–―]|\A\s*--|\A\s+-\s")


@attrs.define
class Candidate:
    kind: str
    spans: list[tuple[int, int]]
    paragraph: int
    cue: Cue | None = None
    cue_span: tuple[int, int] | None = None
    cue_lemma: str | None = None
    speaker: list[Word] = attrs.Factory(list)
    appositive: list[Word] = attrs.Factory(list)  # the speaker's role beside the name, if any
    sentence: Sentence | None = None  # where the speaker words are
    method: str = ""
    confidence: float = 0.0
    stretches: list[QuotedStretch] = attrs.Factory(list)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


class SentenceIndex:
    """Which sentence holds a character offset."""

    def __init__(self, sentences: Sequence[Sentence]):
        self.sentences = list(sentences)
        self._starts = [s.start for s in self.sentences]

    def at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        sentence = self.sentences[i]
        return sentence if offset < sentence.end or (i + 1 == len(self.sentences) or offset < self._starts[i + 1]) else None

    def between(self, start: int, end: int) -> list[Sentence]:
        lo = max(bisect.bisect_right(self._starts, start) - 1, 0)
        hi = bisect.bisect_left(self._starts, end)
        return [s for s in self.sentences[lo:hi] if s.end > start and s.start < end]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _strip_span(text: str, start: int, end: int, *, drop_that: bool = False) -> tuple[int, int]:
    """Trim white space and edge punctuation (and a leading "that") off an indirect quote's span."""
    edge = " \t\n,;:.—–―-"
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge + "!?":
        end -= 1
    if drop_that and (that := _LEADING_THAT.match(text, start, end)):
        start = that.end()
    return start, end


# -- direct quotes ----------------------------------------------------------------------------------------

def _frame(index: SentenceIndex, stretch: QuotedStretch, text: str) -> list[Sentence]:
    """The sentences that can hold the stretch's cue: those it touches, the next one when the quote ends
    on a comma, question or exclamation mark and that sentence follows its closing mark ('"...," she said'
    split off by the tokeniser), the previous one when it ends on a colon."""
    end = stretch.close + 1 if stretch.close is not None else stretch.end
    frame = index.between(stretch.open, end)
    if not frame:
        return []
    last = frame[-1]
    nxt = index.sentences[last.index + 1] if last.index + 1 < len(index.sentences) else None
    if (nxt is not None and nxt.paragraph == last.paragraph and stretch.close is not None
            and text[stretch.start:stretch.end].rstrip()[-1:] in ",?!" and not text[stretch.close + 1:nxt.start].strip()):
        frame.append(nxt)  # '"Why not?" Vitter demanded.' split after the question mark
    first = frame[0]
    prev = index.sentences[first.index - 1] if first.index > 0 else None
    ending = text[prev.start:prev.end].rstrip()[-1:] if prev is not None else ""
    opens_paragraph = not text[text.rfind("\n", 0, stretch.open) + 1:stretch.open].strip()
    if prev is not None and (prev.paragraph == first.paragraph and ending in ":," or opens_paragraph and ending == ":"):
        frame.insert(0, prev)  # 'Caddell continued:' closing the paragraph before
    return frame


def _words_after(sentence: Sentence, offset: int) -> list[Word]:
    """The sentence's words after a character offset, commas kept and other punctuation left out."""
    return [w for w in sentence.words if w.start > offset and (w.upos != "PUNCT" or w.text == ",")]


def _full_stop_between(frame: Sequence[Sentence], start: int, end: int, text: str) -> bool:
    """A sentence-ending mark between two offsets: a ".", "?" or "!" token before white space (the full
    stop of "Mr." or "Sen." is part of its word, and so is the one the tokeniser cut off "Ms.")."""
    return any(start <= word.start < end and word.text in (".", "?", "!") and text[word.end:word.end + 1].isspace()
               and not (i and sentence.words[i - 1].end == word.start
                        and (sentence.words[i - 1].lower + ".") in lexicon("titles"))
               for sentence in frame for i, word in enumerate(sentence.words))


def _nearest_cue(stretch: QuotedStretch, cues: Sequence[Cue], ranges, text: str,
                 frame: Sequence[Sentence]) -> Cue | None:
    """The cue nearest the stretch with no other quoted stretch in between."""
    close = stretch.close if stretch.close is not None else stretch.end
    best, best_distance = None, None
    for cue in cues:
        if cue.start > close:
            gap = (close + 1, cue.start)
        elif cue.end <= stretch.open:
            gap = (cue.end, stretch.open)
        else:
            continue
        if ranges.starts_between(*gap):
            continue
        if cue.start > close and _full_stop_between(frame, *gap, text):
            continue  # a full stop between the quote and a later verb: that verb is another sentence's
        distance = gap[1] - gap[0]
        if best_distance is None or distance < best_distance:
            best, best_distance = cue, distance
    return best


def _is_attached(text: str, stretch: QuotedStretch, cue: Cue, frame: Sequence[Sentence]) -> bool:
    """A cue stands right by the stretch: 'he answered "no"', or '"No," she said' where the quote opens
    its sentence (or follows a full stop the tokeniser missed), or 'Says the mayor: "We will rebuild."' where
    the verb opens the sentence and its subject follows it."""
    if cue.end <= stretch.open:
        between = text[cue.end:stretch.open]
        opens = not text[cue.sentence.start:cue.start].strip(" \"“‘'")
        return between.strip(" ,:") == "" or opens and between.rstrip().endswith((":", ","))
    before = text[frame[0].start:stretch.open].rstrip()
    return before == "" or _ends_sentence(before)


def _ends_sentence(text: str) -> bool:
    """The text ends with a full stop, question or exclamation mark, maybe followed by marks or emoji."""
    i = len(text)
    while i > 0 and not text[i - 1].isalnum() and text[i - 1] not in ".?!":
        i -= 1
    return i > 0 and text[i - 1] in ".?!"


def _starts_sentence(text: str, stretch: QuotedStretch, frame: Sequence[Sentence]) -> bool:
    return text[frame[0].start:stretch.open].strip() == ""


def direct_quotes(text: str, stretches: Sequence[QuotedStretch], index: SentenceIndex) -> list[Candidate]:
    ranges = QuotedRanges(stretches)
    out: list[Candidate] = []
    for stretch in stretches:
        frame = _frame(index, stretch, text)
        if not frame:
            continue
        cues = [c for sentence in frame for c in find_cues(sentence, ranges) if c.kind != "naming"]
        cue = _nearest_cue(stretch, cues, ranges, text, frame)
        content = text[stretch.start:stretch.end]
        minor = word_count(content) <= SCARE_QUOTE_WORDS or _is_title(content)  # a term, title or scare quote
        candidate = Candidate(kind="direct", spans=[(stretch.start, stretch.end)], paragraph=stretch.paragraph,
                              stretches=[stretch])
        # the start of the rest of the line, where a dash attribution would be
        after = text[stretch.close + 1:stretch.close + 21].partition("\n")[0] if stretch.close is not None else ""
        if not minor and (label := _transcript_label(text, stretch, index)) is not None:
            candidate.cue_span, candidate.cue_lemma = label[0], ":"  # the label is the speaker's own
            candidate.speaker, candidate.sentence = label[1], label[2]
            candidate.method, candidate.confidence = "direct:transcript", 0.85
        elif cue is not None and (not minor or _is_attached(text, stretch, cue, frame)):
            found = speaker_words(cue, ranges)
            candidate.cue, candidate.cue_span, candidate.cue_lemma = cue, (cue.start, cue.end), cue.lemma
            candidate.speaker, candidate.appositive, candidate.sentence = found.words, found.appositive, cue.sentence
            candidate.method, candidate.confidence = f"direct:cue:{found.how}", 0.9 if found.words else 0.7
        elif (dash_match := _DASH_ATTRIBUTION.search(after)) and not minor:
            dash = stretch.close + len(dash_match.group().rstrip())  # the dash itself
            sentence = index.at(dash) or frame[-1]
            words = _words_after(sentence, dash)
            following = index.sentences[sentence.index + 1] if sentence.index + 1 < len(index.sentences) else None
            if not words and following is not None and following.paragraph == sentence.paragraph:
                sentence = following  # the tokeniser ended the sentence at the dash
                words = _words_after(sentence, dash)
            comma = next((i for i, w in enumerate(words) if w.text == ","), len(words))
            candidate.cue_span, candidate.cue_lemma = (dash, dash + 1), "—"
            candidate.speaker, candidate.sentence = words[:comma], sentence
            candidate.appositive = [w for w in words[comma + 1:] if w.text != ","]
            candidate.method, candidate.confidence = "direct:dash", 0.85
        elif not minor and (colon := _colon_speaker(text, stretch, frame)) is not None:
            candidate.cue_span, candidate.cue_lemma = colon[0], ":"
            candidate.speaker, candidate.sentence = colon[1], colon[2]
            candidate.method, candidate.confidence = "direct:colon", 0.8
        elif minor:
            continue  # a term, title or scare quote with no cue: not speech
        elif _starts_sentence(text, stretch, frame):
            candidate.method, candidate.confidence = "direct:adjacent", 0.75
        elif stretch.open == text.rfind("\n", 0, stretch.open) + 1:
            candidate.method, candidate.confidence = "direct:adjacent", 0.7
        else:
            continue  # a term, title or scare quote: not speech
        out.append(candidate)
    return _merge_split_quotes(text, out)


def block_quotes(text: str, index: SentenceIndex, ranges: QuotedRanges) -> list[Candidate]:
    """'The governor added:' alone in its paragraph, then a paragraph without quotation marks: a block
    quotation (news pages set long quotes apart so), the reporting verb's speaker's words."""
    out: list[Candidate] = []
    sentences = index.sentences
    for i, sentence in enumerate(sentences[:-1]):
        following = sentences[i + 1]
        if (not sentence.parsed or sentence.words[-1].text != ":" or following.paragraph == sentence.paragraph
                or i and sentences[i - 1].paragraph == sentence.paragraph):
            continue  # the colon must close a paragraph of its own, and the next paragraph follow it
        end = i + 1  # the next paragraph's sentences (not a scan of all the rest: a transcript has thousands)
        while end < len(sentences) and sentences[end].paragraph == following.paragraph:
            end += 1
        block = sentences[i + 1:end]
        if ranges.overlapping(block[0].start, block[-1].end):
            continue  # a quotation with marks: the direct quotes read it
        cue = next((c for c in reversed(find_cues(sentence, ranges)) if c.kind == "verb"), None)
        if cue is None or len(sentence.words) - cue.words[-1].index - 2 > BLOCK_CUE_TAIL_WORDS:
            continue  # ('told reporters on Friday:' at most between the verb and the colon)
        found = speaker_words(cue, ranges)
        if found.words:
            out.append(Candidate(
                kind="direct", spans=[(block[0].start, block[-1].end)], paragraph=following.paragraph, cue=cue,
                cue_span=(cue.start, cue.end), cue_lemma=cue.lemma, speaker=found.words,
                appositive=found.appositive, sentence=sentence, method=f"direct:block:{found.how}", confidence=0.8))
    return out


def _is_title(content: str) -> bool:
    """'"The Internet Explorer 6 Countdown"', '"State of the Union."': every word capitalised and no
    sentence punctuation but a final comma or full stop (American style puts them inside the marks)."""
    content = content.rstrip().rstrip(",.")
    words = _WORD.findall(content)
    return all(w[:1].isupper() or w[:1].isdigit() or w in TITLE_SMALL_WORDS for w in words) and not regex.search(
        r"[.?!,;]", content)


def _colon_speaker(text: str, stretch: QuotedStretch, frame: Sequence[Sentence]):
    """'Smith: "..."': a short name before a colon that introduces the quote (no verb among its words)."""
    sentence = next((s for s in reversed(frame) if s.start < stretch.open), None)
    if sentence is None or not text[sentence.start:stretch.open].rstrip().endswith(":"):
        return None
    words = [w for w in sentence.words if w.end <= stretch.open and w.text != ":"]
    if not words or len(words) > 8 or any(w.upos in ("VERB", "AUX") for w in words):
        return None
    colon = text.rfind(":", sentence.start, stretch.open)
    return (colon, colon + 1), words, sentence


def _transcript_label(text: str, stretch: QuotedStretch, index: SentenceIndex):
    """'"PENCE: Well, look, ..."': a transcript line, its speaker's name in capitals before a colon."""
    found = _TRANSCRIPT_LABEL.match(text, stretch.start, stretch.end)
    sentence = index.at(found.start(1)) if found else None
    if sentence is None:
        return None
    words = [w for w in sentence.words if found.start(1) <= w.start and w.end <= found.end(1)]
    return ((found.end(1), found.end(1) + 1), words, sentence) if words else None


def _ends_on_comma(text: str, stretch: QuotedStretch) -> bool:
    """'"The plan," she said': the quoted sentence is not over where the attribution cuts in."""
    after = text[stretch.close + 1:stretch.close + 2] if stretch.close is not None else ""
    return text[stretch.start:stretch.end].endswith(",") or after == ","


def drop_stray_marks(text: str, stretches: Sequence[QuotedStretch], index: SentenceIndex) -> list[QuotedStretch]:
    """An opening mark in mid-sentence that nothing closes is a stray (a typo or a cut): it must not
    swallow the rest of its paragraph. An unclosed quote that opens a sentence goes on to the paragraph's
    end (news convention for quotes running over several paragraphs)."""
    kept = []
    for stretch in stretches:
        if not stretch.closed:
            sentence = index.at(stretch.open)
            if sentence is not None and text[sentence.start:stretch.open].strip():
                continue
        kept.append(stretch)
    return kept


# '"A," it added; and, later, "B."': a second report between the two quotations, not one quote split by its cue
_SECOND_REPORT = regex.compile(r";|\b(?:and|but|then|later)\b")


def _merge_split_quotes(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """'"The plan," she said, "is dead."' is one quote in two spans; '"A," she said. "B."' are two."""
    merged: list[Candidate] = []
    for cand in candidates:
        prev = merged[-1] if merged else None
        if (prev is not None and prev.cue is not None and cand.cue is not None and prev.cue.word is cand.cue.word
                and prev.paragraph == cand.paragraph and len(prev.spans) == 1
                and _ends_on_comma(text, prev.stretches[-1])
                and text[prev.cue.end:cand.stretches[0].open].rstrip().endswith(",")
                and not _SECOND_REPORT.search(text, prev.cue.end, cand.stretches[0].open)):
            prev.spans.append(cand.spans[0])
            prev.stretches.extend(cand.stretches)
            prev.method += "+split"
            continue
        merged.append(cand)
    return merged


# -- indirect and mixed quotes ----------------------------------------------------------------------------

def _complement(sentence: Sentence, cue: Cue) -> tuple[list[Word], str] | None:
    verb = cue.word
    after = cue.words[-1].index + 1
    that = sentence.words[after] if after < len(sentence.words) and sentence.words[after].lower == "that" else None
    for child in sentence.children(verb):
        if child.index > verb.index and (child.deprel in COMPLEMENTS or _that_clause(sentence, child)):
            clause = sentence.subtree(child)
            if that is not None and clause[0].index > that.index:
                continue  # 'say that, in addition to Scott, he would …, a governor who …': it opens at "that"
            first = next((w for w in clause if w.upos != "PUNCT"), clause[0])
            after_comma = first.index > 0 and sentence.words[first.index - 1].text == ","
            relatives = {w.index for c in clause if c.deprel in ("acl", "acl:relcl") for w in sentence.subtree(c)}
            verbs = any(w.upos in ("VERB", "AUX") and w.index not in relatives for w in clause)
            relative = first.lower in ("who", "which") or (  # ', said Luis Rubio, who heads ...', and 'tell
                first.index > 0 and sentence.words[first.index - 1].lower in INDEFINITE_PRONOUNS)  # X anything it knew'
            coordinated = first.upos == "CCONJ" and (  # '..., he said, and intense wrangling could ...': the
                first.index == verb.index + 1 or sentence.words[first.index - 1].upos == "PUNCT")  # writer's words
            adverbial = first.lower == "as"  # 'does not answer whether ..., as police have said'
            if (not after_comma or verbs) and not relative and not coordinated and not adverbial:
                return clause, "complement"  # not ', said Brian Baker, a longtime adviser (who ...)': an appositive
    # The parser missed the clause: '<verb> [object] that ...' read off the words.
    aside = after < len(sentence.words) and sentence.words[after].text == ","  # 'cautioned, as did X, that'
    counted = 0  # words outside the aside: 'insist, most recently in a Labor Day interview with ABC News, that'
    for word in sentence.words[after:]:
        if word.lower == "that" and word.upos in ("SCONJ", "PRON", "DET") and not _relative_that(sentence, word):
            rest = _until_clause_ends(sentence, sentence.words[word.index:], cue)
            if len(rest) > MIN_CLAUSE_WORDS:
                return rest, "that-clause"
        if aside:
            aside = word.index == after or word.text != ","  # an aside between commas may hold a verb
        elif word.upos in ("VERB", "AUX") or word.text in ".;:" or counted == THAT_WORDS:
            break  # (a quoted title may stand between: 'tells MSNBC's "Morning Joe" on Friday that')
        else:
            counted += 1
    return _clause_after(sentence, cue)


def _after_aside(sentence: Sentence, cue: Cue, words: list[Word]) -> list[Word]:
    """'said, as they had the day before, that the road ...': an aside between the verb's comma and "that"
    is the writer's; the reported clause starts at "that"."""
    after = cue.words[-1].index + 1
    if words[0].index > after + 1 or after >= len(sentence.words) or sentence.words[after].text != ",":
        return words
    for i in range(2, min(len(words), ASIDE_WORDS)):
        if words[i].lower == "that" and words[i].upos == "SCONJ" and words[i - 1].text == ",":
            return words[i:]
    return words


def _rest(sentence: Sentence, start: int) -> list[Word]:
    """The sentence's words from ``start`` on, without its closing punctuation."""
    last = sentence.words[-1]
    return [w for w in sentence.words[start:] if w.upos != "PUNCT" or w is not last]


def _relative_that(sentence: Sentence, that: Word) -> bool:
    """"that" after a noun and before a verb is a relative pronoun: "a house that overlooks the bay"; so is
    one after a noun that the parser makes an argument of a relative clause whose verb has no object of
    its own: "a smell that inspector Karl Ivers described as ..." (not "told the leaders that few people
    understood the stakes")."""
    before = sentence.words[that.index - 1]
    nxt = sentence.words[that.index + 1] if that.index + 1 < len(sentence.words) else None
    if before.upos not in ("NOUN", "PROPN") or nxt is None:
        return False
    if nxt.upos in ("VERB", "AUX") or finite(nxt):
        return True
    verb = sentence.words[that.head] if sentence.parsed and 0 <= that.head < len(sentence.words) else None
    return (verb is not None and before.upos == "NOUN" and verb.deprel == "acl:relcl"
            and that.deprel in ("nsubj", "nsubj:pass", "obj")
            and not any(c.deprel == "obj" and c is not that for c in sentence.children(verb)))


def _directive(sentence: Sentence, cue: Cue) -> tuple[list[Word], str] | None:
    """'urged Republicans to join the ranks ...', 'told his advisers to figure out ...', 'called on the
    administration to ...': a reported request, the hearer and what they are to do, read off the words."""
    words = sentence.words
    start = cue.words[-1].index + 1
    if cue.lemma == "call" and start < len(words) and words[start].lower == "on":
        start += 1  # "called on the administration to ..."
    elif cue.lemma not in DIRECTIVE_VERBS:
        return None
    to = next((i for i in range(start + 1, min(start + 1 + DIRECTIVE_HEARER_WORDS, len(words) - 1))
               if words[i].lower == "to"), None)
    verb = next((w for w in words[to + 1:] if w.upos not in ("PUNCT", "ADV")), None) if to is not None else None
    if verb is None or verb.upos not in ("VERB", "AUX"):
        return None  # (a quotation mark may come first: 'urged them to "vote your conscience"')
    if not all(w.upos in PLAIN_NOUN_PHRASE_TAGS for w in words[start:to]):
        return None  # the hearer is a plain noun phrase: not 'urged caution in talks to ...'
    return _rest(sentence, start), "directive"


def _that_clause(sentence: Sentence, head: Word) -> bool:
    """'says at a campaign stop in Toledo, Ohio, that it means ...': a clause opened by "that" is the verb's
    complement even where the parser calls it an adverbial clause (not a relative clause the parser read as
    one: 'spoke in a cottage on a base that overlooks the bay')."""
    return head.deprel == "advcl" and any(c.deprel == "mark" and c.lower == "that" and not _relative_that(sentence, c)
                                          for c in sentence.children(head))


def _opens_report(sentence: Sentence, conjunction: Word) -> bool:
    """"and", "but", "though" or a dash opening another report, by the same speaker ('... and says he will
    ...', '..., though she noted ...') or another ('..., but he said ...', '— and human rights groups warned
    that ...', '... public ― Trump boasted, "..."'): a clause of its own."""
    if conjunction.upos != "CCONJ" and conjunction.lower not in CONTRASTING and conjunction.text not in DASHES:
        return False
    for word in sentence.words[conjunction.index + 1:conjunction.index + 2 + REPORT_SUBJECT_WORDS]:
        if reporting_lemma(sentence, word) is not None:
            return True
        if word.lower in ("that", "which", "who") or word.upos not in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM",
                                                                         "ADV", "AUX"):
            return False
    return False


def _until_clause_ends(sentence: Sentence, words: list[Word], cue: Cue | None = None) -> list[Word]:
    """The words of a reported clause up to where it ends: a participle clause or "according to" after a
    comma (", adding ...", see ``_closes_clause``), "and", "but", "though" or a dash opening another
    report (see ``_opens_report``), or "and" before a verb the parser coordinates with the reporting verb
    ('tweeted that Machado was "disgusting" and encouraged Americans to ...': the reporter's next act)."""
    for i in range(1, len(words) - 1):
        if _ends_clause(sentence, cue, words[i], words[i + 1]):
            return words[:i]
    return words


def _ends_clause(sentence: Sentence, cue: Cue | None, word: Word, nxt: Word | None) -> bool:
    """Where a reported clause ends, at ``word``: see ``_until_clause_ends``."""
    return _closes_clause(word, nxt) or _opens_report(sentence, word) or _next_act(cue, word, nxt)


def _next_act(cue: Cue | None, word: Word, nxt: Word | None) -> bool:
    """"and" or "but" before a verb in the reporting verb's tense that the parser coordinates with it: the
    reporter's next act (not 'claims she was sent … but ended up spending …', where the parser erred)."""
    return (cue is not None and nxt is not None and word.lower in ("and", "but") and nxt.upos == "VERB"
            and nxt.deprel == "conj" and nxt.head == cue.word.index and nxt.xpos == cue.word.xpos)


def _clause_after(sentence: Sentence, cue: Cue) -> tuple[list[Word], str] | None:
    """'said fisherman first noticed the people': a clause with no "that" that the parser missed. After
    the verb (and the hearer, for "told reporters"), the rest of the sentence must open like a clause
    and hold a finite verb."""
    words = sentence.words
    i = cue.words[-1].index + 1
    if cue.lemma in HEARER_VERBS:  # skip the hearer: "told The Huffington Post, ...", "tell the federal government"
        while i < len(words) and _in_hearer(words[i], words[i - 1]):
            i += 1
    comma = i < len(words) and words[i].text == ","
    while i < len(words) and words[i].text == ",":
        i += 1
    rest = _rest(sentence, i)
    told = cue.lemma not in HEARER_VERBS or i > cue.words[-1].index + 1  # 'told reporters how ...', not 'tell how'
    if (cue.lemma in WH_CLAUSE_VERBS and told and _wh_clause(rest)
            or _withheld(sentence, cue) and _wh_clause(rest, WITHHELD_WH_WORDS)):  # 'have not said when they ...'
        return _until_clause_ends(sentence, rest, cue), "wh-clause"  # 'explained how important it is to ...'
    correlative = len(rest) > MIN_CLAUSE_WORDS and rest[0].lower in CORRELATIVES  # 'says neither X nor Y helped'
    if len(rest) <= MIN_CLAUSE_WORDS or rest[0].lower in NOT_A_CLAUSE_START or (
            rest[0].upos in ("ADP", "PART", "CCONJ") and not correlative):
        return None  # ", he said, and ...": what follows is the writer's
    if comma and rest[0].lower in SUBORDINATORS:
        return None  # "42 percent of those responding, while Trump received ...": an adverbial clause
    opening = words[0] if words[0].upos != "PUNCT" or len(words) < 2 else words[1]
    if comma and opening.lower in SUBORDINATORS - {"as"} and not any(w.text == "," for w in words[:cue.word.index]):
        return None  # 'After news of the police response was reported, Mohamed received ...': the main clause
    first_verb = _clause_verb(rest)
    if first_verb is None or not 1 <= first_verb <= CLAUSE_SUBJECT_WORDS and not (
            1 <= first_verb <= LONG_SUBJECT_WORDS and all(
                (w.upos in NOUN_PHRASE_WITH_MODIFIERS or w.upos == "CCONJ")  # 'says President Obama and the
                and w.lower not in RELATIVE_OPENERS for w in rest[:first_verb])):  # party's leaders should ...'
        return None  # "announced a moratorium on all deportations, which was ...": an object, no clause
    if any(w.text in ",;" or w.lower in ("which", "who", "whom") for w in rest[:first_verb]):
        return None
    return _until_clause_ends(sentence, rest, cue), "clause"


def _wh_clause(words: Sequence[Word], openers: frozenset[str] = WH_CLAUSE_WORDS) -> bool:
    """'how important it is to ...', 'why these loopholes should be kept': an embedded question with a
    finite verb of its own (not 'how to vote')."""
    if len(words) <= MIN_CLAUSE_WORDS or words[0].lower not in openers or words[1].lower == "to":
        return False
    return any(finite(word) for word in words[1:LONG_SUBJECT_WORDS])


def _withheld(sentence: Sentence, cue: Cue) -> bool:
    """'have not said', 'would never say', 'declined to say': a report of what someone would not tell."""
    words = sentence.words
    before = words[max(cue.word.index - 3, 0):cue.word.index]
    if any(w.lower in ("not", "n't", "never") for w in before):
        return True
    return len(before) >= 2 and before[-1].lower == "to" and before[-2].lemma in ("decline", "refuse")


def _in_hearer(word: Word, before: Word) -> bool:
    """Whether a word read after "told" still belongs to its hearer: a noun phrase, up to its noun ("the
    local paper | the plant would close"; "reporters | angry voters would stay home")."""
    if finite(word) or word.upos in ("DET", "ADJ") and before.upos in ("NOUN", "PROPN", "PRON"):
        return False
    return word.upos in ("PROPN", "NOUN", "DET", "PRON") or word.upos == "ADJ" and before.upos in ("DET", "ADJ")


def _clause_verb(words: Sequence[Word]) -> int | None:
    """Where the finite verb of a clause read off the words is: the first finite verb, or a past form the
    tagger took for a participle right after a plain, determined noun phrase ('said the union expected
    production ...', not 'announced a moratorium on deportations imposed ...' nor 'alleged crimes
    committed by ...')."""
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (i and word.text[:1].isupper() and not words[i - 1].text[:1].isupper() and nxt is not None
                and nxt.upos == "PROPN"):
            continue  # 'asked the United States National Security Council to ...': a name's (not a headline's)
        if finite(word):
            return i
        if (i and word.upos == "VERB" and word.lower.endswith("ed") and "VerbForm=Part" in word.feats
                and (nxt is None or nxt.lower != "by")
                and all(w.upos in PLAIN_NOUN_PHRASE_TAGS for w in words[:i])
                and any(w.upos in ("DET", "PROPN", "PRON") for w in words[:i])):
            return i
    return None


def _from_the_cue(sentence: Sentence, cue: Cue, words: list[Word]) -> list[Word]:
    """'say iodine deficiency is "the sleeper ..."': the parser took the clause's subject for the verb's
    object. Without a hearer in between ("told reporters the ..."), the clause starts right after the
    verb."""
    after = cue.words[-1].index + 1
    if cue.lemma in HEARER_VERBS or words[0].index <= after or words[0].lower == "that":
        return words  # a clause opened by "that" has its subject inside
    adverbials = {w.index for child in sentence.children(cue.word) if child.deprel in ADVERBIALS
                  for w in sentence.subtree(child) if w.index <= child.index}  # up to its head: 'in a statement'
    gap = sentence.words[after:words[0].index]
    while gap and gap[0].index in adverbials:
        gap = gap[1:]  # 'said in a statement the plant would close': the verb's adverbial is the writer's
    relative = next((i for i, w in enumerate(gap) if w.lower in ("who", "that") and i), len(gap))
    if any(w.upos == "PUNCT" and w.text not in QUOTATION_MARKS for w in gap) or any(finite(w) for w in gap[:relative]):
        return words  # (a relative clause may hang on the subject: 'said parents who adopt would not be ...')
    return gap + words


def _closes_clause(word: Word, nxt: Word | None) -> bool:
    """A comma before a participle clause or "according to" (", adding ...", ", arguing that ...") ends a
    reported clause: what follows is the writer's."""
    return word.text in ",;" and nxt is not None and (nxt.lower == "according" or nxt.lower.endswith("ing"))


def _to_sentence_end(sentence: Sentence, words: list[Word], ranges, cue: Cue) -> list[Word]:
    """A reported clause after its verb runs to the end of the sentence (the small parser often cuts it
    short: '... arrested in New York City, but that he was released ...'), unless a participle clause
    (", adding ..."), "according to", another report or another quote comes first; the parser's clause is
    cut there too."""
    ended = _until_clause_ends(sentence, words, cue)
    if len(ended) < len(words):
        return ended
    rest = sentence.words[words[-1].index + 1:]
    for i, word in enumerate(rest):
        nxt = rest[i + 1] if i + 1 < len(rest) else None
        introduced = len(words) > 1 and words[-1].text == "," and reporting_lemma(sentence, words[-2]) is not None \
            and words[-2].lower.endswith("ing")  # 'a message stating, "…"': the clause's own words quote it
        continued = words[-1].text == "," and nxt is not None and nxt.text[:1].islower()  # 'although X is known,
        # "nobody has looked …"': the quoted words go on with the sentence
        if ranges.starts_between(word.start, word.end) and words[-1].upos not in ("DET", "ADP") and not introduced \
                and not continued:
            break  # another quotation opens (not one that a clause's "has a", "of the" runs into)
        if _ends_clause(sentence, cue, word, nxt):
            break  # ", adding ...", "... and said she would ...", "..., but he said ...": another report
        words = words + [word]
    return words


def indirect_quotes(text: str, sentences: Sequence[Sentence], stretches: Sequence[QuotedStretch],
                    used_cues: set[int]) -> list[Candidate]:
    """Reported clauses of reporting verbs (and "according to"), with the stretches they hold."""
    ranges = QuotedRanges(stretches)
    out: list[Candidate] = []
    for sentence in sentences:
        if (labelled := _labelled_headline(text, sentence, ranges)) is not None:
            out.append(labelled)
        if not sentence.parsed:
            continue
        for cue in find_cues(sentence, ranges):
            if cue.kind == "according":
                found = _according_clause(sentence, cue, ranges)
            elif cue.kind == "naming":
                found = _directive(sentence, cue) or _object_with_fragment(sentence, cue, ranges)
            elif (found := _interposed(sentence, cue)) is None:
                found = (_complement(sentence, cue) or _directive(sentence, cue) or _postposed_clause(sentence, cue)
                         or _clause_it_hangs_on(sentence, cue) or _reported_object(sentence, cue, ranges, used_cues))
            if found is None or not found[0]:
                continue  # (no words: an interposed attribution that reports nothing)
            words, how = found
            if how == "complement" and words[0].index > cue.word.index:
                words = _from_the_cue(sentence, cue, words)
            if how in ("complement", "directive") and words[0].index > cue.word.index:
                words = _after_aside(sentence, cue, _to_sentence_end(sentence, words, ranges, cue))
            start, end = _strip_span(text, words[0].start, words[-1].end, drop_that=True)
            if how == "complement" and start <= cue.start < end:  # 'many of whom say the ...': the parser hung
                start, end = _strip_span(text, cue.end, end, drop_that=True)  # the speaker on the clause
            speaker = speaker_words(cue, ranges)
            inverted = how != "interposed" and speaker.how == "subject-after" and speaker.words
            if inverted and start <= speaker.words[0].start < end:
                if speaker.words[0].start > start:
                    continue  # 'Says the mayor: "We will rebuild."': the inverted subject is no reported clause
                start, end = _strip_span(text, speaker.words[-1].end, end)  # 'X, said Maurer, are ...': after it
            if start > cue.end:  # (a postposed verb reports the quotation before it, not the words before that)
                end = _before_quoted_sentence(text, sentence, ranges, start, end)
            end = _through_open_quotes(ranges, start, end)
            if word_count(text[start:end]) < MIN_CLAUSE_WORDS:
                continue
            overlapping = ranges.overlapping(start, end)
            held = [s for s in overlapping if s.open >= start and (s.close if s.closed else s.end) <= end]
            if len(held) < len(overlapping):
                continue  # the clause cuts through a direct quote: that quote stands on its own
            quoted_chars = sum(s.end - s.start for s in held)
            if held and how != "object-fragment" and quoted_chars >= 0.8 * (end - start - 2 * len(held)):
                continue  # the clause is the direct quote itself (a naming verb's object is its own words)
            if (held and all(_is_title(text[s.start:s.end]) for s in held)
                    and _own_words(text, start, end, held) <= TITLE_CONTEXT_WORDS):
                continue  # 'said on NBC's "Meet the Press"': a programme's title, no clause of its own
            if not speaker.words or _nobody_in_particular(sentence, cue, speaker.words):
                continue  # "when asked if ...", "you might say ...": no one reports here
            if (id(cue.word) in used_cues and not _fragment_inside(text, start, held)
                    and not _quote_follows(text, ranges, end)):
                continue  # the cue introduces a direct quote; only a clause around a fragment adds one
            if how == "postposed" and held and all(_is_title(text[s.start:s.end]) and text[s.end - 1] == ","
                                                   for s in held):
                continue  # 'In his book, "Make Your Kid a Millionaire," Mr. McKinley suggested': a title's comma
            if how == "postposed" and held and (_own_words(text, start, end, held) < MIN_CLAUSE_WORDS or
                                                _before_quoted_sentence(text, sentence, ranges, start, end) < end):
                continue  # '"We will win," he said', 'X scolded him: "…," she said': a direct quote
            kind = "mixed" if held else "indirect"
            out.append(Candidate(
                kind=kind, spans=_runs(text, words, start, end) if how == "interposed" else [(start, end)],
                paragraph=sentence.paragraph, cue=cue,
                cue_span=(cue.start, cue.end), cue_lemma=cue.lemma, speaker=speaker.words,
                appositive=speaker.appositive, sentence=sentence, method=f"{kind}:{how}:{speaker.how}",
                confidence=0.8 if how == "complement" else 0.7, stretches=held,
            ))
    return out


def _labelled_headline(text: str, sentence: Sentence, ranges: QuotedRanges) -> Candidate | None:
    """'Mayor Ruiz: Budget Cuts Are ‘A Disaster’ For Schools': a name and a colon opening the headline (the
    text's first line) label what follows as the named one's words, here mixed with a quoted fragment
    (wholly quoted, it is a direct quote: see ``_colon_speaker``)."""
    words = sentence.words
    colon = next((w.index for w in words[:LABEL_NAME_WORDS + 1] if w.text == ":"), None)
    if not colon or not all(w.upos == "PROPN" and w.text[:1].isupper() for w in words[:colon]):
        return None  # "The Latest:", "Report:", "Storm Hits Coast:" label no speaker
    if _TEXT.search(text, 0, sentence.start):
        return None  # not the headline: "Update: The council has since …" is the writer's
    start, end = _strip_span(text, words[colon].end, words[-1].end)
    end = _through_open_quotes(ranges, start, end)
    held = ranges.overlapping(start, end)
    if not held or not _fragment_inside(text, start, held):
        return None
    content = words[colon + 1:]
    if content[0].upos == "DET" and not any(w.upos in ("VERB", "AUX") for w in content):
        return None  # "Frank Doe: An Interview with the ‘Jazz Poet’": a title, no statement
    return Candidate(kind="mixed", spans=[(start, end)], paragraph=sentence.paragraph,
                     cue_span=(words[colon].start, words[colon].end), cue_lemma=":", speaker=words[:colon],
                     sentence=sentence,
                     method="mixed:colon", confidence=0.7, stretches=held)


def _object_with_fragment(sentence: Sentence, cue: Cue, ranges: QuotedRanges) -> tuple[list[Word], str] | None:
    """'called half of Trump's supporters "deplorables"', 'described the smell as "like burning rubber"':
    what follows a naming verb (or its particle: 'went after the mayor as "unfit"'), when it holds a quoted
    fragment after at least one word of its own."""
    rest = _rest(sentence, cue.words[-1].index + 1)
    if len(rest) < 2 or rest[0].lower in ("for", "on", "off", "up"):
        return None  # "calling for ...", "called on ...": a demand, not someone's words
    if rest[0].upos in ("ADP", "PART") and (rest[0].lower != "as" or is_passive(sentence, cue.word)):
        return None  # 'was described as "reckless"' names no describer: the subject is the one described
    verb_after = next((i for i in range(1, len(rest) - 1) if rest[i].upos == "CCONJ" and rest[i + 1].upos == "VERB"),
                      None)
    if verb_after is not None:
        rest = rest[:verb_after]  # 'called it "outrageous" and called for ...': the next act is another quote
    quoted_at = next((i for i in range(1, len(rest)) if ranges.starts_between(rest[i].start, rest[i].end)), None)
    comma = next((i for i in range(quoted_at or 0) if rest[i].text == ","), None)
    if comma is not None and any(other.word.index in range(rest[comma].index, rest[quoted_at].index)
                                 for other in find_cues(sentence, ranges)):
        return None  # 'In a message posted Friday, Cruz said he has had "areas …"': another cue's clause
    if quoted_at is None:
        return None
    return rest, "object-fragment"


def _reported_object(sentence: Sentence, cue: Cue, ranges: QuotedRanges,
                     used_cues: set[int]) -> tuple[list[Word], str] | None:
    """'promised lower fares and "buses everywhere"': a reporting verb's object that holds a quoted
    fragment, as for a naming verb, unless the verb already introduces a direct quote."""
    return None if id(cue.word) in used_cues else _object_with_fragment(sentence, cue, ranges)


def _own_words(text: str, start: int, end: int, held: Sequence[QuotedStretch]) -> int:
    """The words of a clause outside its quoted stretches."""
    return word_count(text[start:end]) - sum(word_count(text[s.start:s.end]) for s in held)


def _nobody_in_particular(sentence: Sentence, cue: Cue, speaker: Sequence[Word]) -> bool:
    """'you'll say', 'people say', 'one might argue': a generic speaker; "one" only with a modal ('postings
    that included one saying that ...' is one of them)."""
    said = " ".join(w.lower for w in speaker)
    if said != "one":
        return said in GENERIC_SPEAKERS
    return any(c.xpos == "MD" for c in sentence.children(cue.word))


def _quote_follows(text: str, ranges: QuotedRanges, end: int) -> bool:
    """'said kits would be ready," For example, …"': the clause ends where a quoted sentence opens, only a
    comma or a colon between; the verb reports both (not '… crop yields, "nobody has …"', one clause)."""
    gap = end
    while gap < len(text) and text[gap] in " ,:":
        gap += 1
    return ranges.starts_between(gap, gap + 1) and text[gap + 1:gap + 3].lstrip()[:1].isupper()


def _fragment_inside(text: str, start: int, held: Sequence[QuotedStretch]) -> bool:
    """'said the plan was "a disaster"': the clause has words of its own before the quoted fragment."""
    return bool(held) and word_count(text[start:held[0].open]) >= MIN_CLAUSE_WORDS


def _before_quoted_sentence(text: str, sentence: Sentence, ranges: QuotedRanges, start: int, end: int) -> int:
    """A clause with a finite verb of its own ends before a comma or colon and a quoted sentence after it
    ('said kits would be accessible for communities," For example, …"'), unless a reporting word
    introduces that quotation ('a message stating, "The word …"'); an adverbial before the quotation
    ('that, over the last months, "Gloria's eczema …"') or a name's object ('dubbed the conflict: "…"')
    goes on into it."""
    for stretch in ranges.overlapping(start, end):
        before = text[start:stretch.open].rstrip()
        if stretch.open > start and before[-1:] in (",", ":") and text[stretch.start:stretch.start + 1].isupper():
            last = before[:-1].split()[-1:]
            own = any(finite(w) for w in sentence.words if start <= w.start < stretch.open)
            if own and (not last or last[0].lower() not in verb_forms()):
                return _strip_span(text, start, stretch.open)[1]
    return end


def _through_open_quotes(ranges: QuotedRanges, start: int, end: int) -> int:
    """A clause that opens a quotation ends no earlier than its closing mark (the parser often hangs the
    closing mark and the full stop on the verb)."""
    for stretch in ranges.overlapping(start, end):
        closing = stretch.close + 1 if stretch.close is not None else stretch.end
        if start <= stretch.open < end and closing > end:
            end = closing
    return end


def _runs(text: str, words: Sequence[Word], start: int, end: int) -> list[tuple[int, int]]:
    """The span of a reported clause, cut in two where its words skip an interposed attribution ('The plan
    … is dead' of 'The plan, the mayor said, is dead')."""
    gap = next((i for i in range(1, len(words)) if words[i].index != words[i - 1].index + 1), None)
    if gap is None or not start < words[gap - 1].end < words[gap].start < end:
        return [(start, end)]
    return [_strip_span(text, start, words[gap - 1].end), _strip_span(text, words[gap].start, end)]


def _clause_it_hangs_on(sentence: Sentence, cue: Cue) -> tuple[list[Word], str] | None:
    """'experts say her plans to raise a host of taxes ... would make the code more complicated': the parser
    hung the reporting verb on the main verb that follows it, as an adverbial clause. The words from the
    verb on to that main verb, with no punctuation and no finite verb but its auxiliaries between, are the
    reported clause."""
    verb, words = cue.word, sentence.words
    if verb.deprel not in ("advcl", "parataxis") or not 0 <= verb.head < len(words) or verb.head <= verb.index:
        return None
    head = words[verb.head]
    between = words[cue.words[-1].index + 1:head.index]
    if head.deprel != "root" or not between or any(
            w.upos == "PUNCT" or finite(w) and not (w.head == head.index and w.deprel.startswith("aux"))
            for w in between):
        return None
    return _until_clause_ends(sentence, _rest(sentence, between[0].index), cue), "clause"


def _interposed(sentence: Sentence, cue: Cue) -> tuple[list[Word], str] | None:
    """An attribution set off by commas inside the clause it reports, read off the words (the parser often
    hangs the clause elsewhere): 'The average weekly benefit, it says, would be $300' (a noun phrase
    opening the sentence, then the attribution, then the rest of the clause from its verb), and 'the
    stadium, which, Tompkins said, is usually full ...' (the relative clause after a relative word)."""
    words = sentence.words
    comma_before = next((w.index for w in reversed(words[:cue.word.index]) if w.text == ","), None)
    if comma_before is None or comma_before < 1 or any(finite(w) for w in words[comma_before + 1:cue.word.index]):
        return None
    after = words[cue.words[-1].index + 1:]
    comma_after = next((i for i, w in enumerate(after) if w.text == ","), None)
    if comma_after is None or comma_after > POSTPOSED_TAIL_WORDS or any(finite(w) for w in after[:comma_after]):
        return None
    rest = _rest(sentence, after[comma_after].index + 1)
    first_verb = _clause_verb(rest)
    if first_verb is None or any(w.upos not in ("ADV", "PART") for w in rest[:first_verb]):
        return None  # the clause goes on with its verb: its subject stands before the attribution
    until = _until_clause_ends(sentence, rest, cue)
    if words[comma_before - 1].lower in RELATIVE_OPENERS:
        if comma_before < 2 or words[comma_before - 2].text != ",":
            return None  # ", which, the mayor said, ...": the relative word stands alone between commas
        return until, "relative-aside"
    subject = words[:comma_before]  # a noun phrase opening the sentence ('The plan to widen the road'), no clause
    if (len(subject) > LONG_SUBJECT_WORDS or subject[0].upos not in NOMINAL_TAGS or not all(
            w.upos in NOUN_PHRASE_WITH_MODIFIERS and w.lower not in RELATIVE_OPENERS or w.upos == "VERB" and not finite(w)
            for w in subject)):
        return None
    if cue.lemma in PERCEPTION_VERBS and any(w.upos == "ADP" for w in after[:comma_after]):
        return [], "interposed"  # 'The big hit, Wikinews observed from the long line, was ...': seen, not said
    return subject + until, "interposed"


def _according_clause(sentence: Sentence, cue: Cue, ranges: QuotedRanges) -> tuple[list[Word], str] | None:
    """'According to X, CLAUSE.' or 'CLAUSE, according to X.': the clause beside the attribution."""
    words = sentence.words
    start = cue.words[0].index
    source = according_source(sentence, cue, ranges)
    end = source[-1].index + 1 if source else start + 2
    before, after = words[:start], words[end:]
    clause = max((before, after), key=lambda part: sum(w.upos != "PUNCT" for w in part))
    if sum(w.upos != "PUNCT" for w in clause) <= MIN_CLAUSE_WORDS:
        return None
    return clause, "according-to"


def _postposed_clause(sentence: Sentence, cue: Cue) -> tuple[list[Word], str] | None:
    """'Biden will travel on Monday, the White House said.': the clause before an attribution that closes
    the sentence or its comma (the parser's parataxis, or ", <speaker> <verb> [a few words, no verb]" read
    off the words: 'said Friday afternoon, as ...', 'told The Huffington Post on Thursday.')."""
    verb = cue.word
    words = sentence.words
    after = words[verb.index + 1:]
    cut = next((i for i, w in enumerate(after) if w.text in ",;"), len(after))
    tail = [w for w in after[:cut] if w.upos != "PUNCT"]
    adverbial = not tail or cue.lemma in HEARER_VERBS or tail[0].upos in ("ADP", "ADV", "PROPN") or all(
        w.lower in TIME_WORDS or w.lower in TIME_MODIFIERS for w in tail)  # no object: "pointed out those features"
    closes = adverbial and len(tail) <= POSTPOSED_TAIL_WORDS and not any(finite(w) for w in tail)
    if cut == len(after) and not any(finite(w) for w in tail) and any(
            w.head == verb.index and w.deprel.startswith("nsubj") for w in tail):
        closes = True  # '..., said one GOP source in the room.': the verb's own subject after it ends the sentence
    if verb.deprel == "parataxis":
        # the attribution is the run of the verb's subtree around it: a word far before it that the parser
        # hung on the verb ("WASHINGTON ― … , lawmakers said", a dateline as its subject) is not part of it
        attribution = {w.index for w in sentence.subtree(verb)}
        first = last = verb.index
        while first - 1 in attribution:
            first -= 1
        while last + 1 in attribution:
            last += 1
        closes = closes or last + 1 >= words[-1].index
        if any(w.lower in RELATIVE_OPENERS for w in words[first:verb.index]):
            return None  # "... the river, which, the mayor said, floods ...": it reports the relative clause
    else:
        comma = next((w.index for w in reversed(words[:verb.index]) if w.text == ","), None)
        if comma is None or verb.index - comma > 8:
            return None
        between = words[comma + 1:verb.index]
        as_clause = bool(between) and between[0].lower == "as"  # ', as police have said.'
        if any(w.upos in ("VERB", "CCONJ") or finite(w) and not (as_clause and w.deprel.startswith("aux"))
               for w in between):
            return None  # ", and came upon a blog written by ...": no speaker between the comma and the verb
        if words[comma + 1].lower in RELATIVE_WORDS:
            return None  # "… at the stadium, where the mayor also spoke": a relative clause, no attribution
        first = comma
    if not closes:
        return None
    if words[first].text == ",":
        first += 1
    before = words[:first]
    while len(before) > 1 and before[-1].text in "\"”’'" and before[-2].text in ",\"”’'":
        before = before[:-1]  # 'accomplished "too little," he added': the comma inside the closing mark
    if len(before) <= MIN_CLAUSE_WORDS or before[-1].text != "," or not any(finite(w) for w in before):
        return None  # "After the vote on Monday, the senator said in a statement": no clause
    if before[-2].lower in RELATIVE_OPENERS:
        return None  # "... the stadium, which, Tompkins said, is full ...": likewise
    opening = next((w for w in before if w.upos != "CCONJ"), before[0])
    if (opening.upos == "SCONJ" or opening.lower in SUBORDINATORS) and not any(w.text == "," for w in before[:-1]):
        return None  # "But when Congress cut funding, Mexico said": a subordinate clause alone, no report
    return before, "postposed"
