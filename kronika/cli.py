"""The ``kronika`` command: parse options, make one core call, render with Rich.

Errors from the core (``KronikaError``) become a red one-line message and the
error's exit code, in one place (``_run``).
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, TextIO, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from kronika import __version__
from kronika.chronicle.compare import Account, Comparison
from kronika.chronicle.network import RELATIONS, pair_rows, to_graphml
from kronika.chronicle.timeline import (
    CSV_COLUMNS,
    conflict_summary,
    format_date,
    modality_mix,
    timeline_rows,
)
from kronika.core import ChronicleSummary, IngestResult, Kronika, user_metadata
from kronika.errors import KronikaError
from kronika.ingest.sources import InputFailure, Prepared
from kronika.models import ActorRef, ChronicleEvent, Document, Interval, Metadata, Published
from kronika.settings import Settings

app = typer.Typer(
    help="kronika: conflict news in, a sourced chronicle out.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="DuckDB file [env: KRONIKA_DB; default: ./kronika.duckdb]"),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline [env: KRONIKA_MODEL; default: en_core_web_sm]"),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="TOML config file [env: KRONIKA_CONFIG; default: ./kronika.toml]"
    ),
]
LABEL_STYLES = {
    "PERSON": "bold magenta",
    "ORG": "bold cyan",
    "GPE": "bold green",
    "LOC": "green",
    "NORP": "yellow",
    "DATE": "blue",
    "TIME": "blue",
    "MONEY": "bright_yellow",
    "CARDINAL": "bright_black",
    "QUANTITY": "bright_black",
    "PERCENT": "bright_black",
}


@app.callback()
def main() -> None:
    """kronika: conflict news in, a sourced chronicle out."""
    # Failed inputs are reported in kronika's own summary table; the libraries' log
    # warnings about the same pages would only repeat them out of context.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


def _run(action: Callable[[], T]) -> T:
    try:
        return action()
    except KronikaError as exc:
        err_console.print(f"[bold red]error[/] ({exc.reason}): {exc.message}")
        raise typer.Exit(exc.exit_code) from None


@contextmanager
def _workspace(
    db: str | None, model: str | None = None, config: Path | None = None, **more: object
) -> Iterator[Kronika]:
    settings = _run(lambda: Settings.load(config, db=db, model=model, **more))
    with Kronika(settings) as k:
        yield k


@app.command()
def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, URLs, feeds, or - for stdin")
    ],
    db: DbOption = None,
    model: ModelOption = None,
    config: ConfigOption = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for every input")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for every input")
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL to record for every input")] = None,
    title: Annotated[str | None, typer.Option(help="Title for every input")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses")
    ] = False,
) -> None:
    """Ingest articles: .txt, .html, folders, URLs, RSS/Atom feeds, or - (stdin)."""
    try:
        overrides = user_metadata(title=title, outlet=outlet, url=url, published=published)
    except ValueError:
        raise typer.BadParameter(
            f"{published!r} is not a YYYY-MM-DD date", param_hint="--published"
        ) from None
    with _workspace(db, model, config, allow_private=allow_private or None) as k:
        with console.status("Reading inputs…"):
            items = _run(lambda: k.collect(inputs))
        results = _run(lambda: _ingest_with_progress(k, items, overrides))
        console.print(_results_table(results, k.settings.db))
        if any(r.status == "added" for r in results):
            with console.status("Rebuilding the chronicle…"):
                summary = _run(k.rebuild_chronicle)
            console.print(_chronicle_line(summary))
    failed = sum(r.status == "failed" for r in results)
    if failed:
        err_console.print(f"[bold red]{failed} input(s) failed[/]")
        raise typer.Exit(2)


def _ingest_with_progress(
    k: Kronika, items: Sequence[Prepared | InputFailure], overrides: Metadata
) -> list[IngestResult]:
    results: list[IngestResult] = []
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Analysing", total=len(items))
        for result in k.ingest_prepared(items, overrides=overrides):
            results.append(result)
            progress.advance(task)
    return results


def _results_table(results: list[IngestResult], db: str) -> Table:
    styles = {"added": "green", "present": "yellow", "failed": "bold red"}
    labels = {"added": "added", "present": "already present", "failed": "failed"}
    table = Table(title=f"Ingest into {db}", show_lines=False)
    for column in ("input", "status", "id", "words", "entities", "detail"):
        table.add_column(column, overflow="fold")
    for r in results:
        table.add_row(
            _shorten(r.source, 48),
            Text(labels[r.status], style=styles[r.status]),
            (r.document_id or "")[:12],
            str(r.words) if r.words else "",
            str(r.entities) if r.entities else "",
            r.reason or (r.title or ""),
        )
    counts = {s: sum(r.status == s for r in results) for s in labels}
    table.caption = (
        f"{counts['added']} added, {counts['present']} already present, {counts['failed']} failed"
    )
    return table


@app.command("ls")
def list_documents(
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many")] = None,
) -> None:
    """List documents: id, title, outlet, published, words, entities."""
    with _workspace(db) as k:
        docs = _run(lambda: k.documents(limit=limit))
    table = Table(title=f"{len(docs)} document(s)")
    for column in ("id", "title", "outlet", "published", "words", "entities"):
        table.add_column(column, overflow="fold")
    for d in docs:
        table.add_row(
            d.id[:12], d.title or "", d.outlet or "", format_published(d.published),
            str(d.words), str(d.entities),
        )  # fmt: skip
    if any(d.published.basis == "inferred" for d in docs):
        table.caption = "~ publication date inferred from the content: the interval it lies in"
    console.print(table)


def format_published(p: Published) -> str:
    """A date, or a range; inferred dates carry a ``~`` marker."""
    if p.date is None and p.earliest is None:
        return "—"
    marker = "~" if p.basis == "inferred" else ""
    if p.earliest and p.latest and p.earliest != p.latest:
        return f"{marker}{p.earliest}..{p.latest}"
    return f"{marker}{p.date or p.earliest}"


@app.command()
def show(
    document_id: Annotated[str, typer.Argument(help="Document id or a unique prefix of it")],
    db: DbOption = None,
    inline: Annotated[
        bool, typer.Option("--inline", help="Mark entities as [text](LABEL), for pipes and files")
    ] = False,
) -> None:
    """Show a document's text with its entities highlighted."""
    with _workspace(db) as k:
        doc = _run(lambda: k.document(document_id))
    console.print(_header(doc))
    if inline:
        console.print(inline_entities(doc), markup=False, highlight=False)
        return
    console.print(highlight_entities(doc))
    legend = Text("  ").join(Text(label, style=style) for label, style in LABEL_STYLES.items())
    console.print(Text("\nentities: ") + legend)
    if doc.times:
        console.print(times_table(doc))


def times_table(doc: Document) -> Table:
    """The document's time expressions and the intervals they were resolved to."""
    table = Table(title=f"Times ({len(doc.times)})")
    for column in ("text", "interval", "granularity", "anchor"):
        table.add_column(column, overflow="fold")
    for t in doc.times:
        interval = "—"
        if t.interval is not None:
            same = t.interval.start == t.interval.end
            interval = str(t.interval.start) if same else f"{t.interval.start}..{t.interval.end}"
        table.add_row(t.text, interval, t.granularity, t.anchor)
    return table


def _header(doc: Document) -> Text:
    head = Text(doc.title or "(untitled)", style="bold underline")
    facts = [
        ("id", doc.id),
        ("outlet", doc.outlet or "—"),
        ("published", format_published(doc.published)),
        ("url", doc.url or "—"),
        ("words", str(doc.word_count)),
        ("entities", str(len(doc.entities))),
        ("times", str(len(doc.times))),
    ]
    if doc.published.basis == "inferred":
        facts[2] = ("published", format_published(doc.published) + " (inferred from the content)")
    for key, value in facts:
        head.append(f"\n{key}: ", style="dim").append(value)
    return head.append("\n")


def highlight_entities(doc: Document) -> Text:
    """The document text as Rich ``Text`` with each entity styled by its label."""
    text = Text(doc.text)
    for entity in doc.entities:
        text.stylize(LABEL_STYLES.get(entity.label, "underline"), entity.start, entity.end)
    return text


def inline_entities(doc: Document) -> str:
    """The document text with each entity written as ``[text](LABEL)``."""
    parts: list[str] = []
    position = 0
    for entity in sorted(doc.entities, key=lambda e: e.start):
        if entity.start < position:
            continue  # overlapping spans cannot be bracketed; keep the first
        parts += [doc.text[position : entity.start], f"[{entity.text}]({entity.label})"]
        position = entity.end
    parts.append(doc.text[position:])
    return "".join(parts)


@app.command()
def export(
    db: DbOption = None,
    fmt: Annotated[
        Literal["json", "csv", "parquet", "gdelt", "acled"],
        typer.Option(
            "--format",
            help="json (contract v1) | csv | parquet (one file per table) | gdelt (GDELT 2.0-like"
            " events TSV) | acled (ACLED-like CSV), one row per chronicle event",
        ),
    ] = "json",
    out: Annotated[
        Path | None,
        typer.Option(
            help="json/gdelt/acled: output file [default: stdout]; csv/parquet: output folder"
        ),
    ] = None,
) -> None:
    """Export the store: JSON contract v1, CSV / Parquet tables, or the chronicle as GDELT-
    or ACLED-like event rows (docs/exports.md)."""
    with _workspace(db) as k:
        if fmt == "gdelt" or fmt == "acled":
            with _output(out) as fh:
                n = _run(lambda: k.export_events(fmt, fh))
            if out is not None:
                err_console.print(f"wrote {n} chronicle event(s) to {out}")
            return
        if fmt == "json":
            if out is None:
                _run(lambda: k.export_json(sys.stdout))
                return
            with out.open("w", encoding="utf-8") as fh:
                n = _run(lambda: k.export_json(fh))
            err_console.print(f"wrote {n} document(s) to {out}")
            return
        folder = out or Path("kronika-export")
        paths = _run(lambda: k.export_tables(fmt, folder))
        err_console.print("wrote " + ", ".join(str(p) for p in paths))


@app.command()
def stats(db: DbOption = None) -> None:
    """Summarise the store: counts of every kind of record, entities by label, frequent
    entities."""
    with _workspace(db) as k:
        summary = _run(k.summary)
    table = Table(title=k.settings.db, caption=f"kronika {__version__}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, count in (
        ("documents", summary.documents),
        ("sentences", summary.sentences),
        ("entities", summary.entities),
        ("actor mentions", summary.mentions),
        ("actors", summary.actors),
        ("places", summary.places),
        ("time expressions", summary.times),
        ("quotes", summary.quotes),
        ("event reports", summary.events),
        ("framing signals", summary.framing),
    ):
        table.add_row(key, str(count))
    for label, n in summary.entity_labels.items():
        table.add_row(f"  entities {label}", str(n))
    console.print(table)
    top = Table(title="Most mentioned entities")
    for column in ("entity", "label", "mentions"):
        top.add_column(column)
    for text, label, n in summary.top_entities:
        top.add_row(text, label, str(n))
    console.print(top)


@app.command("actors")
def list_actors(
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many")] = None,
    discovered: Annotated[
        bool | None,
        typer.Option("--discovered/--registry", help="Only discovered / only registry actors"),
    ] = None,
) -> None:
    """List mentioned actors: name, kind, country, mentions, documents."""
    with _workspace(db) as k:
        rows = _run(k.actors)
    if discovered is not None:
        rows = [r for r in rows if r[0].discovered == discovered]
    rows = rows[:limit] if limit else rows
    table = Table(title=f"{len(rows)} actor(s)")
    for column in ("actor", "kind", "country", "mentions", "documents", "id"):
        table.add_column(column, overflow="fold")
    for actor, mentions, documents in rows:
        name = Text(actor.name) + (Text(" (discovered)", style="dim") if actor.discovered else "")
        table.add_row(
            name, actor.kind, actor.country or "", str(mentions), str(documents), actor.id
        )
    console.print(table)


@app.command("actor")
def show_actor(
    name: Annotated[str, typer.Argument(help="Actor name, alias or id (diacritics optional)")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Mentions to show")] = 20,
) -> None:
    """One actor: codes, roles, affiliation, and its mentions in context."""
    with _workspace(db) as k:
        profile = _run(lambda: k.actor(name, limit=limit))
    a = profile.actor
    head = Text(a.name, style="bold underline")
    facts = [
        ("id", a.id),
        ("kind", a.kind + (" (discovered)" if a.discovered else "")),
        ("country", a.country or "—"),
        ("sector", a.sector or "—"),
        ("CAMEO", a.cameo or "—"),
        ("aliases", ", ".join(a.aliases) or "—"),
        ("affiliation", profile.affiliation.name if profile.affiliation else a.affiliation or "—"),
    ]
    for key, value in facts:
        head.append(f"\n{key}: ", style="dim").append(value)
    console.print(head)
    if a.roles:
        roles = Table(title="Roles")
        for column in ("title", "organization", "from", "to"):
            roles.add_column(column)
        for r in a.roles:
            end = str(r.end) if r.end else ("ended" if r.ended else "")
            roles.add_row(r.title, r.organization or "", str(r.start or ""), end)
        console.print(roles)
    mentions = Table(title=f"Mentions (up to {limit})")
    for column in ("document", "how", "context"):
        mentions.add_column(column, overflow="fold")
    for m in profile.mentions:
        context = Text(m.left) + Text(m.mention.text, style="bold magenta") + Text(m.right)
        mentions.add_row(m.document_id[:12], m.mention.how, context)
    console.print(mentions)
    for other in profile.also:
        console.print(f"[dim]also called {name!r}: {other.name} ({other.id})[/]")


@app.command("places")
def list_places(
    db: DbOption = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many")] = None,
) -> None:
    """List mentioned places: name, country, precision, coordinates, mentions, documents."""
    with _workspace(db) as k:
        rows = _run(k.places)
    rows = rows[:limit] if limit else rows
    table = Table(title=f"{len(rows)} place(s)")
    for column in ("place", "country", "feature", "precision", "lat, lon", "mentions", "documents"):
        table.add_column(column, overflow="fold")
    for place, mentions, documents in rows:
        precision = place.precision + (" (centroid)" if place.centroid_default else "")
        table.add_row(
            place.name, place.country or "", place.feature, precision,
            f"{place.lat:.3f}, {place.lon:.3f}", str(mentions), str(documents),
        )  # fmt: skip
    console.print(table)


def _chain(refs: Sequence[ActorRef]) -> str:
    return " ← ".join(r.name for r in reversed(refs))


def _interval(interval: Interval | None) -> str:
    if interval is None:
        return "—"
    if interval.start == interval.end:
        return str(interval.start)
    return f"{interval.start}..{interval.end}"


@app.command("events")
def list_events(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. MOBILIZE")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD: events ending on or after")] = None,
    until: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD: events starting on or before")
    ] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, reported, planned …")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Document id or prefix")] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many")] = None,
) -> None:
    """Event reports in date order: type, actors, place, date, modality and who says so
    (speaker ← relay ← outlet)."""
    with _workspace(db) as k:
        rows = _run(
            lambda: k.events(
                type=type, actor=actor, since=_date_option(since, "--since"),
                until=_date_option(until, "--until"), modality=modality, document=doc,
                limit=limit,
            )
        )  # fmt: skip
    table = Table(title=f"{len(rows)} event report(s)")
    for column in ("date", "type", "actor1", "actor2", "place", "modality", "asserted by", "doc"):
        table.add_column(column, overflow="fold")
    for doc_id, e in rows:
        basis = f" ({e.date_basis})" if e.date_basis and e.date_basis != "explicit" else ""
        kind = e.type + (f"/{e.plover_mode}" if e.plover_mode else "")
        if e.announced:  # "will send aid": an AGREE that announces AID
            kind += f" (announces {e.announced})"
        table.add_row(
            _interval(e.date) + basis, kind, e.actor1.name if e.actor1 else "",
            e.actor2.name if e.actor2 else "", e.place.name if e.place else "", e.modality,
            _chain(e.asserted_by), doc_id[:12],
        )  # fmt: skip
    console.print(table)


@app.command("quotes")
def list_quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option(help="Actor id or part of a name")] = None,
    via: Annotated[str | None, typer.Option(help="Part of a relay's name: TASS, Reuters …")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Document id or prefix")] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many")] = None,
) -> None:
    """Quotes: who said what, and through whom (speaker ← relay ← outlet)."""
    with _workspace(db) as k:
        rows = _run(lambda: k.quotes(speaker=speaker, via=via, document=doc, limit=limit))
    table = Table(title=f"{len(rows)} quote(s)")
    table.add_column("speaker ← via", overflow="fold", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", overflow="fold")
    table.add_column("text", overflow="fold", ratio=4)
    table.add_column("doc", no_wrap=True)
    for doc_id, q in rows:
        who = _chain([*q.via, q.speaker] if q.speaker else q.via)
        table.add_row(who, q.kind, q.cue or "", _shorten_text(q.text, 100), doc_id[:8])
    console.print(table)


TECHNIQUE_STYLES = (
    "bold red",
    "bold yellow",
    "bold magenta",
    "bold cyan",
    "bold green",
    "bold blue",
)


@app.command("framing")
def show_framing(
    document_id: Annotated[str, typer.Argument(help="Document id or a unique prefix of it")],
    db: DbOption = None,
) -> None:
    """A document with its framing signals highlighted (scare quotes, contested labels,
    persuasion techniques), then the list with targets and confidences, and its tone."""
    with _workspace(db) as k:
        doc = _run(lambda: k.document(document_id))
    spans = [t for t in doc.framing if t.end > t.start]
    labels = sorted({t.technique for t in spans})
    style = {label: TECHNIQUE_STYLES[i % len(TECHNIQUE_STYLES)] for i, label in enumerate(labels)}
    text = Text(doc.text)
    for t in sorted(spans, key=lambda t: t.end - t.start, reverse=True):
        text.stylize(style[t.technique], t.start, t.end)
    console.print(_header(doc))
    console.print(text)
    console.print(
        Text("\ntechniques: ") + Text("  ").join(Text(lbl, style=style[lbl]) for lbl in labels)
    )
    table = Table(title=f"Framing signals ({len(doc.framing)})")
    for column in ("technique", "text", "target", "confidence"):
        table.add_column(column, overflow="fold")
    for t in doc.framing:
        table.add_row(
            t.technique, _shorten_text(t.text, 90), t.target_actor_id or "", f"{t.confidence:.2f}"
        )
    console.print(table)
    if doc.tone is not None:
        tone = doc.tone.document
        console.print(
            f"tone {tone.tone:+.1f} (positive {tone.positive:.1f} %, negative "
            f"{tone.negative:.1f} % of {tone.words} words; VADER compound {tone.compound:+.2f})"
        )


@app.command("sources")
def show_sources(
    document_id: Annotated[str, typer.Argument(help="Document id or a unique prefix of it")],
    db: DbOption = None,
) -> None:
    """Who gets a voice in a document: speakers with affiliation, country, quotes and quoted
    words; the share of each side; sides without a direct voice; the verdict."""
    with _workspace(db) as k:
        doc = _run(lambda: k.document(document_id))
    console.print(_header(doc))
    speakers = Table(title=f"Speakers ({len(doc.sources.speakers)})")
    for column in ("speaker", "affiliation", "country", "quotes", "words"):
        speakers.add_column(column, overflow="fold")
    for s in doc.sources.speakers:
        speakers.add_row(s.name, s.affiliation or "", s.country or "", str(s.quotes), str(s.words))
    console.print(speakers)
    sourcing = doc.sourcing
    if sourcing is None:
        return
    sides = Table(title="Sides")
    for column in ("side", "speakers", "quotes", "words", "share of words", "experts"):
        sides.add_column(column, overflow="fold")
    for side in sourcing.sides:
        sides.add_row(
            side.label, str(side.speakers), str(side.quotes), str(side.words),
            f"{side.word_share:.0%}", ", ".join(side.experts),
        )  # fmt: skip
    console.print(sides)
    if sourcing.silent:
        silent = ", ".join(f"{s.label} ({s.mentions} mentions)" for s in sourcing.silent)
        console.print(f"no direct voice: {silent}")
    verdict = "[bold red]one-sided[/]" if sourcing.one_sided else "[green]not one-sided[/]"
    console.print(f"{verdict}: {sourcing.verdict}")


def _date_option(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from None


def _chronicle_line(s: ChronicleSummary) -> str:
    return (
        f"chronicle: {s.events} event(s) from {s.reports} report(s) in {s.documents} "
        f"document(s); {s.merged} told by more than one report, {s.conflicts} conflict(s), "
        f"{s.duplicate_links} near-duplicate document link(s)"
    )


@app.command("chronicle")
def rebuild_chronicle(db: DbOption = None) -> None:
    """Rebuild the chronicle: merge event reports across documents and link near-duplicate
    documents (``kronika ingest`` does this after adding documents)."""
    with _workspace(db) as k:
        summary = _run(k.rebuild_chronicle)
    console.print(_chronicle_line(summary))


@app.command("timeline")
def timeline(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name")] = None,
    place: Annotated[str | None, typer.Option(help="Place id or part of a name")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD: events ending on or after")] = None,
    until: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD: events starting on or before")
    ] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. PROTEST")] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many")] = None,
    fmt: Annotated[
        Literal["table", "json", "csv"],
        typer.Option("--format", help="table | json (the export's chronicle part) | csv"),
    ] = "table",
    out: Annotated[
        Path | None, typer.Option(help="json/csv: output file [default: stdout]")
    ] = None,
) -> None:
    """The chronicle in date order: date and its precision, type, actors, place, independent
    sources, how outlets told it ("reported by 3 outlets, denied by 1") and conflicts."""
    with _workspace(db) as k:
        events = _run(
            lambda: k.chronicle(
                type=type, actor=actor, place=place, since=_date_option(since, "--since"),
                until=_date_option(until, "--until"), limit=limit,
            )
        )  # fmt: skip
    if fmt == "table":
        console.print(timeline_table(events))
        return
    with _output(out) as fh:
        if fmt == "json":
            json.dump([e.export() for e in events], fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        else:
            writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(timeline_rows(events))
    if out is not None:
        err_console.print(f"wrote {len(events)} chronicle event(s) to {out}")


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def timeline_table(events: Sequence[ChronicleEvent]) -> Table:
    """The timeline as a Rich table; conflicts are flagged in red under the event."""
    table = Table(title=f"{len(events)} chronicle event(s)")
    table.add_column("date (precision)", no_wrap=True)
    for column in ("type", "actors", "place"):
        table.add_column(column, overflow="fold")
    table.add_column("sources", justify="right")
    table.add_column("told", overflow="fold", ratio=2)
    table.add_column("id", no_wrap=True)
    for e in events:
        date = Text(format_date(e.date, e.precision, e.date_basis))
        if e.date is not None:
            date.append(f"\n({e.precision})", style="dim")
        kind = e.type + (f"/{e.plover_mode}" if e.plover_mode else "")
        actors = " → ".join(a.name for a in (e.actor1, e.actor2) if a is not None)
        told = Text(modality_mix(e))
        if e.conflicts:
            told.append(f"\n⚠ {conflict_summary(e)}", style="bold red")
        table.add_row(
            date, kind, actors, e.place.name if e.place else "", str(e.sources), told, e.id[:12]
        )
    table.caption = "≤ date known only as the publication window; ⚠ reports disagree"
    return table


_RELATION_WORDS = {
    "acts_on": "acts on",
    "accuses": "accuses",
    "threatens": "threatens",
    "demands": "demands of",
}


@app.command("network")
def network(
    db: DbOption = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ACCUSE")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or part of a name")] = None,
    relation: Annotated[
        str | None, typer.Option(help="acts_on | accuses | threatens | demands")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="table: show at most this many rows")] = None,
    fmt: Annotated[
        Literal["table", "json", "graphml"],
        typer.Option("--format", help="table | json (nodes and edges) | graphml"),
    ] = "table",
    out: Annotated[
        Path | None, typer.Option(help="json/graphml: output file [default: stdout]")
    ] = None,
) -> None:
    """The actor network of the chronicle: who acts on whom, who accuses, threatens or makes
    demands of whom, weighted by chronicle events, reports and sources, split by type."""
    if relation is not None and relation not in RELATIONS:
        raise typer.BadParameter(
            f"{relation!r} is not one of {', '.join(RELATIONS)}", param_hint="--relation"
        )
    with _workspace(db) as k:
        net = _run(lambda: k.network(type=type, actor=actor, relation=relation))
    if fmt == "table":
        rows = pair_rows(net)
        table = Table(title=f"{len(net.nodes)} actor(s), {len(rows)} link(s)")
        for column in ("actor", "relation", "on / of", "events", "reports", "by type"):
            justify: Literal["left", "right"] = (
                "right" if column in ("events", "reports") else "left"
            )
            table.add_column(column, overflow="fold", justify=justify)
        for r in rows[:limit] if limit else rows:
            by_type = ", ".join(f"{t} {n}" for t, n in r.by_type.items())
            table.add_row(
                r.source, _RELATION_WORDS[r.relation], r.target, str(r.events), str(r.reports),
                by_type,
            )  # fmt: skip
        table.caption = "events: chronicle events; reports: their tellings in all documents"
        console.print(table)
        return
    with _output(out) as fh:
        if fmt == "json":
            json.dump(net.export(), fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        else:
            fh.write(to_graphml(net))
    if out is not None:
        err_console.print(f"wrote {len(net.nodes)} actor(s) and {len(net.edges)} edge(s) to {out}")


@app.command("compare")
def compare(
    event_id: Annotated[str, typer.Argument(help="Chronicle event id or a unique prefix of it")],
    db: DbOption = None,
    fmt: Annotated[
        Literal["table", "json"], typer.Option("--format", help="table | json")
    ] = "table",
) -> None:
    """How each outlet told one chronicle event: modality and relay chain, wording (evidence
    in bold, the event's word underlined), framing in those sentences, who is quoted there,
    tone, and the conflicts between outlets."""
    with _workspace(db) as k:
        comparison = _run(lambda: k.compare(event_id))
    if fmt == "json":
        json.dump(comparison.export(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    console.print(_comparison_head(comparison))
    table = Table(title=f"{len(comparison.accounts)} report(s)", show_lines=True)
    table.add_column("outlet", overflow="fold")
    table.add_column("told", overflow="fold")
    table.add_column("wording", overflow="fold", ratio=3)
    table.add_column("framing · quoted", overflow="fold", ratio=1)
    table.add_column("tone", no_wrap=True)
    for a in comparison.accounts:
        outlet = Text(a.outlet or a.source) + Text(f"\n{a.published or ''}", style="dim")
        told = Text(a.modality, style="bold red" if a.modality in ("denied", "negated") else "")
        if len(a.asserted_by) > 1:
            told.append("\n" + " ← ".join(reversed(a.asserted_by[1:])), style="dim")
        for conflict in a.conflicts:
            told.append(f"\n⚠ {conflict}", style="bold red")
        tone = "\n".join(
            f"{label} {value + 0:+.1f}"
            for label, value in (("sentence", a.sentence_tone), ("document", a.document_tone))
            if value is not None
        )
        table.add_row(outlet, told, _wording(a), _framing_and_speakers(a), tone)
    console.print(table)


def _comparison_head(c: Comparison) -> Text:
    e = c.event
    head = Text(e.type + (f"/{e.plover_mode}" if e.plover_mode else ""), style="bold underline")
    actors = " → ".join(a.name for a in (e.actor1, e.actor2) if a is not None)
    facts = [
        ("id", e.id),
        ("date", f"{format_date(e.date, e.precision, e.date_basis)} ({e.precision})"),
        ("actors", actors or "—"),
        ("place", e.place.name if e.place else "—"),
        ("sources", f"{e.sources} independent, {e.documents} document(s)"),
        ("told", modality_mix(e)),
    ]
    for key, value in facts:
        head.append(f"\n{key}: ", style="dim").append(value)
    if e.conflicts:
        head.append("\nconflicts: ", style="dim").append(conflict_summary(e), style="bold red")
    return head


def _wording(a: Account) -> Text:
    text = Text(" ".join(a.sentence.split()) if not a.marks else a.sentence)
    for start, end in a.marks:
        text.stylize("bold", start, end)
    if a.trigger is not None:
        text.stylize("underline", *a.trigger)
    if a.quantities:
        text.append("\n" + "; ".join(a.quantities), style="cyan")
    return text


def _framing_and_speakers(a: Account) -> Text:
    out = Text()
    for t in a.framing:
        out.append(f"{t.technique}: ", style="yellow").append(_shorten_text(t.text, 40) + "\n")
    for s in a.speakers:
        out.append(f"{s.name} ", style="magenta").append(f"({s.kind}, {s.where})\n", style="dim")
    out.rstrip()
    return out


def _shorten_text(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


@app.command("serve")
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="KRONIKA_TOKEN",
            help="API token: enables POST /api/documents (Bearer); needed by --private",
        ),
    ] = None,
    private: Annotated[bool, typer.Option(help="Reads need the token too")] = False,
    tile_url: Annotated[
        str | None,
        typer.Option(help="Raster tiles for the map, e.g. https://tile.example/{z}/{x}/{y}.png"),
    ] = None,
) -> None:
    """Serve the REST API (/api, docs at /api/docs) and the web UI (library, annotated
    article, timeline, map, actor network) over one database."""
    import uvicorn

    from kronika.api import create_app

    if private and not token:
        err_console.print("[bold red]error[/]: --private needs --token (or KRONIKA_TOKEN)")
        raise typer.Exit(2)
    settings = _run(lambda: Settings.load(db=db))
    web = create_app(settings.db, token=token, private=private, tile_url=tile_url)
    console.print(
        f"kronika serving {settings.db} on http://{host}:{port}/ (API docs: /api/docs; "
        f"writes {'need the token' if token else 'are off'}; reads "
        f"{'need the token' if private else 'are open'})"
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def version() -> None:
    """Print kronika's version and the spaCy pipeline it would load."""
    settings = _run(Settings.load)
    console.print(f"kronika {__version__} (model setting: {settings.model})")


def _shorten(value: str, width: int) -> str:
    return value if len(value) <= width else "…" + value[-(width - 1) :]
