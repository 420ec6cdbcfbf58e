"""The world pack is generated, not typed: regenerating it must give the committed file."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_world_pack_is_up_to_date_with_its_sources() -> None:
    script = ROOT / "scripts" / "build_world_pack.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr
