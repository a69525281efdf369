#!/bin/sh
# An image stack in the player (tests/fixtures/courses/stack, 120 frames drawn by
# tests/tools/stackframes.py, 10 frames a second, 0.5 mm apart): one frame and its counter
# inline; without the focus Space, Right and Home are the lesson's; Tab gives it the focus,
# then they step, jump and scrub it, and Space plays it at about its rate; Enter opens the
# viewer, where ',' '.' step, + zooms, Space plays and the wheel scrubs; the frame reached
# stays; a resize while playing keeps it playing and drawn; seeing it is recorded once as
# an xAPI "experienced" on its id, and does not complete the lesson.
. "${top_srcdir:-.}/tests/tui/lib.sh"

command -v python3 >/dev/null 2>&1 || t_skip_all "python3 is not installed"
HOME_DIR=$T/home
cp -r "$top_srcdir/tests/fixtures/courses/stack" "$T/stack" && chmod -R u+w "$T/stack"
python3 "$top_srcdir/tests/tools/stackframes.py" "$T/stack/images/lad-run" 120 64
install_course "$HOME_DIR" "$T/stack" 1 || { t_fail "the stack course is packed and installed"; t_done; exit 1; }
trap 'stop_tmux; rm -rf "$T"' EXIT

# counter: the frame number the screen's counter shows.
counter() { screen | sed -n 's/.*frame \([0-9]*\)\/120.*/\1/p' | head -n 1; }
now() { date +%s.%N; }

start_player
t_screen "the player starts" "Who is learning?"
new_learner "Sam Stack" S1
wait_for "An image stack" && keys Enter
wait_for "Reading a pullback" && keys Enter
t_screen "the lesson shows the stack's first frame and its counter" "frame 1/120 · 0.0 mm"
t_screen "and its caption" "LAD pullback"

keys Right
sleep 0.3
t_screen "without the focus, Right does not step it" "frame 1/120 · 0.0 mm"
keys Space
t_screen "and Space pages the lesson down" "Line eight after the run."
t_noscreen "(the lesson's title is scrolled away)" "══════"
keys Home
t_screen "Home goes back to the start of the lesson" "══════"

keys Tab
t_screen "Tab gives the stack the focus: its keys show" "Left/Right step  Space play"
keys Right Right Right
t_screen "Right steps it" "frame 4/120 · 1.5 mm"
keys ,
t_screen "',' steps back" "frame 3/120 · 1.0 mm"
keys .
t_screen "'.' steps on" "frame 4/120 · 1.5 mm"
keys End
t_screen "End jumps to the last frame" "frame 120/120 · 59.5 mm"
keys Home
t_screen "Home to the first" "frame 1/120 · 0.0 mm"
t_screen "(the lesson did not move)" "══════"
y=$(row "frame 1/120")
wheel down 5 $((y - 2))
t_screen "the wheel scrubs it (three frames a notch)" "frame 4/120 · 1.5 mm"
wheel up 5 $((y - 2))
t_screen "both ways" "frame 1/120 · 0.0 mm"

# Play for about two seconds: 10 frames a second.
keys Space
t0=$(now)
t_screen "Space plays it" "· playing"
sleep 2
keys Space
t1=$(now)
t_gone "Space pauses it" "· playing"
sleep 0.2
got=$(counter)
want=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", 1 + (b - a) * 10 }')
if [ -n "$got" ] && [ "$got" -ge $((want * 7 / 10)) ] && [ "$got" -le $((want * 13 / 10 + 1)) ]; then
	t_pass "it played at about its rate (frame $got after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s at 10/s: about $want)"
else
	t_fail "it played at about its rate (frame ${got:-none}, want about $want)"
	screen | sed 's/^/#   |/'
fi

# The viewer: the same frame, full screen.
at=$(counter)
keys Enter
t_screen "Enter opens the stack full screen" "Image stack"
t_screen "on the frame the lesson showed" "frame $at/120"
keys .
t_screen "'.' steps in the viewer" "frame $((at + 1))/120"
keys ,
t_screen "',' back" "frame $at/120"
keys +
t_screen "+ zooms as for any figure" "1.5x"
keys Right
t_screen "and the arrows pan (not step)" "frame $at/120"
wheel down 40 10
t_screen "the wheel scrubs" "frame $((at + 3))/120"
keys Space
t_screen "Space plays in the viewer" "· playing"
sleep 1
keys Space
t_gone "and pauses" "· playing"
sleep 0.2
vat=$(counter)
[ "${vat:-0}" -gt $((at + 5)) ] && t_pass "the viewer played on (frame $vat)" || t_fail "the viewer played on (frame ${vat:-none}, from $((at + 3)))"
keys q
t_screen "q goes back to the lesson, at the frame reached" "frame $vat/120"
t_screen "the stack still has the focus" "Left/Right step"

# A resize while playing: the frame is drawn again at the new size, and it plays on.
keys Space
t_screen "playing again" "· playing"
tm resize-window -t t -x 100 -y 30
sleep 0.5
a1=$(counter)
sleep 0.5
a2=$(counter)
t_screen "after a resize the counter is still shown" "· playing"
t_noscreen "and the frame is drawn" "unavailable"
[ -n "$a1" ] && [ -n "$a2" ] && [ "$a2" != "$a1" ] && t_pass "and it plays on ($a1, then $a2)" ||
	t_fail "and it plays on (${a1:-none}, then ${a2:-none})"
keys Space
keys Tab
sleep 0.3
keys q
t_screen "back at the course" "Reading a pullback"
keys q
t_screen "the library" "Your courses"

# One "experienced" on the stack's id, named by its title; the lesson is not completed by it.
stmts=$(sqlite3 "$HOME_DIR/progress.db" "SELECT json_extract(json, '\$.verb.id') || ' ' || json_extract(json, '\$.object.id') || ' ' || json_extract(json, '\$.object.definition.name.en') FROM statements WHERE json_extract(json, '\$.object.id') LIKE '%/stack/%'")
t_same "seeing the stack is one experienced statement on its id" "$stmts" \
	"http://adlnet.gov/expapi/verbs/experienced urn:rounds:course:org.test.stack/lesson/imaging/pullback/stack/lad-run LAD pullback"
t_same "its object is a media activity" \
	"$(sqlite3 "$HOME_DIR/progress.db" "SELECT json_extract(json, '\$.object.definition.type') FROM statements WHERE json_extract(json, '\$.object.id') LIKE '%/stack/%'")" \
	"http://adlnet.gov/expapi/activities/media"
t_done
