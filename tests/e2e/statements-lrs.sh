#!/bin/sh
# Every kind of statement the player writes (lesson opened, read, completed; an image stack
# seen; every question type of a quiz and of a knowledge check; a choice at a decision of a
# case; quiz passed or failed) is one an LRS takes and
# can analyse: checked with Learning Locker's validator (tests/xapi, installed by
# scripts/quickstart with npm ci, never fetched here) and field by field against the id
# grammar of DESIGN.md, after a real export and import.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
VALIDATOR=$top_srcdir/tests/xapi
if [ ! -d "$VALIDATOR/node_modules/@learninglocker/xapi-validation" ] || ! command -v node >/dev/null; then
	[ "${ROUNDS_REQUIRE_LRS_TOOLS:-no}" = yes ] &&
		{ t_fail "Learning Locker's validator is installed (npm ci --prefix tests/xapi)"; t_done; exit 1; }
	t_skip_all "Learning Locker's validator is not installed (npm ci --prefix tests/xapi)"
fi
cd "$T" || exit 1
rounds-pack keygen -W -p a.pub -s a.key >/dev/null
rounds-pack build "$top_srcdir/tests/fixtures/courses/good" -k a.key -o good.course --level 1 >/dev/null
# and a course with an image stack (its frames drawn by a script)
cp -r "$top_srcdir/tests/fixtures/courses/stack" stack && chmod -R u+w stack
python3 "$top_srcdir/tests/tools/stackframes.py" stack/images/lad-run 4
rounds-pack build stack -k a.key -o stack.course --level 1 >/dev/null
# and one of image questions (format 2), its pictures drawn too
cp -r "$top_srcdir/tests/fixtures/courses/imaging" imaging && chmod -R u+w imaging
python3 "$top_srcdir/tests/fixtures/courses/draw-frames.py" imaging/images
rounds-pack build imaging -k a.key -o imaging.course --level 1 >/dev/null
export ROUNDS_HOME=$T/home
rounds trust a.pub >/dev/null
t_ok "the course installs" rounds install good.course
t_ok "so does the course with a stack" rounds install stack.course
t_ok "and the course of image questions" rounds install imaging.course
rounds device --site wardA --site-url https://hospital.example/rounds >/dev/null
t_ok "one learner goes through every lesson, question and quiz" \
	"$top_builddir/tests/tools/record-all" "$ROUNDS_HOME" "$ROUNDS_HOME/courses/org.rounds.test-good" \
	"$ROUNDS_HOME/courses/org.test.stack" "$ROUNDS_HOME/courses/org.test.imaging"
mkdir out
t_ok "the terminal exports" rounds export -o out
f=$(ls out/*.progress)
t_ok "the collector enrols and imports it" rounds-collect import --db c.db --enrol wardA "$f"
rounds-collect statements --db c.db > all.jsonl
t_same "every statement came through" "$(wc -l < all.jsonl)" "$(sqlite3 "$ROUNDS_HOME/progress.db" 'SELECT count(*) FROM statements')"
t_ok "Learning Locker's validator accepts every statement" node "$VALIDATOR/validate.js" < all.jsonl
t_diag "$T/.out"
# Field by field: the id grammar, the interaction of each question type, the actor's site
# URL, the registration every terminal computes alike, the course's language.
cat > check.py <<'PY'
import json, re, sys, uuid
seg = r"[a-z0-9][a-z0-9.-]*"
grammar = re.compile(r"^urn:rounds:course:(?P<c>[a-z0-9.-]+)(/(?P<k>lesson|quiz)/(?P<m>%s)/(?P<n>%s)(/(?P<p>question|decision|stack)/(?P<x>%s))?)?$" % (seg, seg, seg))
ns = uuid.UUID("6b1e0c2d-934f-4a8e-b527-61d03c9a48f2")
want_types = {"choice": "choice", "multi": "choice", "tf": "true-false", "short": "fill-in",
    "numerical": "numeric", "range": "numeric", "match": "matching", "missing": "choice",
    "essay": "long-fill-in", "malapposed-strut": "other", "lumen-diameter": "other",
    "quiz-strut": "other", "run-lumen": "other", "run-diameter": "other"}
seen, problems = set(), []
for line in open(sys.argv[1]):
    s = json.loads(line)
    oid = s["object"]["id"]
    m = grammar.match(oid)
    if not m:
        problems.append("object id outside the grammar: " + oid); continue
    for p in s.get("context", {}).get("contextActivities", {}).get("parent", []):
        if not grammar.match(p["id"]):
            problems.append("parent id outside the grammar: " + p["id"])
    acc = s["actor"]["account"]
    if acc["homePage"] != "https://hospital.example/rounds":
        problems.append("homePage " + acc["homePage"])
    if s["context"]["registration"] != str(uuid.uuid5(ns, "wardA/%s/%s" % (acc["name"], m["c"]))):
        problems.append("registration is not UUIDv5(site/learner/course): " + oid)
    if list(s["object"]["definition"]["name"].keys()) != ["en"] or s["context"].get("language") != "en":
        problems.append("language tags: " + oid)
    verb = s["verb"]["display"]["en-US"]
    seen.add((verb, m["k"], m["p"]))
    if verb == "answered":
        d = s["object"]["definition"]
        q = m["x"]
        if d.get("type") != "http://adlnet.gov/expapi/activities/cmi.interaction" or m["p"] != "question":
            problems.append("answer object: " + oid)
        if q in want_types and d.get("interactionType") != want_types[q]:
            problems.append("%s: interactionType %s" % (q, d.get("interactionType")))
        r = s.get("result", {})
        if q == "essay" and ("score" in r or "success" in r):
            problems.append("an essay has a score or success before it is marked")
        if d.get("interactionType") == "other":
            if not re.fullmatch(r"\d+,\d+(\[,\]\d+,\d+)*", r.get("response", "")) or \
                    "score" not in r or "success" not in r:
                problems.append("%s: marks as x,y pairs, a score and success" % q)
        elif q != "essay" and ("correctResponsesPattern" not in d or "score" not in r):
            problems.append("%s: no correctResponsesPattern or score" % q)
        if q == "choice" and (not d.get("choices") or not re.fullmatch(r"\d+", r.get("response", ""))):
            problems.append("choice: components or response")
        if q == "match" and (not d.get("source") or not d.get("target") or "[.]" not in r.get("response", "")):
            problems.append("matching: components or response")
        seen.add(("q", q))
    if verb == "responded":
        d = s["object"]["definition"]
        r = s.get("result", {})
        if d.get("type") != "http://adlnet.gov/expapi/activities/cmi.interaction" or m["p"] != "decision":
            problems.append("decision object: " + oid)
        if d.get("interactionType") != "choice" or len(d.get("choices", [])) < 2:
            problems.append("decision: no choice interaction with its choices: " + oid)
        if not re.fullmatch(r"\d+", r.get("response", "")) or \
                r["response"] not in [c["id"] for c in d.get("choices", [])]:
            problems.append("decision: the response is not one of the choices: " + oid)
        if "success" in r or "score" in r:
            problems.append("decision: a choice is not graded: " + oid)
    if m["p"] == "stack":
        d = s["object"]["definition"]
        if verb != "experienced" or d.get("type") != "http://adlnet.gov/expapi/activities/media" \
                or m["x"] != "lad-run" or d["name"].get("en") != "LAD pullback" or "result" in s:
            problems.append("stack: experienced, a media activity named by its title: " + oid)
for want in [("experienced", "lesson", None), ("completed", "lesson", None),
             ("answered", "quiz", "question"), ("answered", "lesson", "question"),
             ("responded", "lesson", "decision"), ("experienced", "lesson", "stack")]:
    if want not in seen:
        problems.append("no statement of kind %s" % (want,))
if ("passed", "quiz", None) not in seen and ("failed", "quiz", None) not in seen:
    problems.append("no quiz result")
for q in want_types:
    if ("q", q) not in seen:
        problems.append("no answer to the %s question" % q)
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
t_ok "every statement follows the grammar, with the interaction of its question type" \
	python3 check.py all.jsonl
t_diag "$T/.out"
t_done
