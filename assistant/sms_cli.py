"""`python -m bot sms "message" --from +15555550100`: sign a webhook as the SMS provider would,
post it to the running assistant, and print the reply with its segment count."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html import unescape
from typing import List, TextIO

from twilio.request_validator import RequestValidator

from bot.settings import Settings
from bot.textmessage import is_gsm, segments, septets

PATH = "/webhooks/sms/webhook"


def replies(twiml: str) -> List[str]:
    return [unescape(m) for m in re.findall(r"<Message>(.*?)</Message>", twiml, re.S)]


def send(settings: Settings, url: str, message: str, number: str, to: str, out: TextIO) -> int:
    if not settings.sms_auth_token:
        print("Set BOT_SMS_AUTH_TOKEN (and BOT_SMS_SENDER_SECRET) in .env first.", file=out)
        return 2
    address = url.rstrip("/") + PATH
    signed_for = settings.sms_public_url or address
    params = {"From": number, "To": to, "Body": message, "MessageSid": f"SM{uuid.uuid4().hex}"}
    signature = RequestValidator(settings.sms_auth_token).compute_signature(signed_for, params)
    request = urllib.request.Request(
        address,
        data=urllib.parse.urlencode(params).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            texts = replies(reply.read().decode())
    except urllib.error.HTTPError as error:
        print(f"The assistant answered HTTP {error.code}: {error.read().decode()[:200]}", file=out)
        return 1
    except OSError as error:
        print(f"No assistant at {url} ({error}); start it with `make run`.", file=out)
        return 1
    if not texts:
        print("(no reply: the number has opted out, or nothing was due)", file=out)
    for text in texts:
        encoding = "GSM-7" if is_gsm(text) else "UCS-2"
        print(text, file=out)
        print(f"-- {septets(text)} characters, {segments(text)} segment(s), {encoding}", file=out)
    return 0
