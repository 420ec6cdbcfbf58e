"""Framing (kronika.extract.framing, kronika.extract.techniques) on texts written for these
tests, plus one check of the issue's "Done means" on the two bundled samples and a dev-split
smoke test of the learned model when the PTC benchmark is present."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.tokens import Doc

from kronika.extract.actors import Resolution
from kronika.extract.framing import (
    FramingContext,
    Sourcing,
    extract_framing,
    find_contested_labels,
    find_loaded_terms,
    find_scare_quotes,
    find_techniques,
    load_vader,
    measure_tone,
    profile_sourcing,
    sourcing_technique,
)
from kronika.extract.quotes import QuoteFinding
from kronika.extract.techniques import (
    PTC_TO_SEMEVAL2023,
    SEMEVAL2023_LABELS,
    LinearModel,
    decode_spans,
    gated_probabilities,
    load_technique_model,
    score_si,
    semeval2023_label,
    sentence_features,
    stack_features,
    stacked_probabilities,
)


# ------------------------------------------------------------------------------ no model needed
def test_ptc_labels_map_onto_semeval2023() -> None:
    assert len(SEMEVAL2023_LABELS) == 23
    assert len(PTC_TO_SEMEVAL2023) == 14
    assert set(PTC_TO_SEMEVAL2023.values()) <= set(SEMEVAL2023_LABELS)
    assert semeval2023_label("Bandwagon,Reductio_ad_hitlerum", "just like the Nazis did") == (
        "Guilt_by_Association"
    )
    assert semeval2023_label("Thought-terminating_Cliches") == "Conversation_Killer"


def test_si_metric_gives_partial_credit() -> None:
    gold = {"a": [(0, 10)]}
    assert score_si({"a": [(0, 10)]}, gold)["f1"] == pytest.approx(1.0)
    half = score_si({"a": [(0, 5)]}, gold)
    assert half["precision"] == pytest.approx(1.0)
    assert half["recall"] == pytest.approx(0.5)
    assert score_si({"a": [(20, 30)]}, gold)["f1"] == 0.0


def test_linear_model_round_trip() -> None:
    import numpy as np

    model = LinearModel(("0", "1"), {"b": 0, "w=x": 1}, np.array([[0, 0], [-1, 1]], np.float32))
    again = LinearModel.from_bytes(model.to_bytes())
    assert again.labels == ("0", "1")
    assert again.probabilities(["b", "w=x"])[1] > 0.8


def test_packaged_model_is_small_and_complete() -> None:
    model = load_technique_model()
    assert set(model.tc.labels) == set(PTC_TO_SEMEVAL2023)
    assert 0 < model.threshold < 1
    folder = Path(__file__).resolve().parents[2] / "kronika" / "data" / "models" / "framing"
    assert sum(p.stat().st_size for p in folder.iterdir()) < 8 * 1024 * 1024
    assert model.stage2 is not None
    assert model.low is not None and 0 < model.low <= model.threshold


def test_stacked_features_and_hysteresis_decoding() -> None:
    import numpy as np
    import spacy

    doc = spacy.blank("en")("They lie and cheat all day long.")
    for t in doc:
        t.is_sent_start = t.i == 0
    probs = np.array([0.1, 0.6, 0.3, 0.3, 0.05, 0.05, 0.05, 0.0], dtype=np.float32)
    feats = stack_features(doc, probs)
    assert "p0=12" in feats[1] and "p-1=2" in feats[1] and "p1=6" in feats[1]
    assert "smax=12" in feats[0]
    stage2 = LinearModel(("0", "1"), {"b": 0, "p0=12": 1}, np.array([[1, -1], [-4, 4]], np.float32))
    stacked = stacked_probabilities(doc, probs, stage2)
    assert stacked[1] > 0.5 > stacked[2]
    # without hysteresis only "lie" reaches 0.5; with low=0.25 the run grows to "lie and cheat"
    assert [doc.text[s:e] for s, e, _ in decode_spans(doc, probs, 0.5, 0)] == ["lie"]
    spans = decode_spans(doc, probs, 0.5, 0, low=0.25)
    assert [doc.text[s:e] for s, e, _ in spans] == ["lie and cheat"]
    assert decode_spans(doc, probs, 0.7, 0, low=0.25) == []  # no token reaches the threshold


def test_gate_mixes_sentence_probability_into_tokens() -> None:
    import numpy as np
    import spacy

    doc = spacy.blank("en")("They lie. We win.")
    doc[0].is_sent_start = True
    doc[3].is_sent_start = True
    gate = LinearModel(("0", "1"), {"b": 0, "w=lie": 1}, np.array([[1, -1], [-4, 4]], np.float32))
    probs = np.full(len(doc), 0.2, dtype=np.float32)
    mixed = gated_probabilities(doc, probs, gate, 0.5)
    assert mixed.shape == probs.shape
    assert mixed[0] > 0.5 > mixed[4]  # "They lie." is gated up, "We win." down
    assert "w=lie" in sentence_features(doc[0:3])


# ------------------------------------------------------------------------------ with the parser
@dataclass
class Parsed:
    doc: Doc
    resolution: Resolution
    quotes: list[QuoteFinding]
    sourcing: Sourcing


Run = Callable[[str], Parsed]


@pytest.fixture(scope="module")
def ctx() -> FramingContext:
    from kronika.knowledge import load_knowledge

    return FramingContext.default(load_knowledge().registry.get)


@pytest.fixture(scope="module")
def run(ctx: FramingContext) -> Run:
    from kronika.extract.actors import resolve_mentions
    from kronika.extract.entities import extract_entities
    from kronika.extract.quotes import QuoteContext, find_quotes, profile_speakers
    from kronika.knowledge import load_knowledge
    from kronika.nlp.pipeline import load_pipeline
    from kronika.settings import Settings

    pipeline = load_pipeline(Settings())
    knowledge = load_knowledge()
    qctx = QuoteContext.from_registry(knowledge.registry)

    def go(text: str) -> Parsed:
        doc = pipeline.nlp(text)
        entities = extract_entities(doc, model_id="test", label_precision={})
        resolution = resolve_mentions(doc, entities, knowledge.context(reference_date=None))
        quotes = find_quotes(doc, resolution, None, qctx)
        sourcing = profile_sourcing(profile_speakers(quotes, resolution, qctx), resolution, ctx)
        return Parsed(doc, resolution, quotes, sourcing)

    return go


@pytest.mark.model
def test_scare_quotes_versus_partial_quotes(run: Run, ctx: FramingContext) -> None:
    text = (
        'The new "ministers" of the breakaway region met on Monday. '
        "The defence minister said the situation was “explosive” and called for calm. "
        'Observers described the vote as "rigged", according to the monitoring group. '
        "Residents were fined as “intruders” for crossing the line."
    )
    p = run(text)
    found = {s.term: s for s in find_scare_quotes(p.doc, p.resolution, p.quotes, ctx)}
    assert "ministers" in found and found["ministers"].office == "minister"
    assert found["ministers"].confidence >= 0.8
    assert "intruders" in found
    assert "explosive" not in found  # the minister's own word
    assert "rigged" not in found  # reported speech


@pytest.mark.model
def test_scare_quote_names_its_target(run: Run, ctx: FramingContext) -> None:
    text = 'Yesterday the "prime minister" of Kosovo, Albin Kurti, sent police to the north.'
    p = run(text)
    scare = find_scare_quotes(p.doc, p.resolution, p.quotes, ctx)
    assert [s.term for s in scare] == ["prime minister"]
    assert scare[0].target_actor_id == "xkx.person.albin-kurti"
    assert scare[0].technique().technique == "Scare_Quotes"


@pytest.mark.model
def test_mentions_and_titles_are_not_scare_quotes(run: Run, ctx: FramingContext) -> None:
    text = 'The operation, dubbed "Storm", began at dawn. He read the book "War and Peace" twice.'
    p = run(text)
    assert find_scare_quotes(p.doc, p.resolution, p.quotes, ctx) == []


@pytest.mark.model
def test_contested_status_labels(run: Run, ctx: FramingContext) -> None:
    text = (
        "Officials of the self-proclaimed republic met the so-called peacekeepers, "
        "while the partially recognized Kosovo protested. The decision was illegitimate."
    )
    p = run(text)
    labels = find_contested_labels(p.doc, p.resolution, ctx)
    texts = [t.text for t in labels]
    assert "self-proclaimed republic" in texts
    assert "so-called peacekeepers" in texts
    kosovo = [t for t in labels if t.text == "partially recognized Kosovo"]
    assert kosovo and kosovo[0].target_actor_id == "xkx.state"
    assert not any("illegitimate" in t for t in texts)  # a predicate, not a label


@pytest.mark.model
def test_loaded_seed_terms_grow_to_their_modifier(run: Run, ctx: FramingContext) -> None:
    p = run(
        "The ministry denounced the organized terror and the false propaganda of the occupiers."
    )
    found = {t.text: t.technique for t in find_loaded_terms(p.doc, p.resolution, ctx)}
    assert found.get("organized terror") == "Loaded_Language"
    assert found.get("false propaganda") == "Loaded_Language"
    assert found.get("occupiers") == "Name_Calling-Labeling"


@pytest.mark.model
def test_one_sided_sourcing_verdict(run: Run) -> None:
    text = (
        'Serbian President Aleksandar Vucic said: "We will defend our people."\n\n'
        '"The West is to blame," Russian Foreign Minister Sergey Lavrov told reporters.\n\n'
        "Kosovo police entered the north. Kosovo officials gave no comment. "
        "The Kosovo government met. Kosovo border posts were closed."
    )
    p = run(text)
    s = p.sourcing
    assert s.one_sided
    assert {x.side for x in s.sides} == {"SRB", "RUS"}
    assert [x.side for x in s.silent] == ["XKX"]
    assert "No direct voice: Kosovo" in s.verdict
    record = sourcing_technique(s)
    assert record is not None and record.technique == "One_Sided_Sourcing"


@pytest.mark.model
def test_balanced_sourcing_is_not_one_sided(run: Run) -> None:
    text = (
        'Serbian President Aleksandar Vucic said: "We will defend our people."\n\n'
        '"We want peace," Kosovo Prime Minister Albin Kurti told reporters.'
    )
    s = run(text).sourcing
    assert not s.one_sided and sourcing_technique(s) is None
    assert {x.side for x in s.sides} == {"SRB", "XKX"}


@pytest.mark.model
def test_tone_sign(run: Run) -> None:
    polarity = load_vader()
    good = measure_tone(
        run(
            "The talks were a great success and both sides praised the friendly, constructive agreement."
        ).doc,
        polarity,
    )
    bad = measure_tone(
        run("The brutal attack killed civilians and caused terrible destruction and fear.").doc,
        polarity,
    )
    assert good.document.tone > 0 and good.document.compound > 0
    assert bad.document.tone < 0 and bad.document.compound < 0
    assert -100 <= bad.document.tone <= 100
    assert len(bad.sentences) == 1


@pytest.mark.model
def test_learned_model_flags_loaded_language(run: Run) -> None:
    p = run(
        "The corrupt, treasonous elites are waging a shameful war of lies against "
        "ordinary, decent people."
    )
    spans = find_techniques(p.doc, load_technique_model())
    assert spans, "no technique span found"
    assert any(t.technique in ("Loaded_Language", "Name_Calling-Labeling") for t in spans), spans


@pytest.mark.model
def test_samples_done_means(run: Run, ctx: FramingContext, examples: list[Path]) -> None:
    second = run(examples[1].read_text("utf-8"))
    scare = find_scare_quotes(second.doc, second.resolution, second.quotes, ctx)
    offices = {s.office for s in scare}
    assert {"mayor", "government", "prime minister", "peacekeepers"} <= offices
    assert all(s.confidence >= 0.6 for s in scare if s.office)
    targets = {s.office: s.target_actor_id for s in scare if s.target_actor_id}
    assert targets.get("government") == "xkx.government"
    assert targets.get("prime minister") == "xkx.person.albin-kurti"
    assert not any(s.term == "vile discrimination" for s in scare)  # a partial quote
    records = extract_framing(second.doc, second.resolution, second.quotes, ctx)
    loaded = {
        r.text.lower()
        for r in records
        if r.technique in ("Loaded_Language", "Name_Calling-Labeling")
    }
    for term in (
        "pogroms",
        "ethnic cleansing",
        "occupiers",
        "vile discrimination",
        "false propaganda",
    ):
        assert any(term in x for x in loaded), term
    assert second.sourcing.one_sided
    expert_sides = {x.side for x in second.sourcing.sides if x.experts}
    assert expert_sides == {"RUS", "SRB"}
    first = run(examples[0].read_text("utf-8"))
    records = extract_framing(first.doc, first.resolution, first.quotes, ctx)
    assert any(
        r.technique == "Contested_Status" and "partially recognized" in r.text for r in records
    )
    assert any("organized terror" in r.text for r in records)
    assert {x.side for x in first.sourcing.sides if x.experts} <= {"RUS", "SRB"}


# ------------------------------------------------------------------------------ benchmark
@pytest.mark.benchmark
def test_model_on_a_few_dev_articles(benchmark_path: Path) -> None:
    corpus = benchmark_path / "ptc-semeval2020-task11"
    if not corpus.is_dir():
        pytest.skip(f"PTC not found at {corpus}")
    import spacy

    from kronika.extract.techniques import classify_span
    from kronika.nlp.pipeline import resolve_model_name

    nlp = spacy.load(resolve_model_name("en_core_web_sm"), exclude=["ner", "lemmatizer"])
    model = load_technique_model()
    paths = sorted((corpus / "dev-articles").glob("*.txt"))[:8]
    ids = {p.stem.removeprefix("article") for p in paths}
    gold: dict[str, list[tuple[int, int]]] = {}
    labels: list[tuple[str, str, int, int]] = []
    for line in (corpus / "dev-task-TC.labels").read_text("utf-8").splitlines():
        article, label, s, e = line.split("\t")
        if article in ids:
            gold.setdefault(article, []).append((int(s), int(e)))
            labels.append((article, label, int(s), int(e)))
    predicted = {}
    texts = {p.stem.removeprefix("article"): p.read_text("utf-8") for p in paths}
    for article, text in texts.items():
        doc = nlp(text)
        predicted[article] = [(s, e) for s, e, _ in model.find_spans(doc)]
    assert score_si(predicted, gold)["f1"] > 0.15
    hits = sum(classify_span(texts[a], s, e, model.tc)[0][0] == label for a, label, s, e in labels)
    assert hits / len(labels) > 0.35


def test_vector_heads_round_trip_and_feed_the_second_stage() -> None:
    import numpy as np
    import spacy

    from kronika.extract.techniques import EncoderHeads, VectorHead, dense_probabilities

    rng = np.random.default_rng(0)
    token = VectorHead(
        (
            (rng.normal(size=(4, 3)).astype(np.float32), np.zeros(3, np.float32)),
            (np.ones((3, 1), np.float32), np.array([-1.0], np.float32)),
        )
    )
    sentence = VectorHead(((np.ones((4, 1), np.float32), np.zeros(1, np.float32)),))
    heads = EncoderHeads(token, sentence, layers=2)
    again = EncoderHeads.from_bytes(heads.to_bytes())
    assert again.layers == 2 and len(again.token.layers) == 2
    x = rng.normal(size=(5, 4)).astype(np.float32)
    assert np.allclose(again.token.probabilities(x), token.probabilities(x))
    relu = np.maximum(x @ token.layers[0][0], 0).sum(axis=1) - 1
    assert np.allclose(token.probabilities(x), 1 / (1 + np.exp(-relu)), atol=1e-6)

    doc = spacy.blank("en")("They lie. We win.")
    doc[0].is_sent_start = True
    doc[3].is_sent_start = True
    vectors = np.zeros((len(doc), 4), np.float32)
    vectors[:3] = 1.0  # "They lie ." leans positive in the sentence head, "We win ." is 0
    tok, sent = dense_probabilities(doc, heads, vectors)
    assert sent[0] == sent[2] > 0.9 and sent[3] == pytest.approx(0.5)
    feats = stack_features(doc, np.full(len(doc), 0.3, np.float32), (tok, sent))
    assert "se=19" in feats[0] and "se=10" in feats[4]
    assert any(f.startswith("e0|p0=") for f in feats[0])
    assert not any(f.startswith("e0=") for f in stack_features(doc, np.zeros(len(doc)))[0])


def test_packaged_model_reads_the_encoder() -> None:
    model = load_technique_model()
    assert model.heads is not None and 1 <= model.heads.layers <= 6
