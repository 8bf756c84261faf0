#!/usr/bin/env python3
"""Checks libgazette's layering: a file in common/src/<layer>/ includes internal headers only
from its own layer or lower ones, and names them by their folder ("index/schema.hpp").

Layers, lowest first:
  util      text, dates, JSON writing, errors, file-system helpers
  analysis  analyzer, stemming, stopwords, synonyms, word splitting
  ingest    byte sources, format readers, field mapping
  index     schema, document mapping, writer, bulk builds, shards, stories
  search    searcher, query building, facets, cursors, suggestions, result output
Public headers (<gazette/...>) belong to a layer too: the lowest one that implements what they
declare. A library file may include those of its own layer and the layers below.
Usage: check_layers.py [SOURCE_ROOT]; exit 1 listing every violation.
"""
import os
import re
import sys

LAYERS = ["util", "analysis", "ingest", "index", "search"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
PUBLIC_INCLUDE = re.compile(r'^\s*#\s*include\s+<gazette/([^>]+)>', re.M)
# Each public header's layer.
PUBLIC = {
    "error.hpp": "util", "export.hpp": "util", "version.hpp": "util",
    "article.hpp": "ingest", "input.hpp": "ingest",
    "index_writer.hpp": "index", "ingest.hpp": "index",
    "search.hpp": "search", "searcher.hpp": "search", "shards.hpp": "search", "json.hpp": "search",
    "gazette.hpp": "search",
}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    src = os.path.join(root, "common", "src")
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    problems = []
    for entry in sorted(os.listdir(src)):
        path = os.path.join(src, entry)
        if os.path.isfile(path) and entry.endswith((".cpp", ".hpp")):
            problems.append(f"common/src/{entry}: outside every layer folder ({', '.join(LAYERS)})")
        elif os.path.isdir(path) and entry not in rank:
            problems.append(f"common/src/{entry}/: not a layer ({', '.join(LAYERS)})")
    for layer in LAYERS:
        folder = os.path.join(src, layer)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not name.endswith((".cpp", ".hpp")):
                continue
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            for number, line in enumerate(text.splitlines(), 1):
                public = PUBLIC_INCLUDE.match(line)
                if public:
                    header = public.group(1)
                    where = f"common/src/{layer}/{name}:{number}"
                    if header not in PUBLIC:
                        problems.append(f"{where}: <gazette/{header}> has no layer in check_layers.py")
                    elif rank[PUBLIC[header]] > rank[layer]:
                        problems.append(f"{where}: {layer} includes <gazette/{header}> of the higher layer "
                                        f"{PUBLIC[header]}")
                    continue
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = match.group(1)
                where = f"common/src/{layer}/{name}:{number}"
                parts = target.split("/")
                if len(parts) != 2 or parts[0] not in rank:
                    problems.append(f'{where}: "{target}" does not name its layer folder')
                elif not os.path.exists(os.path.join(src, target)):
                    problems.append(f'{where}: "{target}" does not exist')
                elif rank[parts[0]] > rank[layer]:
                    problems.append(f'{where}: {layer} includes "{target}" from the higher layer {parts[0]}')
    for p in problems:
        print(p)
    print(f"{len(problems)} layering problem(s)" if problems else "layers ok: " + " < ".join(LAYERS))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
