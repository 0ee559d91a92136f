"""Gold attribution files: typed records, a loader and a validator.

The format is described in ``gold/README.md`` of the shared data (and docs/benchmarks.md): one JSON file
per article, with the article text either embedded as ``"text"`` or named by ``"source"`` (a file name) and
``"sha256"`` (the hex digest of that file's bytes), in which case the text is read from a texts directory.

Every problem of a file is collected and reported together in one :class:`~quoteattr.GoldFormatError`,
one line per problem, each naming the file and the JSON path (``quotes[3].content[0]``).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable

import attrs

from quoteattr.errors import GoldFormatError
from quoteattr.records import QUOTE_KINDS, SPEAKER_KINDS, Attribution, Entity, Quote, Span, Speaker

__all__ = [
    "GoldDocument", "GoldEntity", "GoldMarkedSpan", "GoldQuote", "GoldSpan", "attribution_from_gold",
    "gold_from_dict", "load_gold", "load_gold_dir", "paragraph_of",
]


# --------------------------------------------------------------------------------------------- records

@attrs.frozen(kw_only=True)
class GoldSpan:
    """A stretch of the gold text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def length(self) -> int:
        return self.end - self.start


@attrs.frozen(kw_only=True)
class GoldEntity:
    """A speaker of the article. ``name`` is None for ``unnamed`` sources, which are known by ``role``."""

    id: str
    name: str | None
    role: str | None
    organization: str | None
    kind: str
    aliases: tuple[str, ...] = attrs.field(converter=tuple, default=())


@attrs.frozen(kw_only=True)
class GoldQuote:
    """One gold quote; ``speaker`` is an entity id, or None when the text never says who spoke."""

    id: str
    kind: str
    content: tuple[GoldSpan, ...] = attrs.field(converter=tuple)
    cue: GoldSpan | None
    speaker: str | None
    mention: GoldSpan | None
    paragraph: int
    note: str | None = None

    @property
    def text(self) -> str:
        """The content's spans joined by " … " when the quote is split (as :attr:`Quote.text`)."""
        return " … ".join(span.text for span in self.content)


@attrs.frozen(kw_only=True)
class GoldMarkedSpan:
    """An entry of ``not_quotes`` or ``optional``: a span and why it was marked."""

    span: GoldSpan
    why: str | None = None


@attrs.frozen(kw_only=True)
class GoldDocument:
    """One annotated article."""

    id: str
    text: str
    entities: tuple[GoldEntity, ...] = attrs.field(converter=tuple, default=())
    quotes: tuple[GoldQuote, ...] = attrs.field(converter=tuple, default=())
    not_quotes: tuple[GoldMarkedSpan, ...] = attrs.field(converter=tuple, default=())
    optional: tuple[GoldMarkedSpan, ...] = attrs.field(converter=tuple, default=())
    source: str | None = None
    sha256: str | None = None
    path: str | None = None  # the file it was loaded from, for messages

    def entity(self, entity_id: str | None) -> GoldEntity | None:
        """The entity with this id, or None (for a None id too)."""
        if entity_id is None:
            return None
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None


def paragraph_of(text: str, offset: int) -> int:
    """The 0-based index of the line (paragraph) of ``text`` that holds ``offset``."""
    return text.count("\n", 0, offset)


# ------------------------------------------------------------------------------------------ validation

class _Problems:
    """Collects the problems of one file so that all of them are reported at once."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.lines: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.lines.append(f"{self.where}: {path}: {message}" if path else f"{self.where}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            count = len(self.lines)
            head = f"gold file {self.where} has {count} problem{'s' if count != 1 else ''}:"
            raise GoldFormatError("\n".join([head, *("  " + line for line in self.lines)]))


def _is_int(value: Any) -> bool:
    # bool is an int subclass, but `true` is never a valid offset
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_str(problems: _Problems, data: dict, key: str, path: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        problems.add(f"{path}.{key}", f"must be a string or null, got {type(value).__name__} {value!r}")
        return None
    return value


def _has_keys(problems: _Problems, value: Any, path: str, keys: tuple[str, ...], not_object: str, needs: str) -> bool:
    """Whether ``value`` is an object (recording the problem when it is not); the keys it lacks are recorded
    too, but its other keys are still checked by the caller, so that a file's problems come out together."""
    if not isinstance(value, dict):
        problems.add(path, f"{not_object}, got {value!r}")
        return False
    missing = [key for key in keys if key not in value]
    if missing:
        problems.add(path, f"missing key(s) {', '.join(missing)} ({needs})")
    return True


def _complete(value: dict, keys: tuple[str, ...]) -> bool:
    return all(key in value for key in keys)


def _span(problems: _Problems, value: Any, path: str, text: str | None) -> GoldSpan | None:
    """A validated span, or None (after recording why) when it is unusable."""
    keys = ("start", "end", "text")
    if not _has_keys(problems, value, path, keys,
                     'must be an object {"start": int, "end": int, "text": str}', "a span needs start, end and text"):
        return None
    usable = _complete(value, keys)
    start, end, span_text = value.get("start"), value.get("end"), value.get("text")
    for key in ("start", "end"):
        if key in value and not _is_int(value[key]):
            problems.add(f"{path}.{key}", f"must be an integer character offset, got {value[key]!r}")
            usable = False
    if "text" in value and not isinstance(span_text, str):
        problems.add(f"{path}.text", f"must be a string, got {span_text!r}")
        usable = False
    if not usable:
        return None
    if start > end:
        problems.add(path, f"start {start} is after end {end}: swap or fix the offsets")
        return None
    if not span_text.strip():  # no prediction can match it: the quote would count as missed for ever
        problems.add(path, f"the span {start}..{end} is empty or white space ({span_text!r}): fix the offsets")
        return None
    if text is not None:
        if start < 0 or end > len(text):
            problems.add(path, f"offsets {start}..{end} lie outside the text (0..{len(text)}): fix the offsets")
            return None
        if text[start:end] != span_text:
            problems.add(
                path,
                f"the text at {start}..{end} is {_clip(text[start:end])!r} but the span records "
                f"{_clip(span_text)!r}: fix the offsets or the recorded text",
            )
    return GoldSpan(start=start, end=end, text=span_text)


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _nullable_span(problems: _Problems, data: dict, key: str, path: str, text: str | None) -> GoldSpan | None:
    value = data.get(key)
    return None if value is None else _span(problems, value, f"{path}.{key}", text)


def _list(problems: _Problems, data: dict, key: str, path: str, required: bool) -> list:
    if key not in data:
        if required:
            problems.add(key if not path else f"{path}.{key}", f'missing required key "{key}" (a list)')
        return []
    value = data[key]
    if not isinstance(value, list):
        problems.add(key if not path else f"{path}.{key}", f"must be a list, got {type(value).__name__}")
        return []
    return value


def _id_and_kind(problems: _Problems, value: dict, path: str, kinds: tuple[str, ...]) -> bool:
    """Whether the record's id is a non-empty string and its kind a known one; records each problem."""
    usable = _complete(value, ("id", "kind"))  # a missing one is recorded by _has_keys
    if "id" in value and (not isinstance(value["id"], str) or not value["id"]):
        problems.add(f"{path}.id", f"must be a non-empty string, got {value['id']!r}")
        usable = False
    if "kind" in value and value["kind"] not in kinds:
        problems.add(f"{path}.kind", f"{value['kind']!r} is not one of {'|'.join(kinds)}")
        usable = False
    return usable


def _entity(problems: _Problems, value: Any, path: str) -> GoldEntity | None:
    keys = ("id", "name", "kind")
    if not _has_keys(problems, value, path, keys, "an entity must be an object",
                     "an entity needs id, name (null for unnamed), kind"):
        return None
    entity_id, kind = value.get("id"), value.get("kind")
    usable = _id_and_kind(problems, value, path, SPEAKER_KINDS) and _complete(value, keys)
    name = _optional_str(problems, value, "name", path)
    role = _optional_str(problems, value, "role", path)
    organization = _optional_str(problems, value, "organization", path)
    aliases = value.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
        problems.add(f"{path}.aliases", f"must be a list of strings, got {aliases!r}")
        aliases = []
    if not usable:
        return None
    return GoldEntity(id=entity_id, name=name, role=role, organization=organization, kind=kind, aliases=aliases)


def _quote(problems: _Problems, value: Any, path: str, text: str | None) -> GoldQuote | None:
    keys = ("id", "kind", "content", "speaker")
    if not _has_keys(problems, value, path, keys, "a quote must be an object",
                     "a quote needs id, kind, content, speaker"):
        return None
    quote_id, kind, content_value = value.get("id"), value.get("kind"), value.get("content")
    usable = _id_and_kind(problems, value, path, QUOTE_KINDS) and _complete(value, keys)
    content: list[GoldSpan] = []
    if "content" not in value:
        pass  # recorded as missing
    elif not isinstance(content_value, list) or not content_value:
        problems.add(f"{path}.content", "must be a non-empty list of spans")
        usable = False
    else:
        for index, span_value in enumerate(content_value):
            span = _span(problems, span_value, f"{path}.content[{index}]", text)
            if span is None:
                usable = False
            else:
                content.append(span)
        # overlap sums assume the spans of one content are disjoint and in text order
        for index, (before, after) in enumerate(zip(content, content[1:]), start=1):
            if after.start < before.end:
                problems.add(f"{path}.content[{index}]",
                             f"starts at {after.start}, before the previous span ends ({before.end}): "
                             "list a split quote's spans in text order without overlap")
    speaker = value.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        problems.add(f"{path}.speaker", f"must be an entity id or null, got {speaker!r}")
        speaker = None
    cue = _nullable_span(problems, value, "cue", path, text)
    mention = _nullable_span(problems, value, "mention", path, text)
    note = _optional_str(problems, value, "note", path)
    paragraph = value.get("paragraph")
    if paragraph is not None and not _is_int(paragraph):
        problems.add(f"{path}.paragraph", f"must be an integer, got {paragraph!r}")
        usable = False
    if content and text is not None and usable:
        expected = paragraph_of(text, content[0].start)
        if paragraph is None:
            paragraph = expected
        elif paragraph != expected:
            problems.add(f"{path}.paragraph",
                         f"is {paragraph} but the first content span starts in paragraph {expected} "
                         "(0-based line index): set it to that or drop the key")
    if not usable or text is None:
        return None
    return GoldQuote(id=quote_id, kind=kind, content=content, cue=cue, speaker=speaker, mention=mention,
                     paragraph=paragraph, note=note)


def _marked(problems: _Problems, value: Any, path: str, text: str | None) -> GoldMarkedSpan | None:
    if not isinstance(value, dict) or "span" not in value:
        problems.add(path, f'must be an object {{"span": {{...}}, "why": "..."}}, got {_clip(repr(value))}')
        return None
    span = _span(problems, value["span"], f"{path}.span", text)
    why = _optional_str(problems, value, "why", path)
    return None if span is None else GoldMarkedSpan(span=span, why=why)


def _check_unique(problems: _Problems, ids: Iterable[tuple[str, str]], what: str) -> None:
    first_seen: dict[str, str] = {}
    for path, item_id in ids:
        if item_id in first_seen:
            problems.add(f"{path}.id", f"duplicate {what} id {item_id!r} (first at {first_seen[item_id]}): "
                                       "give each a unique id")
        else:
            first_seen[item_id] = path


def _raw_ids(data: dict, key: str) -> list[tuple[str, str]]:
    """(JSON path, id) of every entry of the list ``data[key]`` that has a string id."""
    entries = data.get(key) if isinstance(data.get(key), list) else []
    return [(f"{key}[{index}]", entry["id"]) for index, entry in enumerate(entries)
            if isinstance(entry, dict) and isinstance(entry.get("id"), str)]


# ------------------------------------------------------------------------------------------- loading

def _sha256_of_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text_from_source(problems: _Problems, data: dict, texts_dir: str | os.PathLike | None) -> str | None:
    """The text named by ``source``/``sha256``, or None after recording what to pass instead."""
    source, digest = data.get("source"), data.get("sha256")
    if not isinstance(source, str) or not source or not isinstance(digest, str) or not digest:
        problems.add("", 'has no "text": a gold file must embed "text", or name its text file with "source" '
                         'and "sha256" (the hex sha256 of the file\'s bytes)')
        return None
    if texts_dir is None:
        problems.add("source", f"the text {source!r} is not embedded: pass the directory that holds it "
                               "(texts_dir=... in Python, --texts DIR on the command line)")
        return None
    directory = Path(texts_dir)
    if not directory.is_dir():
        what = "is a file, not a directory" if directory.exists() else "does not exist"
        problems.add("source", f"the texts directory {str(directory)!r} {what}: "
                               f"pass the directory that holds {source!r} (--texts DIR)")
        return None
    text_path = directory / source
    if not text_path.is_file():
        problems.add("source", f"{str(text_path)!r} does not exist: pass the texts directory that holds "
                               f"{source!r} (--texts DIR)")
        return None
    actual = _sha256_of_file(text_path)
    if actual.lower() != digest.lower():
        problems.add("sha256", f"{str(text_path)!r} has sha256 {actual}, the gold file expects {digest}: "
                               "the text changed since it was annotated; pass the texts directory of the "
                               "annotated version, or re-check the annotations and update sha256")
        return None
    try:  # the bytes the sha256 is of, decoded as they are: \r\n stays two characters, as the offsets count them
        return text_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        problems.add("source", f"{str(text_path)!r} is not UTF-8 ({error}): save the text as UTF-8")
        return None


def gold_from_dict(data: Any, text: str | None = None, where: str = "<gold>",
                   texts_dir: str | os.PathLike | None = None) -> GoldDocument:
    """Validate parsed gold JSON and build a :class:`GoldDocument`.

    ``text`` supplies the article when the data does not embed it (its offsets are still checked against
    it); otherwise a ``source``/``sha256`` pair is resolved in ``texts_dir``. ``where`` names the file in
    error messages. Raises :class:`GoldFormatError` listing every problem found.
    """
    problems = _Problems(where)
    if not isinstance(data, dict):
        problems.add("", f"the top level must be a JSON object, got {type(data).__name__}")
        problems.raise_if_any()
    doc_id = data.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        problems.add("id", 'missing or not a non-empty string: give the document an "id"')

    embedded = data.get("text")
    if embedded is not None and not isinstance(embedded, str):
        problems.add("text", f"must be a string, got {type(embedded).__name__}")
        embedded = None
    if embedded is not None:
        if text is not None and text != embedded:
            problems.add("text", "the embedded text differs from the text passed in: pass no text, or fix the file")
        if data.get("source") is not None and texts_dir is not None:  # both: they must be the same article
            named = _text_from_source(problems, data, texts_dir)
            if named is not None and named != embedded:
                problems.add("text", f"the embedded text differs from {data['source']!r} in {str(texts_dir)!r}: "
                                     "keep one of them, or make them the same")
        document_text = embedded
    elif text is not None:
        document_text = text
    else:
        document_text = _text_from_source(problems, data, texts_dir)

    entities = []
    for index, value in enumerate(_list(problems, data, "entities", "", required=True)):
        entity = _entity(problems, value, f"entities[{index}]")
        if entity is not None:
            entities.append((f"entities[{index}]", entity))
    quotes = []
    for index, value in enumerate(_list(problems, data, "quotes", "", required=True)):
        quote = _quote(problems, value, f"quotes[{index}]", document_text)
        if quote is not None:
            quotes.append((f"quotes[{index}]", quote))
    marked: dict[str, list[GoldMarkedSpan]] = {}
    for key in ("not_quotes", "optional"):
        marked[key] = []
        for index, value in enumerate(_list(problems, data, key, "", required=False)):
            entry = _marked(problems, value, f"{key}[{index}]", document_text)
            if entry is not None:
                marked[key].append(entry)

    # ids are taken from the raw entries, so that one broken entity does not cascade into "unknown speaker"
    raw_entities = _raw_ids(data, "entities")
    _check_unique(problems, raw_entities, "entity")
    _check_unique(problems, _raw_ids(data, "quotes"), "quote")
    entity_ids = {entity_id for _, entity_id in raw_entities}
    raw_quotes = data.get("quotes") if isinstance(data.get("quotes"), list) else []
    for index, value in enumerate(raw_quotes):
        speaker = value.get("speaker") if isinstance(value, dict) else None
        if isinstance(speaker, str) and speaker not in entity_ids:
            problems.add(f"quotes[{index}].speaker", f"{speaker!r} is not the id of an entity: use one of "
                                                     f"{sorted(entity_ids)} or null")
    problems.raise_if_any()
    source, digest = data.get("source"), data.get("sha256")
    return GoldDocument(
        id=doc_id, text=document_text, entities=[entity for _, entity in entities],
        quotes=[quote for _, quote in quotes], not_quotes=marked["not_quotes"], optional=marked["optional"],
        source=source if isinstance(source, str) else None, sha256=digest if isinstance(digest, str) else None,
        path=where,
    )


def load_gold(path: str | os.PathLike, text: str | None = None,
              texts_dir: str | os.PathLike | None = None) -> GoldDocument:
    """Load and validate one gold file (see :func:`gold_from_dict`)."""
    where = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise GoldFormatError(f"gold file {where} does not exist: "
                              "pass a gold .json file or a directory of them") from None
    except IsADirectoryError:
        raise GoldFormatError(f"gold file {where} is a directory, not a gold file: rename it, or pass it as a "
                              f"directory of gold files") from None
    except OSError as error:
        raise GoldFormatError(f"gold file {where} cannot be read: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"gold file {where} is not valid JSON: line {error.lineno} column {error.colno}: "
                              f"{error.msg}") from None
    except UnicodeDecodeError as error:
        raise GoldFormatError(f"gold file {where} is not UTF-8 ({error.reason}): save it as UTF-8") from None
    return gold_from_dict(data, text=text, where=where, texts_dir=texts_dir)


def duplicate_documents(documents: list[GoldDocument]) -> list[str]:
    """A message for each document whose id an earlier one has: it would be scored twice."""
    messages, seen = [], {}
    for document in documents:
        if document.id in seen:
            messages.append(f"gold file {document.path}: id: duplicate document id {document.id!r} "
                            f"(also in {seen[document.id]}): give each document a unique id, and each file once")
        seen.setdefault(document.id, document.path or "")
    return messages


def load_gold_dir(path: str | os.PathLike, texts_dir: str | os.PathLike | None = None) -> list[GoldDocument]:
    """Load every ``*.json`` gold file of a directory, in name order.

    The problems of all files are reported together in one :class:`GoldFormatError`; so are document ids
    used by more than one file.
    """
    directory = Path(path)
    if not directory.is_dir():
        raise GoldFormatError(f"{str(directory)!r} is not a directory: pass a directory of gold .json files")
    files = sorted(entry for entry in directory.iterdir() if entry.suffix.lower() == ".json")  # .JSON too
    if not files:
        raise GoldFormatError(f"{str(directory)!r} holds no *.json gold files: pass the directory that holds them")
    documents, messages = [], []
    for file in files:
        try:
            documents.append(load_gold(file, texts_dir=texts_dir))
        except GoldFormatError as error:
            messages.append(str(error))
    messages += duplicate_documents(documents)
    if messages:
        raise GoldFormatError("\n".join(messages))
    return documents


# ------------------------------------------------------------------------------------ sanity checks

def _span_record(span: GoldSpan | None) -> Span | None:
    return None if span is None else Span(start=span.start, end=span.end, text=span.text)


def attribution_from_gold(document: GoldDocument) -> Attribution:
    """The gold annotations as a prediction: scoring it against its own gold gives 1.0 on every figure.

    Useful to check a scorer or a pipeline end to end without a model.
    """
    entities = {entity.id: entity for entity in document.entities}
    quotes = []
    for quote in document.quotes:
        speaker = None
        entity = entities.get(quote.speaker) if quote.speaker else None
        if entity is not None:
            speaker = Speaker(mention=_span_record(quote.mention), name=entity.name, role=entity.role,
                              organization=entity.organization, kind=entity.kind, entity=entity.id)
        quotes.append(Quote(
            kind=quote.kind, content=[_span_record(span) for span in quote.content], cue=_span_record(quote.cue),
            cue_lemma=quote.cue.text.lower() if quote.cue else None, speaker=speaker,
            paragraph=quote.paragraph, method="gold", confidence=1.0,
        ))
    return Attribution(
        text=document.text,
        quotes=quotes,
        entities=[Entity(id=entity.id, name=entity.name, role=entity.role, organization=entity.organization,
                         kind=entity.kind, aliases=entity.aliases) for entity in document.entities],
    )
