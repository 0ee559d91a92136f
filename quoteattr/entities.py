"""Entities: cluster the document's mentions into the people, organisations and groups that speak.

Mentions are read in text order. A name joins the entity that shares its surname (or, for an
organisation, its name or acronym); a description ("a spokesperson", "the mayor") joins the latest entity
whose role has the same head noun; a pronoun joins the latest compatible entity (he/she: a person; they:
a group, an organisation or an unnamed source, else a person; it: an organisation). Each entity keeps the
fullest name and the first role the article gives it.
"""
from __future__ import annotations

import bisect

import attrs
import regex

from quoteattr.lexicons import lexicon
from quoteattr.records import Entity, Span
from quoteattr.roles import Description

# "Immigration and Customs Enforcement (ICE)": an acronym in brackets after its long form.
_BRACKETED_ACRONYM = regex.compile(r"\(([A-Z][A-Z0-9&.]{1,9})\)")
_LONG_FORM_WORDS = 12  # the long form is looked for among this many words before the bracket
_MINOR = frozenset({"and", "of", "for", "on", "the", "&"})
TYPO_SURNAME_LETTERS = 5  # a lone surname this long may be a misspelling of a known person's
LONG_SURNAME_LETTERS = 8  # ... with two slips in one this long
PRONOUN_WINDOW = 3  # paragraphs back that a pronoun looks for the previous quote's speaker


def acronym_definitions(text: str) -> dict[str, str]:
    """Acronyms the article defines, mapped to their long form, when the initials agree."""
    found: dict[str, str] = {}
    for match in _BRACKETED_ACRONYM.finditer(text):
        acronym = match.group(1).replace(".", "")
        words = text[max(0, match.start() - 200):match.start()].split()[-_LONG_FORM_WORDS:]
        # The shortest tail of capitalised words (small words allowed inside) whose initials spell it.
        for first in range(len(words) - 1, -1, -1):
            tail = words[first:]
            if not tail[0][:1].isupper():
                continue
            initials = "".join(w[0] for w in tail if w.lower() not in _MINOR).upper()
            if initials == acronym:
                found.setdefault(acronym, " ".join(tail).strip(",;:"))
                break
            if len(initials) > len(acronym):
                break
    return found


def _misspelt(a: str, b: str) -> bool:
    """``b`` is ``a`` misspelt: the same first letter and one slip (a letter left out, added or changed, or
    two swapped), or two in names of the same length, LONG_SURNAME_LETTERS or more ('Bauchtman' for
    'Buchtmann'; 'Williamson' is not 'Williams')."""
    if a[:1] != b[:1] or a == b:
        return False
    slips = 2 if len(a) == len(b) >= LONG_SURNAME_LETTERS else 1
    return _slips(a.lower(), b.lower(), slips) <= slips


def _slips(a: str, b: str, bound: int) -> int:
    """The edit distance of two words with swaps of neighbours (Damerau), or more than ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    before, row = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for k in range(1, len(b) + 1):
            current[k] = min(row[k] + 1, current[k - 1] + 1, row[k - 1] + (a[i - 1] != b[k - 1]))
            if before is not None and i > 1 and k > 1 and a[i - 1] == b[k - 2] and a[i - 2] == b[k - 1]:
                current[k] = min(current[k], before[k - 2] + 1)
        before, row = row, current
    return row[-1]


def _office(role: str) -> bool:
    """An appositive role headed by a title word ('the chairman of the panel'), not an affiliation."""
    head = regex.split(r"\s+(?:of|for|at|with|in|to)\s+", role, maxsplit=1)[0].split()[-1].lower()
    return head in lexicon("titles")


def _slug(value: str) -> str:
    return regex.sub(r"[^\w]+", "-", value.lower()).strip("-") or "speaker"


@attrs.define
class _Cluster:
    id: str
    kind: str
    names: list[str] = attrs.Factory(list)
    role: str | None = None
    organization: str | None = None
    heads: set[str] = attrs.Factory(set)
    pronouns: set[str] = attrs.Factory(set)
    mentions: list[Span] = attrs.Factory(list)
    last: int = -1
    order: int = 0  # its place among the document's entities, by creation
    mentioned: set[Span] = attrs.field(factory=set, eq=False, repr=False)  # the mentions, for lookups

    def canonical_name(self, acronyms: dict[str, str]) -> str | None:
        if not self.names:
            return None
        if self.kind == "organization":
            for name in self.names:
                if name in acronyms:
                    return acronyms[name]
            return max(self.names, key=lambda n: (len(n.split()), -self.names.index(n)))
        if self.kind == "group":
            return self.names[0]
        return max(self.names, key=lambda n: (len(n.split()), -self.names.index(n)))


class EntityResolver:
    """Resolves mentions one at a time, in text order, into document entities."""

    def __init__(self, text: str):
        self.text = text
        self.acronyms = acronym_definitions(text)
        self.clusters: list[_Cluster] = []
        # Indexes that keep a long document linear (a list of 10,000 names): the ids given, and the people
        # by the last word of each of their names, in creation order.
        self._ids: set[str] = set()
        self._by_surname: dict[str, list[_Cluster]] = {}
        self.last_speaker: tuple[_Cluster, int] | None = None  # (entity, paragraph) of the latest quote

    # -- matching -------------------------------------------------------------------------------------
    def _latest(self, position: int, accept) -> _Cluster | None:
        best = None
        for cluster in self.clusters:
            if 0 <= cluster.last < position and accept(cluster) and (best is None or cluster.last > best.last):
                best = cluster
        return best

    def _same_org(self, a: str, b: str) -> bool:
        a, b = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
        long_a = self.acronyms.get(a.upper(), a).lower()
        long_b = self.acronyms.get(b.upper(), b).lower()
        if a == b or long_a == long_b or long_a == b or a == long_b:
            return True
        # "the Church" and "the Church of Scientology": a name and its longer form
        shorter, longer = sorted((long_a.split(), long_b.split()), key=len)
        if shorter == longer:  # the same words, spaced differently ("White\u00a0House", a double space)
            return True
        return len(shorter) >= 1 and longer[:len(shorter)] == shorter and longer[len(shorter)] in ("of", "for")

    def _match_name(self, desc: Description) -> _Cluster | None:
        name = desc.name or ""
        if desc.kind == "organization":
            return next((c for c in self.clusters if c.kind == "organization"
                         and any(self._same_org(name, n) for n in c.names)), None)
        tokens = name.split()
        for cluster in reversed(self._by_surname.get(tokens[-1], [])):  # the people of the same last word
            for known in cluster.names:
                other = known.split()
                if other[-1] == tokens[-1] and (len(other) == 1 or len(tokens) == 1 or other[0] == tokens[0]):
                    return cluster
        if len(tokens) == 1 and len(name) >= TYPO_SURNAME_LETTERS:  # 'Water said' after 'Kathryn Waters'
            return next((c for c in reversed(self.clusters) if c.kind == "person"
                         and any(len(n.split()) > 1 and _misspelt(n.split()[-1], name) for n in c.names)), None)
        return None

    def _match_description(self, desc: Description, position: int) -> _Cluster | None:
        if desc.kind == "organization":  # "the agency": the latest organisation
            return self._latest(position, lambda c: c.kind == "organization")
        if desc.kind == "group":
            return self._latest(position, lambda c: c.kind == "group" and desc.head in c.heads)

        def same_role(cluster: _Cluster) -> bool:
            if cluster.kind not in ("person", "unnamed") or desc.head not in cluster.heads:
                return False
            return not (desc.organization and cluster.organization
                        and not self._same_org(desc.organization, cluster.organization))
        return self._latest(position, same_role)

    def _match_pronoun(self, pronoun: str, position: int, paragraph: int) -> _Cluster | None:
        previous = None
        if self.last_speaker and paragraph - self.last_speaker[1] <= PRONOUN_WINDOW:
            previous = self.last_speaker[0]
        if pronoun in ("he", "she"):
            return self._latest(position, lambda c: c.kind == "person" and not (
                c.pronouns and pronoun not in c.pronouns))
        if pronoun in ("they", "we"):
            if previous and previous.kind in ("unnamed", "group", "organization"):
                return previous
            return (self._latest(position, lambda c: c.kind in ("group", "organization", "unnamed"))
                    or self._latest(position, lambda c: c.kind == "person"))
        if pronoun == "it":
            return self._latest(position, lambda c: c.kind == "organization")
        return None

    # -- building ---------------------------------------------------------------------------------------
    def _new(self, desc: Description) -> _Cluster:
        kind = "person" if desc.kind == "pronoun" else desc.kind
        base = _slug(desc.name or desc.role or desc.head or kind)
        ident, n = base, 2
        while ident in self._ids:
            ident, n = f"{base}-{n}", n + 1
        cluster = _Cluster(id=ident, kind=kind, order=len(self.clusters))
        self.clusters.append(cluster)
        self._ids.add(ident)
        return cluster

    def resolve(self, desc: Description, span: Span, paragraph: int, *, role: str | None = None,
                organization: str | None = None, create: bool = True, salient: bool = True) -> _Cluster | None:
        """The entity of one mention; ``role``/``organization`` come from an appositive, if any. A mention
        that is not ``salient`` (a name in passing, not a subject) completes names and roles but is no
        antecedent for later pronouns and descriptions."""
        if desc.kind == "pronoun":
            cluster = self._match_pronoun(desc.head, span.start, paragraph)
        elif desc.name and not desc.descriptive:
            cluster = self._match_name(desc)
        else:
            cluster = self._match_description(desc, span.start)
        if cluster is None:
            if not create or desc.kind == "pronoun":
                return None
            cluster = self._new(desc)
        self._absorb(cluster, desc, span, role, organization, salient)
        return cluster

    def _absorb(self, cluster: _Cluster, desc: Description, span: Span, role, organization, salient) -> None:
        if desc.name and desc.name not in cluster.names and (not desc.descriptive or not cluster.names):
            cluster.names.append(desc.name)
            if cluster.kind == "person" and (name_words := desc.name.split()):
                same = self._by_surname.setdefault(name_words[-1], [])
                if all(other is not cluster for other in same):
                    bisect.insort(same, cluster, key=lambda c: c.order)
        if desc.kind == "pronoun":
            if desc.head in ("he", "she"):
                cluster.pronouns.add(desc.head)
        elif desc.head:
            cluster.heads.add(desc.head)
        role = role if role and desc.role and _office(role) else desc.role or role
        if role and cluster.role is None:
            cluster.role = role
            cluster.organization = desc.organization or organization
            cluster.heads.add(role.split()[-1].lower())
        if cluster.organization is None and (cluster.kind == "organization" or cluster.kind == "person" and not role):
            cluster.organization = desc.organization  # a person's without a role: "Bob Smith of Ohio"
        if span not in cluster.mentioned:  # two quotes can share one speaker mention
            cluster.mentions.append(span)
            cluster.mentioned.add(span)
        if salient:
            cluster.last = max(cluster.last, span.start)

    def mark_speaker(self, cluster: _Cluster | None, paragraph: int) -> None:
        if cluster is not None:
            self.last_speaker = (cluster, paragraph)

    def entity(self, cluster: _Cluster) -> Entity:
        name = cluster.canonical_name(self.acronyms)
        organization = cluster.organization
        if cluster.kind == "organization":
            organization = name
        aliases = tuple(n for n in cluster.names if n != name)
        return Entity(id=cluster.id, name=name, role=cluster.role, organization=organization, kind=cluster.kind,
                      aliases=aliases, mentions=tuple(sorted(cluster.mentions)))
