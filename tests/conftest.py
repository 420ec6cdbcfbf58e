"""Shared fixtures: paths to the bundled examples and to the external benchmarks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


def benchmarks_dir() -> Path:
    """``KRONIKA_BENCHMARKS``, else ``../shared/benchmarks`` beside the repository."""
    return Path(os.environ.get("KRONIKA_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))


@pytest.fixture(scope="session")
def examples() -> list[Path]:
    paths = sorted(EXAMPLES.glob("*.txt"))
    assert len(paths) >= 2, f"bundled examples missing in {EXAMPLES}"
    return paths


@pytest.fixture
def benchmark_path() -> Path:
    path = benchmarks_dir()
    if not path.is_dir():
        pytest.skip(f"benchmark data not found at {path} (set KRONIKA_BENCHMARKS)")
    return path
