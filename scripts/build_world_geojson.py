"""Build ``kronika/data/geo/world.geojson``: simplified country boundaries for the map page.

Source: Natural Earth (public domain) Admin 0 countries at 1:50m, as redistributed in
TopoJSON by the npm package ``world-atlas`` 2.0.2 (ISC). Get it with
``npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`` and run::

    python scripts/build_world_geojson.py package/countries-50m.json

The arcs are decoded, simplified (Douglas-Peucker) and rounded; each feature keeps the
country name, its ISO 3166 numeric code and, where pycountry knows it, alpha-3 (Kosovo:
XKX, the code kronika uses).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "kronika" / "data" / "geo" / "world.geojson"
Point = tuple[float, float]
#: degrees: tighter around the Balkans, where kronika's events are, looser elsewhere
DETAIL_BOX = (5.0, 34.0, 45.0, 56.0)


def decode_arcs(topo: dict[str, Any]) -> list[list[Point]]:
    """Absolute coordinates of every delta-encoded, quantised arc."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[Point]]) -> list[Point]:
    out: list[Point] = []
    for i in indices:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(points[1:] if out else points)
    return out


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, keeping the first and last point (rings stay closed)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def in_box(points: list[Point]) -> bool:
    x0, y0, x1, y1 = DETAIL_BOX
    return any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points)


def polygon(rings: list[list[int]], arcs: list[list[Point]]) -> list[list[list[float]]] | None:
    out = []
    for indices in rings:
        points = ring(indices, arcs)
        tolerance = 0.01 if in_box(points) else 0.08
        simple = simplify(points, tolerance)
        rounded: list[list[float]] = []
        for x, y in simple:
            p = [round(x, 2), round(y, 2)]
            if not rounded or rounded[-1] != p:
                rounded.append(p)
        if len(rounded) >= 4:
            out.append(rounded)
    return out or None


def alpha3(numeric: str | None, name: str) -> str | None:
    if name == "Kosovo":
        return "XKX"
    try:
        import pycountry  # dev dependency, only for this script
    except ImportError:
        return None
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return str(country.alpha_3) if country else None


def build(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    features = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        parts = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        polygons = [p for p in (polygon(rings, arcs) for rings in parts) if p]
        if not polygons:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "iso_n3": geometry.get("id"),
                    "iso_a3": alpha3(geometry.get("id"), name),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return {
        "type": "FeatureCollection",
        "_about": "Natural Earth 1:50m Admin 0 countries (public domain), via world-atlas 2.0.2,"
        " simplified by scripts/build_world_geojson.py",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(json.loads(args.topojson.read_text()))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(collection, separators=(",", ":")) + "\n")
    print(f"{args.out}: {len(collection['features'])} countries, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
