"""Structured logging: one JSON object per line, with an event name and plain fields.

Only ids, controlled words and numbers go into fields (a verdict, a city id, a slot name): never
what a resident typed, never a phone number or a card number.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from typing import Any, Optional, TextIO

LOGGERS = ("bot", "actions", "assistant")
_FIELDS = "fields"


class JsonFormatter(logging.Formatter):
    """{"time": ..., "level": ..., "logger": ..., "event": ..., <fields>}."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
            **getattr(record, _FIELDS, {}),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(entry, default=str)


def log_event(logger: logging.Logger, event: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log an event with fields: `log_event(log, "check.done", verdict="affected")`."""
    logger.log(level, event, extra={_FIELDS: fields})


def configure_logging(level: int = logging.INFO, stream: Optional[TextIO] = None) -> None:
    """Send the project's loggers to one JSON-lines handler (idempotent)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [h for h in logger.handlers if not isinstance(h.formatter, JsonFormatter)]
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
