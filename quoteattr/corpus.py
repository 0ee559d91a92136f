"""Corpora: batched and multi-process attribution, and export of the quotes of many documents.

:meth:`quoteattr.Attributor.pipe` is the entry point for a stream of texts; it runs here. Texts are read
batch by batch (never the whole input), the sentences of a batch's documents go through stanza together,
and with ``n_process > 1`` batches are farmed out to worker processes (forked from this one on Linux,
sharing its models; spawned elsewhere, each with its own Attributor), at most a window of batches in
flight, results in input order.

Export: :func:`quote_records`, :func:`to_dataframe` (pandas, optional) and :func:`write_jsonl` take the
results of ``pipe`` (Attributions, or (Attribution, doc_id) pairs) and give one row per quote.
"""
from __future__ import annotations

import collections
import itertools
import json
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple

from quoteattr.errors import InputTypeError, QuoteAttrError, WorkerError
from quoteattr.records import Attribution

# The columns of a quote row (Attribution.quote_rows) and their pandas dtypes ("str": pandas' text dtype from
# pandas 3 on, object before; doc_id is whatever the caller's ids are).
QUOTE_COLUMNS: dict[str, str] = {
    "doc_id": "object",
    "start": "int64",
    "end": "int64",
    "kind": "str",
    "text": "str",
    "cue": "str",
    "cue_lemma": "str",
    "speaker": "str",
    "speaker_mention": "str",
    "speaker_kind": "str",
    "role": "str",
    "organization": "str",
    "paragraph": "int64",
    "method": "str",
    "confidence": "float64",
}


def quote_frame(rows: list[dict[str, Any]], id_dtype: Any = "object"):
    """The quote rows as a pandas DataFrame whose column dtypes are the same whatever the rows hold (an empty
    frame's, a column of None's and a Dask partition's alike: a Dask frame's declared columns must match);
    ``id_dtype``: the doc_id column's (a Dask frame's: its ids'). Each column is built with its dtype, not
    inferred first: ids [1, None] stay 1 and None (inferred, they became 1.0 and NaN)."""
    pd = require("pandas", "quoteattr.corpus")
    text = "str" if int(pd.__version__.split(".")[0]) >= 3 else "object"  # pandas 2 would write None as "None"
    dtypes = {column: text if dtype == "str" else dtype for column, dtype in QUOTE_COLUMNS.items()}
    dtypes["doc_id"] = id_dtype
    try:
        return pd.DataFrame({column: pd.Series([row[column] for row in rows], dtype=dtype)
                             for column, dtype in dtypes.items()})
    except UnicodeEncodeError as exc:  # pandas' str dtype (Arrow's strings) holds UTF-8 only
        doc_id = next(row["doc_id"] for row in rows if any(_has_surrogate(value) for value in row.values()))
        raise InputTypeError(
            f"a quote of document {doc_id!r} holds a lone surrogate ({exc.object[exc.start]!r}), which pandas' "
            f"text dtype cannot hold: decode the article with errors='replace' rather than 'surrogateescape' "
            f"(write_jsonl writes such text as JSON escapes)") from exc


def _has_surrogate(value: Any) -> bool:
    return isinstance(value, str) and any("\ud800" <= character <= "\udfff" for character in value)


class MissingDependencyError(QuoteAttrError, ImportError):
    """An optional dependency (pandas, dask) is not installed."""


def require(module: str, what: str):
    """Import an optional dependency, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{what} needs {module.split('.')[0]}, which is not installed: "
            f"pip install 'quoteattr[dask]' (or pip install {module.split('.')[0]})."
        ) from exc


# -- settings shared with worker processes ---------------------------------------------------------------

class Settings(NamedTuple):
    """What a worker process needs to build an Attributor like the parent's (picklable, hashable)."""

    models_dir: str
    max_length: int
    parse_all: bool
    threads: int = 1

    @classmethod
    def of(cls, attributor, threads: int = 1) -> Settings:
        return cls(str(attributor.models_dir), attributor.max_length, attributor.parse_all, threads)

    def build(self):
        from quoteattr.attributor import Attributor

        return Attributor(self.models_dir, max_length=self.max_length, threads=self.threads,
                          parse_all=self.parse_all)


_cache: dict[Settings, Any] = {}
_cache_lock = threading.Lock()


def cached_attributor(settings: Settings):
    """One Attributor per process and settings, built on first use (for Dask workers and the like)."""
    with _cache_lock:
        attributor = _cache.get(settings)
        if attributor is None:
            attributor = _cache[settings] = settings.build()
        return attributor


# -- batching --------------------------------------------------------------------------------------------

def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items, reading ``items`` lazily, one batch at a time. When reading ``items``
    raises, the items read before it come out first as a batch, and the error follows."""
    iterator = iter(items)
    while True:
        batch: list[Any] = []
        try:
            batch.extend(itertools.islice(iterator, size))
        except Exception:
            if batch:
                yield batch
            raise
        if not batch:
            return
        yield batch


def attribute_batch(attributor, texts: list[Any]) -> Iterator[Attribution]:
    """The Attributions of ``texts``, in order, equal to ``[attributor(t) for t in texts]``.

    The documents' sentences are tagged and parsed by stanza together; if a text of the batch is bad, the
    batch is redone one document at a time, so the results before the failing text come out and the
    error is the one ``attributor(text)`` raises for it.
    """
    try:
        results = attributor.attribute_many(texts)
    except Exception:  # a bad text, or a fault of quoteattr's on one: the texts before it are not lost
        for text in texts:  # redo one by one: the results before the failing text come out first
            yield attributor(text)
        return
    yield from results


def check_batch_size(batch_size: Any) -> None:
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")


def pipe(attributor, texts: Iterable[Any], *, batch_size: int = 32, as_tuples: bool = False,
         n_process: int = 1, progress: bool = False) -> Iterator[Any]:
    """The body of :meth:`quoteattr.Attributor.pipe`."""
    check_batch_size(batch_size)
    if not isinstance(n_process, int) or isinstance(n_process, bool) or n_process == 0 or n_process < -1:
        raise ValueError(f"n_process must be a positive int or -1 (all cores), got {n_process!r}")
    if isinstance(texts, (str, bytes)):  # iterable, but as characters: each would be attributed alone
        raise InputTypeError(f"pipe takes an iterable of texts, not one {type(texts).__name__}: call "
                             f"attributor(text) for a single text, or pipe([text])")
    if n_process == -1:
        n_process = os.cpu_count() or 1
    total = len(texts) if hasattr(texts, "__len__") else None
    results = _pipe(attributor, texts, batch_size, as_tuples, n_process)
    if progress:
        results = _with_progress(results, total)
    return results


def _pipe(attributor, texts, batch_size, as_tuples, n_process) -> Iterator[Any]:
    for batch, results in _batch_results(attributor, texts, batch_size, as_tuples, n_process):
        if as_tuples:
            for (_, context), result in zip(batch, results):
                yield result, context
        else:
            yield from results


def _with_progress(results: Iterator[Any], total: int | None) -> Iterator[Any]:
    from tqdm import tqdm

    with tqdm(results, total=total, unit="doc", file=sys.stderr) as bar:
        yield from bar


def _split(batch: list[Any], as_tuples: bool) -> tuple[list[Any], InputTypeError | None]:
    """The batch's texts up to its first item that is not a (text, context) pair, and the error for that
    item (None when there is none): the texts before it are attributed before the error is raised."""
    if not as_tuples:
        return batch, None
    texts = []
    for item in batch:
        if not isinstance(item, (tuple, list)) or len(item) != 2:  # a str or a dict would unpack, wrongly
            size = f" of {len(item)}" if isinstance(item, (tuple, list)) else ""
            return texts, InputTypeError(
                f"with as_tuples=True each item must be a (text, context) pair, got {type(item).__name__}{size}"
            )
        texts.append(item[0])
    return texts, None


def _batch_results(attributor, texts, batch_size, as_tuples, n_process):
    """(batch, results) pairs; results may stop short of the batch when an error follows."""
    if n_process == 1:
        for batch in batches(texts, batch_size):
            plain, error = _split(batch, as_tuples)
            # yield document by document so that an error comes after the results before it
            yield batch, attribute_batch(attributor, plain)
            if error is not None:
                raise error
        return
    yield from _in_processes(attributor, texts, batch_size, as_tuples, n_process)


# -- several processes -----------------------------------------------------------------------------------

_worker: Any = None  # the worker process's Attributor, or the exception that stopped its construction
WORKER_JOB_TEXTS = 8  # texts per job of a worker process, at most
FORK_WORKERS = True  # on Linux; False: every worker imports quoteattr and loads the models itself


def _init_worker(settings: Settings, forked_from=None) -> None:
    """A worker's Attributor: built from the settings ("spawn"), or the parent's, models loaded ("fork")."""
    global _worker
    try:
        import torch

        torch.set_num_threads(settings.threads)
        if forked_from is not None:
            forked_from._lock = threading.RLock()  # a thread of the parent may have held it when it forked
            _worker = forked_from
        else:
            _worker = settings.build()
            _worker.pipeline  # load the models now, not on the first batch
    except BaseException as exc:  # raised here, it would break the pool and hide its cause: the first job raises it
        _worker = exc


def _work(texts: list[Any]) -> tuple[list[Attribution], BaseException | None]:
    if isinstance(_worker, BaseException):
        return [], _portable(_worker)
    results: list[Attribution] = []
    try:
        results.extend(attribute_batch(_worker, texts))
    except Exception as exc:
        return results, _portable(exc)
    return results, None


def _portable(exc: BaseException) -> BaseException:
    """The exception with the worker's traceback as a note, or a stand-in of a picklable type."""
    where = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if hasattr(exc, "add_note"):
        exc.add_note(f"raised in a quoteattr worker process:\n{where}")
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        base = QuoteAttrError if isinstance(exc, QuoteAttrError) else RuntimeError
        return base(f"{type(exc).__name__}: {exc} (raised in a quoteattr worker process:\n{where})")


def worker_jobs(items: Iterable[Any], batch_size: int, n_process: int, as_tuples: bool = False) -> Iterator[list]:
    """The items in jobs for the workers: at most ``batch_size`` and WORKER_JOB_TEXTS items each, since
    small jobs keep the workers evenly busy (80 texts in jobs of 32 left one worker idle for a third of the
    run) and eight articles still fill stanza's batches. When the items are a list or tuple (in memory, read
    twice at no cost), a job also takes no more than 1/(2 n_process) of the characters still to come, so the
    jobs shrink towards the end and the workers finish together: in jobs of 8 the last one alone could keep
    one worker busy for a second while the other had finished (80 PolNeAR articles on two workers: 0.85 s)."""
    size = min(batch_size, WORKER_JOB_TEXTS)
    if not isinstance(items, Sequence):
        yield from batches(items, size)  # a stream: its end is not known before it comes
        return
    lengths = [_characters(item, as_tuples) for item in items]
    remaining = sum(lengths)
    job, job_characters, most = [], 0, 0
    for item, length in zip(items, lengths):
        if not job:
            most = remaining / (2 * n_process)
        job.append(item)
        job_characters += length
        if len(job) == size or job_characters >= most:
            yield job
            remaining -= job_characters
            job, job_characters = [], 0
    if job:
        yield job


def _characters(item: Any, as_tuples: bool) -> int:
    """The length of an item's text; 0 for what is not one (_split and the worker raise the errors)."""
    text = item[0] if as_tuples and isinstance(item, (tuple, list)) and item else item
    return len(text) if isinstance(text, str) else 0


def _in_processes(attributor, texts, batch_size, as_tuples, n_process):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    settings = Settings.of(attributor, threads=1)
    if FORK_WORKERS and sys.platform.startswith("linux"):
        # The workers start as copies of this process, models loaded once here and shared (copy on write):
        # no import and model load per worker. Elsewhere fork is unsafe, and spawn the default.
        context, initargs = multiprocessing.get_context("fork"), (settings, attributor)
        attributor.pipeline
    else:
        context, initargs = multiprocessing.get_context("spawn"), (settings,)
    window = 2 * n_process  # jobs in flight: the input is read no further ahead than this
    # concurrent.futures rather than multiprocessing.Pool: when a worker dies (killed, out of memory) it
    # fails the jobs in flight (BrokenProcessPool), where Pool starts a new worker and waits for ever for
    # the lost job, and a cleanup by Pool.terminate() can block on a queue lock the dead worker held.
    executor = ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker, initargs=initargs)
    try:
        pending: collections.deque = collections.deque()
        done = 0  # texts whose results have been given

        def collect():
            nonlocal done
            batch, job = pending.popleft()
            try:
                results, error = job.result()
            except BrokenProcessPool as exc:
                raise WorkerError(
                    f"a quoteattr worker process died (killed, or out of memory) while attributing texts "
                    f"{done} to {done + len(batch) - 1} of the input; the results before them were given. "
                    f"Run those texts again, with fewer processes (n_process) if memory is short"
                ) from exc
            done += len(batch)
            yield batch, results
            if error is not None:
                raise error

        jobs = worker_jobs(texts, batch_size, n_process, as_tuples)
        while True:
            try:
                batch = next(jobs, None)
            except Exception:  # reading the input failed: the results of the jobs in flight come first
                while pending:
                    yield from collect()
                raise
            if batch is None:
                break
            plain, error = _split(batch, as_tuples)
            if plain:
                pending.append((batch, executor.submit(_work, plain)))
            if error is not None:  # the results before the item first
                while pending:
                    yield from collect()
                raise error
            if len(pending) >= window:
                yield from collect()
        while pending:
            yield from collect()
    finally:
        # Jobs not started are dropped; a worker busy with one (at most WORKER_JOB_TEXTS texts) ends it,
        # then exits.
        executor.shutdown(wait=False, cancel_futures=True)


# -- export ----------------------------------------------------------------------------------------------

def _pairs(results: Iterable[Any]) -> Iterator[tuple[Attribution, Any]]:
    for position, item in enumerate(results):
        if isinstance(item, Attribution):
            yield item, position
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Attribution):
            yield item
        else:
            raise InputTypeError(
                f"expected Attributions or (Attribution, doc_id) pairs, got {type(item).__name__} at "
                f"position {position}: pass the output of Attributor.pipe (as_tuples=True for your ids)"
            )


def quote_records(results: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """One flat dict per quote (the columns of :data:`QUOTE_COLUMNS`), lazily.

    ``results``: Attributions (the doc_id is then the position in ``results``) or (Attribution, doc_id)
    pairs, such as the output of ``Attributor.pipe(..., as_tuples=True)``.
    """
    for attribution, doc_id in _pairs(results):
        yield from attribution.quote_rows(doc_id)


def to_dataframe(results: Iterable[Any]):
    """A pandas DataFrame with one row per quote and the columns of :data:`QUOTE_COLUMNS`."""
    require("pandas", "quoteattr.corpus.to_dataframe")
    return quote_frame(list(quote_records(results)))


def write_jsonl(results: Iterable[Any], path_or_file: str | os.PathLike | IO[str]) -> int:
    """Write one JSON object per quote and line (UTF-8); returns the number of quotes written.

    ``path_or_file``: a path (the file is overwritten) or an open text file. Document ids JSON has no type
    for are written as their natural JSON form (a path as a string, a date in ISO format, a numpy number
    as a number); any other, or one strict JSON cannot hold (NaN), raises InputTypeError after the whole
    lines of the quotes before it.
    """
    if isinstance(path_or_file, (str, os.PathLike)):
        with Path(path_or_file).open("w", encoding="utf-8") as handle:
            return write_jsonl(results, handle)
    count = 0
    for row in quote_records(results):
        path_or_file.write(jsonl_line(row))
        count += 1
    return count


def jsonl_line(row: dict[str, Any]) -> str:
    """A quote row as one line of strict JSON, UTF-8 encodable (:func:`json_text`)."""
    try:
        return json_text(row, allow_nan=False, default=_json_id) + "\n"
    except (TypeError, ValueError) as exc:  # json's own: a dict id with keys it cannot write, NaN
        if isinstance(exc, InputTypeError):
            raise
        raise InputTypeError(f"the document id {row['doc_id']!r:.60} cannot be written as JSON ({exc}): give ids "
                             f"as str or int (e.g. str(doc_id)) in the (text, doc_id) pairs") from exc


def json_text(value: Any, **options: Any) -> str:
    """``json.dumps(value, **options)`` with characters as they are where UTF-8 can hold them, and JSON's
    \\uXXXX escapes where it cannot (a lone surrogate: text decoded with errors="surrogateescape", a file
    name that is not UTF-8), which read back as the same string: the text always writes as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, **options)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, **options)
    return text


def _json_id(value: Any) -> Any:
    """The JSON form of a document id of a type json does not know, or InputTypeError."""
    import datetime

    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if type(value).__module__ == "numpy" and getattr(value, "shape", None) == ():  # a numpy scalar
        kind = getattr(value, "dtype", None) and value.dtype.kind
        if kind == "M":  # datetime64: its ISO text (.item() gives an int for nanoseconds)
            return str(value)
        if kind != "m":  # timedelta64 has no JSON form
            return value.item()
    raise InputTypeError(f"a document id of type {type(value).__name__} ({value!r:.60}) cannot be written as "
                         f"JSON: give ids as str or int (e.g. str(doc_id)) in the (text, doc_id) pairs")
