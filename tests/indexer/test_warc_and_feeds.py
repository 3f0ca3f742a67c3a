"""WARC/ARC archives (one article per HTML response, the latest capture of a URL) and RSS/Atom feeds (each item
an article; reading a feed again replaces, never duplicates)."""

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from indexer_helpers import stored_docs
from page_fixtures import ARTICLES, news_page


def _write_warc(path, captures, gzip=True):
    """``captures``: (url, WARC-Date, html or None for an image, status) written as response records."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, date, page, status in captures:
            kind = "text/html; charset=utf-8" if page is not None else "image/png"
            payload = page.encode("utf-8") if page is not None else b"\x89PNG\r\n"
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers, warc_headers_dict={"WARC-Date": date}))
    return path


STORY = (" گزارش نمایشگاه کتاب امسال: ناشران از استقبال بازدیدکنندگان خرسند بودند و فروش کتاب‌های کودک دو "
         "برابر سال گذشته شد. دبیر نمایشگاه گفت که سال آینده غرفه‌های بیشتری برپا خواهد شد و برنامه‌های "
         "کتاب‌خوانی در همه روزهای نمایشگاه ادامه می‌یابد.")


def _undated(article, text):
    page = news_page(dict(article, paragraphs=[text + STORY]), date_in="none")
    return page.replace(f'<link rel="canonical" href="{article["url"]}">', "")


def test_each_html_response_is_an_article_and_a_url_keeps_its_latest_capture(tmp_path, index_cli):
    url = "https://example.org/news/9"
    archive = _write_warc(tmp_path / "crawl.warc.gz", [
        # The newer capture is written first: "latest" is by capture date, not by order in the file.
        (url, "2021-05-01T10:00:00Z", _undated(ARTICLES[0], "نسخه تازه"), "200 OK"),
        (url, "2020-05-01T10:00:00Z", _undated(ARTICLES[0], "نسخه کهنه"), "200 OK"),
        ("https://example.org/logo.png", "2021-05-01T10:00:01Z", None, "200 OK"),
        ("https://example.org/gone", "2021-05-01T10:00:02Z", _undated(ARTICLES[1], "صفحه یافت نشد"), "404 Not Found"),
        ("https://example.org/news/2", "2021-05-02T09:00:00Z", news_page(ARTICLES[1]), "200 OK"),
    ])
    run = index_cli(archive, "--index", tmp_path / "ix")
    docs = {doc["url"]: doc for doc in stored_docs(tmp_path / "ix").values()}
    assert set(docs) == {url, "https://example.org/news/2"}
    assert docs[url]["body"] == "نسخه تازه" + STORY
    assert docs[url]["date"].date().isoformat() == "2021-05-01"               # no date in the page: capture date
    assert docs["https://example.org/news/2"]["date"].date().isoformat() == "2010-02-14"  # the page's own date
    assert f"{archive}: warning: 1 older capture(s) of a URL left out" in run.err


def test_an_uncompressed_warc_is_read(tmp_path, index_cli):
    archive = _write_warc(tmp_path / "crawl.warc", [
        ("https://example.org/news/2", "2021-05-02T09:00:00Z", news_page(ARTICLES[1]), "200 OK")], gzip=False)
    index_cli(archive, "--index", tmp_path / "ix")
    assert [d["title"] for d in stored_docs(tmp_path / "ix").values()] == [ARTICLES[1]["title"]]


def test_an_arc_file_is_read(tmp_path, index_cli):
    page = news_page(ARTICLES[1]).encode("utf-8")
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    version = b"1 0 Bayegan\nURL IP-address Archive-date Content-type Archive-length\n"
    arc = (b"filedesc://crawl.arc 0.0.0.0 20100214103000 text/plain %d\n" % len(version) + version + b"\n"
           + b"https://example.org/news/2 127.0.0.1 20100214103000 text/html %d\n" % len(http) + http + b"\n")
    (tmp_path / "crawl.arc").write_bytes(arc)
    index_cli(tmp_path / "crawl.arc", "--index", tmp_path / "ix")
    (doc,) = stored_docs(tmp_path / "ix").values()
    assert (doc["title"], doc["url"]) == (ARTICLES[1]["title"], "https://example.org/news/2")


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خبرگزاری نمونه</title>
<item><guid>news-1</guid><title>گشایش نمایشگاه کتاب</title><link>https://example.org/news/1</link>
<pubDate>Sat, 10 Jan 2009 08:00:00 +0330</pubDate><category>فرهنگ</category>
<description>&lt;p&gt;نمایشگاه کتاب امسال &lt;b&gt;گشایش&lt;/b&gt; یافت.&lt;/p&gt;</description></item>
<item><guid>news-2</guid><title>بارش برف</title><link>https://example.org/news/2</link>
<description>راهداران جاده‌ها را بازگشایی کردند.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>روزنامه نمونه</title>
<entry><id>tag:example.org,2009:3</id><title>دیدار دو وزیر</title><link href="https://example.org/news/3"/>
<published>2009-03-01T09:00:00Z</published><summary>دو وزیر دیدار کردند</summary>
<content type="html">&lt;p&gt;دو وزیر امروز در تهران دیدار کردند.&lt;/p&gt;</content></entry></feed>"""


def test_rss_items_are_articles(tmp_path, index_cli):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    index_cli(tmp_path / "news.rss", "--index", tmp_path / "ix")
    docs = stored_docs(tmp_path / "ix")
    assert set(docs) == {"news-1", "news-2"}
    assert docs["news-1"]["body"] == "نمایشگاه کتاب امسال گشایش یافت."
    assert (docs["news-1"]["source"], docs["news-1"]["url"]) == ("خبرگزاری نمونه", "https://example.org/news/1")
    assert docs["news-1"]["date"].date().isoformat() == "2009-01-10"
    assert docs["news-1"]["tags"] == "فرهنگ"


def test_reading_a_feed_again_replaces_its_items(tmp_path, index_cli):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    index_cli(tmp_path / "news.rss", "--index", tmp_path / "ix")
    run = index_cli(tmp_path / "news.rss", "--index", tmp_path / "ix")
    assert (run.summary["documents"], run.summary["replaced"]) == (2, 2)


def test_atom_entries_are_articles(tmp_path, index_cli):
    (tmp_path / "news.atom").write_text(ATOM, encoding="utf-8")
    index_cli(tmp_path / "news.atom", "--index", tmp_path / "ix")
    doc = stored_docs(tmp_path / "ix")["tag:example.org,2009:3"]
    assert (doc["title"], doc["body"], doc["summary"]) == ("دیدار دو وزیر", "دو وزیر امروز در تهران دیدار کردند.",
                                                           "دو وزیر دیدار کردند")


def test_an_unreachable_feed_url_is_reported_and_the_rest_indexed(tmp_path, index_cli):
    (tmp_path / "news.rss").write_text(RSS, encoding="utf-8")
    run = index_cli("http://127.0.0.1:9/feed.xml", tmp_path / "news.rss", "--index", tmp_path / "ix")
    assert "http://127.0.0.1:9/feed.xml: no feed items: not a readable RSS/Atom feed (URLError" in run.err
    assert run.summary["indexed"] == 2


def test_a_feed_url_is_read_over_http_and_reading_it_again_replaces(tmp_path, index_cli):
    import functools
    import http.server
    import threading

    served = tmp_path / "site"
    served.mkdir()
    (served / "feed.rss").write_text(RSS, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/feed.rss"
        first = index_cli(url, "--index", tmp_path / "ix")
        again = index_cli(url, "--index", tmp_path / "ix")
    finally:
        server.shutdown()
    assert first.code == 0 and first.summary["indexed"] == 2, first.err
    assert (again.summary["documents"], again.summary["replaced"]) == (2, 2)
    docs = stored_docs(tmp_path / "ix")
    # feedparser reads a guid that is not a URL as one relative to the feed's (its rule for ids): stable per feed
    base = url.rsplit("/", 1)[0]
    assert set(docs) == {f"{base}/news-1", f"{base}/news-2"}
    assert docs[f"{base}/news-1"]["title"] == "گشایش نمایشگاه کتاب"
    assert docs[f"{base}/news-2"]["url"] == "https://example.org/news/2"
