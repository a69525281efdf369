# tests/xapi/: Learning Locker's statement validator, pinned by its lockfile
# (scripts/quickstart runs npm ci here), for tests/e2e/statements-lrs.sh.
EXTRA_DIST += tests/xapi/package.json tests/xapi/package-lock.json tests/xapi/validate.js
