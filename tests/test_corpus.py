"""Corpora: Attributor.pipe (batches, order, laziness, worker processes), export, and the Dask recipe."""
from __future__ import annotations

import importlib.util
import io
import itertools
import json
import os
import signal
import sys
import time
import warnings

import pytest
import torch

import quoteattr
from quoteattr import corpus

TEXTS = [
    '"We will rebuild the bridge by spring," Mayor Ann Lee said on Tuesday. '
    "She added that the city had already hired engineers.",
    "The company's chief executive, John Smith, said profits would rise next year. "
    '"We are confident," he told reporters.',
    "No quotes here. Just a plain sentence about the weather in Oslo.",
    "",
    '"It is a disaster," said a spokesperson for Acme Corp.\n\n'
    "The minister of finance, Maria Garcia, said the budget was balanced.",
    "Police said the suspect was arrested late on Friday. "
    '"There is no further danger to the public," Chief Tom Brown said.',
    '"Prices will keep falling," analyst Sara Jones said.',
]
IDS = [f"doc{i}" for i in range(len(TEXTS))]


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    """torch's threads spin against each other on a busy machine (a hundredfold slower): use one here,
    as pipe's worker processes do, and put the setting back afterwards."""
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def sequential(attributor):
    return [attributor(text) for text in TEXTS]


def _records(frame):
    """DataFrame rows as dicts, missing values as None (pandas may store them as NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_the_texts_have_quotes(sequential):
    assert sum(len(r.quotes) for r in sequential) >= 8


def test_batched_stanza_path_equals_single_calls(attributor, sequential):
    # The cross-document path itself (no silent fallback): it must follow Attributor.__call__.
    assert attributor.attribute_many(TEXTS) == sequential


@pytest.mark.parametrize("batch_size", [1, 3, 32])
def test_pipe_keeps_order_and_equals_single_calls(attributor, sequential, batch_size):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert list(attributor.pipe(TEXTS, batch_size=batch_size)) == sequential


def test_pipe_as_tuples_passes_contexts_through(attributor, sequential):
    contexts = [{"id": i} for i in IDS]
    out = list(attributor.pipe(zip(TEXTS, contexts), as_tuples=True, batch_size=3))
    assert [r for r, _ in out] == sequential
    assert [c for _, c in out] == contexts and all(a is b for (_, a), b in zip(out, contexts))


def test_pipe_reads_an_endless_stream_lazily(attributor):
    drawn = []

    def endless():
        for n in itertools.count():
            drawn.append(n)
            yield f'"Item {n} is ready," the clerk said.'

    first = list(itertools.islice(attributor.pipe(endless(), batch_size=4), 5))
    assert len(first) == 5 and all(r.quotes for r in first)
    assert len(drawn) <= 8, "no more than the batches needed were read"


def test_pipe_raises_at_the_bad_text_after_the_good_ones(attributor, sequential):
    results = attributor.pipe([TEXTS[0], TEXTS[1], b"bytes", TEXTS[2]], batch_size=4)
    assert next(results) == sequential[0]
    assert next(results) == sequential[1]
    with pytest.raises(quoteattr.InputTypeError, match="decode bytes"):
        next(results)


def test_a_fault_on_one_text_comes_after_the_results_before_it():
    """Not only quoteattr's own errors: an internal fault on one text (an IndexError in a rule) must not
    take the results of the texts batched before it down with it."""
    class Faulty:
        def attribute_many(self, texts):
            return [self(text) for text in texts]

        def __call__(self, text):
            if text == "bad":
                raise IndexError("list index out of range")
            return text.upper()

    given = []
    with pytest.raises(IndexError):
        for result in corpus.attribute_batch(Faulty(), ["a", "b", "bad", "c"]):
            given.append(result)
    assert given == ["A", "B"]


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_input_that_raises_comes_after_the_results_before_it(attributor, sequential, n_process):
    """A generator of articles that fails (a database cursor, a file gone) stops the run after the results
    of the texts it gave, not with those of its last batch or of the jobs in flight lost."""
    def articles():
        yield from TEXTS[:5]
        raise OSError("the archive went away")

    given = []
    with pytest.raises(OSError, match="archive went away"):
        for result in attributor.pipe(articles(), batch_size=32, n_process=n_process):
            given.append(result)
    assert given == sequential[:5]


@pytest.mark.parametrize("n_process", [1, 2])
@pytest.mark.parametrize("bad", ["ab", {"text": "x", "id": 1}, (TEXTS[0],), "not a pair"],
                         ids=["two-letter str", "dict", "1-tuple", "str"])
def test_pipe_as_tuples_raises_at_an_item_that_is_no_pair_after_the_good_ones(attributor, sequential, bad, n_process):
    """A 2-character str or a dict of two keys would unpack into a text and a context: refused, like any item
    that is not a (text, context) pair, and only after the results of the items before it."""
    items = [(text, doc_id) for text, doc_id in zip(TEXTS[:3], IDS)] + [bad, (TEXTS[4], "after")]
    results = attributor.pipe(items, as_tuples=True, batch_size=8, n_process=n_process)
    assert [next(results) for _ in range(3)] == list(zip(sequential[:3], IDS[:3]))
    with pytest.raises(quoteattr.InputTypeError, match=r"\(text, context\) pair, got " + type(bad).__name__):
        next(results)


def test_a_pair_without_as_tuples_says_how_to_pass_pairs(attributor):
    with pytest.raises(quoteattr.InputTypeError, match="as_tuples=True"):
        list(attributor.pipe([(TEXTS[0], "id")]))


def test_pipe_rejects_bad_arguments(attributor):
    with pytest.raises(ValueError, match="batch_size"):
        attributor.pipe(TEXTS, batch_size=0)
    with pytest.raises(ValueError, match="n_process"):
        attributor.pipe(TEXTS, n_process=0)
    with pytest.raises(quoteattr.InputTypeError, match="iterable of texts, not one str"):
        attributor.pipe(TEXTS[0])


def test_pipe_progress_bar(attributor, sequential, capsys):
    assert list(attributor.pipe(TEXTS[:3], progress=True)) == sequential[:3]
    assert "3/3" in capsys.readouterr().err


@pytest.mark.parametrize("fork", [True, False], ids=["fork", "spawn"])
def test_two_processes_equal_one(attributor, sequential, fork, monkeypatch):
    """Workers forked from this process (Linux) or spawned, each loading torch, stanza and the models
    (seconds on a busy machine): one pool for all the checks."""
    monkeypatch.setattr(corpus, "FORK_WORKERS", fork)
    drawn = []

    def items():
        for pair in zip(TEXTS, IDS):
            drawn.append(pair)
            yield pair

    out = attributor.pipe(items(), as_tuples=True, batch_size=2, n_process=2)
    first = next(out)
    assert first == (sequential[0], IDS[0])
    assert len(drawn) <= 2 * 2 * 2, "at most a window of 2*n_process batches is read ahead"
    assert [first, *out] == list(zip(sequential, IDS))


def test_two_processes_take_a_list_in_shrinking_jobs_in_order(attributor, sequential):
    """A list goes to the workers in jobs that shrink towards its end (corpus.worker_jobs); the results keep
    the input order."""
    pairs = list(zip(TEXTS, IDS))
    assert [len(job) for job in corpus.worker_jobs(pairs, 32, 2, as_tuples=True)][-1] == 1
    assert list(attributor.pipe(pairs, as_tuples=True, n_process=2)) == list(zip(sequential, IDS))


def test_the_command_line_reads_directories_in_order_with_workers(attributor, sequential, tmp_path, monkeypatch,
                                                                   capsys):
    """'quoteattr ARCHIVE --n-process 2': the .txt files under a directory, sorted, subdirectories in turn;
    the quotes as one process finds them."""
    from quoteattr import attributor as attributor_module
    from quoteattr import cli

    monkeypatch.setattr(attributor_module, "Attributor", lambda **_: attributor)  # the models loaded once
    paths = [tmp_path / "a" / "b" / "1.txt", tmp_path / "a" / "c.txt", tmp_path / "b.txt", tmp_path / "z" / "0.txt"]
    for path, text in zip(paths, TEXTS):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text(TEXTS[0], encoding="utf-8")
    assert cli.main([str(tmp_path), "--format", "jsonl", "--n-process", "2", "--batch-size", "1"]) == 0
    out, err = capsys.readouterr()
    expected = [row for path, result in zip(paths, sequential) for row in result.quote_rows(str(path))]
    assert [json.loads(line) for line in out.splitlines()] == expected and expected
    assert "4doc" in err  # the progress bar, on for a directory


def test_the_command_line_walks_a_directory_once_whatever_links_lead_back_to_it(tmp_path):
    """A link back up the tree, or a second link to a directory, does not repeat its files (a loop used to
    list them again at every level until the path grew too long); .TXT counts as .txt."""
    from quoteattr import cli

    (tmp_path / "news" / "2024").mkdir(parents=True)
    (tmp_path / "news" / "2024" / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "news" / "b.txt").write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "news" / "c.TXT").write_text(TEXTS[2], encoding="utf-8")
    (tmp_path / "news" / "2024" / "up").symlink_to(tmp_path / "news", target_is_directory=True)
    (tmp_path / "news" / "latest").symlink_to(tmp_path / "news" / "2024", target_is_directory=True)
    assert list(cli._paths([str(tmp_path / "news")])) == [
        str(tmp_path / "news" / name) for name in ("2024/a.txt", "b.txt", "c.TXT")]


@pytest.mark.parametrize("n_process", [1, 2])
def test_the_command_line_stops_at_a_broken_link_after_the_articles_before_it(tmp_path, capsys, n_process):
    """Neither left out unseen nor stopping the run before the articles read ahead of it are printed."""
    from quoteattr import cli

    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved" / "gone.txt")
    (tmp_path / "z.txt").write_text(TEXTS[4], encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        cli.main([str(tmp_path), "--no-progress", "--format", "jsonl", "--n-process", str(n_process)])
    assert f"cannot read {tmp_path / 'gone.txt'}" in str(stopped.value.code)
    printed = {json.loads(line)["doc_id"] for line in capsys.readouterr().out.splitlines()}
    assert printed == {str(tmp_path / "a.txt"), str(tmp_path / "b.txt")}


def test_the_command_line_prints_the_files_before_an_empty_directory(tmp_path, capsys):
    from quoteattr import cli

    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SystemExit, match="no .txt files under the directory"):
        cli.main([str(tmp_path / "a.txt"), str(tmp_path / "empty"), "--no-progress", "--format", "jsonl"])
    assert {json.loads(line)["doc_id"] for line in capsys.readouterr().out.splitlines()} == {str(tmp_path / "a.txt")}


def test_the_command_line_rejects_an_empty_directory_and_bad_counts(tmp_path, capsys):
    from quoteattr import cli

    with pytest.raises(SystemExit) as stopped:
        cli.main([str(tmp_path), "--no-progress"])
    assert f"no .txt files under the directory {tmp_path}" in str(stopped.value.code)
    for option, value in (("--n-process", "0"), ("--batch-size", "-1"), ("--n-process", "two")):
        with pytest.raises(SystemExit) as stopped:
            cli.main([option, value])
        assert stopped.value.code == 2
        assert f"argument {option}: expected" in capsys.readouterr().err


def test_the_command_line_stops_on_ctrl_c_with_130_and_no_traceback(tmp_path, capsys, monkeypatch):
    from quoteattr import cli

    def interrupted(self, items, **_):
        yield from ()
        raise KeyboardInterrupt

    monkeypatch.setattr(quoteattr.Attributor, "pipe", interrupted)
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    assert cli.main([str(tmp_path / "a.txt")]) == 130
    assert capsys.readouterr().err == "quoteattr: interrupted\n"


def test_the_command_line_reads_stdin_as_utf8_with_bad_bytes_replaced(monkeypatch, capsys):
    """As files are read, whatever the locale: a Latin-1 byte becomes U+FFFD (not a lone surrogate that makes
    the output invalid UTF-8, nor a UnicodeDecodeError)."""
    from quoteattr import cli

    data = '"\xc7a va bien," said J\xfcrgen M\xfcller.\n'.encode("latin-1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="ascii", errors="strict"))
    assert cli.main(["--format", "jsonl"]) in (0, None)
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert row["text"] == "\ufffda va bien," and row["doc_id"] == "-"


def test_the_command_line_gives_offsets_into_the_file_and_one_line_per_quote(tmp_path, capsys):
    """CRLF line ends kept (the offsets index the file's characters, as stdin's do); a tab in a quote or a
    file name that is not UTF-8 keeps the table's columns and the JSON lines valid UTF-8."""
    from quoteattr import cli

    text = '"We are ready," said coach Tom Hart.\r\n\r\n"The team\tis strong," he said.\r\n'
    path = tmp_path / os.fsdecode(b"caf\xe9.txt")
    path.write_bytes(text.encode("utf-8"))
    assert cli.main([str(path), "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    out.encode("utf-8")  # a lone surrogate from the file name would not encode
    rows = [json.loads(line) for line in out.splitlines()]
    assert [text[row["start"]:row["end"]] for row in rows] == [row["text"] for row in rows] == [
        "We are ready,", "The team\tis strong,"]
    assert rows[0]["doc_id"] == str(path)
    assert cli.main([str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert [len(line.split("\t")) for line in lines] == [5, 5] and "caf\\udce9.txt" in lines[0]
    assert cli.main([str(path), "--max-length", "10"]) == 2
    assert "--max-length N" in capsys.readouterr().err


def test_a_forked_worker_takes_the_parents_attributor_with_a_fresh_lock(attributor, monkeypatch):
    monkeypatch.setattr(corpus, "_worker", None)
    lock = attributor._lock
    try:
        with lock:  # as if another thread of the parent held it when the worker forked
            corpus._init_worker(corpus.Settings.of(attributor, threads=torch.get_num_threads()), attributor)
        assert corpus._worker is attributor and attributor._lock is not lock
        assert attributor._lock.acquire(blocking=False)
        attributor._lock.release()
    finally:
        attributor._lock = lock


def test_a_worker_error_has_the_quoteattr_type(attributor, sequential):
    small = quoteattr.Attributor(attributor.models_dir, max_length=200)
    texts = [TEXTS[0], "x" * 201, TEXTS[1]]
    results = small.pipe(texts, batch_size=1, n_process=2)
    assert next(results) == sequential[0]
    with pytest.raises(quoteattr.InputTooLongError, match="max_length"):
        next(results)


def test_export_dataframe_and_jsonl(sequential, tmp_path):
    pd = pytest.importorskip("pandas")
    pairs = list(zip(sequential, IDS))
    frame = corpus.to_dataframe(pairs)
    assert list(frame.columns) == list(corpus.QUOTE_COLUMNS)
    assert len(frame) == sum(len(r.quotes) for r in sequential)
    expected = [row for result, doc_id in pairs for row in result.quote_rows(doc_id)]
    assert list(corpus.QUOTE_COLUMNS) == list(expected[0])
    assert _records(frame) == expected
    # bare Attributions: the doc id is the position
    assert set(corpus.to_dataframe(sequential)["doc_id"]) == {i for i, r in enumerate(sequential) if r.quotes}
    empty = corpus.to_dataframe([])
    assert list(empty.columns) == list(corpus.QUOTE_COLUMNS) and len(empty) == 0
    assert empty["start"].dtype == pd.Series(dtype="int64").dtype
    # the same dtypes whatever the rows hold: a Dask frame declares them before any partition is computed
    assert empty.dtypes.to_dict() == frame.dtypes.to_dict() == corpus.to_dataframe(pairs[2:3]).dtypes.to_dict()

    path = tmp_path / "quotes.jsonl"
    assert corpus.write_jsonl(pairs, path) == len(expected)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows == expected
    assert {"doc_id", "start", "end", "kind", "cue", "speaker", "role", "organization", "confidence"} <= set(rows[0])
    handle = io.StringIO()
    corpus.write_jsonl(sequential, handle)
    assert json.loads(handle.getvalue().splitlines()[0])["doc_id"] == 0


def test_jsonl_writes_ids_json_has_no_type_for_in_their_json_form(sequential, tmp_path):
    import datetime
    import pathlib

    ids = [pathlib.Path("news/a.txt"), datetime.date(2024, 5, 1), ("wire", 7)]
    if importlib.util.find_spec("numpy"):
        import numpy

        ids[2] = numpy.int64(7)  # a pandas index's ids
    pairs = list(zip(sequential[:2] + sequential[4:5], ids))
    handle = io.StringIO()
    assert corpus.write_jsonl(pairs, handle) == sum(len(result.quotes) for result, _ in pairs)
    written = {json.loads(line)["doc_id"] for line in handle.getvalue().splitlines()}
    assert written == {"news/a.txt", "2024-05-01", 7 if importlib.util.find_spec("numpy") else ("wire", 7)}


def test_jsonl_escapes_a_lone_surrogate_and_stops_at_an_id_it_cannot_write(attributor, tmp_path):
    """A text decoded with errors="surrogateescape" keeps its bad bytes as lone surrogates, which UTF-8
    cannot hold: that line is written with JSON escapes, and reads back as the same text."""
    text = '"We will win \udce9," the mayor said.'
    result = attributor(text)
    path = tmp_path / "quotes.jsonl"
    with pytest.raises(quoteattr.InputTypeError, match="type object .* str or int"):
        corpus.write_jsonl([(result, "a"), (result, object()), (result, "c")], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == result.quote_rows("a") and "\udce9" in result.quotes[0].text


def test_the_dataframe_keeps_ids_as_they_are_and_refuses_text_it_cannot_hold(attributor, sequential):
    pytest.importorskip("pandas")
    big = 1790000000000000001  # as a float it would lose its last digits
    frame = corpus.to_dataframe([(sequential[0], big), (sequential[1], None)])
    assert set(frame["doc_id"].tolist()) == {big, None}
    result = attributor('"Caf\udce9 prices are up," the owner said.')
    assert result.quotes
    with pytest.raises(quoteattr.InputTypeError, match="document 'x' holds a lone surrogate .* errors='replace'"):
        corpus.to_dataframe([(result, "x")])


def test_jsonl_refuses_ids_strict_json_cannot_hold(sequential):
    numpy = pytest.importorskip("numpy")
    handle = io.StringIO()
    corpus.write_jsonl([(sequential[0], numpy.datetime64("2024-01-02T03:04:05.000000000"))], handle)
    assert json.loads(handle.getvalue().splitlines()[0])["doc_id"] == "2024-01-02T03:04:05.000000000"
    for bad in (float("nan"), {(1, 2): 3}, numpy.array([1, 2]), numpy.timedelta64(3, "s")):
        with pytest.raises(quoteattr.InputTypeError, match="cannot be written as JSON"):
            corpus.write_jsonl([(sequential[0], bad)], io.StringIO())


def test_export_rejects_other_items():
    with pytest.raises(quoteattr.InputTypeError, match="Attribution"):
        list(corpus.quote_records(["text"]))


def test_missing_pandas_gives_a_quoteattr_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(quoteattr.QuoteAttrError, match=r"pip install 'quoteattr\[dask\]'") as caught:
        corpus.to_dataframe([])
    assert isinstance(caught.value, ImportError)


def test_dask_recipe_on_a_local_cluster_equals_one_process(attributor, sequential, tmp_path):
    pytest.importorskip("dask.bag")
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")
    import dask.bag as db
    import dask.dataframe as dd

    from quoteattr import cluster

    expected = [row for result, doc_id in zip(sequential, IDS) for row in result.quote_rows(doc_id)]
    articles = [{"id": doc_id, "text": text} for doc_id, text in zip(IDS, TEXTS)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as lc, distributed.Client(lc) as client:
        bag = db.from_sequence(articles, npartitions=3)
        assert cluster.quote_bag(bag, attributor).compute() == expected
        lines = db.from_sequence([json.dumps([doc_id, text]) for doc_id, text in zip(IDS, TEXTS)], npartitions=2)
        assert cluster.quote_bag(lines.map(json.loads), attributor).compute() == expected  # pairs as lists
        texts = db.from_sequence(TEXTS, npartitions=2)
        assert cluster.attribute_bag(texts, attributor).compute() == sequential
        frame = dd.from_pandas(pd.DataFrame(articles), npartitions=2)
        lazy = cluster.quotes_dataframe(frame, attributor)
        assert not lazy.known_divisions  # each partition's quotes are indexed from 0: the articles' would lie
        quotes = lazy.compute()
        assert list(quotes.columns) == list(corpus.QUOTE_COLUMNS)
        assert quotes.dtypes.to_dict() == lazy.dtypes.to_dict()  # else to_parquet writes the declared ones
        if importlib.util.find_spec("pyarrow"):  # the recipe's last step
            lazy.to_parquet(tmp_path / "quotes.parquet")
            assert _records(pd.read_parquet(tmp_path / "quotes.parquet")) == expected
        assert _records(quotes) == expected
        # one Attributor per worker process, reused across partitions
        counts = client.run(lambda: len(corpus._cache))
        assert set(counts.values()) <= {1}


def test_the_dask_functions_say_what_is_wrong_with_their_input(attributor):
    """Checked when the graph is built where it can be (the frame's columns, batch_size, the collection), and
    for each article on the workers (a dict's keys, a missing text), naming the article and the fix."""
    pytest.importorskip("dask.bag")
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    import dask.bag as db

    from quoteattr import cluster

    text = TEXTS[0]
    frame = dd.from_pandas(pd.DataFrame({"id": ["a", "b"], "body": [text, None]}), npartitions=1)
    with pytest.raises(quoteattr.InputTypeError, match=r"no column 'text' .* text_column="):
        cluster.quotes_dataframe(frame, attributor)
    with pytest.raises(quoteattr.InputTypeError, match=r"no column 'doc' .* id_column=None"):
        cluster.quotes_dataframe(frame, attributor, text_column="body", id_column="doc")
    with pytest.raises(quoteattr.InputTypeError, match=r"article 'b' has no text .*fillna\(\{'body': ''\}\)"):
        cluster.quotes_dataframe(frame, attributor, text_column="body").compute(scheduler="sync")
    with pytest.raises(quoteattr.InputTypeError, match="expected a dask DataFrame, got DataFrame"):
        cluster.quotes_dataframe(frame.compute(), attributor)
    bag = db.from_sequence([{"doc_id": "a", "text": text}], npartitions=1)
    for call in (cluster.quote_bag, cluster.attribute_bag):
        with pytest.raises(ValueError, match="batch_size must be a positive int, got 0"):
            call(bag, attributor, batch_size=0)
        with pytest.raises(quoteattr.InputTypeError, match="expected a dask Bag, got list"):
            call([text], attributor)
    with pytest.raises(quoteattr.InputTypeError, match="without the key 'id' .* id_key="):
        cluster.quote_bag(bag, attributor).compute(scheduler="sync")
    texts = db.from_sequence([text], npartitions=1)
    with pytest.raises(quoteattr.InputTypeError, match="got str; for a bag of texts, use attribute_bag"):
        cluster.quote_bag(texts, attributor).compute(scheduler="sync")


def _slow_work(texts):  # forked workers find it here: a job they are busy with when killed
    time.sleep(0.5)
    return _work(texts)


_work = corpus._work


def _workers_gone(within: float) -> bool:
    import multiprocessing

    deadline = time.monotonic() + within
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    return not multiprocessing.active_children()


def test_a_worker_that_dies_stops_the_run_with_worker_error(attributor, sequential, monkeypatch):
    """A worker killed (by the kernel, for memory) never finishes its job: pipe raises WorkerError after
    the results before that job, rather than waiting for ever, and leaves no worker behind."""
    import multiprocessing

    monkeypatch.setattr(corpus, "_work", _slow_work)
    results = attributor.pipe(TEXTS * 4, batch_size=8, n_process=2)
    assert next(results) == sequential[0]
    for worker in multiprocessing.active_children():
        os.kill(worker.pid, signal.SIGKILL)
    started = time.monotonic()
    given = 1
    with pytest.raises(quoteattr.WorkerError, match=r"worker process died .* texts (\d+) to (\d+)") as caught:
        for result in results:
            assert result == sequential[given % len(TEXTS)]
            given += 1
    assert caught.match(rf"texts {given} to ")
    assert time.monotonic() - started < 30
    assert _workers_gone(within=30)


def test_a_pipe_closed_early_lets_its_workers_go(attributor, sequential, monkeypatch):
    monkeypatch.setattr(corpus, "_work", _slow_work)
    results = attributor.pipe(TEXTS * 4, batch_size=8, n_process=2)
    assert next(results) == sequential[0]
    results.close()
    assert _workers_gone(within=30)


def test_a_worker_that_cannot_load_its_models_raises_model_error(tmp_path):
    for name in ("tokenizer.pt", "mwt.pt", "pos.pt", "lemma.pt", "depparse.pt"):
        (tmp_path / name).write_bytes(b"not a model")
    broken = quoteattr.Attributor(tmp_path)
    with pytest.raises(quoteattr.ModelError, match="Could not load"):
        list(broken.pipe(TEXTS[:2], n_process=2))


@pytest.mark.parametrize("running", [True, False])
def test_a_batch_leaves_the_garbage_collector_as_it_found_it(attributor, monkeypatch, running):
    import gc

    seen = []
    original = attributor._attribute_many
    monkeypatch.setattr(attributor, "_attribute_many", lambda texts: seen.append(gc.isenabled()) or original(texts))
    (gc.enable if running else gc.disable)()
    try:
        attributor.attribute_many(['"Fine," she said.'])
        assert seen == [False] and gc.isenabled() is running
    finally:
        gc.enable()


def test_the_models_load_with_the_garbage_collector_paused(monkeypatch):
    """Importing torch and stanza and loading the models make millions of objects, each few thousand of
    which would set off a collection that walks them all (three full ones, 0.15-0.2 s of a cold start)."""
    import gc

    from quoteattr import attributor as attributor_module

    seen = []
    monkeypatch.setattr(attributor_module.parsing, "build_pipeline", lambda *_, **__: seen.append(gc.isenabled()))
    attributor_module.Attributor().pipeline
    assert seen == [False] and gc.isenabled()


def test_worker_jobs_shrink_towards_the_end_of_a_list():
    """A list's last jobs are small, so the workers finish together; a stream's end is not known before it
    comes, and its jobs keep their size. Every job is at most batch_size and 8 texts, in input order."""
    texts = [f"Text {i:03d} " * 50 for i in range(40)]
    jobs = list(corpus.worker_jobs(texts, 32, 2))
    assert [t for job in jobs for t in job] == texts
    assert max(map(len, jobs)) == corpus.WORKER_JOB_TEXTS
    assert [len(job) for job in jobs[-3:]] == [1, 1, 1]
    assert [len(job) for job in corpus.worker_jobs(iter(texts), 32, 2)] == [8] * 5
    assert max(len(job) for job in corpus.worker_jobs(texts, 3, 2)) == 3
    pairs = list(zip(texts, itertools.count()))
    assert [len(job) for job in corpus.worker_jobs(pairs, 32, 2, as_tuples=True)] == [len(j) for j in jobs]
