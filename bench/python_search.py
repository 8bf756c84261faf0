"""Latency of gazette.Searcher.search from Python, measured as gazette-query-bench measures the
C++ library: the same query log, the same request (limit 10, no snippets), in-process, and
throughput with several threads, each with its own Searcher (the GIL is released while the
library searches). Usage: python3 bench/python_search.py DB QUERIES.tsv REPEAT [THREADS]"""

import sys
import threading
import time

import gazette

db, queries_file, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
queries = [line.split("\t", 1)[1].rstrip("\n") for line in open(queries_file, encoding="utf-8") if "\t" in line]

if threads > 1:
    done = [0] * threads

    def work(t):
        searcher = gazette.Searcher(db, max_page_size=10000)
        for _ in range(repeat):
            for i in range(len(queries)):
                try:
                    searcher.search(queries[(i + t * 997) % len(queries)], limit=10, snippet_length=0)
                except gazette.Error:
                    pass
                done[t] += 1

    start = time.perf_counter()
    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    seconds = time.perf_counter() - start
    print(f"gazette python threads={threads} queries={sum(done)} qps={sum(done) / seconds:.0f}")
    sys.exit(0)

searcher = gazette.Searcher(db)
latencies, errors = [], 0
for _ in range(repeat):
    for text in queries:
        start = time.perf_counter()
        try:
            searcher.search(text, limit=10, snippet_length=0)
        except gazette.Error:
            errors += 1
        latencies.append((time.perf_counter() - start) * 1e6)
latencies.sort()
print(f"gazette python queries={len(latencies)} p50_us={latencies[len(latencies) // 2]:.1f} "
      f"p99_us={latencies[len(latencies) * 99 // 100]:.1f} mean_us={sum(latencies) / len(latencies):.1f} "
      f"errors={errors}")
