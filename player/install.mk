# Course installation: trust store, package reading with limits, atomic install;
# the rounds commands trust, install, list, remove, verify; and their tests.
