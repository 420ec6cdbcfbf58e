"""The chronicle in the shapes users' tools read: GDELT 2.0 event rows and ACLED rows.

One row per chronicle event (never per report: the merge is the point), with the GDELT or
ACLED columns in their order and kronika's own columns after them. What kronika cannot know
(GDELT's Goldstein scale, actor geography, ACLED's source scale, …) is left empty rather than
guessed; docs/exports.md lists every column and why it is filled or not.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TextIO

from kronika.chronicle.timeline import conflict_summary, modality_mix
from kronika.datafiles import read_mapping
from kronika.folding import fold
from kronika.models import Actor, ActorRef, ChronicleEvent, Place

GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
    "kronika_chronicle_id", "kronika_date_end", "kronika_precision", "kronika_told",
)  # fmt: skip
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
    "kronika_chronicle_id", "kronika_plover", "kronika_date_end",
)  # fmt: skip

#: GDELT ActionGeo_Type: 1 country, 4 world city, 5 world state (an ADM1 region)
_GEO_TYPE = {"country": "1", "continent": "1", "city": "4", "village": "4", "admin1": "5",
             "admin2": "5", "region": "5"}  # fmt: skip
#: ACLED geo_precision from the place's precision
_GEO_PRECISION = {"town": "1", "region": "2", "country": "3"}


@dataclass(frozen=True)
class DocumentFacts:
    """What the exports need of a document besides its reports."""

    url: str | None = None
    tone: float | None = None
    """GDELT-style document tone (positive − negative percentage of words)."""


@dataclass(frozen=True)
class ExportContext:
    """Store records the rows are filled from, looked up by id."""

    places: Mapping[str, Place] = field(default_factory=dict)
    actors: Mapping[str, Actor] = field(default_factory=dict)
    documents: Mapping[str, DocumentFacts] = field(default_factory=dict)
    cameo: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(document id, event id) → the stored event report's CAMEO code."""
    type_cameo: Mapping[str, str] = field(default_factory=dict)
    """PLOVER type → the nearest CAMEO code, for an event none of whose reports has one."""
    sentences: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(document id, event id) → the report's evidence sentence."""
    admin1: Mapping[str, str] = field(default_factory=dict)
    """place id → the name of its first-level administrative division."""
    countries: Mapping[str, Actor] = field(default_factory=dict)
    """ISO alpha-2 → the registry's state actor (its name and alpha-3 code)."""


# ------------------------------------------------------------------ GDELT


def gdelt_rows(events: Sequence[ChronicleEvent], ctx: ExportContext) -> list[dict[str, str]]:
    return [gdelt_row(e, ctx) for e in events]


def gdelt_row(event: ChronicleEvent, ctx: ExportContext) -> dict[str, str]:
    """One chronicle event as a GDELT 2.0 event row (columns :data:`GDELT_COLUMNS`)."""
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row["GlobalEventID"] = str(int(event.id[:15], 16))
    if event.date is not None:
        day = event.date.start
        row["Day"] = day.strftime("%Y%m%d")
        row["MonthYear"] = day.strftime("%Y%m")
        row["Year"] = str(day.year)
        row["FractionDate"] = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
        row["kronika_date_end"] = event.date.end.strftime("%Y%m%d")
    for n, ref in (("1", event.actor1), ("2", event.actor2)):
        if ref is not None:
            row.update(_gdelt_actor(n, ref, ctx))
    code = event_cameo(event, ctx)
    if code:
        row["EventCode"] = code
        row["EventBaseCode"] = code[:3]
        row["EventRootCode"] = code[:2]
        row["QuadClass"] = quad_class(code[:2])
    row["NumMentions"] = str(len(event.reports))
    row["NumSources"] = str(event.sources)
    row["NumArticles"] = str(event.documents)
    tones = [
        t
        for d in dict.fromkeys(r.document_id for r in event.reports)
        if (t := ctx.documents.get(d, DocumentFacts()).tone) is not None
    ]
    row["AvgTone"] = f"{sum(tones) / len(tones):.4f}" if tones else ""
    place = ctx.places.get(event.place.place_id or "") if event.place else None
    if place is not None:
        names = (place.name, ctx.admin1.get(place.id), _country_name(place.country, ctx))
        row.update(
            ActionGeo_Type=_GEO_TYPE.get(place.feature, ""),
            ActionGeo_FullName=", ".join(dict.fromkeys(n for n in names if n)),
            ActionGeo_CountryCode=place.country or "",
            ActionGeo_Lat=f"{place.lat:.4f}",
            ActionGeo_Long=f"{place.lon:.4f}",
            ActionGeo_FeatureID=(place.gazetteer_id or place.id).removeprefix("geonames:"),
        )
    elif event.place is not None:
        row["ActionGeo_FullName"] = event.place.name
    first = event.reports[0]
    if first.published is not None:
        row["DATEADDED"] = first.published.strftime("%Y%m%d") + "000000"
    row["SOURCEURL"] = ctx.documents.get(first.document_id, DocumentFacts()).url or (
        first.document_id
    )
    row["kronika_chronicle_id"] = event.id
    row["kronika_precision"] = event.precision
    row["kronika_told"] = modality_mix(event)
    return row


def _gdelt_actor(n: str, ref: ActorRef, ctx: ExportContext) -> dict[str, str]:
    actor = ctx.actors.get(ref.actor_id or "")
    out = {f"Actor{n}Name": ref.name}
    if actor is not None:
        out[f"Actor{n}Code"] = actor.cameo or ""
        out[f"Actor{n}CountryCode"] = actor.country or ""
        out[f"Actor{n}Type1Code"] = actor.sector or ""
    return out


def event_cameo(event: ChronicleEvent, ctx: ExportContext) -> str:
    """The most frequent CAMEO code among the reports of the event's type (ties: the more
    specific, then the smaller code), else the type's nearest code."""
    codes = [
        c
        for r in event.reports
        if r.type == event.type and (c := ctx.cameo.get((r.document_id, r.event_id)))
    ]
    if codes:
        return min(set(codes), key=lambda c: (-codes.count(c), -len(c), c))
    return ctx.type_cameo.get(event.type, "")


def quad_class(root: str) -> str:
    """GDELT's QuadClass of a CAMEO root: 1 verbal cooperation (01–05), 2 material
    cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20)."""
    if not root.isdigit():
        return ""
    n = int(root)
    return "1" if n <= 5 else "2" if n <= 8 else "3" if n <= 13 else "4"


def _country_name(alpha2: str | None, ctx: ExportContext) -> str | None:
    state = ctx.countries.get(alpha2 or "")
    return state.name if state else None


# ------------------------------------------------------------------ ACLED


@dataclass(frozen=True)
class AcledMapping:
    """``data/en/acled_mapping.yaml``: PLOVER → ACLED types, armed targets, actor type codes."""

    types: dict[str, dict[str, Any]]
    armed_sectors: frozenset[str]
    armed_kinds: frozenset[str]
    armed_words: frozenset[str]
    unmapped: tuple[str, str, str]
    not_occurred: tuple[str, str, str]
    occurred: frozenset[str]
    inter_sectors: dict[str, int]
    inter_kinds: dict[str, int]
    inter_actor1: dict[str, int]
    fatality_words: frozenset[str]


def parse_acled_mapping(data: dict[str, Any]) -> AcledMapping:
    def triple(value: Any, where: str) -> tuple[str, str, str]:
        if not isinstance(value, list) or len(value) != 3:
            raise ValueError(f"acled_mapping.yaml {where}: expected [disorder, event, sub-event]")
        return (str(value[0]), str(value[1]), str(value[2]))

    types: dict[str, dict[str, Any]] = {}
    for name, entry in (data.get("types") or {}).items():
        types[str(name)] = {
            "default": triple(entry.get("default"), f"{name}.default"),
            "armed_target": (
                triple(entry["armed_target"], f"{name}.armed_target")
                if "armed_target" in entry
                else None
            ),
            "modes": {
                str(m): triple(v, f"{name}.modes.{m}")
                for m, v in (entry.get("modes") or {}).items()
            },
        }
    armed = data.get("armed_targets") or {}
    inter = data.get("inter") or {}
    return AcledMapping(
        types=types,
        armed_sectors=frozenset(armed.get("sectors", [])),
        armed_kinds=frozenset(armed.get("kinds", [])),
        armed_words=frozenset(fold(w) for w in armed.get("words", [])),
        unmapped=triple(data.get("unmapped"), "unmapped"),
        not_occurred=triple(data.get("not_occurred"), "not_occurred"),
        occurred=frozenset(data.get("occurred_modalities", [])),
        inter_sectors={str(k): int(v) for k, v in (inter.get("sectors") or {}).items()},
        inter_kinds={str(k): int(v) for k, v in (inter.get("kinds") or {}).items()},
        inter_actor1={str(k): int(v) for k, v in (inter.get("actor1_of_event_type") or {}).items()},
        fatality_words=frozenset(fold(w) for w in data.get("fatality_words", [])),
    )


@cache
def load_acled_mapping(language: str = "en") -> AcledMapping:
    return parse_acled_mapping(read_mapping(language, "acled_mapping.yaml"))


def acled_types(
    event: ChronicleEvent, mapping: AcledMapping, ctx: ExportContext
) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of a chronicle event."""
    plover = event.type + (f"/{event.plover_mode}" if event.plover_mode else "")
    if not any(r.modality in mapping.occurred for r in event.reports):
        told = ", ".join(sorted({r.modality for r in event.reports}))
        return _fill(mapping.not_occurred, plover, told)
    entry = mapping.types.get(event.type)
    if entry is None:
        return _fill(mapping.unmapped, plover, "")
    by_mode: dict[str, tuple[str, str, str]] = entry["modes"]
    if event.plover_mode in by_mode:
        return by_mode[event.plover_mode or ""]
    armed: tuple[str, str, str] | None = entry["armed_target"]
    if armed is not None and event.actor2 is not None and is_armed(event.actor2, mapping, ctx):
        return armed
    default: tuple[str, str, str] = entry["default"]
    return default


def _fill(template: tuple[str, str, str], plover: str, modality: str) -> tuple[str, str, str]:
    a, b, c = (t.format(plover=plover, modality=modality) for t in template)
    return (a, b, c)


def is_armed(ref: ActorRef, mapping: AcledMapping, ctx: ExportContext) -> bool:
    """A registry actor of an armed sector or kind, or a name with an armed word."""
    actor = ctx.actors.get(ref.actor_id or "")
    if actor is not None and (
        actor.sector in mapping.armed_sectors or actor.kind in mapping.armed_kinds
    ):
        return True
    return bool(set(fold(ref.name).split()) & mapping.armed_words)


def inter_code(
    ref: ActorRef | None, role: int, event_type: str, mapping: AcledMapping, ctx: ExportContext
) -> str:
    """ACLED's actor type code, or "" when the actor's type is not known."""
    if ref is None:
        return ""
    if role == 1 and event_type in mapping.inter_actor1:
        return str(mapping.inter_actor1[event_type])
    actor = ctx.actors.get(ref.actor_id or "")
    if actor is None:
        return ""
    if actor.sector in mapping.inter_sectors:
        return str(mapping.inter_sectors[actor.sector or ""])
    return str(mapping.inter_kinds.get(actor.kind, ""))


def time_precision(event: ChronicleEvent) -> str:
    """ACLED's 1 (the day is known), 2 (known to within a week), 3 (a month or longer). A date
    that is only the publication window says "on or before", so it is at best a 2."""
    if event.date is None:
        return "3"
    days = (event.date.end - event.date.start).days + 1
    code = 1 if days == 1 else 2 if days <= 7 else 3
    if event.date_basis == "publication":
        code = max(code, 2)
    return str(code)


def event_day(event: ChronicleEvent) -> dt.date | None:
    """The day written for the event: the day itself, or the middle of a longer interval
    (ACLED codes an event known only to a week or a month to one day within it)."""
    if event.date is None:
        return None
    start, end = event.date.start, event.date.end
    return start + (end - start) // 2


def fatalities(event: ChronicleEvent, mapping: AcledMapping) -> int:
    """Deaths as ACLED counts them: each report's dead summed, and of several reports the
    lowest figure (ACLED takes the most conservative estimate); 0 when none gives one."""
    figures = []
    for r in event.reports:
        dead = [q.value for q in r.quantities if set(fold(q.unit).split()) & mapping.fatality_words]
        if dead:
            figures.append(int(sum(dead)))
    return min(figures, default=0)


def acled_rows(
    events: Sequence[ChronicleEvent], ctx: ExportContext, mapping: AcledMapping | None = None
) -> list[dict[str, str]]:
    table = mapping or load_acled_mapping()
    return [acled_row(e, ctx, table) for e in events]


def acled_row(event: ChronicleEvent, ctx: ExportContext, mapping: AcledMapping) -> dict[str, str]:
    """One chronicle event as an ACLED row (columns :data:`ACLED_COLUMNS`)."""
    row = dict.fromkeys(ACLED_COLUMNS, "")
    place = ctx.places.get(event.place.place_id or "") if event.place else None
    state = ctx.countries.get(place.country or "") if place else None
    row["event_id_cnty"] = f"{state.country if state and state.country else 'XXX'}{event.id[:12]}"
    day = event_day(event)
    if day is not None and event.date is not None:
        row["event_date"] = day.isoformat()
        row["year"] = str(day.year)
        row["kronika_date_end"] = event.date.end.isoformat()
    row["time_precision"] = time_precision(event)
    disorder, kind, sub = acled_types(event, mapping, ctx)
    row.update(disorder_type=disorder, event_type=kind, sub_event_type=sub)
    inter = ["", ""]
    for n, ref in ((1, event.actor1), (2, event.actor2)):
        if ref is None:
            continue
        row[f"actor{n}"] = ref.name
        row[f"assoc_actor_{n}"] = _affiliation(ref, ctx)
        inter[n - 1] = inter_code(ref, n, kind, mapping, ctx)
        row[f"inter{n}"] = inter[n - 1]
    if inter[0] and inter[1]:
        row["interaction"] = "".join(sorted(inter))
    elif inter[0] and event.actor2 is None:
        row["interaction"] = inter[0] + "0"  # ACLED's code of a one-sided event: "60"
    if kind == "Violence against civilians":
        row["civilian_targeting"] = "Civilian targeting"
    if place is not None:
        row.update(
            country=state.name if state else (place.country or ""),
            admin1=ctx.admin1.get(place.id, ""),
            location=place.name,
            latitude=f"{place.lat:.4f}",
            longitude=f"{place.lon:.4f}",
            geo_precision=_GEO_PRECISION.get(place.precision, ""),
        )
    elif event.place is not None:
        row["location"] = event.place.name
    row["source"] = "; ".join(event.outlets)
    first = event.reports[0]
    row["notes"] = ctx.sentences.get((first.document_id, first.event_id), "")
    row["fatalities"] = str(fatalities(event, mapping))
    tags = [f"told: {modality_mix(event)}", f"independent sources: {event.sources}"]
    if event.conflicts:
        tags.append(f"conflicts: {conflict_summary(event)}")
    row["tags"] = "; ".join(tags)
    row["kronika_chronicle_id"] = event.id
    row["kronika_plover"] = event.type + (f"/{event.plover_mode}" if event.plover_mode else "")
    return row


def _affiliation(ref: ActorRef, ctx: ExportContext) -> str:
    actor = ctx.actors.get(ref.actor_id or "")
    parent = ctx.actors.get(actor.affiliation or "") if actor else None
    return parent.name if parent else ""


# ------------------------------------------------------------------ writing


def write_gdelt(rows: Sequence[Mapping[str, str]], out: TextIO) -> int:
    """Tab-separated, a header line first, no quoting (as GDELT's own files: tabs and line
    breaks inside a value become spaces)."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(" ".join(row[c].split()) for c in GDELT_COLUMNS) + "\n")
    return len(rows)


def write_acled(rows: Sequence[Mapping[str, str]], out: TextIO) -> int:
    """Comma-separated with a header, quoted where needed (as ACLED's own CSV downloads)."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
