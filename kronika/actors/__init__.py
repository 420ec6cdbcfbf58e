"""Actors: the canonical registry of people, institutions, states and media (issue 3)."""

from kronika.actors.registry import (
    Actor,
    ActorKind,
    PackError,
    Registry,
    Role,
    fold,
    load_registry,
)

__all__ = ["Actor", "ActorKind", "PackError", "Registry", "Role", "fold", "load_registry"]
