#!/bin/sh
# rounds-pack build: the fixture course compiles into a package that stock tools check
# (tar, minisign, sha256sum, sqlite3); builds are byte-identical from any folder; image
# metadata is stripped and listed; identical images are stored once; keys from minisign work.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v minisign >/dev/null || t_skip_all "minisign is not installed"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
src="$top_srcdir/tests/fixtures/courses/good"
cd "$T"
minisign -G -W -p k.pub -s k.key >/dev/null 2>&1
export SOURCE_DATE_EPOCH=1700000000

t_ok "the good fixture builds with a 'minisign -G -W' key" rounds-pack build "$src" -k k.key
cp "$T/.out" build.out
t_ok "the default output is ./ID-VERSION.course" test -f org.rounds.test-good-1.2.0.course
t_grep "the summary counts lessons, quizzes, questions and assets" \
	"^wrote org.rounds.test-good-1.2.0.course: 3 lessons, 1 quiz, 11 questions, 2 assets, [0-9]+ bytes" build.out
t_grep "the PNG text chunk removal is listed" "good/images/fig.png: removed tEXt chunk 'Comment' \(38 bytes\)" build.out
t_grep "the JPEG EXIF removal is listed" "good/images/photo.jpg: removed EXIF \(APP1, 32 bytes\)" build.out
t_grep "the JPEG comment removal is listed" "good/images/photo.jpg: removed comment \(COM, 17 bytes\)" build.out

mkdir x && (cd x && tar --zstd -xf ../org.rounds.test-good-1.2.0.course)
t_same "entries in the documented order, assets sorted bytewise" \
	"$(tar --zstd -tf org.rounds.test-good-1.2.0.course)" \
	"$(printf 'manifest.json\nmanifest.json.minisig\ncourse.db\n'; tar --zstd -tf org.rounds.test-good-1.2.0.course | grep ^assets/ | LC_ALL=C sort)"
t_ok "minisign verifies the manifest" minisign -Vm x/manifest.json -p k.pub
t_grep "the trusted comment names the course and version" "course=org.rounds.test-good version=1.2.0" "$T/.out"
sums=$(cd x && python3 -c '
import json, hashlib
m = json.load(open("manifest.json"))
for f in m["files"]:
    print(f["sha256"] + "  " + f["path"])
' | sha256sum -c - 2>&1)
t_same "sha256sum confirms every file of the manifest" "$(echo "$sums" | grep -c ': OK$')" 3
t_same "assets are named by their SHA-256" "$(cd x/assets && for f in *; do [ "$(sha256sum "$f" | cut -c1-64)" = "${f%.*}" ] && echo ok; done | sort -u)" ok
t_ok "no patient metadata is left in the package" sh -c "! grep -rq 'Jane Doe\|Dr Who' x"
q() { sqlite3 x/course.db "$1"; }
t_same "course row" "$(q 'select id, version, pass_mark from course')" "org.rounds.test-good|1.2.0|75"
t_same "lessons and quizzes in reading order" "$(q 'select seq, kind, id from items order by seq')" \
"1|lesson|basics/scatter
2|lesson|basics/figures
3|quiz|basics/check
4|lesson|practice/daily-habits"
t_same "questions by type" "$(q 'select type, count(*) from questions group by type order by type')" \
"choice|3
description|1
essay|1
matching|1
multi|1
numerical|2
short|1
truefalse|1"
t_same "quiz settings from the header" "$(q 'select pass_mark, shuffle from quizzes')" "80|1"
t_same "full-text search finds a lesson" "$(q "select rowid from lesson_fts where lesson_fts match 'tungsten'")" 2
t_same "identical images are one asset" "$(q 'select count(*) from assets')" 2
t_same "image references keep their alt text" "$(q "select alt from images where item_seq = 1")" "The same gradient, stored once"
t_same "links are resolved to ids and anchors" "$(q "select href, target, anchor from links where item_seq = 1 order by pos")" \
"02-figures.md#reading-a-figure|basics/figures|reading-a-figure
#scatter-and-distance||scatter-and-distance"
t_same "schema version: 2, the format of a course with a case" "$(q 'pragma user_version')" 2
t_same "and the manifest says format 2" \
	"$(python3 -c 'import json; print(json.load(open("x/manifest.json"))["format"])')" 2

mkdir -p elsewhere/deeper && cp -r "$src" elsewhere/deeper/copy
(cd elsewhere && rounds-pack build deeper/copy -k ../k.key -o ../second.course >/dev/null 2>&1)
t_ok "two builds from different folders are byte-identical" cmp org.rounds.test-good-1.2.0.course second.course
SOURCE_DATE_EPOCH=1800000000 rounds-pack build "$src" -k k.key -o third.course >/dev/null 2>&1
t_ok "SOURCE_DATE_EPOCH changes the entry times" sh -c "! cmp -s org.rounds.test-good-1.2.0.course third.course"
t_same "every entry has the fixed time, owner 0/0 and mode 0644" \
	"$(tar --zstd -tvf third.course | awk '{print $1, $2}' | sort -u)" "-rw-r--r-- 0/0"
t_ok "--level 3 builds a package that minisign still verifies" rounds-pack build "$src" -k k.key -o fast.course --level 3

env ROUNDS_KEY_PASSWORD=pw rounds-pack keygen -p e.pub -s e.key >/dev/null
t_ok "an encrypted key works with its password" env ROUNDS_KEY_PASSWORD=pw rounds-pack build "$src" -k e.key -o enc.course
t_exit "a wrong password is refused" 1 "e.key" env ROUNDS_KEY_PASSWORD=nope rounds-pack build "$src" -k e.key -o bad.course
t_ok "nothing is written when the key fails" sh -c "! ls bad.course* 2>/dev/null | grep -q ."
t_exit "a missing key file is refused" 1 "nokey" rounds-pack build "$src" -k nokey -o bad.course
t_exit "build without -k is a usage error" 2 "^usage: rounds-pack build" rounds-pack build "$src"
t_exit "an out-of-range level is a usage error" 2 "level" rounds-pack build "$src" -k k.key --level 40
t_done
