"""Speakers: turn each quote's speaker words into a resolved Speaker, and give cue-less quotes the speaker
of the neighbouring quote.

The document is read in text order. Besides the words at each cue, the subjects of the other sentences
are read too, as the antecedents of later pronouns and the source of names and roles ("President Biden
is set to travel ..." gives Biden his role before "he answered").
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence

from quoteattr.entities import EntityResolver
from quoteattr.marks import QuotedRanges
from quoteattr.mentions import appositive_after, name_phrases, subjects_before_verbs
from quoteattr.parse import Sentence, Word
from quoteattr.quotes import Candidate
from quoteattr.records import Entity, Quote, Span, Speaker
from quoteattr.roles import Description, describe, role_from_appositive

PASSING_NAME_WORDS = 3  # names in passing longer than this are runs of several names, not one person
ADJACENT_PARAGRAPHS = 2  # a cue-less quote takes the speaker of a quote at most this many paragraphs back


def _span(text: str, words: Sequence[Word]) -> Span:
    return Span.of(text, words[0].start, words[-1].end)


def _background_mentions(sentences: Sequence[Sentence], quoted: QuotedRanges):
    """Named subjects outside quotes, in text order: (sentence, words). Read off the tags alone, so that
    sentences with no cue need no dependency parse."""
    for sentence in sentences:
        for words in subjects_before_verbs(sentence, quoted):
            if any(w.upos == "PROPN" for w in words):
                yield sentence, words


def attribute_speakers(text: str, candidates: Sequence[Candidate], sentences: Sequence[Sentence],
                       quoted: QuotedRanges, blocks: Sequence[int]) -> tuple[list[Quote], list[Entity]]:
    """``blocks[p]`` counts the non-blank paragraphs before paragraph ``p``: distances between quotes are
    counted in real paragraphs, whether the text separates them by blank lines or not."""
    resolver = EntityResolver(text)
    events: list[tuple[int, int, Sentence, list[Word], list[Word], Candidate | None]] = []
    for sentence, words in _background_mentions(sentences, quoted):
        events.append((words[0].start, 1, sentence, words, appositive_after(sentence, words, quoted), None))
    for sentence in sentences:  # every name, for full names and titles given outside subjects
        for words in name_phrases(sentence, quoted):
            if len([w for w in words if len(w.text) > 2]) > PASSING_NAME_WORDS:
                continue  # "United States Hamdullah Mohib": a place run into a name
            events.append((words[0].start, 2, sentence, words, appositive_after(sentence, words, quoted), None))
    for cand in candidates:
        if cand.speaker and cand.sentence is not None:
            events.append((cand.speaker[0].start, 0, cand.sentence, cand.speaker, cand.appositive, cand))
    events.sort(key=lambda e: (e[0], e[1]))

    speakers: dict[int, tuple[object, Span]] = {}  # id(candidate) -> (cluster, mention span)
    handled: set[int] = set()  # mention positions already read (a cue's subject is a subject too)
    resolved_starts: list[int] = []  # starts of the quotes resolved so far, sorted
    resolved: dict[int, tuple[object, int]] = {}  # quote start -> (entity, paragraph)
    for position, rank, sentence, words, appos, cand in events:
        if cand is None and position in handled:
            continue  # a subject or name already read as some quote's speaker
        handled.add(position)
        desc = describe(text, words)
        if desc is None:
            continue
        role = organization = None
        if appos:
            role, organization = role_from_appositive(text, appos)
        mention = _span(text, words)
        if cand is None:
            if desc.kind in ("person", "organization") and desc.name:
                resolver.resolve(desc, mention, blocks[sentence.paragraph], role=role, organization=organization,
                                 salient=rank == 1)
            continue
        # The "previous speaker" a pronoun may continue is that of the quote just before this one.
        i = bisect.bisect_left(resolved_starts, cand.start)
        if i:
            resolver.mark_speaker(*resolved[resolved_starts[i - 1]])
        cluster = resolver.resolve(desc, mention, blocks[cand.paragraph], role=role, organization=organization)
        if cluster is None:  # an unresolved pronoun still names someone: keep the mention
            cluster = resolver.resolve(Description(kind="unnamed", head=desc.head), mention, blocks[cand.paragraph])
        speakers[id(cand)] = (cluster, mention)
        bisect.insort(resolved_starts, cand.start)
        resolved[cand.start] = (cluster, blocks[cand.paragraph])

    _carry_to_cueless(candidates, speakers, blocks)
    entities: dict[str, Entity] = {}  # cluster id -> its record, built once
    quotes = []
    for cand in sorted(candidates, key=lambda c: c.start):
        found = speakers.get(id(cand))
        speaker = None
        if found is not None:
            cluster, mention = found
            entity = entities.get(cluster.id) or entities.setdefault(cluster.id, resolver.entity(cluster))
            speaker = Speaker(mention=mention, name=entity.name, role=entity.role,
                              organization=entity.organization, kind=entity.kind, entity=entity.id)
        quotes.append(Quote(
            kind=cand.kind, content=tuple(Span.of(text, s, e) for s, e in cand.spans),
            cue=Span.of(text, *cand.cue_span) if cand.cue_span else None, cue_lemma=cand.cue_lemma,
            speaker=speaker, paragraph=cand.paragraph, method=cand.method, confidence=cand.confidence,
        ))
    return quotes, [entities[c.id] for c in resolver.clusters if c.id in entities]  # in order of appearance


def _carry_to_cueless(candidates: Sequence[Candidate], speakers: dict, blocks: Sequence[int]) -> None:
    """A quote with no speaker of its own continues the previous direct quote's speaker (same paragraph
    or up to two before), else takes the next quote's in the same paragraph (or in the next one, when the
    quote runs on into it)."""
    ordered = sorted(candidates, key=lambda c: c.start)
    previous = None
    for cand in ordered:
        if id(cand) in speakers:
            previous = cand
        elif (not cand.speaker and previous is not None and previous.kind == "direct"
              and blocks[cand.paragraph] - blocks[previous.paragraph] <= ADJACENT_PARAGRAPHS):
            speakers[id(cand)] = (speakers[id(previous)][0], None)
    following = None
    for cand in reversed(ordered):
        if id(cand) in speakers:
            following = cand
            continue
        if cand.speaker or following is None:
            continue
        runs_on = bool(cand.stretches) and not cand.stretches[-1].closed  # continued in the next paragraph
        gap = blocks[following.paragraph] - blocks[cand.paragraph]
        if gap == 0 or runs_on and gap == 1:
            speakers[id(cand)] = (speakers[id(following)][0], None)
