"""Reading kronika's packaged data files (``kronika/data/``): one place that knows where
they live and what a broken one looks like."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def read_mapping(language: str, filename: str) -> dict[str, Any]:
    """The YAML mapping in ``kronika/data/<language>/<filename>``; a clear error naming the
    file when it holds anything else."""
    path = resources.files("kronika").joinpath("data", language, filename)
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"kronika/data/{language}/{filename}: expected a mapping")
    return data
