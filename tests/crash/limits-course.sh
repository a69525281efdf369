#!/bin/bash
# Very large course sources at rounds-pack and rounds install: a 100 MB lesson is refused
# with a clear message; a GIFT file with 100,000 questions passes check and one more is
# refused at its line; many lessons pass check; packages with many questions and lessons
# build, install and verify. Peak RSS (GNU time) stays under a bound throughout.
# Defaults keep it fast: builds use 10,000 questions and 1,000 lessons; ROUNDS_LIMITS_FULL=1
# uses the full 100,000 questions and 10,000 lessons (check of 10,000 lessons takes about
# 2 minutes under ASan, 1.4 s without).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/crash/crash-lib.sh"
[ -x /usr/bin/time ] || t_skip_all "GNU time is not installed (apt-get install time)"
BOUND=${ROUNDS_LIMITS_RSS_KIB:-262144}	# 256 MiB, generous for a sanitizer build
export ROUNDS_HOME=$T/home
cd "$T"
rounds-pack keygen -W -p a.pub -s a.key >/dev/null
rounds trust a.pub >/dev/null

# course DIR ID: an empty course.
course() {
	mkdir -p "$1"
	printf -- '---\nid: %s\ntitle: Limits\nversion: 1.0.0\nlanguage: en\n---\n\n# Limits\n' "$2" > "$1/course.md"
}
# gift FILE N: N true/false questions.
gift() { awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "::q%d:: %d + 1 is even {T}\n\n", i, i }' > "$1"; }
# lessons DIR N: N short lessons, 20 per module.
lessons() {
	awk -v d="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) {
		m = sprintf("%s/%03d-mod-%d", d, int(i / 20) + 1, int(i / 20) + 1)
		if (i % 20 == 0) system("mkdir -p " m)
		f = sprintf("%s/%02d-lesson-%d.md", m, i % 20 + 1, i)
		printf "# Lesson %d\n\nSome text about topic %d.\n\n- one\n- two\n", i, i > f; close(f) } }'
}
# bounded DESC WANT_STATUS PATTERN CMD...: exit status, a stderr line (PATTERN, may be
# empty for none wanted) and peak RSS within the bound; prints time and peak.
bounded() {
	local desc=$1 want=$2 pat=$3 r t0 t1; shift 3
	t0=$(date +%s%N); r=$(peak_kib "$@"); t1=$(date +%s%N)
	echo "# $desc: exit ${r% *}, $(( (t1 - t0) / 1000000 )) ms, peak ${r#* } KiB"
	if [ "${r% *}" = "$want" ] && [ "${r#* }" -le "$BOUND" ] &&
	   { [ -z "$pat" ] || grep -Eq -- "$pat" "$T/peak.err"; }; then t_pass "$desc"
	else t_fail "$desc (exit ${r% *}, want $want; peak ${r#* } KiB, bound $BOUND)"; t_diag "$T/peak.err"; fi
}

course big org.example.big
mkdir big/01-m
yes 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.' |
	head -c 104857600 > big/01-m/01-huge.md
bounded "a 100 MB lesson: check refuses it, naming the file and the limit" 1 \
	"big/01-m/01-huge.md:1:1: error: file too large \(104857600 bytes, limit [0-9]+\)" rounds-pack check big
bounded "a 100 MB lesson: build refuses it too" 1 "01-huge.md:1:1: error: file too large" \
	rounds-pack build big -k a.key -o big.course
t_same "no package is written" "$(ls big.course 2>/dev/null)" ""

course q org.example.quiz
mkdir q/01-m
gift q/01-m/01-quiz.gift 100000
bounded "100,000 questions in one GIFT file pass check" 0 "" rounds-pack check q
echo '::one-more:: too many {T}' >> q/01-m/01-quiz.gift
bounded "100,001 questions: refused at the question's line" 1 \
	"01-quiz.gift:200001:1: error: more than 100000 questions in one file" rounds-pack check q
if [ -n "${ROUNDS_LIMITS_FULL:-}" ]; then nq=100000 nl=10000; else nq=10000 nl=1000; fi
gift q/01-m/01-quiz.gift $nq
bounded "$nq questions build into a package" 0 "" rounds-pack build q -k a.key -o q.course
bounded "the package of $nq questions installs" 0 "" rounds install q.course
bounded "and verifies" 0 "" rounds verify org.example.quiz

course l org.example.lessons
lessons l $nl
bounded "$nl lessons in $((nl / 20)) modules pass check" 0 "" rounds-pack check l
bounded "$nl lessons build into a package" 0 "" rounds-pack build l -k a.key -o l.course
bounded "the package of $nl lessons installs" 0 "" rounds install l.course
bounded "and verifies" 0 "" rounds verify org.example.lessons
t_same "rounds list shows both courses" "$(rounds list --json | grep -c '"id"')" 2
t_done
