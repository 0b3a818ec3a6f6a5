"""Each conversation belongs to the channel that made it."""

from __future__ import annotations

import pytest

from bot.channels import AGENT, REST, SMS, WIDGET, scoped_sender


@pytest.mark.parametrize(
    "channel, sender, stored",
    [
        (REST, "resident-abc123", "resident-abc123"),
        (REST, "agent-k3l2q", f"{REST}-agent-k3l2q"),  # a console caller's id, from REST
        (REST, "web-k3l2q", f"{REST}-web-k3l2q"),
        (REST, "sms-k3l2q", f"{REST}-sms-k3l2q"),
        (WIDGET, "web-k3l2q", "web-k3l2q"),
        (WIDGET, "agent-k3l2q", "web-agent-k3l2q"),  # the widget's ids are client-made too
        (AGENT, "agent-k3l2q", "agent-k3l2q"),
        (SMS, "sms-k3l2q", "sms-k3l2q"),
    ],
)
def test_a_conversation_id_is_scoped_to_its_channel(channel, sender, stored):
    assert scoped_sender(channel, sender) == stored
