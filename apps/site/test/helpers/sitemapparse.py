"""Reads a sitemap or sitemap index from stdin with Python's XML parser (xml.etree) and prints
its root element and every entry's loc and lastmod, as JSON. Malformed XML exits non-zero."""
import json
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
root = ET.fromstring(sys.stdin.buffer.read())
entries = []
for child in root:
    loc = child.find(f"{NS}loc")
    lastmod = child.find(f"{NS}lastmod")
    entries.append({
        "tag": child.tag,
        "loc": None if loc is None else loc.text,
        "lastmod": None if lastmod is None else lastmod.text,
    })
print(json.dumps({"root": root.tag, "entries": entries}))
