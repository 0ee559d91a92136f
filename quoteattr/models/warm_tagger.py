"""stanza's tagger training, started from the weights of a trained tagger instead of random ones.

    python -m quoteattr.models.warm_tagger --init FILE <stanza.models.tagger arguments>

stanza 1.15's tagger has no checkpoint to resume from, so without this every interrupted or extended run
starts again from step 0. The training itself is stanza's own ``stanza.models.tagger.main``; only the
model it builds before its first step is replaced by the one in FILE (its weights and vocabulary, with the
settings of this run, such as the learning rate, on top). The vocabulary stanza builds from the training
data must equal FILE's: a tagger from other data or another ``--word_cutoff`` is refused, since its word
indices would mean other words.
"""
from __future__ import annotations

import argparse
import sys


def warm_trainer_class(init: str):
    from stanza.models.pos.trainer import Trainer

    class WarmTrainer(Trainer):
        def __init__(self, args=None, vocab=None, pretrain=None, model_file=None, device=None,
                     foundation_cache=None):
            if model_file is not None:  # stanza reloading its own best model: unchanged
                super().__init__(args=args, vocab=vocab, pretrain=pretrain, model_file=model_file,
                                 device=device, foundation_cache=foundation_cache)
                return
            super().__init__(args=args, pretrain=pretrain, model_file=init, device=device,
                             foundation_cache=foundation_cache)
            if self.vocab.state_dict() != vocab.state_dict():
                raise SystemExit(f"{init} was trained with another vocabulary (other data or --word_cutoff): "
                                 f"it cannot start this run; train from scratch or use the same settings")

    return WarmTrainer


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--init", required=True, help="the stanza tagger file to start from")
    ours, rest = parser.parse_known_args(argv)
    from stanza.models import tagger

    tagger.Trainer = warm_trainer_class(ours.init)
    tagger.main(rest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
