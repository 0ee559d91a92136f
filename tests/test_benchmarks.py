"""Fast tests of the benchmark runner (python -m benchmarks): no model loads, quoteattr.Attributor is faked."""
from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not an installed package

import quoteattr  # noqa: E402
from benchmarks import runner  # noqa: E402
from benchmarks.attributors import shared_attributor  # noqa: E402
from benchmarks.brat_corpus import (  # noqa: E402
    AnnFormatError, PolnearQuote, classify_kind, gold_quotes, list_articles, parse_ann, quoted_mask,
)
from benchmarks.speech_verbs import lemmatise, speech_head  # noqa: E402
from benchmarks.suites.brat_attributions import is_pronoun, speaker_is_right  # noqa: E402
from benchmarks.errors import SuiteError  # noqa: E402
from benchmarks.suites.speed import (  # noqa: E402
    compare_with_last, parallel_corpus, seed_texts, stream_figures, stream_pool)
from benchmarks.thresholds import check_figures, load_thresholds  # noqa: E402
from quoteattr.records import Attribution, Quote, Span, Speaker  # noqa: E402

# ------------------------------------------------------------------------------------- a tiny PolNeAR

ARTICLE = (
    "Trump: Clinton ‘Unfit’ for Office\n"
    "\"We will win,\" Smith said. \"Taxes will fall.\"\n"
    "He said that taxes would rise next year.\n"
    "Jones believes that the plan \"is dead\" already.\n"
    "Clinton argued the plan was \"a disaster\" for workers.\n"
    "It's Clinton’s plan, she noted, adding that voters’ views matter."
)

BELIEF = 'the plan "is dead" already'
MIXED = 'the plan was "a disaster" for workers'


def _range(fragment: str, text: str = ARTICLE, within: str | None = None) -> str:
    """Brat's "start end" of ``fragment``'s first occurrence (inside the first ``within`` when given)."""
    start = text.index(fragment, text.index(within) if within else 0)
    return f"{start} {start + len(fragment)}"


def _ann() -> str:
    """Brat lines for ARTICLE: a split direct quote, a speech indirect, a belief (mixed), a mixed quote
    without Source, and a Discard span that links to nothing."""
    first, second = '"We will win,"', '"Taxes will fall."'
    lines = [
        f"T1\tContent {_range(first)};{_range(second)}\t{first} {second}",
        f"T2\tCue {_range('said.')}\tsaid.",
        f"T3\tSource {_range('Smith')}\tSmith",
        f"T4\tAttribution {_range('said.')}\tsaid.",
        "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3",
        f"T5\tSource {_range('He')}\tHe",
        f"T6\tCue {_range('said', within='He said')}\tsaid",
        f"T7\tContent {_range('that taxes would rise next year')}\tthat taxes would rise next year",
        f"T8\tAttribution {_range('said', within='He said')}\tsaid",
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        f"T9\tSource {_range('Jones')}\tJones",
        f"T10\tCue {_range('believes')}\tbelieves",
        f"T11\tContent {_range(BELIEF)}\t{BELIEF}",
        f"T12\tAttribution {_range('believes')}\tbelieves",
        "E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11",
        f"T14\tCue {_range('argued')}\targued",
        f"T15\tContent {_range(MIXED)}\t{MIXED}",
        f"T16\tAttribution {_range('argued')}\targued",
        "E4\tAttribution-no-source:T16 Content:T15 Cue:T14",
        f"T17\tDiscard {_range('adding')}\tadding",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def polnear_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for sub in ("dev/text", "dev/attributions"):
        (data / sub).mkdir(parents=True)
    (data / "dev" / "text" / "paper_2016-10-01_plan.txt").write_text(ARTICLE, encoding="utf-8")
    # two annotators: the first .ann in sorted order is used; the other one is broken on purpose
    (data / "dev" / "attributions" / "paper_2016-10-01_plan_4b22.ann").write_text(_ann(), encoding="utf-8")
    (data / "dev" / "attributions" / "paper_2016-10-01_plan_ef2d.ann").write_text("T1\tCue 0 3\tnope\n",
                                                                                  encoding="utf-8")
    return data


def test_parse_ann_reads_discontinuous_spans_and_links(polnear_dir: Path) -> None:
    attributions = parse_ann(_ann(), ARTICLE)
    assert [a.id for a in attributions] == ["E1", "E2", "E3", "E4"]
    split = attributions[0]
    assert len(split.content) == 2 and split.content[0] < split.content[1]
    assert ARTICLE[split.source[0][0]:split.source[0][1]] == "Smith"
    assert ARTICLE[slice(*split.cue[0])] == "said."


def test_parse_ann_rejects_a_span_that_does_not_fit_the_text() -> None:
    with pytest.raises(AnnFormatError, match="right text file"):
        parse_ann("T1\tCue 0 5\tnope!\n", ARTICLE)


def test_parse_ann_skips_an_attribution_without_content() -> None:
    assert parse_ann("T1\tCue 0 5\tTrump\nE1\tAttribution-no-source:T1 \n", ARTICLE) == []


def test_first_ann_in_sorted_order_is_used(polnear_dir: Path) -> None:
    articles, unannotated = list_articles(polnear_dir, "dev")
    assert [a.ann_path.name for a in articles] == ["paper_2016-10-01_plan_4b22.ann"]
    assert unannotated == []
    # the folder above the data dir works too
    assert list_articles(polnear_dir.parent, "dev")[0] == articles
    with pytest.raises(FileNotFoundError, match="polnear"):
        list_articles(polnear_dir, "train")


def test_kinds_follow_the_quotation_marks() -> None:
    quotes = {q.id: q for q in gold_quotes("a", ARTICLE, parse_ann(_ann(), ARTICLE))}
    assert quotes["E1"].kind == "direct"
    assert quotes["E2"].kind == "indirect"
    assert quotes["E3"].kind == "mixed"
    assert quotes["E4"].kind == "mixed"
    # direct content loses its quotation marks, indirect content its leading "that"
    assert ARTICLE[slice(*quotes["E1"].content[0])] == "We will win,"
    assert ARTICLE[slice(*quotes["E2"].content[0])] == "taxes would rise next year"


def test_speech_cues_decide_which_indirect_quotes_are_scored() -> None:
    quotes = {q.id: q for q in gold_quotes("a", ARTICLE, parse_ann(_ann(), ARTICLE))}
    assert quotes["E2"].speech_cue and quotes["E2"].scored and quotes["E2"].cue_lemma == "say"
    assert quotes["E3"].cue_lemma == "believe" and not quotes["E3"].speech_cue
    assert quotes["E3"].scored  # mixed: quotation marks make it a quote whatever the cue
    assert quotes["E4"].source == () and quotes["E4"].cue_lemma == "argue"  # an attribution without Source


def test_quoted_mask_handles_curly_single_quotes_and_apostrophes() -> None:
    mask = quoted_mask(ARTICLE)
    inside = lambda fragment: all(mask[i] for i in range(ARTICLE.index(fragment), ARTICLE.index(fragment) + len(fragment)))  # noqa: E731
    assert inside("Unfit")
    assert not mask[ARTICLE.index("Clinton’s") + 7]  # an apostrophe opens nothing
    assert not inside("voters")
    assert classify_kind(ARTICLE, ((ARTICLE.index("Clinton’s"), len(ARTICLE)),), mask) == "indirect"
    # a quote left open runs to the end of its paragraph only
    text = '"First paragraph goes on\nNext paragraph.'
    text_mask = quoted_mask(text)
    assert text_mask[1] == 1 and text_mask[text.index("Next")] == 0


def test_topic_content_of_a_speech_verb_is_optional() -> None:
    text = "Trump responded to requests for comment. Smith reported her presence."
    ann = (f"T1\tCue {_range('responded', text)}\tresponded\n"
           f"T2\tContent {_range('to requests for comment', text)}\tto requests for comment\n"
           "E1\tAttribution:T1 Cue:T1 Content:T2\n"
           f"T3\tCue {_range('reported', text)}\treported\n"
           f"T4\tContent {_range('her presence', text)}\ther presence\n"
           "E2\tAttribution:T3 Cue:T3 Content:T4\n")
    quotes = gold_quotes("a", text, parse_ann(ann, text))
    assert [(q.speech_cue, q.topic, q.scored) for q in quotes] == [(True, True, False), (True, True, False)]


@pytest.mark.parametrize("form, lemma", [("said", "say"), ("told", "tell"), ("argues", "argue"),
                                         ("admitted", "admit"), ("replied", "reply"), ("believes", "believe"),
                                         ("insisting", "insist"), ("called", "call")])
def test_lemmatise(form: str, lemma: str) -> None:
    assert lemmatise(form) == lemma


def test_speech_head() -> None:
    assert speech_head("has repeatedly said") == ("say", True)
    assert speech_head("according to") == ("according to", True)
    assert speech_head("went on to discuss") == ("discuss", False)
    assert speech_head(":") == (None, False)


def test_pronoun_sources() -> None:
    assert is_pronoun("He") and is_pronoun("they")
    assert not is_pronoun("Hillary Clinton") and not is_pronoun("his campaign")


def _gold_source(text: str, start: int) -> PolnearQuote:
    return PolnearQuote(
        article="a", id="T1", kind="direct", content=((0, 1),), cue_text="said", cue_lemma="say",
        speech_cue=True, source=((start, start + len(text)),), source_text=text,
    )


@pytest.mark.parametrize(
    ("source", "mention", "name", "right"),
    [
        ("Caddell", None, "Pat Caddell", True),  # a surname Source names the resolved entity
        ("Pat Caddell", None, "Pat Caddell", True),
        ("Pat Caddell", (100, 103), "Pat Caddell", True),
        ("Caddell", None, "Caddellson", False),  # whole words only
        ("Pat", None, "Pat Caddell", False),  # a first name is not a surname
        ("he", None, "Pat Caddell", False),  # a pronoun Source needs the mention itself
        ("he", (10, 12), None, True),
        ("the campaign", None, None, False),
    ],
)
def test_speaker_is_right(source: str, mention, name, right: bool) -> None:
    span = None if mention is None else Span(start=mention[0], end=mention[1], text="x" * (mention[1] - mention[0]))
    speaker = Speaker(mention=span, name=name, role=None, organization=None, kind="person", entity="e0")
    assert speaker_is_right(_gold_source(source, 10), speaker) is right


# ------------------------------------------------------------------------------------- thresholds

def test_thresholds_floors_and_ceilings(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.toml"
    path.write_text('[seed]\n"detection.f1" = 1.0\n[speed.max]\n"cold_start.seconds" = 10\n', encoding="utf-8")
    limits = load_thresholds(path)
    assert limits["seed"].floors == {"detection.f1": 1.0} and limits["seed"].ceilings == {}
    assert limits["speed"].floors == {} and limits["speed"].ceilings == {"cold_start.seconds": 10.0}
    assert check_figures("seed", {"detection.f1": 1.0}, limits["seed"]) == []
    [under] = check_figures("seed", {"detection.f1": 0.99}, limits["seed"])
    assert under.bound == "floor" and "under its floor" in under.describe()
    [over] = check_figures("speed", {"cold_start.seconds": 10.5}, limits["speed"])
    assert over.bound == "ceiling" and "over its ceiling" in over.describe()
    assert check_figures("speed", {"cold_start.seconds": 10}, limits["speed"]) == []
    # a thresholded figure that is missing or NaN fails rather than passing silently
    assert check_figures("seed", {}, limits["seed"])[0].value is None
    assert check_figures("seed", {"detection.f1": math.nan}, limits["seed"])[0].value is None
    assert check_figures("news", {"anything": 0.0}, None) == []


def test_thresholds_reject_a_non_number(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.toml"
    path.write_text('[seed]\n"detection.f1" = "high"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="must be a finite number"):
        load_thresholds(path)


@pytest.mark.parametrize("content, problem", [
    ('[seed]\n"detection.f1" = nan\n', "finite number"),
    ("[seed]\nmax = 5\n", r"\[seed.max\] section"),
    ('[seed]\n"detection.f1" = = 1\n', "cannot be read"),
    (None, "does not exist"),
], ids=["nan", "max not a section", "bad toml", "missing"])
def test_thresholds_that_would_guard_nothing_are_refused(tmp_path: Path, content, problem) -> None:
    path = tmp_path / "thresholds.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_thresholds(path)


def test_shipped_thresholds_hold_the_seed_target() -> None:
    seed = load_thresholds()["seed"]
    assert seed.floors == {"detection.f1": 1.0, "end_to_end.f1": 1.0, "role.strict": 1.0}


def test_speed_slowdown_against_the_last_run() -> None:
    config = {"batch": "varied copies of the seed", "articles": 20}
    last = {"config": config, "figures": {"seed.words_per_second": 100.0, "batch.words_per_second": 100.0}}
    slowdown, lines = compare_with_last({"seed.words_per_second": 70.0, "batch.words_per_second": 110.0},
                                        config, last)
    assert slowdown == pytest.approx(30.0) and any("SLOWER" in line for line in lines)
    assert compare_with_last({"seed.words_per_second": 70.0}, {**config, "articles": 5}, last)[0] == 0.0
    assert compare_with_last({"seed.words_per_second": 70.0}, config, None)[0] == 0.0


def test_the_parallel_corpus_holds_distinct_articles(tmp_path: Path) -> None:
    """Not the batch repeated: a process reads an article it has read before faster."""
    texts, source = parallel_corpus(None, 12, seed_texts())
    assert len(texts) == 12 and len(set(texts)) == 12 and source == "varied copies of the seed"
    with pytest.raises(SuiteError):
        parallel_corpus(str(tmp_path), 12, seed_texts())


def test_a_stream_draws_new_texts_then_shuffled_copies(tmp_path: Path) -> None:
    from benchmarks.speed_probe import _new_texts

    pool = ["a\nb\nc\nd", "e\nf\ng\nh"]
    drawn = list(itertools.islice(_new_texts(pool), 6))
    assert drawn[:2] == pool  # the pool's texts first, as they are
    assert [sorted(text.split()) for text in drawn] == [sorted(pool[i % 2].split()) for i in range(6)]
    assert len(set(drawn)) > 2  # then copies, their paragraphs shuffled
    batch = seed_texts()
    assert stream_pool(None, batch) == (batch, "the batch's articles, their paragraphs shuffled after the first round")
    with pytest.raises(SuiteError):
        stream_pool(str(tmp_path), batch)


def test_stream_figures_hold_the_growth_of_time_and_memory() -> None:
    """The streams hold new articles of their own lengths: time grows with their words, not their number."""
    measured = [{"times": 1, "words": 100, "seconds": 2.0, "rss_mb": 380.0, "peak_rss_mb": 400.0},
                {"times": 10, "words": 1250, "seconds": 25.0, "rss_mb": 390.0, "peak_rss_mb": 415.0}]
    figures = stream_figures(measured)
    assert figures["stream.exponent"] == pytest.approx(1.0) and figures["stream.time_ratio"] == pytest.approx(12.5)
    assert figures["stream.rss_growth_mb"] == 10 and figures["stream.peak_rss_growth_mb"] == 15
    assert figures["stream.peak_rss_mb"] == 415
    assert stream_figures(measured[:1]) == {}


# ------------------------------------------------------------------------------------- the runner

class FakeAttributor:
    """Stands in for quoteattr.Attributor: the seed's gold quotes when ``perfect``, else no quotes."""

    perfect = False
    made: list[dict] = []  # the keyword arguments of every Attributor made

    def __init__(self, models=None, **options):
        self.models = models
        self.made.append({"models": models, **options})

    def __call__(self, text: str) -> Attribution:
        if self.perfect:
            from quoteattr.evaluate import attribution_from_gold, load_gold_dir

            for document in load_gold_dir(runner.Path(__file__).resolve().parents[1] / "benchmarks/data/seed"):
                if document.text == text:
                    return attribution_from_gold(document)
        return Attribution(text=text)

    def pipe(self, texts, batch_size: int = 32, **_):
        return (self(text) for text in texts)


@pytest.fixture
def fake_attributor(monkeypatch):
    monkeypatch.setattr(quoteattr, "Attributor", FakeAttributor)
    monkeypatch.setattr(FakeAttributor, "perfect", False)
    monkeypatch.setattr(FakeAttributor, "made", [])
    shared_attributor.cache_clear()
    yield FakeAttributor
    shared_attributor.cache_clear()


def test_skipped_suites_do_not_fail_the_run(capsys, fake_attributor) -> None:
    assert runner.main(["--suite", "news", "--suite", "polnear"]) == 0
    out = capsys.readouterr().out
    assert "news suite skipped: pass --news-texts DIR (e.g. ../shared/news/texts)" in out
    assert "polnear suite skipped: pass --polnear DIR" in out


def test_a_figure_under_its_floor_exits_1(capsys, fake_attributor, tmp_path: Path) -> None:
    thresholds = tmp_path / "t.toml"
    thresholds.write_text('[seed]\n"detection.f1" = 1.0\n', encoding="utf-8")
    results = tmp_path / "out" / "results.json"
    code = runner.main(["--suite", "seed", "--thresholds", str(thresholds), "--json", str(results)])
    assert code == 1
    out = capsys.readouterr().out
    assert "seed detection.f1 = 0 is under its floor of 1" in out
    data = json.loads(results.read_text(encoding="utf-8"))  # NaN figures are written as null: valid JSON
    assert data["passed"] is False and data["suites"]["seed"]["status"] == "fail"
    assert data["suites"]["seed"]["figures"]["detection.f1"] == 0.0


def test_all_figures_within_thresholds_exits_0(capsys, fake_attributor, tmp_path: Path) -> None:
    fake_attributor.perfect = True
    thresholds = tmp_path / "t.toml"
    thresholds.write_text('[seed]\n"detection.f1" = 1.0\n"end_to_end.f1" = 1.0\n"role.strict" = 1.0\n',
                          encoding="utf-8")
    assert runner.main(["--suite", "seed,news", "--thresholds", str(thresholds)]) == 0
    assert "summary (passed)" in capsys.readouterr().out


def test_parse_all_reaches_the_accuracy_suites_attributor(capsys, fake_attributor) -> None:
    runner.main(["--suite", "seed"])
    runner.main(["--suite", "seed", "--parse-all"])
    assert [made["parse_all"] for made in fake_attributor.made] == [False, True]


def test_a_suite_input_error_fails_the_run(capsys, fake_attributor, tmp_path: Path) -> None:
    assert runner.main(["--suite", "news", "--news-texts", str(tmp_path / "absent")]) == 1
    assert "news suite FAILED to run" in capsys.readouterr().out


def test_a_changed_news_text_is_an_error_not_a_skip(capsys, fake_attributor, tmp_path: Path) -> None:
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir(), texts.mkdir()
    (texts / "a.txt").write_text("Some text.", encoding="utf-8")
    (gold / "a.json").write_text(json.dumps({"id": "a", "source": "a.txt", "sha256": "0" * 64,
                                             "entities": [], "quotes": []}), encoding="utf-8")
    assert runner.main(["--suite", "news", "--news-texts", str(texts), "--news-gold", str(gold)]) == 1
    assert "the text changed since it was annotated" in capsys.readouterr().out


def test_fuzz_suite_is_skipped_without_the_properties(monkeypatch, tmp_path: Path) -> None:
    from benchmarks.suites import fuzz

    monkeypatch.setattr(fuzz, "PROPERTIES", tmp_path / "absent.py")
    result = fuzz.run(argparse.Namespace(fuzz_scale=1))
    assert result.skipped and "absent.py" in result.skipped and not result.figures


@pytest.mark.parametrize("options", [
    ["--suite", ""],  # an unset variable: would run every suite
    ["--suite", "news", "--news-texts", ""],  # would skip the suite and pass
    ["--suite", "seed", "--thresholds", "THRESHOLDS_DIR"],
    ["--suite", "seed", "--thresholds", "MISSPELT"],  # [sed]: guards nothing
    ["--suite", "seed", "--json", "JSON_DIR"],
    ["--suite", "seed", "--models", "NO_MODELS"],
    ["--suite", "speed", "--speed-articles", "-1"],
    ["--suite", "polnear", "--limit", "0"],
], ids=["empty suite", "empty path", "thresholds a directory", "misspelt section", "json a directory",
        "no models", "negative articles", "zero limit"])
def test_options_that_would_hide_a_mistake_are_usage_errors(fake_attributor, tmp_path: Path, options) -> None:
    misspelt = tmp_path / "misspelt.toml"
    misspelt.write_text('[sed]\n"detection.f1" = 1.0\n', encoding="utf-8")
    where = {"THRESHOLDS_DIR": str(tmp_path), "MISSPELT": str(misspelt), "JSON_DIR": str(tmp_path),
             "NO_MODELS": str(tmp_path / "no-models")}
    with pytest.raises(SystemExit) as exit_info:
        runner.main([where.get(option, option) for option in options])
    assert exit_info.value.code == 2


def test_a_stored_speed_run_that_is_not_one_stops_the_suite(tmp_path: Path) -> None:
    from benchmarks.errors import SuiteError
    from benchmarks.suites.speed import load_last

    assert load_last(tmp_path / "none-yet.json") is None
    for content in ("{not json", "[1, 2]"):
        (tmp_path / "last.json").write_text(content, encoding="utf-8")
        with pytest.raises(SuiteError, match="delete it to start afresh"):
            load_last(tmp_path / "last.json")


def test_unknown_suite_is_a_usage_error(fake_attributor) -> None:
    with pytest.raises(SystemExit) as exit_info:
        runner.main(["--suite", "nonesuch"])
    assert exit_info.value.code == 2


def test_polnear_suite_scores_with_a_fake_attributor(capsys, fake_attributor, polnear_dir, monkeypatch) -> None:
    text = ARTICLE
    start = text.index("We will win,")
    smith = text.index("Smith")
    invented_start = text.index("Taxes will fall.")

    def predict(self, value: str) -> Attribution:
        speaker = Speaker(mention=Span.of(value, smith, smith + 5), name="John Smith", role=None,
                          organization=None, kind="person", entity="smith")
        return Attribution(text=value, quotes=[
            Quote(kind="direct", content=[Span.of(value, start, start + 12)], cue=None, cue_lemma=None,
                  speaker=speaker, paragraph=1, method="direct:test", confidence=1.0),
            # the second half of the split quote, predicted apart: a piece of a matched quote, ignored
            Quote(kind="direct", content=[Span.of(value, invented_start, invented_start + 16)], cue=None,
                  cue_lemma=None, speaker=speaker, paragraph=1, method="direct:test", confidence=1.0),
            # the first line is no attribution in the gold: an invented quote
            Quote(kind="direct", content=[Span.of(value, 0, 5)], cue=None, cue_lemma=None, speaker=None,
                  paragraph=0, method="direct:headline", confidence=1.0),
        ])

    monkeypatch.setattr(FakeAttributor, "__call__", predict)
    results = polnear_dir / "results.json"
    (polnear_dir / "none.toml").write_text("", encoding="utf-8")  # no thresholds: the figures alone
    assert runner.main(["--suite", "polnear", "--polnear", str(polnear_dir), "--json", str(results),
                        "--thresholds", str(polnear_dir / "none.toml")]) == 0
    figures = json.loads(results.read_text(encoding="utf-8"))["suites"]["polnear"]["figures"]
    assert figures["detection.direct.recall"] == 1.0
    assert figures["detection.indirect_speech.recall"] == 0.0
    assert figures["detection.precision"] == 0.5  # one matched, one invented, one ignored piece
    assert figures["speaker.accuracy"] == 1.0 and figures["speaker.other.accuracy"] == 1.0
    assert figures["speaker.pronoun.accuracy"] is None  # no matched quote with a pronoun Source: null
    out = capsys.readouterr().out
    assert "invented quotes, by predicted method: 1" in out and "direct:headline" in out
    assert "missed indirect (speech) quotes, by cue lemma: 1" in out


def test_a_crashing_suite_is_reported_and_fails_the_run(capsys, fake_attributor, monkeypatch) -> None:
    from benchmarks.suites import seed

    def crash(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(seed, "run", crash)
    assert runner.main(["--suite", "seed,news"]) == 1
    out = capsys.readouterr().out
    assert "seed suite FAILED to run: crashed" in out and "RuntimeError: boom" in out
    assert "news suite skipped" in out  # the other suites still run
