#!/bin/sh
# Image questions in rounds-pack: check reports each broken key of an ```image-question
# block at its line and column (a target outside the image, an unknown shape, a polygon of
# fewer than 3 corners, a measure without a scale, an unknown key, no ask, no target, a
# frame beyond its stack, a measure on a stack without pixel-spacing), prose in a Markdown
# quiz; a course with image questions in lessons (on images and on frames of a stack) and in
# a NN-name.quiz.md beside GIFT builds as format 2 with its rows in course.db, and installs.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
fx=$top_srcdir/tests/fixtures/courses
cd "$T" || exit 1

cp -r "$fx/imaging" good && chmod -R u+w good
t_ok "the frames are drawn" python3 "$fx/draw-frames.py" good/images
t_ok "the imaging course checks" rounds-pack check good

cp -r good bad
lesson=bad/01-imaging/01-oct.md
cat > "$lesson" <<'L'
# Broken

```image-question
image: ../images/oct-strut.png
ask: Mark it.
target: circle 300 100 40
target: hexagon 1 2 3
target: polygon 10 10 20 20
  colour: red
```

```image-question
image: ../images/ivus-lumen.png
ask: Measure it.
measure: distance 2.4 mm ± 0.3
```

```image-question
image: ../images/oct-strut.png
target: circle 10 10 5
```

```image-question
image: ../images/oct-strut.png
ask: Nothing to mark.
```

```image-question
image: ../images/oct-run/
frame: 121
ask: Mark it on the run.
target: circle 10 10 5
```
L
# the run's stack.txt loses its pixel-spacing: 04-run.md's measure has no scale left
sed -i '/pixel-spacing/d' bad/images/oct-run/stack.txt
t_exit "check refuses the broken image questions" 1 "errors?" rounds-pack check bad
cat > want <<'W'
bad/01-imaging/01-oct.md:6:9: error: the target reaches outside the image (320x320 pixels; it spans x 260 to 340, y 60 to 140)
bad/01-imaging/01-oct.md:7:9: error: unknown shape 'hexagon': a target is 'circle CX CY R', 'rect X Y W H' or 'polygon X1 Y1 X2 Y2 X3 Y3 ...'
bad/01-imaging/01-oct.md:8:9: error: a polygon needs at least 3 corners
bad/01-imaging/01-oct.md:9:3: error: unknown key 'colour' in an image question (it takes id, image, frame, ask, target, measure, scale, reference, right, wrong)
bad/01-imaging/01-oct.md:12:1: error: a measure needs a scale: add 'scale: 0.02 mm/px' (mm per image pixel)
bad/01-imaging/01-oct.md:18:1: error: image question without a question: add 'ask: ...'
bad/01-imaging/01-oct.md:23:1: error: image question without a target: add 'target: circle CX CY R' (or rect, polygon), or a 'measure:' line
bad/01-imaging/01-oct.md:30:8: error: frame 121 of image stack '../images/oct-run/', which has 120 frames
bad/01-imaging/04-run.md:17:1: error: a measure needs a scale: image stack '../images/oct-run/' has no pixel-spacing in its stack.txt; add one there or 'scale: 0.02 mm/px' here
W
grep ': error:' "$T/.err" > got
if diff -u want got > diff; then t_pass "each problem at its line and column"
else t_fail "each problem at its line and column"; t_diag diff; fi

cp -r good prose
printf '\nSome words a quiz would never show.\n' >> prose/01-imaging/03-check.quiz.md
t_exit "prose in a Markdown quiz is refused" 1 \
	"03-check.quiz.md:.*error: a quiz written in Markdown holds only" rounds-pack check prose

rounds-pack keygen -W -p k.pub -s k.key >/dev/null
t_ok "the imaging course builds" rounds-pack build good -k k.key -o img.course --level 1
mkdir x && (cd x && tar --zstd -xf ../img.course)
q() { sqlite3 x/course.db "$1"; }
t_same "a course with image questions is format 2" \
	"$(python3 -c 'import json; print(json.load(open("x/manifest.json"))["format"])')" 2
t_same "its course.db is version 2" "$(q 'pragma user_version')" 2
t_same "the lesson's question is block 1, with its id" \
	"$(q "SELECT i.id, q.block, q.pos, q.qid, q.type, q.text FROM questions q JOIN items i ON i.seq = q.item_seq WHERE i.id = 'imaging/oct'")" \
	"imaging/oct|1|1|malapposed-strut|image|Mark the malapposed strut."
t_same "its target, as written" \
	"$(q "SELECT t.shape FROM image_targets t JOIN questions q ON q.id = t.question_id WHERE q.qid = 'malapposed-strut'")" \
	"circle 220 100 25"
t_same "the measure, its scale and reference" \
	"$(q "SELECT measure, value, tolerance, row_mm, col_mm, reference FROM image_questions iq JOIN questions q ON q.id = iq.question_id WHERE q.qid = 'lumen-diameter'")" \
	"distance|2.4|0.3|0.02|0.02|points 100 160 220 160"
t_same "the picture is an asset of the package" \
	"$(q "SELECT count(*) FROM image_questions iq JOIN assets a ON a.sha256 = iq.sha256")" 5
t_same "a question on a stack keeps the stack and its frame, which is the picture" \
	"$(q "SELECT q.qid, iq.stack, iq.frame FROM image_questions iq JOIN questions q ON q.id = iq.question_id JOIN stack_frames f ON f.stack = iq.stack AND f.pos = iq.frame AND f.sha256 = iq.sha256 ORDER BY q.qid")" \
	"run-diameter|images/oct-run|11
run-lumen|images/oct-run|11"
t_same "its measure leaves the scale to the stack's pixel-spacing" \
	"$(q "SELECT iq.row_mm, iq.col_mm FROM image_questions iq JOIN questions q ON q.id = iq.question_id WHERE q.qid = 'run-diameter'")" \
	"0.0|0.0"
t_same "the Markdown quiz holds GIFT and image questions in file order, block 0" \
	"$(q "SELECT group_concat(x, ' ') FROM (SELECT q.block || ':' || q.pos || ':' || q.type || ':' || q.qid x FROM questions q JOIN items i ON i.seq = q.item_seq WHERE i.id = 'imaging/check' ORDER BY q.pos)")" \
	"0:1:truefalse:wall 0:2:image:quiz-strut"
t_same "it is a quiz with its front matter's title and pass mark" \
	"$(q "SELECT i.kind, i.title, z.pass_mark FROM items i JOIN quizzes z ON z.item_seq = i.seq WHERE i.id = 'imaging/check'")" \
	"quiz|Frames: check|50"

export ROUNDS_HOME=$T/home
rounds trust k.pub >/dev/null
t_ok "it installs" rounds install img.course
t_ok "and verifies" rounds verify
t_done
