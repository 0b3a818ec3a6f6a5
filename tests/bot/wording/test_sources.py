"""Citations a resident understands: publisher, title, date (and where to read it); a news
article says it is one, and an article's known error is pointed out."""

from __future__ import annotations

import pytest

from bot.answers import Topic, answer_question
from bot.selfcheck import run_check
from bot.wording.answers import answer_messages
from bot.wording.chat import result_messages
from bot.wording.sources import citation


@pytest.mark.parametrize(
    "notice_id, expected",
    [
        (
            "midwest-city-2018-07-24",
            'City of Midwest City, "Update on Data Breach", posted July 24, 2018',
        ),
        (
            "odessa-2019-12-12",
            'City of Odessa, "Click2Gov Security Breach", posted December 12, 2019',
        ),
    ],
)
def test_a_city_notice_is_cited_by_publisher_title_and_date(knowledge, notice_id, expected):
    assert citation(knowledge.notice(notice_id)) == expected


@pytest.mark.parametrize(
    "notice_id, words",
    [
        (
            "bakersfield-news-2018-11-12",
            ["City of Bakersfield's news release", "November 12, 2018"],
        ),
        ("norman-databreaches-net", ["DataBreaches.net", "gives no date"]),
        (
            "st-petersburg-article",
            ["wrongly places St. Petersburg in Russia", "St. Petersburg, Florida"],
        ),
    ],
)
def test_a_news_article_says_it_is_not_the_city_s_own_notice(knowledge, notice_id, words):
    text = citation(knowledge.notice(notice_id))
    assert "a news article, not the city's own notice" in text
    assert all(word in text for word in words)


@pytest.mark.parametrize(
    "city, when, method",
    [
        ("Odessa", "Sept 3 2019", "online by card"),
        ("Midwest City", "June 1 2018", "by phone"),
        ("Bakersfield", "Aug 20 2018", "online by card"),
        ("Norman", "last week", "online"),
        ("St. Petersburg, FL", "Sep 1 2018", "online by card"),
        ("Tyler", "June 2018", "online"),
    ],
)
def test_every_answer_ends_with_its_citation_and_shows_no_file_name(knowledge, city, when, method):
    messages = result_messages(run_check(knowledge, city, when, method))
    assert messages[-1].startswith("Source: ")
    assert all(".txt" not in m and ".yaml" not in m for m in messages)


def test_what_was_taken_gives_the_notice_s_figures_and_cites_it(knowledge):
    answer = answer_question(knowledge, Topic.DATA_EXPOSED, "what was taken in Midwest City?")
    text = "\n".join(answer_messages(answer))
    assert "The notice's figures: 4,559 customers affected" in text
    assert 'Source: City of Midwest City, "Update on Data Breach", posted July 24, 2018.' in text
