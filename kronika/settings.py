"""One typed settings object, built explicitly (never read at import).

Precedence, highest first: explicit arguments (CLI options) > environment
variables (``KRONIKA_*``) > a TOML config file > defaults. The config file is the
one named by ``--config`` / ``KRONIKA_CONFIG``, else ``./kronika.toml`` if present.
Every setting is documented in ``docs/configuration.md`` (a test checks that).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = "kronika.toml"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a kronika run can be configured with."""

    db: str = "kronika.duckdb"
    """DuckDB file to use; ``:memory:`` for a throwaway store."""
    model: str = "en_core_web_sm"
    """spaCy pipeline name or path (e.g. ``en_core_web_trf`` when installed)."""
    batch_size: int = 16
    """Documents per ``nlp.pipe`` batch."""
    n_process: int = 1
    """Processes for ``nlp.pipe``."""
    max_bytes: int = 5_000_000
    """Size cap for one input (file, stdin, HTTP body), in bytes."""
    max_chars: int = 1_000_000
    """Size cap for the extracted text of one document, in characters."""
    min_chars: int = 20
    """Texts shorter than this (after stripping) are rejected as empty."""
    languages: tuple[str, ...] = ("en",)
    """Accepted ISO 639-1 language codes."""
    min_language_score: float = 0.5
    """Reject a text as another language only when the detector is at least this sure."""
    http_timeout: float = 20.0
    """Seconds before an HTTP request gives up (connect, read, write, pool)."""
    max_redirects: int = 5
    """Redirects followed per URL."""
    allow_private: bool = False
    """Allow URLs that resolve to private, loopback or link-local addresses."""
    fetch_feed_items: bool = True
    """Fetch a feed item's page when the feed carries no full text for it."""
    user_agent: str = "kronika/0.1 (+https://github.com/kronika)"
    """User-Agent header for HTTP fetches."""

    @classmethod
    def load(cls, config: str | Path | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, the config file, the environment, then ``overrides``.

        ``overrides`` whose value is ``None`` are ignored, so CLI options that were not
        given fall through to the environment and the config file.
        """
        values: dict[str, Any] = {}
        path = config or os.environ.get("KRONIKA_CONFIG")
        if path is None and Path(DEFAULT_CONFIG_FILE).is_file():
            path = DEFAULT_CONFIG_FILE
        if path is not None:
            with open(path, "rb") as fh:
                values.update(_known(tomllib.load(fh), source=str(path)))
        values.update(_from_environment())
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **_coerce(values))


def setting_names() -> list[str]:
    """All setting names (the docs test checks each one is documented)."""
    return [f.name for f in fields(Settings)]


def env_var(name: str) -> str:
    return "KRONIKA_" + name.upper()


def _known(values: dict[str, Any], source: str) -> dict[str, Any]:
    unknown = set(values) - set(setting_names())
    if unknown:
        raise ValueError(f"{source}: unknown setting(s): {', '.join(sorted(unknown))}")
    return values


def _from_environment() -> dict[str, Any]:
    return {n: os.environ[env_var(n)] for n in setting_names() if env_var(n) in os.environ}


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    """Turn strings from the environment into each field's type."""
    defaults = Settings()
    out: dict[str, Any] = {}
    for name, value in values.items():
        default = getattr(defaults, name)
        if isinstance(value, str) and not isinstance(default, str):
            if isinstance(default, bool):
                value = value.strip().lower() in {"1", "true", "yes", "on"}
            elif isinstance(default, tuple):
                value = tuple(v.strip() for v in value.split(",") if v.strip())
            else:
                value = type(default)(value)
        elif isinstance(default, tuple) and isinstance(value, list):
            value = tuple(value)
        out[name] = value
    return out
