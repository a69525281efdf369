#!/bin/sh
# rounds-pack inspect reports what a package holds, and its counts agree with the course.db
# inside the package as sqlite3 reads it; damaged packages and wrong keys are refused.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
cd "$T"
mkdir tmp && TMPDIR=$T/tmp && export TMPDIR
rounds-pack keygen -W -p k.pub -s k.key >/dev/null
rounds-pack keygen -W -p o.pub -s o.key >/dev/null
rounds-pack build "$top_srcdir/tests/fixtures/courses/good" -k k.key -o c.course >/dev/null
mkdir x && (cd x && tar --zstd -xf ../c.course)
q() { sqlite3 x/course.db "$1"; }

t_ok "inspect reads a package" rounds-pack inspect c.course
cp "$T/.out" text
t_grep "it names the course" "^id: +org\.rounds\.test-good$" text
t_grep "and says the signature was not checked" "^signer: +key [0-9A-F]{16} \(signature not checked" text
t_grep "lesson count agrees with course.db" \
	"^lessons: +$(q "SELECT count(*) FROM items WHERE kind='lesson'") " text
t_grep "question count agrees with course.db" "^questions: +$(q 'SELECT count(*) FROM questions')( |$)" text
t_grep "asset count agrees with the archive" "^assets: +$(ls x/assets | wc -l) " text

t_ok "inspect --json -p verifies and prints JSON" rounds-pack inspect c.course --json -p k.pub
cp "$T/.out" json
t_same "the JSON says the signature was verified" \
	"$(python3 -c 'import json,sys; print(json.load(open("json"))["signature_verified"])')" True
t_same "the JSON counts questions by type as course.db does" \
	"$(python3 -c 'import json; t=json.load(open("json"))["question_types"]; print(" ".join("%s=%d" % (k, v) for k, v in sorted(t.items()) if v))')" \
	"$(q "SELECT group_concat(type || '=' || n, ' ') FROM (SELECT type, count(*) n FROM questions GROUP BY type ORDER BY type)")"
t_same "the JSON lists every module" \
	"$(python3 -c 'import json; print(" ".join(m["id"] for m in json.load(open("json"))["modules"]))')" \
	"$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM modules ORDER BY seq)")"

t_same "the text lists every lesson and quiz with its id and title, in reading order" \
	"$(sed -n 's/^  \(lesson\|quiz\) *\([^ ]*\)  *\(.*\)$/\1 \2 \3/p' text)" \
	"$(q "SELECT kind || ' ' || id || ' ' || title FROM items ORDER BY seq")"
t_same "and every question under its item with its id and type" \
	"$(sed -n 's/^    question  \([^ ]*\)  *\([a-z]*\) .*$/\1 \2/p' text)" \
	"$(q "SELECT q.qid || ' ' || q.type FROM questions q JOIN items i ON i.seq = q.item_seq ORDER BY i.seq, q.block, q.pos")"
t_same "the JSON lists the same items and questions" \
	"$(python3 -c 'import json; [print(" ".join([i["kind"], i["id"]] + [q["id"] for q in i["questions"]])) for i in json.load(open("json"))["items"]]')" \
	"$(q "SELECT i.kind || ' ' || i.id || ' ' || coalesce((SELECT group_concat(qid, ' ') FROM (SELECT qid FROM questions WHERE item_seq = i.seq ORDER BY block, pos)), '') FROM items i ORDER BY seq" | sed 's/ $//')"

rounds-pack build "$top_srcdir/tests/fixtures/courses/case" -k k.key -o case.course >/dev/null 2>&1
t_ok "inspect reads a course with a case" rounds-pack inspect case.course
t_grep "and lists its decisions by id with their question" "^    decision  [a-z0-9.-]+ +[A-Z].*" "$T/.out"
t_same "as many as the case's decision blocks" "$(grep -c '^    decision  ' "$T/.out")" \
	"$(cat "$top_srcdir"/tests/fixtures/courses/case/*/*.md | grep -c '^```decision')"

t_exit "inspect -p with another key is refused" 1 "signed by key" rounds-pack inspect c.course -p o.pub
head -c 2000 c.course > cut.course
t_exit "a truncated package is refused in one line" 1 "^rounds-pack: error: " rounds-pack inspect cut.course
t_same "with exactly one line on stderr" "$(wc -l < "$T/.err")" 1
t_exit "a missing file is named" 1 "nope\.course" rounds-pack inspect nope.course
t_exit "inspect without a file is a usage error" 2 "^usage: rounds-pack inspect" rounds-pack inspect
t_same "inspect leaves no temporary folder behind" "$(ls tmp | wc -l)" 0
t_done
