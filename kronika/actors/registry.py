"""The actor registry: versioned data packs (kronika/data/actors/) loaded into typed records.

A pack is a YAML or JSON file with a header (``pack``, ``version``, ``sources``, optional
``requires``) and a list of ``actors``; the format is documented in docs/actors.md. This module
only loads, validates and looks up; resolving mentions in documents happens elsewhere.

Name folding (:func:`fold`): Unicode NFKD, combining marks dropped, casefolded, ``đ``/``Đ`` →
``dj`` (Serbian Latin convention: Đurić → Djuric), ``ß`` → ``ss``, typographic apostrophes made
plain, punctuation other than letters/digits turned into spaces, whitespace collapsed, and a
leading article "the " dropped. The spelling "Duric" (đ written as plain d) is also matched: every
name is indexed both with ``đ`` → ``dj`` and with ``đ`` → ``d``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from pydantic import ValidationError
from rapidfuzz import fuzz, process

from kronika.datafiles import load_yaml
from kronika.folding import fold as fold
from kronika.models import KINDS as KINDS
from kronika.models import SECTORS as SECTORS
from kronika.models import Actor as Actor
from kronika.models import ActorKind as ActorKind
from kronika.models import Role as Role

DATA_PACKAGE = "kronika.data.actors"
PACK_SUFFIXES = (".yaml", ".yml", ".json")


class PackError(ValueError):
    """A pack file is missing or holds bad data; the message names the file and the actor."""


_PUNCT = re.compile(r"[^\w]+")
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})


def _fold_with(text: str, dj: str) -> str:
    text = text.replace("đ", dj).replace("Đ", dj).translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.casefold().translate(_SPECIAL)
    words = _PUNCT.sub(" ", stripped.replace("’", "'").replace("'", "")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _keys(text: str) -> set[str]:
    return {_fold_with(text, "dj"), _fold_with(text, "d")} - {""}


class Registry:
    """Actors by id, by folded name/alias, by metonym and by dated role."""

    def __init__(self, actors: Iterable[Actor], packs: dict[str, str] | None = None) -> None:
        self._by_id: dict[str, Actor] = {}
        self._by_name: dict[str, list[str]] = {}
        self._by_metonym: dict[str, list[str]] = {}
        self.packs: dict[str, str] = dict(packs or {})
        for actor in actors:
            if actor.id in self._by_id:
                raise PackError(f"duplicate actor id {actor.id!r}")
            self._by_id[actor.id] = actor
            for name in actor.names():
                for key in _keys(name):
                    _add(self._by_name, key, actor.id)
            for name in actor.metonyms:
                for key in _keys(name):
                    _add(self._by_metonym, key, actor.id)
        self._choices = list(self._by_name)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Any:
        return iter(self._by_id.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def by_id(self, actor_id: str) -> Actor:
        """The actor with this id; KeyError if there is none."""
        return self._by_id[actor_id]

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def lookup(self, name: str) -> list[Actor]:
        """Actors whose canonical name or an alias equals ``name`` after folding."""
        ids: list[str] = []
        for key in sorted(_keys(name)):
            for actor_id in self._by_name.get(key, []):
                if actor_id not in ids:
                    ids.append(actor_id)
        return [self._by_id[i] for i in ids]

    def by_metonym(self, name: str) -> list[Actor]:
        """Actors a place name can stand for ("Belgrade" → the Serbian government)."""
        ids: list[str] = []
        for key in sorted(_keys(name)):
            for actor_id in self._by_metonym.get(key, []):
                if actor_id not in ids:
                    ids.append(actor_id)
        return [self._by_id[i] for i in ids]

    def fuzzy(self, name: str, score_cutoff: float = 90) -> list[tuple[Actor, float]]:
        """Actors whose folded names are close to ``name`` (rapidfuzz WRatio), best first."""
        query = fold(name)
        if not query:
            return []
        best: dict[str, float] = {}
        matches = process.extract(
            query, self._choices, scorer=fuzz.WRatio, score_cutoff=score_cutoff, limit=None
        )
        for choice, score, _ in matches:
            for actor_id in self._by_name[choice]:
                best[actor_id] = max(best.get(actor_id, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return [(self._by_id[i], score) for i, score in ranked]

    def holders(self, title: str, organization: str, on: dt.date) -> list[Actor]:
        """Who held ``title`` in ``organization`` on a date ("President", "Serbia", 2022-12-08).

        Titles compare after folding. Organizations compare after folding, or when both names
        look up to the same registry actor ("Republic of Serbia" and "Serbia").
        """
        want_title = fold(title)
        want_orgs = _keys(organization)
        want_ids = {a.id for a in self.lookup(organization)}
        found: list[Actor] = []
        for actor in self._by_id.values():
            for role in actor.roles:
                if fold(role.title) != want_title or role.organization is None:
                    continue
                same = bool(_keys(role.organization) & want_orgs) or bool(
                    want_ids and {a.id for a in self.lookup(role.organization)} & want_ids
                )
                if same and role.active_on(on):
                    found.append(actor)
                    break
        return found


def _add(index: dict[str, list[str]], key: str, actor_id: str) -> None:
    ids = index.setdefault(key, [])
    if actor_id not in ids:
        ids.append(actor_id)


def _read(resource: Traversable, label: str) -> dict[str, Any]:
    text = resource.read_text(encoding="utf-8")
    try:
        data = load_yaml(text) if resource.name.endswith((".yaml", ".yml")) else json.loads(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise PackError(f"{label}: not valid YAML/JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise PackError(f"{label}: a pack is a mapping with an 'actors' list")
    for field in ("pack", "version", "sources"):
        if field not in data:
            raise PackError(f"{label}: header field {field!r} is missing")
    return data


def parse_pack(data: dict[str, Any], label: str) -> list[Actor]:
    """The actors of one pack's data; PackError naming ``label`` and the actor on bad data."""
    actors: list[Actor] = []
    seen: set[str] = set()
    for position, raw in enumerate(data["actors"]):
        who = f"actor {raw.get('id')!r}" if isinstance(raw, dict) else f"actor #{position}"
        if not isinstance(raw, dict):
            raise PackError(f"{label}: {who}: expected a mapping")
        try:
            actor = Actor.model_validate({**raw, "pack": data["pack"]})
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise PackError(f"{label}: {who}: {problems}") from None
        if actor.id in seen:
            raise PackError(f"{label}: {who}: duplicate id")
        seen.add(actor.id)
        actors.append(actor)
    return actors


def _pack_files(root: Traversable) -> dict[str, Traversable]:
    return {
        entry.name.rsplit(".", 1)[0]: entry
        for entry in root.iterdir()
        if entry.is_file() and entry.name.endswith(PACK_SUFFIXES)
    }


def load_registry(
    packs: Sequence[str] | None = None, *, root: Traversable | None = None
) -> Registry:
    """Load actor packs by name (default: every pack in kronika/data/actors/) into a Registry.

    Packs a loaded pack ``requires`` are loaded too. Checks: the schema of every actor (kind,
    ISO-3 country, sector, CAMEO shape, role dates in order), ids unique across packs, and each
    ``affiliation`` naming a loaded actor. ``root`` points at another directory (tests).
    """
    base = root if root is not None else resources.files(DATA_PACKAGE)
    available = _pack_files(base)
    wanted = list(available) if packs is None else list(packs)
    loaded: dict[str, dict[str, Any]] = {}
    labels: dict[str, str] = {}
    while wanted:
        name = wanted.pop(0)
        if name in loaded:
            continue
        if name not in available:
            raise PackError(f"actor pack {name!r} not found; available: {sorted(available)}")
        labels[name] = (
            f"{DATA_PACKAGE}/{available[name].name}" if root is None else str(available[name])
        )
        loaded[name] = _read(available[name], labels[name])
        wanted.extend(str(r) for r in loaded[name].get("requires") or [])

    actors: list[Actor] = []
    origin: dict[str, str] = {}
    for name in sorted(loaded):
        for actor in parse_pack(loaded[name], labels[name]):
            if actor.id in origin:
                raise PackError(
                    f"{labels[name]}: actor {actor.id!r}: id already used in {origin[actor.id]}"
                )
            origin[actor.id] = labels[name]
            actors.append(actor)
    for actor in actors:
        if actor.affiliation is not None and actor.affiliation not in origin:
            raise PackError(
                f"{origin[actor.id]}: actor {actor.id!r}: affiliation "
                f"{actor.affiliation!r} is not a loaded actor"
            )
    return Registry(actors, {name: str(loaded[name]["version"]) for name in loaded})
