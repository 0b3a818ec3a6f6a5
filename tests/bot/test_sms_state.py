"""What the SMS channel keeps between messages: by hashed number, in SQL, across restarts."""

from __future__ import annotations

from bot.knowledge.store import make_engine
from bot.sms_state import SmsState, sender_id

SECRET = "a-secret-of-at-least-thirty-two-characters"


def test_the_sender_id_hides_the_number_and_is_stable():
    one = sender_id("+1 (555) 555-0100", SECRET)
    assert one == sender_id("5555550100", SECRET) == sender_id("+15555550100", SECRET)
    assert "5555550100" not in one and one.startswith("sms-")
    assert one != sender_id("+15555550100", SECRET + "x")
    assert one != sender_id("+15555550101", SECRET)


def test_opt_out_survives_a_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'sms.db'}"
    sender = sender_id("+15555550100", SECRET)
    SmsState(make_engine(url)).set_opted_out(sender, True)
    restarted = SmsState(make_engine(url))  # a new process reads the same database
    assert restarted.opted_out(sender) is True
    restarted.set_opted_out(sender, False)
    assert SmsState(make_engine(url)).opted_out(sender) is False
    stored = (tmp_path / "sms.db").read_bytes()
    assert b"5555550100" not in stored


def test_pages_behind_more_and_choices(tmp_path):
    state = SmsState(make_engine(f"sqlite:///{tmp_path / 'sms.db'}"))
    state.remember("sms-x", ["page 2", "page 3"], ["/check_another", "/start_over"])
    assert state.choices("sms-x") == ["/check_another", "/start_over"]
    assert [state.next_page("sms-x") for _ in range(3)] == ["page 2", "page 3", None]
    assert state.choices("sms-other") == [] and state.next_page("sms-other") is None


def test_a_reply_is_remembered_by_message(tmp_path):
    state = SmsState(make_engine(f"sqlite:///{tmp_path / 'sms.db'}"))
    assert state.reply_to("SM1") is None
    state.remember_reply("SM1", "<Response/>")
    assert state.reply_to("SM1") == "<Response/>"
