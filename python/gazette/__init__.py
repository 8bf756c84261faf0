"""Gazette: full-text search for news articles, embedded in Python.

    import gazette

    with gazette.IndexWriter("news.db") as writer:        # commits on success
        writer.upsert(id="a1", title="Harbour bridge reopens", published="2024-03-01")

    searcher = gazette.Searcher("news.db")
    for hit in searcher.search("bridge", limit=5, facets=["source"])["hits"]:
        print(hit["title"])

Errors are gazette.Error subclasses (InvalidQuery, NotFound, DatabaseLocked, ...) with a .code.
"""

from ._gazette import *  # noqa: F401,F403
from ._gazette import __version__  # noqa: F401
