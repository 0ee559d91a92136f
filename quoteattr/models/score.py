"""Score a directory of the five stanza models on UD English EWT test and GUM test with stanza's own eval.

    python -m quoteattr.models.score --models DIR [--ud ../shared/ud] [--json OUT.json] [--threads N]
    (also: python -m quoteattr.models.train --score DIR)

Each model runs through its stanza entry point in ``--mode predict`` on the gold test file (the tagger,
lemmatizer and parser see gold tokens; the lemmatizer and parser gold tags), and stanza's UD scorer
(``stanza.models.common.utils.ud_scores``, the CoNLL 2018 evaluation) compares the output with the gold
file. The tagger runs with the directory's tag lexicon when it has one (quoteattr/models/tag_lexicon.py), as
quoteattr runs it, and once more without (``pos_alone``). ``end2end`` runs the whole pipeline from the raw
text. Figures are F1 fractions (0..1); the printed table shows percentages. The JSON goes to
DIR/scores.json unless --json says otherwise.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quoteattr.models import tag_lexicon

FILES = {"tokenize": "tokenizer.pt", "mwt": "mwt.pt", "pos": "pos.pt", "lemma": "lemma.pt",
         "depparse": "depparse.pt"}
MODULES = {"tokenize": "stanza.models.tokenizer", "mwt": "stanza.models.mwt_expander",
           "pos": "stanza.models.tagger", "lemma": "stanza.models.lemmatizer", "depparse": "stanza.models.parser"}
METRICS = {"tokenize": ("Tokens", "Sentences", "Words"), "mwt": ("Words",),
           "pos": ("UPOS", "XPOS", "UFeats", "AllTags"), "lemma": ("Lemmas",),
           "depparse": ("UAS", "LAS", "CLAS"),
           "end2end": ("Tokens", "Sentences", "Words", "UPOS", "Lemmas", "UAS", "LAS")}
SHORTHAND = "en_combined"
TREEBANKS = ("ewt", "gum")
END2END = ("gum",)  # EWT test has a 400-character URL that stanza's tokenizer turns into <UNK>: the scorer
# then refuses the file (its text differs from the gold text), so end-to-end is scored on GUM only


def _env(threads: int) -> dict[str, str]:
    import os
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = str(threads)
    return env


def ud_eval(gold: Path, system: Path, metrics) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores
    evaluation = ud_scores(str(gold), str(system))
    return {m: round(evaluation[m].f1, 4) for m in metrics}


def prepare_inputs(gold: Path, work: Path) -> dict[str, Path]:
    """The raw text, the MWT-contracted input and the MWT list that stanza's predictors read."""
    from stanza.utils.datasets import common, conllu_to_text
    from stanza.utils.datasets.contract_mwt import contract_mwt
    work.mkdir(parents=True, exist_ok=True)
    txt, mwt_in = work / "input.txt", work / "input.mwt-in.conllu"
    conllu_to_text.main([str(gold), str(txt)])
    contract_mwt(str(gold), str(mwt_in))
    common.prepare_tokenizer_dataset_labels(str(txt), str(gold), str(work), SHORTHAND, "input")
    return {"txt": txt, "mwt_in": mwt_in, "mwt_json": work / f"{SHORTHAND}-ud-input-mwt.json"}


def score_stage(stage: str, models: Path, gold: Path, work: Path, threads: int = 1,
                inputs: dict[str, Path] | None = None, lexicon: bool = True) -> dict[str, float]:
    """One model's scores on one gold file, through ``python -m stanza.models.<x> --mode predict``; the
    tagger with the directory's tag lexicon, when it has one and ``lexicon`` is true (through
    ``python -m quoteattr.models.tag_lexicon DIR``, as quoteattr tags)."""
    work.mkdir(parents=True, exist_ok=True)
    models, gold = Path(models).resolve(), Path(gold).resolve()
    out = work / f"{stage}.pred.conllu"
    save = ["--save_dir", str(models), "--save_name", FILES[stage]]
    if stage == "tokenize":
        inputs = inputs or prepare_inputs(gold, work / "inputs")
        args = ["--txt_file", str(inputs["txt"]), "--lang", "en", "--shorthand", SHORTHAND,
                "--mwt_json_file", str(inputs["mwt_json"]), "--conll_file", str(out)]
    elif stage == "mwt":
        inputs = inputs or prepare_inputs(gold, work / "inputs")
        args = ["--eval_file", str(inputs["mwt_in"]), "--gold_file", str(gold), "--output_file", str(out),
                "--lang", "en", "--shorthand", SHORTHAND]
    elif stage == "lemma":
        args = ["--eval_file", str(gold), "--output_file", str(out), "--shorthand", SHORTHAND]
    else:
        args = ["--eval_file", str(gold), "--output_file", str(out), "--lang", "en", "--shorthand", SHORTHAND,
                "--no_pretrain"]
    runner = [MODULES[stage]]
    if stage == "pos" and lexicon and (models / tag_lexicon.FILE).is_file():
        runner = ["quoteattr.models.tag_lexicon", str(models)]
    cmd = [sys.executable, "-m", *runner, "--mode", "predict"] + args + save
    with open(work / f"{stage}.log", "w", encoding="utf-8") as fh:
        rc = subprocess.call(cmd, stdout=fh, stderr=subprocess.STDOUT, env=_env(threads))
    if rc != 0 or not out.exists():
        raise RuntimeError(f"{stage} predict failed (exit {rc}); see {work / (stage + '.log')}")
    return ud_eval(gold, out, METRICS[stage])


def load_pipeline(models: Path, threads: int = 1):
    import stanza
    import torch
    torch.set_num_threads(threads)
    models = Path(models).resolve()
    resources = models if (models / "resources.json").is_file() else Path(__file__).parent
    paths = {f"{proc}_model_path": str(models / name) for proc, name in FILES.items()}
    pipeline = stanza.Pipeline("en", processors=",".join(FILES), dir=str(resources), download_method=None,
                               allow_unknown_language=True, use_gpu=False, logging_level="ERROR", **paths)
    tag_lexicon.attach(pipeline.processors["pos"].trainer.model, tag_lexicon.read(models))
    return pipeline


def score_end2end(models: Path, gold: Path, work: Path, threads: int = 1,
                  inputs: dict[str, Path] | None = None) -> dict[str, float]:
    """The whole pipeline from the raw text; also its load time and words/s on this machine."""
    inputs = inputs or prepare_inputs(gold, work / "inputs")
    start = time.perf_counter()
    nlp = load_pipeline(models, threads)
    load_s = time.perf_counter() - start
    text = inputs["txt"].read_text(encoding="utf-8")
    start = time.perf_counter()
    doc = nlp(text)
    parse_s = time.perf_counter() - start
    out = work / "end2end.pred.conllu"
    out.write_text("{:C}\n\n".format(doc), encoding="utf-8")
    scores = ud_eval(gold, out, METRICS["end2end"])
    scores.update({"load_s": round(load_s, 2), "words_per_s": round(doc.num_words / parse_s, 1)})
    return scores


def score_dir(models: Path, ud: Path, work: Path, threads: int = 1, treebanks=TREEBANKS, end2end=END2END,
              stages=tuple(FILES), echo=print) -> dict:
    """``{treebank: {stage: {metric: f1}}}`` for the model directory, with seconds per stage."""
    results: dict = {}
    for tb in treebanks:
        gold = Path(ud) / f"en_{tb}-ud-test.conllu"
        if not gold.is_file():
            raise FileNotFoundError(f"{gold} not found: --ud must hold en_{tb}-ud-test.conllu")
        inputs = prepare_inputs(gold, work / tb / "inputs")
        results[tb] = {}
        alone = ["pos_alone"] if "pos" in stages and (Path(models) / tag_lexicon.FILE).is_file() else []
        for stage in list(stages) + alone + (["end2end"] if tb in end2end else []):
            start = time.perf_counter()
            try:
                if stage == "end2end":
                    scores = score_end2end(models, gold, work / tb, threads, inputs)
                elif stage == "pos_alone":  # what the tag lexicon adds
                    scores = score_stage("pos", models, gold, work / tb / "alone", threads, inputs, lexicon=False)
                else:
                    scores = score_stage(stage, models, gold, work / tb, threads, inputs)
            except Exception as exc:  # one failing stage should not hide the others
                scores = {"error": f"{type(exc).__name__}: {exc}"}
            scores["seconds"] = round(time.perf_counter() - start, 1)
            results[tb][stage] = scores
            echo(f"{tb} {stage}: " + ", ".join(f"{k} {v}" for k, v in scores.items()))
    return results


def table(results: dict) -> str:
    cols = ("Tokens", "Sentences", "UPOS", "UPOS alone", "Lemmas", "UAS", "LAS", "e2e UPOS", "e2e LAS")
    lines = ["| test | " + " | ".join(cols) + " |", "| --- |" + " --- |" * len(cols)]
    for tb, stages in results.items():
        def get(stage, metric):
            value = stages.get(stage, {}).get(metric)
            return "—" if value is None else f"{100 * value:.2f}"
        row = [get("tokenize", "Tokens"), get("tokenize", "Sentences"), get("pos", "UPOS"),
               get("pos_alone", "UPOS"), get("lemma", "Lemmas"), get("depparse", "UAS"), get("depparse", "LAS"),
               get("end2end", "UPOS"), get("end2end", "LAS")]
        lines.append(f"| {tb.upper()} | " + " | ".join(row) + " |")
    return "\n".join(lines)


def figures(results: dict) -> dict[str, float]:
    """Flat names for the benchmark suite: gum.upos, gum.las, gum.sentences, ewt.upos, ..."""
    names = {("tokenize", "Tokens"): "tokens", ("tokenize", "Sentences"): "sentences", ("pos", "UPOS"): "upos",
             ("lemma", "Lemmas"): "lemmas", ("depparse", "UAS"): "uas", ("depparse", "LAS"): "las",
             ("end2end", "UPOS"): "e2e_upos", ("end2end", "LAS"): "e2e_las", ("pos_alone", "UPOS"): "upos_alone"}
    out = {}
    for tb, stages in results.items():
        for (stage, metric), name in names.items():
            value = stages.get(stage, {}).get(metric)
            if value is not None:
                out[f"{tb}.{name}"] = value
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quoteattr.models.score", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", required=True, help="directory with the five model files")
    parser.add_argument("--ud", default=str(Path("..") / "shared" / "ud"))
    parser.add_argument("--json", help="where to write the scores (default MODELS/scores.json)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--work", help="scratch folder for predictions (default: a temporary one)")
    args = parser.parse_args(argv)
    models = Path(args.models)
    missing = [f for f in FILES.values() if not (models / f).is_file()]
    if missing:
        raise SystemExit(f"{models} lacks {', '.join(missing)}")
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="quoteattr-score-") as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        results = score_dir(models, Path(args.ud), work, args.threads)
    size = sum((models / f).stat().st_size for f in [*FILES.values(), tag_lexicon.FILE] if (models / f).is_file())
    report = {"models": str(models.resolve()), "ud": str(Path(args.ud).resolve()), "threads": args.threads,
              "size_mb": round(size / 1e6, 1), "seconds": round(time.time() - start), "results": results,
              "figures": figures(results)}
    print()
    print(table(results))
    print(f"\n{models}: {size / 1e6:.1f} MB in all; scored in {report['seconds']} s on {args.threads} thread(s)")
    out = Path(args.json) if args.json else models / "scores.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
