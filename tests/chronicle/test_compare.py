"""Outlet comparison: each outlet's modality, wording, framing, quoted speakers, tone and
conflicts for one chronicle event; ``kronika compare``."""

from __future__ import annotations

import json

import pytest
from devcorpus import DevCorpus
from typer.testing import CliRunner

from kronika.chronicle.compare import compare_event
from kronika.cli import app
from kronika.models import (
    ActorRef,
    ChronicleEvent,
    ChronicleReport,
    Conflict,
    ConflictClaim,
    Document,
    Quote,
    Sentence,
    Span,
    Technique,
    Tone,
    ToneScore,
)

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
TEXT = (
    "Police said the crowd was calm. "  # 0-31
    'Officers fired tear gas at so-called "peaceful" protesters. '  # 32-91
    "The mayor said it was a crime."  # 92-122
)


def tone(start: int, end: int, value: float, words: int) -> ToneScore:
    return ToneScore(
        start=start,
        end=end,
        tone=value,
        positive=0,
        negative=0,
        polarity=0,
        words=words,
        compound=0,
    )


def test_an_account_holds_the_sentence_framing_speakers_tone_and_conflicts() -> None:
    doc = Document(
        id="d1", outlet="Valley Post", text=TEXT,
        sentences=[Sentence(start=0, end=31), Sentence(start=32, end=91), Sentence(start=92, end=122)],
        framing=[
            Technique(technique="Scare_Quotes", start=69, end=78, text='"peaceful"', confidence=0.9),
            Technique(technique="Loaded_Language", start=113, end=121, text="a crime", confidence=0.5),
            Technique(technique="One_Sided_Sourcing", start=0, end=0, text="", confidence=0.7),
        ],
        quotes=[
            Quote(id="q1", start=92, end=122, text="it was a crime", kind="indirect",
                  speaker=ActorRef(name="The mayor")),
            Quote(id="q2", start=0, end=10, text="the crowd was calm", kind="indirect",
                  speaker=ActorRef(actor_id="xkx.org.kosovo-police", name="Kosovo Police"),
                  speaker_evidence=Span(start=0, end=6)),
        ],
        tone=Tone(document=tone(0, 122, -2.5, 20), sentences=[tone(32, 91, -4.0, 9), tone(92, 122, -8.0, 7)]),
    )  # fmt: skip
    report = ChronicleReport(
        document_id="d1", event_id="e1", outlet="Valley Post", type="COERCE", modality="asserted",
        evidence=[Span(start=32, end=58)], confidence=0.8, source="Valley Post",
    )  # fmt: skip
    denial = report.model_copy(
        update={"document_id": "d2", "modality": "denied", "source": "Herald", "outlet": "Herald"}
    )
    event = ChronicleEvent(
        id="c1", type="COERCE", precision="day", sources=2, documents=2, reports=[report, denial],
        conflicts=[Conflict(kind="modality", subject="modality", claims=[
            ConflictClaim(value="asserted", reports=[0]), ConflictClaim(value="denied", reports=[1])])],
    )  # fmt: skip
    comparison = compare_event(event, {"d1": doc})
    first, second = comparison.accounts
    assert first.sentence == TEXT[32:91] and first.marks == [(0, 26)]
    assert [t.technique for t in first.framing] == ["Scare_Quotes"]
    assert [(s.name, s.where) for s in first.speakers] == [
        ("The mayor", "next to"),
        ("Kosovo Police", "next to"),
    ]
    assert first.sentence_tone == -4.0 and first.document_tone == -2.5
    assert first.conflicts == ["modality: asserted (others: denied)"]
    assert second.modality == "denied" and second.sentence == ""  # its document is not at hand
    assert second.conflicts == ["modality: denied (others: asserted)"]
    exported = comparison.export()
    assert [o["outlet"] for o in exported["outlets"]] == ["Valley Post", "Herald"]


@pytest.mark.model
def test_compare_shows_each_outlet_with_its_modality_and_the_denial(dev_corpus: DevCorpus) -> None:
    event = dev_corpus.event_with("dev/06.txt", "its army had moved troops towards the border")
    result = runner.invoke(app, ["compare", event.id[:8], "--db", dev_corpus.db], env=WIDE)
    assert result.exit_code == 0, result.output
    for outlet in event.outlets:
        assert outlet in result.output
    assert "denied" in result.output and "reported" in result.output
    assert "defence ministry" in result.output  # the relay of the denial
    assert "⚠ modality: denied" in result.output

    as_json = runner.invoke(app, ["compare", event.id, "--db", dev_corpus.db, "--format", "json"])
    data = json.loads(as_json.output)
    assert data["event"]["id"] == event.id
    told = {(o["outlet"], a["modality"]) for o in data["outlets"] for a in o["accounts"]}
    assert ("Northline Wire", "denied") in told and ("Valley Post", "reported") in told
    northline = next(o for o in data["outlets"] if o["outlet"] == "Northline Wire")
    denial = next(a for a in northline["accounts"] if a["modality"] == "denied")
    start, end = denial["marks"][0]
    assert "army had moved troops" in denial["sentence"][start:end]
    assert denial["asserted_by"] == ["Northline Wire", "Serbia's defence ministry"]
    assert "Serbia's defence ministry" in [s["name"] for s in denial["speakers"]]


@pytest.mark.model
def test_compare_an_unknown_event_is_not_found(dev_corpus: DevCorpus) -> None:
    result = runner.invoke(app, ["compare", "ffffffff", "--db", dev_corpus.db])
    assert result.exit_code == 5
    assert "no chronicle event" in result.output
