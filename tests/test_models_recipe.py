"""The training recipe's choices: where each stage starts from, with which settings, by which command."""
from pathlib import Path

from quoteattr.models import train

PATHS = {"train_aug": Path("train.aug.conllu"), "dev": Path("dev.gold.conllu")}


def test_a_stage_from_scratch_starts_from_nothing(tmp_path):
    assert train.starting_point("pos", tmp_path, None) == (None, "", False)
    assert train.starting_point("depparse", tmp_path, None) == (None, "", False)


def test_init_from_starts_the_tagger_and_parser_from_those_models(tmp_path):
    models = tmp_path / "models"
    for stage in ("pos", "depparse", "tokenize"):
        init, how, warm = train.starting_point(stage, tmp_path, models)
        if stage == "tokenize":  # no warm start for the small, fast stages
            assert init is None and not warm
        else:
            assert init == models / train.FILES[stage] and str(models) in how and warm


def test_an_interrupted_tagger_resumes_from_its_best_model(tmp_path):
    (tmp_path / "pos.pt").write_bytes(b"best so far")
    init, how, warm = train.starting_point("pos", tmp_path, tmp_path / "elsewhere")
    assert init == tmp_path / "pos.resume.pt" and init.read_bytes() == b"best so far"
    assert "resuming" in how and warm


def test_the_parser_resumes_from_stanzas_checkpoint_first(tmp_path):
    (tmp_path / "depparse_checkpoint.pt").write_bytes(b"")
    # a warm run resumed keeps the warm settings; a cold one the cold ones
    assert train.starting_point("depparse", tmp_path, tmp_path / "models") == (None, "resuming from its checkpoint", True)
    assert train.starting_point("depparse", tmp_path, None) == (None, "resuming from its checkpoint", False)


def test_warm_settings_take_smaller_steps():
    cold, warm = train.scaled("pos", 1.0), train.scaled("pos", 1.0, warm=True)
    assert warm["lr"] < cold["lr"] and warm["max_steps"] == cold["max_steps"]
    parser = train.scaled("depparse", 1.0, warm=True)
    assert parser["optim"] == "adam" and parser["lr"] == 2e-4 and parser["no_second_optim"]
    assert parser["second_optim_start_step"] is None and parser["eval_interval"] == 250
    cold = train.scaled("depparse", 1.0)
    assert cold["second_optim_start_step"] == train.SETTINGS["depparse"]["second_optim_start_step"]


def test_a_setting_given_for_the_run_wins_over_the_warm_start_default():
    warm = train.scaled("pos", 1.0, warm=True, overrides={"pos": {"lr": 3e-4, "batch_size": 128}})
    assert warm["lr"] == 3e-4 and warm["batch_size"] == 128


def test_warm_commands(tmp_path):
    init = tmp_path / "pos.pt"
    tagger = train.command("pos", PATHS, tmp_path, train.scaled("pos", 1.0, warm=True), init)
    assert tagger[1:5] == ["-m", "quoteattr.models.warm_tagger", "--init", str(init)]
    assert "--no_pretrain" in tagger and "--lr" in tagger
    parser = train.command("depparse", PATHS, tmp_path, train.scaled("depparse", 1.0, warm=True), init)
    assert parser[1:3] == ["-m", "stanza.models.parser"]
    assert parser[parser.index("--continue_from") + 1] == str(init)
    assert "--no_second_optim" in parser and "--second_optim_start_step" not in parser
    assert "--continue_from" not in train.command("depparse", PATHS, tmp_path, train.scaled("depparse", 1.0))


def test_a_warm_tagger_starts_from_the_given_model_and_refuses_another_vocabulary():
    import pytest
    import torch
    from stanza.models.common.doc import Document
    from stanza.models.pos.data import Dataset
    from stanza.models.pos.vocab import MultiVocab

    from quoteattr.models.warm_tagger import warm_trainer_class
    from quoteattr.parse import resolve_models

    init = resolve_models(None) / "pos.pt"
    saved = torch.load(init, map_location="cpu", weights_only=True)
    args = dict(saved["config"])
    warm = warm_trainer_class(str(init))

    trainer = warm(args=args, vocab=MultiVocab.load_state_dict(saved["vocab"]), device="cpu")
    mine = trainer.model.state_dict()
    for name, stored in saved["model"].items():
        assert mine[name].dtype == torch.float32 and torch.equal(mine[name].half(), stored.half()), name

    other = Document([[{"id": 1, "text": "Hello", "upos": "INTJ", "xpos": "UH", "feats": "_"}]])
    with pytest.raises(SystemExit, match="another vocabulary"):
        warm(args=args, vocab=Dataset.init_vocab([other], args), device="cpu")


def test_settings_changed_for_one_run_reach_stanzas_command():
    import pytest

    overrides = train.setting_overrides(["pos.num_layers=1", "pos.lr=0.002", "depparse.optim=adam"])
    assert overrides == {"pos": {"num_layers": 1, "lr": 0.002}, "depparse": {"optim": "adam"}}
    settings = train.scaled("pos", 2.0, overrides=overrides)
    assert settings["num_layers"] == 1 and settings["max_steps"] == 2 * train.SETTINGS["pos"]["max_steps"]
    command = train.command("pos", PATHS, Path("work"), settings)
    assert command[command.index("--num_layers") + 1] == "1"
    for bad in ("pos.num_layers", "num_layers=1", "tagger.num_layers=1"):
        with pytest.raises(SystemExit, match="STAGE.SETTING=VALUE"):
            train.setting_overrides([bad])
