"""What an index holds: article count, shards, date range, most frequent persons and countries, size on disk."""

import datetime
import os

from analyzers.dates import jalali_label


def index_stats(index_dir: str, top: int = 10) -> dict:
    """Statistics of the index in ``index_dir`` as a JSON-ready dict; raises ``search.core.errors.IndexProblem``."""
    from search.core.engine import SearchEngine

    engine = SearchEngine(index_dir, warm=False, workers=0)
    try:
        stats = engine.stats(top)
    finally:
        engine.close()
    dates = stats["date_range"]
    for end in ("first", "last"):
        day = datetime.date.fromisoformat(dates[end]) if dates[end] else None
        dates[end + "_jalali"] = jalali_label(day) if day else None
    stats["top_persons"] = [{"key": b["value"], "label": b["label"], "documents": b["count"]}
                            for b in stats["top_persons"]]
    stats["top_countries"] = [{"key": b["value"], "label": b["label"], "documents": b["count"]}
                              for b in stats["top_countries"]]
    stats["index_bytes"] = sum(os.path.getsize(os.path.join(root, name))
                               for root, _, names in os.walk(index_dir) for name in names)
    return stats


def format_stats(stats: dict, index_dir: str) -> str:
    dr = stats["date_range"]
    lines = [f"index: {index_dir}", f"documents: {stats['documents']}"]
    if dr["first"]:
        lines.append(f"dates: {dr['first']} .. {dr['last']} ({dr['first_jalali']} .. {dr['last_jalali']})")
    else:
        lines.append("dates: none")
    for title, key in (("top persons", "top_persons"), ("top countries", "top_countries")):
        entries = stats[key]
        lines.append(f"{title}: " + (", ".join(f"{e['label']} ({e['documents']})" for e in entries) or "none"))
    lines.append(f"size: {stats['index_bytes'] / 1e6:.1f} MB in {stats['shards']} shard(s), "
                 f"{stats['segments']} segment(s)")
    return "\n".join(lines)
