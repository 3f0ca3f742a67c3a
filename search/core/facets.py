"""The facets, declared once (Datasette style): one class per kind, used by the engine, the API, the page and the CLI.

A facet names the document field it counts (``field``), the result key and API name (``name``), the page's URL
parameter (``param``), how a filter value becomes its keys (``keys``: a country's name or code to the ISO code, a
surname to every person of that name), how its values are labelled (``label``: a country's news name, a Jalali
month in words), how the page orders them (by count, or as a timeline) and how many buckets a result lists
(``limit``). Buckets are ``{value, label, count, selected}``; the web layer adds ``toggle_url``.
"""

from analyzers.dates import jalali_month_name, persian_digits
from analyzers.fold import fold
from search.core.notices import notice


class Facet:
    name = ""
    field = ""
    param = ""
    chronological = False  # the page lists the values in time order (a timeline), not by count

    def label(self, value: str) -> str:
        return value

    def limit(self, default: int, filters: dict) -> int:
        """How many buckets a result lists, given the selected filters."""
        return default

    def keys(self, value: str, known, messages) -> list[str]:
        """The facet keys a filter value stands for (``known``: the keys the index holds). A value that cannot be
        understood is kept as given, with a notice: no article has it, so a filter never widens a search."""
        return [value]


class PersonFacet(Facet):
    name, field, param = "person", "persons", "person"

    def keys(self, value, known, messages):
        from search.core.labels import resolve_person

        # A key (a facet click), else every person the name or surname names («لاریجانی»: every Larijani).
        return [value] if value in known else resolve_person(value)

    def label(self, value: str) -> str:
        from analyzers.display import person_label

        return person_label(value)  # keys are folded («رییسی»): the label is written («رئیسی»)


class CountryFacet(Facet):
    name, field, param = "country", "countries", "country"

    def keys(self, value, known, messages):
        from search.core.labels import resolve_country

        if value in known:
            return [value]
        code = resolve_country(value)
        if code is None:
            messages.append(notice("unknown_country", value=value))
            return [value]
        return [code]

    def label(self, value: str) -> str:
        from analyzers.entities import country_label

        return country_label(value) or value


class JalaliYearFacet(Facet):
    name, field, param = "year_jalali", "year_jalali", "year"
    chronological = True

    def label(self, value: str) -> str:
        return persian_digits(value)

    def limit(self, default: int, filters: dict) -> int:
        return 10_000  # years are a timeline: a missing year would look like a gap in the news

    def keys(self, value, known, messages):
        return [fold(value)]  # any digits


class JalaliMonthFacet(Facet):
    name, field, param = "month_jalali", "month_jalali", "month"
    chronological = True

    def label(self, value: str) -> str:
        """ "1387-10" -> «دی ۱۳۸۷» """
        try:
            year, month = value.split("-")
            return f"{jalali_month_name(int(month))} {persian_digits(year)}"
        except (ValueError, IndexError):
            return value

    def limit(self, default: int, filters: dict) -> int:
        return 10_000  # months are a timeline too: the page lists them all, in calendar order

    def keys(self, value, known, messages):
        parts = fold(value).replace("/", "-").split("-")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            return [f"{parts[0]}-{int(parts[1]):02d}"]
        messages.append(notice("bad_month", value=value))
        return [value]


class SourceFacet(Facet):
    name, field, param = "source", "source", "source"


class GregorianYearFacet(JalaliYearFacet):
    name, field, param = "year_gregorian", "year", "year_gregorian"


FACETS = (PersonFacet(), CountryFacet(), JalaliYearFacet(), JalaliMonthFacet(), SourceFacet(), GregorianYearFacet())
BY_NAME = {f.name: f for f in FACETS}
FACET_FIELDS = {f.name: f.field for f in FACETS}  # facet name -> document field


def facet(name: str) -> Facet | None:
    return BY_NAME.get(name)
