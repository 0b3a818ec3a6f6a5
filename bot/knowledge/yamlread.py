"""Read YAML into plain values while remembering the line of every field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Tuple

import yaml

Path_ = Tuple[Any, ...]
Lines = Dict[Path_, int]


class YamlSyntaxError(ValueError):
    """The file is not valid YAML."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _scalar(node: yaml.ScalarNode) -> Any:
    """Turn a scalar into None, bool, int, float or str. Dates stay strings: the validator parses them."""
    tag = node.tag.rsplit(":", 1)[-1]
    text = node.value
    if tag == "null":
        return None
    if tag == "bool":
        return text.lower() in ("true", "yes", "on")
    if tag == "int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == "float":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def _convert(node: yaml.Node, path: Path_, lines: Lines) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: Dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


def read_yaml(path: Path) -> Tuple[Any, Lines]:
    """Parse one YAML file; return its value and a map from field path to line number (1-based)."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, str(error.problem or error)) from None
    lines: Lines = {}
    if node is None:
        return None, {(): 1}
    return _convert(node, (), lines), lines
