#!/bin/bash
# kill -9 at any moment of an install leaves the previous version installed and working,
# and the next start cleans the leftovers. ROUNDS_TEST_CRASH_INSTALL=STAGE makes the
# installer SIGKILL itself at a named stage; then real kill -9 at random moments.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
[ "${ROUNDS_HOOKS_BUILT:-no}" = yes ] ||
	t_skip_all "needs a build configured with --enable-test-hooks (ROUNDS_TEST_CRASH_INSTALL)"
setup_keys
mk v1.course --version 1.0.0
mk v2.course --version 1.1.0 --random-assets 20:200000
rounds install v1.course >/dev/null
cp -a home home0
ID=org.example.test

installed_version() {
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["version"] if d else "none")' < <(rounds list --json)
}
# The installed course works: its course.db opens and names the course.
# (While a two-step swap is interrupted the library reads the previous version from its
# hidden name, as library_find does.)
works() {
	local d=home/courses/$ID
	[ -d "$d" ] || d=$(ls -d home/courses/.old-$ID.* 2>/dev/null | head -1)
	[ "$(sqlite3 "file:$d/course.db?immutable=1" 'SELECT id FROM course')" = $ID ]
}
leftovers() { ls -A home/courses | grep -v -e '^\.lock$' -e "^$ID\$" | tr '\n' ' '; }

crash_at() {	# crash_at STAGE WANT_VERSION [env...]
	local stage=$1 want=$2; shift 2
	rm -rf home && cp -a home0 home
	env "$@" ROUNDS_TEST_CRASH_INSTALL=$stage rounds install v2.course >/dev/null 2>&1
	t_same "killed at '$stage' ($*): the install did not finish normally" "$?" 137
	t_same "killed at '$stage': version $want is installed" "$(installed_version)" "$want"
	if works; then t_pass "killed at '$stage': the installed course.db works"
	else t_fail "killed at '$stage': the installed course.db works"; fi
	t_ok "killed at '$stage': the course verifies at the next start" rounds verify $ID
	t_same "killed at '$stage': the next start leaves no leftovers" "$(leftovers)" ""
	if [ "$stage" = extracted ]; then
		t_ok "killed at '$stage': installing again works" rounds install v2.course
		t_same "killed at '$stage': then the new version is installed" "$(installed_version)" 1.1.0
	fi
}

crash_at copying 1.0.0
crash_at copied 1.0.0
crash_at extracted 1.0.0
crash_at staged 1.0.0
crash_at pinned 1.0.0
crash_at swapped 1.1.0
crash_at pinned 1.0.0 ROUNDS_TEST_NO_EXCHANGE=1
crash_at swapping 1.0.0 ROUNDS_TEST_NO_EXCHANGE=1

# Real kill -9 at spread-out moments of an install.
for delay in 0.05 0.2 0.4; do
	rm -rf home && cp -a home0 home
	rounds install v2.course >/dev/null 2>&1 & pid=$!
	sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	v=$(installed_version)
	if { [ "$v" = 1.0.0 ] || [ "$v" = 1.1.0 ]; } && works; then
		t_pass "kill -9 after ${delay}s: a complete version ($v) is installed and works"
	else t_fail "kill -9 after ${delay}s: a complete version ($v) is installed and works"; fi
	t_ok "kill -9 after ${delay}s: verify passes at the next start" rounds verify $ID
	t_same "kill -9 after ${delay}s: no leftovers after the next start" "$(leftovers)" ""
done
t_done
