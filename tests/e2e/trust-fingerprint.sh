#!/bin/bash
# Identity is the whole public key, not its 8-byte id: a forged key carrying the author's id
# is refused by `rounds trust`, cannot sign updates, and pins hold the whole key (an id-only
# pin of an older Rounds is upgraded). A removed course keeps its version floor in its pin.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/install-lib.sh"
setup_keys
FORGE=$top_builddir/tests/tools/forgekey
ID=org.example.test

mk v1.course --version 1.0.0
rounds install v1.course >/dev/null 2>&1
"$FORGE" a.pub evil.pub evil.key
t_same "the forged key carries the author's key id" \
	"$(sed -n 's/.*minisign public key //p' evil.pub)" "$KEYA"

before=$(snap)
t_exit "trust refuses a second key with an id already trusted" 1 \
	"key id $KEYA is already trusted for another key \(fingerprint $FPRA; this key's is $(fpr evil.pub)\).*--replace $KEYA --yes" \
	rounds trust evil.pub
t_same "and the trusted keys and pins are unchanged" "$(snap)" "$before"
t_ok "trusting the genuine key again is harmless" rounds trust a.pub
t_grep "and says it was already trusted" "^key id $KEYA, fingerprint $FPRA \(already trusted\)$" "$T/.out"

mk evil.course -k "$T/evil.key" --version 1.1.0
refused "an update signed by the forged key" "signature" evil.course
t_ok "verify still holds the genuine course" rounds verify "$ID"

# A key file dropped into trusted/ by hand with the author's id: both keys are refused.
cp evil.pub home/trusted/dropped.pub
mk v2.course --version 1.1.0
refused "two trusted keys with one id" "two trusted keys have the id $KEYA \(fingerprints" v2.course
t_exit "verify refuses too" 1 "two trusted keys have the id $KEYA" rounds verify "$ID"
rm home/trusted/dropped.pub

# The administrator removes the genuine key and trusts the forged one: the pin still names
# the genuine key, so the forger's update is refused and verify reports the installed copy.
rounds trust --remove "$KEYA" >/dev/null
rounds trust evil.pub >/dev/null
refused "a forged key with the pinned id does not match the pin" \
	"pinned to key $KEYA but this package is signed by key $KEYA .*pinned fingerprint $FPRA, this key's $(fpr evil.pub)" evil.course
t_exit "verify says the installed course is not signed by the trusted key" 1 "$ID: damaged" \
	rounds verify "$ID"
rounds trust --remove "$KEYA" >/dev/null
rounds trust a.pub >/dev/null

# A pin written by an older Rounds holds only the key id: the first use upgrades it.
printf '%s\n' "$KEYA" > home/trusted/pins/$ID
t_ok "an id-only pin still accepts the author's update" rounds install v2.course
t_same "and is upgraded to the whole key" "$(pinned $ID)" "$(sed -n 2p a.pub)"
printf '%s\n' "$KEYA" > home/trusted/pins/$ID
cp evil.pub home/trusted/dropped.pub
mk v3.course --version 1.2.0
refused "an id-only pin with two trusted keys of that id" \
	"two trusted keys have the id $KEYA .*remove the key file in trusted/ that the author did not give you" v3.course
t_same "and the pin is not upgraded to either key" "$(cat home/trusted/pins/$ID)" "$KEYA"
rm home/trusted/dropped.pub

# Rotating a key on purpose: --replace moves the pins to the new key.
rounds-pack keygen -W -p "$T/c.pub" -s "$T/c.key" >/dev/null
KEYC=$(sed -n 's/.*minisign public key //p' c.pub)
t_exit "--replace needs --yes" 2 "confirm with --yes" rounds trust --replace "$KEYA" c.pub
t_ok "trust --replace KEYID --yes rotates the key" rounds trust --replace "$KEYA" --yes c.pub
t_grep "and says which key it replaced" "^key id $KEYC, fingerprint $(fpr c.pub) \(replaces key $KEYA" "$T/.out"
t_same "the course's pin moved to the new key" "$(pinned $ID)" "$(sed -n 2p c.pub)"
t_same "the old key is no longer trusted" "$(rounds trust --list | cut -d' ' -f1)" "$KEYC"
refused "the old key's packages are refused" "signed by key $KEYA, which is not trusted" v3.course
mk c3.course -k "$T/c.key" --version 1.2.0
t_ok "the new key's update installs" rounds install c3.course

# Version floor: a removed course keeps the highest version installed in its pin.
rounds remove "$ID" >/dev/null
mk c1.course -k "$T/c.key" --version 1.0.0
refused "an older version after remove (no version floor before)" \
	"version 1.0.0 is older than 1.2.0, installed before" c1.course
t_ok "--allow-downgrade still installs it" rounds install --allow-downgrade c1.course
t_grep "and says so" "^c1.course: downgraded $ID from 1.2.0 to 1.0.0 \(--allow-downgrade\)" "$T/.out"
t_done
