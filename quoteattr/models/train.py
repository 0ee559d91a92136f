"""The training recipe of quoteattr's English stanza models.

    python -m quoteattr.models.train --out DIR [--ud ../shared/ud] [--steps-scale X]
        [--only tokenize,mwt,pos,lemma,depparse] [--threads N] [--jobs N] [--copy-from MODELS_DIR]
        [--init-from MODELS_DIR] [--set STAGE.SETTING=VALUE ...]
    python -m quoteattr.models.train --score DIR [--ud ../shared/ud]

Data (prepared under DIR/data, never in the repository): UD English EWT and GUM train concatenated for
training (with stanza's punctuation augmentation, as stanza's own data preparation does), EWT + GUM dev for
model selection, EWT test and GUM test for reporting only. Each model is trained by stanza's own entry
point, ``python -m stanza.models.<x> --mode train``, in a subprocess whose log goes to DIR/logs/<stage>.log.
No pretrained word vectors or character LMs exist offline: the tagger and parser use ``--no_pretrain`` and
``--word_cutoff`` keeps their vocabularies small.

Stanza writes its best-on-dev model to DIR/work/<file>; when a stage ends, the model is copied to
DIR/<file> (POS and depparse weights halved to float16, checked to score the same on dev). A stage whose
DIR/<file> exists is skipped, so rerunning the same command resumes the recipe. The parser also resumes
mid-stage from stanza's own checkpoint (DIR/work/depparse_checkpoint.pt). stanza 1.15's tagger has no
checkpoint: an interrupted tagger starts again from its best saved model (DIR/work/pos.pt) through
``quoteattr.models.warm_tagger``, losing only its optimizer state and the steps since that model. The
tokenizer, MWT expander and lemmatizer (minutes each) restart. ``--init-from DIR`` starts the tagger and
parser from the weights of trained models (e.g. the shipped ones) to train them further.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from quoteattr.models import tag_lexicon

STAGES = ("tokenize", "mwt", "pos", "lemma", "depparse")
FILES = {"tokenize": "tokenizer.pt", "mwt": "mwt.pt", "pos": "pos.pt", "lemma": "lemma.pt",
         "depparse": "depparse.pt"}
MODULES = {"tokenize": "stanza.models.tokenizer", "mwt": "stanza.models.mwt_expander",
           "pos": "stanza.models.tagger", "lemma": "stanza.models.lemmatizer", "depparse": "stanza.models.parser"}
HALVED = ("pos", "depparse")  # the big ones; stored as float16, stanza loads them back into float32
SHORTHAND = "en_combined"
TREEBANKS = ("ewt", "gum")
DEFAULT_UD = Path("..") / "shared" / "ud"

# Settings at --steps-scale 1: about 100 minutes for the tagger and for the parser on one thread each of
# this 2-core machine (see quoteattr/models/README.md). Step counts (and epochs) are multiplied by the scale.
# Model sizes keep the five files under 40 MB together.
SETTINGS = {
    # One LSTM layer over the characters instead of stanza's two ("hierarchical"): 40% less tokenising time,
    # and with three times the bootstrap's steps as good on UD test (docs/models.md).
    "tokenize": {"steps": 7500, "eval_steps": 250, "batch_size": 32, "no-hierarchical": True},
    "mwt": {"num_epoch": 5, "batch_size": 128, "hidden_dim": 100},
    "pos": {
        "max_steps": 1600, "eval_interval": 400, "max_steps_before_stop": 800, "batch_size": 64,
        "hidden_dim": 150, "char_hidden_dim": 100, "deep_biaff_hidden_dim": 150,
        "composite_deep_biaff_hidden_dim": 100, "word_cutoff": 5, "lr": 3e-3, "log_step": 50,
    },
    "lemma": {"dict_only": True, "num_epoch": 60, "batch_size": 50},
    "depparse": {
        "max_steps": 2000, "eval_interval": 250, "second_optim_start_step": 1100,
        "max_steps_before_stop": 1000, "batch_size": 2000, "hidden_dim": 200, "char_hidden_dim": 100,
        "deep_biaff_hidden_dim": 128, "num_layers": 2, "word_cutoff": 5, "log_step": 50,
    },
}
# A stage started from trained weights takes smaller steps: a fresh optimizer at the from-scratch rate would
# first undo part of what the weights know. The parser trains with its second optimizer (Adam, lr 2e-4) from
# the first step, instead of with Adadelta at lr 2.0.
WARM = {"pos": {"lr": 1e-3},
        "depparse": {"optim": "adam", "lr": 2e-4, "no_second_optim": True, "second_optim_start_step": None}}
STEP_KEYS = {"tokenize": ("steps", "eval_steps"), "mwt": ("num_epoch",), "pos": (
    "max_steps", "eval_interval", "max_steps_before_stop"), "lemma": ("num_epoch",),
    "depparse": ("max_steps", "eval_interval", "second_optim_start_step", "max_steps_before_stop")}


def log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


# ---------------------------------------------------------------------------------------------- data
def ud_file(ud: Path, treebank: str, split: str) -> Path:
    return ud / f"en_{treebank}-ud-{split}.conllu"


def prepare_data(ud: Path, data: Path, limit: int | None = None) -> dict[str, Path]:
    """Concatenated train/dev files and the per-stage inputs stanza's trainers want, under ``data``.

    ``limit`` keeps the first N sentences of each treebank's train and dev (for smoke tests)."""
    from stanza.utils.datasets import common, conllu_to_text
    from stanza.utils.datasets.contract_mwt import contract_mwt
    from stanza.utils.datasets.prepare_tokenizer_treebank import augment_punct
    import random

    stamp = data / "prepared.json"
    want = {"ud": str(ud.resolve()), "limit": limit}
    paths = {
        "train": data / "train.gold.conllu", "train_aug": data / "train.aug.conllu",
        "dev": data / "dev.gold.conllu", "dev_mwt_in": data / "dev.mwt-in.conllu",
        "train_txt": data / "train.txt", "dev_txt": data / "dev.txt",
        "train_labels": data / f"{SHORTHAND}-ud-train.toklabels",
        "dev_labels": data / f"{SHORTHAND}-ud-dev.toklabels",
        "train_mwt_json": data / f"{SHORTHAND}-ud-train-mwt.json",
        "dev_mwt_json": data / f"{SHORTHAND}-ud-dev-mwt.json",
    }
    if stamp.is_file() and json.loads(stamp.read_text()) == want and all(p.exists() for p in paths.values()):
        return paths
    data.mkdir(parents=True, exist_ok=True)
    log(f"preparing data from {ud} in {data}" + (f" (first {limit} sentences per treebank)" if limit else ""))
    for split, key in (("train", "train"), ("dev", "dev")):
        sents = []
        for tb in TREEBANKS:
            path = ud_file(ud, tb, split)
            if not path.is_file():
                raise SystemExit(f"missing {path}: pass --ud DIR holding en_ewt-ud-*.conllu and en_gum-ud-*.conllu")
            part = common.read_sentences_from_conllu(str(path))
            sents += part[:limit] if limit else part
        common.write_sentences_to_conllu(str(paths[key]), sents)
        if split == "train":
            random.seed(1234)  # as stanza's write_augmented_dataset does
            common.write_sentences_to_conllu(str(paths["train_aug"]), augment_punct(sents))
    contract_mwt(str(paths["dev"]), str(paths["dev_mwt_in"]))
    for split in ("train", "dev"):
        # the tokenizer trains on the plain text, its character labels and the MWT list
        conllu_to_text.main([str(paths[split]), str(paths[f"{split}_txt"])])
        common.prepare_tokenizer_dataset_labels(str(paths[f"{split}_txt"]), str(paths[split]), str(data),
                                                SHORTHAND, split)
    stamp.write_text(json.dumps(want))
    return paths


# ------------------------------------------------------------------------------------------- stages
def scaled(stage: str, scale: float, eval_interval: int | None = None, warm: bool = False,
           overrides: dict | None = None) -> dict:
    own = (overrides or {}).get(stage, {})
    settings = dict(SETTINGS[stage], **own)
    for key in STEP_KEYS[stage]:
        settings[key] = max(1, round(settings[key] * scale))
    if warm:
        settings.update({k: v for k, v in WARM.get(stage, {}).items() if k not in own})  # a --set setting wins
    if eval_interval:
        settings[{"tokenize": "eval_steps", "pos": "eval_interval", "depparse": "eval_interval"}.get(
            stage, "_")] = eval_interval
        settings.pop("_", None)
    if stage == "depparse":
        # the switch to the second optimizer reloads the best saved model: a dev evaluation must come first
        settings["eval_interval"] = min(v for v in (settings["eval_interval"], settings["second_optim_start_step"],
                                                    settings["max_steps_before_stop"]) if v)
    if stage == "pos":
        settings["eval_interval"] = min(settings["eval_interval"], settings["max_steps"])
    if stage == "tokenize":
        settings["eval_steps"] = min(settings["eval_steps"], settings["steps"])
    return settings


def flags(settings: dict) -> list[str]:
    out = []
    for key, value in settings.items():
        if value is True:
            out.append(f"--{key}")
        elif value is not False and value is not None:
            out += [f"--{key}", str(value)]
    return out


def command(stage: str, paths: dict[str, Path], work: Path, settings: dict, init: Path | None = None) -> list[str]:
    """stanza's training command of ``stage``; ``init`` is a model file of that stage to start from."""
    save = ["--save_dir", str(work), "--save_name", FILES[stage]]
    train = str(paths["train_aug"])
    dev = str(paths["dev"])
    if stage == "tokenize":
        from stanza.utils.avg_sent_len import avg_sent_len
        from stanza.utils.training.run_tokenizer import default_feat_funcs
        seqlen = math.ceil(avg_sent_len(str(paths["train_labels"])) * 3 / 100) * 100  # as run_tokenizer
        args = ["--label_file", str(paths["train_labels"]), "--txt_file", str(paths["train_txt"]),
                "--lang", "en", "--max_seqlen", str(seqlen), "--mwt_json_file", str(paths["dev_mwt_json"]),
                "--dev_txt_file", str(paths["dev_txt"]), "--dev_label_file", str(paths["dev_labels"]),
                "--dev_conll_gold", dev, "--shorthand", SHORTHAND]
        feats = default_feat_funcs("en")
        if feats:
            args += ["--feat_funcs", ",".join(feats)]
    elif stage == "mwt":
        from stanza.utils.max_mwt_length import max_mwt_length
        max_len = math.ceil(max_mwt_length([str(paths["train_mwt_json"]), str(paths["dev_mwt_json"])]) * 1.1 + 1)
        args = ["--train_file", str(paths["train"]), "--eval_file", str(paths["dev_mwt_in"]),
                "--gold_file", dev, "--lang", "en", "--shorthand", SHORTHAND, "--max_dec_len", str(max_len)]
    elif stage == "pos":
        args = ["--train_file", train, "--eval_file", dev, "--lang", "en", "--shorthand", SHORTHAND,
                "--no_pretrain", "--fix_eval_interval"]
        if init:  # stanza's tagger cannot start from a model: our wrapper around its entry point does
            return [sys.executable, "-m", "quoteattr.models.warm_tagger", "--init", str(init), "--mode",
                    "train"] + args + flags(settings) + save
    elif stage == "lemma":  # the lemmatizer takes no --lang
        args = ["--train_file", train, "--eval_file", dev, "--shorthand", SHORTHAND]
    else:  # depparse: trained on gold tags, like the bootstrap
        args = ["--train_file", train, "--eval_file", dev, "--lang", "en", "--shorthand", SHORTHAND,
                "--no_pretrain"] + (["--continue_from", str(init)] if init else [])
    return [sys.executable, "-m", MODULES[stage], "--mode", "train"] + args + flags(settings) + save


def thread_env(threads: int) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = str(threads)
    return env


def halve(src: Path, dst: Path) -> None:
    """Copy a stanza model file with its float32 tensors stored as float16."""
    import torch

    def walk(obj):
        if isinstance(obj, torch.Tensor) and obj.dtype == torch.float32:
            return obj.half()
        if isinstance(obj, dict):
            return {k: walk(v) for k, v in obj.items()}
        return obj

    blob = torch.load(src, map_location="cpu", weights_only=False)
    blob.pop("optimizer", None)
    tmp = dst.with_suffix(".tmp")
    torch.save(walk(blob), tmp)
    tmp.replace(dst)


def finalize(stage: str, out: Path, work: Path, paths: dict[str, Path], threads: int) -> dict:
    src, dst = work / FILES[stage], out / FILES[stage]
    if stage not in HALVED:
        shutil.copyfile(src, dst)
        return {}
    from quoteattr.models import score as scoring
    halve(src, dst)
    # check the halved file loads and scores the same on dev as stanza's float32 file
    check = {}
    for label, directory in (("float32", work), ("float16", out)):
        check[label] = scoring.score_stage(stage, directory, paths["dev"], out / "logs" / "check", threads)
    key = "UPOS" if stage == "pos" else "LAS"
    diff = abs(check["float32"][key] - check["float16"][key])
    log(f"{stage}: dev {key} float32 {check['float32'][key]:.4f}, float16 {check['float16'][key]:.4f}"
        f" ({src.stat().st_size / 1e6:.1f} MB -> {dst.stat().st_size / 1e6:.1f} MB)")
    if diff > 0.002:
        raise RuntimeError(f"{stage}: the float16 copy scores {diff:.4f} away from the float32 model on dev")
    return {"dev_" + key.lower() + "_float32": check["float32"][key],
            "dev_" + key.lower() + "_float16": check["float16"][key]}


def starting_point(stage: str, work: Path, init_from: Path | None) -> tuple[Path | None, str, bool]:
    """The model file a stage's training starts from (None: stanza's checkpoint or random weights), why,
    and whether it trains with the warm settings (a warm run resumed from stanza's checkpoint keeps them)."""
    if stage == "depparse" and (work / "depparse_checkpoint.pt").exists():
        return None, "resuming from its checkpoint", init_from is not None
    if stage == "pos" and (work / FILES[stage]).exists():  # an interrupted run: its best model so far
        resume = work / "pos.resume.pt"  # stanza overwrites work/pos.pt at the run's first dev evaluation
        shutil.copyfile(work / FILES[stage], resume)
        return resume, "resuming from its best model", True
    if init_from is not None and stage in WARM:
        return init_from / FILES[stage], f"starting from {init_from / FILES[stage]}", True
    return None, "", False


def run_stage(stage: str, out: Path, paths: dict[str, Path], scale: float, threads: int,
              eval_interval: int | None = None, init_from: Path | None = None, overrides: dict | None = None) -> dict:
    work, logs = out / "work", out / "logs"
    log_path = logs / f"{stage}.log"
    done = work / f"{stage}.done"  # training finished; only the copy to DIR/<file> is left
    start = time.time()
    how, cmd = "", []
    if done.exists() and (work / FILES[stage]).exists():
        log(f"{stage}: already trained ({work / FILES[stage]}), finalizing")
        settings = json.loads(done.read_text())["settings"]  # those the training ran with
    else:
        init, how, warm = starting_point(stage, work, init_from)
        settings = scaled(stage, scale, eval_interval, warm=warm, overrides=overrides)
        cmd = command(stage, paths, work, settings, init)
        log(f"{stage}: training{f' ({how})' if how else ''}; log {log_path}")
        with open(log_path, "a", encoding="utf-8") as fh:
            fh.write(f"\n### {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(cmd)}\n")
            fh.flush()
            rc = subprocess.call(cmd, stdout=fh, stderr=subprocess.STDOUT, env=thread_env(threads))
        if rc != 0 or not (work / FILES[stage]).exists():
            raise RuntimeError(f"{stage}: training failed (exit {rc}); see {log_path}")
        done.write_text(json.dumps({"seconds": round(time.time() - start, 1), "settings": settings}))
    seconds = time.time() - start
    record = {"stage": stage, "seconds": round(seconds, 1), "settings": settings, "threads": threads,
              "start": how, "command": cmd}
    record.update(finalize(stage, out, work, paths, threads))
    log(f"{stage}: done in {seconds / 60:.1f} min -> {out / FILES[stage]}")
    with open(logs / "timings.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    return record


def write_tag_lexicon(ud: Path, out: Path, limit: int | None = None) -> None:
    """The tags each word has in the training treebanks, beside the tagger (quoteattr/models/tag_lexicon.py)."""
    files = [ud_file(ud, tb, "train") for tb in TREEBANKS]
    prepared = out / "data" / "train.gold.conllu"
    if limit and prepared.is_file():  # the smoke tests' tagger saw only the first sentences
        files = [prepared]
    lexicon = tag_lexicon.build(files)
    tag_lexicon.write(lexicon, out / tag_lexicon.FILE)
    log(f"pos: tag lexicon of {len(lexicon):,} words -> {out / tag_lexicon.FILE}")


def setting_overrides(pairs: list[str]) -> dict[str, dict]:
    """``["pos.num_layers=1", ...]`` as {stage: {setting: value}}, values read as bool, int, float or text."""
    overrides: dict[str, dict] = {}
    for pair in pairs:
        name, equals, text = pair.partition("=")
        stage, dot, key = name.partition(".")
        if not (equals and dot and key) or stage not in STAGES:
            raise SystemExit(f"--set {pair}: write STAGE.SETTING=VALUE with a stage of {', '.join(STAGES)}")
        value: object = {"true": True, "false": False}.get(text.lower(), text)
        for kind in (int, float):
            if isinstance(value, str):
                try:
                    value = kind(text)
                except ValueError:
                    pass
        overrides.setdefault(stage, {})[key] = value
    return overrides


def train(args) -> int:
    overrides = setting_overrides(args.set)  # a mistyped --set fails before any work
    out = Path(args.out).resolve()
    stages = [s.strip() for s in args.only.split(",")] if args.only else list(STAGES)
    unknown = sorted(set(stages) - set(STAGES))
    if unknown:
        raise SystemExit(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    for sub in ("work", "logs", "logs/check"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    (out / "resources.json").write_text("{}")  # stanza wants one in its resources dir, even offline
    if args.copy_from:
        for stage in STAGES:
            for name in (FILES[stage], tag_lexicon.FILE) if stage == "pos" else (FILES[stage],):
                src, dst = Path(args.copy_from) / name, out / name
                if stage not in stages and src.is_file() and not dst.exists():
                    shutil.copyfile(src, dst)
                    log(f"{stage}: copied {src}")
    init_from = Path(args.init_from).resolve() if args.init_from else None
    if init_from is not None:
        missing = [FILES[s] for s in stages if s in WARM and not (init_from / FILES[s]).is_file()]
        if missing:
            raise SystemExit(f"--init-from {init_from}: no {', '.join(missing)} there")
    todo = [s for s in stages if not (out / FILES[s]).exists()]
    for stage in stages:
        if stage not in todo:
            log(f"{stage}: {out / FILES[stage]} exists, skipped")
    if todo:
        paths = prepare_data(Path(args.ud), out / "data", args.limit)
        failures = []
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {s: pool.submit(run_stage, s, out, paths, args.steps_scale, args.threads,
                                      args.eval_interval, init_from, overrides) for s in todo}
            for stage, fut in futures.items():
                try:
                    fut.result()
                except Exception as exc:  # report every stage, then fail
                    failures.append(f"{stage}: {exc}")
                    log(f"{stage}: FAILED: {exc}")
        if failures:
            return 1
    if "pos" in stages and not (out / tag_lexicon.FILE).exists():
        write_tag_lexicon(Path(args.ud), out, args.limit)
    missing = [FILES[s] for s in STAGES if not (out / FILES[s]).exists()]
    total = sum((out / FILES[s]).stat().st_size for s in STAGES if (out / FILES[s]).exists())
    log(f"models in {out}: {total / 1e6:.1f} MB" + (f"; still missing {', '.join(missing)}" if missing else ""))
    if args.then_score and not missing:
        from quoteattr.models import score as scoring
        scoring.main(["--models", str(out), "--ud", str(args.ud), "--threads", str(args.threads)])
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quoteattr.models.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="the model directory to train into (data, logs and work files below it)")
    parser.add_argument("--score", metavar="DIR", help="score the five models in DIR on EWT test and GUM test")
    parser.add_argument("--ud", default=str(DEFAULT_UD), help="folder with en_{ewt,gum}-ud-{train,dev,test}.conllu")
    parser.add_argument("--steps-scale", type=float, default=1.0, help="multiply every stage's steps/epochs")
    parser.add_argument("--only", help=f"comma-separated stages to train, of {','.join(STAGES)}")
    parser.add_argument("--threads", type=int, default=1, help="torch threads per training process")
    parser.add_argument("--jobs", type=int, default=1, help="stages trained at the same time (they are independent)")
    parser.add_argument("--copy-from", metavar="MODELS_DIR",
                        help="copy the model files of the stages not trained from this directory")
    parser.add_argument("--init-from", metavar="MODELS_DIR",
                        help="start the tagger and parser from the models in this directory (to train them "
                             "further) instead of random weights; same data and word cutoff required")
    parser.add_argument("--eval-interval", type=int,
                        help="steps between dev evaluations of the tokenizer, tagger and parser "
                             "(overrides the scaled value)")
    parser.add_argument("--set", action="append", default=[], metavar="STAGE.SETTING=VALUE",
                        help="change one of a stage's settings for this run (repeatable), e.g. pos.num_layers=1")
    parser.add_argument("--limit", type=int,
                        help="use only the first N train/dev sentences of each treebank (smoke tests)")
    parser.add_argument("--then-score", action="store_true", help="score the directory once all five models exist")
    args = parser.parse_args(argv)
    if args.score:
        from quoteattr.models import score as scoring
        return scoring.main(["--models", args.score, "--ud", args.ud, "--threads", str(args.threads)])
    if not args.out:
        parser.error("give --out DIR (or --score DIR)")
    return train(args)


if __name__ == "__main__":
    sys.exit(main())
