"""Tests of quoteattr.evaluate: gold loading and validation, the scoring rules, the report and the CLI.

None of them needs the real Attributor: predictions are built by hand or from the gold itself.
"""
from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quoteattr
from quoteattr import Attribution, GoldFormatError, Quote, Span, Speaker
from quoteattr.evaluate import (
    PRF,
    KindPRF,
    Ratio,
    attribution_from_gold,
    gold_from_dict,
    load_gold,
    load_gold_dir,
    match_contents,
    normalise_span,
    normalise_text,
    score,
)
from quoteattr.evaluate import cli

SEED = Path("/work/shared/gold/seed/000_d0cf9d55a3beb83b.json")

# ------------------------------------------------------------------------------------ a hand-made doc

TEXT = "\n".join([
    '"We will win," the mayor said.',                                               # 0
    "Jane Smith, the city's finance director, said that the budget is balanced.",  # 1
    '"The plan," Smith said, "is dead."',                                          # 2
    "A spokesperson said the talks had stalled.",                                  # 3
    'The "sanctuary" label stuck.',                                                # 4
    "Officials announced a new policy on housing.",                                # 5
    '"Nobody knows."',                                                             # 6
    '"Taxes will rise," Jane Smith said.',                                         # 7
])


def span(fragment: str, after: int = 0) -> dict:
    """The gold span of the first ``fragment`` at or after ``after``."""
    start = TEXT.index(fragment, after)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def line_start(index: int) -> int:
    return sum(len(line) + 1 for line in TEXT.split("\n")[:index])


def gold_quote(quote_id, kind, fragments, speaker, paragraph, cue=None):
    after = line_start(paragraph)
    content = []
    for fragment in fragments:
        content.append(span(fragment, after))
        after = content[-1]["end"]
    return {"id": quote_id, "kind": kind, "content": content, "speaker": speaker, "paragraph": paragraph,
            "cue": span(cue, line_start(paragraph)) if cue else None, "mention": None}


def small_gold_dict() -> dict:
    return {
        "id": "small",
        "text": TEXT,
        "entities": [
            {"id": "mayor", "name": None, "role": "mayor", "organization": None, "kind": "unnamed", "aliases": []},
            {"id": "smith", "name": "Jane Smith", "role": "finance director", "organization": "city",
             "kind": "person", "aliases": ["Smith"]},
            {"id": "spox", "name": None, "role": "spokesperson", "organization": None, "kind": "unnamed",
             "aliases": []},
        ],
        "quotes": [
            gold_quote("q1", "direct", ["We will win,"], "mayor", 0, cue="said"),
            gold_quote("q2", "indirect", ["the budget is balanced"], "smith", 1, cue="said"),
            gold_quote("q3", "direct", ["The plan,", "is dead."], "smith", 2, cue="said"),
            gold_quote("q4", "indirect", ["the talks had stalled"], "spox", 3, cue="said"),
            gold_quote("q5", "direct", ["Nobody knows."], None, 6),
            gold_quote("q6", "direct", ["Taxes will rise,"], "smith", 7, cue="said"),
        ],
        "not_quotes": [{"span": span("sanctuary"), "why": "scare quotes"}],
        "optional": [{"span": span("a new policy on housing"), "why": "noun phrase"}],
    }


def predicted(kind, fragments, *, paragraph, name=None, role=None, speaker=True, entity="e") -> Quote:
    after = line_start(paragraph)
    content = []
    for fragment in fragments:
        start = TEXT.index(fragment, after)
        content.append(Span.of(TEXT, start, start + len(fragment)))
        after = start + len(fragment)
    who = None
    if speaker:
        who = Speaker(mention=None, name=name, role=role, organization=None,
                      kind="person" if name else "unnamed", entity=entity)
    return Quote(kind=kind, content=content, cue=None, cue_lemma=None, speaker=who, paragraph=paragraph,
                 method="test", confidence=1.0)


def flawed_predictions() -> list[Quote]:
    return [
        # q1: boundary too long, wrong speaker (and so wrong role: none given)
        predicted("direct", ['"We will win," the mayor said.'], paragraph=0, name="John Doe"),
        # q2: wrong kind; role only lenient-right; boundary exact after dropping "that " and the "."
        predicted("mixed", ["that the budget is balanced."], paragraph=1, name="Jane Smith", role="director"),
        # q3: split quote found; surname only: speaker lenient-right
        predicted("direct", ["The plan,", "is dead."], paragraph=2, name="Smith", role="finance director"),
        # q4: missed
        # q5: gold speaker null, predicted null; the quotation marks are included
        predicted("direct", ['"Nobody knows."'], paragraph=6, speaker=False),
        # q6: all right
        predicted("direct", ["Taxes will rise,"], paragraph=7, name="Jane Smith", role="Finance  Director"),
        # invented: over the not_quotes span
        predicted("direct", ["sanctuary"], paragraph=4, speaker=False),
        # over the optional span: ignored
        predicted("indirect", ["a new policy on housing"], paragraph=5, name="Officials"),
    ]


@pytest.fixture
def small_gold():
    return gold_from_dict(small_gold_dict(), where="small.json")


def assert_figure(figures: dict, name: str, expected: float) -> None:
    value = figures[name]
    if math.isnan(expected):
        assert math.isnan(value), f"{name} = {value}, expected NaN"
    else:
        assert value == pytest.approx(expected), f"{name} = {value}, expected {expected}"


# ------------------------------------------------------------------------------- gold against itself

MAIN_FIGURES = [
    "detection.precision", "detection.recall", "detection.f1", "boundary.exact", "kind.accuracy",
    "speaker.strict", "speaker.lenient", "role.strict", "role.lenient", "end_to_end.f1",
]


@pytest.mark.parametrize("make_gold", [lambda: load_gold(SEED), lambda: gold_from_dict(small_gold_dict())],
                         ids=["seed", "small"])
def test_gold_against_itself_scores_one_everywhere(make_gold):
    gold = make_gold()
    figures = score([(gold, attribution_from_gold(gold))]).figures()
    for name in MAIN_FIGURES:
        assert figures[name] == 1.0, name
    kinds = {quote.kind for quote in gold.quotes}
    for kind in kinds:
        for stat in ("precision", "recall", "f1"):
            assert figures[f"detection.{kind}.{stat}"] == 1.0
    # every other figure is either 1.0 or undefined (no quote of that kind): never 0.0
    assert all(value == 1.0 or math.isnan(value) for value in figures.values())


def test_seed_loads_and_has_every_kind():
    gold = load_gold(SEED)
    assert gold.id == "seed-000"
    assert {quote.kind for quote in gold.quotes} == {"direct", "indirect", "mixed"}
    figures = score([(gold, attribution_from_gold(gold))]).figures()
    for kind in ("direct", "indirect", "mixed"):
        assert figures[f"detection.{kind}.f1"] == 1.0


# ------------------------------------------------------------------------------ known errors, by hand

def test_known_errors_give_exact_figures(small_gold):
    report = score([(small_gold, Attribution(text=TEXT, quotes=flawed_predictions()))])
    figures = report.figures()
    # matched q1 q2 q3 q5 q6 (5); missed q4 (1); invented "sanctuary" (1); optional ignored (1)
    assert report.counts() == {"documents": 1, "gold": 6, "predicted": 6, "matched": 5, "missed": 1,
                               "invented": 1, "ignored_optional": 1}
    assert_figure(figures, "detection.precision", 5 / 6)  # 5 / (5 + 1 invented)
    assert_figure(figures, "detection.recall", 5 / 6)  # 5 / (5 + 1 missed)
    assert_figure(figures, "detection.f1", 5 / 6)
    # direct: gold q1 q3 q5 q6 all found -> R 4/4; predicted direct p1 p3 p5 p6 matched + "sanctuary" -> P 4/5
    assert_figure(figures, "detection.direct.recall", 1.0)
    assert_figure(figures, "detection.direct.precision", 4 / 5)
    assert_figure(figures, "detection.direct.f1", 8 / 9)  # 2 * 0.8 * 1 / 1.8
    # indirect: gold q2 found (by a "mixed" prediction), q4 missed -> R 1/2; no indirect prediction counts
    # (the optional one is ignored) -> P n/a; F1 undefined since recall is not 0
    assert_figure(figures, "detection.indirect.recall", 1 / 2)
    assert_figure(figures, "detection.indirect.precision", math.nan)
    assert_figure(figures, "detection.indirect.f1", math.nan)
    # mixed: no gold mixed -> R n/a; the one mixed prediction matched q2 -> P 1/1
    assert_figure(figures, "detection.mixed.recall", math.nan)
    assert_figure(figures, "detection.mixed.precision", 1.0)
    assert_figure(figures, "detection.mixed.f1", math.nan)
    # boundary: q1 too long; q2 ("that ... ."), q3 (split), q5 (quotation marks), q6 exact -> 4/5
    assert_figure(figures, "boundary.exact", 4 / 5)
    assert_figure(figures, "kind.accuracy", 4 / 5)  # q2 mixed for indirect
    # speaker over q1 q2 q3 q6 (q5's gold is null): strict q2 q6 -> 2/4; lenient adds q3 "Smith" -> 3/4
    assert_figure(figures, "speaker.strict", 2 / 4)
    assert_figure(figures, "speaker.lenient", 3 / 4)
    assert_figure(figures, "speaker.direct.strict", 1 / 3)  # q1 no, q3 no, q6 yes
    # role over q1 (mayor) q2 q3 q6 (finance director): strict q3 q6 (case and spaces fold) -> 2/4;
    # lenient adds q2 ("director" inside "finance director") -> 3/4; q1 has no predicted role
    assert_figure(figures, "role.strict", 2 / 4)
    assert_figure(figures, "role.lenient", 3 / 4)
    # end to end: right q2 q5 (null = null) q6 = 3; wrong q1 q3 count as fp and fn
    # tp 3, fp 1 invented + 2 = 3, fn 1 missed + 2 = 3 -> P = R = F1 = 1/2
    assert_figure(figures, "end_to_end.precision", 1 / 2)
    assert_figure(figures, "end_to_end.recall", 1 / 2)
    assert_figure(figures, "end_to_end.f1", 1 / 2)


def test_error_listing_explains_each_error(small_gold):
    report = score([(small_gold, Attribution(text=TEXT, quotes=flawed_predictions()))])
    errors = report.format_errors()
    kinds = [item["error"] for item in report.error_items()]
    assert sorted(kinds) == sorted(["missed", "invented", "kind", "speaker", "speaker", "role", "role",
                                    "boundary"])
    assert 'MISSED    small ¶3: "the talks had stalled"' in errors
    assert "INVENTED  small ¶4" in errors and "sanctuary" in errors and "scare quotes" in errors
    assert "KIND      small ¶1" in errors and "gold indirect vs predicted mixed" in errors
    assert "gold 'Jane Smith' vs predicted 'Smith' (right when lenient)" in errors
    assert "gold (unnamed) 'mayor' vs predicted 'John Doe'" in errors
    assert "gold finance director vs predicted director (right when lenient)" in errors
    assert "a new policy" not in errors  # the ignored optional prediction is no error


def test_table_shows_every_figure_with_counts_and_na(small_gold):
    report = score([(small_gold, Attribution(text=TEXT, quotes=flawed_predictions()))])
    table = report.format_table()
    for row in ("detection.precision", "detection.recall", "detection.f1", "boundary.exact", "kind.accuracy",
                "speaker.strict", "speaker.lenient", "role.strict", "role.lenient", "end_to_end.f1"):
        assert row in table
    assert "0.833 (5/6)" in table
    assert "n/a" in table
    header = table.splitlines()[1]
    assert header.split() == ["figure", "all", "direct", "indirect", "mixed"]


def test_to_dict_is_valid_json(small_gold):
    report = score([(small_gold, Attribution(text=TEXT, quotes=flawed_predictions()))])
    data = json.loads(json.dumps(report.to_dict()), parse_constant=lambda name: pytest.fail(name))
    assert data["figures"]["detection.indirect.precision"] is None
    assert data["figures"]["end_to_end.f1"] == 0.5


def test_empty_denominators_are_nan_not_zero_or_one(small_gold):
    empty = score([(small_gold, Attribution(text=TEXT))]).figures()
    assert math.isnan(empty["detection.precision"])
    assert empty["detection.recall"] == 0.0
    assert empty["detection.f1"] == 0.0  # nothing found of 6: a real zero
    for name in ("boundary.exact", "kind.accuracy", "speaker.strict", "role.strict"):
        assert math.isnan(empty[name])
    nothing = score([]).figures()
    assert all(math.isnan(value) for value in nothing.values())


def test_reports_add_up_over_documents(small_gold):
    seed = load_gold(SEED)
    flawed = Attribution(text=TEXT, quotes=flawed_predictions())
    together = score([(small_gold, flawed), (seed, attribution_from_gold(seed))])
    assert together.detection == PRF(tp=5 + 19, fp=1, fn=1)
    assert together.figures()["speaker.strict"] == pytest.approx((2 + 19) / (4 + 19))


def test_prediction_on_other_text_is_refused(small_gold):
    with pytest.raises(ValueError, match="different text"):
        score([(small_gold, Attribution(text=TEXT + " "))])


# -------------------------------------------------------------------------- optional and not_quotes

def test_optional_prediction_changes_no_figure(small_gold):
    quotes = flawed_predictions()
    with_optional = score([(small_gold, Attribution(text=TEXT, quotes=quotes))])
    without = score([(small_gold, Attribution(text=TEXT, quotes=quotes[:-1]))])
    assert with_optional.figures().keys() == without.figures().keys()
    for name, value in with_optional.figures().items():
        other = without.figures()[name]
        assert value == other or (math.isnan(value) and math.isnan(other)), name
    assert len(with_optional.ignored) == 1 and len(without.ignored) == 0


def test_optional_needs_half_overlap(small_gold):
    # "housing." overlaps the optional span by 7 of its 8 characters: half of the shorter -> ignored
    near = predicted("indirect", ["housing."], paragraph=5)
    # the whole line overlaps it by 23 characters, and 23 >= 23 / 2 (shorter: the optional span) -> ignored
    whole = predicted("indirect", ["Officials announced a new policy on housing."], paragraph=5)
    # "Officials announced a" overlaps it by 1 character of 21 -> invented
    far = predicted("indirect", ["Officials announced a"], paragraph=5)
    report = score([(small_gold, Attribution(text=TEXT, quotes=[near, whole, far]))])
    assert len(report.ignored) == 2
    assert [item.predicted for item in report.invented] == [far]


def test_not_quote_prediction_is_false_positive_even_inside_optional():
    data = small_gold_dict()
    # an optional span that holds the scare quotes (as in the seed: 'is calling for "sanctuary" cities')
    data["optional"].append({"span": span('The "sanctuary" label stuck'), "why": "borderline"})
    gold = gold_from_dict(data)
    scare = predicted("direct", ["sanctuary"], paragraph=4)
    whole = predicted("indirect", ['The "sanctuary" label stuck'], paragraph=4)
    report = score([(gold, Attribution(text=TEXT, quotes=[scare, whole]))])
    assert [item.predicted for item in report.invented] == [scare]
    assert "not_quote 'sanctuary'" in report.invented[0].not_quote
    assert [item.predicted for item in report.ignored] == [whole]
    assert report.figures()["detection.precision"] == 0.0  # 0 of 1 counted prediction


# ------------------------------------------------------------------------------ matching and spans

def test_split_quote_matches_one_prediction_covering_both_parts():
    gold = [[(0, 10), (20, 30)]]
    assert match_contents(gold, [[(0, 30)]]) == [(0, 0)]  # overlap 20 of the shorter 20
    assert match_contents(gold, [[(0, 10), (20, 30)]]) == [(0, 0)]
    assert match_contents(gold, [[(20, 30)]]) == [(0, 0)]  # 10 of the shorter (the prediction) 10
    assert match_contents(gold, [[(5, 24)]]) == []  # 5 + 4 = 9 < 19 / 2... of the shorter 19: 18 < 19


def test_split_gold_against_two_predicted_quotes_is_one_to_one():
    gold = [[(0, 10), (20, 30)]]
    # "A," she said, "B." predicted as two quotes: the gold matches one; the other is unmatched
    assert match_contents(gold, [[(0, 10)], [(20, 30)]]) == [(0, 0)]
    assert match_contents(gold, [[(0, 9)], [(20, 30)]]) == [(0, 1)]  # the larger overlap wins


def test_split_quote_in_a_document(small_gold):
    both = predicted("direct", ["The plan,", "is dead."], paragraph=2, name="Jane Smith")
    second_only = predicted("direct", ["is dead."], paragraph=2, name="Jane Smith")
    for quote, exact in ((both, 1.0), (second_only, 0.0)):
        report = score([(small_gold, Attribution(text=TEXT, quotes=[quote]))])
        assert [match.gold.id for match in report.matched] == ["q3"]
        assert report.figures()["boundary.exact"] == exact


def test_matching_is_greedy_by_overlap_size():
    gold = [[(0, 10)], [(8, 30)]]
    predicted_contents = [[(0, 30)], [(0, 10)]]
    # overlaps: g0-p0 10, g1-p0 22, g0-p1 10, g1-p1 2 (too small): g1-p0 first, then g0-p1
    assert match_contents(gold, predicted_contents) == [(0, 1), (1, 0)]


def test_match_needs_half_of_the_shorter():
    assert match_contents([[(0, 10)]], [[(5, 100)]]) == [(0, 0)]  # 5 of 10
    assert match_contents([[(0, 10)]], [[(6, 100)]]) == []  # 4 of 10
    assert match_contents([[(0, 10)]], [[(10, 20)]]) == []  # touching is no overlap
    assert match_contents([[(0, 0)]], [[(0, 0)]]) == []  # empty contents never match


@pytest.mark.parametrize("raw, expected", [
    ("\u201cWe  will\n win,\u201d", "we will win"),
    ("that \u201cthe plan is dead.\u201d", "the plan is dead"),
    ("  \u2014 It\u2019s OVER! \u2013", "it's over"),
    ("\"'Quoted'\"", "quoted"),
    ("That that is", "is"),  # "that " dropped as often as it leads
    ("thatcher said", "thatcher said"),
    ("\uff21BC;", "abc"),  # NFKC folds the full-width letter
])
def test_normalise_span(raw, expected):
    assert normalise_span(raw) == expected


def test_normalise_text_keeps_inner_punctuation():
    assert normalise_text("  The \u2018Mayor\u2019,\tsaid. ") == "the 'mayor', said."
    assert normalise_text(None) == ""


@given(st.text(max_size=40))
def test_normalise_span_is_idempotent(raw):
    once = normalise_span(raw)
    assert normalise_span(once) == once


contents = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)).map(lambda p: [(p[0], p[0] + p[1])]),
                    max_size=6)


@given(contents, contents)
def test_matching_is_one_to_one_and_by_half(gold, predictions):
    pairs = match_contents(gold, predictions)
    assert len({g for g, _ in pairs}) == len(pairs) == len({p for _, p in pairs})
    for g, p in pairs:
        (gs, ge), (ps, pe) = gold[g][0], predictions[p][0]
        assert 2 * (min(ge, pe) - max(gs, ps)) >= min(ge - gs, pe - ps)


def test_prf_and_ratio():
    assert (PRF(1, 2, 3) + PRF(1, 0, 1)) == PRF(2, 2, 4)
    assert PRF(2, 2, 4).precision == 0.5 and PRF(2, 2, 4).recall == pytest.approx(1 / 3)
    assert PRF(2, 2, 4).f1 == pytest.approx(0.4)
    assert math.isnan(PRF().f1)
    assert (Ratio(1, 2) + Ratio(1, 2)).value == 0.5 and math.isnan(Ratio().value)
    assert KindPRF(PRF(tp=1, fn=1), PRF(tp=2, fp=2)).f1 == pytest.approx(0.5)


# --------------------------------------------------------------------------------------- speakers

def _speaker(name=None, role=None):
    return Speaker(mention=None, name=name, role=role, organization=None, kind="person", entity="x")


@pytest.mark.parametrize("entity_id, name, role, strict, lenient", [
    ("smith", "Jane Smith", None, True, True),
    ("smith", "jane  SMITH", None, True, True),
    ("smith", "Smith", None, False, True),  # alias and surname
    ("smith", "mith", None, False, False),  # a surname is a whole word
    ("smith", None, "finance director", False, False),
    ("mayor", None, "Mayor", True, True),
    ("mayor", "", "mayor", True, True),
    ("mayor", None, "city mayor", False, True),  # holds the head noun
    ("mayor", "Bob Lee", "mayor", False, True),  # strict wants no name; lenient: the role holds "mayor"
    ("mayor", None, "governor", False, False),
])
def test_speaker_rules(small_gold, entity_id, name, role, strict, lenient):
    from quoteattr.evaluate import speaker_is_right
    entity = small_gold.entity(entity_id)
    assert speaker_is_right(entity, _speaker(name, role)) is strict
    assert speaker_is_right(entity, _speaker(name, role), lenient=True) is lenient


def test_null_gold_speaker_needs_null_prediction_end_to_end(small_gold):
    q5_named = predicted("direct", ["Nobody knows."], paragraph=6, name="Someone")
    report = score([(small_gold, Attribution(text=TEXT, quotes=[q5_named]))])
    assert math.isnan(report.figures()["speaker.strict"])  # null gold speakers are left out of it
    assert report.end_to_end == PRF(tp=0, fp=1, fn=6)


# --------------------------------------------------------------------------------------- validator

def _broken(mutate) -> dict:
    data = small_gold_dict()
    mutate(data)
    return data


def _set(path: list, value):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _delete(path: list):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


BROKEN = [
    ("missing quotes", _delete(["quotes"]), "quotes", 'missing required key "quotes"'),
    ("missing id", _delete(["id"]), "id", "missing"),
    ("missing entities", _delete(["entities"]), "entities", "missing required key"),
    ("quote key missing", _delete(["quotes", 1, "speaker"]), "quotes[1]", "missing key(s) speaker"),
    ("entity key missing", _delete(["entities", 0, "kind"]), "entities[0]", "missing key(s) kind"),
    ("start after end", _set(["quotes", 0, "content", 0, "start"], 20), "quotes[0].content[0]", "after end"),
    ("float offset", _set(["quotes", 0, "content", 0, "end"], 3.5), "quotes[0].content[0].end", "integer"),
    ("bool offset", _set(["quotes", 0, "content", 0, "start"], True), "quotes[0].content[0].start", "integer"),
    ("offset outside", _set(["quotes", 5, "content", 0, "end"], 10_000), "quotes[5].content[0]",
     "outside the text"),
    ("negative offset", _set(["quotes", 0, "content", 0, "start"], -1), "quotes[0].content[0]",
     "outside the text"),
    ("text mismatch", _set(["quotes", 0, "content", 0, "text"], "We will lose,"), "quotes[0].content[0]",
     "fix the offsets or the recorded text"),
    ("second span mismatch", _set(["quotes", 2, "content", 1, "text"], "is alive."), "quotes[2].content[1]",
     "but the span records"),
    ("cue mismatch", _set(["quotes", 0, "cue", "text"], "told"), "quotes[0].cue", "but the span records"),
    ("empty content", _set(["quotes", 0, "content"], []), "quotes[0].content", "non-empty list"),
    ("empty span", _set(["quotes", 0, "content", 0], {"start": 1, "end": 1, "text": ""}), "quotes[0].content[0]",
     "empty or white space"),
    ("bad quote kind", _set(["quotes", 0, "kind"], "reported"), "quotes[0].kind", "direct|indirect|mixed"),
    ("bad entity kind", _set(["entities", 1, "kind"], "human"), "entities[1].kind",
     "person|organization|group|unnamed"),
    ("unknown speaker", _set(["quotes", 3, "speaker"], "nobody"), "quotes[3].speaker",
     "is not the id of an entity"),
    ("duplicate entity", _set(["entities", 2, "id"], "mayor"), "entities[2].id", "duplicate entity id 'mayor'"),
    ("duplicate quote", _set(["quotes", 1, "id"], "q1"), "quotes[1].id", "duplicate quote id 'q1'"),
    ("wrong paragraph", _set(["quotes", 1, "paragraph"], 2), "quotes[1].paragraph",
     "first content span starts in paragraph 1"),
    ("not_quote mismatch", _set(["not_quotes", 0, "span", "text"], "asylum"), "not_quotes[0].span",
     "but the span records"),
    ("optional not an object", _set(["optional", 0], "housing"), "optional[0]", "must be an object"),
    ("aliases not strings", _set(["entities", 1, "aliases"], [1]), "entities[1].aliases", "list of strings"),
    ("no text", _delete(["text"]), "", 'has no "text"'),
]


@pytest.mark.parametrize("name, mutate, json_path, problem", BROKEN, ids=[case[0] for case in BROKEN])
def test_validator_rejects_broken_files(tmp_path, name, mutate, json_path, problem):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_broken(mutate)), encoding="utf-8")
    with pytest.raises(GoldFormatError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert str(path) in message
    if json_path:
        assert f": {json_path}: " in message
    assert problem in message


def test_validator_reports_all_problems_together():
    def two_problems(data):
        data["quotes"][0]["kind"] = "reported"
        data["entities"][1]["kind"] = "human"
    with pytest.raises(GoldFormatError) as caught:
        gold_from_dict(_broken(two_problems), where="two.json")
    lines = str(caught.value).splitlines()
    assert lines[0] == "gold file two.json has 2 problems:"
    assert any("quotes[0].kind" in line for line in lines[1:])
    assert any("entities[1].kind" in line for line in lines[1:])


def test_validator_reports_an_objects_other_problems_beside_its_missing_keys():
    data = {"id": "x", "text": "abc def", "entities": [{"id": "e", "kind": "alien"}],
            "quotes": [{"id": "", "kind": "bogus", "content": [{"start": 0, "end": 99, "text": "zz"}],
                        "cue": {"start": "1", "end": 2}}]}
    with pytest.raises(GoldFormatError) as caught:
        gold_from_dict(data)
    message = str(caught.value)
    for problem in ("entities[0]: missing key(s) name", "entities[0].kind: 'alien'",
                    "quotes[0]: missing key(s) speaker", "quotes[0].id: must be a non-empty string", "quotes[0].kind: 'bogus'",
                    "quotes[0].content[0]: offsets 0..99 lie outside", "quotes[0].cue: missing key(s) text",
                    "quotes[0].cue.start: must be an integer"):
        assert problem in message


def test_validator_missing_paragraph_is_computed():
    data = small_gold_dict()
    del data["quotes"][3]["paragraph"]
    assert gold_from_dict(data).quotes[3].paragraph == 3


def test_invalid_json_and_missing_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not valid JSON"):
        load_gold(bad)
    with pytest.raises(GoldFormatError, match="does not exist"):
        load_gold(tmp_path / "missing.json")
    with pytest.raises(GoldFormatError, match="top level must be a JSON object"):
        gold_from_dict([1, 2])


def test_load_gold_dir_collects_every_file(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(small_gold_dict()), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(_broken(_set(["quotes", 0, "kind"], "x"))), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps(small_gold_dict()), encoding="utf-8")
    with pytest.raises(GoldFormatError) as caught:
        load_gold_dir(tmp_path)
    message = str(caught.value)
    assert "b.json" in message and "quotes[0].kind" in message
    assert "duplicate document id 'small'" in message
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(GoldFormatError, match="no \\*.json"):
        load_gold_dir(empty)
    with pytest.raises(GoldFormatError, match="not a directory"):
        load_gold_dir(tmp_path / "a.json")


# ------------------------------------------------------------------------------------ news-style files

def write_news(tmp_path: Path, text: str = TEXT) -> tuple[Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "article.txt").write_bytes(text.encode("utf-8"))
    data = small_gold_dict()
    del data["text"]
    data["source"] = "article.txt"
    data["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "article.json").write_text(json.dumps(data), encoding="utf-8")
    return gold_dir, texts


def test_news_file_reads_its_text_from_the_texts_dir(tmp_path):
    gold_dir, texts = write_news(tmp_path)
    gold = load_gold(gold_dir / "article.json", texts_dir=texts)
    assert gold.text == TEXT and gold.source == "article.txt"
    [same] = load_gold_dir(gold_dir, texts_dir=texts)
    assert same == gold
    assert load_gold(gold_dir / "article.json", text=TEXT).text == TEXT


def test_news_file_without_texts_dir_says_what_to_pass(tmp_path):
    gold_dir, texts = write_news(tmp_path)
    with pytest.raises(GoldFormatError, match="--texts DIR"):
        load_gold(gold_dir / "article.json")
    with pytest.raises(GoldFormatError, match="does not exist"):
        load_gold(gold_dir / "article.json", texts_dir=tmp_path / "nowhere")
    (texts / "article.txt").unlink()
    with pytest.raises(GoldFormatError, match="article.txt"):
        load_gold(gold_dir / "article.json", texts_dir=texts)


def test_news_file_text_is_its_bytes_as_they_are(tmp_path):
    """The sha256 is of the file's bytes and the offsets count "\r\n" as two characters (as the command
    line reads files): universal newlines would shift every offset after a CRLF."""
    gold_dir, texts = write_news(tmp_path, TEXT + "\r\nThe end.")
    assert load_gold(gold_dir / "article.json", texts_dir=texts).text == TEXT + "\r\nThe end."
    latin = tmp_path / "latin"
    gold_dir, texts = write_news(latin.mkdir() or latin)
    (texts / "article.txt").write_bytes(TEXT.encode("latin-1") + b"\xe9")
    data = json.loads((gold_dir / "article.json").read_text(encoding="utf-8"))
    data["sha256"] = hashlib.sha256((texts / "article.txt").read_bytes()).hexdigest()
    (gold_dir / "article.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="is not UTF-8 .*save the text as UTF-8"):
        load_gold(gold_dir / "article.json", texts_dir=texts)


def test_a_text_both_embedded_and_named_must_be_one_article(tmp_path):
    gold_dir, texts = write_news(tmp_path)
    data = json.loads((gold_dir / "article.json").read_text(encoding="utf-8"))
    data["text"] = TEXT
    (gold_dir / "article.json").write_text(json.dumps(data), encoding="utf-8")
    assert load_gold(gold_dir / "article.json", texts_dir=texts).text == TEXT
    data["text"] = TEXT.replace("mayor", "Mayor")
    (gold_dir / "article.JSON").write_text(json.dumps(data), encoding="utf-8")  # found in upper case too
    (gold_dir / "article.json").unlink()
    with pytest.raises(GoldFormatError, match="embedded text differs from 'article.txt'"):
        load_gold_dir(gold_dir, texts_dir=texts)
    with pytest.raises(GoldFormatError, match="is a file, not a directory"):
        load_gold(gold_dir / "article.JSON", texts_dir=texts / "article.txt")


def test_news_file_with_changed_text_fails_the_hash(tmp_path):
    gold_dir, texts = write_news(tmp_path)
    (texts / "article.txt").write_text(TEXT + "\nA new line.", encoding="utf-8")
    with pytest.raises(GoldFormatError) as caught:
        load_gold(gold_dir / "article.json", texts_dir=texts)
    assert "sha256" in str(caught.value) and "the text changed" in str(caught.value)


# ---------------------------------------------------------------------------------------------- CLI

class FakeAttributor:
    """Stands in for quoteattr.Attributor: returns the gold as the prediction, or nothing."""

    instances: list = []
    empty = False

    def __init__(self, models=None, **options):
        self.models = models
        FakeAttributor.instances.append(self)

    def __call__(self, text):
        if FakeAttributor.empty:
            return Attribution(text=text)
        return attribution_from_gold(gold_from_dict(small_gold_dict()))


@pytest.fixture
def fake_attributor(monkeypatch):
    FakeAttributor.instances = []
    FakeAttributor.empty = False
    monkeypatch.setattr(quoteattr, "Attributor", FakeAttributor)
    return FakeAttributor


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "small.json"
    path.write_text(json.dumps(small_gold_dict()), encoding="utf-8")
    return path


def test_cli_scores_prints_and_writes_json(fake_attributor, gold_file, tmp_path, capsys):
    out = tmp_path / "report.json"
    status = cli.main([str(gold_file), "--json", str(out), "--min-f1", "0.9", "--min-speaker", "1.0"])
    printed = capsys.readouterr().out
    assert status == 0
    assert "detection.f1" in printed and "no errors" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["figures"]["end_to_end.f1"] == 1.0
    assert fake_attributor.instances[0].models is None


def test_cli_accepts_a_directory_and_models(fake_attributor, gold_file, tmp_path, capsys):
    status = cli.main(["evaluate", str(gold_file.parent), "--models", "/some/models", "--no-errors"])
    printed = capsys.readouterr().out
    assert status == 0
    assert "no errors" not in printed
    assert fake_attributor.instances[0].models == "/some/models"


def test_cli_fails_under_a_floor(fake_attributor, gold_file, capsys):
    fake_attributor.empty = True
    status = cli.main([str(gold_file), "--min-f1", "0.5", "--min-end-to-end-f1", "0.1", "--min-speaker", "0.1"])
    captured = capsys.readouterr()
    assert status == 1
    assert "detection.f1 = 0.000 is under the floor 0.500" in captured.err
    assert "end_to_end.f1 = 0.000" in captured.err
    assert "speaker.strict = n/a" in captured.err  # undefined cannot pass a floor
    assert "MISSED" in captured.out


def test_cli_bad_gold_exits_2(fake_attributor, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_broken(_set(["quotes", 0, "kind"], "reported"))), encoding="utf-8")
    assert cli.main([str(bad)]) == 2
    assert "quotes[0].kind" in capsys.readouterr().err
    assert not fake_attributor.instances  # no model is built for bad gold


def test_cli_refuses_a_nan_floor_and_a_json_path_it_cannot_write(fake_attributor, gold_file, tmp_path, capsys):
    for options in (["--min-f1", "nan"], ["--json", str(tmp_path)], ["--json", str(tmp_path / "no" / "r.json")]):
        with pytest.raises(SystemExit) as exit_info:
            cli.main([str(gold_file), *options])
        assert exit_info.value.code == 2
    assert not fake_attributor.instances  # refused before any scoring


def test_cli_refuses_a_document_given_twice(fake_attributor, gold_file, capsys):
    assert cli.main([str(gold_file.parent), str(gold_file)]) == 2  # the directory holds the file
    assert "duplicate document id" in capsys.readouterr().err


def test_cli_news_files_need_texts(fake_attributor, tmp_path, capsys):
    gold_dir, texts = write_news(tmp_path)
    assert cli.main([str(gold_dir)]) == 2
    assert "--texts DIR" in capsys.readouterr().err
    assert cli.main([str(gold_dir), "--texts", str(texts)]) == 0
