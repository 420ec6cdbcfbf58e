"""Sentences and named-entity mentions from a spaCy ``Doc``.

The small English pipelines give no per-mention score, so an entity's confidence is
the model's published precision for its label (``meta.json`` ``ents_per_type``): a
calibrated prior rather than a made-up number. Mentions keep spaCy's offsets, trimmed
of surrounding whitespace and punctuation that the tokenizer sometimes leaves inside.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from kronika.models import Entity, Provenance, Sentence

EXTRACTOR = "kronika.entities"
#: 2: the entity corrector splits spans at paragraph breaks and joins truncated names;
#: 3: it adds gazetteer towns the model missed after a locative preposition ("in Novi Sad");
#: 4: a possessive the model tags as part of a name is left out ("the central bank's")
VERSION = "4"

_TRIM = " \t\r\n\"'“”‘’«»()[]{},;:"


def extract_sentences(doc: Doc) -> list[Sentence]:
    """Sentence spans, without leading or trailing whitespace."""
    text = doc.text  # built from the tokens on every access: read it once
    out: list[Sentence] = []
    for sent in doc.sents:
        start, end = _trim(text, sent.start_char, sent.end_char, " \t\r\n")
        if end > start:
            out.append(Sentence(start=start, end=end))
    return out


def extract_entities(
    doc: Doc, *, model_id: str, label_precision: Mapping[str, float]
) -> list[Entity]:
    """Entity mentions with label, offsets and provenance."""
    text = doc.text  # built from the tokens on every access: read it once
    out: list[Entity] = []
    for ent in doc.ents:
        end_char = ent.end_char
        if len(ent) > 1 and ent[-1].tag_ == "POS":
            end_char = ent[-1].idx  # "the central bank's": the possessive is no part of a name
        start, end = _trim(text, ent.start_char, end_char, _TRIM)
        if end <= start:
            continue
        out.append(
            Entity(
                start=start,
                end=end,
                text=text[start:end],
                label=ent.label_,
                provenance=Provenance(
                    extractor=f"{EXTRACTOR}.v{VERSION}+{model_id}",
                    version=VERSION,
                    confidence=label_precision.get(ent.label_),
                ),
            )
        )
    return out


def _trim(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
