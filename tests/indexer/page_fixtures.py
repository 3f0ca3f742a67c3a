"""Small scraped-looking news pages written for the tests: an article inside a site's menu, ads, sidebar,
comments and footer, whose words never occur in the articles."""

import html

SITE_WORDS = {
    "menu": "صفحه‌نخست سیاست اقتصاد ورزش",
    "ad": "آگهی خرید اقساطی یخچال",
    "sidebar": "پربازدیدترین درخشش زلاتان ابراهیموویچ",
    "comments": "نظرات کاربران دست‌مریزاد",
    "footer": "کلیه حقوق تارنما محفوظ",
}
BOILERPLATE_WORDS = {"اقساطی", "یخچال", "زلاتان", "ابراهیموویچ", "دست‌مریزاد", "تارنما"}

ARTICLES = [
    {"title": "گشایش نمایشگاه کتاب", "lead": "نمایشگاه کتاب امسال با حضور ناشران گشایش یافت",
     "paragraphs": ["نمایشگاه کتاب امسال با حضور صدها ناشر از سراسر کشور در مصلای تهران گشایش یافت و نخستین "
                    "روز آن میزبان هزاران بازدیدکننده بود.",
                    "دبیر نمایشگاه گفت که غرفه‌های کودک و نوجوان امسال بزرگ‌تر شده‌اند و برنامه‌های "
                    "کتاب‌خوانی هر روز برگزار می‌شود."],
     "url": "https://example.org/news/1", "date": "2009-01-10T08:00:00+03:30"},
    {"title": "بارش برف در گردنه‌های شمالی", "lead": "راهداران جاده‌های شمالی را بازگشایی کردند",
     "paragraphs": ["بارش برف سنگین از شامگاه گذشته رفت‌وآمد در گردنه‌های شمالی را دشوار کرد و راهداران تا "
                    "بامداد امروز مشغول برف‌روبی بودند.",
                    "پلیس راه از رانندگان خواست که زنجیر چرخ همراه داشته باشند و از سفرهای غیرضروری بپرهیزند."],
     "url": "https://example.org/news/2", "date": "2010-02-14T10:30:00+03:30"},
]


def news_page(article: dict, site_name: str = "خبرگزاری نمونه", og_title: bool = True, date_in: str = "meta") -> str:
    """A page the way news sites build them; ``date_in``: ``meta``, ``time`` or ``json-ld``."""
    esc = html.escape
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in article["paragraphs"])
    meta_date = f'<meta property="article:published_time" content="{article["date"]}">' if date_in == "meta" else ""
    time_tag = f'<time datetime="{article["date"]}">۲۱ دی</time>' if date_in == "time" else ""
    json_ld = (f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", '
               f'"datePublished": "{article["date"]}"}}</script>') if date_in == "json-ld" else ""
    og = f'<meta property="og:title" content="{esc(article["title"])}">' if og_title else ""
    menu = " ".join(f'<a href="/{i}">{w}</a>' for i, w in enumerate(SITE_WORDS["menu"].split()))
    return f"""<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>{esc(article["title"])} | {site_name}</title>{og}{meta_date}
<meta name="description" content="{esc(article["lead"])}"><link rel="canonical" href="{article["url"]}">{json_ld}
</head><body><div id="top"><div class="menu">{menu}</div></div><div class="ad-banner">{SITE_WORDS["ad"]}</div>
<div class="wrap"><div class="col-side"><div class="box"><div class="box-title">پربازدیدترین</div>
<div class="item"><a href="/x">{SITE_WORDS["sidebar"]}</a></div></div></div>
<div class="col-main"><h1>{esc(article["title"])}</h1>{time_tag}<div class="news-body">{paragraphs}</div>
<div class="comments"><h4>نظرات</h4><div class="comment">{SITE_WORDS["comments"]}</div></div></div></div>
<div id="footer"><p>{SITE_WORDS["footer"]}</p></div></body></html>"""
