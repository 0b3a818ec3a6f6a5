"""The intent groups the actions act on, defined once (domain.yml and data/rules/ list the same
intents; tests/actions/test_domain.py checks that they agree)."""

from __future__ import annotations

from bot.answers import Topic

# A related question, answered from the knowledge base, and the topic that answers it.
QUESTIONS = {
    "ask_data_exposed": Topic.DATA_EXPOSED,
    "ask_safe_to_pay": Topic.SAFE_TO_PAY,
    "ask_pay_meanwhile": Topic.PAY_MEANWHILE,
    "ask_contact": Topic.CONTACTS,
    "request_human": Topic.HUMAN,
    "report_fraud": Topic.REPORT_FRAUD,
    "ask_credit_report": Topic.CREDIT_REPORTS,
    "ask_fraud_alert_vs_freeze": Topic.ALERT_VS_FREEZE,
    "ask_what_is_click2gov": Topic.WHAT_IS_CLICK2GOV,
    "ask_which_cities": Topic.WHICH_CITIES,
    "got_letter": Topic.GOT_LETTER,
    "unrecognised_charge": Topic.UNRECOGNISED_CHARGE,
    "card_compromised": Topic.CARD_COMPROMISED,
    "ask_incident_facts": Topic.INCIDENT,
}

# A resident answering or restating the check; any other intent is a digression.
ANSWERS = frozenset(
    {"inform", "correct", "check_payment", "check_another", "affirm", "deny", "nlu_fallback"}
)

# Intents a terse answer is often given ("Tucson", "kiosk"): only the requested slot counts.
TERSE_ANSWERS = frozenset({"out_of_scope"})

# Intents whose message still moves the check when it carries a city, date or method: a secret
# removed from a message that also says how the resident paid; a statement of a payment the
# classifier did not take for an answer (the form reads them; nothing read, the intent's rule runs).
SECRETS = "share_sensitive_data"
STATEMENTS = frozenset({SECRETS, "out_of_scope", *QUESTIONS})
# The reply when such a message carries nothing to check.
NOTHING_TO_CHECK = {
    SECRETS: "utter_sensitive_not_needed",
    "out_of_scope": "utter_out_of_scope",
}
