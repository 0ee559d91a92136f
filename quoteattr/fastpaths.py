"""Exact speed-ups of stanza's inference code, installed once per process when a pipeline is built.

Each replaces a pure-Python step of stanza's prediction by one that returns the same result faster; the
property tests compare each with stanza's own code.
"""
from __future__ import annotations

import functools

import numpy as np


def install() -> None:
    _fast_tree_decoding()
    _cached_feature_strings()


def _cached_feature_strings() -> None:
    """The tagger writes each word's features (and composite tags) from a tuple of ids, one string
    format per feature, for every padded position of every sentence: the same few hundred tuples again
    and again. Remember each tuple's string, per vocabulary."""
    from stanza.models.common.vocab import CompositeVocab

    if getattr(CompositeVocab.id2unit, "quoteattr_cached", False):
        return
    build = CompositeVocab.id2unit

    @functools.wraps(build)
    def id2unit(self, id):
        if self.sep is None:  # a list, which callers may change: not shared
            return build(self, id)
        key = tuple(id) if isinstance(id, list) else id
        cache = self.__dict__.setdefault("_quoteattr_strings", {})
        unit = cache.get(key)
        if unit is None:
            unit = cache[key] = build(self, id)
        return unit

    id2unit.quoteattr_cached = True
    CompositeVocab.id2unit = id2unit


def _fast_tree_decoding() -> None:
    """Stanza decodes every parse with its pure-Python Chu-Liu-Edmonds, whose cycle search costs about as
    much as the parser's network on CPU. When each word's best head already gives a tree with one word on
    the root, that tree is the best one-root tree stanza's search would return: take it at once and leave
    the other sentences to stanza, whose search then finds cycles in one pass instead of its pure-Python
    Tarjan. Both exact, so patching stanza's modules for the whole process changes no result."""
    from stanza.models.common import chuliu_edmonds
    from stanza.models.depparse import model as depparse_model

    exact = depparse_model.chuliu_edmonds_one_root
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def one_root_tree(scores):
        best = scores.astype("float64")  # scores[dependent, head]; row 0 is the root
        np.fill_diagonal(best, -np.inf)
        best[0] = -np.inf
        best[0, 0] = 0
        tree = np.argmax(best, axis=1)
        heads = tree.tolist()
        one_root = heads[1:].count(0) == 1
        return tree if one_root and _is_tree(heads) else exact(scores)

    one_root_tree.quoteattr_fast_path = True
    depparse_model.chuliu_edmonds_one_root = one_root_tree
    chuliu_edmonds.tarjan = _cycles  # the search itself spends most of its time finding cycles


def _cycles(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of the graph where word i's head is tree[i], as stanza's Tarjan search returns them (a
    mask per cycle, ordered by the cycle's smallest index), in one pass: each word has exactly one head, so
    following heads from each unseen word either ends on a seen word or closes a new cycle."""
    heads = tree.tolist()
    state = [0] * len(heads)  # 0 unseen, 1 on the current path, 2 done
    found = []
    for start in range(len(heads)):
        path, node = [], start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = heads[node]
        cycle = path[path.index(node):] if state[node] == 1 else []
        if len(cycle) > 1:  # the root heads itself: not a cycle
            found.append(cycle)
        for node in path:
            state[node] = 2
    masks = []
    for cycle in sorted(found, key=min):
        mask = np.zeros(len(heads), dtype=bool)
        mask[cycle] = True
        masks.append(mask)
    return masks


def _is_tree(heads: list[int]) -> bool:
    """Whether following heads from every word reaches word 0 (the root) without a cycle."""
    state = [0] * len(heads)  # 0 unseen, 1 on the current path, 2 reaches the root
    state[0] = 2
    for start in range(1, len(heads)):
        path, node = [], start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = heads[node]
        if state[node] == 1:
            return False
        for node in path:
            state[node] = 2
    return True
