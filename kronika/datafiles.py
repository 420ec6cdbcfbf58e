"""Reading kronika's packaged data files (``kronika/data/``): one place that knows where
they live and what a broken one looks like."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import yaml


class _WordLoader(yaml.SafeLoader):
    """YAML as YAML 1.2 reads it: only ``true`` and ``false`` are booleans, and a key may
    appear once in a mapping. The data files are word lists, and YAML 1.1 would read the
    words "no", "on", "off" and "yes" as booleans; PyYAML would also let a second entry for
    one word silently replace the first."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    """Parse one of kronika's YAML data files (see :class:`_WordLoader`)."""
    return yaml.load(text, Loader=_WordLoader)  # a SafeLoader subclass: no arbitrary objects


def read_mapping(language: str, filename: str) -> dict[str, Any]:
    """The YAML mapping in ``kronika/data/<language>/<filename>``; a clear error naming the
    file when it holds anything else."""
    path = resources.files("kronika").joinpath("data", language, filename)
    data = load_yaml(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"kronika/data/{language}/{filename}: expected a mapping")
    return data
