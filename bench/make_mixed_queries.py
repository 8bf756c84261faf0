#!/usr/bin/env python3
"""Mixed query logs from news corpora, one file per kind of query, as people type them:
  short     1-2 content words of a title
  long      6-10 consecutive words of a body sentence
  subjects  whole titles as written (20 Newsgroups subjects: "Re: ...", punctuation and all)
  misspelt  1-3 title words, one of them with a letter dropped, doubled or two swapped
  absent    a title word and a word no article holds (made-up letters)
Each line is "qid<TAB>text". Seeded: the same inputs give the same logs.
usage: make_mixed_queries.py OUT_DIR PER_KIND SEED DOCS.jsonl[.gz]..."""
import gzip
import json
import os
import random
import re
import sys

STOP = set("a an the of to in on for and or but with by at from as is are was were be been it its this that these "
           "those after over into about up out new says say said will can not no his her their our your you we they "
           "he she i who what why how when re".split())


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def words_of(text):
    return [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if w.lower() not in STOP and len(w) > 2]


def misspell(word, rng):
    i = rng.randrange(len(word))
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop" or len(word) < 4:
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def main():
    out_dir, per_kind, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    titles, bodies = [], []
    for path in sys.argv[4:]:
        for doc in read(path):
            if doc.get("title"):
                titles.append(doc["title"])
            if doc.get("body"):
                bodies.append(doc["body"])
    rng.shuffle(titles)
    rng.shuffle(bodies)
    kinds = {k: [] for k in ("short", "long", "subjects", "misspelt", "absent")}
    for title in titles:
        if len(kinds["subjects"]) < per_kind and len(title) > 8:
            kinds["subjects"].append(" ".join(title.split()))
        words = [w for w in words_of(title) if len(w) > 3]
        if len(words) >= 2 and len(kinds["short"]) < per_kind:
            k = rng.choice([1, 2])
            start = rng.randrange(len(words) - k + 1)
            kinds["short"].append(" ".join(words[start:start + k]))
        if len(words) >= 3 and len(kinds["misspelt"]) < per_kind:
            k = rng.choice([1, 2, 3])
            start = rng.randrange(len(words) - k + 1)
            chosen = words[start:start + k]
            j = max(range(len(chosen)), key=lambda n: len(chosen[n]))
            if len(chosen[j]) >= 5:
                chosen[j] = misspell(chosen[j], rng)
                kinds["misspelt"].append(" ".join(chosen))
        if words and len(kinds["absent"]) < per_kind:
            made_up = "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(4))
            kinds["absent"].append(f"{rng.choice(words)} {made_up}")
    for body in bodies:
        if len(kinds["long"]) >= per_kind:
            break
        words = re.findall(r"[A-Za-z][A-Za-z'-]+", body)
        if len(words) < 12:
            continue
        k = rng.randint(6, 10)
        start = rng.randrange(len(words) - k + 1)
        kinds["long"].append(" ".join(words[start:start + k]).lower())
    os.makedirs(out_dir, exist_ok=True)
    mixed = []
    for kind, queries in kinds.items():
        with open(os.path.join(out_dir, kind + ".tsv"), "w", encoding="utf-8") as f:
            for n, q in enumerate(queries):
                q = q.replace("\t", " ")
                f.write(f"{kind}-{n}\t{q}\n")
                mixed.append(f"{kind}-{n}\t{q}\n")
    rng.shuffle(mixed)
    with open(os.path.join(out_dir, "mixed.tsv"), "w", encoding="utf-8") as f:
        f.writelines(mixed)


if __name__ == "__main__":
    main()
