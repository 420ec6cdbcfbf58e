from pathlib import Path

import pytest

from kronika.settings import Settings, setting_names


def test_defaults() -> None:
    s = Settings()
    assert s.db == "kronika.duckdb"
    assert s.model == "en_core_web_sm"
    assert s.languages == ("en",)


def test_precedence_config_then_env_then_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "k.toml"
    config.write_text('db = "from-config.duckdb"\nmodel = "en_core_web_md"\nbatch_size = 8\n')
    for name in setting_names():
        monkeypatch.delenv("KRONIKA_" + name.upper(), raising=False)
    assert Settings.load(config).db == "from-config.duckdb"
    monkeypatch.setenv("KRONIKA_DB", "from-env.duckdb")
    monkeypatch.setenv("KRONIKA_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("KRONIKA_LANGUAGES", "en, de")
    s = Settings.load(config)
    assert (s.db, s.model, s.batch_size) == ("from-env.duckdb", "en_core_web_md", 8)
    assert s.allow_private is True
    assert s.languages == ("en", "de")
    s = Settings.load(config, db="option.duckdb", model=None)
    assert s.db == "option.duckdb"
    assert s.model == "en_core_web_md"  # None means "not given": falls through


def test_model_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KRONIKA_MODEL", "en_core_web_trf")
    assert Settings.load().model == "en_core_web_trf"


def test_config_file_in_working_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KRONIKA_MODEL", raising=False)
    (tmp_path / "kronika.toml").write_text('model = "en_core_web_lg"\n')
    assert Settings.load().model == "en_core_web_lg"


def test_unknown_setting_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text("modle = 'typo'\n")
    with pytest.raises(ValueError, match="unknown setting"):
        Settings.load(config)
