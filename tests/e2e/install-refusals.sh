#!/bin/bash
# Every rule of `rounds install`: a hostile package is refused with one line saying why,
# and the library (the whole home) is byte for byte as it was.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
setup_keys
mk good.course --version 1.1.0
rounds install good.course >/dev/null || { echo "Bail out! cannot install the base package"; exit 1; }

# Signatures and trust.
mk p.course --version 1.2.0 -k b.key
refused "unknown signer" "signed by key $KEYB, which is not trusted" p.course
mk p.course --version 1.2.0 --bad-sig
refused "bad signature" "signature verification failed" p.course
mk p.course --version 1.2.0 --tamper-manifest
refused "manifest edited after signing" "signature verification failed" p.course
mk p.course --version 1.2.0 --tamper-comment
refused "trusted comment altered after signing" "trusted comment verification failed" p.course
mk p.course --version 1.2.0 --comment "course=org.example.test version=1.3.0"
refused "trusted comment that disagrees with the manifest" 'signed for "course=org.example.test version=1.3.0", but the manifest says' p.course
mk p.course --version 1.2.0 --comment "course=org.example.other version=1.2.0"
refused "trusted comment naming another course (mix and match)" "signed for \"course=org.example.other" p.course
rounds trust b.pub >/dev/null
mk p.course --version 1.2.0 -k b.key
refused "course pinned to another trusted key" "pinned to key $KEYA but this package is signed by key $KEYB \(--repin --yes" p.course

# Versions.
mk p.course --version 1.0.0
refused "rollback to a lower version" "version 1.0.0 is older than the installed 1.1.0 \(rollback refused" p.course
mk p.course --version 1.1.0 --title "Changed title"
refused "same version with different content" "version 1.1.0 of org.example.test is already installed with different content" p.course

# Entries.
mk p.course --version 1.2.0 --text "../evil=x"
refused "entry with .. at the start" "entry '\.\./evil': '\.\.' in its name" p.course
mk p.course --version 1.2.0 --text "assets/../../evil=x"
refused "entry with .. inside" "'\.\.' in its name" p.course
mk p.course --version 1.2.0 --text "/tmp/evil=x"
refused "entry with an absolute path" "absolute path" p.course
mk p.course --version 1.2.0 --symlink "assets/link.png=/etc/passwd"
refused "symbolic link" "entry 'assets/link.png': symbolic link" p.course
mk p.course --version 1.2.0 --hardlink "assets/hard.png=course.db"
refused "hard link" "entry 'assets/hard.png': hard link" p.course
mk p.course --version 1.2.0 --device "assets/dev"
refused "device" "entry 'assets/dev': device" p.course
mk p.course --version 1.2.0 --fifo "assets/fifo"
refused "FIFO" "entry 'assets/fifo': FIFO" p.course
mk p.course --version 1.2.0 --dir "stuff"
refused "folder not implied by a file" "entry 'stuff/?': folder not implied by any file" p.course
mk p.course --version 1.2.0 --dir "assets" --dir "assets/"
refused "the same folder twice" "entry 'assets/?': duplicate" p.course
mk p.course --version 1.2.0 --text "notes.txt=hello"
refused "name not in the manifest" "entry 'notes.txt': not in the manifest" p.course
mk p.course --version 1.2.0 --dup course.db
refused "duplicate entry" "entry 'course.db': duplicate" p.course
mk p.course --version 1.2.0 --order course.db
refused "manifest not the first entry" "'manifest.json' must be the first entry, found 'course.db'" p.course
mk p.course --version 1.2.0 --order manifest.json,course.db
refused "signature not the second entry" "'manifest.json.minisig' must be the second entry, found 'course.db'" p.course
mk p.course --version 1.2.0 --omit course.db
refused "file of the manifest missing from the package" "'course.db' is in the manifest but not in the package" p.course
mk p.course --version 1.2.0 --text $'assets/\033[2Jx.png=x'
refused "control characters in a name are not echoed" "entry 'assets/\?\[2Jx.png': not in the manifest" p.course

# Sizes.
mk p.course --version 1.2.0 --size course.db=100
refused "entry larger than the manifest says" "entry 'course.db': size [0-9]+ in the archive, 100 in the manifest" p.course
mk p.course --version 1.2.0 --bomb course.db=400000000
t_same "the zstd bomb is small on disk" "$(( $(stat -c %s p.course) < 1000000 ))" 1
refused "zstd bomb (400 MB of zeros under a small manifest size)" "entry 'course.db': size 400000000 in the archive" p.course
start=$(date +%s%N); rounds install p.course 2>/dev/null
# Decompressing 400 MB would take seconds; the refusal takes a few ms plus start-up, which
# is slower under Valgrind (make check-valgrind sets ROUNDS_TEST_SLOWDOWN).
t_same "the bomb is refused from its header, without decompressing it (under 2 s)" \
	"$(( ($(date +%s%N) - start) < 2000000000 * ${ROUNDS_TEST_SLOWDOWN:-1} ))" 1
mk p.course --version 1.2.0 --size course.db=17179869185
refused "total size over the limit" "package too large" p.course

# Content.
mk p.course --version 1.2.0 --corrupt course.db
refused "SHA-256 mismatch" "entry 'course.db': SHA-256 does not match the manifest" p.course
printf 'this is not a database at all' > notdb
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db notdb
refused "course.db that is not SQLite" "course.db: not an SQLite database" p.course
mkdb v3.db org.example.test 3
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db v3.db
refused "course.db of another schema version" "course.db: schema version 3, this player reads versions 1 to 2" p.course
mkdb other.db org.example.other
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db other.db
refused "course.db of another course" "course.db: its course row is not course org.example.test" p.course
echo "PRAGMA user_version = 1; CREATE TABLE course(id);" | sqlite3 empty.db
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db empty.db
refused "course.db without the schema's tables" "course.db: tables missing" p.course
echo "CREATE TABLE t(x); PRAGMA user_version = 1;" | sqlite3 extra.db
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db extra.db
refused "course.db with a table the packager does not write" \
	"course.db: holds a table rounds-pack does not write \(t\)" p.course
# A signed course.db whose modules is a recursive view: it would spin the player at 100%
# CPU; it is refused before anything is installed. A trigger likewise.
mkdb view.db
sqlite3 view.db "DROP TABLE modules; CREATE VIEW modules(seq, id, title) AS
	WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n, 'm', 'm' FROM r;"
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db view.db
refused "course.db whose modules is a recursive view" "course.db: holds a view \(modules\)" p.course
mkdb trigger.db
sqlite3 trigger.db "CREATE TRIGGER t AFTER INSERT ON modules BEGIN SELECT 1; END;"
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db trigger.db
refused "course.db with a trigger" "course.db: holds a trigger \(t\)" p.course
cp course.db broken.db
python3 - <<'PY'
f = open("broken.db", "r+b"); f.seek(4096 * 2); f.write(b"\x0d\xff\xff\x00\x09" + b"\x11" * 64); f.close()
PY
"$MKPKG" -k a.key -o p.course --version 1.2.0 --db broken.db
refused "damaged course.db (integrity_check)" "course.db: damaged database" p.course

# Damaged files.
mk p.course --version 1.2.0
head -c $(( $(stat -c %s p.course) / 2 )) p.course > trunc.course
refused "truncated package" "(damaged|truncated)" trunc.course
head -c 100000 /dev/urandom > garbage.course
refused "garbage" "not a \.course package" garbage.course
: > empty.course
refused "empty file" "not a \.course package|empty package" empty.course
mk p.course --version 1.2.0 --compress gzip
refused "gzip instead of zstd" "not a \.course package" p.course
mk p.course --version 1.2.0 --compress none
refused "uncompressed tar" "not zstd-compressed" p.course
refused "a missing file" "No such file" nowhere.course

# The overrides, last: they do change the library.
mk p.course --version 1.0.0
t_ok "--allow-downgrade installs a lower version" rounds install --allow-downgrade p.course
t_grep "and says so" "^p.course: downgraded org.example.test from 1.1.0 to 1.0.0 \(--allow-downgrade\) \[key $KEYA, fingerprint $FPRA\]$" "$T/.out"
mk p.course --version 1.2.0 -k b.key
t_ok "--repin --yes accepts another trusted key" rounds install --repin --yes p.course
t_same "the course is now pinned to the new key" "$(pinned org.example.test)" "$(sed -n 2p b.pub)"
mk p.course --version 1.3.0
refused "after a repin the old key is refused" "pinned to key $KEYB" p.course
t_done
