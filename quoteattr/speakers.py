"""Speakers: turn each quote's speaker words into a resolved Speaker, and give cue-less quotes the speaker
of the neighbouring quote.

The document is read in text order, a window of paragraphs at a time (see SpeakerReader). Besides the words at each cue, the subjects of the other sentences
are read too, as the antecedents of later pronouns and the source of names and roles ("President Biden
is set to travel ..." gives Biden his role before "he answered").
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from quoteattr.entities import EntityResolver
from quoteattr.lexicons import lexicon
from quoteattr.marks import QuotedRanges
from quoteattr.mentions import appositive_after, name_phrases, role_before, subjects_before_verbs
from quoteattr.parse import Sentence, Word
from quoteattr.quotes import Candidate
from quoteattr.records import Entity, Quote, Span, Speaker
from quoteattr.roles import Description, describe, is_title, role_from_appositive

PASSING_NAME_WORDS = 3  # names in passing longer than this are runs of several names, not one person
ADJACENT_PARAGRAPHS = 2  # a cue-less quote takes the speaker of a quote at most this many paragraphs back
CONTINUED_CONFIDENCE = 0.85  # a cue-less quote in the paragraph of its neighbour's attribution


def _span(text: str, words: Sequence[Word]) -> Span:
    return Span.of(text, words[0].start, words[-1].end)


def _background_mentions(sentences: Sequence[Sentence], quoted: QuotedRanges):
    """Named subjects and groups of people as subjects ("Campaigners gathered ...", whom a later "they"
    may quote) outside quotes, in text order: (sentence, words). Read off the tags alone, so that
    sentences with no cue need no dependency parse."""
    for sentence in sentences:
        for words in subjects_before_verbs(sentence, quoted):
            if any(w.upos == "PROPN" for w in words) or words[-1].lower in lexicon("group_nouns"):
                yield sentence, words


def _name_after_organisation(words: list[Word]) -> list[Word]:
    """The last two words of a long run of capitalised words that holds an organisation word before
    them, when they can be a person's name."""
    organisations = lexicon("organization_words")
    tail = words[-2:]
    if any(w.lower in organisations for w in words[:-2]) and all(
            w.text[:1].isupper() and not is_title(w) and w.lower not in organisations for w in tail):
        return tail
    return []


def _people(desc: Description) -> bool:
    """A group of people named by a plural noun ("Campaigners", "Local residents"): an antecedent for a
    later "they"."""
    return desc.kind == "group" and desc.head in lexicon("group_nouns")


@attrs.frozen
class _Pending:
    """A quote read off its window, with no reference left to the window's words: what the last step
    (cue-less quotes, records) needs of it."""

    kind: str
    spans: list[tuple[int, int]]
    paragraph: int
    cue_span: tuple[int, int] | None
    cue_lemma: str | None
    method: str
    confidence: float
    has_speaker_words: bool
    runs_on: bool  # the quote is not closed: it goes on in the next paragraph

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @classmethod
    def of(cls, cand: Candidate) -> _Pending:
        return cls(kind=cand.kind, spans=cand.spans, paragraph=cand.paragraph, cue_span=cand.cue_span,
                   cue_lemma=cand.cue_lemma, method=cand.method, confidence=cand.confidence,
                   has_speaker_words=bool(cand.speaker),
                   runs_on=bool(cand.stretches) and not cand.stretches[-1].closed)


class SpeakerReader:
    """Resolves the speakers of one document, read a window of paragraphs at a time in text order.

    ``blocks[p]`` counts the non-blank paragraphs before paragraph ``p``: distances between quotes are
    counted in real paragraphs, whether the text separates them by blank lines or not. Only the entities
    and the quotes' offsets are kept between windows, so a huge document needs the memory of one window.
    """

    def __init__(self, text: str, blocks: Sequence[int]):
        self.text = text
        self.blocks = blocks
        self.resolver = EntityResolver(text)
        self.pending: list[_Pending] = []
        self.speakers: dict[int, tuple[object, Span | None]] = {}  # index in pending -> (cluster, mention)
        self._resolved_starts: list[int] = []  # starts of the quotes resolved so far, sorted
        self._resolved: dict[int, tuple[object, int]] = {}  # quote start -> (entity, paragraph)

    def read(self, candidates: Sequence[Candidate], sentences: Sequence[Sentence], quoted: QuotedRanges) -> None:
        """One window: its quote candidates, its sentences and its quoted stretches."""
        text, blocks, resolver = self.text, self.blocks, self.resolver
        events: list[tuple[int, int, Sentence, list[Word], list[Word], int | None]] = []
        for sentence, words in _background_mentions(sentences, quoted):
            events.append((words[0].start, 1, sentence, words, appositive_after(sentence, words, quoted), None))
        for sentence in sentences:  # every name, for full names and titles given outside subjects
            for words in name_phrases(sentence, quoted):
                if len([w for w in words if len(w.text) > 2 and not is_title(w)]) > PASSING_NAME_WORDS:
                    words = _name_after_organisation(words)  # "University of Texas Arlington Amneh Jafari"
                    if not words:
                        continue  # "United States Hamdullah Mohib": a place run into a name
                appositive = appositive_after(sentence, words, quoted)
                if not role_from_appositive(text, appositive)[0]:  # "the Crown prosecutor, Mark Tedeschi, QC,"
                    appositive = role_before(sentence, words, quoted)
                events.append((words[0].start, 2, sentence, words, appositive, None))
        first = len(self.pending)
        for number, cand in enumerate(candidates, start=first):
            self.pending.append(_Pending.of(cand))
            if cand.speaker and cand.sentence is not None:
                events.append((cand.speaker[0].start, 0, cand.sentence, cand.speaker, cand.appositive, number))
        events.sort(key=lambda e: (e[0], e[1]))

        handled: set[int] = set()  # mention positions already read (a cue's subject is a subject too)
        for position, rank, sentence, words, appos, number in events:
            if number is None and position in handled:
                continue  # a subject or name already read as some quote's speaker
            handled.add(position)
            desc = describe(text, words)
            if desc is None:
                continue
            role = organization = None
            if appos:
                role, organization = role_from_appositive(text, appos)
            mention = _span(text, words)
            if number is None:
                if desc.kind in ("person", "organization") and desc.name or _people(desc):
                    resolver.resolve(desc, mention, blocks[sentence.paragraph], role=role,
                                     organization=organization, salient=rank == 1)
                continue
            quote = self.pending[number]
            # The "previous speaker" a pronoun may continue is that of the quote just before this one.
            i = bisect.bisect_left(self._resolved_starts, quote.start)
            if i:
                resolver.mark_speaker(*self._resolved[self._resolved_starts[i - 1]])
            paragraph = blocks[quote.paragraph]
            if number > first and self.speakers.get(number - 1, (None, None))[1] == mention:
                cluster = self.speakers[number - 1][0]  # '"A," it added; and, later, "B."': one mention, one speaker
            else:
                cluster = resolver.resolve(desc, mention, paragraph, role=role, organization=organization)
            if cluster is None:  # an unresolved pronoun still names someone: keep the mention
                cluster = resolver.resolve(Description(kind="unnamed", head=desc.head), mention, paragraph)
            self.speakers[number] = (cluster, mention)
            bisect.insort(self._resolved_starts, quote.start)
            self._resolved[quote.start] = (cluster, paragraph)

    def finish(self) -> tuple[list[Quote], list[Entity]]:
        """The quotes in text order with their speakers, and the entities that speak, in order of appearance."""
        text = self.text
        order = sorted(range(len(self.pending)), key=lambda n: self.pending[n].start)
        _carry_to_cueless(self.pending, order, self.speakers, self.blocks)
        entities: dict[str, Entity] = {}  # cluster id -> its record, built once
        quotes = []
        for number in order:
            quote = self.pending[number]
            found = self.speakers.get(number)
            speaker = None
            if found is not None:
                cluster, mention = found
                entity = entities.get(cluster.id) or entities.setdefault(cluster.id, self.resolver.entity(cluster))
                speaker = Speaker(mention=mention, name=entity.name, role=entity.role,
                                  organization=entity.organization, kind=entity.kind, entity=entity.id)
            quotes.append(Quote(
                kind=quote.kind, content=tuple(Span.of(text, s, e) for s, e in quote.spans),
                cue=Span.of(text, *quote.cue_span) if quote.cue_span else None, cue_lemma=quote.cue_lemma,
                speaker=speaker, paragraph=quote.paragraph, method=quote.method, confidence=quote.confidence,
            ))
        return quotes, [entities[c.id] for c in self.resolver.clusters if c.id in entities]


def _carry_to_cueless(pending: list[_Pending], order: Sequence[int], speakers: dict, blocks: Sequence[int]) -> None:
    """A quote with no speaker of its own continues the previous quote's speaker (up to two paragraphs
    before), else takes the next quote's in the same paragraph (or in the next one, when the quote runs on
    into it). In its own paragraph the neighbour's attribution governs both ('"A," she said. "B."'): the
    quote takes its cue and mention too, as ``direct:continued``. ``order`` are the keys of ``pending`` and
    ``speakers`` in text order."""

    def carry(number: int, source: int) -> None:
        quote, neighbour = pending[number], pending[source]
        cluster, mention = speakers[source]
        if quote.paragraph != neighbour.paragraph or neighbour.cue_span is None:
            speakers[number] = (cluster, None)
            return
        speakers[number] = (cluster, mention)
        pending[number] = attrs.evolve(quote, cue_span=neighbour.cue_span, cue_lemma=neighbour.cue_lemma,
                                       method="direct:continued", confidence=CONTINUED_CONFIDENCE)

    previous = None
    for number in order:
        quote = pending[number]
        if number in speakers:
            previous = number
        elif (not quote.has_speaker_words and previous is not None
              and blocks[quote.paragraph] - blocks[pending[previous].paragraph] <= ADJACENT_PARAGRAPHS):
            carry(number, previous)
    following = None
    for number in reversed(order):
        quote = pending[number]
        if number in speakers:
            following = number
            continue
        if quote.has_speaker_words or following is None:
            continue
        gap = blocks[pending[following].paragraph] - blocks[quote.paragraph]
        if gap == 0 or quote.runs_on and gap == 1:
            carry(number, following)
