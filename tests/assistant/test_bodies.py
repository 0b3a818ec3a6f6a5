"""Request bodies that are not a JSON object are read as {} (a 400 follows), never a 500."""

from __future__ import annotations

import pytest

from assistant.channels.bodies import json_object


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 1000 + b"]" * 1000,  # nested too deep for the decoder
        b'{"a":' * 1000 + b"1" + b"}" * 1000,
        b"[1, 2, 3]",
        b'"a string"',
        b"42",
        b"not json",
        b"\xff\xfe",
        b"",
    ],
)
def test_anything_but_an_object_is_an_empty_object(raw):
    assert json_object(raw) == {}


def test_an_object_is_read():
    assert json_object(b'{"sender": "web-abcdefgh", "message": "hi"}') == {
        "sender": "web-abcdefgh",
        "message": "hi",
    }
