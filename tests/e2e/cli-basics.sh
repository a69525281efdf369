#!/bin/sh
# The three programs answer --help and --version, refuse unknown commands with exit 2,
# and say so instead of pretending when a command is not in this build.
. "${top_srcdir:-.}/tests/e2e/lib.sh"

for prog in rounds-pack rounds rounds-collect; do
	t_ok "$prog --help exits 0" $prog --help
	t_grep "$prog --help starts with a usage line" "^usage: $prog" "$T/.out"
	t_ok "$prog --version exits 0" $prog --version
	t_grep "$prog --version names the program and version" "^$prog \(Rounds\) [0-9]+\.[0-9]+" "$T/.out"
	t_exit "$prog refuses an unknown command with exit 2" 2 "^$prog: error: unknown command 'frobnicate'" \
		$prog frobnicate
done
t_exit "rounds-pack without a command is a usage error" 2 "^usage: rounds-pack" rounds-pack
t_done
