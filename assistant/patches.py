"""Documented patches to Rasa 3.6 open source, applied in the Rasa server process only
(`python -m assistant.rasa_server`, which `bot serve` and the tests start instead of `rasa`).

Each replaces one hook with a version that does the same job without a known cost or trap; each
is tested in tests/assistant/test_patches.py:

1. cached_action_validation: `RemoteAction._validate_action_result` called `jsonschema.validate()`,
   which checks the fixed action-response schema against its meta-schema on every call (about
   half of the server's CPU under load). The schema is checked once and its validator reused;
   results are validated exactly as before (same errors, same message).
2. action_timeout: the action call waited 300 s (`DEFAULT_REQUEST_TIMEOUT`) while a conversation's
   lock lives 60 s; it now waits BOT_ACTION_TIMEOUT_SECONDS (20).
3. action_failure_apology: when the action server is down, slow or failing, Rasa logged the error
   and the resident got an empty reply. Now the resident gets `utter_action_unavailable` (with a
   number to call), once per message, and the turn's other actions are not tried (a hung action
   server cost each of them the full timeout: 60 s, past Sanic's response timeout, a 503 and no
   text). For 30 s after a failure a call waits 3 s at most (`ActionBreaker`), so later residents
   get the apology at once while a recovered server answers them as before. A rejection (a form
   answer not understood) is untouched.
4. tracker_store_errors_are_errors: `FailSafeTrackerStore` answered a database error by reading an
   empty tracker and saving into memory: with several instances, conversations forked without a
   word. Now the error goes up to the channel, which apologises; nothing is saved elsewhere.
5. postgres_pool_pre_ping: pooled PostgreSQL connections are tested before use, so the first turn
   after a database restart works instead of failing on a dead connection.
6. redact_every_message: `MessageProcessor.log_message` is where every user message enters a
   conversation (every channel, and the HTTP API's POST /conversations/<id>/messages, which no
   channel sees). The text and the sender id are redacted there too (bot/redaction.py).
7. button_payloads_skip_the_nlu: a button's payload ("/inform{...}") ran the whole NLU graph
   (tokenizers, the sentence encoder, DIET, the gate) only for the graph's last step,
   `RegexMessageHandler`, to replace the prediction with the payload's intent and entities. The
   payload now goes to that step alone; a "/..." that names no intent of the domain still gets
   the whole graph.
8. lean_sql_tracker_store: `SQLTrackerStore` read and saved a conversation through ORM queries
   rebuilt on every call (SQLAlchemy's cache-key computation was a tenth of the server's CPU) and
   one ORM object per event. The same queries on the same table now run as plain SQL prepared
   once (assistant/sql_events.py), the new events go in one INSERT, and a SQLite file keeps its
   connections open and uses the write-ahead log. A tracker read or saved here remembers how
   many of its events are stored, so its next save needs no count. With POSTGRESQL_SCHEMA set
   (a schema check per session) Rasa's own code runs.
9. cached_event_types: every stored event read back looked its class up by walking every
   subclass of `Event` (and asking `inspect.isabstract` of each). The classes are the same for
   the life of the process: the lookup is built once and rebuilt only for a name it lacks.
10. kept_alive_action_calls: `EndpointConfig.request` opened a new HTTP session, and with it a
   new TCP connection to the action server, for every action (two or three per message). Each
   endpoint now keeps one session per event loop and its connections alive; a request sends the
   same headers, parameters and body (its JSON written by ujson, which Sanic already brings), with
   the same timeout, and fails the same way. A request on a connection the action server had
   just closed (under a burst: "Cannot write to closing transport", an apology although the
   server was up) is sent again on a new one, twice at most.
11. one_step_feature_combination: `Message._combine_features` deep-copied the first featurizer's
   matrix and then called scipy's general `hstack` once per further featurizer (DIET asks for
   every message's features twice: a fifth of DIET's time). The featurizers' matrices are now
   joined in one step, into the same matrix (same entries, order, shape and type), and a lone
   matrix is copied instead of deep-copied.
12. nlu_beside_the_event_loop: the NLU graph ran on the event loop, so while the sentence encoder
   and DIET computed (native code that lets go of Python's lock) no other resident's turn could
   move. The graph now runs on one worker thread of its own (one at a time, as before: its
   components are never used by two messages at once) while the loop goes on with the others.
13. diet_scores_in_numpy: calling DIET's TensorFlow graph for one message (building its model
   data, checking and converting the inputs against the graph's signature) cost more than the
   arithmetic and held Python's lock throughout: the most expensive step of a turn after the
   sentence encoder. For a DIET without transformer layers the intent scores depend on the
   sentence features alone; they are now computed from the same weights in numpy
   (assistant/nlu/diet_numpy.py), equal to TensorFlow's to float precision. Any other DIET, or a
   request for diagnostic data, still goes through TensorFlow.
14. json_payloads_are_not_placeholders: Rasa fills slot values into every string of a response,
   buttons' payloads included, and reads the JSON of a payload (`/inform{"choice": "by phone"}`)
   as a placeholder named `"choice": "by phone"`: it logged an error with a traceback for each
   button (six for the method question, a twentieth of the server's time) and returned the
   string unchanged. Such a string is now returned unchanged without the error; a placeholder
   that could be a slot's name is filled, or logged when unknown, exactly as before.
15. form_questions_asked_here: the form's `action_ask_<slot>` was a custom action, an HTTP call to
   the action server (the whole conversation sent, read and answered) on three turns of every
   check, only to pick a question. The Rasa server now asks it itself (assistant/local_actions.py):
   the same message and buttons, the open choice when there is one, else `utter_ask_<slot>`.
16. one_blas_thread: numpy's OpenBLAS started a second thread for the small products of a
   message's features and then kept it spinning for the next: a third of the server's CPU
   (18.6 ms a message instead of 13.1 at 8 residents) on a machine whose other core serves the
   rest of the turn. BLAS now runs on the calling thread (threadpoolctl, as scikit-learn does).
17. payload_warnings_without_the_text: a message starting with "/" that names no intent made
   Rasa's payload reader warn "Failed to parse arguments in line '<the message>'" on stderr
   (rasa.out): what a resident typed, in a log. The warning is now logged as an event without
   the text; every other warning is raised as before.
18. conversation_language: Rasa has no notion of a conversation's language. Before a message is
   read, the `language` slot is set (bot/language.py, language_after): what the channel states
   in the message's metadata (the widget's data-lang, the console's switch, an SMS number's
   ESPAÑOL), a switch the resident types ("español"), the language already set, else what the
   first message of two words or more reads as. The message's metadata carries it too, so the
   NLU (assistant/nlu/) and the actions read the message in it. A typed switch alone is answered
   as a greeting, in the new language.
19. replies_in_the_conversation_language: every response of domain.yml (each channel's variation:
   its text and its buttons' titles) is said in the conversation's language, from the catalog
   (bot/i18n.py, bot/locale/): domain.yml keeps the English, which is the catalog's key.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import time
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional

import numpy as np

from bot.logs import log_event

log = logging.getLogger(__name__)
APPLIED: List[str] = []
APOLOGY = "utter_action_unavailable"
DEFAULT_ACTION_TIMEOUT = 20.0
KEEP_ALIVE_SECONDS = 3.0
# After an action call timed out, calls wait this long at most for BREAKER_SECONDS: a hung action
# server costs each later resident a few seconds, not the full timeout, and one that recovers is
# used again at once (a healthy call takes milliseconds).
TIMEOUT_AFTER_FAILURE = 3.0
ACTION_TIMEOUT: Dict[str, float] = {}  # the configured timeout (action_timeout)
BREAKER_SECONDS = 30.0
# A connection the action server closed as it was reused ("Cannot write to closing transport"):
# the request never reached it, so it is sent again, on a new connection, this many times.
CONNECTION_RETRIES = 2


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)  # once, instead of on every call
    return cls(spec)


def cached_action_validation() -> None:
    from jsonschema import ValidationError
    from rasa.core.actions import action

    def validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
        try:
            _action_response_validator().validate(result)
            return True
        except ValidationError as error:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response "
                "from the Action endpoint is valid. For more information about the format visit "
                f"{action.DOCS_BASE_URL}/custom-actions"
            )
            raise error

    action.RemoteAction._validate_action_result = validate_action_result


def action_timeout() -> None:
    from rasa.core.actions import action

    seconds = float(os.environ.get("BOT_ACTION_TIMEOUT_SECONDS") or DEFAULT_ACTION_TIMEOUT)
    ACTION_TIMEOUT["seconds"] = seconds
    action.DEFAULT_REQUEST_TIMEOUT = seconds  # read by RemoteAction.run at call time


def _apologised(tracker: Any) -> bool:
    """Whether this message already got the apology (several actions may fail in one turn)."""
    from rasa.shared.core.events import BotUttered, UserUttered

    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and (event.metadata or {}).get(APOLOGY):
            return True
    return False


class ActionBreaker:
    """How long the next action call may wait: the full timeout, or (for BREAKER_SECONDS after a
    call failed) TIMEOUT_AFTER_FAILURE, until a call succeeds again."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._failed_at: Optional[float] = None

    def timeout(self, full: float) -> float:
        if self._failed_at is not None and self._clock() - self._failed_at < BREAKER_SECONDS:
            return min(full, TIMEOUT_AFTER_FAILURE)
        return full

    def failed(self) -> None:
        self._failed_at = self._clock()

    def succeeded(self) -> None:
        self._failed_at = None


ACTION_BREAKER = ActionBreaker()


def action_failure_apology() -> None:
    from rasa.core.actions import action
    from rasa.shared.core.events import BotUttered
    from rasa.shared.exceptions import RasaException

    run: Callable = action.RemoteAction.run

    async def run_or_apologise(
        self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> List[Any]:
        if _apologised(tracker):  # an action of this turn failed: the others are not tried
            log_event(log, "action.skipped", action=self.name())
            return []
        full = ACTION_TIMEOUT.get("seconds", DEFAULT_ACTION_TIMEOUT)
        action.DEFAULT_REQUEST_TIMEOUT = ACTION_BREAKER.timeout(full)
        try:
            events = await run(self, output_channel, nlg, tracker, domain)
            ACTION_BREAKER.succeeded()
            return events
        except action.ActionExecutionRejection:
            raise
        except (RasaException, asyncio.TimeoutError) as error:  # down, failing, or too slow
            ACTION_BREAKER.failed()
            log_event(
                log, "action.failed", logging.ERROR, action=self.name(), error=type(error).__name__
            )
            reply = await nlg.generate(APOLOGY, tracker, output_channel.name())
            text = (reply or {}).get("text") or "Sorry, something went wrong. Try again later."
            return [BotUttered(text, metadata={APOLOGY: True})]  # Rasa sends it to the channel

    action.RemoteAction.run = run_or_apologise


def tracker_store_errors_are_errors() -> None:
    from rasa.core import tracker_store

    def raise_it(self: Any, error: Exception) -> None:
        log_event(log, "tracker_store.failed", logging.ERROR, error=type(error).__name__)
        raise error

    tracker_store.FailSafeTrackerStore.on_tracker_store_error = raise_it
    tracker_store.FailSafeTrackerStore.on_tracker_store_retrieve_error = raise_it


def postgres_pool_pre_ping() -> None:
    from rasa.core import tracker_store

    make_kwargs = tracker_store.create_engine_kwargs

    def with_pre_ping(url: Any) -> Dict[str, Any]:
        kwargs = make_kwargs(url)
        if tracker_store.is_postgresql_url(url):
            kwargs["pool_pre_ping"] = True
        return kwargs

    tracker_store.create_engine_kwargs = with_pre_ping


def redact_every_message() -> None:
    from rasa.core.processor import MessageProcessor

    from bot.redaction import redact, safe_sender_id

    log_message: Callable = MessageProcessor.log_message
    # Conversations (of Rasa's own API: the channels remember it themselves) whose last message
    # ended with part of a card number; a flag, no digits, and a bounded number of them.
    fragments: OrderedDict[str, bool] = OrderedDict()

    async def log_redacted(self: Any, message: Any, should_save_tracker: bool = True) -> Any:
        message.sender_id = safe_sender_id(str(message.sender_id))
        if message.text:
            cleaned = redact(message.text, fragments.pop(message.sender_id, False))
            message.text = cleaned.text
            if cleaned.ends_in_fragment:
                fragments[message.sender_id] = True
                while len(fragments) > 10_000:
                    fragments.popitem(last=False)
        return await log_message(self, message, should_save_tracker)

    MessageProcessor.log_message = log_redacted


def payload_warnings_without_the_text() -> None:
    from rasa.shared.utils import io

    raise_warning: Callable = io.raise_warning

    def without_the_text(message: str, *args: Any, **kwargs: Any) -> None:
        if message.startswith("Failed to parse arguments in line"):
            # the line is what a resident typed after "/": it is never written to a log
            log_event(log, "message.payload_not_understood")
            return
        raise_warning(message, *args, **kwargs)

    io.raise_warning = without_the_text


def button_payloads_skip_the_nlu() -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
    from rasa.shared.nlu.constants import (
        ENTITIES,
        INTENT,
        INTENT_NAME_KEY,
        PREDICTED_CONFIDENCE_KEY,
        TEXT,
    )
    from rasa.shared.nlu.training_data.message import Message

    parse_with_graph: Callable = MessageProcessor._parse_message_with_graph
    handler = RegexMessageHandler()

    def parse(self: Any, message: Any, tracker: Any, only_output_properties: bool = True) -> Any:
        text = message.text or ""
        if text.startswith("/"):
            (payload,) = handler.process([Message(data={TEXT: text})], self.domain)
            if (payload.get(INTENT) or {}).get(INTENT_NAME_KEY):
                parse_data: Dict[str, Any] = {
                    TEXT: "",
                    INTENT: {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0},
                    ENTITIES: [],
                }
                parse_data.update(payload.as_dict(only_output_properties=only_output_properties))
                return parse_data
        return parse_with_graph(self, message, tracker, only_output_properties)

    MessageProcessor._parse_message_with_graph = parse


def lean_sql_tracker_store() -> None:
    import sqlalchemy.orm
    from rasa.core import tracker_store
    from rasa.shared.core.trackers import DialogueStateTracker

    from assistant import sql_events

    store = tracker_store.SQLTrackerStore
    init: Callable = store.__init__
    retrieve_with_orm: Callable = store._retrieve
    save_with_orm: Callable = store.save

    def init_tuned(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        tuned = sql_events.tuned_engine(self.engine)
        if tuned is not self.engine:
            self.engine = tuned
            self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=tuned)

    async def retrieve(self: Any, sender_id: str, fetch_events_from_all_sessions: bool) -> Any:
        if os.environ.get(tracker_store.POSTGRESQL_SCHEMA):
            return await retrieve_with_orm(self, sender_id, fetch_events_from_all_sessions)
        with self.engine.connect() as connection:
            events = sql_events.read_events(connection, sender_id, fetch_events_from_all_sessions)
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:  # it holds exactly the stored latest session
            sql_events.remember_stored(tracker, len(events))
        return tracker

    async def save(self: Any, tracker: Any) -> None:
        if os.environ.get(tracker_store.POSTGRESQL_SCHEMA):
            return await save_with_orm(self, tracker)
        await self.stream_events(tracker)
        events = list(tracker.events)
        with self.engine.begin() as connection:  # one transaction: count, then the new events
            stored = sql_events.known_stored(tracker)
            if stored is None:
                stored = sql_events.stored_count(connection, tracker.sender_id)
            sql_events.insert_events(
                connection,
                self.SQLEvent.__table__,
                (sql_events.event_row(tracker.sender_id, e) for e in events[stored:]),
            )
        sql_events.remember_stored(tracker, len(events))

    store.__init__ = init_tuned
    store._retrieve = retrieve
    store.save = save


def cached_event_types() -> None:
    from rasa.shared.core import events
    from rasa.shared.utils.common import all_subclasses

    found: Dict[str, Any] = {}
    resolve: Callable = events.Event.resolve_by_type

    def by_type(type_name: str, default: Any = None) -> Any:
        if type_name not in found:
            found.clear()
            for cls in reversed(all_subclasses(events.Event)):
                found[cls.type_name] = cls  # reversed: the first class of a name wins, as before
        if type_name in found:
            return found[type_name]
        return resolve(type_name, default)  # unknown names: Rasa's own answer or error

    events.Event.resolve_by_type = staticmethod(by_type)


def json_text(body: Any) -> str:
    """The body as JSON text: ujson's (the same JSON, written faster), or the standard
    library's for anything ujson refuses."""
    import json

    import ujson

    try:
        return ujson.dumps(body, escape_forward_slashes=False)
    except (TypeError, OverflowError, ValueError):
        return json.dumps(body)


def kept_alive_action_calls() -> None:
    import aiohttp
    from rasa.utils import endpoints

    def shared_session(self: Any) -> aiohttp.ClientSession:
        loop = asyncio.get_running_loop()
        kept = getattr(self, "_kept_session", None)
        if kept is None or kept[1] is not loop or kept[0].closed:
            auth = None
            if self.basic_auth:
                auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
            # idle connections are dropped before the action server's own 5 s keep-alive ends
            connector = aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS)
            session = aiohttp.ClientSession(headers=self.headers, auth=auth, connector=connector)
            kept = (session, loop)
            self._kept_session = kept
        return kept[0]

    async def request(
        self: Any,
        method: str = "post",
        subpath: Any = None,
        content_type: Any = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Any:
        headers = {"Content-Type": content_type} if content_type else {}
        headers.update(kwargs.pop("headers", None) or {})
        headers.update(self.headers or {})
        timeout = kwargs.pop("timeout", None) or endpoints.DEFAULT_REQUEST_TIMEOUT
        if not isinstance(timeout, aiohttp.ClientTimeout):
            timeout = aiohttp.ClientTimeout(total=timeout)
        sslcontext = None
        if self.cafile:
            import ssl

            try:
                sslcontext = ssl.create_default_context(cafile=self.cafile)
            except FileNotFoundError as error:
                raise endpoints.FileNotFoundException(
                    f"Failed to find certificate file, '{os.path.abspath(self.cafile)}' does "
                    "not exist."
                ) from error
        if "json" in kwargs:  # the tracker's whole state: ujson writes it in half the time
            kwargs["data"] = json_text(kwargs.pop("json")).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        for attempt in range(CONNECTION_RETRIES + 1):
            try:
                return await _one_request(
                    shared_session(self),
                    method,
                    endpoints.concat_url(self.url, subpath),
                    headers,
                    self.combine_parameters(kwargs),
                    compress,
                    sslcontext,
                    timeout,
                    kwargs,
                )
            except (
                aiohttp.ServerDisconnectedError,
                aiohttp.ClientOSError,
                ConnectionResetError,
            ) as error:
                if attempt == CONNECTION_RETRIES:
                    raise
                log_event(log, "action.retried", error=type(error).__name__, attempt=attempt + 1)
        raise AssertionError("unreachable")

    async def _one_request(
        session: Any,
        method: str,
        url: str,
        headers: Dict[str, str],
        params: Any,
        compress: bool,
        sslcontext: Any,
        timeout: Any,
        kwargs: Dict[str, Any],
    ) -> Any:
        async with session.request(
            method,
            url,
            headers=headers,
            params=params,
            compress=compress,
            ssl=sslcontext,
            timeout=timeout,
            **kwargs,
        ) as response:
            if response.status >= 400:
                raise endpoints.ClientResponseError(
                    response.status, response.reason, await response.content.read()
                )
            try:
                return await response.json()
            except aiohttp.ContentTypeError:
                return None

    endpoints.EndpointConfig.request = request


def one_step_feature_combination() -> None:
    from rasa.shared.nlu.training_data import features as features_module
    from rasa.shared.nlu.training_data.message import Message

    combine_one_by_one: Callable = Message._combine_features

    def combine(features: List[Any], featurizers: List[str]) -> Any:
        if not features:
            return None
        first = features[0]
        if all(f.is_sparse() for f in features):
            joined = joined_sparse([f.features for f in features])
        elif all(f.is_dense() for f in features) and len({f.features.ndim for f in features}) == 1:
            joined = np.concatenate([f.features for f in features], axis=-1)
        else:  # mixed kinds or shapes: Rasa's own code, and its own error
            return combine_one_by_one(features, featurizers)
        if len(features) == 1:
            joined = joined.copy()
        return features_module.Features(joined, first.type, first.attribute, featurizers)

    Message._combine_features = staticmethod(combine)


def joined_sparse(matrices: List[Any]) -> Any:
    """Sparse matrices side by side, as scipy's `hstack` returns them (COO), in one step."""
    import scipy.sparse

    blocks = [m.tocoo() for m in matrices]
    rows = blocks[0].shape[0]
    for block in blocks[1:]:
        if block.shape[0] != rows:
            raise ValueError(
                "Cannot combine sparse features as sequence dimensions do not match: "
                f"{rows} != {block.shape[0]}."
            )
    if len(blocks) == 1:
        return blocks[0]
    offsets = np.cumsum([0] + [b.shape[1] for b in blocks])
    return scipy.sparse.coo_matrix(
        (
            np.concatenate([b.data for b in blocks]),
            (
                np.concatenate([b.row for b in blocks]),
                np.concatenate(
                    [b.col + offset for b, offset in zip(blocks, offsets[:-1], strict=True)]
                ),
            ),
        ),
        shape=(rows, int(offsets[-1])),
    )


def nlu_beside_the_event_loop() -> None:
    from concurrent.futures import ThreadPoolExecutor
    from functools import partial

    from rasa.core import processor
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.trackers import DialogueStateTracker

    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlu")
    parse_message: Callable = MessageProcessor.parse_message

    async def parse_beside(
        self: Any, message: Any, tracker: Any = None, only_output_properties: bool = True
    ) -> Dict[str, Any]:
        if self.http_interpreter:
            return await parse_message(self, message, tracker, only_output_properties)
        if tracker is None:
            tracker = DialogueStateTracker.from_events(message.sender_id, [])
        parse = partial(self._parse_message_with_graph, message, tracker, only_output_properties)
        parsed = await asyncio.get_running_loop().run_in_executor(worker, parse)
        self._update_full_retrieval_intent(parsed)
        processor.structlogger.debug(
            "processor.message.parse",
            parse_data_text=copy.deepcopy(parsed["text"]),
            parse_data_intent=parsed["intent"],
            parse_data_entities=copy.deepcopy(parsed["entities"]),
        )
        self._check_for_unseen_features(parsed)
        return parsed

    MessageProcessor.parse_message = parse_beside


def diet_scores_in_numpy() -> None:
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.shared.nlu.constants import TEXT
    from rasa.utils.tensorflow.constants import FEATURIZERS

    from assistant.nlu.diet_numpy import SentenceIntentScorer

    predict_with_tensorflow: Callable = DIETClassifier._predict
    unread = object()

    def predict(self: Any, message: Any) -> Any:
        if self.model is None or self._execution_context.should_add_diagnostic_data:
            return predict_with_tensorflow(self, message)
        scorer = self.__dict__.get("_numpy_scorer", unread)
        if scorer is unread:
            scorer = self.__dict__["_numpy_scorer"] = SentenceIntentScorer.of(self.model)
        if scorer is None:
            return predict_with_tensorflow(self, message)
        featurizers = self.component_config[FEATURIZERS]
        _, sparse = message.get_sparse_features(TEXT, featurizers)
        _, dense = message.get_dense_features(TEXT, featurizers)
        if (sparse is None) != (scorer.sparse_to_dense is None) or (dense is None) == (
            scorer.takes_dense
        ):
            return predict_with_tensorflow(self, message)  # not the features it was trained on
        return {
            "i_scores": scorer.scores(
                sparse.features if sparse is not None else None,
                dense.features if dense is not None else None,
            )
        }

    DIETClassifier._predict = predict


def json_payloads_are_not_placeholders() -> None:
    import re

    from rasa.core.nlg import interpolator

    fill: Callable = interpolator.interpolate_text
    placeholder = re.compile(r"{([^\n{}]+?)}")  # what Rasa's interpolator takes for one

    def fill_slots(response: str, values: Dict[str, Any]) -> str:
        names = placeholder.findall(response)
        if any('"' in name and name not in values for name in names):
            return response  # JSON, not a slot's name: Rasa returns it as it is, after an error
        return fill(response, values)

    interpolator.interpolate_text = fill_slots


def form_questions_asked_here() -> None:
    from rasa.core.actions import action

    from assistant.local_actions import local_actions

    find: Callable = action.action_for_name_or_text
    local = local_actions()

    def action_for(name: str, domain: Any, action_endpoint: Any) -> Any:
        if name in local and name in domain.action_names_or_texts:
            return local[name]
        return find(name, domain, action_endpoint)

    action.action_for_name_or_text = action_for


def conversation_language() -> None:
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.events import SlotSet

    from bot.conversation import LANGUAGE
    from bot.language import language_after, language_switch

    handle: Callable = MessageProcessor._handle_message_with_tracker

    async def with_language(self: Any, message: Any, tracker: Any) -> None:
        metadata = dict(message.metadata or {})
        current = tracker.get_slot(LANGUAGE) if LANGUAGE in tracker.slots else None
        language = language_after(current, metadata.get(LANGUAGE), message.text or "")
        if language is not None:
            if language != current and LANGUAGE in tracker.slots:
                tracker.update(SlotSet(LANGUAGE, language), self.domain)
            metadata[LANGUAGE] = language
            message.metadata = metadata
            if message.parse_data is None and language_switch(message.text or "") == language:
                message.parse_data = {  # "español" alone: a greeting in Spanish, not a question
                    "text": message.text,
                    "intent": {"name": "greet", "confidence": 1.0},
                    "entities": [],
                    "intent_ranking": [{"name": "greet", "confidence": 1.0}],
                }
        return await handle(self, message, tracker)

    MessageProcessor._handle_message_with_tracker = with_language


def replies_in_the_conversation_language() -> None:
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

    from bot.conversation import LANGUAGE
    from bot.i18n import translate_reply

    generate: Callable = TemplatedNaturalLanguageGenerator.generate

    async def in_language(
        self: Any, utter_action: str, tracker: Any, output_channel: str, **kwargs: Any
    ) -> Optional[Dict[str, Any]]:
        response = await generate(self, utter_action, tracker, output_channel, **kwargs)
        language = tracker.get_slot(LANGUAGE) if LANGUAGE in tracker.slots else None
        return translate_reply(response, language) if response else response

    TemplatedNaturalLanguageGenerator.generate = in_language


def one_blas_thread() -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


PATCHES = (
    cached_action_validation,
    action_timeout,
    action_failure_apology,
    tracker_store_errors_are_errors,
    postgres_pool_pre_ping,
    redact_every_message,
    payload_warnings_without_the_text,
    button_payloads_skip_the_nlu,
    lean_sql_tracker_store,
    cached_event_types,
    kept_alive_action_calls,
    one_step_feature_combination,
    nlu_beside_the_event_loop,
    diet_scores_in_numpy,
    json_payloads_are_not_placeholders,
    form_questions_asked_here,
    one_blas_thread,
    conversation_language,
    replies_in_the_conversation_language,
)


def apply_all() -> None:
    """Apply every patch (once)."""
    for patch in PATCHES:
        if patch.__name__ not in APPLIED:
            patch()
            APPLIED.append(patch.__name__)
