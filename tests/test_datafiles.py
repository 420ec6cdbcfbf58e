"""The packaged data files are read as word lists: no word turns into a boolean, and no
word listed twice in one mapping goes unnoticed."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from kronika.datafiles import load_yaml


def test_words_that_yaml_1_1_calls_booleans_stay_words() -> None:
    assert load_yaml("[no, on, off, yes, y, n, true, false]") == [
        "no", "on", "off", "yes", "y", "n", True, False,
    ]  # fmt: skip
    assert load_yaml("ended: true") == {"ended": True}


def test_no_data_file_holds_a_boolean_in_a_word_list() -> None:
    def lists_with_booleans(value: object) -> list[list[object]]:
        if isinstance(value, dict):
            return [hit for v in value.values() for hit in lists_with_booleans(v)]
        if isinstance(value, list):
            here = [value] if any(isinstance(v, bool) for v in value) else []
            return here + [hit for v in value for hit in lists_with_booleans(v)]
        return []

    data = resources.files("kronika").joinpath("data")
    files = [p for p in data.rglob("*.yaml")]  # type: ignore[attr-defined]
    assert files
    for path in files:
        assert lists_with_booleans(load_yaml(path.read_text("utf-8"))) == [], path


def test_a_word_listed_twice_in_one_mapping_is_an_error() -> None:
    # PyYAML alone keeps the second entry and drops the first without a word
    with pytest.raises(yaml.YAMLError, match="duplicate key 'cancel'"):
        load_yaml("cancel:\n  talks: [SANCTION]\ncancel:\n  exercise: [RETREAT]\n")
    assert load_yaml("cancel: {talks: 1}\nhalt: {talks: 1}") == {
        "cancel": {"talks": 1},
        "halt": {"talks": 1},
    }
