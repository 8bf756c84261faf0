"""Embedding Gazette in Python: index a few articles, search them with facets, page with a
cursor, and search from several threads while a writer commits.

    PYTHONPATH=build/python python3 examples/embed.py /tmp/example-index
"""

import sys
import threading

import gazette

path = sys.argv[1] if len(sys.argv) > 1 else "example-index"

articles = [
    {"id": "ex-1", "title": "Harbour bridge reopens after repairs", "body": "The bridge reopened on Monday.",
     "published": "2024-03-01", "source": "Harbor Daily", "tags": ["transport"]},
    {"id": "ex-2", "title": "Council approves the harbour budget", "body": "The budget passed by seven votes.",
     "published": "2024-03-04", "source": "Gazette Wire", "tags": ["politics"]},
    {"id": "ex-3", "title": "Storm closes the bridge again", "body": "High winds closed the bridge.",
     "published": "2024-04-10", "source": "Harbor Daily", "tags": ["weather", "transport"]},
]

# The writer commits when the block ends without an exception; with one, nothing is kept.
with gazette.IndexWriter(path) as writer:
    for article in articles:
        writer.upsert(article)

searcher = gazette.Searcher(path)
print("indexed", searcher.document_count, "articles")
results = searcher.search("bridge", limit=10, facets=["source", "month"], sort="relevance")
print(f'{results["total"]} results for "bridge"')
for hit in results["hits"]:
    print(f'  {hit["id"]}  {hit["published"][:10]}  {hit["title"]}')
print("by source:", {f["value"]: f["count"] for f in results["facets"]["source"]})

# Date filters use the request's field names; "from" is a Python keyword, so from_ works too.
newest = searcher.search("", sort="newest", limit=1, from_="2024-04")
print("newest since April:", newest["hits"][0]["title"])

try:
    searcher.related("no-such-id")
except gazette.NotFound as error:
    print("error code:", error.code)

# Searches release the GIL: threads, each with its own Searcher, run in parallel, and see the
# writer's commits after refresh().
def reader(totals):
    own = gazette.Searcher(path)
    for _ in range(50):
        own.refresh()
        totals.append(own.search("bridge OR budget", limit=0)["total"])

totals = []
threads = [threading.Thread(target=reader, args=(totals,)) for _ in range(2)]
for t in threads:
    t.start()
with gazette.IndexWriter(path, batch_size=10) as writer:
    for i in range(100):
        writer.upsert(id=f"more-{i}", title=f"Bridge traffic report {i}", body="Traffic was light.")
for t in threads:
    t.join()
searcher.refresh()
print(f"threads saw {min(totals)} to {max(totals)} matches while the writer committed; now",
      searcher.search("bridge OR budget", limit=0)["total"])
