# TAP helpers for the end-to-end tests. Source it, call the checks, end with t_done.
# Each test gets its own temporary folder in $T, removed at exit.
set -u
t_n=0
t_failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/rounds-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
export LC_ALL=C.UTF-8
# Messages in English whatever the user's LANGUAGE (a test that wants another language sets
# it itself): glibc's gettext reads LANGUAGE whenever the locale is not plain "C".
unset LANGUAGE
# rounds-pack build keeps a build cache under $XDG_CACHE_HOME: never the user's own.
# Made here, so that a test listing $T sees it before and after a build alike.
export XDG_CACHE_HOME="$T/.cache"
mkdir -p "$XDG_CACHE_HOME"

t_pass() { t_n=$((t_n + 1)); echo "ok $t_n - $1"; }
t_fail() { t_n=$((t_n + 1)); t_failed=$((t_failed + 1)); echo "not ok $t_n - $1"; }
t_diag() { sed 's/^/# /' "$@"; }

# t_ok DESC CMD...: CMD succeeds (exit 0).
t_ok() {
	local desc=$1; shift
	if "$@" >"$T/.out" 2>"$T/.err"; then t_pass "$desc"
	else t_fail "$desc"; t_diag "$T/.out" "$T/.err"; fi
}

# t_exit DESC STATUS PATTERN CMD...: CMD exits with STATUS and stderr matches PATTERN
# (an extended regular expression) on a single line.
t_exit() {
	local desc=$1 want=$2 pat=$3 got; shift 3
	"$@" >"$T/.out" 2>"$T/.err"; got=$?
	if [ "$got" -eq "$want" ] && grep -Eq -- "$pat" "$T/.err"; then t_pass "$desc"
	else
		t_fail "$desc"
		echo "#   exit $got (want $want), stderr should match: $pat"
		t_diag "$T/.err"
	fi
}

# t_same DESC GOT WANT: two strings are equal.
t_same() {
	if [ "$2" = "$3" ]; then t_pass "$1"
	else t_fail "$1"; printf '#   got:  %s\n#   want: %s\n' "$2" "$3"; fi
}

# t_grep DESC PATTERN FILE: FILE has a line matching PATTERN.
t_grep() {
	if grep -Eq -- "$2" "$3"; then t_pass "$1"
	else t_fail "$1"; echo "#   no line matches: $2"; t_diag "$3"; fi
}

# t_unsaid DESC WORD...: the last check's command printed none of the WORDs (stdout or
# stderr); a secret never echoed. Reads them before another check replaces them.
t_unsaid() {
	local desc=$1 w; shift
	cat "$T/.out" "$T/.err" > "$T/.said"
	for w in "$@"; do
		if grep -qF -- "$w" "$T/.said"; then
			t_fail "$desc"; t_diag "$T/.said"; return
		fi
	done
	t_pass "$desc"
}

t_skip_all() { echo "1..0 # SKIP $1"; exit 0; }

# needed FILE: the shared libraries FILE names as needed, one a line (readelf, else objdump;
# t_needed_tool skips the test when neither is installed).
needed() {
	if command -v readelf >/dev/null; then
		readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
	else
		objdump -p "$1" | awk '$1 == "NEEDED" { print $2 }'
	fi
}
t_needed_tool() {
	command -v readelf >/dev/null || command -v objdump >/dev/null ||
		t_skip_all "neither readelf nor objdump is installed"
}
t_done() { echo "1..$t_n"; [ "$t_failed" -eq 0 ]; }
