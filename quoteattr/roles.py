"""Roles: split a mention into its name, role and organisation, and say what kind of speaker it names.

"Acting ICE Director Patrick Lechleitner" -> name "Patrick Lechleitner", role "Acting ICE Director",
organisation "ICE"; "a White House spokesperson" -> unnamed, role "White House spokesperson", organisation
"White House"; "founder of She the People" -> role and organisation "She the People"; "Proponents of
sanctuary policies" -> a group; "The White House" -> an organisation. Titles, organisation words and group
nouns come from the lexicons beside this module.
"""
from __future__ import annotations

from collections.abc import Sequence

import attrs
import regex

from quoteattr.lexicons import lexicon
from quoteattr.parse import Word
from quoteattr.segment import as_written

DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "another", "one"})
PRONOUN_KINDS = {"he": "he", "him": "he", "she": "she", "her": "she", "they": "they", "them": "they",
                 "i": "i", "we": "we", "it": "it"}
# Role modifiers that are part of a title but never an organisation's name.
# Forms of address: never a role by themselves, never part of a name.
HONORIFICS_BARE = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"})
HONORIFICS = frozenset(HONORIFICS_BARE | {h + "." for h in HONORIFICS_BARE})
NAME_JOINERS = frozenset({"of", "and", "&", "for", "the", "de", "du", "la"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "der", "da", "di", "le", "st."})
ROLE_PREPOSITIONS = frozenset({"of", "to", "for", "at", "in", "on"})
COMMON_TAGS = frozenset({"NOUN", "ADJ", "PRON", "DET", "VERB", "ADV"})
# Letters after a name (honours, the silk of senior counsel, degrees): "Mark Tedeschi, QC".
POST_NOMINALS = frozenset({"qc", "kc", "sc", "mp", "msp", "mla", "mbe", "obe", "cbe", "kbe", "dbe", "phd", "md",
                           "jr", "sr", "esq"})
ROLE_MODIFIERS = frozenset({"acting", "former", "deputy", "vice", "interim", "assistant", "senior", "chief",
                            "associate", "first", "then", "current"})


@attrs.frozen(kw_only=True)
class Description:
    kind: str  # person | organization | group | unnamed | pronoun
    name: str | None = None
    role: str | None = None
    organization: str | None = None
    head: str = ""  # lowercased head noun, pronoun or surname: what later mentions are matched on
    definite: bool = False
    descriptive: bool = False  # named by a description ("the ministry"): matched as one, named by it if new


def _capitalised(word: Word) -> bool:
    return word.text[:1].isupper() or word.upos == "PROPN"


def _namelike(word: Word) -> bool:
    """A word of a proper name: a proper noun, or capitalised mid-phrase where the tagger erred."""
    return word.upos == "PROPN" or _acronym(word) or (word.text[:1].isupper() and word.upos not in COMMON_TAGS)


def _is_name(words: Sequence[Word]) -> bool:
    """Capitalised words that make a proper name: "White House" even when "White" is tagged ADJ."""
    words = [w for w in words if w.lower not in NAME_JOINERS | NAME_PARTICLES and w.text not in "-'’"]
    if not words or not all(w.text[:1].isupper() for w in words):
        return False
    return any(_namelike(w) for w in words) or len(words) >= 2


def _acronym(word: Word) -> bool:
    letters = [c for c in word.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _text(original: str, words: Sequence[Word]) -> str:
    return original[words[0].start:words[-1].end] if words else ""


def is_title(word: Word) -> bool:
    return word.lower in lexicon("titles")


def is_organization_name(words: Sequence[Word], definite: bool) -> bool:
    """A capitalised name names an organisation: an acronym, an organisation word, or "the" + name."""
    if len(words) == 1 and _acronym(words[0]):
        return True
    if any(w.lower in lexicon("organization_words") for w in words):
        return True
    return definite


def _organization_of(original: str, role_words: Sequence[Word]) -> str | None:
    """The organisation inside a role: its capitalised words that are not titles ("ICE" in "Acting ICE
    Director"), or the object of "of" ("founder of She the People")."""
    lowered = [w.lower for w in role_words]
    if "of" in lowered:
        after = list(role_words[lowered.index("of") + 1:])
        if after and after[0].lower in DETERMINERS:
            after = after[1:]
        if after and _capitalised(after[0]):
            return _text(original, after)
    run: list[Word] = []
    best: list[Word] = []
    for word in role_words:
        if _capitalised(word) and not is_title(word) and word.lower not in ROLE_MODIFIERS:
            run.append(word)
        else:
            if len(run) > len(best):
                best = run
            run = []
    best = run if len(run) > len(best) else best
    # A possessive shares its word's offsets ("Malaysia's" is one token, two words): not the name's.
    return regex.sub(r"['’]s\Z", "", _text(original, best)) or None


def _name_text(original: str, words: Sequence[Word]) -> str:
    """A name as written, without a sentence's full stop the tokeniser left on it ("Lee." but "Jr."), markup,
    soft hyphens or odd spaces ("Ana <b>Ruiz</b>", "Ana\u00a0Ruiz", "Ana Ru\u00adiz": Ana Ruiz)."""
    text = as_written(_text(original, words))
    last = words[-1].lower
    abbreviation = len(last) <= 3 or last in lexicon("titles") or last in lexicon("organization_words")
    return text[:-1] if text.endswith(".") and not abbreviation else text


def _plural(word: Word) -> bool:
    return "Number=Plur" in word.feats or word.lower in lexicon("group_nouns")


def _name_run(words: Sequence[Word]) -> int:
    """Where the trailing proper name of a phrase starts: capitalised words, joined by hyphens inside a
    word ("al-Amr"), name particles ("al", "van") and, between capitalised words, "of", "and", "the"
    ("Church of Scientology"); no title word is part of it."""
    start = len(words)
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        before = words[i - 1] if i > 0 else None
        capital = word.text[:1].isupper() and not is_title(word) and word.lower not in HONORIFICS
        inside = start < len(words)
        glued = word.text in "-'’" and inside and words[i + 1].start == word.end
        particle = word.lower in NAME_PARTICLES and inside
        joiner = (word.lower in NAME_JOINERS and inside and before is not None and before.text[:1].isupper()
                  and not is_title(before))
        if capital or glued or particle or joiner:
            start = i
        else:
            break
    while start < len(words) and (words[start].lower in NAME_JOINERS or words[start].text in "-'’"):
        start += 1
    return start


def _abbreviated_honorific(word: Word) -> bool:
    """"Mr.", "Dr", "Prof." (not the role word "professor")."""
    bare = word.text.rstrip(".")
    return word.text[:1].isupper() and len(bare) <= 4 and bare.lower() in HONORIFICS_BARE


def _person_after_organisation(run: Sequence[Word]) -> int | None:
    """Where a person's name (two or three capitalised words) begins after an organisation's name in one
    run of capitalised words ("Council on American-Islamic Relations Alia Salem"), or None."""
    last_org = max((i for i, w in enumerate(run) if w.lower in lexicon("organization_words")), default=None)
    if last_org is None or not 2 <= len(run) - last_org - 1 <= 3:
        return None
    person = run[last_org + 1:]
    if any(w.lower in NAME_JOINERS or w.lower in lexicon("organization_words") or is_title(w)
           or not w.text[:1].isupper() for w in person):
        return None
    return last_org + 1


def _split_person_name(words: Sequence[Word], start: int) -> int:
    """'Ambassador to the United States Hamdullah Mohib': when the name run follows a preposition of the
    role, the role's object ends where the person's name (its last two words) begins."""
    run = len(words) - start
    before = start - 1
    if before > 0 and words[before].lower in DETERMINERS:
        before -= 1
    if before >= 0 and words[before].lower in ROLE_PREPOSITIONS and run >= 3:
        initial = any(len(w.text.rstrip(".")) == 1 for w in words[-3:-1])
        return len(words) - (3 if initial and run > 3 else 2)
    return start


def describe(original: str, words: Sequence[Word]) -> Description | None:
    """What a mention names, with its name, role and organisation. A person's name followed by "of" or
    "for" and where they are from or work ("Sen. Bob Smith of Ohio", "Ana Ortiz of the city council",
    "Ann Lee for the Red Cross") names the person; the phrase, when capitalised, is the organisation."""
    words = [w for w in words if w.upos != "PUNCT" or w.text in ".&-'’"]
    split = _affiliation(words)
    if split is not None:
        person = _describe(original, words[:split])
        if person is not None and person.kind == "person":
            return attrs.evolve(person, organization=_organization_of(original, words[split:]) or person.organization)
    return _describe(original, words)


def _coordinated_names(original: str, words: Sequence[Word]) -> Description | None:
    """'Both the Irving Independent School District and the Irving Police Department': names with articles
    of their own, joined by "and", name a group of the two."""
    if words and words[0].lower == "both":
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if w.lower == "and"), None)
    if cut is None or not any(part and part[0].lower == "the" for part in (words[:cut], words[cut + 1:])):
        return None
    names = [[w for w in part if w.lower not in DETERMINERS] for part in (words[:cut], words[cut + 1:])]
    if not all(name and _is_name(name) for name in names):
        return None
    text = _text(original, words[1:] if words[0].lower in DETERMINERS else words)
    return Description(kind="group", name=text, head=text.lower())


def _affiliation(words: Sequence[Word]) -> int | None:
    """Where "of" or "for" follows a person's name (two capitalised words, neither a title nor an
    organisation word: "Lydia Buchtmann for Food Standards Australia"), not a name that holds "of" or "for"
    ("Bank of America", "Secretary of State John Kerry", "Commission for Human Rights")."""
    lowered = [w.lower for w in words]
    i = next((i for i in range(2, len(words)) if lowered[i] in ("of", "for")), None)
    if i is None:
        return None
    name = words[i - 2:i]
    if all(w.text[:1].isupper() and not is_title(w) and w.lower not in lexicon("organization_words") for w in name):
        return i
    return None


def _describe(original: str, words: Sequence[Word]) -> Description | None:
    if not words:
        return None
    if len(words) == 1 and words[0].lower in PRONOUN_KINDS:
        return Description(kind="pronoun", head=PRONOUN_KINDS[words[0].lower])
    if words[-1].lower in ("whom", "which") or [w.lower for w in words] == ["one"]:  # "many of whom", "one":
        return Description(kind="unnamed", head=words[0].lower)  # a share of a group named before, no role
    if (coordinated := _coordinated_names(original, words)) is not None:
        return coordinated
    definite = words[0].lower == "the"
    if words[0].lower in DETERMINERS or words[0].upos == "DET":
        words = words[1:]
        if len(words) > 1 and words[0].lower == "of":  # "some of the members (of the club)": the members
            definite = words[1].lower == "the"
            words = words[2:] if words[1].lower in DETERMINERS or words[1].upos == "DET" else words[1:]
    honorific = False
    while words and words[0].lower.rstrip(".") in HONORIFICS_BARE:  # "Mr Key", "Professor Cres Eastman"
        words, honorific = words[1:], True
    if not words:
        return None
    if honorific and all(w.text[:1].isupper() for w in words):  # "Mr. King": a name, even when a title word
        return Description(kind="person", name=_name_text(original, words), head=words[-1].lower)
    lone = words[0] if len(words) == 1 else None
    if (not definite and lone is not None and lone.upos == "PROPN" and lone.text[:1].isupper()
            and not lone.text.endswith(".") and is_title(lone)):  # "Dean said": a surname, not the title "dean"
        return Description(kind="person", name=lone.text, head=lone.lower)
    start = _name_run(words)
    name_words, prefix = list(words[start:]), list(words[:start])
    if _is_name(name_words):
        if prefix and prefix[-1].lower.endswith(("'s", "’s")) or prefix and prefix[-1].text in ("'s", "’s"):
            prefix = []  # "Saudi Arabia's Civil Defense Authority": a possessive is not a role
        if all(w.text[:1].isdigit() for w in prefix):
            prefix = []  # "the 13th Amendment", "the 82nd Airborne": an ordinal is not a role
        joint = [w for w in prefix if w.lower not in DETERMINERS]
        if len(joint) >= 2 and joint[-1].lower in ROLE_PREPOSITIONS and not joint[-2].text[:1].isupper():
            # "a spokesman for the Red Cross": the name is where the unnamed speaker works
            return Description(kind="unnamed", role=_text(original, words),
                               organization=_name_text(original, name_words), head=joint[-2].lower, definite=definite)
        if not prefix and (person := _person_after_organisation(name_words)):  # "… Relations Alia Salem"
            return Description(kind="person", name=_name_text(original, name_words[person:]),
                               organization=_name_text(original, name_words[:person]),
                               head=name_words[-1].lower)
        if not prefix:
            name = _name_text(original, name_words)
            if is_organization_name(name_words, definite):
                return Description(kind="organization", name=name, organization=name, head=name.lower(),
                                   definite=definite)
            if any(w.lower == "and" for w in name_words):  # "Tom Devocht and Mark Rathbun": two people
                return Description(kind="group", name=name, head=name.lower())
            return Description(kind="person", name=name, head=name_words[-1].lower)
        cut = _split_person_name(words, start)
        name_words, role_words = list(words[cut:]), list(words[:cut])
        while len(role_words) > 1 and _abbreviated_honorific(role_words[-1]):
            role_words = role_words[:-1]  # "Undersecretary for Education Mr. Toccafondi": the honorific is neither
        role = _text(original, role_words)
        name = _name_text(original, name_words)
        if role_words[-1].lower in lexicon("organization_words"):  # "Internet security firm Secunia.com"
            return Description(kind="organization", name=name, role=role, organization=name, head=name.lower())
        return Description(kind="person", name=name, role=role, organization=_organization_of(original, role_words),
                           head=name_words[-1].lower)
    lowered = [w.lower for w in words]
    core = words[:lowered.index("of", 1)] if "of" in lowered[1:] else words  # the part before "of ..."
    head = core[-1]
    text = _text(original, words)
    if head.lower in lexicon("organization_words") and not _plural(head) and not is_title(head):
        # "the agency", "the company": an organisation named by description
        return Description(kind="organization", name=text, organization=text, head=head.lower, definite=definite,
                           descriptive=True)
    if _plural(head) or (head.lower.endswith("s") and not is_title(head) and head.upos == "NOUN"):
        return Description(kind="group", name=text, head=head.lemma or head.lower, definite=definite)
    # A singular description: a role with no name ("a White House spokesperson", "the mayor").
    return Description(kind="unnamed", role=text, organization=_organization_of(original, words),
                       head=head.lower, definite=definite)


def role_from_appositive(original: str, words: Sequence[Word]) -> tuple[str | None, str | None]:
    """Role and organisation from an appositive ("a Republican campaign strategist")."""
    if words and (words[0].lower in DETERMINERS or words[0].upos == "DET"):
        words = words[1:]
    if not words or all(w.upos == "NUM" or w.text.isdigit() for w in words):
        return None, None  # "Mr. King, 82, said": an age is no role
    if all(w.lower.rstrip(".") in POST_NOMINALS for w in words):
        return None, None  # "Mark Tedeschi, QC,": letters after a name are no role
    return _text(original, words), _organization_of(original, words)
