"""Read YAML into plain values while remembering the line of every field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Tuple

import yaml

Path_ = Tuple[Any, ...]
MERGE = "tag:yaml.org,2002:merge"
Lines = Dict[Path_, int]


# What the YAML parser's messages mean, in words city staff can act on.
HINTS = (
    (
        "mapping values are not allowed",
        "a value holds ': ' (a colon and a space): put the whole value in double quotes",
    ),
    (
        "could not find expected ':'",
        "a line has no colon after its key, or its indentation differs from the lines around it",
    ),
    ("found character '\\t'", "a tab is used for indenting: indent with spaces only"),
    ("expected ',' or ']'", "a list in [brackets] is not closed with ]"),
    ("expected ',' or '}'", "a mapping in {braces} is not closed with }"),
    ("found undefined alias", "an *alias is used before its &anchor, or its name is misspelt"),
    (
        "did not find expected key",
        "the indentation is off: the keys of one block must start in the same column",
    ),
    ("did not find expected '-' indicator", "a list item's dash is not lined up with the others"),
    (
        "quoted scalar",
        'a quoted text is not closed: a " is missing, or a " inside double '
        'quotes needs to be written \\"',
    ),
    ("found unexpected end of stream", "a quoted text is not closed: a \" or ' is missing"),
)


class YamlSyntaxError(ValueError):
    """The file is not valid YAML."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line

    @property
    def explained(self) -> str:
        """The problem in plain words, with the likely fix."""
        message = str(self)
        for fragment, hint in HINTS:
            if fragment in message:
                return f"not valid YAML near this line: {hint}"
        return f"not valid YAML near this line ({message})"


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
            if key_node.tag == MERGE:  # `<<: *anchor`: the anchor's fields, unless written here
                merged = _convert(value_node, path, {})
                for part in merged if isinstance(merged, list) else [merged]:
                    for key, value in (part if isinstance(part, dict) else {}).items():
                        result.setdefault(key, value)
                        lines.setdefault(path + (key,), key_node.start_mark.line + 1)
                continue
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
        raise YamlSyntaxError(
            line, f"{error.context or ''} {error.problem or error}".strip()
        ) from None
    lines: Lines = {}
    if node is None:
        return None, {(): 1}
    return _convert(node, (), lines), lines
