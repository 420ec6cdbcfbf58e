"""Events: who did what to whom, when and where, how it was told and who says so.

A pure function of a parsed spaCy ``Doc``, the document's actor :class:`Resolution`
(:func:`kronika.extract.actors.resolve_mentions`), its time and quote records and its
publication date. All vocabulary comes from ``kronika/data/en/plover_lexicon.yaml`` through
:class:`EventLexicon`; nothing here reads a file after the lexicon is loaded, touches the
network or keeps module-level mutable state. Extractor name ``kronika.events``, version
``VERSION``. The method is described in ``docs/events.md``; in short:

1. **Triggers.** A verb is an event when the lexicon codes it: a phrase ("call on", "take to
   the streets"), a verb whose category depends on its object or subject ("sent troops" is
   MOBILIZE, "sent aid" AID, "police entered" MOBILIZE), or a verb coded alone ("accused").
   A noun is an event ("talks", "riots", "the withdrawal of …") only where a support verb
   ("held talks"), an occurrence verb ("protests began", "escalated into riots"), a
   modality or reporting verb governs it. Adjectival participles ("self-proclaimed"), photo
   captions and credits make no events; verbs of saying are events only where PLOVER codes
   them (accuse, demand, reject, threaten, agree …); "said X must …" is a REQUEST.
   An act that is only announced by its own modal ("will support", "would blockade", "will
   not accept", "X must return …") is coded as PLOVER codes it: AGREE, THREATEN, REJECT or
   REQUEST (:meth:`_Extractor.stance`).
2. **Arguments.** actor1 is the subject (the ``by`` agent of a passive; the controller of an
   infinitive: the object of "urged X to …"), actor2 the object or the complement of "with",
   "against", "on" …; a coordinated subject of a symmetric event ("X and Y agreed") gives
   actor2 as well. Where no pattern gives actor2: a threat's condition ("unless X …"), the
   nearest actor of the trigger's clause, then its country or city (CAMEO codes the location
   as the target). Names resolve through the mentions of the resolution, pronouns to the
   nearest compatible earlier mention. The place is the first gazetteer place under a
   locative preposition of the trigger; the date comes from the ``date_for`` callable (the
   times stage), else the publication window. Quantities are the numbers of the event's
   clause, with their unit, qualifier ("up to", "only") and, for casualty verbs, "killed" /
   "injured" / "arrested" appended to the unit.
3. **Modality.** Conditionals and questions are ``hypothetical``; negation ``negated``; a
   complement of a modality verb takes that verb's modality ("will consider the return of
   troops" is ``considered``); the event's own modal auxiliary gives ``planned`` (will),
   ``hypothetical`` (would, could, may) or ``demanded`` (must, should); "would" in a reported
   clause is a future in the past (``planned``); "allegedly" makes it ``reported``.
   An event in a quote or under a reporting verb is at most ``reported``.
4. **asserted_by.** ``[outlet, *quote.via, speaker]`` for an event inside a quote,
   ``[outlet, subject]`` under a reporting verb or "according to X", else ``[outlet]``.
5. **Merging.** Mentions of one event (same type, modality, relay chain, compatible actors,
   dates and places) become one event with several evidence spans.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, cast, get_args

from spacy.tokens import Doc, Span, Token

from kronika.actors.registry import Actor
from kronika.datafiles import read_mapping
from kronika.extract.actors import Resolution
from kronika.extract.coref import parse_descriptions
from kronika.extract.event_classifier import (
    EventClassifier,
    load_event_classifier,
    sentence_features,
)
from kronika.folding import fold
from kronika.models import (
    ActorMention,
    ActorRef,
    DateBasis,
    Entity,
    Event,
    EventType,
    Interval,
    Modality,
    Place,
    PlaceBasis,
    PlaceRef,
    Provenance,
    Published,
    Quantity,
    Quote,
    TimeRef,
)
from kronika.models import Span as EvidenceSpan

EXTRACTOR = "kronika.events"
VERSION = "1.36.0"
_ONGOING_DAYS = 7
"""Days before the date of a continuation ("continued on Wednesday") its event may have begun."""

DateFor = Callable[..., Any]
"""``(doc, times, span, published) -> Interval | (Interval | None, basis) | None``, e.g.
:func:`kronika.extract.times.date_for_span`."""

_EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
_MODALITIES: frozenset[str] = frozenset(get_args(Modality))
_SUBJECTS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "obj"})
_ACTOR_PREPS = frozenset({"with", "against", "on", "upon", "toward", "towards", "over", "at"})
_TARGET_PREPS = frozenset(
    {"to", "for", "against", "on", "upon", "with", "from", "toward", "towards"}
)
_PEOPLE_MOVED = frozenset({"release", "expel", "deport"})
"""Modes whose object is the people moved, whatever their word class ("released the police
officer", "expelled inspectors of the IAEA")."""
_STATE_VERBS = frozenset({"be", "remain", "stay"})
_BEING_VERBS = _STATE_VERBS | {"become", "seem", "look", "feel", "have"}
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_GERUND_CONTROL_PREPS = frozenset({"of", "for", "from", "with"})
"""Prepositions whose gerund's doer is the governing verb's object when that is an actor:
"accused Serbia of violating …", "thanked KFOR for protecting …", "arrested four men on
suspicion of attacking …"."""
_SURFACE_PREPS = frozenset({"on", "along", "over", "off", "beside", "behind", "under", "past"})
"""Spatial prepositions whose object is a spot, not a town ("on the bridge", "along the
road"): only a locative complement of that spot names the event's place."""
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "by"})
"""Prepositions of where something happened (not of a source or goal: "from", "to")."""
_PLACE_PREPS = frozenset(
    {"in", "at", "to", "into", "near", "inside", "across", "around", "outside", "throughout",
     "within", "from", "onto", "towards", "toward", "through"}
)  # fmt: skip
_TARGET_WALK = frozenset(
    {"dobj", "obj", "pobj", "prep", "poss", "compound", "amod", "xcomp", "dative", "attr",
     "oprd", "conj", "appos", "pcomp", "agent", "advcl", "nmod", "npadvmod", "acl"}
)  # fmt: skip
_POLITICAL_FEATURES = frozenset({"city", "admin1", "admin2", "country"})
"""Gazetteer kinds of place that can be an event's target (a town, province or country)."""
_CONTENT_TARGETS = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
"""Categories whose target may be the subject of what is said ("demanded that X …")."""
_ACTIONS = frozenset(
    {"SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "MOBILIZE", "ASSAULT",
     "COERCE", "SANCTION", "PROTEST"}
)  # fmt: skip
"""Categories of acts (not of speech): announced rather than done, PLOVER codes them as
AGREE, THREATEN, REJECT or REQUEST (see ``_Extractor.stance``)."""
_SPEAKING_SECTORS = frozenset({"GOV", "LEG", "JUD", "REL", "MED", "IGO"})
"""Registry sectors of institutions that protest in words (a party or a union may march)."""
_ANSWERED = frozenset({"ACCUSE", "REQUEST", "THREATEN"})
"""Categories of what is said to someone, who may reject it: the criticism, the demand or the
ultimatum a verb of rejecting takes as its object is another's statement, not the rejecter's."""
_HOSTILE = frozenset({"MOBILIZE", "ASSAULT", "COERCE", "SANCTION", "PROTEST"})
_ACTOR_CLASSES = frozenset(
    {"forces", "police", "envoy", "protesters", "institutions", "travellers"}
)
_PATIENT_CLASSES = frozenset({"protesters", "civilians", "targets", "envoy", "institutions"})
_STATEMENT_NOUNS = frozenset(
    {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "note",
     "message", "appeal", "memorandum", "petition"}
)  # fmt: skip
"""Nouns whose participle clause is what the statement does ("a declaration demanding …")."""
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_VOWS = frozenset({"vow", "swear", "pledge", "promise"})
_MEASURES = frozenset(
    {"kg", "kilogram", "ton", "tonne", "pound", "litre", "liter", "barrel", "shipment",
     "consignment", "load", "cargo", "batch", "quantity", "amount", "convoy", "truckload",
     "planeload", "package", "crate", "box", "sack", "bag", "lot", "dozen", "hundred",
     "thousand", "million", "ten", "tens", "score", "dozens", "hundreds", "thousands",
     "millions", "vehicle"}
)  # fmt: skip
_STATIVE = frozenset({"oppose"})  # "is opposed to": the passive subject is the agent
_LIGHT = frozenset({"undertake", "strike"})  # events alone, light verbs with an event noun
_FRAMES = frozenset(
    {"effort", "mission", "bid", "initiative", "campaign", "operation", "drive", "attempt"}
)  # nouns that take their event from a compound: "a mediation effort"
_READY = frozenset({"ready", "prepared", "willing", "determined", "eager", "keen", "able"})
_CIRCUMSTANCE_PREPS = frozenset(
    {"after", "before", "following", "despite", "since", "during", "until", "amid", "amidst",
     "as", "like", "than", "unlike", "besides", "except", "including", "under", "within"}
)  # fmt: skip
_SKIP_DEPS = frozenset({"amod", "compound", "acl"})
_CIRCUMSTANCE_NOUNS = frozenset(
    {"wake", "aftermath", "light", "face", "run-up", "midst", "course", "absence", "event",
     "case", "view", "spite"}
)  # fmt: skip
_CLIMB_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "conj", "nsubj", "nsubjpass", "attr",
     "acomp", "oprd", "pcomp", "appos"}
)  # fmt: skip
_PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})
_PRONOUNS_GROUP = frozenset({"they", "them", "their", "it", "its"})
_PRONOUNS_SPEAKER = frozenset({"i", "we", "me", "us", "our", "my"})
_SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})
_PATIENT_OF = frozenset({"COERCE", "ASSAULT", "SANCTION", "ACCUSE", "SUPPORT", "AID"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC"})
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_MODALITY_RANK = {
    "asserted": 0, "reported": 1, "planned": 2, "considered": 2, "threatened": 2,
    "demanded": 2, "denied": 3, "hypothetical": 3, "negated": 3,
}  # fmt: skip


# ------------------------------------------------------------------------------ lexicon
@dataclass(frozen=True)
class Coding:
    """A PLOVER category with its sub-mode and the nearest CAMEO code."""

    type: EventType
    mode: str | None
    cameo: str | None
    announced: EventType | None = None
    """For an act only announced and coded as PLOVER codes the announcement (AGREE,
    THREATEN, REJECT, REQUEST): the category of the act itself ("will send aid": AID)."""


@dataclass(frozen=True)
class EventLexicon:
    """The event vocabulary (``plover_lexicon.yaml``), parsed."""

    verbs: dict[str, Coding]
    phrases: dict[str, list[tuple[tuple[str, ...], Coding]]]
    object_verbs: dict[str, dict[str, Coding]]
    support_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    effect_verbs: frozenset[str]
    undergoer_nouns: frozenset[str]
    place_nouns: frozenset[str]
    object_demand_verbs: frozenset[str]
    nouns: dict[str, Coding]
    force_nouns: dict[str, Coding]
    classes: dict[str, frozenset[str]]
    modality_verbs: dict[str, Modality]
    modality_phrases: dict[str, list[tuple[tuple[str, ...], Modality]]]
    reporting_verbs: frozenset[str]
    modals: dict[str, Modality]
    hedges: frozenset[str]
    conditionals: frozenset[str]
    negations: frozenset[str]
    caption_marks: tuple[str, ...]
    qualifiers: tuple[str, ...]
    currencies: dict[str, str]
    number_words: dict[str, float]
    multipliers: dict[str, float]
    casualties: dict[str, frozenset[str]]
    actor_nouns: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    """Nouns whose "that" clause is something claimed ("accusations that officers used
    force"): the clause is an event, reported, or denied when the claim is denied."""
    demand_nouns: frozenset[str] = frozenset()
    """Nouns of asking whose to-infinitive is demanded ("calls to scrap the tariff")."""
    idioms: frozenset[str] = frozenset()
    """Preposition + bare noun pairs that name no actor ("in force")."""
    civil_codings: dict[str, Coding] = field(default_factory=dict)
    """CAMEO code → the coding of the same act done by civilians ("a blockade by residents"
    is a protest, not a state's measure)."""
    civil_actors: frozenset[str] = frozenset()
    recipient_classes: frozenset[str] = frozenset()
    """Word classes whose delivery (an AID entry of ``object_verbs``) needs a recipient
    ("sent weapons *to* …"): without one, sending a drone arms no one."""
    natural_causes: frozenset[str] = frozenset()
    """Subjects that make a verb nobody's act ("a storm cut power")."""
    """Head nouns of civilian actors (residents, farmers, drivers …)."""
    assembly_verbs: frozenset[str] = frozenset()
    """Verbs of coming together that are a protest when their purpose is one."""
    protest_purposes: frozenset[str] = frozenset()
    """Purposes that make a gathering a protest ("gathered *to demand* …")."""
    protest_manners: frozenset[str] = frozenset()
    """Nouns of "in protest", "in defiance": a verb the lexicon does not code, done that way,
    is a protest ("left the chamber in protest")."""
    undergoer_phrases: frozenset[tuple[str, ...]] = frozenset()
    """Phrases whose subject undergoes the act ("seven of the detained *walked free*")."""
    aspect_verbs: frozenset[str] = frozenset()
    """Verbs of aspect whose modal is their complement's ("will continue to protest",
    "would keep protesting": a protest announced, not one that took place)."""
    carrier_nouns: frozenset[str] = frozenset()
    """Nouns of a flow of goods whose kind the word before them names ("gas supplies")."""
    judging_verbs: frozenset[str] = frozenset()
    """Verbs that judge an act, whose event-noun object took place ("condemned the
    detention of the journalist", "welcomed the release")."""
    judging_adjectives: frozenset[str] = frozenset()
    """Adjectives that judge an act, whose event-noun subject took place ("her detention was
    unacceptable")."""
    response_verbs: frozenset[str] = frozenset()
    """Verbs of answering an act: vowed against a hostile act ("vowed to respond to any new
    attack") or with force, they threaten retaliation."""
    retaliation_verbs: frozenset[str] = frozenset()
    """Verbs of striking back: a vow to do so is always a threat ("vowed to retaliate")."""
    open_refusals: frozenset[str] = frozenset()
    """Refusals whose negation keeps a hostile act open: "did not rule out force"."""
    intent_nouns: frozenset[str] = frozenset()
    """Nouns whose to-infinitive is the holder's announced act ("a plan to suspend talks")."""
    wanting_verbs: frozenset[str] = frozenset()
    """Verbs whose subject asks another to act ("wants X to withdraw"): a REQUEST."""
    death_verbs: frozenset[str] = frozenset()
    """Verbs of dying: "died in an attack" says the attack took place, on the one who died."""
    continuation_verbs: frozenset[str] = frozenset()
    """Verbs that say an event noun was still going on ("the build-up continued on
    Wednesday"): their date is not the event's start."""
    topic_nouns: frozenset[str] = frozenset()
    """Nouns that name an occurrence or a matter ("the drone incident", "the border issue"):
    their modifiers say what it was about, not what the phrase is."""
    labelling_verbs: frozenset[str] = frozenset()
    """Verbs that give their object a name ("called the deployment a provocation")."""
    pejoratives: frozenset[str] = frozenset()
    descriptions: dict[str, frozenset[str]] = field(default_factory=dict)
    """Definite descriptions of a person named earlier ("the reporter") and the words that
    must be in that person's phrase (from quote_cues.yaml, shared with speakers)."""
    """Names that condemn what they are given to: such a label is an ACCUSE/disapprove."""
    version: str = "?"
    cameo_of: dict[str, str] = field(default_factory=dict)
    """The most frequent CAMEO code of each category among the verbs (for codings that
    come from the classifier)."""


def _coding(value: Any, where: str) -> Coding:
    if not isinstance(value, list) or len(value) != 3 or value[0] not in _EVENT_TYPES:
        raise ValueError(f"plover_lexicon.yaml {where}: expected [CATEGORY, mode, cameo]")
    mode = str(value[1]) if value[1] else None
    cameo = str(value[2]) if value[2] else None
    return Coding(cast(EventType, value[0]), mode, cameo)


def _words(values: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


def parse_event_lexicon(data: dict[str, Any]) -> EventLexicon:
    """An :class:`EventLexicon` from the parsed contents of ``plover_lexicon.yaml``."""
    verbs = {str(k).replace("_", " "): _coding(v, f"verbs.{k}") for k, v in data["verbs"].items()}
    phrases: dict[str, list[tuple[tuple[str, ...], Coding]]] = {}
    for key, value in (data.get("phrases") or {}).items():
        head, *rest = str(key).lower().split()
        phrases.setdefault(head, []).append((tuple(rest), _coding(value, f"phrases.{key}")))
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))
    object_verbs = {
        str(verb): {str(c): _coding(v, f"object_verbs.{verb}.{c}") for c, v in table.items()}
        for verb, table in (data.get("object_verbs") or {}).items()
    }
    modality_verbs: dict[str, Modality] = {}
    modality_phrases: dict[str, list[tuple[tuple[str, ...], Modality]]] = {}
    reporting: frozenset[str] = frozenset()
    for name, words in (data.get("modality") or {}).items():
        if name == "reported":
            reporting = _words(words)
            continue
        if name not in _MODALITIES:
            raise ValueError(f"plover_lexicon.yaml modality: unknown modality {name!r}")
        for word in words:
            head, *rest = str(word).lower().split()
            if rest:
                modality_phrases.setdefault(head, []).append((tuple(rest), cast(Modality, name)))
            else:
                modality_verbs.setdefault(head, cast(Modality, name))
    modals: dict[str, Modality] = {}
    for name, words in (data.get("modals") or {}).items():
        for word in words:
            modals[str(word).lower()] = cast(Modality, name)
    quantities = data.get("quantities") or {}
    qualifiers = sorted({str(q).lower() for q in quantities.get("qualifiers") or []}, key=len)
    return EventLexicon(
        verbs=verbs,
        phrases=phrases,
        object_verbs=object_verbs,
        support_verbs=_words(data.get("support_verbs") or []),
        occurrence_verbs=_words(data.get("occurrence_verbs") or []),
        effect_verbs=_words(data.get("effect_verbs") or []),
        undergoer_nouns=_words(data.get("undergoer_nouns") or []),
        place_nouns=_words(data.get("place_nouns") or []),
        object_demand_verbs=_words(data.get("object_demand_verbs") or []),
        wanting_verbs=_words(data.get("wanting_verbs") or []),
        intent_nouns=_words(data.get("intent_nouns") or []),
        open_refusals=_words(data.get("open_refusals") or []),
        nouns={str(k).lower(): _coding(v, f"nouns.{k}") for k, v in data["nouns"].items()},
        force_nouns={
            str(k).lower(): _coding(v, f"force_nouns.{k}")
            for k, v in (data.get("force_nouns") or {}).items()
        },
        classes={str(k): _words(v) for k, v in (data.get("classes") or {}).items()},
        modality_verbs=modality_verbs,
        modality_phrases=modality_phrases,
        reporting_verbs=reporting,
        modals=modals,
        hedges=_words((data.get("hedges") or {}).get("reported") or []),
        claim_nouns=_words(data.get("claim_nouns") or []),
        demand_nouns=_words(data.get("demand_nouns") or []),
        idioms=_words(data.get("idioms") or []),
        conditionals=_words(data.get("conditionals") or []),
        negations=_words(data.get("negations") or []),
        caption_marks=tuple(str(m) for m in data.get("caption_marks") or []),
        qualifiers=tuple(reversed(qualifiers)),
        currencies={
            str(k).lower(): str(v) for k, v in (quantities.get("currencies") or {}).items()
        },
        number_words={str(k): float(v) for k, v in (quantities.get("words") or {}).items()},
        multipliers={str(k): float(v) for k, v in (quantities.get("multipliers") or {}).items()},
        casualties={str(k): _words(v) for k, v in (quantities.get("casualties") or {}).items()},
        actor_nouns=_words(data.get("actor_nouns") or []),
        civil_codings={
            str(k): _coding(v, f"civil_codings.{k}")
            for k, v in (data.get("civil_codings") or {}).items()
        },
        civil_actors=_words(data.get("civil_actors") or []),
        natural_causes=_words(data.get("natural_causes") or []),
        recipient_classes=_words(data.get("recipient_classes") or []),
        continuation_verbs=_words(data.get("continuation_verbs") or []),
        aspect_verbs=_words(data.get("aspect_verbs") or []),
        response_verbs=_words(data.get("response_verbs") or []),
        judging_verbs=_words(data.get("judging_verbs") or []),
        carrier_nouns=_words(data.get("carrier_nouns") or []),
        judging_adjectives=_words(data.get("judging_adjectives") or []),
        retaliation_verbs=_words(data.get("retaliation_verbs") or []),
        death_verbs=_words(data.get("death_verbs") or []),
        assembly_verbs=_words(data.get("assembly_verbs") or []),
        protest_purposes=_words(data.get("protest_purposes") or []),
        protest_manners=_words(data.get("protest_manners") or []),
        undergoer_phrases=frozenset(
            tuple(str(p).lower().split()) for p in data.get("undergoer_phrases") or []
        ),
        topic_nouns=_words(data.get("topic_nouns") or []),
        labelling_verbs=_words((data.get("labels") or {}).get("verbs") or []),
        pejoratives=_words((data.get("labels") or {}).get("pejoratives") or []),
        version=str(data.get("version", "?")),
        cameo_of=_cameo_of(verbs.values()),
    )


def _cameo_of(codings: Iterable[Coding]) -> dict[str, str]:
    counts: dict[str, dict[str, int]] = {}
    for c in codings:
        if c.cameo is not None:
            per = counts.setdefault(c.type, {})
            per[c.cameo] = per.get(c.cameo, 0) + 1
    return {t: min(per, key=lambda k: (-per[k], k)) for t, per in counts.items()}


@cache
def load_event_lexicon(language: str = "en") -> EventLexicon:
    """Read the packaged lexicon (``kronika/data/<language>/plover_lexicon.yaml``), once."""
    lexicon = parse_event_lexicon(read_mapping(language, "plover_lexicon.yaml"))
    speakers = read_mapping(language, "quote_cues.yaml").get("speakers") or {}
    return replace(lexicon, descriptions=parse_descriptions(speakers))


# ------------------------------------------------------------------------------ findings
@dataclass
class EventFinding:
    """One event mention (or several, merged) with what the extractor knows about it:
    the trigger token and the surface spans of its actors; :meth:`record` gives the
    contract's :class:`Event`."""

    trigger: int
    """Token index of the (first) trigger."""
    trigger_span: tuple[int, int]
    """Its character offsets."""
    coding: Coding
    how: str
    """How the trigger was coded: verb, phrase, object, subject, noun, force-noun."""
    modality: Modality
    asserted_by: list[ActorRef]
    evidence: list[tuple[int, int]]
    actor1: ActorRef | None = None
    actor1_span: tuple[int, int] | None = None
    actor2: ActorRef | None = None
    actor2_span: tuple[int, int] | None = None
    place: PlaceRef | None = None
    place_span: tuple[int, int] | None = None
    place_basis: PlaceBasis | None = None
    date: Interval | None = None
    date_basis: DateBasis | None = None
    quantities: list[Quantity] = field(default_factory=list)
    confidence: float = 0.5
    depth: int = 0
    """Depth of the trigger in its sentence's dependency tree (0: the root)."""

    def record(self) -> Event:
        return Event(
            id=event_id(self),
            type=self.coding.type,
            plover_mode=self.coding.mode,
            cameo=self.coding.cameo,
            announced=self.coding.announced,
            actor1=self.actor1,
            actor2=self.actor2,
            place=self.place,
            date=self.date,
            quantities=list(self.quantities),
            modality=self.modality,
            asserted_by=list(self.asserted_by),
            evidence=[EvidenceSpan(start=s, end=e) for s, e in self.evidence],
            confidence=round(self.confidence, 3),
            date_basis=self.date_basis,
            trigger=EvidenceSpan(start=self.trigger_span[0], end=self.trigger_span[1]),
            place_basis=self.place_basis,
            provenance=Provenance(
                extractor=f"{EXTRACTOR}.v{VERSION}",
                version=VERSION,
                confidence=round(self.confidence, 3),
            ),
        )


def _circumstance(prep: Token) -> bool:
    """A preposition of time or circumstance: "after …", "despite …", and the phrases "in
    the wake of …", "in the aftermath of …", "in light of …" ("in response to X" is left
    out: X is often whom the response is aimed at)."""
    if prep.lower_ in _CIRCUMSTANCE_PREPS:
        return True
    return prep.lower_ in ("in", "amid") and any(
        o.dep_ == "pobj" and _lemma(o) in _CIRCUMSTANCE_NOUNS for o in prep.children
    )


def _misparsed_clause(token: Token) -> bool:
    """A finite verb the parser hung on the sentence's subject as if it described it ("An EU
    spokesperson called on …" → ROOT "spokesperson", acl "called"): the sentence's verb."""
    return token.dep_ == "acl" and token.tag_ == "VBD" and token.head.dep_ == "ROOT"


def _misparsed_coordinate(verb: Token) -> bool:
    """A finite verb right after "and"/"but" that the parser hung as an adverbial clause,
    with no subject or subordinator of its own ("said it was concerned *and asked* to visit
    him"): a second verb of the clause above."""
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    return (
        verb.tag_ in ("VBD", "VBZ", "VBP")
        and before is not None
        and before.dep_ == "cc"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for c in verb.children)
    )


def _to_infinitive(token: Token) -> bool:
    """Whether a verb is a "to" infinitive."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _for_to_clause(token: Token) -> bool:
    """A "for X to do" clause ("called for the minister to resign"): the complement of the
    verb above it, which the parser attaches as an adverbial clause."""
    return (
        token.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children)
        and _to_infinitive(token)
    )


def _described_phrase(token: Token) -> tuple[int, int]:
    """The characters of the noun phrase that a relative clause holding ``token`` describes
    (a pronoun there cannot mean that phrase), or an empty range."""
    for clause in token.ancestors:
        if clause.dep_ == "relcl":
            noun = clause.head
            return noun.left_edge.idx, noun.idx + len(noun)
    return 0, 0


def _agentless_passive(verb: Token) -> bool:
    """A passive verb that does not say by whom ("the law would not be withdrawn")."""
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps


def _free_relative(verb: Token) -> bool:
    """Whether ``verb`` heads a "what …" clause that is another verb's object ("condemned
    *what it called* a new act of terror"): it names that object, it is no second act."""
    return verb.dep_ in ("ccomp", "dobj", "xcomp") and any(
        c.lower_ == "what" and c.i < verb.i for c in verb.children
    )


def _measured(noun: Token) -> bool:
    """Whether ``noun`` follows a length of time it is measured by ("30 days *of detention*",
    "a month of curfew"), which stands in for it as the verb's object."""
    of = noun.head
    span = of.head
    return (
        noun.dep_ == "pobj"
        and of.lower_ == "of"
        and span.ent_type_ == "DATE"
        and span.i < noun.i
        and span.dep_ in ("dobj", "obj", "nsubjpass")
    )


def _governor(token: Token) -> Token:
    """The head of ``token``; for a coordinated finite past verb with no subject that the
    parser hung on a verb with an auxiliary it cannot share ("warned that Serbia would not
    stand by if Serbs *were* attacked again and called on KFOR …") or on a copula, the
    nearest verb above of its own form, which it is coordinated with."""
    head = token.head
    if (
        token.dep_ == "conj"
        and token.tag_ == "VBD"
        and (
            any(c.dep_ in ("aux", "auxpass") for c in head.children)
            # "said none of its drones *was* missing and called the claim …": a copula
            # clause inside a report shares no deed with a past verb after it
            or (head.pos_ == "AUX" and _lemma(head) == "be")
        )
        and not any(c.dep_ in _SUBJECTS for c in token.children)
    ):
        return next((a for a in head.ancestors if a.tag_ == "VBD"), head)
    return head


def _shared_patient(verb: Token) -> bool:
    """Whether ``verb`` is a passive verb coordinated with an active one whose subject it
    shares ("the man was carrying a rifle and was detained"): that subject is its patient."""
    return (
        verb.dep_ == "conj"
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ in _SUBJECTS or c.dep_ in _PASSIVE_SUBJECTS for c in verb.children)
        and not any(c.dep_ in _PASSIVE_SUBJECTS for c in verb.head.children)
    )


_SMALL_CLAUSE_HEADS = frozenset({"order", "want", "declare", "keep", "leave", "get", "have"})
"""Verbs that take a small clause ("ordered the crossing closed", "declared the area closed")."""


def _small_clause(verb: Token) -> bool:
    """Whether ``verb`` is a bare participle with a subject under a verb of ordering or
    wanting ("ordered the crossing closed", "wanted him arrested"): its subject is the
    patient and the verb above names the agent."""
    return (
        verb.tag_ in ("VBN", "VBD")  # the tagger often reads "ordered X closed" as past tense
        and verb.dep_ in ("ccomp", "oprd")
        and _lemma(verb.head) in _SMALL_CLAUSE_HEADS
        and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def _object_gap(verb: Token, subject: Token | None) -> bool:
    """Whether ``verb`` heads a relative clause whose missing object is the noun it
    describes ("the officer [that] it had detained"): it has its own subject and no object."""
    return (
        verb.dep_ == "relcl"
        and subject is not None
        and subject.i != verb.head.i
        and subject.lower_ not in _RELATIVE_PRONOUNS
        and not any(c.dep_ in _OBJECTS or c.dep_ == "ccomp" for c in verb.children)
    )


def _place_ref(ent: Entity) -> tuple[PlaceRef, tuple[int, int]]:
    """The place an entity names, with its span (the entity must have a ``place_id``)."""
    return PlaceRef(place_id=ent.place_id, name=ent.text), (ent.start, ent.end)


def _ref_key(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return ref.actor_id or f"name:{ref.name.lower()}"


def event_id(f: EventFinding) -> str:
    """Content hash of an event's coding, actors, modality, chain and first evidence span
    (first 16 hex digits of SHA-256)."""
    start, end = f.evidence[0]
    chain = ">".join(_ref_key(a) for a in f.asserted_by)
    key = (
        f"event:{f.coding.type}:{f.coding.mode}:{_ref_key(f.actor1)}:{_ref_key(f.actor2)}:"
        f"{f.modality}:{chain}:{start}:{end}"
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


# ------------------------------------------------------------------------------ extractor
def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _forms(token: Token) -> list[str]:
    """The lemma, then guesses from the word form where the lemmatizer errs ("fined")."""
    lower = token.lower_
    forms = [_lemma(token)]
    if lower.endswith("ed"):
        forms += [lower[:-1], lower[:-2]]
    elif lower.endswith("ing"):
        forms += [lower[:-3], lower[:-3] + "e"]
    elif lower.endswith("s"):
        forms += [lower[:-1]]
    return forms


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 64:
        token = token.head
        depth += 1
    return depth


def _infinitive_chain(verb: Token, depth: int = 2) -> list[Token]:
    """``verb`` and up to ``depth`` verbs of its chain of infinitive complements
    ("threatened to ban …", "agreed to try to lift …")."""
    chain = [verb]
    for _ in range(depth):
        comps = [c for c in chain[-1].children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        if not comps:
            break
        chain.append(comps[0])
    return chain


class _Extractor:
    def __init__(
        self,
        doc: Doc,
        resolution: Resolution,
        times: Sequence[TimeRef],
        quotes: Sequence[Quote],
        published: Published | None,
        outlet: ActorRef | None,
        date_for: DateFor | None,
        lexicon: EventLexicon,
        classifier: EventClassifier | None = None,
    ) -> None:
        self.doc = doc
        self.classifier = classifier
        self.text = doc.text
        self.lex = lexicon
        self.times = times
        self.quotes = sorted(quotes, key=lambda q: (q.start, -(q.end - q.start)))
        self.published = published
        self.outlet = outlet
        self.date_for = date_for
        self.actors: dict[str, Actor] = {a.id: a for a in resolution.actors}
        self.places: dict[str, Place] = {p.id: p for p in resolution.places}
        self.mention_at: dict[int, ActorMention] = {}
        for m in resolution.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.mention_at.setdefault(tok.i, m)
        self.entity_at: dict[int, Entity] = {}
        self.time_tokens: set[int] = set()
        for ent in resolution.entities:
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.entity_at.setdefault(tok.i, ent)
                if ent.label in ("DATE", "TIME", "ORDINAL"):
                    self.time_tokens.add(tok.i)
        for t in times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                self.time_tokens.update(range(span.start, span.end))
        self.ordered_mentions = sorted(resolution.mentions, key=lambda m: m.start)

    # -- layout ---------------------------------------------------------------------
    def in_caption(self, char: int) -> bool:
        line_start = self.text.rfind("\n", 0, char) + 1
        line = self.text[line_start : self.text.find("\n", char) % (len(self.text) + 1)]
        return line.lstrip().startswith(self.lex.caption_marks)

    def quote_at(self, char: int) -> Quote | None:
        inside = [q for q in self.quotes if q.start <= char < q.end]
        return min(inside, key=lambda q: q.end - q.start) if inside else None

    # -- coding ---------------------------------------------------------------------
    def np_class(self, token: Token) -> str | None:
        """The word class (forces, police, aid …) of a noun phrase headed by ``token``."""
        words = [
            t
            for t in token.subtree
            if t.i <= token.i or (t.dep_ in ("compound", "amod") and t.head.i == token.i)
        ]  # not the compounds of a clause inside the phrase ("X angered by the border closure")
        if _lemma(token) in self.lex.topic_nouns:
            words = [token]  # "using the drone incident": an incident, not a drone
        lowered = [_lemma(t) for t in words] + [t.text.lower() for t in words]
        phrase = " ".join(t.text.lower() for t in words if t.i >= token.i - 2)
        onward = " ".join(t.lower_ for t in self.doc[token.i : token.i + 4])  # "state of emergency"
        found: list[str] = []
        longer: list[str] = []  # matched by a phrase: "water cannon" is no "water" (utilities)
        for name, members in self.lex.classes.items():
            if any(" " in m and (m in phrase or onward.startswith(m)) for m in members):
                longer.append(name)
            elif any(w in members for w in lowered):
                found.append(name)
        found = longer + found
        if _lemma(token) in self.lex.carrier_nouns:  # "gas supplies": the gas says what flows
            kinds = [self.np_class(c) for c in token.lefts if c.dep_ in ("compound", "amod")]
            found = [k for k in kinds if k is not None] + found
        mention = self.mention_at.get(token.i)
        if mention is not None:
            actor = self.actors.get(mention.actor_id)
            if actor is not None and actor.sector in ("COP", "MIL"):
                found.append("police" if actor.sector == "COP" else "forces")
        if "police" in found and self.lex.classes.get("police", frozenset()) & set(lowered):
            return "police"
        if _lemma(token) in _MEASURES or (
            not found and any(c.dep_ == "nummod" for c in token.children)
        ):  # "700 kg of medicine", "a convoy of aid trucks": the class of what is measured
            for prep in self.children(token, ("prep",)):
                if prep.lower_ == "of":
                    for obj in self.children(prep, ("pobj",)):
                        measured = self.np_class(obj)
                        if measured is not None or not found:
                            return measured
        return found[0] if found else None

    def agent_of_object(self, noun: Token) -> list[Token]:
        """The objects of a "by" phrase the parser hung on an event noun's "of" object: in
        "a blockade of the road by residents" the residents block, not the road."""
        return [
            agent
            for of in self.children(noun, ("prep",))
            if of.lower_ == "of"
            for obj in self.children(of, ("pobj",))
            for by in self.children(obj, ("prep",))
            if by.lower_ == "by"
            for agent in self.children(by, ("pobj",))
        ]

    def official(self, found: tuple[ActorRef, tuple[int, int]] | None) -> bool:
        """Whether an actor is a state, a government, an international organisation or an
        institution that speaks for one (a church, a court, a parliament, a medium): when
        such an actor "protests", it protests in words (CAMEO 111), it does not march."""
        actor = self.actors.get(found[0].actor_id or "") if found is not None else None
        return actor is not None and (
            actor.kind in ("state", "government", "igo") or actor.sector in _SPEAKING_SECTORS
        )

    def civilian(self, ref: ActorRef, span: tuple[int, int]) -> bool:
        """Whether an actor is a group of civilians: no registry actor of a state, and a
        head noun from ``civil_actors`` ("local residents", "truck drivers")."""
        if ref.actor_id is not None:
            return False
        words = self.doc.char_span(*span, alignment_mode="expand")
        return words is not None and _lemma(words.root) in self.lex.civil_actors

    def phrase_at(
        self, token: Token, table: dict[str, list[tuple[tuple[str, ...], Any]]]
    ) -> Any | None:
        found = self.phrase_match(token, table)
        return found[1] if found else None

    def small_clause_phrase(self, lemma: str, part: Token) -> Coding | None:
        """The coding of a phrase of ``lemma`` whose rest opens a small clause after the
        verb's object: "ordered two of the men held for 30 days" (the clause has its own
        subject), "ordered the suspect held" (the participle parsed as the object's
        modifier), "ordered two *of the men* held"."""
        if part.dep_ == "dobj":
            nouns = [part]
            if part.pos_ in ("NUM", "PRON", "DET"):
                nouns += [o for p in part.rights if p.lower_ == "of" for o in p.rights]
            if self.noun_coding(part) is not None:
                return None  # "ordered the release of the men detained …": the release
            clauses = [c for n in nouns for c in n.rights if c.dep_ == "acl" and c.tag_ == "VBN"]
        else:
            clauses = [part] if self.children(part, ("nsubj",)) else []
        for clause in clauses:
            if any(c.i == clause.i + 1 for c in self.children(clause, ("prt", "advmod"))):
                continue  # "ordered the troops held back": another sense
            following = tuple(t.lower_ for t in self.doc[clause.i : clause.i + 4])
            for rest, value in self.lex.phrases.get(lemma, ()):
                if following[: len(rest)] == rest:
                    return value
        return None

    def undergoer_phrase(self, verb: Token) -> bool:
        """Whether ``verb`` starts a phrase whose subject undergoes the act."""
        found = self.phrase_match(verb, self.lex.phrases)
        if found is None:
            return False
        words = (_lemma(verb), *(t.lower_ for t in self.doc[verb.i + 1 : verb.i + 1 + found[0]]))
        return words in self.lex.undergoer_phrases

    def phrase_match(
        self, token: Token, table: dict[str, list[tuple[tuple[str, ...], Any]]]
    ) -> tuple[int, Any] | None:
        """(number of words after ``token``, value) of the longest phrase it starts."""
        entries = table.get(_lemma(token))
        if not entries:
            return None
        following = [t.text.lower() for t in self.doc[token.i + 1 : token.i + 6]]
        for rest, value in entries:
            if tuple(following[: len(rest)]) == rest:
                return len(rest), value
        return None

    def code_verb(self, token: Token) -> tuple[Coding, str] | None:
        if token.pos_ not in ("VERB",) or token.dep_ in _SKIP_DEPS - {"acl"}:
            return None
        if (
            token.dep_ == "acl"
            and not _misparsed_clause(token)
            and not _to_infinitive(token)
            and self.claimed(token) is None
            and not (token.tag_ == "VBG" and _lemma(token.head) in _STATEMENT_NOUNS)
            and not self.dated_participle(token)
        ):
            return None  # "a region inhabited by …": a description, not an event
        if any(_lemma(c) in self.lex.natural_causes for c in self.children(token, ("nsubj",))):
            return None  # "a storm cut power to …": nobody's act
        if self.effect_of_event(token):
            return None  # "An explosion damaged the pipeline, cutting gas supplies": its effect
        lemma = _lemma(token)
        # "called off the strike", "turned back the minister", "ordered the envoy out of":
        # verb + particle (the parser may call the particle an adverb or a preposition); the
        # object may be the preposition's ("left 40,000 people without electricity")
        for prt in self.children(token, ("prt", "advmod", "prep")):
            table = next(
                (
                    t
                    for form in _forms(token)  # "cordoned off": the lemmatizer says "cordone"
                    if (t := self.lex.object_verbs.get(f"{form} {prt.lower_}")) is not None
                ),
                None,
            )
            coded = self.object_coding(
                token, table, self.children(prt, ("pobj",)) if prt.dep_ == "prep" else ()
            )
            if coded is not None:
                return coded
        phrase = self.phrase_at(token, self.lex.phrases)
        if phrase is not None:
            return cast(Coding, phrase), "phrase"
        # a phrase split by its object: "pull its troops back", "set the hall ablaze", "set a
        # car on fire" (a preposition alone is no phrase: "call a vote on …" is no "call on")
        for part in token.rights:
            words: tuple[str, ...] = ()
            objects = self.children(part, ("pobj",))
            if (part.dep_ in ("prt", "advmod") and part.pos_ in ("ADP", "ADV", "PART")) or (
                part.dep_ in ("acomp", "oprd", "ccomp") and part.pos_ == "ADJ"
            ):
                words = (part.lower_,)
            elif part.dep_ == "prep" and objects:  # "placed him under house arrest"
                words = (
                    part.lower_,
                    *(
                        w.lower_
                        for o in objects
                        for w in o.subtree
                        if w.i == o.i or w.dep_ == "compound"
                    ),
                )
            elif part.dep_ in ("ccomp", "xcomp", "oprd", "dobj"):
                small = self.small_clause_phrase(lemma, part)
                if small is not None:
                    return small, "phrase"
            for rest, value in self.lex.phrases.get(lemma, ()) if words else ():
                if rest == words:
                    return value, "phrase"
        label = self.label_of(token)
        if label is not None and self.pejorative(label) and not _free_relative(token):
            if any(_lemma(o) in self.lex.claim_nouns for o in self.children(token, ("dobj",))):
                return Coding("REJECT", None, "120"), "label"  # "called the claim a fabrication"
            return Coding("ACCUSE", "disapprove", "111"), "label"
        if lemma in self.lex.wanting_verbs and any(
            self.asks_another(token, c) and _lemma(c) not in _BEING_VERBS for c in token.children
        ):  # not "wants the summit to be a platform": a wish about a state, asked of no one
            return Coding("REQUEST", None, "100"), "verb"  # "wants Kosovo to withdraw"
        if lemma in _VOWS and self.vows_hostility(token):
            return Coding("THREATEN", None, "130"), "verb+threaten"
        coded = self.object_coding(token, self.lex.object_verbs.get(lemma))
        if coded is not None:
            return coded
        if lemma in self.lex.assembly_verbs and any(
            _to_infinitive(c) and _lemma(c) in self.lex.protest_purposes
            for c in self.children(token, ("xcomp", "advcl"))
        ):
            return Coding("PROTEST", "demo", "141"), "verb"  # "gathered to demand his release"
        for form in _forms(token):
            coding = self.lex.verbs.get(form)
            if coding is not None:
                if lemma in self.lex.effect_verbs:  # "an explosion damaged the canal": one
                    for subject in self.children(token, ("nsubj",)):  # act, of the cause's kind
                        cause = self.noun_coding(subject)
                        if cause is not None and cause.type == coding.type:
                            return cause, "verb"
                        if cause is not None:
                            return None  # "the blockade cut supplies": the blockade's effect
                return coding, "verb"
        if (
            lemma not in self.lex.reporting_verbs
            and lemma not in self.lex.modality_verbs
            and _lemma(token.head) not in self.lex.modality_verbs  # "stopped eating in protest"
            and any(
                _lemma(o) in self.lex.protest_manners
                for p in self.children(token, ("prep",))
                if p.lower_ == "in"
                for o in self.children(p, ("pobj",))
            )
        ):
            return Coding("PROTEST", None, "140"), "verb"  # "left the chamber in protest"
        return None

    def label_of(self, verb: Token) -> Token | None:
        """The name a labelling verb gives its object: "called the raid *a violation* of …",
        "described the sanctions as *an act* of aggression", "branded the arrests *illegal*"."""
        if _lemma(verb) not in self.lex.labelling_verbs:
            return None
        for child in verb.children:
            if child.dep_ in ("oprd", "acomp") or (child.dep_ == "ccomp" and child.pos_ == "ADJ"):
                return child
            if child.dep_ == "prep" and child.lower_ == "as":
                return next(iter(self.children(child, ("pobj",))), None)
        return self.quoted_label(verb)

    def quoted_label(self, verb: Token) -> Token | None:
        """A label in quotation marks right after the object ("calling the arrests "a hunt
        for Serbs""), which the parser often leaves out of the verb's tree: its head word."""
        obj = next(iter(self.children(verb, _OBJECTS)), None)
        if obj is None or obj.right_edge.i + 2 >= len(self.doc):
            return None
        opening = self.doc[obj.right_edge.i + 1]
        if not opening.is_quote:
            return None
        words = []
        for tok in self.doc[opening.i + 1 : opening.i + 12]:
            if tok.is_quote:
                break
            words.append(tok)
        else:
            return None
        inside = {w.i for w in words}
        return next((w for w in words if w.head.i not in inside), words[0] if words else None)

    def pejorative(self, label: Token) -> bool:
        """Whether a label condemns: itself or its "of" object ("an act *of aggression*")."""
        words = [label] + [
            obj
            for prep in self.children(label, ("prep",))
            if prep.lower_ == "of"
            for obj in self.children(prep, ("pobj",))
        ]
        return any(_lemma(w) in self.lex.pejoratives for w in words)

    def dated_participle(self, token: Token) -> bool:
        """A past participle after its noun with a date of its own ("three Serbs arrested in
        Leposavić on December 3"): it tells an event, not a description of the noun."""
        if token.tag_ != "VBN":
            return False
        for child in token.children:
            if child.i in self.time_tokens:
                return True
            if child.dep_ == "prep" and any(o.i in self.time_tokens for o in child.children):
                return True
        return False

    def dated_noun(self, token: Token) -> bool:
        """An event noun whose possessor is its date ("last week's explosion", "Friday's
        attack"): a mention of a dated event, wherever the noun stands."""
        return any(
            c.dep_ == "poss" and any(t.i in self.time_tokens for t in c.subtree)
            for c in token.children
        )

    def object_coding(
        self, token: Token, table: dict[str, Coding] | None, also: Sequence[Token] = ()
    ) -> tuple[Coding, str] | None:
        """The coding an ``object_verbs`` table gives ``token`` by its object's (or ``also``'s,
        or, failing that, its subject's) word class."""
        if table:
            objects = [*self.children(token, _OBJECTS | _PASSIVE_SUBJECTS), *also]
            if _small_clause(token):
                objects += self.children(token, ("nsubj",))  # "ordered the crossing closed"
            if token.dep_ == "acl" and token.tag_ == "VBN":
                objects.append(token.head)  # "the sanctions, imposed on April 5"
            for obj in objects:
                cls = self.np_class(obj)
                if cls is not None and cls in table:
                    delivery = table[cls].type == "AID" and cls in self.lex.recipient_classes
                    if delivery and not self.recipient(token):
                        return None  # "sent the drone to spy on police": no one is armed
                    return table[cls], "object"
            subjects = self.children(token, _SUBJECTS)
            if not subjects:  # "a convoy … is expected to arrive": the subject it inherits
                inherited = self.subject_of(token)
                subjects = [inherited] if inherited is not None else []
            for subj in subjects:
                cls = self.np_class(subj)
                if cls is not None and f"_subject_{cls}" in table:
                    return table[f"_subject_{cls}"], "subject"
        return None

    def effect_of_event(self, verb: Token) -> bool:
        """Whether ``verb`` heads a participle clause whose doer is an event or a natural
        cause, the subject of the clause above ("An explosion damaged the pipeline, *cutting*
        gas supplies", "The storm hit the coast, *leaving* thousands without power"): an
        effect of that event, nobody's act."""
        if verb.dep_ != "advcl" or verb.tag_ != "VBG":
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in verb.children):
            return False
        return any(
            _lemma(s) in self.lex.natural_causes or self.noun_coding(s) is not None
            for s in self.children(verb.head, ("nsubj",))
        )

    def recipient(self, verb: Token) -> bool:
        """Whether ``verb`` says to whom something goes ("sent weapons *to Ukraine*")."""
        return any(
            c.lower_ == "to" and self.children(c, ("pobj",)) for c in self.children(verb, ("prep",))
        ) or bool(self.children(verb, ("dative",)))

    def vows_hostility(self, token: Token) -> bool:
        """A vow to do something hostile ("have sworn to fight until …", "vowed to retaliate"):
        CAMEO codes it as a threat (13), not an intent to cooperate."""
        for comp in self.children(token, ("xcomp", "advcl")):
            if comp.dep_ == "advcl" and not _to_infinitive(comp):
                continue
            if self.negated(comp):
                return False
            coded = self.code_verb(comp)
            codings: list[Coding | None] = [coded[0]] if coded is not None else []
            if not codings and _lemma(comp) in self.lex.aspect_verbs:
                # "vowed to resume the protests", "to continue the strike": the act resumed
                codings = [self.noun_coding(o) for o in self.children(comp, ("dobj",))]
            if any(c is not None and c.type in _HOSTILE for c in codings):
                return True
            if self.retaliates(comp):
                return True
        return False

    def retaliates(self, verb: Token) -> bool:
        """Whether ``verb`` strikes back: "retaliate", or "respond" to a hostile act ("to any
        new attack") or with force ("respond with force")."""
        lemma = _lemma(verb)
        if lemma in self.lex.retaliation_verbs:
            return True
        if lemma not in self.lex.response_verbs:
            return False
        for prep in self.children(verb, ("prep",)):
            for obj in self.children(prep, ("pobj",)):
                if prep.lower_ == "with" and _lemma(obj) == "force":
                    return True
                if prep.lower_ == "to" and self.hostile_act(obj) is not None:
                    return True
        return False

    def code_obligation(self, token: Token) -> tuple[Coding, str] | None:
        """A verb the lexicon does not code, with "must" / "should" in the complement of a
        reporting verb ("said China must drop barriers to U.S. exports"): PLOVER codes the
        statement as a demand (REQUEST) of the speaker on the clause's subject."""
        if token.pos_ != "VERB" or token.dep_ != "ccomp":
            return None
        if not any(
            c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in token.children
        ):
            return None
        head = token.head
        if head.pos_ != "VERB" or _lemma(head) not in self.lex.reporting_verbs:
            return None
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.pos_ == "PRON" or self.actor_of(subject, places=True) is None:
            return None
        return Coding("REQUEST", None, "100"), "obligation"

    def noun_coding(self, token: Token) -> Coding | None:
        lemma = _lemma(token)
        joined = self.hyphenated(token)
        if joined is not None:  # "build-up", "sit-in": spaCy splits them at the hyphen
            coding = self.lex.nouns.get(joined) or self.lex.nouns.get(joined.replace("-", ""))
            if coding is not None:
                return coding
        compound = [c for c in token.lefts if c.dep_ == "compound"]
        if compound:
            coding = self.lex.nouns.get(f"{_lemma(compound[-1])} {lemma}")
            if coding is not None:
                return coding
        force = self.lex.force_nouns.get(lemma)
        if force is not None:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and self.np_class(obj) in ("forces", "police"):
                            mode = "police" if self.np_class(obj) == "police" else force.mode
                            return replace(force, mode=mode)
        coding = self.lex.nouns.get(lemma) or self.lex.nouns.get(token.lower_)  # "talks"
        if coding is None and lemma in _FRAMES:  # "a mediation effort", "a rescue mission"
            for c in compound:
                coding = self.lex.nouns.get(_lemma(c))
                if coding is not None:
                    break
        return coding

    def hyphenated(self, token: Token) -> str | None:
        """The hyphenated word a token ends ("up" in "build-up" → "build-up"), or None."""
        if token.i < 2:
            return None
        hyphen, first = self.doc[token.i - 1], self.doc[token.i - 2]
        if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
            return None
        return f"{first.lower_}-{token.lower_}"

    def supports(self, verb: Token) -> bool:
        """A support verb ("staged a protest"), also where the lemmatizer errs ("staged" →
        "stag")."""
        return any(form in self.lex.support_verbs for form in _forms(verb))

    def intended(self, verb: Token) -> bool:
        """Whether ``verb`` is the to-infinitive of a noun of intent ("a plan to suspend")."""
        return (
            verb.dep_ == "acl"
            and _to_infinitive(verb)
            and verb.head.pos_ == "NOUN"
            and _lemma(verb.head) in self.lex.intent_nouns
        )

    def in_state(self, verb: Token, noun: Token) -> bool:
        """Whether "be on" + ``noun`` is an event going on: "teachers are on strike", "stayed
        on hunger strike", "troops were on high alert" (not "users are on alert")."""
        if _lemma(verb) not in _STATE_VERBS or (coding := self.noun_coding(noun)) is None:
            return False
        if coding.type == "PROTEST":
            return True
        subject = self.subject_of(verb)
        return (
            coding.type == "MOBILIZE"
            and subject is not None
            and (self.np_class(subject) in ("forces", "police"))
        )

    def died_in(self, verb: Token, prep: Token) -> bool:
        """Whether ``verb`` dies in or during the event noun of ``prep`` ("died in an
        attack"): the event took place, on the subject."""
        return prep.lower_ in ("in", "during") and _lemma(verb) in self.lex.death_verbs

    def judges(self, verb: Token) -> bool:
        """Whether ``verb`` judges an act it governs ("condemned the detention", "her
        detention was unacceptable"): the act took place, not by the judge, and before."""
        lemma = _lemma(verb)
        return lemma in self.lex.judging_verbs or (
            lemma == "be"
            and any(
                c.dep_ == "acomp" and _lemma(c) in self.lex.judging_adjectives
                for c in verb.children
            )
        )

    def noun_governor(self, token: Token) -> Token | None:
        """The verb that makes an event noun an event, or None."""
        current = token
        while current.dep_ == "conj" and current.head.i != current.i:
            current = current.head
        head = current.head
        dep = current.dep_
        if _measured(current):  # "ordered 30 days of detention": the days measure the noun
            current = head.head
            head, dep = current.head, current.dep_
        if dep == "pobj" and head.dep_ == "prep":
            if self.died_in(head.head, head):
                return head.head  # "died during clashes": they took place
            if _circumstance(head):
                return None  # "met to discuss security after the unrest": background
            verb = head.head
            if any(
                _lemma(o) in self.lex.nouns
                for o in self.children(verb, _OBJECTS)
                if o.i != current.i
            ):
                return None  # "opened an investigation into the killing": the object's topic
            if verb.pos_ in ("VERB", "AUX") and (
                _lemma(verb) in self.lex.occurrence_verbs
                or self.supports(verb)
                or (head.lower_ == "on" and self.in_state(verb, current))
                # "invited both sides to talks", "agreed to talks": what the verb is about
                or (head.lower_ in ("to", "for") and _lemma(verb) in self.lex.modality_verbs)
            ):
                return verb
            return None
        if head.pos_ not in ("VERB", "AUX"):
            return None
        lemma = _lemma(head)
        if dep in ("dobj", "obj", "nsubjpass"):
            if self.label_of(head) is not None:
                return None  # "called the deployment a provocation": named, not done
            if dep == "nsubjpass" and any(
                x.dep_ == "xcomp"
                and _to_infinitive(x)
                and _lemma(x) not in self.lex.occurrence_verbs
                and _lemma(x) != "be"
                for x in head.children
            ):
                return None  # "the arrests were meant to intimidate Serbs": their purpose
            if (
                self.supports(head)
                or lemma in self.lex.modality_verbs
                or lemma in self.lex.reporting_verbs
                or (dep != "nsubjpass" and lemma in self.lex.judging_verbs)
                or self.phrase_at(head, self.lex.modality_phrases) is not None
            ):
                return head
            return None
        if dep == "nsubj" and self.judges(head):
            return head  # "her detention was unacceptable"
        if dep == "nsubj" and (
            lemma in self.lex.occurrence_verbs or lemma in self.lex.effect_verbs
        ):
            return head
        if dep == "attr" and lemma == "be" and any(c.dep_ == "expl" for c in head.children):
            return head
        return None

    # -- arguments ------------------------------------------------------------------
    @staticmethod
    def children(token: Token, deps: Iterable[str]) -> list[Token]:
        wanted = set(deps)
        return [c for c in token.children if c.dep_ in wanted]

    def actor_of(
        self, token: Token, places: bool = False
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """The actor a noun phrase headed by ``token`` names, with the span that names it.
        With ``places``, a country or city that names no registry actor counts too (a
        subject: "Bosnia and Slovenia agreed …")."""
        lower = token.lower_
        if token.pos_ == "PRON":
            return self.pronoun(token)
        phrase = token
        while phrase.dep_ == "compound" and phrase.head.i != phrase.i:
            phrase = phrase.head
        if self.place_noun(phrase) and self.toponym(phrase) is not None:
            return None  # "closed the Merdare crossing": a spot, not an actor called Merdare
        candidates: list[Token] = [token]
        candidates += [t for t in token.subtree if t.i < token.i]
        appositive: set[int] = set()
        for child in token.children:
            if child.dep_ == "appos":
                candidates += list(child.subtree)
                appositive.update(t.i for t in child.subtree)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                candidates += list(child.subtree)
        # "Qatar's emir, Sheikh Hamad …": the name in the apposition, the span the whole phrase
        described = token.pos_ == "NOUN" and token.i not in self.mention_at
        for cand in candidates:
            mention = self.mention_at.get(cand.i)
            if mention is not None:
                actor = self.actors.get(mention.actor_id)
                name = actor.name if actor is not None else mention.text
                start, end = mention.start, mention.end
                if described and cand.i in appositive:
                    start = min(start, self.title_start(token))
                elif (
                    cand.i < token.i
                    and cand.dep_ in ("poss", "compound", "amod", "nmod")
                    and (_lemma(token) in self.lex.actor_nouns and token.i not in self.mention_at)
                ):  # "Turkish police", "Poland's parliament": the span and name are the phrase
                    start, end = min(start, cand.idx), token.idx + len(token.text)
                    name = self.text[start:end]
                elif cand.i == token.i and token.pos_ == "PROPN":
                    start = min(start, self.title_start(token))
                return ActorRef(actor_id=mention.actor_id, name=name), (start, end)
        for cand in candidates:
            ent = self.entity_at.get(cand.i)
            if ent is not None and ent.label in _ACTOR_LABELS and ent.place_id is None:
                start, end = ent.start, ent.end
                if described and cand.i in appositive:
                    start = min(start, self.title_start(token))
                elif (
                    cand.i < token.i
                    and cand.dep_ in ("poss", "compound", "amod", "nmod")
                    and (_lemma(token) in self.lex.actor_nouns and token.i not in self.entity_at)
                ):  # "Chilean police"
                    start, end = min(start, cand.idx), token.idx + len(token.text)
                    return ActorRef(name=self.text[start:end]), (start, end)
                return ActorRef(name=ent.text), (start, end)
        ent = self.entity_at.get(token.i)
        if places and ent is not None and ent.label == "GPE":
            return ActorRef(name=ent.text), (ent.start, ent.end)
        if _lemma(token) in _MEASURES or token.like_num:  # "thousands of students"
            for prep in self.children(token, ("prep",)):
                if prep.lower_ == "of":
                    for obj in self.children(prep, ("pobj",)):
                        return self.actor_of(obj, places)
        if (
            places
            and token.pos_ == "PROPN"
            and token.dep_ in _SUBJECTS
            and token.i not in self.time_tokens
            and self.entity_at.get(token.i) is None
            and lower not in self.lex.nouns
        ):  # a name the recogniser missed ("Ethopia has agreed …"): the subject names an actor
            words = [t for t in token.subtree if t.i <= token.i and t.pos_ == "PROPN"]
            start = min(t.idx for t in words)
            return ActorRef(name=self.text[start : token.idx + len(token)]), (
                start,
                token.idx + len(token),
            )
        earlier = self.described_person(token)
        if earlier is not None:
            return earlier
        if token.pos_ in ("NOUN", "PROPN") and lower not in self.lex.nouns:
            if token.i in self.time_tokens or self.entity_at.get(token.i) is not None:
                return None
            lemma = _lemma(token)
            agents = (  # "Truck drivers blocked …", "Hauliers staged …": a plural doer noun
                token.dep_ in _SUBJECTS
                and token.tag_ == "NNS"
                and lemma.endswith(("er", "or", "ant", "ent"))
                and not any(
                    lemma in words
                    for name, words in self.lex.classes.items()
                    if name not in _ACTOR_CLASSES
                )
            )
            if (
                lemma not in self.lex.actor_nouns
                and not lemma.endswith(("ist", "ian"))
                and not agents
            ) or self.idiom(token):
                return None
            words = [
                t
                for t in token.subtree
                if (t.i <= token.i and t.dep_ in ("compound", "amod")) or t.i == token.i
            ]
            start = min(t.idx for t in words)
            end = self.group_end(token)
            return ActorRef(name=self.text[start:end]), (start, end)
        return None

    def people(self, found: tuple[ActorRef, tuple[int, int]] | None) -> bool:
        """Whether an actor reference names people (a person, a group, an actor noun such as
        "officers"), not a country, a town or a thing: seizing people is taking them."""
        if found is None:
            return False
        words = self.doc.char_span(*found[1], alignment_mode="expand")
        if words is None:
            return False
        ent = self.entity_at.get(words.root.i)
        if ent is not None:
            return ent.label in ("PERSON", "NORP")
        return _lemma(words.root) in self.lex.actor_nouns or self.np_class(words.root) in (
            _ACTOR_CLASSES | _PATIENT_CLASSES
        ) - {"institutions", "targets"}

    def names_actor(self, token: Token) -> bool:
        """Whether the head of a noun phrase itself names an actor (a pronoun, a name, an
        actor noun), not only something in its complements ("the possibility of returning
        the forces to Kosovo" names none)."""
        if token.pos_ == "PRON" or token.i in self.mention_at:
            return True
        ent = self.entity_at.get(token.i)
        if ent is not None and (
            ent.label == "GPE" or (ent.label in _ACTOR_LABELS and ent.place_id is None)
        ):  # a country or city stands for its government; another place names no one
            return True
        return _lemma(token) in self.lex.actor_nouns or self.np_class(token) in _ACTOR_CLASSES

    @staticmethod
    def title_start(token: Token) -> int:
        """Where a name's noun phrase starts, with its titles and affiliations ("U.N.
        mediator Diego Cordovez"), without a leading article."""
        left = [t for t in token.subtree if t.i < token.i and t.dep_ not in ("det", "punct")]
        return min((t.idx for t in left), default=token.idx)

    def group_end(self, token: Token) -> int:
        """Where a common-noun actor phrase ends: after its "of" / "from" complement that
        names the group ("leaders of the opposition coalition", "activists from the Fatah
        party"), up to a comma or a clause; else after the noun."""
        end = token.idx + len(token.text)
        for prep in token.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or obj.pos_ not in ("NOUN", "PROPN"):
                    continue
                cls = self.np_class(obj)
                if obj.i in self.time_tokens or _lemma(obj) in self.lex.nouns:
                    continue
                if cls is not None and cls not in _ACTOR_CLASSES:
                    continue  # "state of emergency", "leaders of the protest"
                for t in self.doc[obj.i : obj.right_edge.i + 1]:
                    if t.dep_ in ("relcl", "acl", "appos") or t.text in (",", ";", "("):
                        break
                    end = t.idx + len(t.text)
                return end
        return end

    def described_person(self, token: Token) -> tuple[ActorRef, tuple[int, int]] | None:
        """The person named earlier that a definite description refers back to ("the
        reporter" after "Dragan Milić, a reporter for TV Avala"): the nearest person mention
        within the last few sentences whose own phrase (title, apposition) holds one of the
        description's words (``descriptions`` of quote_cues.yaml, shared with speakers)."""
        words = self.lex.descriptions.get(_lemma(token))
        if (
            not words
            or token.tag_ != "NN"
            or not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children)
        ):
            return None
        for m in reversed(self.ordered_mentions):
            if m.end > token.idx:
                continue
            if token.idx - m.end > 600:
                break
            actor = self.actors.get(m.actor_id or "")
            if actor is not None and actor.kind != "person":
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or (actor is None and span.root.ent_type_ != "PERSON"):
                continue
            phrase = f" {' '.join(fold(t.text) for t in span.root.subtree)} "
            if any(f" {w} " in phrase for w in words):
                name = actor.name if actor is not None else m.text
                return ActorRef(actor_id=m.actor_id, name=name), (token.idx, token.idx + len(token))
        return None

    def pronoun(self, token: Token) -> tuple[ActorRef, tuple[int, int]] | None:
        lower = token.lower_
        if lower in _PRONOUNS_SPEAKER:
            quote = self.quote_at(token.idx)
            if quote is not None and quote.speaker is not None:
                return quote.speaker, (token.idx, token.idx + len(token))
            return None
        want_person = lower in _PRONOUNS_PERSON
        if not want_person and lower not in _PRONOUNS_GROUP:
            return None
        if token.dep_ == "poss":
            bound = self.possessor_subject(token)
            if bound is not None:  # "The drivers ended their protest": the drivers'
                return bound[0], (token.idx, token.idx + len(token))
        governing = self.reporter_subject(token, want_person)
        if governing is not None and (
            governing[0].actor_id is not None or (lower == "they" and self.plural(governing[1]))
        ):  # "Serb leaders said they would …": the leaders, not the agency named before
            return governing[0], (token.idx, token.idx + len(token))
        if lower == "them":  # "expelled two diplomats, accusing them": the plural before it
            # (not a subject: "the Albanians undertook to implement them" are not Albanians)
            for cand in reversed(token.sent[: token.i - token.sent.start]):
                if (
                    cand.tag_ in ("NNS", "NNPS")
                    and cand.dep_ in _OBJECTS | _PASSIVE_SUBJECTS
                    and self.names_actor(cand)
                ):
                    found = self.actor_of(cand)
                    if found is not None:
                        return found[0], (token.idx, token.idx + len(token))
        described = _described_phrase(token)
        for m in reversed(self.ordered_mentions):
            if m.end > token.idx or described[0] <= m.start < described[1]:
                continue  # "the officer it had detained": not the officer
            if token.idx - m.end > 600:
                break
            actor = self.actors.get(m.actor_id)
            is_person = actor is not None and actor.kind == "person"
            if is_person == want_person:
                name = actor.name if actor is not None else m.text
                return ActorRef(actor_id=m.actor_id, name=name), (token.idx, token.idx + len(token))
        if governing is not None:  # "Palestinian leaders said they …": no registry actor
            return governing[0], (token.idx, token.idx + len(token))
        return None

    def idiom(self, token: Token) -> bool:
        """A bare noun after a preposition that makes an idiom, not an actor (``idioms``: "in
        force from Wednesday", "came into force", "took it by force")."""
        return (
            token.dep_ == "pobj"
            and f"{token.head.lower_} {token.lower_}" in self.lex.idioms
            and not any(
                c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in token.children
            )
        )

    def possessor_subject(self, token: Token) -> tuple[ActorRef, tuple[int, int]] | None:
        """The subject of the clause a possessive pronoun stands in, when it agrees with it
        ("Serbia withdrew its troops", "the minister withdrew his resignation", "the drivers
        ended their protest"): the nearest reading, before any earlier mention."""
        verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subject = self.subject_of(verb) if verb is not None else None
        if subject is None or subject.pos_ == "PRON" or subject.i in {a.i for a in token.ancestors}:
            return None
        found = self.actor_of(subject, places=True)
        if found is None:
            return None
        actor = self.actors.get(found[0].actor_id or "")
        ent = self.entity_at.get(subject.i)
        person = (actor is not None and actor.kind == "person") or (
            ent is not None and ent.label == "PERSON"
        )
        lower = token.lower_
        if lower in ("his", "her"):
            agrees = person or (actor is None and ent is None and subject.tag_ == "NN")
        elif lower == "their":
            agrees = not person and (subject.tag_ in ("NNS", "NNPS") or actor is not None)
        else:  # its
            agrees = not person and subject.tag_ not in ("NNS", "NNPS")
        return found if agrees else None

    def plural(self, span: tuple[int, int]) -> bool:
        words = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        return words is not None and words.root.tag_ in ("NNS", "NNPS")

    def reporter_subject(
        self, token: Token, want_person: bool
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """The antecedent of a subject pronoun in a complement clause: the subject of the
        governing verb ("Palestinian leaders said they would boycott …", "Serbia announced
        that it …"), when it is a noun phrase of the right kind (person or not)."""
        if token.dep_ not in _SUBJECTS | _PASSIVE_SUBJECTS:
            return None
        clause = token.head
        if clause.dep_ not in ("ccomp", "xcomp", "advcl") or clause.head.i == clause.i:
            return None
        subject = next((c for c in clause.head.children if c.dep_ in _SUBJECTS), None)
        if subject is None and clause.head.dep_ == "conj":
            subject = self.subject_of(clause.head)  # "Serbs welcomed it but said they …"
        if subject is None or subject.pos_ == "PRON":
            return None
        found = self.actor_of(subject)
        if found is None:
            return None
        actor = self.actors.get(found[0].actor_id or "")
        if actor is not None:
            is_person = actor.kind == "person"
        else:
            ent = self.entity_at.get(subject.i)
            is_person = ent is not None and ent.label == "PERSON"
        return found if is_person == want_person else None

    def purpose_of(self, verb: Token) -> Token | None:
        """The verb whose purpose ``verb`` is: the head of an adverbial to-infinitive
        ("blocked the road for two hours *to protest* against …"), or the main clause's
        verb above a parenthetical "X said" (:meth:`parenthetical_purpose`)."""
        if verb.dep_ == "advcl" and _to_infinitive(verb) and verb.head.i < verb.i:
            return verb.head
        return self.parenthetical_purpose(verb)

    def parenthetical_purpose(self, verb: Token) -> Token | None:
        """The main clause's verb when ``verb`` is a purpose infinitive that the parser hung
        on a parenthetical reporting clause ("About 500 farmers rallied on Tuesday, police
        said, to protest …"): the farmers protest, and the rally is that protest."""
        head = verb.head
        if (
            verb.dep_ not in ("xcomp", "advcl")
            or not _to_infinitive(verb)
            or head.i > verb.i
            or _lemma(head) not in self.lex.reporting_verbs
            or not any(t.text == "," for t in verb.doc[head.i + 1 : verb.i])
        ):
            return None
        if head.dep_ == "parataxis" and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        clauses = [c for c in head.children if c.dep_ == "ccomp" and c.i < head.i]
        return clauses[0] if clauses else None

    def subject_of(self, verb: Token, depth: int = 0) -> Token | None:
        """The subject of ``verb``, inherited through infinitives, coordination and
        relative clauses."""
        if _small_clause(verb) and depth <= 4:
            return self.subject_of(verb.head, depth + 1)  # "X ordered the crossing closed": X
        for c in verb.children:
            if c.dep_ in _SUBJECTS:
                if verb.dep_ == "relcl" and c.lower_ in _RELATIVE_PRONOUNS:
                    return verb.head  # "protesters who attacked …": the protesters
                return c
        for c in verb.children:
            if c.dep_ == "agent":
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        return obj
        if depth > 4 or verb.head.i == verb.i:
            return None
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return None  # "the officer wounded near Jarinje": the noun suffered it
        if any(c.dep_ in _PASSIVE_SUBJECTS for c in verb.children):
            return None  # a passive clause's subject is its patient, not its agent
        head = verb.head
        if _misparsed_clause(verb):
            return head  # "An EU spokesperson called on …" parsed as a noun phrase
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            for c in head.children:  # "the decision of X to fine …", "X's decision to …"
                if c.dep_ == "poss":
                    return c
                if c.dep_ == "prep" and c.lower_ in ("of", "by"):
                    for obj in c.children:
                        if obj.dep_ == "pobj":
                            return obj
            if _lemma(head) in _STATEMENT_NOUNS and head.dep_ in _OBJECTS:
                return self.subject_of(head.head, depth + 1)  # "X issued a statement urging …"
            if head.dep_ in _OBJECTS and self.intended(verb):
                return self.subject_of(head.head, depth + 1)  # "X announced a plan to …"
            return None
        if verb.dep_ in ("pcomp", "acl") or (verb.dep_ == "pobj" and verb.tag_ == "VBG"):
            current = head  # "will study the possibility of returning …"
            for _ in range(6):
                if current.pos_ in ("VERB", "AUX") and current.i != verb.i:
                    if verb.dep_ == "pcomp" and head.lower_ in _GERUND_CONTROL_PREPS:
                        for obj in self.children(current, ("dobj",)):
                            if head.head.i != obj.i and self.names_actor(obj):
                                return obj  # "arrested four men on suspicion of attacking …"
                    return self.subject_of(current, depth + 1)
                if current.head.i == current.i:
                    return None
                current = current.head
            return None
        if (main := self.parenthetical_purpose(verb)) is not None:
            return self.subject_of(main, depth + 1)  # "X rallied, police said, to protest"
        if verb.dep_ == "xcomp" or self.asked_to(verb):
            passive = self.children(head, _PASSIVE_SUBJECTS)
            if passive and _to_infinitive(verb):
                return passive[0]  # "a convoy is expected to arrive", "he was asked to resign"
            objects = [
                o for o in self.children(head, _OBJECTS) if self.names_actor(o)
            ]  # "used tear gas to disperse …": an object that is no actor is an instrument
            if objects and _lemma(head) not in ("try", "want", "seek", "attempt", "decide"):
                return objects[0]  # "urged Pristina to withdraw": object control
            for c in head.children:  # "called on the West to …" (not "on Saturday")
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    for obj in c.children:
                        if obj.dep_ == "pobj" and obj.i not in self.time_tokens:
                            return obj
            if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "conj"):
                head = head.head  # "France is ready to contribute": the copula's subject
            return self.subject_of(head, depth + 1)
        if verb.dep_ == "conj":
            if _shared_patient(verb):
                return None  # "the man was carrying a rifle and was detained": his patient
            return self.subject_of(_governor(verb), depth + 1)
        if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
            return head
        if verb.dep_ == "advcl" and (
            verb.tag_ == "VBG" or (verb.tag_ == "VB" and _to_infinitive(verb))
        ):  # "…, beating elderly people", "marched … to demand his release"
            saying = next(
                (
                    c
                    for c in head.children
                    if c.dep_ == "parataxis"
                    and c.i < verb.i
                    and _lemma(c) in self.lex.reporting_verbs
                ),
                None,
            )
            if saying is not None:  # "X did Y, the office said, calling it a crime": the office
                return self.subject_of(saying, depth + 1)
            return self.subject_of(head, depth + 1)
        if verb.dep_ == "advcl" and _misparsed_coordinate(verb):
            return self.subject_of(head, depth + 1)  # "X said it was concerned and asked to …"
        return None

    def object_actor(
        self, trigger: Token, skip: set[int], accusation: bool = False, freed: bool = False
    ) -> tuple[Token | None, bool]:
        """The token naming actor2 and whether it came from an actor preposition. In an
        ``accusation`` "to X" names whom it is addressed to, so another preposition names
        the target first ("complained to the United Nations over Israeli air raids"). An
        object of a word class ("deployed police") is no target unless people are ``freed``
        or sent away ("released the police officer", "expelled two diplomats")."""
        for c in trigger.children:
            if c.dep_ in _OBJECTS and c.i not in skip and (freed or self.np_class(c) is None):
                ent = self.entity_at.get(c.i)
                if ent is not None and ent.place_id is not None and c.i not in self.mention_at:
                    continue  # "blockaded Kosovska Mitrovica": a place, not a target
                return c, False
        for c in trigger.children:
            if c.dep_ == "dative":
                return c, False
        preps = [c for c in trigger.children if c.dep_ == "prep"]
        if accusation:
            preps.sort(key=lambda c: c.lower_ == "to")
        for c in preps:
            if c.lower_ in _ACTOR_PREPS | {"to", "between", "of"}:
                for obj in c.children:
                    if obj.dep_ != "pobj" or obj.i in skip or obj.i in self.time_tokens:
                        continue  # "on Tuesday" names no one
                    ent = self.entity_at.get(obj.i)
                    if c.lower_ in ("to", "at") and (
                        (ent is not None and ent.place_id is not None)
                        or obj.i not in self.mention_at
                    ):
                        continue
                    if c.lower_ == "of" and obj.i not in self.mention_at:
                        continue
                    return obj, True
        return None, False

    def object_aimed_at(
        self, trigger: Token, skip: set[int]
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """actor2 named by what a coding object is aimed at ("filed a complaint against X at
        the WTO", "imposed sanctions on X in Brussels"): before the verb's own prepositions."""
        for obj in self.children(trigger, _OBJECTS):
            for prep in self.children(obj, ("prep",)):
                if prep.lower_ not in ("against", "on", "upon"):
                    continue
                for target in self.children(prep, ("pobj",)):
                    if target.i not in skip and target.i in self.mention_at:
                        found = self.actor_of(target)
                        if found is not None:
                            return found
        return None

    def prep_target(
        self, head: Token, skip: set[int], countries: bool = False
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """actor2 from a preposition of ``head``: "aid to X", "sanctions against X",
        "demanded from X" (places only where they are also actors or, with ``countries``,
        where the place is a GPE: "handed the suspects over to Chile")."""
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in _TARGET_PREPS:
                continue
            for obj in c.children:
                if obj.dep_ != "pobj" or obj.i in skip:
                    continue
                ent = self.entity_at.get(obj.i)
                if ent is not None and ent.place_id is not None and obj.i not in self.mention_at:
                    if not countries or ent.label != "GPE":
                        continue
                    return ActorRef(name=ent.text), (ent.start, ent.end)
                found = self.actor_of(obj)
                if found is not None:
                    return found
        return None

    def stance(
        self, trigger: Token, coding: Coding, modality: Modality, reporter: Token | None
    ) -> Coding | None:
        """PLOVER's coding of an action that is only announced (the CAMEO → PLOVER table):
        the intent to cooperate ("will support", "is ready to contribute", "said it would
        allow") is AGREE; a conditional or intended hostile act ("would blockade", "may halt
        mediation if …", "will withdraw … unless") is THREATEN; a cooperative act announced
        with a negation ("will not accept") is REJECT; what another actor must do ("said
        Sudan must return …") is REQUEST. Only the event's own modal or a "ready / willing
        to" predicate counts: a governing verb ("agreed to withdraw") is its own event."""
        negated = modality == "negated" or self.negated(trigger)  # also "… not accept … if"
        if coding.type == "REJECT" and negated and _lemma(trigger) in self.lex.open_refusals:
            kept_open = self.hostile_object(trigger)
            if kept_open is None:
                return None
            # "did not rule out a military response": a threat (of sanctions, if it says so)
            return Coding("THREATEN", None, "130", announced=self.hostile_act(kept_open))
        reported = self.saying_verb(trigger) is not None
        if coding.type not in _ACTIONS and not (coding.type == "AGREE" and negated):
            return None
        aux = {c.lower_ for c in self.auxiliaries(trigger)}
        if aux & {"have", "'ve"} or trigger.sent.text.rstrip().rstrip("\"'”’»").endswith("?"):
            return None  # "would have imposed": counterfactual; a question asserts nothing
        future = bool(aux & _FUTURE) or (
            bool(aux & {"would", "'d"}) and (reporter is not None or negated or reported)
        )
        head = trigger.head
        if (
            trigger.dep_ == "xcomp"
            and head.pos_ == "ADJ"
            and _lemma(head) in _READY
            and head.head.pos_ in ("AUX", "VERB")
        ):
            future = True  # "France is ready to contribute …"
        if self.intended(trigger):
            future = True  # "announced a plan to suspend talks", "an offer to mediate"
        conditional = any(
            c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
            for c in trigger.children
        )
        unless = any(
            c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
            for c in trigger.children
        )
        hostile = coding.type in _HOSTILE
        if negated and (future or aux & {"can", "ca", "could"}) and not hostile:
            return self._stance_coding("REJECT", "120")
        if negated:
            return None
        if aux & {"must", "should", "ought"} and reporter is not None:
            return self._stance_coding("REQUEST", "100")
        if hostile and (future or (conditional and aux & {"may", "might", "could", "would"})):
            return self._stance_coding("THREATEN", "130")
        if future and unless:
            return self._stance_coding("THREATEN", "130")
        if future and not hostile:
            return self._stance_coding("AGREE", "030")
        return None

    def hostile_act(self, noun: Token) -> EventType | None:
        """The category of the hostile act an event noun names ("new sanctions": SANCTION),
        or None."""
        coding = self.noun_coding(noun)
        return coding.type if coding is not None and coding.type in _HOSTILE else None

    def hostile_object(self, verb: Token) -> Token | None:
        """An object of ``verb`` that names a hostile act ("new sanctions") or holds a word
        of force ("a military response", "the use of force")."""
        for obj in self.children(verb, _OBJECTS):
            if self.hostile_act(obj) is not None or any(
                t.pos_ in ("NOUN", "ADJ") and self.np_class(t) in ("forces", "weapons")
                for t in obj.subtree
            ):
                return obj
        return None

    def auxiliaries(self, verb: Token) -> list[Token]:
        """The auxiliaries of ``verb``, and of the verbs of aspect it is the complement of
        ("they *would* keep protesting", "*will* continue to protest")."""
        found = [c for c in verb.children if c.dep_ == "aux"]
        while verb.dep_ == "xcomp" and _lemma(verb.head) in self.lex.aspect_verbs:
            verb = verb.head
            found += [c for c in verb.children if c.dep_ == "aux"]
        return found

    def saying_verb(self, verb: Token) -> Token | None:
        """The verb of saying whose complement ``verb`` is ("said the law *would* not …")."""
        if verb.dep_ == "ccomp" and _lemma(verb.head) in self.lex.reporting_verbs:
            return verb.head
        return None

    @staticmethod
    def _stance_coding(category: str, cameo: str) -> Coding:
        return Coding(cast(EventType, category), None, cameo)

    def condition_subject(self, trigger: Token) -> tuple[ActorRef, tuple[int, int]] | None:
        """The target of a threat: the subject of its condition ("threatened a strike unless
        Israel rescinded …", "would stop the talks if the United States goes ahead")."""
        heads = [trigger]
        heads += [c for c in trigger.children if c.dep_ == "xcomp"]
        for head in heads:
            for c in head.children:
                if c.dep_ != "advcl" or not any(
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
                ):
                    continue
                for subj in self.children(c, _SUBJECTS):
                    if subj.pos_ != "PRON":
                        return self.actor_of(subj, places=True)
        return None

    def place_target(
        self,
        trigger: Token,
        place: tuple[PlaceRef, tuple[int, int]] | None,
        actor1_span: tuple[int, int] | None,
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """The last resort for actor2: the event's place, or the place of its infinitive
        complement ("threatened to ban voting in East Jerusalem"), when it is a country,
        province or city (tagged GPE, or a gazetteer entry of such a kind: the small model
        tags "Algiers" a LOC): CAMEO and PLOVER code the location as the target ("imposed
        a curfew in Cizre")."""
        if place is None:
            for verb in _infinitive_chain(trigger)[1:]:
                place = self.place_of(verb)
                if place is not None:
                    break
        if place is None or place[1] == actor1_span:
            return None
        span = self.doc.char_span(place[1][0], place[1][1], alignment_mode="expand")
        if span is None:
            return None
        ent = self.entity_at.get(span.root.i)
        place_entry = self.places.get(place[0].place_id or "")
        political = place_entry is not None and place_entry.feature in _POLITICAL_FEATURES
        if ent is None or (ent.label != "GPE" and not political):
            return None
        mention = self.mention_at.get(span.root.i)
        ref = ActorRef(actor_id=mention.actor_id if mention else None, name=place[0].name)
        return ref, place[1]

    def clause_target(
        self,
        trigger: Token,
        coding: Coding,
        subject: Token | None,
        actor1_span: tuple[int, int] | None,
        coded_by_object: bool = False,
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """actor2 where the direct patterns found none: the nearest actor (breadth first) in
        the trigger's own clause, through objects, prepositions, possessors and purpose
        infinitives ("staged rallies to protest X's failure", "demanded the removal of X",
        "tortured Liberian refugees"), never the subject's phrase, a place, a subordinate
        clause of time or cause, or a relative clause. When the event was coded by its
        object ("used force against …", "imposed a curfew on …"), that object is what is
        done, not whom it is done to, unless it names people or places acted on ("dispersed
        the protesters")."""
        movement = coding.type in ("MOBILIZE", "RETREAT", "AID")
        banned = set(range(subject.left_edge.i, subject.right_edge.i + 1)) if subject else set()
        done = {  # what the act is, not whom: its own children may still name them
            o.i
            for o in (self.children(trigger, ("dobj",)) if coded_by_object else [])
            if self.np_class(o) not in _PATIENT_CLASSES
        }
        frontier = [c for c in trigger.children]
        for _ in range(5):
            nxt: list[Token] = []
            for tok in sorted(frontier, key=lambda t: t.i):
                if tok.i in banned or tok.dep_ not in _TARGET_WALK:
                    continue
                if tok.dep_ == "advcl" and not _to_infinitive(tok) and not self.stated_purpose(tok):
                    continue  # "after …", "because …": another event's clause
                if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"):
                    continue  # a coordinated verb is another event
                if tok.dep_ == "prep" and _circumstance(tok):
                    continue  # "following the deaths of …", "despite Israel's wish"
                if tok.pos_ in ("NOUN", "PROPN") and tok.i not in self.time_tokens:
                    ent = self.entity_at.get(tok.i)
                    is_place = (
                        ent is not None
                        and ent.place_id is not None
                        and tok.i not in self.mention_at
                    )  # a place is the target only as a last resort (see finding)
                    moved = self.np_class(tok) is not None and (movement or self.moved_by(tok))
                    if not is_place and not moved and tok.i not in done:  # troops sent: not whom
                        found = self.actor_of(tok)
                        # a counted noun modifier names no one ("a 10,000-member force")
                        counted = tok.dep_ == "compound" and any(
                            c.dep_ == "nummod" for c in tok.children
                        )
                        if found is not None and found[1] != actor1_span and not counted:
                            return found
                nxt += list(tok.children)
            frontier = nxt
        return None

    def stated_purpose(self, tok: Token) -> bool:
        """A participle that says what an act is for ("demonstrated …, calling for
        independence from Iraq", "marched, demanding X's resignation")."""
        if tok.tag_ != "VBG" or any(c.dep_ == "mark" for c in tok.children):
            return False
        coded = self.code_verb(tok)
        return coded is not None and coded[0].type in ("REQUEST", "PROTEST", "ACCUSE", "REJECT")

    def moved_by(self, tok: Token) -> bool:
        """Whether ``tok`` is what a deployment or withdrawal verb moves ("refused to deploy
        peacekeepers", "a call for its forces to be deployed"): not a target."""
        head = tok.head
        if head.i == tok.i or head.pos_ != "VERB" or self.np_class(tok) not in ("forces", "police"):
            return False
        coded = self.code_verb(head)
        return coded is not None and coded[0].type in ("MOBILIZE", "RETREAT", "AID")

    def deep_target(
        self, trigger: Token, coding: Coding, skip: set[int]
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """actor2 where the trigger has no object naming an actor: a preposition of its
        object ("continue aid to X"), the object or preposition of an infinitive complement
        ("offered to hand over to X", "agreed to lift sanctions on X"), or, for requests and
        threats, the subject of a that-clause ("demanded that X withdraw")."""
        countries = coding.type not in ("MOBILIZE", "RETREAT")  # there "to X" is a place
        heads = _infinitive_chain(trigger)
        for i, head in enumerate(heads):
            if i > 0:
                target, _ = self.object_actor(head, skip)
                found = self.actor_of(target) if target is not None else None
                if found is not None:
                    return found
            found = self.prep_target(head, skip, countries)
            if found is not None:
                return found
            for obj in self.children(head, _OBJECTS):
                found = self.prep_target(obj, skip, countries)
                if found is not None:
                    return found
        if coding.type in _CONTENT_TARGETS:
            return self.content_subject(trigger, skip)
        return None

    def content_subject(
        self, trigger: Token, skip: set[int]
    ) -> tuple[ActorRef, tuple[int, int]] | None:
        """The subject of what a demand, threat or accusation says: "demanded that X
        withdraw", "its demand that X ease …" (a noun's "that" clause, which the parser may
        call a relative clause), "called for X to resign"."""
        for c in trigger.children:
            that = any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            if c.dep_ == "ccomp" or (c.dep_ in ("acl", "relcl") and that) or _for_to_clause(c):
                for subj in self.children(c, _SUBJECTS | _PASSIVE_SUBJECTS):
                    if subj.i not in skip and subj.pos_ != "PRON":
                        return self.actor_of(subj)
        return None

    def place_of(
        self, trigger: Token, extra: Sequence[Token] = (), subject: Token | None = None
    ) -> tuple[PlaceRef, tuple[int, int]] | None:
        """The event's place: a gazetteer place under a locative preposition of the trigger,
        of ``extra`` heads or of their objects, a place object or compound; last, where the
        subject is located ("Police in Banja Luka detained …")."""
        heads = [trigger, *extra]
        if trigger.dep_ == "advcl" and trigger.tag_ == "VBG":
            heads.append(trigger.head)  # "dispersed a sit-in in X, detaining twelve": X too
        heads += [c for h in list(heads) for c in h.children if c.dep_ in _OBJECTS]
        if trigger.pos_ == "NOUN":  # "the withdrawal of forces from Panama"
            heads += [
                o
                for c in trigger.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children
                if o.dep_ == "pobj"
            ]
        for head in heads:
            for c in head.children:
                if c.dep_ in _OBJECTS and c.i not in self.mention_at:
                    ent = self.entity_at.get(c.i)
                    if ent is not None and ent.place_id is not None:
                        return _place_ref(ent)
                if c.dep_ == "prep" and c.lower_ in _SURFACE_PREPS:
                    for o in self.children(c, ("pobj",)):
                        for m in self.children(o, ("compound",)):  # "on the Kumanovo highway"
                            ent = self.entity_at.get(m.i)
                            if ent is not None and ent.place_id is not None:
                                return _place_ref(ent)
                    c = next(  # "on the main bridge in North Mitrovica": the bridge's town
                        (
                            p
                            for o in self.children(c, ("pobj",))
                            for p in self.children(o, ("prep",))
                            if p.lower_ in _PLACE_PREPS
                        ),
                        c,
                    )
                if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                    found = self.place_within(c)
                    if found is not None:
                        return found
                if c.dep_ == "compound":
                    ent = self.entity_at.get(c.i)
                    if ent is not None and ent.place_id is not None:
                        return _place_ref(ent)
        for prep in self.children(subject, ("prep",)) if subject is not None else []:
            for obj in self.children(prep, ("pobj",)) if prep.lower_ == "in" else []:
                ent = self.entity_at.get(obj.i)
                if ent is not None and ent.place_id is not None and obj.i not in self.mention_at:
                    return _place_ref(ent)
        return None

    def place_within(self, prep: Token) -> tuple[PlaceRef, tuple[int, int]] | None:
        """The gazetteer place a locative phrase names: the first in it that is not the owner
        of a building or an office ("outside the Kosovo liaison office in Belgrade": Belgrade),
        else the first."""
        places = [
            (tok, ent)
            for tok in prep.subtree
            if (ent := self.entity_at.get(tok.i)) is not None and ent.place_id is not None
        ]
        for tok, ent in places:
            owner = (
                tok.dep_ in ("compound", "amod", "poss")
                and tok.head.pos_ == "NOUN"
                and not self.place_noun(tok.head)
            )
            if not owner:
                return _place_ref(ent)
        return _place_ref(places[0][1]) if places else None

    def unknown_place(
        self, trigger: Token, extra: Sequence[Token] = ()
    ) -> tuple[PlaceRef, tuple[int, int]] | None:
        """A place the gazetteer does not know, under a locative preposition of the trigger or
        of ``extra`` heads ("near Merdare", "at the Jarinje crossing"), or the noun a "where"
        clause describes ("the Jarinje crossing, where drivers blocked the road"): a name
        with no place id, so that reports can still agree on it."""
        heads = [trigger, *extra]
        # "a house in Goraždevac was set on fire", "set fire to houses in X": the thing hit
        heads += self.children(trigger, _OBJECTS | _PASSIVE_SUBJECTS)
        heads += [  # not "five days after his arrest at the crossing": that event's place
            o
            for c in self.children(trigger, ("prep",))
            if not _circumstance(c) or c.lower_ in ("during", "amid", "amidst")
            for o in self.children(c, ("pobj",))
        ]
        objects = [
            o
            for head in heads
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in _LOCATIVE_PREPS
            for o in self.children(c, ("pobj",))
        ]
        if trigger.dep_ == "relcl" and any(c.lower_ == "where" for c in trigger.children):
            objects.append(trigger.head)
        objects += [  # "blocked the Jarinje crossing"
            o for o in self.children(trigger, _OBJECTS) if self.place_noun(o)
        ]
        for obj in objects:
            name = self.toponym(obj, bare=True)
            if name is not None:
                return name
        return None

    def place_noun(self, token: Token) -> bool:
        """Whether ``token`` is a noun of a spot ("crossing", also when tagged a verb)."""
        return token.lower_ in self.lex.place_nouns or _lemma(token) in self.lex.place_nouns

    def toponym(self, noun: Token, bare: bool = False) -> tuple[PlaceRef, tuple[int, int]] | None:
        """The unresolved place name a noun phrase holds: a proper noun the recogniser calls a
        place, a proper-noun modifier of a place noun ("the Merdare crossing") or its "of"
        object ("the village of Goraždevac"), or with ``bare`` (the object of a locative
        preposition) a proper noun the recogniser left unlabelled or took for a person's name
        ("in Goraždevac"); never a registry actor, a time or a gazetteer place (those are found
        elsewhere)."""
        words = [noun, *(t for t in noun.subtree if t.i < noun.i and t.dep_ == "compound")]
        place_noun = self.place_noun(noun)
        if place_noun:
            words += [
                o
                for c in self.children(noun, ("prep",))
                if c.lower_ == "of"
                for o in self.children(c, ("pobj",))
            ]
        for word in words:
            spot = word.i != noun.i and place_noun  # "the Merdare crossing", whatever its label
            mention = self.mention_at.get(word.i)
            actor = self.actors.get(mention.actor_id or "") if mention is not None else None
            # a registry actor is known; a name only discovered in the text may be the spot's
            bare_name = bare and word.i == noun.i
            known = mention is not None and not (
                (spot or bare_name) and (actor is None or actor.discovered)
            )
            if word.pos_ != "PROPN" or known or word.i in self.time_tokens:
                continue
            ent = self.entity_at.get(word.i)
            if ent is not None and ent.place_id is not None:
                return None
            # "in Goraždevac": a name the recogniser left unlabelled or took for a person's
            unlabelled = bare_name and (ent is None or ent.label == "PERSON")
            if spot or unlabelled or (ent is not None and ent.label in ("GPE", "LOC", "FAC")):
                names = {t.i for t in (*words, *word.subtree) if t.pos_ == "PROPN"}
                first, last = word.i, word.i
                while first - 1 in names:
                    first -= 1
                while last + 1 in names:
                    last += 1
                start, end = self.doc[first].idx, self.doc[last].idx + len(self.doc[last])
                return PlaceRef(place_id=None, name=self.text[start:end]), (start, end)
        return None

    def sentence_place(
        self, sentence: Span, trigger: Token, actor_spans: Sequence[tuple[int, int]]
    ) -> tuple[PlaceRef, tuple[int, int]] | None:
        """The last resort for the place: the one place the sentence names after a locative
        preposition of a verb ("… told reporters that the rally had been banned, and two
        organisers were detained *in Prilep*"), when it names exactly one and it is not an
        actor of the event. Not the place of a statement ("said in Belgrade that"), of another
        event's noun ("after talks in Brussels", "the process launched in Ohrid"), nor of a
        verb the event is a reason or a circumstance of ("arrested four men *in Zubin Potok*
        on suspicion of attacking")."""
        found: dict[str, tuple[PlaceRef, tuple[int, int]]] = {}
        circumstance: set[int] = set()
        for tok in trigger.ancestors:
            if tok.dep_ == "prep":
                circumstance = {a.i for a in tok.ancestors}
                break
        for prep in sentence:
            if (
                prep.lower_ not in _PLACE_PREPS
                or prep.head.pos_ not in ("VERB", "AUX")
                or prep.head.dep_ in ("acl", "relcl")  # "the process launched in Ohrid"
                or _lemma(prep.head) in self.lex.reporting_verbs
                or prep.head.i in circumstance
            ):
                continue
            for obj in self.children(prep, ("pobj",)):
                for tok in (obj, *obj.conjuncts):
                    ent = self.entity_at.get(tok.i)
                    if ent is None or ent.place_id is None:
                        continue
                    if not any(a <= ent.start < b for a, b in actor_spans):
                        found.setdefault(ent.place_id, _place_ref(ent))
        return next(iter(found.values())) if len(found) == 1 else None

    # -- quantities -------------------------------------------------------------------
    def governs(self, trigger: Token, token: Token) -> bool:
        """Whether ``token``'s path up the tree reaches ``trigger`` before another verb."""
        current = token
        for _ in range(32):
            if current.i == trigger.i:
                return True
            if _lemma(current) == "be" and trigger.head.i == current.i:
                return True  # "X boycotted the vote: turnout was only 3%": a figure clause
            head = current.head
            if head.i == current.i:
                return False
            if head.i != trigger.i and head.pos_ in ("VERB", "AUX") and _lemma(head) != "be":
                return False
            current = head
        return False

    def number_value(self, token: Token) -> float | None:
        text = token.text.lower()
        m = _NUMBER.match(text)
        if m is not None:
            value = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        elif text in self.lex.number_words:
            value = self.lex.number_words[text]
        else:
            return None
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ in self.lex.multipliers and m is not None:
            value *= self.lex.multipliers[nxt.lower_]
        return value

    def qualifier(self, first: Token) -> str | None:
        start_char = first.idx
        before = self.text[max(first.sent.start_char, start_char - 24) : start_char].lower()
        before = " ".join(before.split())
        for q in self.lex.qualifiers:
            if before.endswith(" " + q) or before == q:
                return q
        return None

    def quantities_of(self, trigger: Token, sentence: Span) -> list[Quantity]:
        out: list[Quantity] = []
        seen: set[int] = set()
        for tok in sentence:
            if (
                tok.i in seen
                or tok.i in self.time_tokens
                or not (tok.like_num or tok.pos_ == "NUM")
            ):
                continue
            if tok.i > 0 and tok.nbor(-1).like_num:
                continue  # second token of "1.5 million"
            value = self.number_value(tok)
            if value is None or not self.governs(trigger, tok):
                continue
            seen.add(tok.i)
            quantity = self.quantity(tok, value, trigger)
            if quantity is not None:
                out.append(quantity)
        return out

    def quantity(self, tok: Token, value: float, trigger: Token) -> Quantity | None:
        doc = self.doc
        prev = doc[tok.i - 1] if tok.i > 0 else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        first = tok
        unit: str | None = None
        if prev is not None and prev.text.lower() in self.lex.currencies:
            unit, first = self.lex.currencies[prev.text.lower()], prev
        elif nxt is not None and nxt.text.lower() in self.lex.currencies:
            unit = self.lex.currencies[nxt.text.lower()]
        elif nxt is not None and nxt.text.lower() in ("%", "percent", "per"):
            unit = "percent"
            subject = self.copula_subject(tok)
            if subject is not None:
                unit = f"percent {subject.lower_}"
        else:
            head = tok
            while head.dep_ in ("nummod", "quantmod", "compound") and head.head.i > head.i:
                head = head.head
            if head.i == tok.i or head.pos_ not in ("NOUN", "PROPN"):
                return None
            if _lemma(head) in ("year", "time", "day", "month", "week", "hour"):
                return None
            begin = tok.i + 1
            while begin < head.i and doc[begin].lower_ in self.lex.multipliers:
                begin += 1
            unit = doc[begin : head.i + 1].text
            casualty = self.casualty(head, trigger)
            if casualty:
                unit = f"{unit} {casualty}"
        return Quantity(value=value, unit=unit, qualifier=self.qualifier(first))

    def copula_subject(self, tok: Token) -> Token | None:
        current = tok
        for _ in range(4):
            if _lemma(current) == "be":
                for c in current.children:
                    if c.dep_ in _SUBJECTS:
                        return c
                return None
            if current.head.i == current.i:
                return None
            current = current.head
        return None

    def casualty(self, noun: Token, trigger: Token) -> str | None:
        verb = noun.head if noun.dep_ in _SUBJECTS | _PASSIVE_SUBJECTS | _OBJECTS else trigger
        lemmas = {_lemma(verb), _lemma(trigger)}
        for name, words in self.lex.casualties.items():
            if lemmas & words:
                return name
        return None

    # -- modality and relay ---------------------------------------------------------
    def negated(self, token: Token) -> bool:
        if token.dep_ == "pobj" and token.head.lower_ in self.lex.negations:
            return True  # "ended without agreement"
        for c in token.children:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in self.lex.negations):
                return True
            if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in self.lex.negations
                or any(d.dep_ == "det" and d.lower_ in self.lex.negations for d in c.children)
            ):
                return True  # "No one was hurt", "nobody was arrested"
        return False

    def verb_modality(self, verb: Token) -> Modality | None:
        """The modality a verb (or a phrase it opens: "call for") gives its complement."""
        phrase = cast("Modality | None", self.phrase_at(verb, self.lex.modality_phrases))
        return phrase or self.lex.modality_verbs.get(_lemma(verb))

    def asks_another(self, verb: Token, clause: Token) -> bool:
        """Whether ``verb`` (expect, want …) has ``clause`` as a to-infinitive with a subject
        of its own: what another is to do ("wants Kosovo to withdraw")."""
        return (
            _lemma(verb) in self.lex.object_demand_verbs
            and clause.dep_ == "ccomp"
            and _to_infinitive(clause)
            and any(c.dep_ == "nsubj" for c in clause.children)
        )

    def modality_of(self, trigger: Token, clause: Token) -> tuple[Modality, Token | None]:
        """The modality of an event and the reporting verb above it, if any."""
        sentence = trigger.sent
        if sentence.text.rstrip().rstrip("\"'”’»").endswith("?"):
            return "hypothetical", None
        # conditionals: the event's clause or a clause above it is introduced by "if"
        current = clause
        for _ in range(8):
            if any(
                c.dep_ == "mark" and c.lower_ in self.lex.conditionals for c in current.children
            ):
                return "hypothetical", None
            if (
                current.dep_ not in ("conj", "xcomp", "ccomp", "advcl")
                or current.head.i == current.i
            ):
                break
            current = _governor(current)
        if any(
            c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
            for c in clause.children
        ):
            return "hypothetical", None
        if self.negated(clause) or (trigger.pos_ == "NOUN" and self.negated(trigger)):
            return "negated", None
        claim = self.claimed(clause)
        if claim is not None:
            return claim
        if self.asked_for(clause):
            return "demanded", None  # "rejected calls to scrap the tariff": asked for
        complement: Modality | None = None
        reporter: Token | None = None
        current = trigger
        for _ in range(12):
            if current.head.i == current.i or not (
                current.dep_ in _CLIMB_DEPS or _for_to_clause(current) or self.asked_to(current)
            ):
                break
            head = _governor(current)
            second_act = current.dep_ == "conj" and current.tag_ in ("VBD", "VBZ", "VBP")
            if head.pos_ in ("VERB", "AUX") and not second_act:
                # (a coordinated finite verb is a second act, not what its sibling says or
                # wants: "rejected the claims and accused Serbia …"; it shares only what is
                # above; "ordered the forces in and occupy the buildings" is still ordered)
                lemma = _lemma(head)
                found = self.verb_modality(head)
                if current.dep_ == "nsubj" and _lemma(head) in self.lex.occurrence_verbs:
                    found = None  # "talks in Brussels failed": the talks took place
                if found == "planned" and self.asks_another(head, current):
                    found = "demanded"  # "expected Pristina to free three Serbs"
                if found is not None and complement is None and head.i != trigger.i:
                    complement = "negated" if self.negated(head) else found
                elif current.dep_ == "xcomp" and complement is None and self.negated(head):
                    complement = "negated"  # "are not allowed to enter", "did not try to …"
                elif lemma in self.lex.reporting_verbs and current.dep_ in ("ccomp", "xcomp"):
                    reporter = head
                    break
                elif lemma == "go" and current.dep_ == "xcomp" and complement is None:
                    complement = "planned"  # "is going to"
            current = head
        if complement is None and self.intended(trigger):
            complement = "planned"  # "announced a plan to suspend talks", "an offer to mediate"
        if complement is not None:
            return complement, reporter
        auxiliaries = self.auxiliaries(clause)
        aux = {_lemma(c) for c in auxiliaries} | {c.lower_ for c in auxiliaries}
        for word in sorted(aux):
            modal = self.lex.modals.get(word)
            if modal is None:
                continue
            if word in ("would", "'d") and reporter is not None:
                return "planned", reporter  # future in the past in reported speech
            return modal, reporter
        if any(c.lower_ in self.lex.hedges for c in clause.subtree if c.dep_ == "advmod"):
            return "reported", reporter
        return "asserted", reporter

    def asked_to(self, clause: Token) -> bool:
        """Whether ``clause`` is a to-infinitive that the parser hung as an adverbial on a
        verb of demanding ("called on the commission *to reverse* its decision"): what the
        demand asks for, as the usual complement is."""
        return (
            clause.dep_ == "advcl"
            and _to_infinitive(clause)
            and clause.head.i < clause.i
            and self.verb_modality(clause.head) == "demanded"
        )

    def asked_for(self, clause: Token) -> bool:
        """Whether ``clause`` is the to-infinitive of a noun of asking ("calls to scrap the
        tariff"), which the parser may also hang on the verb of that noun."""
        if not _to_infinitive(clause):
            return False
        if clause.dep_ == "acl":
            return _lemma(clause.head) in self.lex.demand_nouns
        return clause.dep_ in ("advcl", "xcomp") and any(
            o.i == clause.left_edge.i - 1 or o.right_edge.i == clause.left_edge.i - 1
            for o in self.children(clause.head, _OBJECTS)
            if _lemma(o) in self.lex.demand_nouns
        )

    def claimed(self, clause: Token) -> tuple[Modality, Token | None] | None:
        """For the "that" clause of a claim noun ("rejected accusations that officers used
        force", "reports that troops were sent"): denied when the claim is denied, rejected
        or dismissed, else reported (by the verb's subject); None for any other clause."""
        if clause.dep_ != "acl" or not any(
            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
        ):
            return None
        noun = clause.head
        if _lemma(noun) not in self.lex.claim_nouns:
            return None
        verb = noun.head
        if verb.pos_ not in ("VERB", "AUX") or noun.dep_ not in ("dobj", "obj", "nsubjpass"):
            return "reported", None
        if self.lex.modality_verbs.get(_lemma(verb)) in ("denied", "negated"):
            return ("reported" if self.negated(verb) else "denied"), verb
        return "reported", verb

    def according_to(self, sentence: Span) -> ActorRef | None:
        for tok in sentence:
            if tok.lower_ != "according" or tok.i + 2 >= len(self.doc):
                continue
            if self.doc[tok.i + 1].lower_ == "to":
                found = None
                for obj in self.doc[tok.i + 1].children:
                    found = found or self.actor_of(obj)
                return found[0] if found else None
        return None

    def chain(self, char: int, reporter: Token | None, sentence: Span) -> list[ActorRef]:
        chain: list[ActorRef] = [self.outlet] if self.outlet is not None else []
        quote = self.quote_at(char)
        if quote is not None:
            chain += quote.via
            if quote.speaker is not None:
                chain.append(quote.speaker)
        elif reporter is not None:
            subject = self.subject_of(reporter)
            found = self.actor_of(subject) if subject is not None else None
            if found is not None:
                chain.append(found[0])
        else:
            source = self.according_to(sentence)
            if source is not None:
                chain.append(source)
        out: list[ActorRef] = []
        for ref in chain:
            if not out or _ref_key(out[-1]) != _ref_key(ref):
                if any(_ref_key(r) == _ref_key(ref) for r in out) and ref is not chain[-1]:
                    continue
                out.append(ref)
        return out

    # -- events ---------------------------------------------------------------------
    def triggers(self) -> list[tuple[Token, Coding, str, Token]]:
        """(trigger, coding, how, clause verb) for every event mention."""
        out: list[tuple[Token, Coding, str, Token]] = []
        inside_phrase: set[int] = set()  # "held for questioning": not a second event
        for sentence in self.doc.sents:
            if not sentence.text.strip() or self.in_caption(sentence.start_char):
                continue
            for tok in sentence:
                if tok.i in inside_phrase:
                    continue
                coded = self.code_verb(tok) or self.code_obligation(tok)
                if coded is not None and coded[1] == "phrase":
                    length = (self.phrase_match(tok, self.lex.phrases) or (0, None))[0]
                    inside_phrase.update(range(tok.i + 1, tok.i + 1 + length))
                if (
                    coded is not None
                    and _lemma(tok) in _LIGHT
                    and any(self.noun_coding(c) is not None for c in self.children(tok, _OBJECTS))
                ):
                    coded = None  # "struck a deal", "undertook a mediation mission": the noun
                if coded is not None and (main := self.purpose_of(tok)) is not None:
                    main_coded = self.code_verb(main)
                    if main_coded is not None and main_coded[0].type == coded[0].type:
                        continue  # "blocked the road to protest": the blockade's purpose
                if coded is not None:
                    out.append((tok, coded[0], coded[1], tok))
                    continue
                if tok.pos_ not in ("NOUN", "PROPN") or tok.i in self.time_tokens:
                    continue
                coding = self.noun_coding(tok)
                if coding is None:
                    continue
                governor = self.noun_governor(tok)
                how = "force-noun" if _lemma(tok) in self.lex.force_nouns else "noun"
                if self.dated_noun(tok) and (governor is None or tok.dep_ == "pobj"):
                    # "last week's explosion on the canal"; "ordered the suspect in Sunday's
                    # shooting held": a dated mention, not what the verb's clause does
                    governor, how = tok, "dated-noun"
                if governor is None:
                    continue
                verb_coded = self.code_verb(governor)
                if verb_coded is not None and verb_coded[0].type == coding.type:
                    continue  # "reached an agreement"-like pairs code the verb once
                if verb_coded is not None and verb_coded[1] == "object" and tok.head == governor:
                    continue  # "ended their protest", "lifted the blockade": the verb's act
                if (
                    verb_coded is not None
                    and verb_coded[0].type == "REJECT"
                    and coding.type in _ANSWERED
                    and tok.dep_ in _OBJECTS
                    and tok.head == governor
                ):
                    continue  # "rejected the criticism": another's words, answered
                out.append((tok, coding, how, governor))
        return out

    def finding(self, trigger: Token, coding: Coding, how: str, clause: Token) -> EventFinding:
        is_noun = trigger.pos_ in ("NOUN", "PROPN")
        sentence = trigger.sent
        actor1: tuple[ActorRef, tuple[int, int]] | None = None
        actor2: tuple[ActorRef, tuple[int, int]] | None = None
        subject_tok: Token | None = None
        if is_noun:
            undergoes = _lemma(trigger) in self.lex.undergoer_nouns  # release, arrest …
            undergoer = undergoes and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in trigger.children
            )
            for c in trigger.children:
                if c.dep_ == "poss" and undergoer:
                    actor2 = self.actor_of(c)  # "demanded the officer's release"
                elif c.dep_ == "poss":
                    actor1 = self.actor_of(c)
                elif c.dep_ == "prep" and c.lower_ == "by":
                    for obj in c.children:
                        actor1 = actor1 or self.actor_of(obj)
            for by in self.agent_of_object(trigger) if actor1 is None else ():
                actor1 = actor1 or self.actor_of(by)
            for c in trigger.lefts if actor1 is None else ():
                if c.dep_ == "compound" and self.np_class(c) in ("police", "forces"):
                    actor1 = self.actor_of(c)  # "a police raid", "an army offensive"
            for c in trigger.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "between"):
                    for obj in c.children:
                        if obj.dep_ != "pobj" or self.np_class(obj) in ("forces", "police"):
                            continue
                        found = self.actor_of(obj)
                        if found is None:
                            continue
                        patient_of = coding.type in _PATIENT_OF or undergoes  # "release of"
                        if (patient_of and c.lower_ == "of") or (
                            coding.cameo == "045" and c.lower_ == "between"
                        ):  # "mediation between X and Y": the parties are mediated
                            actor2 = actor2 or found
                        else:
                            actor1 = actor1 or found
                            subject_tok = obj
                elif c.dep_ == "prep" and c.lower_ in _ACTOR_PREPS:
                    for obj in c.children:
                        if obj.dep_ == "pobj":
                            found = self.actor_of(obj)
                            ent = self.entity_at.get(obj.i)
                            if found and not (ent is not None and ent.place_id is not None):
                                actor2 = actor2 or found
            if actor2 is None and coding.type in _CONTENT_TARGETS:
                actor2 = self.content_subject(trigger, set())
                if actor2 is None and clause.i != trigger.i and self.supports(clause):
                    actor2 = self.content_subject(clause, set())  # "reiterated its demand that X …"
            asked = undergoer and self.verb_modality(clause) == "demanded"
            if (
                actor2 is None
                and trigger.head.dep_ == "prep"
                and self.died_in(clause, trigger.head)
                and (victim := self.subject_of(clause)) is not None
            ):
                actor2 = self.actor_of(victim)  # "the mayor died in an attack by gunmen"
            if (
                actor1 is None
                and clause.i != trigger.i
                and not asked
                and not self.judges(clause)
                and _lemma(clause) not in self.lex.death_verbs
            ):
                # not "demanded his release": who demands a release does not release; nor
                # "condemned the attack": who condemns an attack did not make it
                subject_tok = self.subject_of(clause)
                if subject_tok is not None and subject_tok.i != trigger.i:
                    actor1 = self.actor_of(subject_tok, places=True)
        else:
            subject_tok = self.subject_of(trigger)
            if subject_tok is not None:
                actor1 = self.actor_of(subject_tok, places=True)
            if how == "phrase" and self.undergoer_phrase(trigger):
                actor1, actor2 = None, actor1  # "seven of the detained walked free"
            passive = self.children(
                trigger, _PASSIVE_SUBJECTS | ({"nsubj"} if _small_clause(trigger) else set())
            )
            if _shared_patient(trigger):
                passive = self.children(trigger.head, _SUBJECTS)  # "… and was detained"
            skip = {t.i for t in passive}
            if passive and _lemma(trigger) in _STATIVE and not self.children(trigger, ("agent",)):
                actor1 = self.actor_of(passive[0], places=True)  # "Israel is opposed to …"
                subject_tok = passive[0]
            elif passive:  # "52 Serbs were hurt": the patient is actor2
                patient = passive[0]
                if trigger.dep_ == "relcl" and patient.lower_ in _RELATIVE_PRONOUNS:
                    patient = trigger.head  # "activist X, who was arrested on Friday"
                actor2 = self.actor_of(patient)
            elif (trigger.dep_ == "acl" and trigger.tag_ == "VBN") or _object_gap(
                trigger, subject_tok
            ):  # "three Serbs arrested in …", "the officer it had detained"
                actor2 = self.actor_of(trigger.head)
                skip.add(trigger.head.i)
            if actor2 is None and how == "object":
                actor2 = self.object_aimed_at(trigger, skip)
            if actor2 is None:
                target, _ = self.object_actor(
                    trigger, skip, coding.type == "ACCUSE", coding.mode in _PEOPLE_MOVED
                )
                if target is not None:
                    actor2 = self.actor_of(target)
            if actor2 is None:
                actor2 = self.deep_target(
                    trigger, coding, skip | {subject_tok.i} if subject_tok else skip
                )
        if actor2 is None and subject_tok is not None and coding.type in _SYMMETRIC:
            for c in subject_tok.children:
                if c.dep_ == "conj":
                    actor2 = self.actor_of(c)
                    break
        if actor2 is None and coding.type == "THREATEN":
            actor2 = self.condition_subject(trigger)
        if actor2 is None:
            actor2 = self.clause_target(
                trigger, coding, subject_tok, actor1[1] if actor1 else None, how == "object"
            )
        if actor2 is None and is_noun and clause.i != trigger.i and self.supports(clause):
            # "began a hunger strike to protest against Sweden's decision": the support
            # verb's purpose clause names the target
            actor2 = self.clause_target(clause, coding, subject_tok, actor1[1] if actor1 else None)
        civil = self.lex.civil_codings.get(coding.cameo or "")
        if civil is not None and actor1 is not None and self.civilian(*actor1):
            coding = civil  # "a blockade of the road by local residents": PROTEST, not COERCE
        if coding.type == "COERCE" and coding.mode == "seize" and self.people(actor2):
            coding = Coding("COERCE", "arrest", "173")  # "seized two officers": taken, held
        if (
            coding.mode == "troops"
            and subject_tok is not None
            and self.np_class(subject_tok) == "police"
        ):
            coding = replace(coding, mode="police", cameo="153")  # "Police deployed special units"
        if coding.type == "PROTEST" and how == "verb" and self.official(actor1):
            coding = Coding("ACCUSE", "disapprove", "111")  # "the ministry protested against"
        modality, reporter = self.modality_of(trigger, clause if is_noun else trigger)
        chain = self.chain(trigger.idx, reporter, sentence)
        if how == "obligation":
            coding = Coding("SUPPORT", None, None)  # any act: the stance makes it a REQUEST
        if not is_noun:
            stance = self.stance(trigger, coding, modality, reporter)
            if stance is not None:  # PLOVER: an intent, threat, refusal or demand
                # the act it announces is kept: "will send aid next week" is AGREE, and the
                # chronicle can join it with the AID when the aid arrives
                act = None if how == "obligation" else coding.type
                if coding.type == "REJECT":
                    act = stance.announced  # "did not rule out sanctions": what is kept open
                coding = replace(stance, announced=act)
                how = f"{how}+{stance.type.lower()}"
                modality = "asserted"
                if stance.type == "THREATEN" and actor2 is None:
                    actor2 = self.condition_subject(trigger)
                saying = reporter or self.saying_verb(trigger)
                if actor1 is None and saying is not None and _agentless_passive(trigger):
                    # "the PM said the law would not be withdrawn": the speaker refuses
                    speaker_tok = self.subject_of(saying)
                    actor1 = self.actor_of(speaker_tok, places=True) if speaker_tok else None
                if stance.type == "REQUEST" and reporter is not None:
                    asker_tok = self.subject_of(reporter)
                    asker = self.actor_of(asker_tok, places=True) if asker_tok else None
                    if asker is not None:  # "Russia said Sudan must return …"
                        same = actor1 is not None and actor1[1] == asker[1]
                        # "said the ban must go": the speaker is no target of its own demand
                        actor1, actor2 = asker, None if same else actor1
        if len(chain) > 1 and modality == "asserted":
            modality = "reported"
        place = self.place_of(trigger, [clause] if clause.i != trigger.i else [], subject_tok)
        if actor2 is None:
            actor2 = self.place_target(trigger, place, actor1[1] if actor1 else None)
        if place is None:  # "near Merdare", "at the Jarinje crossing": no gazetteer entry
            place = self.unknown_place(trigger, [clause] if clause.i != trigger.i else [])
        place_basis: PlaceBasis | None = "attached" if place is not None else None
        if place is None:
            place = self.sentence_place(sentence, clause, [a[1] for a in (actor1, actor2) if a])
            place_basis = "sentence" if place is not None else None
        date, basis = self.dated(trigger, clause)
        if how == "dated-noun":
            # a mention of a dated event ("after Saturday's clashes", "denied any role in
            # Friday's blast") presupposes it, whatever the verbs above say of something else
            ahead = (
                self.published is not None
                and date is not None
                and (date.start > (self.published.latest or self.published.date or date.start))
            )
            modality = "planned" if ahead else "reported" if reporter is not None else "asserted"
        quantities = self.quantities_of(trigger, sentence)
        if is_noun and clause.i != trigger.i:
            quantities += [q for q in self.quantities_of(clause, sentence) if q not in quantities]
        spans = [(trigger.idx, trigger.idx + len(trigger))]
        for tok in (trigger if not is_noun else clause, trigger):
            left = [
                t
                for t in tok.subtree
                if t.i == tok.i or t.dep_ not in ("ccomp", "advcl", "parataxis")
            ]
            spans.append((min(t.idx for t in left), max(t.idx + len(t) for t in left)))
        for found_actor in (actor1, actor2):
            if found_actor is not None:
                spans.append(found_actor[1])
        start = max(sentence.start_char, min(s for s, _ in spans))
        end = min(sentence.end_char, max(e for _, e in spans))
        while end > start and self.text[end - 1] in " \n\t,;:":
            end -= 1
        confidence = {"phrase": 0.8, "object": 0.8, "subject": 0.75, "verb": 0.7}.get(how, 0.6)
        if actor1 is not None and actor1[0].actor_id is not None:
            confidence += 0.1
        elif actor1 is None:
            confidence -= 0.15
        return EventFinding(
            trigger=trigger.i,
            trigger_span=(trigger.idx, trigger.idx + len(trigger)),
            coding=coding,
            how=how,
            modality=modality,
            asserted_by=chain,
            evidence=[(start, end)],
            actor1=actor1[0] if actor1 else None,
            actor1_span=actor1[1] if actor1 else None,
            actor2=actor2[0] if actor2 else None,
            actor2_span=actor2[1] if actor2 else None,
            place=place[0] if place else None,
            place_span=place[1] if place else None,
            place_basis=place_basis,
            date=date,
            date_basis=basis,
            quantities=quantities,
            confidence=max(0.2, min(0.95, confidence)),
            depth=_depth(clause) if is_noun and clause.i != trigger.i else _depth(trigger),
        )

    def dated(self, trigger: Token, clause: Token) -> tuple[Interval | None, DateBasis | None]:
        if self.date_for is not None:
            result = None
            if clause.i != trigger.i:  # "Tuesday's talks were held …": the noun's own time
                own = self.date_for(self.doc, self.times, trigger, self.published)
                if isinstance(own, tuple) and own[1] == "explicit":
                    result = own
            anchor = trigger if clause.i == trigger.i else clause
            judged = clause.i != trigger.i and self.judges(clause)
            if result is None and (judged or _lemma(clause) in self.lex.continuation_verbs):
                ongoing = self.date_for(self.doc, self.times, anchor, self.published)
                if (
                    isinstance(ongoing, tuple)
                    and ongoing[0] is not None
                    and (ongoing[1] == "explicit" or (judged and ongoing[1] == "narrative"))
                ):
                    # "the build-up continued on Wednesday": begun on or before that day;
                    # "condemned on Sunday the detention of …": done on or before it
                    start = ongoing[0].start - dt.timedelta(days=_ONGOING_DAYS)
                    result = (Interval(start=start, end=ongoing[0].end), ongoing[1])
            result = result or self.date_for(self.doc, self.times, anchor, self.published)
            if isinstance(result, tuple):
                return cast(Interval | None, result[0]), cast(DateBasis | None, result[1])
            if isinstance(result, Interval):
                return result, None
        p = self.published
        if p is not None:
            start, end = p.earliest or p.date, p.latest or p.date
            if start is not None and end is not None:
                return Interval(start=start, end=end), "publication"
        return None, None

    def classify(self, findings: list[EventFinding]) -> list[EventFinding]:
        """The classifier's say, sentence by sentence: an event where the rules found none
        (on the highest verb), or a new category for the rules' main event."""
        model = self.classifier
        if model is None:
            return findings
        by_sentence: dict[int, list[EventFinding]] = {}
        for f in findings:
            by_sentence.setdefault(self.doc[f.trigger].sent.start, []).append(f)
        out = list(findings)
        for sentence in self.doc.sents:
            if not sentence.text.strip() or self.in_caption(sentence.start_char):
                continue
            here = sorted(
                by_sentence.get(sentence.start, []),
                key=lambda f: (f.depth, -f.confidence, f.trigger),
            )
            if not here and not any(t.pos_ == "VERB" for t in sentence):
                continue
            rules = [(f.coding.type, f.how, f.depth) for f in here]
            category, prob = model.predict(sentence_features(sentence, rules))
            coding = Coding(cast(EventType, category), None, self.lex.cameo_of.get(category))
            if not here:
                if prob < model.new_threshold:
                    continue
                verbs = [  # the highest verb that is not one of saying, thinking or wanting
                    t
                    for t in sentence
                    if t.pos_ == "VERB"
                    and t.dep_ not in _SKIP_DEPS
                    and _lemma(t) not in self.lex.reporting_verbs
                    and _lemma(t) not in self.lex.modality_verbs
                ]
                if not verbs:
                    continue
                trigger = min(verbs, key=lambda t: (_depth(t), t.i))
                found = self.finding(trigger, coding, "classifier", trigger)
                if found.actor1 is None:
                    continue  # no actor, no event: most such sentences describe, not report
                found.confidence = round(0.3 + 0.3 * prob, 3)
                out.append(found)
            elif here[0].coding.type != category and prob >= model.override_threshold:
                main = here[0]
                main.coding = coding
                main.how = f"{main.how}+classifier"
                main.confidence = round(min(main.confidence, 0.3 + 0.4 * prob), 3)
        return sorted(out, key=lambda f: f.trigger)

    def run(self) -> list[EventFinding]:
        findings = self.classify([self.finding(*t) for t in self.triggers()])
        return merge_findings(findings, self.actors)


# ------------------------------------------------------------------------------ merging
def _same_side(a: ActorRef | None, b: ActorRef | None, actors: dict[str, Actor]) -> bool:
    if a is None or b is None:
        return True
    if _ref_key(a) == _ref_key(b):
        return True
    x = actors.get(a.actor_id or "")
    y = actors.get(b.actor_id or "")
    if x is None or y is None:
        return False
    if x.affiliation == y.id or y.affiliation == x.id:
        return True
    state_like = {"state", "government"}
    sectors = {"GOV", "COP", "MIL"}
    return (
        x.country is not None
        and x.country == y.country
        and (x.kind in state_like or x.sector in sectors)
        and (y.kind in state_like or y.sector in sectors)
    )


def _overlap(a: Interval | None, b: Interval | None) -> bool:
    return a is None or b is None or (a.start <= b.end and b.start <= a.end)


def _mergeable(a: EventFinding, b: EventFinding, actors: dict[str, Actor]) -> bool:
    return (
        a.coding.type == b.coding.type
        and (a.coding.mode == b.coding.mode or a.coding.mode is None or b.coding.mode is None)
        and a.modality == b.modality
        and [_ref_key(r) for r in a.asserted_by] == [_ref_key(r) for r in b.asserted_by]
        and (a.actor1 is not None or b.actor1 is not None)
        and _same_side(a.actor1, b.actor1, actors)
        and _same_side(a.actor2, b.actor2, actors)
        and (_overlap(a.date, b.date) or "explicit" not in (a.date_basis, b.date_basis))
        and (a.place is None or b.place is None or a.place.place_id == b.place.place_id)
    )


def merge_findings(
    findings: Sequence[EventFinding], actors: dict[str, Actor] | None = None
) -> list[EventFinding]:
    """Several mentions of one event → one finding with several evidence spans."""
    known = actors or {}
    out: list[EventFinding] = []
    # in text order, so that the first mention keeps its trigger ("met … to discuss": "met")
    for f in sorted(findings, key=lambda f: (f.evidence[0][0], f.trigger, f.evidence[0][1])):
        target = next((o for o in out if _mergeable(o, f, known)), None)
        if target is None:
            out.append(replace(f, evidence=list(f.evidence), quantities=list(f.quantities)))
            continue
        if f.evidence[0] not in target.evidence:
            target.evidence.append(f.evidence[0])
        target.actor1 = target.actor1 or f.actor1
        target.actor1_span = target.actor1_span or f.actor1_span
        target.actor2 = target.actor2 or f.actor2
        target.actor2_span = target.actor2_span or f.actor2_span
        if target.place is None or (
            target.place_basis == "sentence" and f.place_basis == "attached"
        ):
            target.place, target.place_basis = f.place, f.place_basis
        if target.coding.mode is None and f.coding.mode is not None:
            target.coding = f.coding
        if target.date_basis == "publication" and f.date_basis not in (None, "publication"):
            target.date, target.date_basis = f.date, f.date_basis
        target.quantities += [q for q in f.quantities if q not in target.quantities]
        target.confidence = min(0.95, max(target.confidence, f.confidence) + 0.05)
    return out


# ------------------------------------------------------------------------------ public API
def find_events(
    doc: Doc,
    resolution: Resolution,
    *,
    times: Sequence[TimeRef] = (),
    quotes: Sequence[Quote] = (),
    published: Published | None = None,
    outlet: ActorRef | None = None,
    date_for: DateFor | None = None,
    lexicon: EventLexicon | None = None,
    use_classifier: bool = True,
) -> list[EventFinding]:
    """Every event of ``doc`` with its trigger and argument spans (see module docstring).
    ``use_classifier=False`` gives the rules alone (as the classifier is trained on)."""
    return _Extractor(
        doc, resolution, times, quotes, published, outlet, date_for,
        lexicon or load_event_lexicon(),
        load_event_classifier() if use_classifier else None,
    ).run()  # fmt: skip


def extract_events(
    doc: Doc,
    resolution: Resolution,
    *,
    times: Sequence[TimeRef] = (),
    quotes: Sequence[Quote] = (),
    published: Published | None = None,
    outlet: ActorRef | None = None,
    date_for: DateFor | None = None,
    lexicon: EventLexicon | None = None,
    use_classifier: bool = True,
) -> list[Event]:
    """The contract's :class:`Event` records of ``doc``, in text order."""
    findings = find_events(
        doc, resolution, times=times, quotes=quotes, published=published, outlet=outlet,
        date_for=date_for, lexicon=lexicon, use_classifier=use_classifier,
    )  # fmt: skip
    return [f.record() for f in findings]


def event_arguments(
    doc: Doc, resolution: Resolution, trigger: Token, lexicon: EventLexicon | None = None
) -> EventFinding:
    """The arguments of an event whose trigger is given (for argument benchmarks): the
    trigger is coded if the lexicon knows it, else given a placeholder coding."""
    ex = _Extractor(doc, resolution, (), (), None, None, None, lexicon or load_event_lexicon())
    coded = ex.code_verb(trigger)
    coding = coded[0] if coded else ex.noun_coding(trigger) or Coding("ASSAULT", None, None)
    clause = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        clause = ex.noun_governor(trigger) or trigger
    return ex.finding(trigger, coding, coded[1] if coded else "noun", clause)


__all__ = [
    "EXTRACTOR",
    "VERSION",
    "Coding",
    "DateFor",
    "EventFinding",
    "EventLexicon",
    "event_arguments",
    "event_id",
    "extract_events",
    "find_events",
    "load_event_lexicon",
    "merge_findings",
    "parse_event_lexicon",
]
