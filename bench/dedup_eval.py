#!/usr/bin/env python3
"""Precision and recall of Gazette's story grouping against exact shingle overlap.

usage: dedup_eval.py DOCS.jsonl[.gz] STORIES.tsv
STORIES.tsv: lines "id<TAB>story" as exported from the index.

Ground truth is computed exactly, independently of the MinHash estimate the engine uses: the
Jaccard similarity of the lower-cased word 3-shingle sets of the same text the engine
fingerprints (the body when it has 40 words or more, else title + summary + body).
  recall    = share of document pairs with Jaccard >= T (T = 0.8, 0.9, and identical texts)
              that the engine put in one story;
  precision = share of pairs the engine put in one story whose Jaccard is >= 0.5 (plainly
              versions of one text) -- and >= 0.7.
"""
import collections, gzip, itertools, json, re, sys

def text_of(d):
    body = d.get("body") or ""
    words = re.findall(r"\w+", body.lower())
    if len(words) >= 40:
        return words
    return re.findall(r"\w+", " ".join([d.get("title") or "", d.get("summary") or "", body]).lower())

opener = gzip.open if sys.argv[1].endswith(".gz") else open
shingles = {}
with opener(sys.argv[1], "rt", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        w = text_of(d)
        if len(w) < 8:
            continue
        shingles[str(d["id"])] = frozenset(zip(w, w[1:], w[2:]))

story = {}
for line in open(sys.argv[2], encoding="utf-8"):
    i, s = line.rstrip("\n").split("\t")
    story[i] = s

def jaccard(a, b):
    x, y = shingles[a], shingles[b]
    return len(x & y) / len(x | y) if x or y else 0.0

# Candidate pairs for the ground truth: documents sharing a rare shingle (df <= 64). Any pair
# with Jaccard >= 0.5 shares most of its shingles, so it shares rare ones unless the text is
# boilerplate repeated in more than 64 documents -- those are added from the engine's own
# clusters below, so precision is exact and recall can only be over-estimated for them.
postings = collections.defaultdict(list)
for i, s in shingles.items():
    for sh in s:
        postings[sh].append(i)
shared = collections.Counter()
for docs in postings.values():
    if 2 <= len(docs) <= 64:
        for a, b in itertools.combinations(sorted(docs), 2):
            shared[(a, b)] += 1
truth = {}
for (a, b), n in shared.items():
    if n >= 2:
        j = jaccard(a, b)
        if j >= 0.5:
            truth[(a, b)] = j

clusters = collections.defaultdict(list)
for i, s in story.items():
    if i in shingles:
        clusters[s].append(i)
grouped = set()
for members in clusters.values():
    for a, b in itertools.combinations(sorted(members), 2):
        grouped.add((a, b))

def recall(threshold, identical=False):
    pairs = [p for p, j in truth.items() if (shingles[p[0]] == shingles[p[1]] if identical else j >= threshold)]
    found = sum(1 for p in pairs if p in grouped)
    return found, len(pairs)

def precision(threshold):
    good = sum(1 for p in grouped if (truth.get(p) if p in truth else jaccard(*p)) >= threshold)
    return good, len(grouped)

print(f"documents={len(shingles)} stories={len(clusters)} grouped_pairs={len(grouped)}")
for label, (found, total) in [("identical", recall(1.0, True)), ("J>=0.9", recall(0.9)), ("J>=0.8", recall(0.8))]:
    print(f"recall    {label:9s} {found}/{total} = {found / total if total else 0:.4f}")
for t in (0.5, 0.7):
    good, total = precision(t)
    print(f"precision J>={t:<6} {good}/{total} = {good / total if total else 0:.4f}")
