#!/bin/sh
# Moodle question banks as they are: GIFT files covering every construct of Moodle's three
# public example files, and an Aiken file, check and build unchanged and mean what Moodle
# reads (distractors, catch-all feedback, format markers removed, titles used twice); what
# an older player would misread makes the package format 2, and plain banks stay format 1.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
fx=$top_srcdir/tests/fixtures/gift
cd "$T" || exit 1

rounds-pack new bank --id org.test.bank --title "Moodle banks" >/dev/null
m=bank/01-first-module
cp "$fx/moodle-examples.gift" $m/03-examples.gift
cp "$fx/moodle-questions.gift" $m/04-questions.gift
cp "$fx/moodle-category.gift" $m/05-category.gift
cp "$fx/moodle.aiken.txt" $m/06-basics.aiken.txt
t_ok "check accepts the banks unchanged" rounds-pack check bank
t_grep "a title used twice gets a numbered id, with a warning" \
	"^$m/03-examples.gift:123:1: warning: question id 'insulin-site' is already used by the question at line 117: this one gets the id 'insulin-site-2'" \
	"$T/.err"
t_grep "an Aiken quiz is read" "^bank: 1 module, 6 items, 61 questions" "$T/.out"

rounds-pack keygen -W -p k.pub -s k.key >/dev/null
t_ok "the banks build" rounds-pack build bank -k k.key -o bank.course --level 1
mkdir x && (cd x && tar --zstd -xf ../bank.course)
q() { sqlite3 x/course.db "$1"; }
t_same "a catch-all, a wildcard or two right answers make format 2" \
	"$(python3 -c 'import json; print(json.load(open("x/manifest.json"))["format"])')" 2
t_same "and course.db version 2" "$(q 'pragma user_version')" 2
t_same "no format marker reaches a learner" \
	"$(q "select count(*) from answers where text like '[%]%' or feedback like '[%]%'")" 0
t_same "the numerical catch-all has no number and keeps its feedback" \
	"$(q "select a.text, a.feedback, a.num_value is null from answers a join questions q on q.id = a.question_id where q.qid = 'n5' and a.pos = 2")" \
	"*|Completely wrong|1"
t_same "the matching distractor is stored with its right side" \
	"$(q "select count(*) from answers a join questions q on q.id = a.question_id where q.qid = 'sterile-field' and a.text = '' and a.match = 'Clean'")" 1
t_same "the Aiken quiz: two single choices, positional ids" \
	"$(q "select group_concat(q.qid || ':' || q.type, ' ') from questions q join items i on i.seq = q.item_seq where i.id = 'first-module/basics'")" \
	"q1:choice q2:choice"

rounds-pack new plain --id org.test.plain --title "Plain bank" >/dev/null
cp "$fx/moodle-examples.gift" plain/01-first-module/03-examples.gift
t_ok "a bank without such questions builds" rounds-pack build plain -k k.key -o plain.course --level 1
mkdir y && (cd y && tar --zstd -xf ../plain.course)
t_same "and stays format 1" \
	"$(python3 -c 'import json; print(json.load(open("y/manifest.json"))["format"])')" 1
t_done
