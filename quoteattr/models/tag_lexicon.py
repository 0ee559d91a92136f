"""The universal tags each word had in the training treebanks, to which the tagger's choice is restricted.

A tag dictionary, as in TnT and the Stanford tagger: a word seen in training takes the best-scoring of the
UPOS tags it had there ("interested": ADJ and VERB, never NOUN); a capitalised or all-capital spelling
never seen takes those of its lower-case spelling, or a name's ("PERFORMANCE": NOUN or PROPN); any other
word keeps every tag. The tagger, trained without word vectors, gives a seen word a tag it never had there
in about a fifth of its errors (375 of 1,761 on EWT test). Every word seen at least once, as written, was
the best choice over both dev sets (EWT dev UPOS 93.05 -> 93.82, GUM dev 95.03 -> 95.87 with the tag1c
tagger; words seen 2, 3 or 5 times, a tag's share of 99% or 97%, scores from the training counts, or
closed word classes barred for unseen words scored lower); the case-folded spellings added a little more
on dev (docs/models.md). XPOS and features stay the tagger's own, predicted from the chosen UPOS as stanza
does.

The lexicon is a file beside the tagger (``tag_lexicon.tsv``: word, then its tags, tab-separated), written
by the training recipe from the training files; a model directory without one tags as stanza does.
"""
from __future__ import annotations

import collections
from collections.abc import Iterable
from pathlib import Path

FILE = "tag_lexicon.tsv"
NAME = frozenset({"PROPN"})
# A tag the word never had scores this much lower (far beyond any gap between two scores of the tagger).
BARRED = -1e4


def build(conllu_files: Iterable[Path]) -> dict[str, frozenset[str]]:
    """Each word form of the CoNLL-U files and the UPOS tags it has there (multi-word tokens' parts, not
    their surface forms; empty nodes skipped)."""
    tags: dict[str, set[str]] = collections.defaultdict(set)
    for path in conllu_files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line[:1].isdigit():
                    continue
                cols = line.rstrip("\n").split("\t")
                if "-" in cols[0] or "." in cols[0] or len(cols) < 4:
                    continue
                tags[cols[1]].add(cols[3])
    return {word: frozenset(found) for word, found in tags.items()}


def write(lexicon: dict[str, frozenset[str]], path: Path) -> None:
    lines = (f"{word}\t" + "\t".join(sorted(found)) for word, found in sorted(lexicon.items()))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(directory: Path) -> TagLexicon | None:
    """The lexicon of a model directory, or None when it has none."""
    path = Path(directory) / FILE
    if not path.is_file():
        return None
    lexicon, sets = {}, {}  # a few hundred sets of tags, each read once (a cold start pays for this file)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word, _, tags = line.partition("\t")
        if not word or not tags:
            raise ValueError(f"{path}:{number}: expected a word and its tags, tab-separated")
        found = sets.get(tags)
        lexicon[word] = found if found is not None else sets.setdefault(tags, frozenset(tags.split("\t")))
    return TagLexicon(lexicon)


class TagLexicon:
    """The lexicon, and for the tagger's UPOS vocabulary the scores it adds: one row per distinct set of
    tags (a few hundred), row 0 adding nothing (a word never seen)."""

    def __init__(self, tags_by_word: dict[str, frozenset[str]]):
        self.tags_by_word = tags_by_word
        found = set(tags_by_word.values())
        sets = sorted(found | {tags | NAME for tags in found}, key=sorted)
        self.row_of_set = {tags: row for row, tags in enumerate(sets, 1)}
        self.row_of_word = {word: self.row_of_set[tags] for word, tags in tags_by_word.items()}
        self._rows = None  # (vocabulary, rows) for the vocabulary last asked

    def row(self, word: str) -> int:
        """The word's row: its own tags; for a capitalised or all-capital spelling never seen, the tags of
        its lower-case spelling or a name's ("PERFORMANCE", "Risk" at a title's start, "ICE")."""
        row = self.row_of_word.get(word)
        if row is not None:
            return row
        if word[:1].isupper() and (word[1:].islower() or len(word) > 1 and word.isupper()):
            tags = self.tags_by_word.get(word.lower())
            if tags is not None:
                return self.row_of_set[tags | NAME]
        return 0

    def rows(self, vocab):
        """Row r holds BARRED for each tag of the vocabulary outside the r-th set of tags, 0 elsewhere."""
        import torch

        if self._rows is None or self._rows[0] is not vocab:
            rows = torch.zeros(len(self.row_of_set) + 1, len(vocab))
            for found, row in self.row_of_set.items():
                known = [vocab.unit2id(tag) for tag in found if tag in vocab]
                if known:  # (tags the tagger does not know restrict nothing)
                    rows[row] = BARRED
                    rows[row, known] = 0.0
            self._rows = vocab, rows
        return self._rows[1]

    def added_scores(self, vocab, text, sentlens):
        """What to add to the tagger's UPOS scores of a batch (sentences sorted longest first, as stanza
        packs them): one row per word, in packed order."""
        import torch
        from torch.nn.utils.rnn import pack_padded_sequence

        width = max(sentlens)
        index = torch.tensor([[self.row(word) for word in sentence] + [0] * (width - len(sentence))
                              for sentence in text])
        return pack_padded_sequence(self.rows(vocab)[index], sentlens, batch_first=True).data


def attach(tagger_model, lexicon: TagLexicon | None) -> None:
    """Restrict this stanza Tagger's UPOS by the lexicon (None: lift the restriction)."""
    install()
    tagger_model.__dict__["_quoteattr_tag_lexicon"] = lexicon


def install() -> None:
    """Tagger.forward adds the lexicon's scores to the UPOS scores of a tagger it is attached to, before the
    UPOS is chosen and passed on to the XPOS and feature scorers."""
    import torch
    from stanza.models.pos.model import Tagger

    exact = Tagger.forward
    if getattr(exact, "quoteattr_tag_lexicon", False):
        return

    class Restricted(torch.nn.Module):
        def __init__(self, classifier, added):
            super().__init__()
            self.classifier, self.added = classifier, added

        def forward(self, hidden):
            return self.classifier(hidden) + self.added

    def forward(self, word, word_mask, wordchars, wordchars_mask, tags, pretrained, word_orig_idx, sentlens,
                wordlens, text):
        lexicon = self.__dict__.get("_quoteattr_tag_lexicon")
        if lexicon is None or self.training:
            return exact(self, word, word_mask, wordchars, wordchars_mask, tags, pretrained, word_orig_idx,
                         sentlens, wordlens, text)
        classifier = self.upos_clf
        self._modules["upos_clf"] = Restricted(classifier, lexicon.added_scores(self.vocab["upos"], text, sentlens))
        try:
            return exact(self, word, word_mask, wordchars, wordchars_mask, tags, pretrained, word_orig_idx,
                         sentlens, wordlens, text)
        finally:
            self._modules["upos_clf"] = classifier

    forward.quoteattr_tag_lexicon = True
    forward.__wrapped__ = exact
    Tagger.forward = forward


def main(argv=None) -> None:
    """``python -m quoteattr.models.tag_lexicon DIR ARGS...``: stanza's tagger command (``python -m
    stanza.models.tagger ARGS...``) with the lexicon of model directory DIR attached to the tagger it loads;
    how quoteattr.models.score scores a tagger as quoteattr runs it."""
    import runpy
    import sys

    from stanza.models.pos.model import Tagger

    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        raise SystemExit("usage: python -m quoteattr.models.tag_lexicon MODEL_DIR [stanza tagger arguments]")
    lexicon = read(Path(argv[0]))
    built = Tagger.__init__

    def __init__(self, *args, **kwargs):
        built(self, *args, **kwargs)
        attach(self, lexicon)

    Tagger.__init__ = __init__
    sys.argv = ["stanza.models.tagger"] + argv[1:]
    runpy.run_module("stanza.models.tagger", run_name="__main__")


if __name__ == "__main__":
    main()
