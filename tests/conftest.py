"""Shared fixtures: paths to the bundled examples and to the external benchmarks."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

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


@pytest.fixture(scope="session")
def bench_module() -> Callable[[str], ModuleType]:
    """Imports a script of ``bench/`` by name (the benchmarks are scripts, not a package)."""

    def load(name: str) -> ModuleType:
        bench = str(ROOT / "bench")
        if bench not in sys.path:
            sys.path.insert(0, bench)
        return importlib.import_module(name)

    return load


@pytest.fixture
def benchmark_path() -> Path:
    path = benchmarks_dir()
    if not path.is_dir():
        pytest.skip(f"benchmark data not found at {path} (set KRONIKA_BENCHMARKS)")
    return path


# An article that tries every way into the page: a script element, an event handler, a
# javascript: link (in the text, the title, the outlet and the URL). The web UI must show
# all of it as text and run none of it (tests/api/test_api.py, tests/web/).
XSS_TEXT = (
    "Serbian police arrested two protesters in Zvečan on Monday, the interior ministry said. "
    '<script>window.__xss = "script"</script> The protesters had blocked the road with trucks. '
    "<img src=x onerror=\"window.__xss = 'img'\"> "
    '"We will not give up <script>window.__xss = "quote"</script>," said Aleksandar Vučić, '
    "according to TASS. Read more at <a href=\"javascript:window.__xss='link'\">this link</a>. "
    "Kosovo Police removed the roadblock near the Jarinje crossing on Tuesday, officials said."
)
XSS_META = {
    "title": '<script>window.__xss = "title"</script>Roadblock <b onmouseover=alert(1)>cleared</b>',
    "outlet": "<img src=x onerror=alert(1)>Wire",
    "url": "javascript:window.__xss='url'",
    "published": "2023-05-30",
}


@pytest.fixture(scope="session")
def xss_text() -> str:
    return XSS_TEXT


@dataclass(frozen=True)
class DemoStore:
    """A store with the bundled examples (outlet RT) and the XSS article ingested."""

    path: Path
    examples: list[str]
    """Document ids of the examples, in file order."""
    xss: str
    """Document id of the XSS article."""


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory, examples: list[Path]) -> DemoStore:
    import kronika
    from kronika.core import user_metadata

    folder = tmp_path_factory.mktemp("demo")
    path, xss_file = folder / "demo.duckdb", folder / "xss.txt"
    xss_file.write_text(XSS_TEXT)
    with kronika.open(path) as k:  # both batches first, then one chronicle rebuild
        results = list(
            k.ingest_prepared(
                k.collect([str(p) for p in examples]), overrides=user_metadata(outlet="RT")
            )
        )
        (xss,) = k.ingest_prepared(k.collect([str(xss_file)]), overrides=user_metadata(**XSS_META))
        assert all(r.status == "added" for r in [*results, xss]), [*results, xss]
        k.rebuild_chronicle()
    return DemoStore(path, [r.document_id or "" for r in results], xss.document_id or "")
