"""Reading a request's JSON body the same safe way on every endpoint."""

from __future__ import annotations

import json
from typing import Any, Dict


def json_object(raw: bytes) -> Dict[str, Any]:
    """The body as a JSON object; {} for anything else: not UTF-8, not JSON, nested too deep to
    read (a 1,000-deep array), or a list, string or number instead of an object. The endpoint
    then answers 400 with what it expects, never a 500."""
    try:
        body = json.loads((raw or b"{}").decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return body if isinstance(body, dict) else {}
