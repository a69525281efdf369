#!/bin/sh
# rounds-pack keygen writes key pairs that stock minisign uses, with and without a
# password, and never overwrites an existing key.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
command -v minisign >/dev/null || t_skip_all "minisign is not installed"
cd "$T"

t_ok "keygen -W makes a key pair" rounds-pack keygen -W -p a.pub -s a.key
t_grep "keygen prints the key id" "^key id [0-9A-F]{16}$" "$T/.out"
id=$(sed -n 's/^key id //p' "$T/.out")
t_grep "the public key's comment carries the same key id" "minisign public key $id" a.pub
t_same "the secret key is private to its owner" "$(stat -c %a a.key)" 600
echo "lesson text" > f
t_ok "minisign signs with a keygen -W key" minisign -S -s a.key -m f
t_ok "minisign verifies with the keygen public key" minisign -Vq -p a.pub -m f

t_ok "keygen with ROUNDS_KEY_PASSWORD makes an encrypted key" \
	env ROUNDS_KEY_PASSWORD=s3cret rounds-pack keygen -p b.pub -s b.key
if printf 's3cret\n' | minisign -S -s b.key -m f -x f.b >/dev/null 2>&1 &&
   minisign -Vq -p b.pub -m f -x f.b; then
	t_pass "minisign opens the encrypted key with its password"
else
	t_fail "minisign opens the encrypted key with its password"
fi
t_ok "minisign refuses the encrypted key with a wrong password" \
	sh -c "! printf 'nope\n' | minisign -S -s b.key -m f -x f.c"
env ROUNDS_KEY_PASSWORD=s3cret rounds-pack keygen -p c.pub -s c.key >out 2>&1
if grep -q s3cret out c.key c.pub; then t_fail "the password appears nowhere in output or keys"
else t_pass "the password appears nowhere in output or keys"; fi

cp a.key a.key.orig
t_exit "keygen refuses to overwrite a key" 1 "a\.key: already exists; not overwritten|a\.pub: already exists" \
	rounds-pack keygen -W -p a.pub -s a.key
t_ok "the existing key is left as it was" cmp a.key a.key.orig
t_exit "keygen without -p is a usage error" 2 "^usage: rounds-pack keygen" rounds-pack keygen -s z.key
t_exit "keygen without a terminal or password variable explains what to do" 1 \
	"ROUNDS_KEY_PASSWORD" setsid -w env -u ROUNDS_KEY_PASSWORD rounds-pack keygen -p d.pub -s d.key
t_done
