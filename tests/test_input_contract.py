"""The input contract: str only, empty gives empty, odd characters keep offsets true, typed errors."""
from __future__ import annotations

import pytest

import quoteattr
from quoteattr import errors


@pytest.mark.parametrize(("value", "hint"), [
    (b'"Hi," she said.', "decode bytes first"),
    (bytearray(b"text"), "decode bytes first"),
    (None, "pass the article text as a str"),
    (42, "pass the article text as a str"),
    (["a list"], "pass the article text as a str"),
])
def test_non_text_raises_type_error_saying_what_to_pass(attributor, value, hint):
    with pytest.raises(TypeError, match=hint) as caught:
        attributor(value)
    assert isinstance(caught.value, quoteattr.QuoteAttrError)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t \r\n \u00a0\u200b"])
def test_empty_or_white_text_gives_an_empty_result(attributor, text):
    result = attributor(text)
    assert result.text == text and result.quotes == () and result.entities == ()


def test_too_long_raises_with_the_fix():
    small = quoteattr.Attributor(max_length=10)
    with pytest.raises(quoteattr.InputTooLongError, match="max_length"):
        small("x" * 11)


@pytest.mark.parametrize("text", [
    '"We will win,"\tsaid\u00a0coach Ann Lee.\r\n"Next year too," she added.\r\n',
    '"We will win," said coach Ann Lee.\r"Next year too," she added.',
    '\u200b"We\u200b will win," said coach Ann Lee. \U0001F600\U0001F44D "Next year too," she added.',
    '\x00\x07"We will win," said coach \x1b Ann Lee.\x0c',
    '<p>"We will win," said coach <b>Ann Lee</b>.</p>\n<p>"Next year too," she added.</p>',
])
def test_odd_characters_keep_offsets_into_the_original(attributor, text):
    result = attributor(text)
    assert result.quotes, "the quotes survive the odd characters"
    for quote in result.quotes:
        spans = list(quote.content) + [quote.cue] + [quote.speaker.mention if quote.speaker else None]
        for span in filter(None, spans):
            assert text[span.start:span.end] == span.text
    assert result.quotes[0].speaker.name == "Ann Lee"


def test_crlf_paragraphs_count_like_lf(attributor):
    crlf = attributor('Intro.\r\n"We will win," said coach Ann Lee.')
    lf = attributor('Intro.\n"We will win," said coach Ann Lee.')
    assert [q.paragraph for q in crlf.quotes] == [q.paragraph for q in lf.quotes] == [1]


def test_missing_model_directory_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="QUOTEATTR_MODELS") as caught:
        quoteattr.Attributor(models=tmp_path)
    assert isinstance(caught.value, errors.ModelError)


def test_corrupt_model_is_a_model_error(tmp_path):
    from quoteattr.parse import MODEL_FILES, resolve_models

    source = resolve_models(None)
    for name in MODEL_FILES.values():
        (tmp_path / name).write_bytes((source / name).read_bytes() if name != "pos.pt" else b"not a model")
    broken = quoteattr.Attributor(models=tmp_path)
    with pytest.raises(quoteattr.ModelError, match="corrupt") as caught:
        broken("Some text.")
    assert caught.value.__cause__ is not None


def test_a_model_directory_builds_the_pipeline(tmp_path):
    """Any directory of stanza models works (here a copy of the default ones)."""
    from quoteattr.parse import MODEL_FILES, resolve_models

    source = resolve_models(None)
    for name in MODEL_FILES.values():
        (tmp_path / name).write_bytes((source / name).read_bytes())
    result = quoteattr.Attributor(models=tmp_path)('"Fine," said Ann Lee.')
    assert [q.speaker.name for q in result.quotes] == ["Ann Lee"]


def test_loading_builds_no_training_optimizers():
    """stanza's trainers build optimizers even to predict, which imports torch._dynamo (most of a cold
    start): quoteattr's loader skips them, and puts stanza's functions back afterwards."""
    _in_a_fresh_process("import sys, quoteattr\n"
                        "from stanza.models.common import utils\n"
                        "before = (utils.get_optimizer, utils.get_split_optimizer)\n"
                        "quoteattr.Attributor(threads=1).pipeline\n"
                        "assert 'torch._dynamo' not in sys.modules, 'torch._dynamo was imported'\n"
                        "assert (utils.get_optimizer, utils.get_split_optimizer) == before\n")


def _in_a_fresh_process(script: str) -> None:
    """Run the script in a new Python process (nothing imported yet) and fail with its error, if any."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def test_stanza_failure_surfaces_as_parse_error(attributor, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(attributor.pipeline.processors["tokenize"].trainer, "predict", broken)
    with pytest.raises(quoteattr.ParseError, match="boom") as caught:
        attributor("Some text here.")
    assert isinstance(caught.value.__cause__, RuntimeError)


def test_bad_lexicon_is_a_lexicon_error(tmp_path):
    from quoteattr.lexicons import read_lexicon

    with pytest.raises(quoteattr.LexiconError, match="Cannot read"):
        read_lexicon(tmp_path / "missing.txt")
    (tmp_path / "empty.txt").write_text("# only a comment\n")
    with pytest.raises(quoteattr.LexiconError, match="no entries"):
        read_lexicon(tmp_path / "empty.txt")


def test_modules_stanza_imports_for_nothing_are_imported_on_first_use():
    """stanza imports networkx, udtools (with udapi), requests and emoji for work quoteattr never asks of it:
    stand-ins import each on first use, which still works, a package's modules alone or the whole package."""
    _in_a_fresh_process("import sys, quoteattr\n"
                        "from quoteattr.parse import DEFERRED_IMPORTS\n"
                        "a = quoteattr.Attributor(threads=1)\n"
                        "assert a('\"Fine,\" said Ann Lee.').quotes[0].speaker.name == 'Ann Lee'\n"
                        "kinds = {name: type(sys.modules[name]).__name__ for name in DEFERRED_IMPORTS}\n"
                        "assert set(kinds.values()) == {'_ImportedOnUse'}, kinds\n"
                        "assert 'udapi' not in sys.modules and 'udtools.validator' not in sys.modules\n"
                        "from stanza.models.common import doc, utils\n"
                        "assert doc.nx.MultiDiGraph().number_of_nodes() == 0\n"
                        "assert type(sys.modules['networkx']).__name__ == 'module'\n"
                        "assert issubclass(utils.UDError, Exception) and callable(utils.udeval.load_conllu)\n"
                        "import udtools\n"
                        "assert udtools.Validator and type(sys.modules['udtools']).__name__ == 'module'\n"
                        "assert sys.modules['udtools'].udeval is utils.udeval\n"
                        "import requests, emoji\n"
                        "assert callable(requests.get) and callable(emoji.emojize)\n")


def test_only_the_shipped_checkpoints_skip_the_weights_only_unpickler(tmp_path, monkeypatch):
    """The models that come with quoteattr are read with torch's native unpickler (a faster cold start);
    checkpoints anywhere else, a copy of the same file included, keep torch's weights-only guard."""
    import shutil

    import torch

    from quoteattr import parse

    calls = []
    monkeypatch.setattr(torch, "load", lambda file, *args, **kwargs: calls.append((file, kwargs)))
    shipped = parse.PACKAGED_MODELS / "pos.pt"
    copy = tmp_path / "pos.pt"
    shutil.copy(shipped, copy)
    with parse._shipped_checkpoints_read_natively(parse.PACKAGED_MODELS):
        torch.load(str(shipped), weights_only=True)
        torch.load(str(copy), weights_only=True)
    with parse._shipped_checkpoints_read_natively(tmp_path):
        torch.load(str(copy), weights_only=True)
    torch.load(str(shipped), weights_only=True)  # outside the construction of a pipeline
    assert [kwargs["weights_only"] for _, kwargs in calls] == [False, True, True, True]


def test_the_command_line_stops_quietly_when_its_reader_goes_away():
    """'quoteattr *.txt --format jsonl | head': no traceback when the pipe closes, a non-zero exit."""
    import subprocess
    import sys
    from pathlib import Path

    seed = str(Path(__file__).resolve().parents[1] / "seeds" / "000_d0cf9d55a3beb83b.txt")
    # twelve copies write more than a pipe's buffer holds, so the writes after the close do fail
    command = [sys.executable, "-m", "quoteattr", *[seed] * 12, "--format", "jsonl", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("{")
    process.stdout.close()
    _, error = process.communicate(timeout=300)
    assert process.returncode == 1 and "Traceback" not in error, error[-2000:]
