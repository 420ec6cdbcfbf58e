"""Shared bits of the benchmark scripts: paths, the benchmark-data setting, results I/O."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def benchmarks_dir(option: str | None = None) -> Path:
    """``--data``, else ``KRONIKA_BENCHMARKS``, else ``../shared/benchmarks`` beside the repo."""
    value = option or os.environ.get("KRONIKA_BENCHMARKS")
    return Path(value) if value else ROOT.parent / "shared" / "benchmarks"


def versions(*packages: str) -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in packages:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"


def write_result(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    result.setdefault("measured_at", date.today().isoformat())
    result.setdefault("machine", machine())
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return path
