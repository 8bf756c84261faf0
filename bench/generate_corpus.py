#!/usr/bin/env python3
"""Makes a larger, realistic news corpus from a real one, for the scale benchmark.

usage: generate_corpus.py SOURCE.jsonl[.gz] N SEED > corpus.jsonl

Every article gets a new id, a date spread over 2015-2025, one of 24 sources, the tags of the
article its title comes from, and a body recombined at sentence level from the whole source
(so the vocabulary and term statistics stay those of real news, while texts are new). About 3%
are near copies of an earlier generated article (a sentence changed), as wire copy is.
"""
import datetime, gzip, json, random, re, sys

source, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
opener = gzip.open if source.endswith(".gz") else open
titles, sentences = [], []
split = re.compile(r"(?<=[.!?])\s+")
with opener(source, "rt", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        body = " ".join((d.get("body") or "").split())
        if d.get("title"):
            titles.append((d["title"], [t for t in [d.get("category")] + (d.get("topics") or []) if t]))
        sentences.extend(s for s in split.split(body) if 20 <= len(s) <= 400)

sources = [f"{a} {b}" for a in ("Harbor", "Northern", "Valley", "Metro", "Prairie", "Coastline") for b in ("Daily", "Ledger", "Courier", "Times")]
start, span = 1420070400, 11 * 365 * 86400  # 2015-01-01 .. 2025-12-31
recent = []
for i in range(n):
    if recent and rng.random() < 0.03:
        base = dict(rng.choice(recent))
        parts = split.split(base["body"])
        parts[rng.randrange(len(parts))] = rng.choice(sentences)
        doc = dict(base, id=f"gen-{seed}-{i}", source=rng.choice(sources), body=" ".join(parts))
    else:
        title, tags = rng.choice(titles)
        body = " ".join(rng.choice(sentences) for _ in range(max(2, int(rng.gauss(8, 3)))))
        t = start + rng.randrange(span)
        published = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        doc = {"id": f"gen-{seed}-{i}", "title": title, "body": body, "source": rng.choice(sources),
               "tags": sorted(set(tags))[:3], "language": "en", "published": published}
    recent.append(doc)
    if len(recent) > 2000:
        recent.pop(rng.randrange(len(recent)))
    sys.stdout.write(json.dumps(doc) + "\n")
