#!/bin/sh
# A terminal in German (de_DE.UTF-8, LANGUAGE=de) records, exports and a collector reports
# with a point in every number of the files: xAPI scores, export.json, the report's JSON
# and CSV. The player never sets LC_NUMERIC; its screens take the decimal mark elsewhere.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
locale -a 2>/dev/null | grep -qix de_de.utf8 ||
	t_fail "the locale de_DE.UTF-8 is installed (scripts/quickstart generates it)"
# t_nomatch DESC REGEX FILE: no line of FILE matches REGEX.
t_nomatch() {
	if grep -Eq -- "$2" "$3"; then t_fail "$1"; grep -E -- "$2" "$3" | head -3 | sed 's/^/#   /'
	else t_pass "$1"; fi
}
cd "$T"
rounds-pack keygen -W -p a.pub -s a.key >/dev/null
rounds-pack build "$top_srcdir/tests/fixtures/courses/good" -k a.key -o good.course --level 1 >/dev/null

export ROUNDS_HOME=$T/home LC_ALL=de_DE.UTF-8 LANGUAGE=de
rounds trust a.pub >/dev/null && rounds install good.course >/dev/null
rounds device --site wardA >/dev/null
"$top_builddir/tests/tools/record-all" "$ROUNDS_HOME" "$ROUNDS_HOME/courses/org.rounds.test-good" >/dev/null
mkdir out && rounds export -o out >/dev/null
f=$(ls out/*.progress)
mkdir x && tar --zstd -C x -xf "$f"

# scores such as 0.5 are written as JSON numbers: a decimal comma would not even parse
t_ok "the statements parse as JSON" python3 -c '
import json, sys
for line in open(sys.argv[1]): json.loads(line)' x/statements.jsonl
t_ok "some scores are fractions (the check below has something to see)" \
	grep -Eq '"scaled": ?0\.[0-9]' x/statements.jsonl
t_nomatch "no number in the statements has a decimal comma" \
	'"(scaled|raw|min|max)": ?-?[0-9]+,[0-9]' x/statements.jsonl
t_ok "export.json parses as JSON" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' x/export.json

rounds-collect trust --db c.db a.pub >/dev/null
rounds-collect courses add --db c.db good.course >/dev/null
rounds-collect import --db c.db --enrol wardA "$f" >/dev/null
rounds-collect report --db c.db --json >report.json
t_ok "the report's JSON parses" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' report.json
t_ok "and holds a fractional score with a point" grep -Eq '"best_score": ?[0-9]+\.[0-9]' report.json
rounds-collect report --db c.db --csv --course org.rounds.test-good >report.csv
t_ok "the CSV report has a fractional score with a point" grep -Eq ',[0-9]+\.[0-9]+,' report.csv
t_nomatch "and no number with a decimal comma (quoted, as a comma in a field is)" \
	'"-?[0-9]+,[0-9]+"' report.csv
t_ok "every row has the header's columns (an unquoted decimal comma would add one)" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
sys.exit(0 if len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows) else 1)' report.csv
rounds-collect statements --db c.db >all.jsonl
t_ok "the statements for an LRS parse as JSON" python3 -c '
import json, sys
for line in open(sys.argv[1]): json.loads(line)' all.jsonl
t_done
