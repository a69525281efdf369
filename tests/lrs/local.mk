# tests/lrs/: a real Learning Record Store for rounds-collect push, Learning Locker's
# statement service pinned by its lockfile (scripts/quickstart runs npm ci here), and a
# scripted stub for the failures a real one cannot be made to show (tests/e2e/lrs-*.sh).
EXTRA_DIST += tests/lrs/package.json tests/lrs/package-lock.json tests/lrs/serve.js \
	tests/lrs/stub.py tests/lrs/proxy.py
