# The shared terminal: its home (layout, administrator, setup-terminal, /etc/rounds.conf)
# and the tests that attack its trust model.
lib_librounds_a_SOURCES += lib/home.c lib/home.h lib/safeout.c lib/safeout.h
player_rounds_SOURCES += player/cmd-setup.c

# forgekey makes a key with another key's id, as an attacker would.
check_PROGRAMS += tests/tools/forgekey
tests_tools_forgekey_SOURCES = tests/tools/forgekey.c
tests_tools_forgekey_LDADD = $(ROUNDS_LIBS)

E2E_TESTS += \
	tests/e2e/trust-fingerprint.sh \
	tests/e2e/terminal-accounts.sh
E2E_TESTS += tests/tui/hostile-coursedb.sh tests/e2e/escape-output.sh \
	tests/e2e/install-input.sh tests/e2e/package-frames.sh
