"""`python -m assistant.action_server --port 5055`: the rasa_sdk action server, locked down.

- It listens on BOT_ACTION_HOST, 127.0.0.1 by default (rasa_sdk's own default is 0.0.0.0).
- With BOT_ACTION_TOKEN set, /webhook and /actions answer only requests carrying it in the
  X-Action-Token header (Rasa sends it: endpoints*.yml); /health stays open for load balancers.
  Listening on any other address than loopback without a token is refused at start.
- No CORS (only Rasa calls it), and an error answers {"error": ...} without echoing the request
  (rasa_sdk's handler sends the whole tracker back).
"""

from __future__ import annotations

import argparse
import hmac
import logging
import sys
from typing import Any, Optional

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import response
from sanic.request import Request

from bot.logs import log_event
from bot.settings import load_settings

log = logging.getLogger(__name__)
HEADER = "X-Action-Token"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
OPEN = ("/health",)


def build_app(token: str, package: str = "actions") -> Any:
    app = create_app(package, cors_origins=None)

    @app.middleware("request")
    async def require_token(request: Request) -> Optional[Any]:
        if not token or request.path in OPEN:
            return None
        given = request.headers.get(HEADER, "")
        if hmac.compare_digest(given.encode(), token.encode()):
            return None
        log_event(log, "actions.refused", logging.WARNING, path=request.path)
        return response.json({"error": "unauthorised"}, status=401)

    async def no_echo(request: Request, exception: Exception) -> Any:
        log_event(log, "actions.error", logging.ERROR, error=type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=500)

    app.error_handler.add(Exception, no_echo)
    return app


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    settings = load_settings()
    host, token = settings.action_host, settings.action_token
    if host not in LOOPBACK and not token:
        print(
            f"Refusing to listen on {host} without BOT_ACTION_TOKEN: anyone who can reach the "
            "action server could run its actions. Set a token (Rasa sends it) or use 127.0.0.1.",
            file=sys.stderr,
        )
        return 2
    app = build_app(token, args.actions)
    log_event(log, "actions.listening", host=host, port=args.port, token=bool(token))
    app.run(host, args.port, workers=utils.number_of_sanic_workers(), access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
