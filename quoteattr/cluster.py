"""Attribution on a Dask cluster: map an Attributor over a bag or a dataframe of articles.

Needs the ``dask`` extra: ``pip install 'quoteattr[dask]'`` (dask[bag,dataframe], distributed, pandas).
Every worker process builds one Attributor from the caller's settings (models directory, max_length,
parse_all; one torch thread) on first use and keeps it for the following partitions
(:func:`quoteattr.corpus.cached_attributor`). The models directory must exist at the same path on every
worker (the shipped models do, wherever quoteattr is installed).

    import dask.bag as db
    from distributed import Client, LocalCluster
    from quoteattr import Attributor, cluster

    with LocalCluster(n_workers=4, threads_per_worker=1) as lc, Client(lc):
        articles = db.from_sequence([{"id": "a1", "text": "..."}, ...], npartitions=8)
        rows = cluster.quote_bag(articles, Attributor()).compute()      # list of quote dicts
        frame = cluster.quotes_dataframe(dask_frame, Attributor())       # dask DataFrame of quotes

(Named ``cluster`` rather than ``dask`` so that it never shadows the dask package.)
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from quoteattr import corpus
from quoteattr.errors import InputTypeError
from quoteattr.records import Attribution


def settings_for(attributor=None) -> corpus.Settings:
    """The settings workers build their Attributor from: ``attributor``'s, or a default Attributor's."""
    if attributor is None:
        from quoteattr.attributor import Attributor

        attributor = Attributor()
    if isinstance(attributor, corpus.Settings):
        return attributor
    return corpus.Settings.of(attributor, threads=1)


def attribute_texts(texts: Iterable[str], settings: corpus.Settings, batch_size: int = 32) -> list[Attribution]:
    """The Attributions of ``texts`` with this process's cached Attributor (run on a worker)."""
    attributor = corpus.cached_attributor(settings)
    results: list[Attribution] = []
    for batch in corpus.batches(texts, batch_size):
        results.extend(corpus.attribute_batch(attributor, batch))
    return results


def _article(item: Any, text_key: str, id_key: str) -> tuple[str, Any]:
    if isinstance(item, dict) and text_key in item:
        return item[text_key], item.get(id_key)
    if isinstance(item, (tuple, list)) and len(item) == 2:  # a list: a pair read back from JSON
        doc_id, text = item
        return text, doc_id
    what = f"a dict without {text_key!r}" if isinstance(item, dict) else type(item).__name__
    raise InputTypeError(f"a bag of articles holds dicts with {text_key!r} and {id_key!r} keys or "
                         f"(doc_id, text) pairs, got {what}: name the text's key with text_key=")


def _bag_attributions(items, settings, batch_size):
    return attribute_texts(list(items), settings, batch_size)


def _bag_rows(items, settings, text_key, id_key, batch_size):
    articles = [_article(item, text_key, id_key) for item in items]
    results = attribute_texts([text for text, _ in articles], settings, batch_size)
    return [row for result, (_, doc_id) in zip(results, articles) for row in result.quote_rows(doc_id)]


def attribute_bag(bag, attributor=None, *, batch_size: int = 32):
    """A dask Bag of texts -> a Bag of their Attributions, in order."""
    return bag.map_partitions(_bag_attributions, settings_for(attributor), batch_size)


def quote_bag(bag, attributor=None, *, text_key: str = "text", id_key: str = "id", batch_size: int = 32):
    """A dask Bag of articles -> a Bag of quote records (one dict per quote, the columns of
    :data:`quoteattr.corpus.QUOTE_COLUMNS`). Articles are dicts (``text_key``, ``id_key``) or
    (doc_id, text) pairs."""
    return bag.map_partitions(_bag_rows, settings_for(attributor), text_key, id_key, batch_size)


def _ids(frame, id_column):
    """A (dask or pandas) frame's document ids: its id column, or its index."""
    return frame.index if id_column is None else frame[id_column]


def _frame_rows(frame, settings, text_column, id_column, batch_size):
    ids = _ids(frame, id_column)
    results = attribute_texts(list(frame[text_column]), settings, batch_size)
    rows = [row for result, doc_id in zip(results, ids) for row in result.quote_rows(doc_id)]
    return corpus.quote_frame(rows, id_dtype=ids.dtype)


def quotes_dataframe(frame, attributor=None, *, text_column: str = "text", id_column: str | None = "id",
                     batch_size: int = 32):
    """A dask DataFrame of articles -> a dask DataFrame of quotes, one row per quote.

    ``id_column`` names the document id column; None takes the frame's index as the id.
    """
    ids = _ids(frame, id_column)
    # the doc_id column keeps the ids' dtype (an object column in a Dask frame's declared columns stops
    # to_parquet, which cannot tell its type)
    return frame.map_partitions(_frame_rows, settings_for(attributor), text_column, id_column, batch_size,
                                meta=corpus.quote_frame([], id_dtype=ids.dtype))
