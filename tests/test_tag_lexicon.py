"""The tag lexicon: the UPOS tags each word had in training, to which the tagger's choice is restricted."""
import pytest
import stanza

import quoteattr
from quoteattr.models import score, tag_lexicon, train
from quoteattr.parse import MODEL_FILES, resolve_models

CONLLU = """# text = They run fast.
1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\trun\trun\tVERB\tVBP\t_\t0\troot\t_\t_
3\tfast\tfast\tADV\tRB\t_\t2\tadvmod\t_\t_
4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# text = A run won't hurt.
1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_
2\trun\trun\tNOUN\tNN\t_\t5\tnsubj\t_\t_
3-4\twon't\t_\t_\t_\t_\t_\t_\t_\t_
3\two\twill\tAUX\tMD\t_\t5\taux\t_\t_
4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_
4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t_\t_
5\thurt\thurt\tVERB\tVB\t_\t0\troot\t_\t_
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_
"""


def test_the_lexicon_holds_every_tag_a_word_had_and_reads_back(tmp_path):
    (tmp_path / "train.conllu").write_text(CONLLU, encoding="utf-8")
    lexicon = tag_lexicon.build([tmp_path / "train.conllu"])
    assert lexicon["run"] == {"VERB", "NOUN"}
    assert lexicon["n't"] == {"PART"}
    assert "won't" not in lexicon and "gone" not in lexicon  # multi-word tokens and empty nodes are not words
    tag_lexicon.write(lexicon, tmp_path / tag_lexicon.FILE)
    assert tag_lexicon.read(tmp_path).tags_by_word == lexicon
    assert tag_lexicon.read(tmp_path / "elsewhere") is None


def test_a_capitalised_spelling_never_seen_takes_its_lower_case_tags_or_a_names():
    lexicon = tag_lexicon.TagLexicon({"risk": frozenset({"NOUN", "VERB"}), "Apple": frozenset({"PROPN"})})
    tags_of_row = {row: tags for tags, row in lexicon.row_of_set.items()}
    assert tags_of_row[lexicon.row("risk")] == {"NOUN", "VERB"}
    assert tags_of_row[lexicon.row("Risk")] == tags_of_row[lexicon.row("RISK")] == {"NOUN", "VERB", "PROPN"}
    assert lexicon.row("Apple") == lexicon.row_of_set[frozenset({"PROPN"})]
    assert lexicon.row("rISK") == lexicon.row("Zzyzx") == lexicon.row("R") == 0  # every tag


def _upos(pipeline, words):
    document = stanza.Document([[{"id": i, "text": word} for i, word in enumerate(words, 1)]])
    return [word.upos for word in pipeline.processors["pos"].process(document).sentences[0].words]


@pytest.fixture
def tagger_model(attributor):
    """The shared pipeline's tagger; its lexicon is put back after the test."""
    model = attributor.pipeline.processors["pos"].trainer.model
    kept = model.__dict__.get("_quoteattr_tag_lexicon")
    yield model
    tag_lexicon.attach(model, kept)


def test_the_tagger_picks_among_the_tags_a_word_had(attributor, tagger_model):
    words = ["Officials", "run", "the", "port", "."]
    tag_lexicon.attach(tagger_model, None)
    assert _upos(attributor.pipeline, words)[1] == "VERB"
    tag_lexicon.attach(tagger_model, tag_lexicon.TagLexicon({"run": frozenset({"NOUN", "PROPN"})}))
    restricted = _upos(attributor.pipeline, words)
    assert restricted[1] in {"NOUN", "PROPN"}
    assert restricted[3] == "NOUN"  # a word the lexicon does not hold keeps every tag


def test_the_shipped_tagger_comes_with_its_lexicon(attributor):
    models = resolve_models(None)
    lexicon = attributor.pipeline.processors["pos"].trainer.model.__dict__.get("_quoteattr_tag_lexicon")
    assert (models / tag_lexicon.FILE).is_file() and lexicon is not None
    assert lexicon.tags_by_word["said"] >= {"VERB"} and len(lexicon.tags_by_word) > 20_000


def test_a_broken_lexicon_is_a_model_error_that_says_what_to_do(tmp_path):
    source = resolve_models(None)
    for name in MODEL_FILES.values():
        (tmp_path / name).write_bytes((source / name).read_bytes())
    (tmp_path / tag_lexicon.FILE).write_text("run\n", encoding="utf-8")  # a word without its tags
    with pytest.raises(quoteattr.ModelError, match="tag lexicon.*delete the file") as caught:
        quoteattr.Attributor(models=tmp_path, threads=1)("Some text.")
    assert isinstance(caught.value, FileNotFoundError)


def test_the_recipe_writes_the_lexicon_of_the_training_treebanks(tmp_path):
    ud = tmp_path / "ud"
    ud.mkdir()
    for treebank in train.TREEBANKS:
        train.ud_file(ud, treebank, "train").write_text(CONLLU, encoding="utf-8")
    train.write_tag_lexicon(ud, tmp_path)
    assert tag_lexicon.read(tmp_path).tags_by_word["run"] == {"VERB", "NOUN"}


def test_the_tagger_is_scored_with_the_lexicon_beside_it(tmp_path, monkeypatch):
    commands = []
    monkeypatch.setattr(score.subprocess, "call", lambda cmd, **_: commands.append(cmd) or 1)
    for with_lexicon in (False, True):
        if with_lexicon:
            (tmp_path / tag_lexicon.FILE).write_text("run\tVERB\n", encoding="utf-8")
        with pytest.raises(RuntimeError):
            score.score_stage("pos", tmp_path, tmp_path / "gold.conllu", tmp_path / "work")
    assert commands[0][1:3] == ["-m", "stanza.models.tagger"]
    assert commands[1][1:4] == ["-m", "quoteattr.models.tag_lexicon", str(tmp_path.resolve())]
    assert commands[1][4:6] == ["--mode", "predict"]
