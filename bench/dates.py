#!/usr/bin/python3
"""Dates as other projects' test suites write them: how many Gazette reads, and whether it reads
them as feedparser 6 does.

The date strings are the string literals of public test suites that look like dates (a digit,
and a month name, a time or a year-month): Python's e-mail tests (Debian's
libpython3.11-testsuite) and Go's net/mail and time tests (golang-1.19-src), or the files given.
Each becomes an article's `published` field; `gazette-index` indexes them all, and the dates it
kept are read back with `gazette-search --format json`. feedparser's `_parse_date` (Debian's
python3-feedparser) is the reference: the same instant, to the second, is an agreement.

usage: bench/dates.py [--show N] [SOURCE_FILE...]
"""
import argparse
import calendar
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("GAZETTE_BUILD", os.path.join(ROOT, "build"))
DEFAULT_SOURCES = [
    "/usr/lib/python3.11/test/test_email/test_email.py",
    "/usr/lib/python3.11/test/test_email/test_utils.py",
    "/usr/lib/python3.11/test/test_email/test_headerregistry.py",
    "/usr/share/go-1.19/src/net/mail/message_test.go",
    "/usr/share/go-1.19/src/time/format_test.go",
]
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.){4,80})"|\'((?:[^\'\\\n]|\\.){4,80})\'')
MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
DATE_LIKE = re.compile(MONTH + r"|\d{1,2}[:.]\d\d|\d{4}-\d\d|\d{8}T\d")


def date_strings(paths):
    seen = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for match in LITERAL.finditer(text):
            s = match.group(1) if match.group(1) is not None else match.group(2)
            s = s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"')
            if "\\" in s or "%" in s or not re.search(r"\d", s) or not DATE_LIKE.search(s):
                continue
            if s not in seen:
                seen.append(s)
    return seen


def feedparser_reading(s):
    from feedparser.datetimes import _parse_date

    try:
        t = _parse_date(s)
    except Exception:
        return None
    if t is None:
        return None
    return calendar.timegm(t)


def gazette_readings(strings):
    with tempfile.TemporaryDirectory() as work:
        docs = os.path.join(work, "docs.jsonl")
        with open(docs, "w", encoding="utf-8") as out:
            for i, s in enumerate(strings):
                out.write(json.dumps({"id": f"d{i}", "title": f"date {i}", "published": s}) + "\n")
        db = os.path.join(work, "db")
        run = subprocess.run([os.path.join(BUILD, "indexer", "gazette-index"), "-q", "--show-errors", "0",
                              "--db", db, docs], capture_output=True, text=True)
        if run.returncode not in (0, 2):
            sys.exit(f"gazette-index failed: {run.stderr}")
        found = subprocess.run([os.path.join(BUILD, "search", "gazette-search"), "--db", db, "--format", "json",
                                "--limit", "10000", ""],
                               capture_output=True, text=True, check=True)
        readings = {}
        for hit in json.loads(found.stdout)["hits"]:
            published = hit.get("published") or ""
            if published:
                readings[int(hit["id"][1:])] = calendar.timegm(
                    time.strptime(published, "%Y-%m-%dT%H:%M:%SZ"))
        return [readings.get(i) for i in range(len(strings))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=20, help="examples of each difference to print")
    parser.add_argument("sources", nargs="*")
    args = parser.parse_args()
    sources = args.sources or [p for p in DEFAULT_SOURCES if os.path.exists(p)]
    if not sources:
        sys.exit("no test suites found: apt-get install libpython3.11-testsuite golang-1.19-src, or name files")
    try:
        import feedparser  # noqa: F401  (the reference reader)
    except ImportError:
        sys.exit("feedparser is missing: apt-get install python3-feedparser")
    strings = date_strings(sources)
    reference = [feedparser_reading(s) for s in strings]
    gazette = gazette_readings(strings)
    kinds = {"both, same instant": [], "both, different instants": [], "feedparser only": [],
             "Gazette only": [], "neither": []}
    for s, f, g in zip(strings, reference, gazette):
        if f is not None and g is not None:
            kinds["both, same instant" if f == g else "both, different instants"].append((s, f, g))
        elif f is not None:
            kinds["feedparser only"].append((s, f, g))
        elif g is not None:
            kinds["Gazette only"].append((s, f, g))
        else:
            kinds["neither"].append((s, f, g))
    print(f"{len(strings)} date-like strings from {len(sources)} files: "
          f"{', '.join(os.path.basename(p) for p in sources)}")
    read_by_feedparser = sum(f is not None for f in reference)
    read_by_gazette = sum(g is not None for g in gazette)
    agree = len(kinds["both, same instant"])
    print(f"feedparser reads {read_by_feedparser}, Gazette reads {read_by_gazette}; "
          f"of feedparser's, Gazette reads {agree} as the same instant "
          f"({100.0 * agree / max(1, read_by_feedparser):.1f}%)")

    def fmt(t):
        return "-" if t is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

    for kind, items in kinds.items():
        print(f"{kind}: {len(items)}")
        if kind in ("both, same instant", "neither"):
            continue
        for s, f, g in items[: args.show]:
            print(f"  {s!r}: feedparser {fmt(f)}, Gazette {fmt(g)}")


if __name__ == "__main__":
    main()
