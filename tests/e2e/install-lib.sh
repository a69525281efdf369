# Helpers for the install tests (sourced after lib.sh): a real course.db, packages from
# tests/tools/mkpkg, a trusted key, and snapshots proving the library did not change.
command -v sqlite3 >/dev/null || t_skip_all "sqlite3 is not installed"
MKPKG=$top_builddir/tests/tools/mkpkg
export ROUNDS_HOME=$T/home
cd "$T"

# mkdb OUT [ID] [USER_VERSION]: a course.db of schema/course.sql with one course row.
mkdb() {
	rm -f "$1"
	{ cat "$top_srcdir/schema/course.sql"
	  echo "INSERT INTO course (id, title, version, language) VALUES ('${2:-org.example.test}', 'Test', '1.0.0', 'en');"
	  echo "PRAGMA user_version = ${3:-1};"; } | sqlite3 "$1"
}

# fpr PUB: a key's fingerprint as rounds shows it (SHA-256 of the 32 key bytes, groups of 4).
fpr() {
	sed -n 2p "$1" | base64 -d | tail -c 32 | sha256sum | cut -c1-64 | sed 's/..../& /g; s/ $//'
}

# pinned ID: the key line of a course's pin (the whole public key, as in the .pub file).
pinned() { sed -n 2p "$ROUNDS_HOME/trusted/pins/$1"; }

# A key pair, trusted, and a second key that is not.
setup_keys() {
	rounds-pack keygen -W -p "$T/a.pub" -s "$T/a.key" >/dev/null
	rounds-pack keygen -W -p "$T/b.pub" -s "$T/b.key" >/dev/null
	rounds trust "$T/a.pub" >/dev/null
	KEYA=$(sed -n 's/.*minisign public key //p' "$T/a.pub")
	KEYB=$(sed -n 's/.*minisign public key //p' "$T/b.pub")
	FPRA=$(fpr "$T/a.pub")
	FPRB=$(fpr "$T/b.pub")
	mkdb "$T/course.db"
	printf 'png-one' > "$T/one.png"
	printf 'png-two' > "$T/two.png"
}

# mk OUT [mkpkg options...]: a package signed with key a unless -k is given.
mk() {
	local out=$1; shift
	"$MKPKG" -k "$T/a.key" -o "$out" --db "$T/course.db" --asset "$T/one.png" \
		--asset "$T/two.png" "$@"
}

# Every path, size, mode and type under the home, and every file's SHA-256.
snap() {
	(cd "$ROUNDS_HOME" && find . -printf '%p %s %m %y\n' | LC_ALL=C sort &&
	 find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}

# refused DESC PATTERN PKG [install options]: install exits 1 with one line on stderr
# saying "PKG: refused: ..." matching PATTERN, and the home is byte for byte unchanged.
refused() {
	local desc=$1 pat=$2 pkg=$3 before after got lines; shift 3
	before=$(snap)
	rounds install "$@" "$pkg" >"$T/.out" 2>"$T/.err"; got=$?
	after=$(snap)
	lines=$(wc -l <"$T/.err")
	if [ "$got" -eq 1 ] && [ "$lines" -eq 1 ] &&
	   grep -Eq -- "^rounds: error: .*refused: .*$pat" "$T/.err" && [ "$before" = "$after" ]; then
		t_pass "$desc"
	else
		t_fail "$desc"
		echo "#   exit $got (want 1), $lines stderr lines (want 1), pattern: $pat"
		t_diag "$T/.err"
		[ "$before" = "$after" ] || { echo "#   the home changed:"; diff <(echo "$before") <(echo "$after") | t_diag; }
	fi
}
