"""The typed records quoteattr returns.

Every record is a frozen, keyword-only attrs class; every offset is a character (code point) offset into
the caller's original text, so ``text[span.start:span.end] == span.text`` always holds.
"""
from __future__ import annotations

from typing import Any

import attrs

QUOTE_KINDS = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("person", "organization", "group", "unnamed")


def _ordered(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if value < instance.start:
        raise ValueError(f"Span end {value} lies before its start {instance.start}")


@attrs.frozen(kw_only=True, order=True)
class Span:
    """A stretch of the caller's text: ``text == original[start:end]``."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_ordered)
    text: str

    @classmethod
    def of(cls, original: str, start: int, end: int) -> Span:
        return cls(start=start, end=end, text=original[start:end])


@attrs.frozen(kw_only=True)
class Speaker:
    """Who said a quote, as resolved for that quote.

    ``mention`` is the words at the cue ("he", "a spokesperson", "Adams"), or None when the speaker was
    carried over from a neighbouring quote. ``name``, ``role`` and ``organization`` are the entity's
    canonical values for the whole document; ``entity`` is the id of that entity in
    :attr:`Attribution.entities`.
    """

    mention: Span | None
    name: str | None
    role: str | None
    organization: str | None
    kind: str = attrs.field(validator=attrs.validators.in_(SPEAKER_KINDS))
    entity: str


@attrs.frozen(kw_only=True)
class Quote:
    """One attributed quote.

    ``content`` holds one span, or several when the attribution interrupts one quoted sentence
    (``"The plan," she said, "is dead."``). Direct content excludes the quotation marks; indirect and
    mixed content is the reported clause without a leading "that". ``method`` names the rule that found
    the quote and its speaker, ``confidence`` is that rule's estimated precision (0..1).
    """

    kind: str = attrs.field(validator=attrs.validators.in_(QUOTE_KINDS))
    content: tuple[Span, ...] = attrs.field(converter=tuple)
    cue: Span | None
    cue_lemma: str | None
    speaker: Speaker | None
    paragraph: int
    method: str
    confidence: float

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end

    @property
    def text(self) -> str:
        """The content's spans joined by " … " when the quote is split."""
        return " … ".join(span.text for span in self.content)


@attrs.frozen(kw_only=True)
class Entity:
    """A speaker of the document: every mention of one person, organisation, group or unnamed source."""

    id: str
    name: str | None
    role: str | None
    organization: str | None
    kind: str = attrs.field(validator=attrs.validators.in_(SPEAKER_KINDS))
    aliases: tuple[str, ...] = attrs.field(converter=tuple, default=())
    mentions: tuple[Span, ...] = attrs.field(converter=tuple, default=())


@attrs.frozen(kw_only=True)
class Attribution:
    """The result for one document: the quotes in text order and the entities that speak them."""

    text: str
    quotes: tuple[Quote, ...] = attrs.field(converter=tuple, default=())
    entities: tuple[Entity, ...] = attrs.field(converter=tuple, default=())

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=True)

    def quote_rows(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """One flat row per quote, for JSONL or a DataFrame."""
        rows = []
        for quote in self.quotes:
            speaker = quote.speaker
            rows.append({
                "doc_id": doc_id,
                "start": quote.start,
                "end": quote.end,
                "kind": quote.kind,
                "text": quote.text,
                "cue": quote.cue.text if quote.cue else None,
                "cue_lemma": quote.cue_lemma,
                "speaker": speaker.name if speaker else None,
                "speaker_mention": speaker.mention.text if speaker and speaker.mention else None,
                "speaker_kind": speaker.kind if speaker else None,
                "role": speaker.role if speaker else None,
                "organization": speaker.organization if speaker else None,
                "paragraph": quote.paragraph,
                "method": quote.method,
                "confidence": quote.confidence,
            })
        return rows
