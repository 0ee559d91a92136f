"""Speed-ups of stanza's inference code, installed once per process when a pipeline is built.

Each replaces a step of stanza's prediction by one that returns the same result faster (the character
model's and the tagger's feature scores: up to float rounding); tests/test_properties.py and
tests/test_wordtable.py compare each with stanza's own code.
"""
from __future__ import annotations

import contextlib
import functools

import numpy as np


def install() -> None:
    _fast_tree_decoding()
    _cached_feature_strings()
    _cached_ids()
    _word_vocabulary_lookups()
    _fast_padding()
    _unique_word_characters()
    _tokenizer_text_at_once()
    _tokenizer_features_by_character()
    _tokenizer_lstm_over_padding()
    _tokens_decoded_by_token()
    _bilinear_by_tag()
    _pairwise_bilinear_by_matmul()
    _parser_hidden_layers_at_once()
    _labels_for_chosen_heads()


def _cached_feature_strings() -> None:
    """The tagger writes each word's features (and composite tags) from a tuple of ids, one string
    format per feature, for every padded position of every sentence: the same few hundred tuples again
    and again. Remember each tuple's string, per vocabulary."""
    from stanza.models.common.vocab import CompositeVocab

    if getattr(CompositeVocab.id2unit, "quoteattr_cached", False):
        return
    build = CompositeVocab.id2unit

    @functools.wraps(build)
    def id2unit(self, id):
        if self.sep is None:  # a list, which callers may change: not shared
            return build(self, id)
        key = tuple(id) if isinstance(id, list) else id
        cache = self.__dict__.setdefault("_quoteattr_strings", {})
        unit = cache.get(key)
        if unit is None:
            unit = cache[key] = build(self, id)
        return unit

    id2unit.quoteattr_cached = True
    CompositeVocab.id2unit = id2unit


def _cached_ids() -> None:
    """The tagger's and parser's data loaders look up, for every word, its characters one at a time and its
    features string (and composite tag) part by part. Remember each word's character ids and each
    string's ids, per vocabulary."""
    from stanza.models.common.vocab import CharVocab, CompositeVocab

    _remember_lists(CompositeVocab, "unit2id", key=lambda unit: unit)
    _remember_lists(CharVocab, "map", key=tuple)


def _word_vocabulary_lookups() -> None:
    """The data loaders map every word (and lemma) to its id, and the tagger and parser map every predicted
    id back to its tag or relation, through three nested method calls per unit. For stanza's base and word
    vocabularies (not subclasses that change a lookup) do the same lookups in one pass; others keep
    stanza's way."""
    from stanza.models.common.vocab import EMPTY, EMPTY_ID, UNK, BaseVocab
    from stanza.models.pos.vocab import WordVocab

    exact_map, exact_unmap = BaseVocab.map, BaseVocab.unmap
    if getattr(exact_map, "quoteattr_fast_path", False):
        return

    def map(self, units):
        kind = type(self)
        if kind.normalize_unit is not BaseVocab.normalize_unit or kind.unit2id not in (
                BaseVocab.unit2id, WordVocab.unit2id):
            return exact_map(self, units)
        ids, lower = self._unit2id, self.lower
        unknown = ids[UNK]
        found = [ids.get(unit.lower() if lower and unit is not None else unit, unknown) for unit in units]
        if kind.unit2id is WordVocab.unit2id and self.ignore:  # ignored units (before lowering) are EMPTY
            found = [ids[EMPTY] if unit in self.ignore else id for unit, id in zip(units, found)]
        return found

    def unmap(self, ids):
        kind = type(self).id2unit
        if kind not in (BaseVocab.id2unit, WordVocab.id2unit):
            return exact_unmap(self, ids)
        units = self._id2unit
        if kind is WordVocab.id2unit and self.ignore:
            return ["_" if id == EMPTY_ID else units[id] for id in ids]
        return [units[id] for id in ids]

    for name, function, exact in (("map", map, exact_map), ("unmap", unmap, exact_unmap)):
        function.quoteattr_fast_path = True
        function.__wrapped__ = exact
        setattr(BaseVocab, name, function)


# Lists remembered per vocabulary, at most: the characters of every distinct word of an endless stream would
# otherwise pile up (about 200 bytes each). The words of a few hundred articles fit.
REMEMBERED_LISTS = 100_000


def _remember_lists(cls, name: str, key) -> None:
    """Wrap the vocabulary method ``name`` with a cache, per vocabulary, of the list it returns for an
    argument (by ``key(argument)``), handing out copies, which callers may change."""
    look_up = getattr(cls, name)
    if getattr(look_up, "quoteattr_cached", False):
        return

    @functools.wraps(look_up)
    def remembered(self, argument):
        cache = self.__dict__.setdefault(f"_quoteattr_{name}", {})
        k = key(argument)
        found = cache.get(k)
        if found is None:
            if len(cache) >= REMEMBERED_LISTS:
                cache.clear()
            found = cache[k] = look_up(self, argument)
        return list(found)

    remembered.quoteattr_cached = True
    setattr(cls, name, remembered)


def _fast_padding() -> None:
    """stanza pads each batch of id lists into a tensor by copying one list at a time into torch. For the
    usual two levels (a list of lists of ids) one numpy array filled row by row is the same tensor,
    faster; deeper nesting is left to stanza."""
    import torch
    from stanza.models.common import data
    from stanza.models.depparse import data as depparse_data
    from stanza.models.pos import data as pos_data

    exact = data.get_long_tensor
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def get_long_tensor(tokens_list, batch_size, pad_id=data.constant.PAD_ID):
        if not tokens_list or not isinstance(tokens_list[0], list) or any(
                row and isinstance(row[0], list) for row in tokens_list):
            return exact(tokens_list, batch_size, pad_id)
        width = max(len(row) for row in tokens_list)
        padded = np.full((batch_size, width), pad_id, dtype=np.int64)
        for i, row in enumerate(tokens_list):
            padded[i, :len(row)] = row
        return torch.from_numpy(padded)

    get_long_tensor.quoteattr_fast_path = True
    get_long_tensor.__wrapped__ = exact
    for module in (data, pos_data, depparse_data):
        module.get_long_tensor = get_long_tensor


# Character-model vectors remembered per model (400 bytes each), at most: the words of an article are
# mostly the words of the articles before it.
CHARACTER_VECTORS_REMEMBERED = 10_000


def _unique_word_characters() -> None:
    """The tagger's and parser's character model runs an LSTM over the characters of every word of a
    batch, though a word's vector depends on its characters alone: "the", "said" and "," come back
    dozens of times. At prediction time run it once per distinct word, remember its vector for the batches
    after, and hand each occurrence its word's vector (training keeps stanza's code: dropout differs by
    occurrence). The vectors equal stanza's up to float rounding (about 1e-7: the LSTM's sums over a batch
    of other rows may add in another order, as they do whenever stanza's batches are made up differently);
    the tests compare both."""
    import torch
    from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pack_sequence, pad_packed_sequence
    from stanza.models.common.char_model import CharacterModel
    from stanza.models.common.utils import tensor_unsort
    from stanza.models.common.vocab import PAD_ID

    exact = CharacterModel.forward
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def word_vectors(self, chars, wordlens):
        """stanza's forward up to one vector per row of ``chars`` (rows by decreasing length)."""
        embs = self.dropout(self.char_emb(chars))
        batch_size = embs.size(0)
        embs = pack_padded_sequence(embs, wordlens, batch_first=True)
        shape = (self.num_dir * self.args["char_num_layers"], batch_size, self.args["char_hidden_dim"])
        output = self.charlstm(embs, wordlens, hx=(self.charlstm_h_init.expand(*shape).contiguous(),
                                                   self.charlstm_c_init.expand(*shape).contiguous()))
        if self.attn:
            char_reps = output[0]
            weights = torch.sigmoid(self.char_attn(self.dropout(char_reps.data)))
            char_reps = PackedSequence(char_reps.data * weights, char_reps.batch_sizes)
            char_reps, _ = pad_packed_sequence(char_reps, batch_first=True)
            return char_reps.sum(1)
        h, _ = output[1]
        return h[-2:].transpose(0, 1).contiguous().view(batch_size, -1)

    def distinct_word_vectors(self, unique):
        """The vectors of the distinct rows of characters, those met before remembered."""
        lengths = (unique != PAD_ID).sum(1)
        keys = [row[:length].tobytes() for row, length in zip(unique.numpy(), lengths.tolist())]
        version = sum(parameter._version for parameter in self.parameters())  # changed weights: forget
        remembered = self.__dict__.get("_quoteattr_vectors")
        if remembered is None or remembered[0] != version or len(remembered[1]) > CHARACTER_VECTORS_REMEMBERED:
            remembered = self.__dict__["_quoteattr_vectors"] = (version, {})
        known = remembered[1]
        new = torch.tensor([i for i, key in enumerate(keys) if key not in known], dtype=torch.long)
        if len(new):
            order = new[torch.argsort(lengths[new], descending=True, stable=True)]
            vectors = word_vectors(self, unique[order], lengths[order].tolist())
            known.update(zip((keys[i] for i in order.tolist()), vectors))
        return torch.stack([known[key] for key in keys])

    def forward(self, chars, chars_mask, word_orig_idx, sentlens, wordlens):
        if self.training:
            return exact(self, chars, chars_mask, word_orig_idx, sentlens, wordlens)
        # numpy's unique rows: the same rows in the same order as torch.unique(dim=0), in half the time
        unique, occurrence = np.unique(chars.numpy(), axis=0, return_inverse=True)
        unique, occurrence = torch.from_numpy(unique), torch.from_numpy(occurrence.reshape(-1))
        res = distinct_word_vectors(self, unique)[occurrence]
        # as stanza's forward from here: back to the words' order, then one sequence per sentence
        res = tensor_unsort(res, word_orig_idx)
        res = pack_sequence(res.split(sentlens))
        if self.pad:
            res = pad_packed_sequence(res, batch_first=True)[0]
        return res

    forward.quoteattr_fast_path = True
    forward.__wrapped__ = exact
    CharacterModel.forward = forward


def _tokenizer_text_at_once() -> None:
    """The tokeniser's data set cuts the text into paragraphs and turns each into (character, label) pairs,
    replacing white space with a space and dropping a space after a space, one character at a time, with
    a regular expression and a pair each. At prediction time (a text, no labels: every label 0) replace and
    collapse each paragraph whole, then make the pairs: the same data."""
    import regex
    from stanza.models.tokenization import data as tokenizer_data

    dataset = tokenizer_data.TokenizationDataset
    exact = dataset.__init__
    if getattr(exact, "quoteattr_fast_path", False):
        return
    spaces = regex.compile(" {2,}")

    def __init__(self, tokenizer_args, input_files=None, input_text=None, *args, **kwargs):
        input_files = input_files or {"txt": None, "label": None}  # stanza's default
        if input_text is None or input_files.get("label") is not None:
            return exact(self, tokenizer_args, input_files, input_text, *args, **kwargs)
        exact(self, tokenizer_args, input_files, "", *args, **kwargs)  # stanza's set-up of the rest, from no text
        skip_newline = tokenizer_args.get("skip_newline", False)
        paragraphs = (paragraph.rstrip() for paragraph in tokenizer_data.NEWLINE_WHITESPACE_RE.split(input_text))
        self.data = [[(char, 0) for char in spaces.sub(" ", tokenizer_data.WHITESPACE_RE.sub(
            " ", paragraph.replace("\n", "") if skip_newline else paragraph))] for paragraph in paragraphs if paragraph]

    __init__.quoteattr_fast_path = True
    __init__.__wrapped__ = exact
    dataset.__init__ = __init__


def _tokenizer_features_by_character() -> None:
    """At prediction time the tokenizer's data set turns each paragraph into arrays of character ids and
    features, calling every feature function and a vocabulary lookup for every character. The features
    that do not depend on a character's position are functions of the character: remember them, and each
    character's id, per character; the positional and window features are set as stanza sets them."""
    from stanza.models.tokenization import data as tokenizer_data

    dataset = tokenizer_data.TokenizationDataset
    exact = dataset.para_to_sentences
    if getattr(exact, "quoteattr_fast_path", False):
        return
    per_char = tokenizer_data.PER_CHAR_FEAT_FUNCS
    windows = tokenizer_data.STRUCTURAL_FEATURES
    remembered: dict[tuple, dict[str, list[int]]] = {}

    def para_to_sentences(self, para):
        names = self.args["feat_funcs"]
        if not self.eval or self.args["use_dictionary"] or not para or not names or any(
                name not in tokenizer_data.KNOWN_FEAT_FUNCS for name in names):
            return exact(self, para)  # training, dictionaries and unknown features: stanza's own way
        units = [unit for unit, _ in para]
        functions = [name for name in names if name in per_char]
        features = remembered.setdefault(tuple(functions), {})
        ids = self.vocab.__dict__.setdefault("_quoteattr_ids", {})
        for unit in set(units) - features.keys():
            features[unit] = [per_char[name](unit) for name in functions]
        for unit in set(units) - ids.keys():
            ids[unit] = self.vocab.unit2id(unit)
        columns = [np.array([features[unit] for unit in units], dtype=np.int64).reshape(len(units), -1)]
        extra = []
        if "end_of_para" in names:
            extra.append(np.zeros(len(units), dtype=np.int64))
            extra[-1][-1] = 1
        if "start_of_para" in names:
            extra.append(np.zeros(len(units), dtype=np.int64))
            extra[-1][0] = 1
        text = "".join(units)
        for name in (name for name in windows if name in names):
            mask = np.zeros(len(units), dtype=np.int64)
            for match in windows[name].finditer(text):
                mask[match.start():match.end()] = 1
            extra.append(mask)
        columns += [column[:, None] for column in extra]
        return [(np.array([ids[unit] for unit in units]), np.array([label for _, label in para]),
                 np.hstack(columns), units)]

    para_to_sentences.quoteattr_fast_path = True
    para_to_sentences.__wrapped__ = exact
    dataset.para_to_sentences = para_to_sentences


def _tokens_decoded_by_token() -> None:
    """stanza turns the tokeniser's per-character predictions into tokens and sentences one character at a
    time, with a vocabulary lookup per character (to count unknown ones). The same tokens, offsets and
    sentences, cut at once where the predictions end a token, with the count taken per distinct character;
    the rare options (no original text, newlines skipped, Latin ITTB) keep stanza's way."""
    from collections import Counter

    from stanza.models.tokenization import utils

    exact = utils.decode_predictions
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def decode_predictions(vocab, mwt_dict, orig_text, all_raw, all_preds, no_ssplit, skip_newline,
                           use_la_ittb_shorthand):
        if vocab is None or orig_text is None or skip_newline or use_la_ittb_shorthand:
            return exact(vocab, mwt_dict, orig_text, all_raw, all_preds, no_ssplit, skip_newline,
                         use_la_ittb_shorthand)
        text = utils.WHITESPACE_RE.sub(" ", orig_text)
        unknown = vocab.unit2id("<UNK>")
        offset = oov_count = char_offset = 0
        doc = []
        for raw, pred in zip(all_raw, all_preds):
            length = min(len(raw), len(pred))
            if "<PAD>" in raw[:length]:
                length = raw.index("<PAD>")
            offset += length
            counts = Counter(raw[:length])
            oov_count += sum(count for unit, count in counts.items() if vocab.unit2id(unit) == unknown)
            sentence, start = [], 0
            for end in np.flatnonzero(np.asarray(pred[:length]) >= 1).tolist():
                token, label, start = "".join(raw[start:end + 1]), pred[end], end + 1
                normal = vocab.normalize_token(token)
                assert "\t" not in normal, normal
                if not normal:
                    continue
                first = -1
                for part in utils.SPACE_SPLIT_RE.split(token):
                    if not part:
                        continue
                    try:
                        skipped = text.index(part, char_offset) - char_offset
                    except ValueError as e:
                        around = text[max(0, char_offset - 20):char_offset + 20]
                        raise ValueError("Could not find |%s| starting from char_offset %d.  Surrounding text: |%s|"
                                         % (part, char_offset, around)) from e
                    if first < 0:
                        first = char_offset + skipped + (len(part) - len(part.lstrip()))
                    char_offset += skipped + len(part)
                sentence.append((normal, label, (first, char_offset)))
                if (label == 2 or label == 4) and not no_ssplit:
                    doc.append(utils.process_sentence(sentence, mwt_dict))
                    sentence = []
            if start < length:
                raise ValueError("Finished processing tokens, but there is still text left!")
            if sentence:
                doc.append(utils.process_sentence(sentence, mwt_dict))
        return oov_count, offset, doc

    decode_predictions.quoteattr_fast_path = True
    decode_predictions.__wrapped__ = exact
    utils.decode_predictions = decode_predictions


@contextlib.contextmanager
def _forwards_replaced(forwards: dict):
    """Each module's forward replaced by the given function for the duration of one call (an attribute of
    the instance, over its class's method)."""
    for module, forward in forwards.items():
        module.forward = forward
    try:
        yield
    finally:
        for module in forwards:
            del module.forward


def _tokenizer_lstm_over_padding() -> None:
    """The tokeniser runs a small bidirectional LSTM (64 units) over every character of a batch of
    paragraphs, packed by length, so that each step of the recurrence is a few tiny products: its time is
    the steps' overhead. Over the padded batch torch computes every step's input products at once, twice as
    fast, but a backward pass over padding would start on the padding. So run each direction forwards,
    the backward one over each paragraph's characters reversed in place (its padding stays at the end, where
    it is never read); batches of more than PADDED_LSTM_POSITIONS keep stanza's way. Equal to stanza's up
    to float rounding; the tests compare both."""
    import torch
    from stanza.models.tokenization.model import Tokenizer

    exact = Tokenizer.forward
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def forward(self, *args, **kwargs):
        if self.training:
            return exact(self, *args, **kwargs)
        rnns = [rnn for rnn in (self.rnn, getattr(self, "rnn2", None)) if isinstance(rnn, torch.nn.LSTM)
                and rnn.bidirectional and rnn.batch_first and not rnn.proj_size]
        # stanza reads the outputs, never the last states
        with _forwards_replaced({rnn: functools.partial(_bidirectional_over_padding, rnn) for rnn in rnns}):
            return exact(self, *args, **kwargs)

    forward.quoteattr_fast_path = True
    forward.__wrapped__ = exact
    Tokenizer.forward = forward


# The padded batch's outputs take positions x 64 floats several times over: batches of long paragraphs,
# where padding costs the most, keep stanza's packed LSTM. With 10,000 the 20 articles of the speed suite
# peaked at 371 MB (395 MB without a limit, 369 MB with stanza's LSTM) and tokenised as fast as without one.
PADDED_LSTM_POSITIONS = 10_000
# torch runs the padded LSTM through oneDNN, which compiles and keeps a kernel for every shape it meets (up to
# 1,024, about 0.4 MB each): on a stream of new articles nearly every batch had a shape of its own, and memory
# grew by 116 MB over 800 PolNeAR articles. The batches are padded to a multiple of these rows and characters,
# which keeps the shapes a few dozen; the padding is never read (it follows every row's characters).
PADDED_LSTM_ROWS, PADDED_LSTM_STEPS = 8, 32


def _bidirectional_over_padding(lstm, packed, hx=None):
    """``lstm``'s outputs for a packed batch (no last states), each direction run forwards over padding."""
    import torch
    import torch.nn.functional as F
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    rows, characters = int(packed.batch_sizes[0]), len(packed.batch_sizes)
    batch, width = _rounded_up(rows, PADDED_LSTM_ROWS), _rounded_up(characters, PADDED_LSTM_STEPS)
    if hx is not None or packed.sorted_indices is not None or batch * width > PADDED_LSTM_POSITIONS:
        return torch.nn.LSTM.forward(lstm, packed, hx)  # given states, rows not sorted by length, or too big
    out, lengths = pad_packed_sequence(packed, batch_first=True)
    out = F.pad(out, (0, 0, 0, width - characters, 0, batch - rows))
    steps = torch.arange(width).expand(batch, width)
    ends = F.pad(lengths, (0, batch - rows)).unsqueeze(1) - 1  # a padding row's: -1
    reverse = torch.where(steps <= ends, ends - steps, steps).unsqueeze(2)  # each row's characters reversed
    zeros = out.new_zeros(1, batch, lstm.hidden_size)
    for layer in range(lstm.num_layers):
        directions = []
        for suffix, read in (("", out), ("_reverse", out.gather(1, reverse.expand(-1, -1, out.size(2))))):
            names = [f"{name}_l{layer}{suffix}" for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
            weights = [getattr(lstm, name) for name in names if hasattr(lstm, name)]
            directions.append(torch.lstm(read, (zeros, zeros), weights, lstm.bias, 1, 0.0, False, False, True)[0])
        backward = directions[1].gather(1, reverse.expand(-1, -1, lstm.hidden_size))
        out = torch.cat([directions[0], backward], 2)
    return pack_padded_sequence(out[:rows], lengths, batch_first=True), None


def _rounded_up(number: int, step: int) -> int:
    return -(-number // step) * step


def _bilinear_by_tag() -> None:
    """The tagger scores XPOS and each feature by a bilinear form of a word's hidden layer (size I) and the
    embedding of its predicted UPOS (size J), for O tags: N*I*J*O multiply-adds for N words, a tenth of the
    tagger's time. At prediction time the embeddings have only as many distinct rows U as there are UPOS
    tags, so fold each distinct row into the weights first (U*O*I*J) and score each word with its tag's
    matrix (N*I*O). The 21 feature scorers read the same inputs one after the other: the first one called
    scores them all, as one scorer with their weights side by side, and the others take their share.
    Equal to torch's bilinear up to float rounding; the tests compare both."""
    import torch
    from stanza.models.common.biaffine import BiaffineScorer
    from stanza.models.pos.model import Tagger

    exact = BiaffineScorer.forward
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def forward(self, input1, input2):
        if self.training or input1.dim() != 2:
            return exact(self, input1, input2)
        groups = _row_groups(input2)
        if groups is None:
            return exact(self, input1, input2)
        scorers, index = self.__dict__.get("_quoteattr_siblings", ((self,), 0))
        kept = getattr(input1, "_quoteattr_scores", None)  # (scorers, input2, their scores)
        if kept is None or kept[0] is not scorers or kept[1] is not input2:
            kept = input1._quoteattr_scores = (scorers, input2, _folded_scores(scorers, input1, groups))
        return kept[2][index]

    exact_init = Tagger.__init__

    def __init__(self, *args, **kwargs):
        exact_init(self, *args, **kwargs)
        for scorers in self.tag_clf.values():  # a scorer, or a list of them (one per feature)
            if isinstance(scorers, torch.nn.ModuleList) and all(isinstance(s, BiaffineScorer) for s in scorers):
                together = tuple(scorers)
                for index, scorer in enumerate(together):
                    scorer.__dict__["_quoteattr_siblings"] = (together, index)

    forward.quoteattr_fast_path = True
    forward.__wrapped__ = exact
    BiaffineScorer.forward = forward
    __init__.__wrapped__ = exact_init
    Tagger.__init__ = __init__


def _folded_scores(scorers, input1, groups) -> tuple:
    """Each scorer's scores of the rows of input1 (with input2's rows in ``groups``, see _row_groups), as one
    bilinear form with the scorers' weights side by side."""
    import torch

    rows, order, sizes = groups
    rows = torch.cat([rows, rows.new_ones(len(rows), 1)], 1)
    weight = torch.cat([scorer.W_bilin.weight for scorer in scorers])
    folded = torch.einsum("oij,uj->uoi", weight, rows)  # one O x (I+1) matrix per row
    # input1's appended 1 meets the last column: a bias per distinct row
    biases = folded[:, :, -1] + torch.cat([scorer.W_bilin.bias for scorer in scorers])
    scores = torch.cat([words @ matrix[:, :-1].T + bias
                        for words, matrix, bias in zip(input1[order].split(sizes), folded, biases)])
    scores = scores.index_copy(0, order, scores)
    return scores.split([scorer.W_bilin.out_features for scorer in scorers], dim=1)


def _pairwise_bilinear_by_matmul() -> None:
    """The parser scores every pair of words (N sentences x L words, I and J features, O labels) with two
    einsums, the second of which copies the N x L x J x O intermediate into the layout its batched product
    needs. Laid out as (I, O, J) once, the weights give that layout directly: one matrix product, one
    batched product, and the scores as a view; half the time of stanza's for the labels (45 of them),
    bit-identical on this machine (the tests compare both)."""
    import torch
    from stanza.models.common.biaffine import PairwiseBilinear

    exact = PairwiseBilinear.forward
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def forward(self, input1, input2):
        if self.training or torch.is_grad_enabled():
            return exact(self, input1, input2)
        batch, length1, _ = input1.shape
        intermediate = input1.reshape(batch * length1, -1) @ _laid_out(self)
        intermediate = intermediate.view(batch, length1 * self.output_size, -1)
        scores = torch.bmm(intermediate, input2.transpose(1, 2))  # N x (L x O) x M
        scores = scores.view(batch, length1, self.output_size, -1).permute(0, 1, 3, 2)
        return scores + self.bias

    forward.quoteattr_fast_path = True
    forward.__wrapped__ = exact
    PairwiseBilinear.forward = forward


def _laid_out(bilinear, axes=(0, 2, 1)):
    """A PairwiseBilinear's weights (I, J, O) with their axes in the given order, the first one the rows of a
    matrix ((I, O x J) by default), made once per version of the weights."""
    weight = bilinear.weight
    key = (weight.data_ptr(), weight._version)
    cache = bilinear.__dict__.setdefault("_quoteattr_weights", {})
    laid_out = cache.get(axes)
    if laid_out is None or laid_out[0] != key:
        laid_out = cache[axes] = (key, weight.permute(*axes).reshape(weight.size(axes[0]), -1).contiguous())
    return laid_out[1]


def _parser_hidden_layers_at_once() -> None:
    """The parser's biaffine scorers (arcs, relations, and the arcs' linear order and distance) each start
    with two hidden layers over the same padded LSTM outputs: eight products, each over every padded
    position (twice the words, on the seed article). At prediction time one product with the layers'
    weights side by side, over the words alone; a padded position's LSTM output is zeros, so its hidden
    vectors are the layers' biases through their function, set as such. Equal to stanza's up to float
    rounding; the tests compare both."""
    import torch
    from stanza.models.common.biaffine import DeepBiaffineScorer
    from stanza.models.depparse.model import GraphParser

    exact = GraphParser.forward_scores
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def forward_scores(self, *inputs):
        scorers = [getattr(self, name, None) for name in ("unlabeled", "deprel", "linearization", "distance")]
        scorers = [scorer for scorer in scorers if type(scorer) is DeepBiaffineScorer]
        if self.training or torch.is_grad_enabled() or self.args.get("use_arc_embedding") or len(inputs) != 15:
            return exact(self, *inputs)
        shared = _SharedHiddenLayers(scorers, ~inputs[1])  # inputs[1]: the word mask, true on padding
        with _forwards_replaced({scorer: functools.partial(shared.score, scorer) for scorer in scorers}):
            return exact(self, *inputs)

    forward_scores.quoteattr_fast_path = True
    forward_scores.__wrapped__ = exact
    GraphParser.forward_scores = forward_scores


class _SharedHiddenLayers:
    """The hidden layers of a parser's biaffine scorers over one padded input, computed together on its
    first use (see _parser_hidden_layers_at_once)."""

    def __init__(self, scorers, words):
        self.scorers, self.words = scorers, words
        self.input = self.hidden = None

    def score(self, scorer, input1, input2):
        first_use = self.input is None and input1.shape[:2] == self.words.shape
        if input1 is not input2 or not (first_use or input1 is self.input):
            return type(scorer).forward(scorer, input1, input2)  # not the padded LSTM outputs: stanza's way
        if self.hidden is None:
            self.input, self.hidden = input1, self._hidden_layers(input1)
        first, second = self.hidden[scorer]
        return scorer.scorer(scorer.dropout(first), scorer.dropout(second))

    def _hidden_layers(self, padded) -> dict:
        import torch
        import torch.nn.functional as F

        layers = [(scorer, layer) for scorer in self.scorers for layer in (scorer.W1, scorer.W2)]
        weight = torch.cat([layer.weight for _, layer in layers])
        bias = torch.cat([layer.bias for _, layer in layers])
        found = F.linear(padded[self.words], weight, bias)
        hidden, start = {}, 0
        for scorer, layer in layers:
            end = start + layer.out_features
            out = scorer.hidden_func(layer.bias).expand(*padded.shape[:2], -1).clone()  # a zero vector's layer
            out[self.words] = scorer.hidden_func(found[:, start:end])
            hidden.setdefault(scorer, []).append(out)
            start = end
        return hidden


def _labels_for_chosen_heads() -> None:
    """The parser scores every relation (51) for every pair of words of a sentence, takes their log-softmax
    and the best relation of every pair, and then reads one pair per word: the word and its head in the
    decoded tree. At prediction time decode the tree first and score the relations of those pairs only
    (a sixth of the parser's time on the seed article, and the memory that grew with sentence length).
    stanza's repair of trees whose labels give a head two subjects or two objects needs every pair's
    log-probabilities: those sentences get them, and the repair, as stanza computes them. Equal to stanza's
    relations up to float rounding (the tests compare)."""
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse import head_constraints
    from stanza.models.depparse import model as depparse_model

    parser = depparse_model.GraphParser
    exact = parser.predict
    if getattr(exact, "quoteattr_fast_path", False):
        return

    class KeptInputs(torch.nn.Module):
        """Stands in for the relation scorer while the arc scores are computed: keeps its inputs and scores
        nothing (stanza's forward only passes the relation scores on)."""

        def forward(self, input1, input2):
            self.input1, self.input2 = input1, input2

    def predict(self, *inputs, resolve_head_constraints=False):
        # stanza's trainer passes the batch's 15 tensors and lists by position (sentlens is the 13th)
        if self.training or torch.is_grad_enabled() or self.args.get("use_arc_embedding") or len(inputs) != 15:
            return exact(self, *inputs, resolve_head_constraints=resolve_head_constraints)
        scorer = self.deprel.scorer
        kept = KeptInputs()
        self.deprel.scorer = kept
        try:
            unlabeled = self.forward_scores(*inputs)[0]
        finally:
            self.deprel.scorer = scorer
        arcs = F.log_softmax(unlabeled, 2).cpu().numpy()
        sentlens = inputs[12]
        trees = [depparse_model.chuliu_edmonds_one_root(arcs[i][:length, :length]) for i, length in enumerate(sentlens)]
        labels = _best_labels(scorer.W_bilin, kept.input1, kept.input2, trees)
        vocab = self.vocab["deprel"]
        predicted = []
        for i, (tree, raw) in enumerate(zip(trees, labels)):
            deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
            if resolve_head_constraints and head_constraints.find_head_constraint_violations(tree, deprels):
                length = sentlens[i]
                label_log_probs = F.log_softmax(scorer(kept.input1[i:i + 1, :length], kept.input2[i:i + 1, :length]), 3)
                tree, raw = head_constraints.resolve_head_constraint_violations(
                    arcs[i][:length, :length], label_log_probs[0].cpu().numpy(), tree, vocab)
                deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw])
            predicted.append([[head, deprel] for head, deprel in zip(tree[1:], deprels)])
        return predicted

    predict.quoteattr_fast_path = True
    predict.__wrapped__ = exact
    parser.predict = predict


# Each head's relation scores take an I x O matrix (129 x 51 floats): the heads are folded this many at a
# time, so that those matrices stay a few megabytes (a 1,000-word parser batch's at once took 27 MB, the peak
# of the speed suite's batch).
LABELLED_HEADS_AT_ONCE = 128


def _best_labels(bilinear, input1, input2, trees) -> list[list[int]]:
    """For each sentence (row of the inputs, the root first) the best relation of each word with its head
    in the tree: the biaffine scores (inputs extended by a 1, as the scorer does) of those pairs only. A head
    has two or three dependents on average: fold each head's vector into the weights once (an I x O matrix),
    then score its dependents with it, side by side, padded to the most any head of the part has (one batched
    product, without a copy of the head's matrix for each dependent)."""
    import torch

    if not trees:
        return []
    lengths = [len(tree) - 1 for tree in trees]
    sentence = np.repeat(np.arange(len(trees)), lengths)
    word = np.concatenate([np.arange(1, len(tree)) for tree in trees])
    head = np.concatenate([np.asarray(tree[1:], dtype=np.int64) for tree in trees])
    width = input2.size(1)  # more than any head's position
    # each (sentence, head) pair as one number; the words ordered by it, so that a head's dependents are together
    keys = sentence * width + head
    order = np.argsort(keys, kind="stable")
    pairs, starts, counts = np.unique(keys[order], return_index=True, return_counts=True)
    slot = np.arange(len(order)) - np.repeat(starts, counts)  # a word's place among its head's dependents
    weights = _laid_out(bilinear, (1, 0, 2))
    best = np.empty(len(order), dtype=np.int64)
    for first in range(0, len(pairs), LABELLED_HEADS_AT_ONCE):
        last = min(first + LABELLED_HEADS_AT_ONCE, len(pairs))
        rows = slice(starts[first], starts[last] if last < len(pairs) else len(order))
        part = order[rows]
        dependents = input1[torch.from_numpy(sentence[part]), torch.from_numpy(word[part])]
        dependents = torch.cat([dependents, dependents.new_ones(len(dependents), 1)], 1)
        heads = input2[torch.from_numpy(pairs[first:last] // width), torch.from_numpy(pairs[first:last] % width)]
        heads = torch.cat([heads, heads.new_ones(len(heads), 1)], 1)
        per_head = (heads @ weights).view(len(heads), bilinear.input1_size, -1)  # H x I x O
        place = (torch.from_numpy(np.repeat(np.arange(last - first), counts[first:last])), torch.from_numpy(slot[rows]))
        padded = dependents.new_zeros(len(heads), int(counts[first:last].max()), dependents.size(1))
        padded[place] = dependents
        scores = torch.bmm(padded, per_head)[place] + bilinear.bias
        best[part] = scores.argmax(1).numpy()
    return [labels.tolist() for labels in np.split(best, np.cumsum(lengths)[:-1])]


def _row_groups(matrix):
    """(the distinct rows, the row numbers ordered by distinct row, how many rows each has) when the rows
    repeat a few distinct ones (at most a quarter as many), else None. The tagger passes the same tensor
    for every feature: remembered on it."""
    import torch

    if hasattr(matrix, "_quoteattr_row_groups"):
        return matrix._quoteattr_row_groups
    probe = torch.linspace(1.0, 2.0, matrix.size(1), dtype=torch.float64)
    keys, inverse = torch.unique(matrix.double() @ probe, return_inverse=True)
    rows = matrix.new_empty(len(keys), matrix.size(1)).index_copy_(0, inverse, matrix)
    groups = None
    if len(keys) * 4 <= len(matrix) and torch.equal(rows[inverse], matrix):  # no two rows share a key
        groups = rows, torch.argsort(inverse, stable=True), torch.bincount(inverse, minlength=len(keys)).tolist()
    matrix._quoteattr_row_groups = groups
    return groups


def _fast_tree_decoding() -> None:
    """Stanza decodes every parse with its pure-Python Chu-Liu-Edmonds, whose cycle search costs about as
    much as the parser's network on CPU. It keeps one word on the root by making every root arc far worse
    than any other arc, so the search first builds a tree with no root and contracts cycle after cycle
    (30 on average) until one root arc is left. The best tree of all, when it has one word on the root, is
    the best one-root tree that search returns: when each word's best head already gives such a tree, take
    it at once; when it gives one root and a cycle, search without the penalty (a contraction per cycle)
    and keep the result if it still has one root. Otherwise (several words on the root) find the best tree
    for each word as the only one on the root, best bound first, until no bound beats the best tree found
    (_best_one_root_tree). The search finds cycles in one pass instead of stanza's pure-Python Tarjan. All
    exact: the tests compare with stanza's search on drawn scores, and on 60 PolNeAR articles every tree
    equals stanza's, so patching stanza's modules for the whole process changes no result."""
    from stanza.models.common import chuliu_edmonds
    from stanza.models.depparse import model as depparse_model

    exact = depparse_model.chuliu_edmonds_one_root
    if getattr(exact, "quoteattr_fast_path", False):
        return

    def one_root_tree(scores):
        best = scores.astype("float64")  # scores[dependent, head]; row 0 is the root
        np.fill_diagonal(best, -np.inf)
        best[0] = -np.inf
        best[0, 0] = 0
        tree = np.argmax(best, axis=1)
        heads = tree.tolist()
        if heads[1:].count(0) == 1:
            if _is_tree(heads):
                return tree
            tree = chuliu_edmonds.chuliu_edmonds(best.copy())  # one root and a cycle
            if tree[1:].tolist().count(0) == 1:
                return tree
        if np.isfinite(best[1:, 1:].max(axis=1)).all():  # every word has a head other than the root
            return _best_one_root_tree(best, chuliu_edmonds.chuliu_edmonds)
        return exact(scores)

    one_root_tree.quoteattr_fast_path = True
    depparse_model.chuliu_edmonds_one_root = one_root_tree
    chuliu_edmonds.tarjan = _cycles  # the search itself spends most of its time finding cycles


def _best_one_root_tree(best: np.ndarray, search) -> np.ndarray:
    """The best tree with one word on the root (``best``: scores[dependent, head], every word with a finite
    head other than the root). The best tree with word r alone on the root is at most r's root score plus
    every other word's best other head: try the words by that bound, each with ``search`` (Chu-Liu-Edmonds
    with r's root arc the only one), until no bound beats the best tree found."""
    others = best.copy()
    others[:, 0] = -np.inf
    best_other = others[1:].max(axis=1)
    bounds = best[1:, 0] + best_other.sum() - best_other
    found, found_score = None, -np.inf
    for root in np.argsort(-bounds, kind="stable") + 1:
        if bounds[root - 1] <= found_score:
            break
        trial = others.copy()
        trial[root] = -np.inf
        trial[root, 0] = best[root, 0]
        tree = search(trial)
        score = best[np.arange(1, len(best)), tree[1:]].sum()
        if score > found_score:
            found, found_score = tree, score
    return found


def _cycles(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of the graph where word i's head is tree[i], as stanza's Tarjan search returns them (a
    mask per cycle, ordered by the cycle's smallest index), in one pass: each word has exactly one head, so
    following heads from each unseen word either ends on a seen word or closes a new cycle."""
    heads = tree.tolist()
    state = [0] * len(heads)  # 0 unseen, 1 on the current path, 2 done
    found = []
    for start in range(len(heads)):
        path, node = [], start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = heads[node]
        cycle = path[path.index(node):] if state[node] == 1 else []
        if len(cycle) > 1:  # the root heads itself: not a cycle
            found.append(cycle)
        for node in path:
            state[node] = 2
    masks = []
    for cycle in sorted(found, key=min):
        mask = np.zeros(len(heads), dtype=bool)
        mask[cycle] = True
        masks.append(mask)
    return masks


def _is_tree(heads: list[int]) -> bool:
    """Whether following heads from every word reaches word 0 (the root) without a cycle."""
    state = [0] * len(heads)  # 0 unseen, 1 on the current path, 2 reaches the root
    state[0] = 2
    for start in range(1, len(heads)):
        path, node = [], start
        while state[node] == 0:
            state[node] = 1
            path.append(node)
            node = heads[node]
        if state[node] == 1:
            return False
        for node in path:
            state[node] = 2
    return True
