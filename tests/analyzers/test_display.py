from analyzers.display import person_label
from analyzers.entities import extract


def test_a_gazetteer_person_is_labelled_as_the_gazetteer_writes_it():
    assert person_label("صادق املی لاریجانی") == "صادق آملی لاریجانی"


def test_another_person_is_labelled_word_by_word_as_the_name_lexicons_write_it():
    (person,) = [e for e in extract("آقای آرش کمانگیر گفت") if e.kind == "person"]
    assert (person.key, person.label) == ("ارش کمانگیر", "آرش کمانگیر")


def test_an_unknown_word_of_a_name_is_labelled_as_its_key():
    assert person_label("ارش قزلباشیان") == "آرش قزلباشیان"
