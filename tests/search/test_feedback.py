"""Pseudo-relevance feedback (RM3) re-ranks the matches; it never changes which articles match."""

import pytest

from search import SearchEngine
from search_helpers import term


@pytest.fixture(scope="module")
def with_feedback(demo_index):
    return SearchEngine(demo_index, feedback=True)


@pytest.fixture(scope="module")
def without_feedback(demo_index):
    return SearchEngine(demo_index, feedback=False)


def test_feedback_keeps_the_match_set(without_feedback, with_feedback):
    plain = without_feedback.search("حمله سوریه", per_page=1000)
    fed = with_feedback.search("حمله سوریه", per_page=1000)
    assert fed["total"] == plain["total"] > 0
    assert {h["id"] for h in fed["hits"]} == {h["id"] for h in plain["hits"]}


def test_feedback_changes_the_scores(without_feedback, with_feedback):
    # The expanded query weighs the original words by ORIGINAL_WEIGHT and adds the top articles' words: the
    # scores must differ, else feedback did nothing.
    plain = {h["id"]: h["score"] for h in without_feedback.search("ایران", per_page=1000)["hits"]}
    fed = {h["id"]: h["score"] for h in with_feedback.search("ایران", per_page=1000)["hits"]}
    assert set(plain) == set(fed)
    assert any(abs(plain[i] - fed[i]) > 1e-6 for i in plain)


def test_feedback_keeps_all_words_first(with_feedback, articles):
    wanted = [term("حمله"), term("سوریه")]
    both = {i for i, a in articles.items() if all(t in a["terms"] for t in wanted)}
    fed = [h["id"] for h in with_feedback.search("حمله سوریه", per_page=1000)["hits"]]
    assert both and set(fed[: len(both)]) == both


def test_a_spent_time_budget_skips_the_optional_work_with_a_message(without_feedback, with_feedback):
    plain = without_feedback.search("ایران", per_page=20)
    late = with_feedback.search("ایران", per_page=20, budget=0.0)
    assert late["total"] == plain["total"]
    assert [(h["id"], h["score"]) for h in late["hits"]] == [(h["id"], h["score"]) for h in plain["hits"]]
    assert all("<mark>" not in h["snippet"] for h in late["hits"]) and any("<mark>" in h["snippet"]
                                                                          for h in plain["hits"])
    assert "time_budget_spent" in [n["code"] for n in late["notices"]]
    assert with_feedback.search("احمدی نژد", budget=0.0)["did_you_mean"] is None
