"""Pseudo-relevance feedback re-ranks the matches; it never changes which articles match."""

import pytest

from search import SearchEngine
from search_helpers import term


@pytest.fixture(scope="module")
def with_feedback(demo_index):
    return SearchEngine(demo_index, feedback=True)


def test_feedback_keeps_the_match_set(engine, with_feedback):
    plain = engine.search("حمله سوریه", per_page=1000)
    fed = with_feedback.search("حمله سوریه", per_page=1000)
    assert fed["total"] == plain["total"]
    assert {h["id"] for h in fed["hits"]} == {h["id"] for h in plain["hits"]}


def test_feedback_keeps_all_words_first(with_feedback, articles):
    wanted = [term("حمله"), term("سوریه")]
    both = {i for i, a in articles.items() if all(t in a["terms"] for t in wanted)}
    fed = [h["id"] for h in with_feedback.search("حمله سوریه", per_page=1000)["hits"]]
    assert both and set(fed[: len(both)]) == both
