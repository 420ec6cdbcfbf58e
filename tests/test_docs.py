"""Documentation keeps up with the code: every setting and every command is documented."""

from pathlib import Path

import pytest
from typer.main import get_command

from kronika.cli import app
from kronika.settings import setting_names

ROOT = Path(__file__).parents[1]


@pytest.mark.parametrize("name", setting_names())
def test_setting_is_documented(name: str) -> None:
    assert f"| `{name}` |" in (ROOT / "docs" / "configuration.md").read_text()


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"kronika {name}" not in readme]
    assert missing == []


def test_examples_say_where_they_come_from() -> None:
    text = (ROOT / "examples" / "articles" / "README.md").read_text()
    assert "RT" in text and "English" in text
