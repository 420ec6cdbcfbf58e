"""The one core: ingest, analyse, query and export, used by the CLI, the Python API
and (later) the REST API and web UI alike. None of those faces touches spaCy or SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, TextIO

from kronika.chronicle import ChronicleOptions, SourceDocument, build_chronicle
from kronika.chronicle.actors import actor_demonyms, actor_families, discovered_sides
from kronika.chronicle.build import evidence_sentence
from kronika.chronicle.compare import Comparison, compare_event
from kronika.chronicle.exports import (
    DocumentFacts,
    ExportContext,
    acled_rows,
    gdelt_rows,
    write_acled,
    write_gdelt,
)
from kronika.chronicle.network import Network, build_network, select
from kronika.errors import InputError, InputTooLarge, KronikaError, NotFound, StoreError
from kronika.export import write_json
from kronika.extract.actors import resolve_mentions
from kronika.extract.entities import extract_entities, extract_sentences
from kronika.extract.events import extract_events, load_event_lexicon
from kronika.extract.framing import (
    FramingContext,
    extract_framing,
    measure_tone,
    profile_sourcing,
    sourcing_technique,
)
from kronika.extract.published import infer_published, reference_date
from kronika.extract.quotes import QuoteContext, find_quotes, outlet_ref, profile_speakers
from kronika.extract.times import date_for_span, find_times, resolve_times
from kronika.extract.timex import TimeLexicon, Window, load_time_lexicon
from kronika.folding import fold
from kronika.ingest.fetch import Fetched, fetch_url
from kronika.ingest.sources import (
    Fetcher,
    InputFailure,
    Prepared,
    RawInput,
    expand,
    is_url,
    prepare,
)
from kronika.ingest.text import count_words
from kronika.knowledge import Knowledge, load_knowledge
from kronika.models import (
    Actor,
    ActorMention,
    ChronicleEvent,
    Document,
    DocumentSummary,
    Event,
    Metadata,
    Place,
    Published,
    Quote,
    Sources,
)
from kronika.nlp.pipeline import Pipeline, analyse, load_pipeline
from kronika.settings import Settings
from kronika.store.db import Store, TableFormat

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

Status = Literal["added", "present", "failed"]


@dataclass(frozen=True)
class IngestResult:
    """What happened to one input (one feed item counts as one input)."""

    source: str
    status: Status
    document_id: str | None = None
    title: str | None = None
    words: int = 0
    entities: int = 0
    reason: str | None = None


@dataclass(frozen=True)
class StoreSummary:
    """What ``kronika stats`` shows."""

    documents: int
    sentences: int
    entities: int
    mentions: int
    actors: int
    places: int
    times: int
    quotes: int
    events: int
    framing: int
    entity_labels: dict[str, int]
    top_entities: list[tuple[str, str, int]]


@dataclass(frozen=True)
class MentionContext:
    document_id: str
    mention: ActorMention
    left: str
    right: str


@dataclass(frozen=True)
class ActorProfile:
    """What ``kronika actor NAME`` shows."""

    actor: Actor
    affiliation: Actor | None
    mentions: list[MentionContext]
    also: list[Actor]
    """Other actors with the same name."""


@dataclass(frozen=True)
class ChronicleSummary:
    """What a chronicle rebuild produced."""

    events: int
    reports: int
    merged: int
    """Chronicle events with more than one report."""
    documents: int
    duplicate_links: int
    conflicts: int


class Kronika:
    """A kronika workspace: settings, a store, and the NLP pipeline (loaded on first use)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        store: Store | None = None,
        fetch: Fetcher | None = None,
    ) -> None:
        self.settings = settings or Settings.load()
        self._store = store
        self._fetch = fetch or self._fetch_url
        self._pipeline: Pipeline | None = None
        self._time_lexicon: TimeLexicon | None = None
        self._quote_context: QuoteContext | None = None
        self._framing_context: FramingContext | None = None

    def __enter__(self) -> Kronika:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.settings.db)
        return self._store

    @property
    def knowledge(self) -> Knowledge:
        """The actor registry, gazetteer and title lexicon (loaded once per process)."""
        return load_knowledge()

    @property
    def time_lexicon(self) -> TimeLexicon:
        """The vocabulary of time expressions (``data/en/time_expressions.yaml``)."""
        if self._time_lexicon is None:
            self._time_lexicon = load_time_lexicon()
        return self._time_lexicon

    @property
    def quote_context(self) -> QuoteContext:
        """Cue lexicon (``data/en/quote_cues.yaml``) and registry lookups for quotes."""
        if self._quote_context is None:
            self._quote_context = QuoteContext.from_registry(self.knowledge.registry)
        return self._quote_context

    @property
    def framing_context(self) -> FramingContext:
        """Framing lexicon, the trained technique model and VADER's lexicon."""
        if self._framing_context is None:
            self._framing_context = FramingContext.default(self.knowledge.registry.get)
        return self._framing_context

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = load_pipeline(self.settings)
        return self._pipeline

    def _fetch_url(self, url: str) -> Fetched:
        return fetch_url(url, self.settings)

    # -- ingest ---------------------------------------------------------------------

    def collect(
        self, args: Sequence[str], *, stdin: BinaryIO | None = None
    ) -> list[Prepared | InputFailure]:
        """Read, fetch, decode and check every input (phase 1; no NLP, no writes)."""
        out: list[Prepared | InputFailure] = []
        for arg in args:
            for raw in expand(arg, self.settings, self._fetch, stdin):
                if isinstance(raw, InputFailure):
                    out.append(raw)
                else:
                    out.extend(prepare(raw, self.settings, self._fetch))
        return out

    def ingest_prepared(
        self, items: Sequence[Prepared | InputFailure], *, overrides: Metadata | None = None
    ) -> Iterator[IngestResult]:
        """Analyse and store prepared inputs (phase 2), one result per item, in order.

        New texts go through a single ``nlp.pipe`` stream (so worker processes start
        once); each document is written in its own transaction. A document already in
        the store, or earlier in the batch (same content hash), is reported as present.
        """
        seen: set[str] = set()
        verdicts: list[IngestResult | Prepared] = []
        for item in items:
            if isinstance(item, InputFailure):
                verdicts.append(IngestResult(item.source, "failed", reason=item.reason))
            elif item.id in seen or self.store.has_document(item.id):
                verdicts.append(IngestResult(item.source, "present", document_id=item.id))
            else:
                seen.add(item.id)
                verdicts.append(item)
        todo = [v for v in verdicts if isinstance(v, Prepared)]
        docs = analyse(self.pipeline, (p.text for p in todo), self.settings) if todo else iter(())
        for verdict in verdicts:
            if isinstance(verdict, IngestResult):
                yield verdict
            else:
                yield self._store_one(verdict, next(docs), overrides)

    def _store_one(
        self, item: Prepared, spacy_doc: SpacyDoc, overrides: Metadata | None
    ) -> IngestResult:
        document = self._build_document(item, spacy_doc, overrides)
        try:
            added = self.store.add_document(document)
        except StoreError as exc:
            return IngestResult(item.source, "failed", reason=f"{exc.reason}: {exc.message}")
        return IngestResult(
            item.source,
            "added" if added else "present",
            document_id=document.id,
            title=document.title,
            words=document.word_count,
            entities=len(document.entities),
        )

    def ingest(
        self,
        args: Sequence[str],
        *,
        overrides: Metadata | None = None,
        stdin: BinaryIO | None = None,
    ) -> list[IngestResult]:
        """Ingest files, folders, URLs, feeds or ``-`` (stdin) into the store; the chronicle is
        rebuilt when anything was added."""
        return self._ingest_all(self.collect(args, stdin=stdin), overrides)

    def ingest_one(
        self,
        content: bytes | None = None,
        *,
        url: str | None = None,
        kind: Literal["text", "html"] | None = None,
        overrides: Metadata | None = None,
    ) -> list[IngestResult]:
        """Ingest one text or HTML page given as bytes, or one http(s) URL fetched under the
        SSRF rules (the REST API's ``POST /documents``; never a local path). Unlike
        ``ingest``, raises the input's own error when nothing could be ingested, so that a
        caller can map it to a status; a feed URL gives one result per item."""
        if (content is None) == (url is None):
            raise InputError("give either a text (or HTML page) or a URL, not both")
        if url is not None:
            if not is_url(url):
                raise InputError(f"not an http(s) URL: {url!r}")
            items = self.collect([url])
        else:
            assert content is not None
            if len(content) > self.settings.max_bytes:
                raise InputTooLarge(
                    f"input is over the size cap of {self.settings.max_bytes:,} bytes (max_bytes)"
                )
            raw = RawInput(source="<api>", content=content, kind=kind)
            items = list(prepare(raw, self.settings, self._fetch))
        failures = [i for i in items if isinstance(i, InputFailure)]
        if failures and len(failures) == len(items):
            raise failures[0].error
        return self._ingest_all(items, overrides)

    def _ingest_all(
        self, items: Sequence[Prepared | InputFailure], overrides: Metadata | None
    ) -> list[IngestResult]:
        """``ingest_prepared`` to the end, then the chronicle rebuilt if anything was added."""
        results = list(self.ingest_prepared(items, overrides=overrides))
        if any(r.status == "added" for r in results):
            self.rebuild_chronicle()
        return results

    # -- analysis without a store -----------------------------------------------------

    def analyze(self, text_or_html: str | bytes, **metadata: Any) -> Document:
        """Analyse one text or HTML page and return the document; nothing is stored.

        Metadata keywords are those of ``user_metadata``.
        """
        content = text_or_html.encode("utf-8") if isinstance(text_or_html, str) else text_or_html
        overrides = user_metadata(**metadata)
        raw = RawInput(source="<analyze>", content=content, url=overrides.url)
        (item,) = list(prepare(raw, self.settings, self._fetch))[:1]
        if isinstance(item, InputFailure):
            raise item.error
        spacy_doc = next(analyse(self.pipeline, [item.text], self.settings))
        return self._build_document(item, spacy_doc, overrides)

    def _build_document(
        self, item: Prepared, spacy_doc: SpacyDoc, overrides: Metadata | None
    ) -> Document:
        meta = (overrides or Metadata()).filled_from(item.metadata)
        pipeline = self.pipeline
        entities = extract_entities(
            spacy_doc, model_id=pipeline.model_id, label_precision=pipeline.label_precision
        )
        expressions = find_times(spacy_doc, self.time_lexicon)
        published = Published()
        if meta.published is not None:
            published = Published(
                date=meta.published,
                earliest=meta.published,
                latest=meta.published,
                basis=meta.published_basis or "metadata",
            )
        else:  # no date given: bound it from the content (basis "inferred"), if possible
            published = infer_published(expressions) or published
        window = (
            Window(published.earliest, published.latest)
            if published.earliest and published.latest
            else None
        )
        times = [r.record() for r in resolve_times(expressions, window)]
        resolution = resolve_mentions(
            spacy_doc, entities, self.knowledge.context(reference_date=reference_date(published))
        )
        found = find_quotes(spacy_doc, resolution, meta.outlet, self.quote_context)
        quotes = [f.record() for f in found]
        profiles = profile_speakers(found, resolution, self.quote_context)
        framing = extract_framing(spacy_doc, resolution, found, self.framing_context)
        sourcing = profile_sourcing(profiles, resolution, self.framing_context)
        one_sided = sourcing_technique(sourcing)
        polarity = self.framing_context.polarity
        events = extract_events(
            spacy_doc,
            resolution,
            times=times,
            quotes=quotes,
            published=published,
            outlet=outlet_ref(meta.outlet, self.quote_context),
            date_for=partial(date_for_span, lexicon=self.time_lexicon),
        )
        return Document(
            id=item.id,
            title=meta.title,
            outlet=meta.outlet,
            url=meta.url,
            author=meta.author,
            published=published,
            text=item.text,
            source=item.source,
            word_count=count_words(item.text),
            sentences=extract_sentences(spacy_doc),
            entities=resolution.entities,
            times=times,
            quotes=quotes,
            events=events,
            framing=[*framing, *([one_sided] if one_sided else [])],
            sources=Sources(speakers=[p.record() for p in profiles]),
            sourcing=sourcing,
            tone=measure_tone(spacy_doc, polarity) if polarity is not None else None,
            mentions=resolution.mentions,
            actors=self.knowledge.with_affiliations(resolution.actors),
            places=resolution.places,
            nlp_model=pipeline.model_id,
        )

    # -- queries and export -------------------------------------------------------------

    def documents(self, *, limit: int | None = None, offset: int = 0) -> list[DocumentSummary]:
        return self.store.list_documents(limit=limit, offset=offset)

    def document(self, id_or_prefix: str) -> Document:
        return self.store.get_document(id_or_prefix)

    def iter_documents(self) -> Iterator[Document]:
        return self.store.iter_documents()

    def summary(self) -> StoreSummary:
        """Counts for the demo and ``kronika stats``: documents, sentences, entities by label."""
        counts = self.store.counts()
        return StoreSummary(
            documents=counts["documents"],
            sentences=counts["sentences"],
            entities=counts["entities"],
            mentions=counts["mentions"],
            actors=counts["actors"],
            places=counts["places"],
            times=counts["times"],
            quotes=counts["quotes"],
            events=counts["events"],
            framing=counts["framing"],
            entity_labels=self.store.entity_labels(),
            top_entities=self.store.top_entities(limit=10),
        )

    def actors(self) -> list[tuple[Actor, int, int]]:
        """Every mentioned actor with its mention and document counts, most mentioned first."""
        by_id = {a.id: a for a in self.store.actors()}
        return [(by_id[a], m, d) for a, m, d in self.store.actor_stats() if a in by_id]

    def places(self) -> list[tuple[Place, int, int]]:
        """Every mentioned place with its mention and document counts, most mentioned first."""
        by_id = {p.id: p for p in self.store.places()}
        return [(by_id[p], m, d) for p, m, d in self.store.place_stats() if p in by_id]

    def actor(self, name_or_id: str, *, limit: int = 20) -> ActorProfile:
        """One actor (by id, name or alias, diacritics ignored) with mentions in context."""
        wanted = fold(name_or_id)
        matches = [
            a
            for a in self.store.actors()
            if a.id == name_or_id or any(fold(n) == wanted for n in a.names())
        ]
        if not matches:
            raise NotFound(f"no mentioned actor called {name_or_id!r} (see `kronika actors`)")
        actor = matches[0]
        contexts = []
        for doc_id, mention in self.store.actor_mentions(actor.id, limit=limit):
            text = self.store.document_text(doc_id)
            left = text[max(0, mention.start - 60) : mention.start].split("\n")[-1]
            right = text[mention.end : mention.end + 60].split("\n")[0]
            contexts.append(MentionContext(doc_id, mention, left, right))
        affiliation = self.store.actor(actor.affiliation) if actor.affiliation else None
        return ActorProfile(actor, affiliation, contexts, also=matches[1:])

    def events(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        since: date | None = None,
        until: date | None = None,
        modality: str | None = None,
        document: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[str, Event]]:
        """Stored event reports, (document id, event), in date order, with filters."""
        doc_id = self.store.resolve_id(document) if document else None
        return self.store.find_events(
            type=type.upper() if type else None, actor=actor, since=since, until=until,
            modality=modality, document_id=doc_id, limit=limit,
        )  # fmt: skip

    def quotes(
        self,
        *,
        speaker: str | None = None,
        via: str | None = None,
        document: str | None = None,
        limit: int | None = None,
    ) -> list[tuple[str, Quote]]:
        """Stored quotes, (document id, quote), with filters."""
        doc_id = self.store.resolve_id(document) if document else None
        return self.store.find_quotes(speaker=speaker, via=via, document_id=doc_id, limit=limit)

    # -- chronicle ----------------------------------------------------------------------

    def rebuild_chronicle(self, options: ChronicleOptions | None = None) -> ChronicleSummary:
        """Merge every stored event report into chronicle events, link near-duplicate
        documents, and replace the stored chronicle (idempotent)."""
        sources = self.chronicle_sources()
        chronicle = build_chronicle(
            sources,
            options,
            families=self.actor_families(),
            places=self.chronicle_places(sources),
            demonyms=actor_demonyms(self.knowledge.registry),
        )
        self.store.replace_chronicle(chronicle.events, chronicle.links)
        return ChronicleSummary(
            events=len(chronicle.events),
            reports=sum(len(e.reports) for e in chronicle.events),
            merged=sum(len(e.reports) > 1 for e in chronicle.events),
            documents=len(sources),
            duplicate_links=len(chronicle.links),
            conflicts=sum(len(e.conflicts) for e in chronicle.events),
        )

    def actor_families(self) -> dict[str, str]:
        """Actor id → its side, for the chronicle's actor matching: a registry actor's top
        organisation, a discovered actor's country."""
        return actor_families(self.knowledge.registry) | discovered_sides(self.store.actors())

    def chronicle_places(self, sources: Sequence[SourceDocument]) -> dict[str, Place]:
        """Gazetteer place id → place, for every event place of ``sources`` (merging asks
        which of them holds another)."""
        gazetteer = self.knowledge.gazetteer
        ids = {e.place.place_id for s in sources for e in s.events if e.place and e.place.place_id}
        return {pid: place for pid in sorted(ids) if (place := gazetteer.get(pid)) is not None}

    def chronicle_sources(self) -> list[SourceDocument]:
        """Every stored document with its events, as the chronicle builder reads them."""
        heads = {d.id: d for d in self.store.list_documents()}
        places = self.store.entity_places()
        events: dict[str, list[Event]] = {}
        for doc_id, event in self.store.find_events():
            events.setdefault(doc_id, []).append(event)
        return [
            SourceDocument(
                id=doc_id, outlet=heads[doc_id].outlet, published=heads[doc_id].published,
                text=text, sentences=sentences, events=events.get(doc_id, []),
                places=places.get(doc_id, []),
            )
            for doc_id, text, sentences in self.store.document_texts()
        ]  # fmt: skip

    def chronicle(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> list[ChronicleEvent]:
        """Stored chronicle events in date order, with filters (see ``Store.find_chronicle``)."""
        return self.store.find_chronicle(
            type=type.upper() if type else None, actor=actor, place=place, since=since,
            until=until, limit=limit,
        )  # fmt: skip

    def network(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        relation: str | None = None,
    ) -> Network:
        """The actor network of the stored chronicle (``kronika.chronicle.network``), with
        the edges of one PLOVER type, touching one actor, or of one relation."""
        quotes: dict[str, list[Quote]] = {}
        for doc_id, quote in self.store.find_quotes():
            quotes.setdefault(doc_id, []).append(quote)
        actors = {a.id: a for a in self.store.actors()}
        network = build_network(self.store.find_chronicle(), actors, quotes)
        return select(network, type=type, actor=actor, relation=relation)

    def chronicle_event(self, chronicle_id: str) -> ChronicleEvent:
        """One stored chronicle event by its id or a unique prefix of it."""
        event = self.store.chronicle_event(self.store.resolve_chronicle_id(chronicle_id))
        if event is None:
            raise NotFound(f"no chronicle event with id {chronicle_id!r}")
        return event

    def compare(self, chronicle_id: str) -> Comparison:
        """How each outlet told one chronicle event (id or a unique prefix of it)."""
        event = self.chronicle_event(chronicle_id)
        ids = dict.fromkeys(r.document_id for r in event.reports)
        return compare_event(event, {d: self.store.get_document(d) for d in ids})

    def export_context(self) -> ExportContext:
        """What the GDELT and ACLED rows are filled from: places with their admin1 names,
        actors, document URLs and tones, each report's CAMEO code and evidence sentence."""
        places = {p.id: p for p in self.store.places()}
        gazetteer, registry = self.knowledge.gazetteer, self.knowledge.registry
        admin1 = {
            p.id: division.name
            for p in places.values()
            if p.admin1 and p.feature in ("city", "village", "admin2")
            and (division := gazetteer.get(f"admin1:{p.country}.{p.admin1}")) is not None
        }  # fmt: skip
        texts = {d: (text, sentences) for d, text, sentences in self.store.document_texts()}
        cameo: dict[tuple[str, str], str] = {}
        sentences: dict[tuple[str, str], str] = {}
        for doc_id, event in self.store.find_events():
            if event.cameo:
                cameo[(doc_id, event.id)] = event.cameo
            text, spans = texts.get(doc_id, ("", []))
            source = SourceDocument(doc_id, None, Published(), text, spans)
            sentences[(doc_id, event.id)] = " ".join(evidence_sentence(source, event).split())
        return ExportContext(
            places=places,
            actors={a.id: a for a in self.store.actors()},
            documents={
                d: DocumentFacts(url=url, tone=tone)
                for d, (url, tone) in self.store.document_facts().items()
            },
            cameo=cameo,
            type_cameo=load_event_lexicon().cameo_of,
            sentences=sentences,
            admin1=admin1,
            countries={a.iso_alpha2: a for a in registry if a.kind == "state" and a.iso_alpha2},
        )

    def export_events(self, fmt: Literal["gdelt", "acled"], out: TextIO) -> int:
        """The chronicle as GDELT 2.0-like event rows (TSV) or ACLED-like rows (CSV), one
        per chronicle event in date order (docs/exports.md); returns the number of rows."""
        events, ctx = self.store.find_chronicle(), self.export_context()
        if fmt == "gdelt":
            return write_gdelt(gdelt_rows(events, ctx), out)
        return write_acled(acled_rows(events, ctx), out)

    def export_json(self, out: TextIO, *, documents: Iterable[Document] | None = None) -> int:
        docs = documents if documents is not None else self.iter_documents()
        return write_json(
            docs,
            out,
            actors=self.store.actors(),
            places=self.store.places(),
            chronicle=self.store.find_chronicle(),
        )

    def export_tables(self, fmt: TableFormat, out_dir: str | Path) -> list[Path]:
        return self.store.export_tables(fmt, out_dir)


def user_metadata(
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: str | date | None = None,
) -> Metadata:
    """Metadata a user gives (CLI options, API keywords); its dates have basis ``user``."""
    when = date.fromisoformat(published) if isinstance(published, str) else published
    return Metadata(
        title=title,
        outlet=outlet,
        url=url,
        author=author,
        published=when,
        published_basis="user" if when else None,
    )


__all__ = ["ChronicleSummary", "IngestResult", "Kronika", "KronikaError", "user_metadata"]
