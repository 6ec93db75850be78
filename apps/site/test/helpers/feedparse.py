"""Reads an Atom document from stdin with feedparser (Debian's python3-feedparser) and prints
what a feed reader sees, as JSON: bozo, the feed's metadata and every entry."""
import json
import sys

import feedparser

d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
    "bozo": int(d.bozo),
    "bozo_exception": str(d.get("bozo_exception", "")),
    "version": d.version,
    "feed": {
        "id": d.feed.get("id"),
        "title": d.feed.get("title"),
        "updated": d.feed.get("updated"),
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in d.feed.get("links", [])],
        "author": d.feed.get("author"),
    },
    "entries": [{
        "id": e.get("id"),
        "title": e.get("title"),
        "link": e.get("link"),
        "updated": e.get("updated"),
        "published": e.get("published"),
        "summary": e.get("summary"),
        "tags": [t.get("term") for t in e.get("tags", [])],
    } for e in d.entries],
}))
