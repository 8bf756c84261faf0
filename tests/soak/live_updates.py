#!/usr/bin/env python3
"""Readers during writes: gazette-server under continuous query load (wrk) while gazette-index
commits a new article every second. Checks zero 5xx and zero wrk errors, and measures how long
each new article takes to become searchable after its commit (target: within one second).

usage: tests/soak/live_updates.py [--build DIR] [--corpus FILE.jsonl[.gz]] [--minutes M]
                                  [--connections N]
"""
import argparse, gzip, json, os, re, shutil, signal, subprocess, sys, tempfile, time
import http.client, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def token(n):
    """A word found in no corpus: 'zqv' + n in letters."""
    letters = ""
    while True:
        letters = chr(ord("a") + n % 26) + letters
        n //= 26
        if n == 0:
            return "zqv" + letters


def total_for(conn, query):
    conn.request("GET", "/search?size=1&snippet=0&q=" + urllib.parse.quote(query))
    reply = conn.getresponse()
    body = reply.read()
    if reply.status != 200:
        raise RuntimeError(f"/search answered {reply.status}: {body[:200]!r}")
    return json.loads(body)["total"]["value"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "data", "news", "reuters21578.jsonl.gz"))
    parser.add_argument("--anchors", default=os.path.join(ROOT, "..", "shared", "anchors"))
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()

    index_bin = os.path.join(args.build, "indexer", "gazette-index")
    server_bin = os.path.join(args.build, "server", "gazette-server")
    if not os.path.exists(args.corpus):
        sys.exit(f"live_updates: corpus {args.corpus} not found (use --corpus)")
    if not shutil.which("wrk"):
        sys.exit("live_updates: wrk is required (apt-get install wrk)")

    work = tempfile.mkdtemp(prefix="gazette-live-")
    server = wrk = None
    try:
        db = os.path.join(work, "db")
        subprocess.run([index_bin, "-q", "--show-errors", "0", "--db", db, args.corpus], check=False,
                       stderr=subprocess.DEVNULL)
        # The query log the benchmarks use: titles of the corpus, fixed seed.
        docs = os.path.join(work, "docs.jsonl")
        opener = gzip.open if args.corpus.endswith(".gz") else open
        with opener(args.corpus, "rb") as source, open(docs, "wb") as out:
            shutil.copyfileobj(source, out)
        with open(os.path.join(work, "queries.tsv"), "w") as f:
            subprocess.run([sys.executable, os.path.join(args.anchors, "make_queries.py"), docs, "2000", "3"],
                           stdout=f, check=True)

        server = subprocess.Popen([server_bin, "--db", db, "--port", "0", "--access-log", ""],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        address = re.search(r"http://([0-9.]+):(\d+)", server.stdout.readline())
        host, port = address.group(1), int(address.group(2))
        seconds = int(args.minutes * 60)
        env = dict(os.environ, QUERIES=os.path.join(work, "queries.tsv"), PARAMS="&snippet=100")
        wrk = subprocess.Popen(["wrk", "-t2", f"-c{args.connections}", f"-d{seconds + 5}s", "--timeout", "5s",
                                "-s", os.path.join(ROOT, "bench", "wrk_queries.lua"), f"http://{host}:{port}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        time.sleep(1)

        probe = http.client.HTTPConnection(host, port, timeout=5)
        delays, late, commits, index_failures = [], 0, 0, 0
        deadline = time.monotonic() + seconds
        n = 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            word = token(n)
            article = {"id": f"live-{n}", "title": f"Live update {word}", "body": f"A new article {word} committed now.",
                       "source": "Soak Wire", "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            done = subprocess.run([index_bin, "-q", "--db", db, "--format", "jsonl", "-"],
                                  input=json.dumps(article) + "\n", text=True, capture_output=True)
            committed = time.monotonic()  # the indexer exits after its commit is durable
            if done.returncode != 0:
                index_failures += 1
                print(f"indexer failed: {done.stderr.strip()}", file=sys.stderr)
            else:
                commits += 1
                while total_for(probe, word) < 1:
                    if time.monotonic() - committed > 10:
                        break
                    time.sleep(0.005)
                delay = time.monotonic() - committed
                delays.append(delay)
                late += delay > 1.0
            n += 1
            time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))

        wrk_out, _ = wrk.communicate(timeout=120)
        wrk = None
        probe.request("GET", "/metrics")
        metrics = probe.getresponse().read().decode()
        server_errors = sum(float(m.group(1)) for m in
                            re.finditer(r'^gazette_http_requests_total\{[^}]*status="5\d\d"[^}]*\} (\S+)', metrics, re.M))
        requests = re.search(r"^Requests/sec:\s*(\S+)", wrk_out, re.M)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk_out)
        errors = re.search(r"^errors: (.*)$", wrk_out, re.M)
        latency = re.search(r"^latency (.*)$", wrk_out, re.M)
        delays.sort()
        pct = lambda p: delays[min(len(delays) - 1, int(p * len(delays)))] * 1000
        print(f"{seconds} s, {args.connections} connections: {requests.group(1) if requests else '?'} searches/s, "
              f"{latency.group(1) if latency else '?'}")
        print(f"wrk {errors.group(1) if errors else '?'}; non-2xx {non2xx.group(1) if non2xx else 0}; "
              f"server 5xx {int(server_errors)}")
        print(f"{commits} commits ({index_failures} failed); visible after commit: median {pct(0.5):.1f} ms, "
              f"p99 {pct(0.99):.1f} ms, max {delays[-1] * 1000:.1f} ms; later than 1 s: {late}")
        ok = (commits > 0 and index_failures == 0 and late == 0 and server_errors == 0 and not non2xx
              and errors and re.fullmatch(r"connect 0, read 0, write 0, status 0, timeout 0", errors.group(1)))
        print("PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        for p in (wrk, server):
            if p and p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
