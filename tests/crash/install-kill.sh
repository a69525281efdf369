#!/bin/bash
# kill -9 of `rounds install` of a new version at random moments, on a course built by
# rounds-pack: after each, `rounds list` shows the old or the new version (never none,
# never both), `rounds verify` passes, and the next command has cleaned every leftover.
# ROUNDS_CRASH_N kills (default 20; the issue's full run is ROUNDS_CRASH_N=200),
# ROUNDS_CRASH_SEED replays a run.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/crash/crash-lib.sh"
N=${ROUNDS_CRASH_N:-20}
ID=org.rounds.test-good
export ROUNDS_HOME=$T/home
cd "$T"
cp -r "$top_srcdir/tests/fixtures/courses/good" v1
cp -r v1 v2
sed -i 's/^version: .*/version: 2.0.0/' v2/course.md
rounds-pack keygen -W -p a.pub -s a.key >/dev/null
rounds-pack build v1 -k a.key -o v1.course >/dev/null 2>&1
rounds-pack build v2 -k a.key -o v2.course >/dev/null 2>&1
rounds trust a.pub >/dev/null
t_ok "version 1.2.0 installs" rounds install v1.course
cp -a home home0
t_ok "version 2.0.0 installs over it" rounds install v2.course
rm -rf home && cp -a home0 home
full=$(ms_of rounds install v2.course)
echo "# an install of v2 takes ${full} ms here; kills fall in 0..$full ms"

versions() { rounds list --json | sed -n 's/^ *"version": "\(.*\)",*$/\1/p' | tr '\n' ' '; }
leftovers() { ls -A home/courses | grep -v -e '^\.lock$' -e "^$ID\$" | tr '\n' ' '; }

bad=0 first= old=0 new=0 landed=0
for k in $(seq "$N"); do
	rm -rf home && cp -a home0 home
	rounds install v2.course >/dev/null 2>&1 & pid=$!
	kill_after "$(rand_delay $full)" $pid
	[ "$killed" = 137 ] && landed=$((landed + 1))
	v=$(versions) problem=
	case $v in
	"1.2.0 ") old=$((old + 1)) ;;
	"2.0.0 ") new=$((new + 1)) ;;
	*) problem="rounds list shows '$v'" ;;
	esac
	rounds verify >"$T/verify.out" 2>&1 || problem="$problem; verify: $(head -1 "$T/verify.out")"
	[ -z "$(leftovers)" ] || problem="$problem; leftovers: $(leftovers)"
	if [ "$v" = "1.2.0 " ] && [ $((k % 4)) -eq 0 ]; then	# and the update can be redone
		rounds install v2.course >/dev/null 2>&1 && [ "$(versions)" = "2.0.0 " ] ||
			problem="$problem; installing v2 again failed"
	fi
	if [ -n "$problem" ]; then
		bad=$((bad + 1)); [ -n "$first" ] || first="kill $k after $v: $problem"
	fi
done
echo "# $landed of $N kills landed during the install; then $old showed 1.2.0, $new showed 2.0.0"
# The delays are random: on a loaded machine fewer kills land inside the install, but a
# quarter of them must, or this test proves nothing.
if [ "$landed" -ge $(((N + 3) / 4)) ]; then t_pass "enough kills ($landed of $N) landed during the install"
else t_fail "enough kills ($landed of $N) landed during the install"; fi
t_same "after each of $N kills: one whole version listed, verify ok, no leftovers" \
	"$bad${first:+ ($first)}" 0
t_done
