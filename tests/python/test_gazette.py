"""The gazette Python module: writing, searching, errors, threads (pytest)."""

import threading

import gazette
import pytest


WORDS = ("council ferry tolls storm flood rail strike school budget market shares bank rates port "
         "wheat festival museum court ruling election turnout hospital nurses tram airport").split()


def article(i, **fields):
    # Varied text, so that articles are not copies of one story.
    words = " ".join(WORDS[(i * k + k * k) % len(WORDS)] for k in range(1, 16))
    base = {
        "id": f"a{i}",
        "title": f"Harbour bridge report {i}",
        "body": f"The bridge and the harbour: {words}. Item {i}.",
        "published": f"2024-0{1 + i % 6}-1{i % 9}T10:00:00Z",
        "source": ["Gazette Wire", "Harbor Daily"][i % 2],
        "tags": ["transport"] if i % 3 else ["budget"],
    }
    base.update(fields)
    return base


@pytest.fixture
def index(tmp_path):
    path = str(tmp_path / "news.db")
    with gazette.IndexWriter(path, threads=1) as writer:
        for i in range(30):
            writer.upsert(article(i))
    return path


def test_the_context_manager_commits_on_success(index):
    searcher = gazette.Searcher(index)
    assert searcher.document_count == 30
    with gazette.IndexWriter(index) as writer:
        writer.upsert(id="new", title="Storm closes the bridge", body="Wind.", published="2024-07-01")
        writer.remove("a0")
        writer.remove("never-indexed")
        assert writer.pending_changes == 2
        counts = writer.counts
    assert counts["added"] == 1 and counts["deleted"] == 1 and counts["not_found"] == 1
    searcher.refresh()
    assert searcher.document_count == 30
    assert searcher.get("new")["title"] == "Storm closes the bridge"
    assert searcher.get("a0") is None


def test_an_exception_in_the_block_discards_the_batch(index):
    with pytest.raises(RuntimeError):
        with gazette.IndexWriter(index) as writer:
            writer.upsert(id="lost", title="Never committed", body="x")
            raise RuntimeError("stop")
    assert gazette.Searcher(index).get("lost") is None
    # The lock went with the writer.
    with gazette.IndexWriter(index) as writer:
        assert writer.document_count == 30


def test_search_takes_the_request_fields_as_keywords(index):
    searcher = gazette.Searcher(index)
    results = searcher.search("bridge", limit=5, facets=["source", "tag", "month"], facet_size=3)
    assert results["total"] == 30 and results["total_exact"]
    assert len(results["hits"]) == 5
    hit = results["hits"][0]
    assert set(hit) >= {"id", "title", "url", "source", "published", "score", "snippet", "tags", "story"}
    assert "<mark>" in hit["snippet"]
    assert {f["value"] for f in results["facets"]["source"]} == {"Gazette Wire", "Harbor Daily"}
    filtered = searcher.search("bridge", sources=["Harbor Daily"], tags="transport", limit=100)
    assert filtered["total"] > 0
    assert all(h["source"] == "Harbor Daily" and "transport" in h["tags"] for h in filtered["hits"])
    dated = searcher.search("", sort="newest", limit=100, **{"from": "2024-06"})
    assert dated["hits"] and all(h["published"] >= "2024-06" for h in dated["hits"])
    assert searcher.search("", from_="2024-06", sort="oldest", limit=100)["total"] == dated["total"]
    explained = searcher.search("budget", limit=1, explain=True)["hits"][0]
    assert explained["explain"]["text_score"] > 0
    # One local index is one part, and it answered.
    assert results["partial"] is False
    assert results["shards"] == {"total": 1, "successful": 1, "failed": []}
    # "Did you mean" is computed unless turned off.
    assert searcher.search("brigde")["suggestion"] == "bridge"
    assert searcher.search("brigde", suggest=False)["suggestion"] is None


def test_cursor_paging_visits_every_article_once(index):
    searcher = gazette.Searcher(index)
    seen, cursor = [], None
    while True:
        page = searcher.search("", sort="newest", limit=7, **({"cursor": cursor} if cursor else {}))
        seen += [h["id"] for h in page["hits"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 30 == len(set(seen))


def test_get_related_complete(index):
    searcher = gazette.Searcher(index)
    assert searcher.get("a3")["tags"] == ["budget"]
    related = searcher.related("a3", limit=3)
    assert 0 < len(related["hits"]) <= 3 and all(h["id"] != "a3" for h in related["hits"])
    completions = searcher.complete("harbour bri")
    assert completions[0]["text"] == "harbour bridge" and completions[0]["count"] == 30


def test_errors_are_gazette_error_subclasses_with_a_code(index, tmp_path):
    searcher = gazette.Searcher(index)
    with pytest.raises(gazette.NotFound) as raised:
        searcher.related("missing")
    assert raised.value.code == "not_found"
    assert isinstance(raised.value, gazette.Error)
    with pytest.raises(gazette.InvalidArgument):
        searcher.search("bridge", limit=100000)
    with pytest.raises(gazette.DatabaseNotFound):
        gazette.Searcher(str(tmp_path / "nothing-here"))
    with gazette.IndexWriter(index) as writer:
        with pytest.raises(gazette.DatabaseLocked):
            gazette.IndexWriter(index)
        with pytest.raises(gazette.InvalidArticle):
            writer.upsert(id="empty")
        with pytest.raises(TypeError):
            writer.upsert(id="x", title="t", colour="red")
    with pytest.raises(TypeError):
        searcher.search("bridge", colour="red")
    with pytest.raises(ValueError):
        searcher.search("bridge", sort="sideways")
    writer = gazette.IndexWriter(index)
    writer.close()
    assert writer.closed
    with pytest.raises(gazette.InvalidArgument):
        writer.upsert(id="late", title="After close")


def test_archives_from_python(tmp_path):
    path = str(tmp_path / "archive")
    with gazette.IndexWriter(path, partition="month") as writer:
        for i in range(12):
            writer.upsert(article(i))
    assert gazette.Searcher(path).search("bridge", limit=0)["total"] == 12


def test_language_detection_from_python(tmp_path):
    path = str(tmp_path / "detected.db")
    with gazette.IndexWriter(path, detect_languages=True) as writer:
        writer.upsert(id="de", title="Neue Häuser für die Altstadt",
                      body="Die Stadt baut am Hafen neue Häuser und Wohnungen, teilte die Verwaltung am Montag mit.")
    hits = gazette.Searcher(path).search("Haus")["hits"]
    assert [(h["id"], h["language"]) for h in hits] == [("de", "de")]


def test_threads_search_while_a_writer_commits(index):
    failures, totals = [], []
    stop = threading.Event()
    shared = gazette.Searcher(index)

    def search(own):
        searcher = gazette.Searcher(index) if own else shared
        try:
            while not stop.is_set():
                searcher.refresh()
                totals.append(searcher.search("bridge", limit=10, facets=["source"])["total"])
        except Exception as e:  # noqa: BLE001 - any failure fails the test
            failures.append(repr(e))

    threads = [threading.Thread(target=search, args=(own,)) for own in (True, True, False, False)]
    for t in threads:
        t.start()
    with gazette.IndexWriter(index, batch_size=5) as writer:
        for i in range(30, 130):
            writer.upsert(article(i))
    stop.set()
    for t in threads:
        t.join(timeout=60)
    assert not failures
    assert len(totals) > 20
    assert min(totals) >= 30 and max(totals) <= 130
    final = gazette.Searcher(index)
    assert final.search("bridge", limit=0)["total"] == 130
