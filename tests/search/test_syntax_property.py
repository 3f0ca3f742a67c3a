"""Any string is a query: it parses, it searches, nothing raises, and no input makes the work explode."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.core.notices import ENGLISH
from search.core.syntax import MAX_CLAUSES, MAX_QUERY_CHARS, parse

# Characters the query language gives meaning to, Persian letters and marks, digits, and anything else.
SPECIAL = '"«»-*~?+|():یا OR AND NOT title: person: country: date: source: شخص: کشور: تاریخ: ..'
PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآئؤأإةيك\u200c\u064b\u064e\u0650\u0651۰۱۲۳۴۵۶۷۸۹"
queries = st.one_of(
    st.text(max_size=600),
    st.text(alphabet=st.sampled_from(list(SPECIAL) + list(PERSIAN) + [" ", "\t", "\n", "\ud800", "\x00"]),
            max_size=700),
    st.lists(st.sampled_from(["نفت", "ایران*", "لاریجانا~", '"شورای', 'امنیت"', "-سوریه", "OR", "یا",
                              "country:عراق", "date:1387/10..1387/12", "person:", "date:۱۳۸۷", "title:نفت",
                              "AND", "NOT", "+ایران", "source:همشهری"]), max_size=80).map(" ".join),
)


@settings(max_examples=300, deadline=2000)
@given(queries)
def test_any_string_parses_within_the_limits(text):
    parsed = parse(text)
    assert len(parsed.raw) <= MAX_QUERY_CHARS + 1 and len(parsed.clauses) <= MAX_CLAUSES
    assert all(m.code in ENGLISH and m.text() for m in parsed.messages)


@settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries)
def test_any_string_searches_without_an_error(engine, text):
    result = engine.search(text, per_page=5)
    assert result["total"] >= 0 and len(result["hits"]) <= 5
    assert [n["code"] for n in result["notices"]] and all(n["code"] in ENGLISH for n in result["notices"]) \
        if result["messages"] else result["notices"] == []
