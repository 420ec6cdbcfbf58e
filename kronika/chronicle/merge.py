"""Cross-document event merging: event reports in, chronicle events out.

Two reports are scored on five features (:func:`pair_score`):

- **type**: 1 for the same PLOVER type, the compatibility table's value for a pair that
  often describes one incident (``data/en/chronicle.yaml``), else the pair is not compared;
- **date**: explicit and narrative dates must overlap within a tolerance (else the pair is
  vetoed); a date that is only the publication window is weak evidence: it says the event
  happened on or before it, so it only vetoes an event dated after it;
- **place**: the same gazetteer place (or name) adds, a different one subtracts (a region or
  country and a town inside it do neither); without event places, a place named in both
  evidence texts adds;
- **actors**: the share of actors the reports have in common (ids, else names; two registry
  actors of one country count half);
- **text**: TF-IDF cosine of the evidence texts (:mod:`kronika.chronicle.similarity`);
- **nearby**: two reports of one document told close together add, unless the later one
  marks a new step of the story ("later"), which vetoes.

Reports in different modality groups (a deployment that happened and one that is only
threatened) are vetoed, except a plan and what happened on its day or inside its window. Two
reports of one document may merge only when they can be restatements of one event: the same
type, no different place, dates that agree (the extractor has already merged exact
restatements within a document; what remains is a different event, or the same one told
again: "two officers were wounded" … "police said only one officer had been hurt"). Their
pair is scored like any other. A denial and an affirmed report of one document need only
compatible types (the denial answers the accusation), and a report whose sentence opens with
its own place ("In Novi Pazar, …") is never a restatement of an earlier one set elsewhere.

Clustering is average linkage within connected components of the pairs that reach the
threshold, over pairs of reports (``MergeOptions.by_document`` averages over pairs of
documents instead); a veto between any two members keeps two clusters apart, and averaging
keeps a chain of pairwise matches from gluing different events together. Every
report ends in exactly one chronicle event (singletons included).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from kronika.chronicle.actors import ActorMatcher, names_person
from kronika.chronicle.conflicts import find_conflicts
from kronika.chronicle.lexicon import ChronicleLexicon
from kronika.chronicle.similarity import Vector, cosine, terms, tfidf_vectors
from kronika.chronicle.timeline import precision_of
from kronika.folding import fold
from kronika.models import (
    ActorRef,
    ChronicleEvent,
    ChronicleReport,
    DateBasis,
    Event,
    EventType,
    Interval,
    Place,
    PlaceRef,
)
from kronika.places import contains

VETO = -math.inf


@dataclass(frozen=True)
class EventReport:
    """A stored event with what merging needs from its document."""

    document_id: str
    event: Event
    outlet: str | None
    published: dt.date | None
    sentence: str
    """The evidence sentence(s): the text similarity compares these."""
    source: str
    """The independent source (outlet, joined with its copies' outlets)."""
    clause: str = ""
    """The part of the sentence around the trigger, between punctuation marks."""
    places: frozenset[str] = frozenset()
    """Gazetteer places named anywhere in the evidence sentences."""
    place_names: frozenset[str] = frozenset()
    """Their folded names as the text writes them ("brcko")."""


@dataclass(frozen=True)
class MergeOptions:
    """Weights and thresholds of the pair score (tuned on the dev corpus, docs/chronicle.md)."""

    threshold: float = 0.425
    same_document: bool = True
    """Whether two reports of one document may merge (when they are restatements: types at
    least ``same_document_types`` alike, no other place, dates that agree); False: never."""
    same_document_types: float = 1.0
    """The least type similarity of two reports of one document that may merge. 1.0: the
    same type only. 0.6 would also merge a riot told as PROTEST and ASSAULT, or force told as
    ASSAULT and COERCE ("beating protesters" … "denied that officers had used force"), but on
    dev it joined a rally with the clash it grew out of (docs/chronicle.md, round 4)."""
    same_document_denials: float = 0.6
    """The same for a denied or negated report and an affirmed one (a denial answers an
    accusation the document told in other words)."""
    type_weight: float = 0.15
    other_mode: float = 0.6
    """Factor of the type similarity when both reports have a PLOVER mode and the modes
    differ (COERCE/ban and COERCE/arrest): like two compatible types, not one."""
    date_weight: float = 0.2
    place_weight: float = 0.15
    place_conflict: float = 0.3
    """Subtracted when both reports name a place and the places differ."""
    actor_weight: float = 0.2
    unknown_actors: float = 0.5
    """The actor similarity of a pair where one report names no actor."""
    text_weight: float = 0.3
    date_tolerance: int = 1
    """Days two explicit or narrative dates may lie apart and still be one event."""
    narrative_tolerance: int | None = None
    """Days a narrative date (the document's running time, not a time attached to the
    event) may lie from the other report's date before the pair is vetoed; None: never
    vetoed, only not counted as evidence."""
    weak_window: int = 7
    """Days before a publication-window date that an undated event plausibly lies."""
    nearby_weight: float = 0.15
    """Added for two reports of one document (of one type, see ``same_document``) told close
    together."""
    nearby_chars: int = 300
    horizon: int = 31
    """Reports dated further apart than this are not compared at all (blocking)."""
    by_document: bool = False
    """True: linkage averages, over pairs of documents, each pair's best report score (a
    document is one witness); False: the plain average over pairs of reports, which did
    better on the 47-document dev (docs/chronicle.md, round 6)."""


@dataclass
class _Prepared:
    report: EventReport
    vector: Vector
    event: Event
    """The report's event as matched: an announcement of an act (:func:`as_matched`) is
    the planned act."""
    by_role: dict[str, ActorRef] = field(default_factory=dict)
    """The actors that count in matching (:func:`_actors`), by role: "actor1", "actor2"."""
    within: frozenset[str] = frozenset()
    """Ids of the known regions and countries that hold the report's place."""
    repeated: bool = False
    """Whether the report tells its event as a repetition ("a second house was set on
    fire", "attacked again"): not the earlier act of its kind."""

    @cached_property
    def actors(self) -> list[ActorRef]:
        return list(self.by_role.values())  # read for every pair: built once


def pair_score(
    a: _Prepared,
    b: _Prepared,
    lexicon: ChronicleLexicon,
    options: MergeOptions,
    actors: ActorMatcher,
) -> float:
    """How much two reports look like one event (:data:`VETO` when they cannot be)."""
    ea, eb = a.event, b.event
    same_document = a.report.document_id == b.report.document_id
    type_sim = lexicon.type_similarity(ea.type, eb.type, ea.plover_mode, eb.plover_mode)
    if same_document and (
        not options.same_document or type_sim < _least_same_document_types(ea, eb, lexicon, options)
    ):
        return VETO
    if type_sim == 0:
        return 0.0
    date_sim = date_similarity(ea, eb, options)
    if (
        (same_document or type_sim < 1.0 or a.repeated or b.repeated)
        and ea.date_basis == eb.date_basis == "explicit"
        and ea.date is not None
        and eb.date is not None
        and gap_days(ea.date, eb.date) > 0
    ):
        # "Monday's expulsion … drew a response on Tuesday": its own two days; one act told
        # as two types ("clashed" / "beat") is told on one day, so an arrest on Monday for
        # Sunday's attack is a second event; and "a second house was set on fire on Sunday"
        # is not Saturday's fire
        return VETO
    if date_sim == VETO or (
        lexicon.modality_group[ea.modality] != lexicon.modality_group[eb.modality]
        # a plan and what happened, on its day or inside its window ("next week" … "Tuesday"):
        # date similarity 1 or 0.6 is two explicit or narrative dates that overlap
        and not (date_sim >= 0.6 and lexicon.fulfilled(ea.modality, eb.modality))
        and not _undated_plan_fulfilled(ea, eb, lexicon, options)
    ):
        return VETO
    if (
        ea.plover_mode
        and eb.plover_mode
        and ea.plover_mode != eb.plover_mode
        and not lexicon.same_act(ea.type, eb.type, ea.plover_mode, eb.plover_mode)
    ):
        type_sim *= options.other_mode  # a ban and an arrest are both COERCE
    score = options.type_weight * type_sim + options.date_weight * date_sim
    place = place_similarity(ea.place, eb.place, a.within, b.within)
    if place is False and "sentence" in (ea.place_basis, eb.place_basis):
        place = None  # a place guessed from the sentence is no proof of another place
    if place is not None:
        if not place and same_document:
            return VETO
        score += options.place_weight if place else -options.place_conflict
    elif a.report.places & b.report.places:  # the place is only named in the sentence
        score += options.place_weight
    if {ea.type, eb.type} <= lexicon.statement_types and _other_known_speakers(
        a, b, actors, crosswise={ea.type, eb.type} <= lexicon.reversible_types
    ):
        return VETO  # "Serbia accused the police …" / "EULEX opened an investigation into …"
    if a.actors and b.actors:
        similarity = actors.similarity(a.actors, b.actors)
        if ea.type == eb.type and ea.type not in lexicon.reversible_types:
            # one act with a direction; across types one side's attack is the other's
            # dispersal ("protesters threw stones at police" / "police dispersed them")
            similarity = _directed(similarity, a.by_role, b.by_role, actors)
        if not similarity and not a.by_role.keys() & b.by_role.keys():
            # one names only who did it, the other only whom it hit ("accused Serbia of
            # orchestrating the attack", "saboteurs blew up the canal"): no disagreement
            similarity = options.unknown_actors
        score += options.actor_weight * similarity
    else:  # one report names nobody ("the deployment of armoured units"): no evidence either way
        score += options.actor_weight * options.unknown_actors
    if same_document:
        later, earlier = (b, a) if _start(eb) > _start(ea) else (a, b)
        if _moves_scene(later.report, earlier.event.place, lexicon):
            return VETO  # "… marched to the police station. In Novi Pazar, 300 people …"
        opening = fold(later.report.sentence).split()[:1]
        if opening and opening[0] in lexicon.new_story_words:
            return VETO  # "Separately, police in Peja seized …"
        if _near(ea, eb, options.nearby_chars):
            if lexicon.sequence_words & set(fold(later.report.sentence).split()):
                return VETO  # "… met the prime minister. The envoy later met …": the next step
            if not (ea.type in lexicon.statement_types and _other_doers(a, b, actors)):
                # "About 200 Serbs protested … The protesters blocked"; but two speakers'
                # statements told close together are two statements
                score += options.nearby_weight
    return score + options.text_weight * cosine(a.vector, b.vector)


def _other_doers(a: _Prepared, b: _Prepared, actors: ActorMatcher) -> bool:
    """Whether both reports name who acted and the two do not match ("The EU urged …" and
    "Prosecutors asked …")."""
    first, second = a.by_role.get("actor1"), b.by_role.get("actor1")
    return first is not None and second is not None and actors.match(first, second) == 0


def _undated_plan_fulfilled(
    a: Event, b: Event, lexicon: ChronicleLexicon, options: MergeOptions
) -> bool:
    """A plan with no day of its own, dated only by when it was told ("Serbia would ask the
    Security Council", Tuesday), and a factual report of the act within ``weak_window`` days
    from then ("has formally asked", Wednesday)."""
    if not lexicon.fulfilled(a.modality, b.modality):
        return False
    plan, act = (a, b) if a.modality in lexicon.fulfilled_on_the_day else (b, a)
    if plan.date_basis == "explicit" or plan.date is None or act.date is None:
        return False
    days = (act.date.start - plan.date.start).days
    return 0 <= days <= options.weak_window


def _other_known_speakers(
    a: _Prepared, b: _Prepared, actors: ActorMatcher, crosswise: bool = False
) -> bool:
    """Whether both reports' doers are known actors that do not match, not even as one side:
    two statements by different parties are two statements, whatever they are about. A
    person whose side is unknown ("Prime Minister Arben Hoxha") may still speak for a
    government another report names. With
    ``crosswise`` (an agreement, a meeting) one report's doer may be the other's partner
    ("Serbia agreed with Kosovo" / "Kosovo agreed with Serbia")."""
    first, second = a.by_role.get("actor1"), b.by_role.get("actor1")
    if first is None or second is None or not first.actor_id or not second.actor_id:
        return False
    if any(names_person(x) and actors.ref_side(x) is None for x in (first, second)):
        return False  # "Prime Minister Arben Hoxha" may speak for "the Kosovo government"
    if actors.match(first, second) != 0:
        return False
    theirs, ours = b.by_role.get("actor2"), a.by_role.get("actor2")
    return not (
        crosswise
        and (
            (theirs is not None and actors.match(first, theirs) > 0)
            or (ours is not None and actors.match(second, ours) > 0)
        )
    )


def _moves_scene(report: EventReport, before: PlaceRef | None, lexicon: ChronicleLexicon) -> bool:
    """Whether ``report``'s sentence opens with its own place ("In Novi Pazar, …") and that
    place is not ``before``, the place of an event its document told earlier."""
    place = report.event.place
    if place is None or report.event.place_basis == "sentence" or place_similarity(place, before):
        return False
    words = fold(report.sentence).split()
    name = fold(place.name).split()
    return (
        bool(words) and words[0] in lexicon.scene_prepositions and words[1 : 1 + len(name)] == name
    )


def _least_same_document_types(
    a: Event, b: Event, lexicon: ChronicleLexicon, options: MergeOptions
) -> float:
    """The least type similarity two reports of one document need to merge: a denial and
    an affirmed report may differ in type ("accused police of beating protesters" …
    "denied that officers had used force": the denial answers the accusation)."""
    pair = {a.modality, b.modality}
    if pair & lexicon.disputed and pair & lexicon.affirmed:
        return options.same_document_denials
    return options.same_document_types


def _start(event: Event) -> int:
    return event.evidence[0].start if event.evidence else 0


def _near(a: Event, b: Event, chars: int) -> bool:
    """Whether two events of one document are told within ``chars`` characters: a story
    goes on about the event it has just told."""
    if not a.evidence or not b.evidence:
        return False
    return abs(a.evidence[0].start - b.evidence[0].start) <= chars


def _strength(event: Event) -> int:
    """2 for an explicit date, 1 for a narrative one, 0 for the publication window."""
    return {"explicit": 2, "narrative": 1}.get(event.date_basis or "publication", 0)


def gap_days(a: Interval, b: Interval) -> int:
    """Days between two intervals (0 when they overlap)."""
    return max(0, (max(a.start, b.start) - min(a.end, b.end)).days)


def date_similarity(a: Event, b: Event, options: MergeOptions) -> float:
    """1 for overlapping precise dates down to 0 for no evidence; :data:`VETO` for dates
    that cannot be one event."""
    if a.date is None or b.date is None:
        return 0.0
    sa, sb = _strength(a), _strength(b)
    gap = gap_days(a.date, b.date)
    if sa and sb:
        if gap > options.date_tolerance:
            if sa == sb == 2:
                return VETO
            limit = options.narrative_tolerance
            return VETO if limit is not None and gap > limit else 0.0
        if gap:
            return 0.5
        short = max((d.end - d.start).days for d in (a.date, b.date)) <= 2
        return 1.0 if short else 0.6
    if sa or sb:  # one is a publication window: the event lies on or before it
        weak, strong = (a.date, b.date) if sb else (b.date, a.date)
        if strong.start > weak.end + dt.timedelta(days=options.date_tolerance):
            return VETO if max(sa, sb) == 2 else 0.0  # a narrative date is no proof
        if strong.end >= weak.start - dt.timedelta(days=options.weak_window):
            return 0.4
        return 0.0
    return 0.3 if gap <= options.date_tolerance else 0.0


def place_similarity(
    a: PlaceRef | None,
    b: PlaceRef | None,
    a_within: frozenset[str] = frozenset(),
    b_within: frozenset[str] = frozenset(),
) -> bool | None:
    """Whether two places are the same (None when either report has none, or when one is a
    region or country that holds the other: "in southern Serbia" and "in Preševo" may be one
    place told at two scales). ``*_within``: the ids of the places that hold each."""
    if a is None or b is None:
        return None
    if a.place_id and b.place_id:
        if a.place_id in b_within or b.place_id in a_within:
            return None
        return a.place_id == b.place_id
    # a name the gazetteer does not know ("Merdare") is the same place when spelt the same;
    # otherwise nothing says where it lies, so it is no conflict
    return True if fold(a.name) == fold(b.name) else None


def as_matched(event: Event, lexicon: ChronicleLexicon) -> Event:
    """The event as merging compares it: an affirmed announcement of an act, of a category
    in ``announcements_as_plans`` ("Moscow will send aid next week": AGREE, announcing AID),
    is a planned report of the act, which merges with the act once it is told, as "Russia
    plans to send aid" does; any other event is itself."""
    if (
        event.announced is None
        or event.type not in lexicon.announcements_as_plans
        or event.modality not in lexicon.affirmed
    ):
        return event
    return event.model_copy(update={"type": event.announced, "plover_mode": None,
                                    "modality": "planned"})  # fmt: skip


def _prepare(
    reports: Sequence[EventReport],
    lexicon: ChronicleLexicon,
    places: Mapping[str, Place] | None = None,
) -> list[_Prepared]:
    vectors = tfidf_vectors([terms(r.sentence, lexicon.stopwords) for r in reports])
    holders = _holders(places or {})
    return [
        _Prepared(
            r,
            v,
            as_matched(r.event, lexicon),
            _actors(r.event, lexicon.unidentified, r.place_names),
            holders.get(r.event.place.place_id or "", frozenset())
            if r.event.place
            else frozenset(),
            bool(lexicon.repeat_words & set(fold(r.clause).split())),
        )
        for r, v in zip(reports, vectors, strict=True)
    ]


def _directed(
    similarity: float, a: dict[str, ActorRef], b: dict[str, ActorRef], actors: ActorMatcher
) -> float:
    """The actor similarity of two reports of an act with a direction: when both name both
    sides and these match better crosswise than role by role, the two tell acts in opposite
    directions, and the crosswise match counts against them."""
    if len(a) < 2 or len(b) < 2:
        return similarity
    straight = (actors.match(a["actor1"], b["actor1"]) + actors.match(a["actor2"], b["actor2"])) / 2
    crossed = (actors.match(a["actor1"], b["actor2"]) + actors.match(a["actor2"], b["actor1"])) / 2
    return straight - crossed if crossed > straight else similarity


def _actors(
    event: Event, unidentified: frozenset[str] = frozenset(), places: frozenset[str] = frozenset()
) -> dict[str, ActorRef]:
    """The event's actors, less a target that is only its place ("an explosion near Zubin
    Potok": the extractor falls back to the town as the target, as CAMEO does): the place
    is compared as a place, and counting it again as an actor would set two reports of one
    event apart when one names the town and the other the thing hit. So is a target that is
    only a town the sentence names (``places``, folded: "to clear the Brčko bridge", where
    the parse gives the town as the object). An actor the text calls unknown ("an unknown
    attacker", "unidentified gunmen") names no one either."""
    named = places | {fold(event.place.name)} if event.place else places
    return {
        role: x
        for role, x in (("actor1", event.actor1), ("actor2", event.actor2))
        if x is not None
        and not (x.actor_id is None and fold(x.name) in named)
        and not (x.actor_id is None and unidentified & set(fold(x.name).split()))
    }


def _holders(places: Mapping[str, Place]) -> dict[str, frozenset[str]]:
    """Place id → the ids of the places in ``places`` that hold it
    (:func:`kronika.places.contains`), computed once per place, not per report."""
    return {
        pid: frozenset(oid for oid, outer in places.items() if contains(outer, inner))
        for pid, inner in places.items()
    }


def _date_key(report: EventReport) -> dt.date | None:
    return report.event.date.start if report.event.date else None


def score_pairs(
    prepared: Sequence[_Prepared],
    lexicon: ChronicleLexicon,
    options: MergeOptions,
    actors: ActorMatcher,
) -> dict[tuple[int, int], float]:
    """Scores of the pairs worth comparing (compatible types, dates within the horizon);
    pairs left out score 0."""
    order = sorted(
        range(len(prepared)),
        key=lambda i: (_date_key(prepared[i].report) or dt.date.min, i),
    )
    horizon = dt.timedelta(days=options.horizon)
    scores: dict[tuple[int, int], float] = {}
    for pos, i in enumerate(order):
        di = prepared[i].report.event.date
        for j in order[pos + 1 :]:
            dj = prepared[j].report.event.date
            if di is not None and dj is not None and dj.start > di.end + horizon:
                break
            score = pair_score(prepared[i], prepared[j], lexicon, options, actors)
            if score != 0:
                scores[(min(i, j), max(i, j))] = score
    return scores


def cluster(
    n: int,
    scores: dict[tuple[int, int], float],
    threshold: float,
    documents: Sequence[str] | None = None,
) -> list[list[int]]:
    """Clusters of ``n`` items (sorted lists of indices, in order of their first member) by
    document-level average linkage (:func:`_linkage`); a :data:`VETO` between two members
    keeps their clusters apart. ``documents`` gives each item's document (default: its own)."""
    docs = list(documents) if documents is not None else [str(i) for i in range(n)]
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (i, j), score in scores.items():
        if score >= threshold:
            parent[find(i)] = find(j)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(find(i), []).append(i)
    clusters: list[list[int]] = []
    for members in components.values():
        clusters.extend(_agglomerate(members, scores, threshold, docs))
    return sorted((sorted(c) for c in clusters), key=lambda c: c[0])


def _linkage(
    a: list[int], b: list[int], scores: dict[tuple[int, int], float], docs: Sequence[str]
) -> float:
    """How well two clusters match: the mean, over pairs of their documents, of the best pair
    score between the two documents' reports. A document that tells an incident in several
    sentences is one witness, so its weaker mentions ("no one was hurt") do not dilute its
    best match; any :data:`VETO` between members vetoes."""
    best: dict[tuple[str, str], float] = {}
    for i in a:
        for j in b:
            value = scores.get((min(i, j), max(i, j)), 0.0)
            if value == VETO:
                return VETO
            key = (docs[i], docs[j])
            best[key] = max(best.get(key, VETO), value)
    return sum(best.values()) / len(best)


def _agglomerate(
    members: list[int], scores: dict[tuple[int, int], float], threshold: float, docs: Sequence[str]
) -> list[list[int]]:
    groups: dict[int, list[int]] = {k: [x] for k, x in enumerate(members)}
    links = {
        (a, b): _linkage(groups[a], groups[b], scores, docs)
        for a in groups
        for b in groups
        if a < b
    }
    while links:
        (a, b), value = max(links.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
        if value < threshold:
            break
        groups[a] += groups.pop(b)
        links = {k: v for k, v in links.items() if b not in k and a not in k}
        for c in groups:
            if c != a:
                links[(min(a, c), max(a, c))] = _linkage(groups[a], groups[c], scores, docs)
    return list(groups.values())


def merge_reports(
    reports: Sequence[EventReport],
    lexicon: ChronicleLexicon,
    options: MergeOptions | None = None,
    families: Mapping[str, str] | None = None,
    places: Mapping[str, Place] | None = None,
    demonyms: Mapping[str, str] | None = None,
) -> list[ChronicleEvent]:
    """Chronicle events from event reports, in date order (undated last). ``families``:
    actor id → its side where the id does not tell it (a registry actor's top organisation,
    :func:`~kronika.chronicle.actors.actor_families`, so that KFOR and NATO count as one side;
    a discovered actor's country, :func:`~kronika.chronicle.actors.discovered_sides`);
    ``places``: gazetteer place id → place, for the reports' places, so that a town and the
    region or country holding it do not conflict;
    ``demonyms``: national adjective → country (:func:`~kronika.chronicle.actors.actor_demonyms`),
    so that "a Serbian diplomat" is on Serbia's side."""
    opts = options or MergeOptions()
    actors = ActorMatcher(
        lexicon.actor_classes,
        families or {},
        demonyms or {},
        lexicon.person_nouns,
        lexicon.crowd_nouns,
        lexicon.state_classes,
    )
    prepared = _prepare(reports, lexicon, places)
    scores = score_pairs(prepared, lexicon, opts, actors)
    events = [
        chronicle_event(
            [reports[i] for i in members], _member_scores(members, scores), lexicon, actors
        )
        for members in cluster(
            len(reports),
            scores,
            opts.threshold,
            [r.document_id for r in reports] if opts.by_document else None,
        )
    ]
    return sorted(events, key=lambda e: (e.date is None, e.date.start if e.date else None, e.id))


def _member_scores(members: list[int], scores: dict[tuple[int, int], float]) -> list[float | None]:
    if len(members) == 1:
        return [None]
    out: list[float | None] = []
    for i in members:
        values = [scores.get((min(i, j), max(i, j)), 0.0) for j in members if j != i]
        out.append(round(sum(values) / len(values), 4))
    return out


def chronicle_id(report: EventReport) -> str:
    """Stable id of a chronicle event: a hash of its earliest report's document and event id."""
    key = f"chronicle:{report.document_id}:{report.event.id}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _report_order(item: tuple[EventReport, float | None]) -> tuple[dt.date, str, int]:
    report = item[0]
    start = report.event.evidence[0].start if report.event.evidence else 0
    return (report.published or dt.date.max, report.document_id, start)


def chronicle_event(
    members: Sequence[EventReport],
    scores: Sequence[float | None],
    lexicon: ChronicleLexicon,
    actors: ActorMatcher,
) -> ChronicleEvent:
    """One chronicle event from its reports: majority type, actors and place, the merged
    date, counts, and conflicts."""
    ordered = sorted(zip(members, scores, strict=True), key=_report_order)
    reports = [_chronicle_report(r, score) for r, score in ordered]
    kind = _majority_type(reports)
    same_type = [r for r in reports if r.type == kind]
    modes = Counter(e.plover_mode for r, _ in ordered if (e := r.event).type == kind)
    modes.pop(None, None)
    date, basis = merged_date(reports)
    return ChronicleEvent(
        id=chronicle_id(ordered[0][0]),
        type=kind,
        plover_mode=modes.most_common(1)[0][0] if modes else None,
        actor1=actors.majority([r.actor1 for r in same_type]),
        actor2=actors.majority([r.actor2 for r in same_type]),
        place=_majority_place(reports),
        date=date,
        date_basis=basis,
        precision=precision_of(date),
        sources=len({r.source for r in reports}),
        documents=len({r.document_id for r in reports}),
        outlets=sorted({r.outlet for r in reports if r.outlet}),
        modalities=dict(sorted(Counter(r.modality for r in reports).items())),
        reports=reports,
        conflicts=find_conflicts(reports, lexicon, actors),
    )


def _chronicle_report(report: EventReport, score: float | None) -> ChronicleReport:
    e = report.event
    return ChronicleReport(
        document_id=report.document_id,
        event_id=e.id,
        outlet=report.outlet,
        published=report.published,
        type=e.type,
        modality=e.modality,
        asserted_by=e.asserted_by,
        actor1=e.actor1,
        actor2=e.actor2,
        place=e.place,
        date=e.date,
        date_basis=e.date_basis,
        quantities=e.quantities,
        evidence=e.evidence,
        confidence=e.confidence,
        source=report.source,
        score=score,
    )


def _majority_type(reports: Sequence[ChronicleReport]) -> EventType:
    count: Counter[EventType] = Counter(r.type for r in reports)
    weight: dict[EventType, float] = {}
    for r in reports:
        weight[r.type] = weight.get(r.type, 0.0) + r.confidence
    return max(sorted(count), key=lambda t: (count[t], weight[t]))


def _majority_place(reports: Sequence[ChronicleReport]) -> PlaceRef | None:
    places = [r.place for r in reports if r.place is not None]
    if not places:
        return None
    counts = Counter(p.place_id or fold(p.name) for p in places)
    best = max(counts, key=lambda k: counts[k])
    return next(p for p in places if (p.place_id or fold(p.name)) == best)


_BASES: tuple[DateBasis, ...] = ("explicit", "narrative", "publication")


def merged_date(reports: Sequence[ChronicleReport]) -> tuple[Interval | None, DateBasis | None]:
    """The common part of the best-founded dates (explicit, else narrative, else the
    publication window); when they share no day, the most precise of them."""
    for basis in _BASES:
        dates = [r.date for r in reports if r.date and (r.date_basis or "publication") == basis]
        if not dates:
            continue
        start, end = max(d.start for d in dates), min(d.end for d in dates)
        if start <= end:
            return Interval(start=start, end=end), basis
        counts = Counter(dates)
        best = min(dates, key=lambda d: ((d.end - d.start).days, -counts[d], d.start))
        return best, basis
    return None, None
