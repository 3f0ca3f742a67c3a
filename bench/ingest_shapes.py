"""The archive shapes bench/eval_ingest.py builds from real articles: each builder writes files into a folder and
returns ``(paths to index, expected articles)`` (an expected article: ``url``, ``title`` as the file holds it,
``date`` as the source gives it)."""

import csv
import datetime
import email.utils
import gzip
import html
import io
import json

from analyzers.dates import parse_date

MENU = "صفحه‌نخست سیاست اقتصاد ورزش فرهنگ بین‌الملل چندرسانه‌ای"
AD = "آگهی: خرید اقساطی یخچال و تلویزیون با تخفیف ویژه زمستانی"
SIDEBAR = ("پربازدیدترین‌ها: درخشش زلاتان ابراهیموویچ در لیگ ستارگان؛ پیش‌بینی هوای فردا؛ "
           "دیدار سفیر نروژ با شهردار در کاخ سعدآباد")
COMMENTS = "نظرات کاربران: بسیار عالی بود، دست‌مریزاد به خبرنگار پرتلاش شما"
FOOTER = "کلیه حقوق این تارنما محفوظ است. تماس با ما. درباره ما. خبرنامه. نقشه سایت"
BOILERPLATE_TEXT = " ".join((MENU, AD, SIDEBAR, COMMENTS, FOOTER))
SITE = "خبرگزاری نمونه"
# Windows-1256 has Arabic yeh and heh-with-hamza forms, and no Persian digits: archives written in it use these.
CP1256 = str.maketrans({"ی": "ي", "ۀ": "ه", **{chr(0x6F0 + d): str(d) for d in range(10)}})


def _iso(article) -> str:
    return datetime.datetime.combine(parse_date(article["date"]), datetime.time(8, 0)).isoformat() + "+03:30"


def _expected(articles, written=lambda text: text):
    """``written``: what the shape's file makes of a text (its code page)."""
    return [{"url": written(a["url"]), "title": written(a["title"]), "date": a["date"]} for a in articles]


def cp1256_csv(articles, folder):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "title", "body", "date", "url"])
    for a in articles:
        writer.writerow([a["id"], a["title"], a["body"], a["date"], a["url"]])
    raw = buffer.getvalue().translate(CP1256).encode("cp1256", errors="replace")
    (folder / "archive.csv").write_bytes(raw)
    return [folder / "archive.csv"], _expected(
        articles, lambda text: text.translate(CP1256).encode("cp1256", errors="replace").decode("cp1256"))


def persian_csv(articles, folder):
    with open(folder / "archive.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["شناسه", "تیتر", "لید", "متن", "تاریخ", "نشانی"])
        for a in articles:
            writer.writerow([a["id"], a["title"], a["summary"], a["body"], a["date"], a["url"]])
    return [folder / "archive.csv"], _expected(articles)


def news_page(a) -> str:
    esc = html.escape
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in a["body"].split("\n") if p.strip())
    menu = " | ".join(f'<a href="/s/{i}">{w}</a>' for i, w in enumerate(MENU.split()))
    return f"""<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>{esc(a["title"])} | {SITE}</title><meta property="og:title" content="{esc(a["title"])}">
<meta property="article:published_time" content="{_iso(a)}"><link rel="canonical" href="{a["url"]}">
<meta name="description" content="{esc(a["summary"])}"></head><body>
<div id="top"><div class="menu">{menu}</div></div><div class="ad-banner">{AD}</div>
<div class="wrap"><div class="col-side"><div class="box"><div class="box-title">پربازدیدترین</div>
<div class="item"><a href="/x">{SIDEBAR}</a></div></div></div>
<div class="col-main"><div class="news-title"><h1>{esc(a["title"])}</h1></div><div class="news-body">{paragraphs}</div>
<div class="comments"><h4>نظرات</h4><div class="comment">{COMMENTS}</div></div></div></div>
<div id="footer"><p>{FOOTER}</p></div></body></html>"""


def pages(articles, folder):
    extensions = (".html", ".shtml", ".php", ".aspx")
    for n, a in enumerate(articles):
        (folder / f"news-{n:05d}{extensions[n % len(extensions)]}").write_text(news_page(a), encoding="utf-8")
    return [folder], _expected(articles)


def warc(articles, folder):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def record(writer, a, date, page):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(a["url"], "response", payload=io.BytesIO(page.encode()),
                                                      http_headers=headers, warc_headers_dict={"WARC-Date": date}))

    with open(folder / "crawl.warc.gz", "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for n, a in enumerate(articles):
            if n % 10 == 0:  # an older capture with another title, written after the newer one
                record(writer, a, "2021-06-01T12:00:00Z", news_page(a))
                record(writer, a, "2020-06-01T12:00:00Z", news_page(dict(a, title="نسخه کهنه " + a["title"])))
            else:
                record(writer, a, "2021-06-01T12:00:00Z", news_page(a))
    return [folder / "crawl.warc.gz"], _expected(articles)


def feed(articles, folder):
    items = []
    for a in articles:
        date = email.utils.format_datetime(datetime.datetime.fromisoformat(_iso(a)))
        items.append(f"<item><guid>{html.escape(a['url'])}</guid><title>{html.escape(a['title'])}</title>"
                     f"<link>{html.escape(a['url'])}</link><pubDate>{date}</pubDate>"
                     f"<description>{html.escape(a['body'])}</description></item>")
    (folder / "news.rss").write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                                     f"<title>{SITE}</title>{''.join(items)}</channel></rss>", encoding="utf-8")
    return [folder / "news.rss"], _expected(articles)


def _renamed(a) -> dict:
    return {"article_no": a["id"], "headline": a["title"], "lead": a["summary"], "story": a["body"],
            "published": a["date"], "link": a["url"]}


def json_gz(articles, folder):
    with gzip.open(folder / "export.json.gz", "wt", encoding="utf-8") as stream:
        json.dump([_renamed(a) for a in articles], stream, ensure_ascii=False, indent=1)
    return [folder / "export.json.gz"], _expected(articles)


def build_big_json(articles, path, size: int, count: int = 0) -> int:
    """A JSON array of the articles repeated (new ids) up to ``size`` bytes, or ``count`` articles."""
    written = 0
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("[\n")
        while (count and written < count) or (not count and stream.tell() < size):
            a = articles[written % len(articles)]
            item = dict(_renamed(a), article_no=f"{a['id']}-{written}", link=f"{a['url']}?copy={written}")
            stream.write(("," if written else "") + json.dumps(item, ensure_ascii=False) + "\n")
            written += 1
        stream.write("]\n")
    return written


SHAPES = {"cp1256-csv": cp1256_csv, "persian-csv": persian_csv, "pages": pages, "warc": warc, "feed": feed,
          "json-gz": json_gz}
