"""The page's Persian sentences for the search layer's notices (``search.core.notices``): one template per code,
parameters filled in with Persian digits. A test checks that every notice code has its sentence here."""

from analyzers.dates import persian_digits

PERSIAN = {
    "query_truncated": "پرسش بیش از {limit} نویسه بود و کوتاه شد.",
    "unbalanced_quote": "گیومهٔ بی‌جفت نادیده گرفته شد.",
    "too_many_words": "فقط {limit} واژهٔ نخست پرسش جست‌وجو شد.",
    "field_without_value": "فیلد «{field}:» بدون مقدار نادیده گرفته شد.",
    "unknown_field": "فیلد «{field}:» شناخته نیست؛ «{value}» جست‌وجو شد. فیلدها: {fields}.",
    "lone_operator": "عملگر تنهای «{operator}» نادیده گرفته شد.",
    "prefix_too_short": "پیشوند «{word}» برای گسترش کوتاه است؛ بدون ستاره جست‌وجو شد.",
    "operator_without_operands": "عملگر {operator} بدون دو سو نادیده گرفته شد.",
    "not_without_word": "عملگر NOT بدون واژه نادیده گرفته شد.",
    "only_negative_words": "پرسشی که فقط واژهٔ منفی دارد در همهٔ خبرها جست‌وجو شد.",
    "only_stop_words": "پرسش فقط واژه‌های بسیار رایج داشت؛ واژهٔ مشخص‌تری بنویسید.",
    "expansion_capped": "«{word}» به بیش از {limit} واژه گسترش می‌یافت؛ {limit} واژهٔ پربسامدتر جست‌وجو شد.",
    "expansion_budget_spent": "«{word}» گسترش داده نشد: پرسش بیش از {limit} واژهٔ گسترش‌یافته دارد؛ همان‌گونه که "
                              "نوشته شده جست‌وجو شد.",
    "unknown_country": "کشور «{value}» شناخته نشد؛ هیچ خبری با این پالایه پیدا نشد.",
    "unreadable_date": "تاریخ «{value}» خوانده نشد؛ هیچ خبری با این پالایه پیدا نشد.",
    "date_not_in_calendar": "تاریخ «{value}» در گاه‌شماری {calendar} وجود ندارد؛ هیچ خبری با این پالایه پیدا نشد.",
    "date_reversed": "بازهٔ تاریخ «{value}» وارونه است؛ هیچ خبری با این پالایه پیدا نشد.",
    "mixed_calendars": "ماه و سال «{value}» از یک گاه‌شماری نیستند؛ هیچ خبری با این پالایه پیدا نشد.",
    "year_out_of_range": "سال «{year}» در بازهٔ تاریخ‌های خبرها نیست؛ هیچ خبری با این پالایه پیدا نشد.",
    "filters_not_a_mapping": "پالایه‌ها باید یک نگاشت نام به مقدار باشند؛ نادیده گرفته شدند.",
    "unknown_filter": "پالایهٔ ناشناختهٔ «{name}» نادیده گرفته شد.",
    "from_after_to": "تاریخ آغاز پس از تاریخ پایان است؛ هیچ خبری در این بازه نیست.",
    "bad_month": "ماه «{value}» باید به شکل ۱۳۸۷-۱۰ باشد؛ هیچ خبری با این پالایه پیدا نشد.",
    "bad_page": "شمارهٔ صفحه نادرست بود؛ صفحهٔ ۱ نشان داده شد.",
    "bad_per_page": "تعداد نتیجه در صفحه نادرست بود؛ ۱۰ به کار رفت.",
    "page_out_of_range": "شمارهٔ صفحه بیرون از بازهٔ ۱ تا {limit} بود.",
    "per_page_out_of_range": "تعداد نتیجه در صفحه باید میان ۱ و {limit} باشد.",
    "unknown_sort": "ترتیب «{sort}» شناخته نیست؛ بر پایهٔ ربط مرتب شد.",
    "empty_archive": "بایگانی هنوز خبری ندارد.",
    "time_budget_spent": "زمان این جست‌وجو به سر آمد: نتیجه بدون بازخورد، پیشنهاد املا و نشانه‌گذاری واژه‌ها آمد.",
    "shards_missing": "بخش‌هایی از بایگانی پاسخ ندادند ({shards})؛ نتیجه از بخش‌های دیگر است.",
}
_CALENDARS = {"jalali": "خورشیدی", "gregorian": "میلادی"}
# The page's heading of each facet (search.core.facets): a test checks every facet has one.
FACET_HEADINGS = {"person": "اشخاص", "country": "کشورها", "year_jalali": "سال", "month_jalali": "ماه",
                  "year_gregorian": "سال میلادی", "source": "منبع"}


def sentence(notice: dict) -> str:
    """The Persian sentence of one notice (``{"code", "params"}``); numbers in Persian digits."""
    params = {}
    for name, value in notice.get("params", {}).items():
        if name == "calendar":
            value = _CALENDARS.get(value, value)
        elif isinstance(value, int):
            value = persian_digits(value)
        params[name] = value
    return PERSIAN[notice["code"]].format(**params)
