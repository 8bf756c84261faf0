#!/usr/bin/env bash
# End to end through the real programs: index the sample data, search it, feed bad input, take
# the lock twice, delete. Crash safety has its own test (tests/soak/crash_harness.sh).
# Usage: cli_test.sh GAZETTE_INDEX GAZETTE_SEARCH SAMPLE_DATA_DIR
set -uo pipefail
index=$1 search=$2 samples=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-e2e-XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
failures=0
quietly() { "$@" >/dev/null 2>&1; }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
db=$work/db

# Index the sample data: every format, gzip and directories.
out=$("$index" --db "$db" "$samples" 2>"$work/err"); rc=$?
check "sample data indexes cleanly (exit 0)" test "$rc" = 0
check "summary counts 67 added" grep -q '^added 67, updated 0, deleted 0, skipped 0 in .* docs/s); the index holds 67 articles$' <<<"$out"
check "no progress bar when stderr is not a terminal" test ! -s "$work/err"

# Idempotent: the same input again updates in place.
out=$("$index" --db "$db" "$samples" 2>&1)
check "re-indexing updates, adds nothing" grep -q '^added 0, updated 67, deleted 0, skipped 0 .*holds 67 articles$' <<<"$out"

# The seed article is searchable.
out=$("$search" --db "$db" conjoined twins)
check "the seed article is found" grep -q 'id 000_f1d144996bf222f8' <<<"$out"
check "results show a snippet with highlights" grep -q '\*twins\*\|\*conjoined\*' <<<"$out"
out=$("$search" --db "$db" --json --limit 3 'title:bridge')
check "--json prints the result object" grep -q '^{"query":"title:bridge","total":{"value":[0-9]*,"relation":"eq"},"partial":false,"shards":{"total":1,"successful":1,"failed":\[\]},"hits":\[{"id":' <<<"$out"
out=$("$search" --db "$db" --source "Harbor Daily" --from 2023 --sort newest bridge)
check "filters and sort work from the command line" grep -q 'Harbor Daily' <<<"$out"
check "filters exclude other sources" bash -c "! grep -q 'Gazette Wire' <<<\"\$1\"" _ "$out"
out=$("$search" --db "$db" 'lang:fr')
check "language field finds the French article" grep -q '^1 result$' <<<"$out"
out=$("$search" --db "$db" --get 000_f1d144996bf222f8)
check "--get prints the stored article" grep -q '"published":"2021-09-06T00:00:00Z"' <<<"$out"

# Repeatable options take one value each; -- ends the options.
out=$("$search" --db "$db" --json --tag transport bridge)
check "--tag takes one value; the next word is the query" grep -q '^{"query":"bridge"' <<<"$out"
out=$("$search" --db "$db" --json --qlang fr --lang fr éducation)
check "--lang takes one value too" grep -q '^{"query":"éducation"' <<<"$out"
out=$("$search" --db "$db" --json --facets source bridge)
check "--facets takes one comma-separated value" grep -q '^{"query":"bridge".*"facets":{"source":' <<<"$out"
out=$("$search" --db "$db" --json -- -bridge)
check "a query starting with - after --" grep -q '^{"query":"-bridge"' <<<"$out"

# TREC batch mode for evaluation tools.
printf 'q1\tbridge toll\nq2\theatwave wildfires\n' >"$work/queries.tsv"
out=$("$search" --db "$db" --queries "$work/queries.tsv" --format trec --limit 5)
check "TREC run lines" grep -qE '^q1 Q0 [^ ]+ 1 [0-9.]+ gazette$' <<<"$out"
check "TREC run covers both queries" grep -q '^q2 Q0 ' <<<"$out"
# A batch asks for ids and scores only (no count, no fields): the ranking stays a search's.
check "a TREC batch ranks as a single search does" \
  cmp -s <(grep '^q1 ' <<<"$out" | cut -d' ' -f3-) <("$search" --db "$db" --format trec -n 5 bridge toll | cut -d' ' -f3-)

# Bad input: reported as file:line: reason, skipped, good records kept, exit code 2.
printf '{"id":"g1","title":"Good one"}\n{"id":"b1","title":\n{"id":"b2","title":7}\n{"id":"g2","title":"Good two"}\n' >"$work/bad.jsonl"
out=$("$index" --db "$work/bad-db" "$work/bad.jsonl" 2>"$work/err"); rc=$?
check "rejected records give exit code 2" test "$rc" = 2
check "errors name file and line" grep -q "^$work/bad.jsonl:2: invalid JSON" "$work/err"
check "wrong types are explained" grep -q "^$work/bad.jsonl:3: field 'title' must be a string, not number" "$work/err"
check "good records around bad ones are indexed" grep -q '^added 2, .*skipped 2 ' <<<"$out"
"$index" --db "$work/bad-db2" --max-errors 1 "$work/bad.jsonl" >/dev/null 2>"$work/err"; rc=$?
check "--max-errors aborts with exit code 1" test "$rc" = 1
check "--max-errors says why" grep -q 'stopped after 1 errors' "$work/err"
"$index" --db "$work/x" "$work/missing.jsonl" >/dev/null 2>"$work/err"; rc=$?
check "a missing input fails with exit code 1" test "$rc" = 1
check "a missing input is named" grep -q "missing.jsonl: no such file or directory" "$work/err"
"$index" --db "$work/x" --batch-size 0 "$work/bad.jsonl" >/dev/null 2>&1; rc=$?
check "bad options give the usage exit code 64" test "$rc" = 64

# stdin, with the format sniffed or given.
out=$(printf '{"id":"s1","title":"From stdin"}\n' | "$index" --db "$work/stdin-db" - 2>&1)
check "JSON Lines from stdin" grep -q '^added 1,' <<<"$out"
out=$(gzip -c "$samples/regional/valley-courier.csv" | "$index" --db "$work/stdin-db" --format csv - 2>&1)
check "gzip CSV from stdin" grep -q '^added 8,' <<<"$out"

# Delete by id and from a file of ids.
printf '# ids to remove\nharbordaily.example#hd-2023-0412-harbor-bridge-toll-rejected\n' >"$work/ids.txt"
out=$("$index" --db "$db" --delete 000_f1d144996bf222f8 --delete-file "$work/ids.txt" 2>&1)
check "deletes are counted" grep -q '^added 0, updated 0, deleted 2, .*holds 65 articles$' <<<"$out"
out=$("$search" --db "$db" conjoined twins)
check "a deleted article is gone" grep -q '^0 results$' <<<"$out"

# One writer at a time: a second indexer gets a one-line message.
mkfifo "$work/fifo"
"$index" --db "$db" --format jsonl - <"$work/fifo" >/dev/null 2>&1 &
exec 7>"$work/fifo" # keeps the first indexer waiting on stdin, holding the lock
sleep 1
"$index" --db "$db" --delete x >/dev/null 2>"$work/err"; rc=$?
check "a second writer fails with exit code 1" test "$rc" = 1
check "a second writer is told about the lock" grep -qx "gazette-index: $db: another indexer holds the lock on this index" "$work/err"
check "the lock message is one line" test "$(wc -l <"$work/err")" = 1
exec 7>&-
wait

# A larger input for the progress bar.
for i in $(seq 1 30000); do
  printf '{"id":"k%d","title":"Crash test article %d","body":"Body text of article %d about markets and weather."}\n' "$i" "$i" "$i"
done >"$work/big.jsonl"
# The progress bar (forced here, since stderr is not a terminal) shows records, MB, rate and ETA.
"$index" --db "$work/progress-db" --progress always "$work/big.jsonl" >/dev/null 2>"$work/err"
check "progress bar shows records, MB, rate and ETA" grep -qE '[0-9]+ records +\[[#.]+\] [0-9.]+/[0-9.]+ MB +[0-9]+ rec/s +ETA [0-9]+:[0-9]{2}' "$work/err"
"$index" --db "$work/progress-db" -q "$work/big.jsonl" >"$work/out" 2>&1
check "--quiet prints nothing" test ! -s "$work/out"

# Ctrl-C says what it leaves: a bulk build is all or nothing; batches written directly are kept.
"$index" --db "$work/int-db" --progress always "$work/big.jsonl" >/dev/null 2>"$work/err" &
pid=$!
# Interrupted once it is reading (its progress bar shows), however slow the machine.
for _ in $(seq 1 200); do grep -q 'records' "$work/err" && break; sleep 0.05; done
kill -INT "$pid"; wait "$pid"; rc=$?
check "an interrupted build exits with 130" test "$rc" = 130
check "and says the new index is still empty" grep -q 'interrupted: a new index is built all at once, so it is still empty' "$work/err"
out=$(printf '{"id":"one","title":"One"}\n' | "$index" --db "$work/one-db" - 2>&1)
check "one article is one article" grep -q 'the index holds 1 article$' <<<"$out"

# A field mapping, on the command line before the inputs and in a config file.
printf '{"id":"m1","headline":"Mapped","text":"Mapped body","when":"2021-03-15"}\n' >"$work/mapped.jsonl"
"$index" --db "$work/map-db" --map when=published --map text=body "$work/mapped.jsonl" >/dev/null 2>"$work/err"
check "--map before the inputs takes one pair each" test "$?" = 0
check "the mapped fields are read" grep -q '"published":"2021-03-15T00:00:00Z"' <("$search" --db "$work/map-db" --json Mapped)
printf 'map = ["when=published", "text=body"]\n' >"$work/map.toml"
"$index" --db "$work/map-db2" --config "$work/map.toml" "$work/mapped.jsonl" >/dev/null 2>&1
check "a config file maps fields too" grep -q '"published":"2021-03-15T00:00:00Z"' <("$search" --db "$work/map-db2" --json Mapped)

# Warnings: a date that cannot be read costs the date, not the article.
printf '{"id":"u1","title":"Undated","published":"sometime soon"}\n' >"$work/undated.jsonl"
out=$("$index" --db "$work/undated-db" "$work/undated.jsonl" 2>"$work/err"); rc=$?
check "an unreadable date is not an error (exit 0)" test "$rc" = 0
check "it is a located warning" grep -q "undated.jsonl:1: warning: unreadable date \"sometime soon\", article kept undated" "$work/err"
check "counted in the summary" grep -q '^warnings: 1 (articles kept without an unreadable date: 1)$' <<<"$out"

# --show-errors 0 with --error-log: the log has them all, and the message says where.
"$index" --db "$work/log-db" --show-errors 0 --error-log "$work/errors.log" "$work/bad.jsonl" >/dev/null 2>"$work/err"
check "the error log has every error" test "$(wc -l <"$work/errors.log")" = 2
check "stderr names the log" grep -q "all of them are in $work/errors.log" "$work/err"

# A file of no known shape is one error, not hundreds.
cp "$samples/README.md" "$work/notes"
"$index" --db "$work/readme-db" "$work/notes" >/dev/null 2>"$work/err"; rc=$?
check "a README is one clear error" grep -q "notes: not a format Gazette can tell" "$work/err"
check "and only one" test "$(wc -l <"$work/err")" = 1

# A time-partitioned archive of the same articles: the same answers, Xapian's tools open it,
# and old partitions are sealed and dropped by age.
arc=$work/archive one=$work/one
"$index" --db "$one" -q "$samples"
out=$("$index" --db "$arc" --partition year "$samples" 2>&1)
check "an archive indexes the sample data" grep -q '^added 67, .*holds 67 articles$' <<<"$out"
check "its stub lists a settings part, then one database per year" \
  bash -c 'head -2 "$1/XAPIANDB" | tr "\n" " " | grep -q "^glass meta glass 2019 $"' _ "$arc"
check "the same ranking and scores as one index" \
  cmp -s <("$search" --db "$one" --format trec -n 100 bridge harbor council) <("$search" --db "$arc" --format trec -n 100 bridge harbor council)
check "the same facets" cmp -s <("$search" --db "$one" --json -n 0 --facets source,tag,lang,month,year '' | sed 's/"took_ms":[0-9.]*,//') \
  <("$search" --db "$arc" --json -n 0 --facets source,tag,lang,month,year '' | sed 's/"took_ms":[0-9.]*,//')
check "xapian-delve opens the archive as one database" bash -c 'xapian-delve "$1" | grep -q "number of documents = 67"' _ "$arc"
out=$("$index" --db "$arc" --partition month --partitions 2>&1); rc=$?
check "the partitioning is fixed at creation" bash -c '[ "$1" = 1 ] && grep -q "partitioned by year, not by month" <<<"$2"' _ "$rc" "$out"
out=$("$index" --db "$arc" --partitions)
check "--partitions lists each year and its articles" grep -q '^2019 *10 articles$' <<<"$out"
out=$("$index" --db "$arc" --seal-older-than 1y)
check "old partitions are sealed" grep -q '^sealed partitions: 2019, 2020' <<<"$out"
check "and marked so" bash -c '"$1" --db "$2" --partitions | grep -q "^2019 .*sealed$"' _ "$index" "$arc"
out=$("$index" --db "$arc" --drop-older-than 2000y)
check "nothing is dropped that is younger than the age given" grep -q '^dropped partitions: none$' <<<"$out"
out=$("$index" --db "$arc" --drop-older-than 1d)
check "old partitions are dropped with their articles" grep -q '^dropped partitions: 2019, 2020, ' <<<"$out"
left=$(xapian-delve "$arc" | sed -n 's/^number of documents = //p')
check "the summary counts what is left after the drop" grep -q "the index holds $left articles\$" <<<"$out"
check "the archive is left empty of them" test ! -e "$arc/2019"
out=$("$index" --db "$db" --seal-older-than 1y 2>&1); rc=$?
check "sealing a single index is a clear error" bash -c '[ "$1" = 1 ] && grep -q "applies to a time-partitioned archive" <<<"$2"' _ "$rc" "$out"

# A rebuild: built beside the index, swapped in at the end; archives are not rebuilt in place.
rebuilt=$work/rebuilt
"$index" -q --db "$rebuilt" "$samples"
out=$("$index" --db "$rebuilt" --rebuild --replication 20 "$samples/wire" 2>&1)
check "--rebuild replaces the index by one of the inputs given" grep -q '^added 30, updated 0, .*holds 30 articles$' <<<"$out"
check "and leaves nothing beside it" bash -c '! ls -d "$1".gazette-* 2>/dev/null | grep -v lock' _ "$rebuilt"
out=$("$index" --db "$arc" --rebuild "$samples/wire" 2>&1); rc=$?
check "rebuilding an archive in place is a clear error" bash -c '[ "$1" = 1 ] && grep -q "is not rebuilt in place" <<<"$2"' _ "$rc" "$out"

# Articles without a language: read from their text when the index is made to.
undeclared=$work/undeclared.jsonl
printf '%s\n' '{"id":"de-1","title":"Neue Häuser für die Altstadt","body":"Die Stadt baut am Hafen neue Häuser und Wohnungen, teilte die Verwaltung am Montag mit."}' >"$undeclared"
"$index" -q --detect-language --db "$work/detected" "$undeclared"
out=$("$search" --db "$work/detected" --json Haus)
check "an undeclared German article is stemmed as German" grep -q '"language":"de"' <<<"$out"
"$index" -q --db "$work/undetected" "$undeclared"
out=$("$search" --db "$work/undetected" --json Haus)
check "without --detect-language it is read in the index's language" grep -q '"total":{"value":0,' <<<"$out"

echo "$failures failure(s)"
[ "$failures" = 0 ]
