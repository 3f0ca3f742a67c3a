"""A tiny HTML reader for the web tests: elements with attributes and inner text."""

from html.parser import HTMLParser


class Element:
    def __init__(self, tag, attrs):
        self.tag, self.attrs, self.text = tag, dict(attrs), ""

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()


class Page(HTMLParser):
    """Every element of an HTML page with its attributes and the text inside it (enough for assertions)."""

    VOID = {"meta", "link", "input", "br", "img", "hr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements, self._open = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def find(self, tag=None, cls=None, **attrs):
        return [e for e in self.elements
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def one(self, tag=None, cls=None, **attrs):
        found = self.find(tag, cls, **attrs)
        assert len(found) == 1, f"expected one {tag or ''}.{cls or ''}, found {len(found)}"
        return found[0]


def page(response) -> Page:
    return Page(response.get_data(as_text=True))
