"""Coverage charts drawn on the server as SVG geometry (the template writes the elements): readable without
JavaScript, right to left (the oldest period at the right, as Persian readers scan time), every bar a link that
filters the results to its period, its Jalali label and Gregorian dates in a tooltip.

The SVG is a picture for sighted readers (``aria-hidden``); the same numbers are in a table beside it, which is
what screen readers and keyboards use (``web/templates/_chart.html``).
"""

import datetime
import math

from analyzers.dates import persian_digits
from search.core.periods import gregorian_label
from web.templating import fa_decimal, fa_number

WIDTH, HEIGHT = 720, 200
TOP, BOTTOM, START, END = 14, 40, 8, 44  # margins; START is the left edge, END the right (y-axis labels)
X_LABELS = 8   # period labels written under the axis, at most
SERIES_STYLES = 4  # compare: each query has its own colour AND its own dash pattern (never colour alone)


def _percent(share: float) -> str:
    return persian_digits(f"{share * 100:.1f}".rstrip("0").rstrip(".")).replace(".", "\u066b") + "٪"


def value_label(count: int, share: float | None) -> str:
    text = f"{fa_number(count)} خبر"
    return text if share is None else f"{text} ({_percent(share)})"


def gregorian_span(period: dict) -> str:
    start, end = (datetime.date.fromisoformat(period[k]) for k in ("start", "end"))
    return gregorian_label(start) if start == end else f"{gregorian_label(start)} تا {gregorian_label(end)}"


def _frame(periods: list, top: float, shares: bool) -> dict:
    """The plot area, the x position of each period (right to left) and the axis ticks."""
    n = max(1, len(periods))
    plot_w, plot_h = WIDTH - START - END, HEIGHT - TOP - BOTTOM
    step = plot_w / n
    right = WIDTH - END
    columns = [right - (i + 1) * step for i in range(len(periods))]
    every = max(1, math.ceil(len(periods) / X_LABELS))
    labels = [{"x": round(columns[i] + step / 2, 1), "text": p["label"]}
              for i, p in enumerate(periods) if i % every == 0]
    # Counts are whole articles: the middle tick only where it falls on a whole number (3 has 0 and 3, not 1.5).
    ticks = [{"y": round(TOP + plot_h * (1 - f), 1), "text": _tick(top * f, shares)} for f in (0, 0.5, 1)
             if shares or top * f == round(top * f)]
    return {"width": WIDTH, "height": HEIGHT, "step": step, "columns": columns, "plot_h": plot_h,
            "base": TOP + plot_h, "labels": labels, "ticks": ticks, "label_y": HEIGHT - BOTTOM + 18,
            "axis_x": right + 6, "left": START, "right": right}


def _tick(value: float, shares: bool) -> str:
    if shares:
        return _percent(value)
    return fa_number(round(value)) if value == round(value) else fa_decimal(value)


def bars(timeline: dict, url_for, series: int = 0) -> dict | None:
    """One series as bars: ``url_for(period)`` is the link of each bar. Heights are counts, or shares of the
    archive when the timeline is normalized. None when there is nothing to draw."""
    periods = timeline["periods"]
    if not periods or not timeline["series"]:
        return None
    data = timeline["series"][series]
    shares = data.get("shares")
    values = shares if shares is not None else data["counts"]
    top = max(values) or 1
    frame = _frame(periods, top, shares is not None)
    width = max(1.0, frame["step"] * 0.78)
    out = []
    for i, period in enumerate(periods):
        height = frame["plot_h"] * values[i] / top
        share = shares[i] if shares is not None else None
        out.append({"x": round(frame["columns"][i] + (frame["step"] - width) / 2, 2), "width": round(width, 2),
                    "y": round(frame["base"] - height, 2), "height": round(height, 2),
                    "column_x": round(frame["columns"][i], 2), "column_w": round(frame["step"], 2),
                    "url": url_for(period), "label": period["label"], "count": data["counts"][i],
                    "key": period["key"], "start": period["start"], "end": period["end"],
                    "value": value_label(data["counts"][i], share), "gregorian": gregorian_span(period)})
    return {**frame, "bars": out, "normalized": shares is not None}


def lines(timeline: dict) -> dict | None:
    """Every series as a line over the same periods (a comparison), each with a style number 0-3."""
    periods = timeline["periods"]
    if not periods or not timeline["series"]:
        return None
    normalized = timeline.get("normalized", False)
    series = timeline["series"]
    values = [s["shares"] if normalized else s["counts"] for s in series]
    top = max(max(v) for v in values) or 1
    frame = _frame(periods, top, normalized)
    out = []
    for n, (data, vs) in enumerate(zip(series, values)):
        points = [(round(frame["columns"][i] + frame["step"] / 2, 2),
                   round(frame["base"] - frame["plot_h"] * v / top, 2)) for i, v in enumerate(vs)]
        out.append({"style": n % SERIES_STYLES, "query": data["query"], "total": data["total"],
                    "points": " ".join(f"{x},{y}" for x, y in points),
                    "marks": [{"x": x, "y": y, "title": f"{data['query'] or 'همه'} · {periods[i]['label']}: "
                               f"{value_label(data['counts'][i], data['shares'][i] if normalized else None)}"}
                              for i, (x, y) in enumerate(points)]})
    return {**frame, "series": out, "normalized": normalized}
