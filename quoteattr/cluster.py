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
    if isinstance(item, dict) and text_key in item and id_key in item:
        return _text(item[text_key], item[id_key], text_key), item[id_key]
    if isinstance(item, (tuple, list)) and len(item) == 2:  # a list: a pair read back from JSON
        doc_id, text = item
        return _text(text, doc_id, "text"), doc_id
    if isinstance(item, dict):
        missing = text_key if text_key not in item else id_key
        raise InputTypeError(f"an article dict without the key {missing!r} (its keys: {', '.join(map(repr, item))}): "
                             f"name the keys with text_key= and id_key=")
    hint = "; for a bag of texts, use attribute_bag" if isinstance(item, str) else ""
    raise InputTypeError(f"a bag of articles holds dicts with {text_key!r} and {id_key!r} keys or (doc_id, text) "
                         f"pairs, got {type(item).__name__}{hint}")


def _text(text: Any, doc_id: Any, column: str) -> Any:
    """The article's text; a missing value (None, NaN, pandas' NA: an empty cell of a CSV file) is an error
    that names the article. Other types are left to the Attributor's own check."""
    if text is None or (isinstance(text, float) and text != text) or type(text).__name__ == "NAType":
        raise InputTypeError(f"the article {doc_id!r} has no text (a missing value, {text!r}): fill it with '' "
                             f"(frame.fillna({{{column!r}: ''}})) or drop it (frame.dropna(subset=[{column!r}]))")
    return text


def _bag_attributions(items, settings, batch_size):
    return attribute_texts(list(items), settings, batch_size)


def _bag_rows(items, settings, text_key, id_key, batch_size):
    articles = [_article(item, text_key, id_key) for item in items]
    results = attribute_texts([text for text, _ in articles], settings, batch_size)
    return [row for result, (_, doc_id) in zip(results, articles) for row in result.quote_rows(doc_id)]


def _check(collection, kind: str, batch_size: Any) -> None:
    """Errors found when the graph is built rather than on the workers, at compute time."""
    if not hasattr(collection, "map_partitions"):
        example = "db.from_sequence(items)" if kind == "Bag" else "dd.from_pandas(frame, npartitions=N)"
        raise InputTypeError(f"expected a dask {kind}, got {type(collection).__name__}: make one with {example}, "
                             f"or use Attributor.pipe in one process")
    corpus.check_batch_size(batch_size)


def attribute_bag(bag, attributor=None, *, batch_size: int = 32):
    """A dask Bag of texts -> a Bag of their Attributions, in order."""
    _check(bag, "Bag", batch_size)
    return bag.map_partitions(_bag_attributions, settings_for(attributor), batch_size)


def quote_bag(bag, attributor=None, *, text_key: str = "text", id_key: str = "id", batch_size: int = 32):
    """A dask Bag of articles -> a Bag of quote records (one dict per quote, the columns of
    :data:`quoteattr.corpus.QUOTE_COLUMNS`). Articles are dicts (``text_key``, ``id_key``) or
    (doc_id, text) pairs (the id first, as ``frame.to_bag()`` gives them; ``pipe``'s pairs are (text, id)).
    A dict without ``text_key`` or ``id_key``, or without a text, raises InputTypeError."""
    _check(bag, "Bag", batch_size)
    return bag.map_partitions(_bag_rows, settings_for(attributor), text_key, id_key, batch_size)


def _ids(frame, id_column):
    """A (dask or pandas) frame's document ids: its id column, or its index."""
    return frame.index if id_column is None else frame[id_column]


def _frame_rows(frame, settings, text_column, id_column, batch_size):
    ids = _ids(frame, id_column)
    texts = [_text(text, doc_id, text_column) for text, doc_id in zip(frame[text_column], ids)]
    results = attribute_texts(texts, settings, batch_size)
    rows = [row for result, doc_id in zip(results, ids) for row in result.quote_rows(doc_id)]
    return corpus.quote_frame(rows, id_dtype=ids.dtype)


def quotes_dataframe(frame, attributor=None, *, text_column: str = "text", id_column: str | None = "id",
                     batch_size: int = 32):
    """A dask DataFrame of articles -> a dask DataFrame of quotes, one row per quote.

    ``id_column`` names the document id column; None takes the frame's index as the id. The quotes' frame
    has a new index on each partition, so its divisions are unknown.
    """
    _check(frame, "DataFrame", batch_size)
    for option, column in (("text_column", text_column), ("id_column", id_column)):
        if column is not None and column not in frame.columns:
            index = " (or id_column=None for the ids in the index)" if option == "id_column" else ""
            raise InputTypeError(f"the frame has no column {column!r} (its columns: "
                                 f"{', '.join(map(repr, frame.columns))}): name it with {option}={index}")
    ids = _ids(frame, id_column)
    # the doc_id column keeps the ids' dtype (an object column in a Dask frame's declared columns stops
    # to_parquet, which cannot tell its type)
    return frame.map_partitions(_frame_rows, settings_for(attributor), text_column, id_column, batch_size,
                                meta=corpus.quote_frame([], id_dtype=ids.dtype), clear_divisions=True)
