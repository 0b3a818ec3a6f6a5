"""The patches to Rasa 3.6 (assistant/patches.py): each does its job and changes nothing else."""

from __future__ import annotations

import asyncio
import copy

import pytest
from jsonschema import ValidationError
from rasa.core import tracker_store
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.events import SlotSet as SlotSetEvent
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from assistant import patches
from assistant.run import free_port

patches.apply_all()
DOMAIN = Domain.from_dict(
    {
        "responses": {
            "utter_action_unavailable": [
                {"text": "Sorry, I can't check payments right now. Call 1-877-438-4338."}
            ]
        },
        "actions": ["action_run_check"],
    }
)


def test_the_action_response_is_validated_as_before_with_the_schema_checked_once(monkeypatch):
    action = RemoteAction("action_run_check", None)
    assert action._validate_action_result({"events": [], "responses": []})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})
    calls = []
    validator = patches._action_response_validator()
    monkeypatch.setattr(type(validator), "check_schema", lambda *a: calls.append(a))
    for _ in range(5):
        action._validate_action_result({"events": [], "responses": []})
    assert calls == []  # never again after the first


def test_the_action_timeout_comes_from_the_setting(monkeypatch):
    from rasa.core.actions import action

    monkeypatch.setenv("BOT_ACTION_TIMEOUT_SECONDS", "7")
    patches.action_timeout()
    assert action.DEFAULT_REQUEST_TIMEOUT == 7.0
    monkeypatch.delenv("BOT_ACTION_TIMEOUT_SECONDS")
    patches.action_timeout()


async def test_an_unreachable_action_server_gets_one_apology_per_message():
    endpoint = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")  # nothing listens
    action = RemoteAction("action_run_check", endpoint)
    output = CollectingOutputChannel()
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    tracker = DialogueStateTracker.from_events("resident", [UserUttered("hello")])
    events = await action.run(output, nlg, tracker, DOMAIN)
    assert isinstance(events[0], BotUttered) and "1-877-438-4338" in events[0].text
    tracker.update(events[0])
    assert await action.run(output, nlg, tracker, DOMAIN) == []  # not twice for one message
    tracker.update(UserUttered("again"))
    assert len(await action.run(output, nlg, tracker, DOMAIN)) == 1


class BrokenStore(TrackerStore):
    async def retrieve(self, sender_id):
        raise ConnectionError("database away")

    async def save(self, tracker):
        raise ConnectionError("database away")

    async def keys(self):
        raise ConnectionError("database away")


async def test_a_tracker_store_error_is_raised_not_hidden_in_memory():
    store = FailSafeTrackerStore(BrokenStore(DOMAIN))
    with pytest.raises(ConnectionError):
        await store.retrieve("resident")
    with pytest.raises(ConnectionError):
        await store.save(DialogueStateTracker.from_events("resident", []))
    assert store._fallback_tracker_store is None  # nothing went to memory


def test_postgres_connections_are_tested_before_use():
    assert tracker_store.create_engine_kwargs("postgresql://u@h/db")["pool_pre_ping"] is True
    assert "pool_pre_ping" not in tracker_store.create_engine_kwargs("sqlite:///x.db")


def test_applying_twice_changes_nothing():
    before = RemoteAction.run
    patches.apply_all()
    assert RemoteAction.run is before
    assert asyncio.iscoroutinefunction(RemoteAction.run)


class _NoGraph:
    """A processor whose NLU graph must not run (it raises), with the domain's intents."""

    domain = Domain.from_dict({"intents": ["inform", "check_payment"], "entities": ["choice"]})

    class model_metadata:  # noqa: N801
        nlu_target = "nlu"

    class graph_runner:  # noqa: N801 (stands where MessageProcessor keeps its graph runner)
        @staticmethod
        def run(**_: object) -> None:
            raise AssertionError("the NLU graph ran for a button payload")


def test_a_button_payload_is_read_without_the_nlu_graph():
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    message = UserMessage('/inform{"choice": "Odessa, TX"}', sender_id="s")
    parsed = MessageProcessor._parse_message_with_graph(_NoGraph(), message, None)
    assert parsed["intent"]["name"] == "inform" and parsed["intent"]["confidence"] == 1.0
    assert [(e["entity"], e["value"]) for e in parsed["entities"]] == [("choice", "Odessa, TX")]


@pytest.mark.parametrize("text", ["/not_an_intent", "Odessa, TX"])
def test_other_messages_still_get_the_nlu_graph(text):
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    with pytest.raises(AssertionError, match="NLU graph ran"):
        MessageProcessor._parse_message_with_graph(
            _NoGraph(), UserMessage(text, sender_id="s"), None
        )


def _sqlite_store(path):
    from rasa.core.tracker_store import SQLTrackerStore

    return SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path))


def _texts(tracker):
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


async def test_the_sql_store_saves_only_new_events_and_reads_the_latest_session(tmp_path):
    import sqlite3

    from rasa.shared.core.events import ActionExecuted, SessionStarted

    store = _sqlite_store(tmp_path / "trackers.db")
    await store.save(DialogueStateTracker.from_events("resident", [UserUttered("old session")]))
    tracker = await store.retrieve("resident")  # as Rasa does: read, add, save
    tracker.update(SessionStarted(timestamp=1e10))
    await store.save(tracker)
    tracker = await store.retrieve("resident")  # the new session only, from here on
    tracker.update(ActionExecuted("action_listen", timestamp=1e10 + 1))
    await store.save(tracker)
    tracker.update(UserUttered("Odessa", timestamp=1e10 + 2))
    await store.save(tracker)
    await store.save(tracker)  # nothing new: nothing added

    with sqlite3.connect(tmp_path / "trackers.db") as db:
        rows = db.execute("SELECT type_name, action_name FROM events ORDER BY id").fetchall()
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert rows == [
        ("user", None),
        ("session_started", None),
        ("action", "action_listen"),
        ("user", None),
    ]
    assert _texts(await store.retrieve("resident")) == ["Odessa"]  # the latest session only
    assert _texts(await store.retrieve_full_tracker("resident")) == ["old session", "Odessa"]
    assert await store.retrieve("nobody") is None
    assert set(await store.keys()) == {"resident"}


async def test_the_sql_store_reads_what_rasas_own_code_wrote(tmp_path, monkeypatch):
    store = _sqlite_store(tmp_path / "trackers.db")
    tracker = DialogueStateTracker.from_events("resident", [UserUttered("hello")])
    monkeypatch.setenv("POSTGRESQL_SCHEMA", "public")  # the ORM path, Rasa's own queries
    await store.save(tracker)
    monkeypatch.delenv("POSTGRESQL_SCHEMA")
    tracker.update(UserUttered("Odessa"))
    await store.save(tracker)  # the plain-SQL path counts the ORM's rows
    assert _texts(await store.retrieve("resident")) == ["hello", "Odessa"]


def test_every_event_type_resolves_to_rasas_class():
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
    from rasa.shared.utils.common import all_subclasses

    for name, cls in [("user", UserUttered), ("slot", SlotSet), ("action", ActionExecuted)]:
        assert Event.resolve_by_type(name) is cls
    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name).type_name == cls.type_name
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("not_an_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("not_an_event")


async def test_action_calls_keep_one_connection_and_send_the_same_request():
    from aiohttp import web
    from rasa.utils.endpoints import ClientResponseError

    peers, seen = set(), []

    async def webhook(request):
        peers.add(request.transport.get_extra_info("peername"))
        seen.append((request.headers.get("X-Action-Token"), await request.json()))
        if request.query.get("fail"):
            return web.Response(status=403, text="no")
        return web.json_response({"events": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        endpoint = EndpointConfig(
            f"http://127.0.0.1:{port}/webhook", headers={"X-Action-Token": "secret"}
        )
        for n in range(3):
            assert await endpoint.request(json={"n": n}, method="post", timeout=5) == {"events": []}
        with pytest.raises(ClientResponseError):
            await endpoint.request(json={"n": 3}, method="post", params={"fail": "1"})
    finally:
        await runner.cleanup()
    assert seen == [("secret", {"n": n}) for n in range(4)]
    assert len(peers) == 1  # one connection for all four calls


def test_features_are_combined_into_the_same_matrices():
    import numpy as np
    import scipy.sparse
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.nlu.training_data.message import Message

    first = scipy.sparse.coo_matrix(np.array([[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]]))
    second = scipy.sparse.coo_matrix(np.array([[0.0, 3.0, 0.0], [4.0, 0.0, 0.0], [0.0, 0, 5]]))
    sparse = [
        Features(first, "sequence", "text", "CountVectorsFeaturizer"),
        Features(second, "sequence", "text", "RegexFeaturizer"),
    ]
    combined = Message._combine_features(sparse, ["a", "b"])
    expected = scipy.sparse.hstack([first, second])
    assert combined.features.format == "coo" and combined.origin == ["a", "b"]
    assert (combined.features.toarray() == expected.toarray()).all()
    alone = Message._combine_features(sparse[:1], [])
    assert alone.features is not first and (alone.features.toarray() == first.toarray()).all()
    dense = [
        Features(np.ones((1, 2)), "sentence", "text", "x"),
        Features(np.zeros((1, 3)), "sentence", "text", "y"),
    ]
    assert Message._combine_features(dense, []).features.tolist() == [[1, 1, 0, 0, 0]]
    with pytest.raises(ValueError, match="sequence dimensions do not match"):
        Message._combine_features(
            [sparse[0], Features(scipy.sparse.coo_matrix((2, 2)), "sequence", "text", "z")], []
        )
    with pytest.raises(ValueError, match="Cannot combine sparse and dense"):
        Message._combine_features([sparse[0], dense[0]], [])
    assert Message._combine_features([], []) is None


class _SlowGraph:
    """A processor whose NLU graph takes 50 ms of a thread, noting where and how many at once."""

    http_interpreter = None

    def __init__(self):
        import threading

        self.threads, self.busy, self.most, self.lock = set(), 0, 0, threading.Lock()

    def _parse_message_with_graph(self, message, tracker, only_output_properties=True):
        import threading
        import time

        with self.lock:
            self.busy += 1
            self.most = max(self.most, self.busy)
        self.threads.add(threading.current_thread().name)
        time.sleep(0.05)
        with self.lock:
            self.busy -= 1
        return {"text": message.text, "intent": {"name": "greet"}, "entities": []}

    def _update_full_retrieval_intent(self, parsed):
        pass

    def _check_for_unseen_features(self, parsed):
        pass


async def test_the_nlu_runs_beside_the_event_loop_one_message_at_a_time():
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    graph, ticks = _SlowGraph(), []

    async def ticking():
        for _ in range(10):
            ticks.append(graph.busy)  # how many messages were in the graph at this tick
            await asyncio.sleep(0.01)

    parses = [
        MessageProcessor.parse_message(graph, UserMessage(f"hi {n}", sender_id=str(n)))
        for n in range(3)
    ]
    *parsed, _ = await asyncio.gather(*parses, ticking())
    assert [p["text"] for p in parsed] == ["hi 0", "hi 1", "hi 2"]
    assert graph.threads and all(name.startswith("nlu") for name in graph.threads)
    assert graph.most == 1  # never two messages in the graph at once
    assert sum(ticks) >= 5  # the loop went on while the graph worked


async def test_a_read_tracker_is_saved_without_counting_and_a_copy_counts(tmp_path, monkeypatch):
    from assistant import sql_events

    store = _sqlite_store(tmp_path / "trackers.db")
    await store.save(DialogueStateTracker.from_events("resident", [UserUttered("hello")]))
    counted = []
    count = sql_events.stored_count
    monkeypatch.setattr(sql_events, "stored_count", lambda *a: counted.append(a[1]) or count(*a))
    tracker = await store.retrieve("resident")
    tracker.update(UserUttered("Odessa"))
    await store.save(tracker)
    tracker.update(UserUttered("online"))
    await store.save(tracker)
    assert counted == []  # it knew what was stored
    copy_of = copy.deepcopy(tracker)  # carries the note, but is another tracker: it counts
    copy_of.update(UserUttered("yesterday"))
    await store.save(copy_of)
    assert counted == ["resident"]
    full = await store.retrieve_full_tracker("resident")  # all sessions: no note
    assert sql_events.known_stored(full) is None
    assert _texts(await store.retrieve("resident")) == ["hello", "Odessa", "online", "yesterday"]


def test_a_button_payload_is_not_taken_for_a_slot(capsys):
    from rasa.core.nlg import interpolator

    response = {
        "text": "How did you pay for {city}?",
        "buttons": [{"title": "By phone", "payload": '/inform{"choice": "by phone"}'}],
    }
    filled = interpolator.interpolate(copy.deepcopy(response), {"city": "Odessa"})
    assert filled["text"] == "How did you pay for Odessa?"
    assert filled["buttons"] == response["buttons"]
    assert "interpolator.interpolate.text" not in capsys.readouterr().out  # no error, no traceback
    assert interpolator.interpolate_text("Hi {nobody}", {"city": "Odessa"}) == "Hi {nobody}"
    assert "interpolator.interpolate.text" in capsys.readouterr().out  # a slot's name: as before


def test_blas_runs_on_the_calling_thread():
    from threadpoolctl import threadpool_info

    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)


@pytest.fixture
def fresh_breaker(monkeypatch):
    monkeypatch.setattr(patches, "ACTION_BREAKER", patches.ActionBreaker())
    return patches.ACTION_BREAKER


def test_after_a_failure_calls_wait_briefly_until_one_succeeds():
    now = [0.0]
    breaker = patches.ActionBreaker(clock=lambda: now[0])
    assert breaker.timeout(20.0) == 20.0
    breaker.failed()
    assert breaker.timeout(20.0) == patches.TIMEOUT_AFTER_FAILURE
    now[0] += patches.BREAKER_SECONDS + 1
    assert breaker.timeout(20.0) == 20.0  # long after the failure: the full timeout again
    breaker.failed()
    breaker.succeeded()
    assert breaker.timeout(20.0) == 20.0  # the server answered: the full timeout again


async def _server(handler):
    from aiohttp import web

    app = web.Application()
    app.router.add_post("/webhook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}/webhook"


async def test_once_a_turn_has_its_apology_no_other_action_is_tried(fresh_breaker):
    from aiohttp import web

    calls = []

    async def webhook(request):
        calls.append(await request.json())
        return web.json_response({"events": [], "responses": []})

    runner, url = await _server(webhook)
    try:
        action = RemoteAction("action_run_check", EndpointConfig(url))
        output = CollectingOutputChannel()
        nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
        apology = BotUttered("Sorry", metadata={patches.APOLOGY: True})
        tracker = DialogueStateTracker.from_events("resident", [UserUttered("hi"), apology])
        assert await action.run(output, nlg, tracker, DOMAIN) == []
        assert calls == []  # a hung server would have cost this action the full timeout again
        tracker.update(UserUttered("again"))
        await action.run(output, nlg, tracker, DOMAIN)
        assert len(calls) == 1  # the next message tries again
    finally:
        await runner.cleanup()


async def test_a_timed_out_call_makes_the_next_calls_wait_briefly(fresh_breaker, monkeypatch):
    from aiohttp import web

    async def hangs(request):
        await asyncio.sleep(2)
        return web.json_response({"events": []})

    runner, url = await _server(hangs)
    monkeypatch.setitem(patches.ACTION_TIMEOUT, "seconds", 0.5)
    try:
        action = RemoteAction("action_run_check", EndpointConfig(url))
        nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
        tracker = DialogueStateTracker.from_events("resident", [UserUttered("hi")])
        events = await action.run(CollectingOutputChannel(), nlg, tracker, DOMAIN)
        assert "1-877-438-4338" in events[0].text
        assert fresh_breaker.timeout(20.0) == patches.TIMEOUT_AFTER_FAILURE
    finally:
        await runner.cleanup()


async def test_a_connection_closed_under_the_request_is_sent_again():
    from aiohttp import web

    attempts = []

    async def closes_first(request):
        attempts.append(await request.json())
        if len(attempts) == 1:
            request.transport.close()  # as a busy server drops a kept-alive connection
            await asyncio.sleep(0.1)
        return web.json_response({"events": []})

    runner, url = await _server(closes_first)
    try:
        endpoint = EndpointConfig(url)
        assert await endpoint.request(json={"n": 1}, method="post", timeout=5) == {"events": []}
    finally:
        await runner.cleanup()
    assert attempts == [{"n": 1}, {"n": 1}]


def test_a_slash_message_rasa_cannot_read_is_not_written_to_the_log(recwarn, caplog):
    from rasa.shared.utils import io

    io.raise_warning("Failed to parse arguments in line '/pin 4321'. Expected ...")
    assert not [w for w in recwarn if "4321" in str(w.message)]
    assert "4321" not in caplog.text
    with pytest.warns(UserWarning, match="something else"):
        io.raise_warning("something else")


LANGUAGE_DOMAIN = Domain.from_dict(
    {
        "intents": ["greet", "check_payment"],
        "slots": {
            "language": {
                "type": "categorical",
                "values": ["en", "es"],
                "influence_conversation": False,
                "mappings": [{"type": "custom"}],
            }
        },
        "responses": {
            "utter_after_check": [
                {
                    "text": 'You can check another payment, ask a question, or say "start over".',
                    "buttons": [{"title": "Start over", "payload": "/start_over"}],
                },
            ]
        },
    }
)


class _Processor:
    """The part of Rasa's MessageProcessor the language patch wraps."""

    domain = LANGUAGE_DOMAIN

    def __init__(self) -> None:
        self.seen = []

    async def parse_message(self, message, tracker):
        self.seen.append((message.metadata, None))
        return {"intent": {"name": "check_payment", "confidence": 1.0}, "entities": []}


@pytest.mark.parametrize(
    "events, metadata, text, language",
    [
        ([], None, "¿Se vio afectado mi pago?", "es"),
        ([], None, "was my payment affected?", "en"),
        ([], {"language": "es"}, "hello there", "es"),  # the widget's data-lang="es"
        ([SlotSetEvent("language", "es")], None, "ok", "es"),  # kept for the conversation
    ],
)
async def test_the_conversation_language_is_set_before_the_message_is_read(
    events, metadata, text, language
):
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    processor = _Processor()
    handle = MessageProcessor._handle_message_with_tracker  # the patched one
    tracker = DialogueStateTracker.from_events("resident", events, slots=LANGUAGE_DOMAIN.slots)
    await handle(processor, UserMessage(text, metadata=metadata), tracker)
    assert tracker.get_slot("language") == language
    (seen_metadata, parse_data), *_ = processor.seen
    assert seen_metadata["language"] == language and parse_data is None


async def test_a_typed_switch_is_greeted_in_the_new_language():
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor

    processor = _Processor()
    tracker = DialogueStateTracker.from_events(
        "resident", [SlotSetEvent("language", "en")], slots=LANGUAGE_DOMAIN.slots
    )
    await MessageProcessor._handle_message_with_tracker(processor, UserMessage("Español"), tracker)
    assert tracker.get_slot("language") == "es"
    assert processor.seen == []  # not read by the NLU: a greeting
    assert tracker.latest_message.intent["name"] == "greet"


async def test_fixed_replies_are_said_in_the_conversation_language():
    nlg = TemplatedNaturalLanguageGenerator(LANGUAGE_DOMAIN.responses)
    english = DialogueStateTracker.from_events("a", [], slots=LANGUAGE_DOMAIN.slots)
    spanish = DialogueStateTracker.from_events(
        "b", [SlotSetEvent("language", "es")], slots=LANGUAGE_DOMAIN.slots
    )
    said = await nlg.generate("utter_after_check", english, "rest")
    assert said["text"].startswith("You can check another payment")
    dicho = await nlg.generate("utter_after_check", spanish, "rest")
    assert not dicho["text"].startswith("You can") and dicho["text"]
    assert dicho["buttons"][0]["payload"] == "/start_over"  # what the button does: unchanged
    assert dicho["buttons"][0]["title"] != "Start over"
