#!/usr/bin/env python3
"""Scores gazette-index on the test feeds of Go's gofeed (Debian's golang-github-mmcdole-gofeed-dev
ships them with the JSON each should parse to): RSS 0.9x-2.0, RDF and Atom 0.3/1.0, one element
under test per file, as written, with escaped, naked and CDATA markup. For each file with item
fields Gazette keeps (title, link, description or summary, content, author, categories, dates),
the file is indexed into a fresh index, the articles are read back, and each expected field is
compared: texts as a reader sees them (tags dropped, entities decoded, spaces collapsed), dates
as instants. An item with nothing but an id is one Gazette does not index (there is nothing to
find in it); a file whose items give no article is run again with a probe title added to each
item, as bench/feed_tests.py does, and counted.

usage: bench/gofeed_tests.py [TESTDATA_DIR] [--verbose]
  (default: /usr/share/gocode/src/github.com/mmcdole/gofeed/testdata)
"""
import datetime
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed_common import make_probe, person_names, run_gazette, same_text  # noqa: E402

DEFAULT = "/usr/share/gocode/src/github.com/mmcdole/gofeed/testdata"
BUILD = os.environ.get("GAZETTE_BUILD_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build"))
SETS = ["parser/rss", "parser/atom", "translator/rss", "translator/atom"]


def text_of(value):
    """gofeed writes Atom text constructs as {"value": ...} in its parser tests, strings elsewhere."""
    if isinstance(value, dict):
        return value.get("value", "")
    return value if isinstance(value, str) else ""


def expected_fields(item):
    """(field, expected value) pairs of one expected item that Gazette keeps."""
    out = []
    for key in ("title",):
        if text_of(item.get(key)):
            out.append(("title", text_of(item[key])))
    link = item.get("link")
    if isinstance(link, str) and link:
        out.append(("link", link))
    for l in item.get("links", []) or []:
        if isinstance(l, dict) and l.get("href") and l.get("rel", "alternate") == "alternate":
            out.append(("link", l["href"]))
            break
        if isinstance(l, str) and l:
            out.append(("link", l))
            break
    for key in ("description", "summary"):
        if text_of(item.get(key)):
            out.append(("description", text_of(item[key])))
    if text_of(item.get("content")):
        out.append(("content", text_of(item["content"])))
    for key in ("publishedParsed", "pubDateParsed", "updatedParsed"):
        if isinstance(item.get(key), str):
            out.append(("date", item[key]))
    author = item.get("author")
    if isinstance(author, str) and author:
        out.append(("author", author))
    elif isinstance(author, dict) and (author.get("name") or author.get("email")):
        out.append(("author", author.get("name") or author.get("email")))
    elif item.get("authors"):
        first = item["authors"][0]
        if isinstance(first, dict) and (first.get("name") or first.get("email")):
            out.append(("author", first.get("name") or first.get("email")))
    for category in item.get("categories", []) or []:
        value = category if isinstance(category, str) else category.get("value") or category.get("term")
        if value:
            out.append(("category", value))
            break
    return out


def same_instant(expected, got):
    if not got:
        return False
    try:
        want = datetime.datetime.fromisoformat(expected.replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
    except ValueError:
        return False
    return got == want.strftime("%Y-%m-%dT%H:%M:%SZ")


def field_ok(field, expected, article):
    if field == "title":
        return same_text(expected, article.get("title", ""))
    if field == "link":
        return article.get("url", "") == expected
    if field == "description":
        return same_text(expected, article.get("summary", "")) or same_text(expected, article.get("body", ""))
    if field == "content":
        return same_text(expected, article.get("body", ""))
    if field == "date":
        return any(same_instant(expected, article.get(k, "")) for k in ("published", "updated"))
    if field == "author":
        names = person_names(expected) | {expected}
        return any(a in names or same_text(expected, a) for a in article.get("authors", []))
    if field == "category":
        return any(same_text(expected, t) for t in article.get("tags", []))
    raise ValueError(field)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    testdata = args[0] if args else DEFAULT
    if not os.path.isdir(testdata):
        sys.exit(f"no gofeed test data at {testdata}: apt-get install golang-github-mmcdole-gofeed-dev")
    root = tempfile.mkdtemp(prefix="gazette-gofeed-tests-")
    bin_dir = os.path.join(root, "bin")
    os.makedirs(bin_dir)
    for program in ("indexer/gazette-index", "search/gazette-search"):
        shutil.copy(os.path.join(BUILD, program), bin_dir)
    totals = {}
    files = scored = passed_files = probed_files = 0
    failures = []
    try:
        for subset in SETS:
            folder = os.path.join(testdata, subset)
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".xml") or not os.path.exists(os.path.join(folder, name[:-4] + ".json")):
                    continue
                files += 1
                with open(os.path.join(folder, name[:-4] + ".json"), encoding="utf-8") as f:
                    expected = json.load(f)
                items = expected.get("items") or expected.get("entries") or []
                checks = [(i, field, value) for i, item in enumerate(items) for field, value in expected_fields(item)]
                if not checks:
                    continue
                scored += 1
                path = os.path.join(folder, name)
                _, _, articles = run_gazette(path, root, bin_dir)
                if not articles:
                    probed_files += 1
                    with open(path, "rb") as f:
                        probed, _ = make_probe(f.read(), any(field == "title" for _, field, _ in checks))
                    if probed is not None:
                        probe_path = os.path.join(root, name)
                        with open(probe_path, "wb") as f:
                            f.write(probed)
                        _, _, articles = run_gazette(probe_path, root, bin_dir)
                all_ok = True
                for i, field, value in checks:
                    # Articles come back newest first, not in feed order: any article may hold it.
                    ok = any(field_ok(field, value, a) for a in articles)
                    good, total = totals.get(field, (0, 0))
                    totals[field] = (good + ok, total + 1)
                    if not ok:
                        all_ok = False
                        failures.append((f"{subset}/{name}", field, value, [
                            {k: a.get(k) for k in ("title", "url", "summary", "body", "authors", "tags", "published")}
                            for a in articles]))
                passed_files += all_ok
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"{files} gofeed test files; {scored} have item fields Gazette keeps; "
          f"all fields right in {passed_files} ({100.0 * passed_files / max(1, scored):.1f}%); "
          f"files that gave no article and were read again with a probe title: {probed_files}")
    for field, (good, total) in sorted(totals.items()):
        print(f"  {field:12s} {good:4d} / {total:4d} ({100.0 * good / total:.1f}%)")
    if verbose:
        for where, field, value, got in failures:
            print(f"FAIL {where}: {field} {value!r}\n     got {json.dumps(got, ensure_ascii=False)[:300]}")


if __name__ == "__main__":
    main()
