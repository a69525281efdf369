# tests/e2e/: the programs run as users run them (TAP shell scripts over tests/e2e/lib.sh).
E2E_TESTS += \
	tests/e2e/bench-quick.sh \
	tests/e2e/ci-summary.sh \
	tests/e2e/cli-basics.sh \
	tests/e2e/collect-conflicts.sh \
	tests/e2e/collect-courses.sh \
	tests/e2e/collect-decisions.sh \
	tests/e2e/collect-enrol.sh \
	tests/e2e/collect-filters.sh \
	tests/e2e/collect-gaps.sh \
	tests/e2e/collect-report.sh \
	tests/e2e/collect-verify.sh \
	tests/e2e/escape-output.sh \
	tests/e2e/export-atomic.sh \
	tests/e2e/install-basics.sh \
	tests/e2e/install-crash.sh \
	tests/e2e/install-input.sh \
	tests/e2e/install-packaged.sh \
	tests/e2e/install-refusals.sh \
	tests/e2e/keygen.sh \
	tests/e2e/lazy-archive.sh \
	tests/e2e/learners-cli.sh \
	tests/e2e/lrs-push.sh \
	tests/e2e/lrs-push-conflicts.sh \
	tests/e2e/lrs-push-errors.sh \
	tests/e2e/lrs-push-proxy.sh \
	tests/e2e/pack-build.sh \
	tests/e2e/pack-cases.sh \
	tests/e2e/pack-check.sh \
	tests/e2e/pack-courses.sh \
	tests/e2e/pack-dicom.sh \
	tests/e2e/pack-image-questions.sh \
	tests/e2e/pack-inspect.sh \
	tests/e2e/pack-messages.sh \
	tests/e2e/pack-moodle.sh \
	tests/e2e/pack-new.sh \
	tests/e2e/pack-previous.sh \
	tests/e2e/pack-stacks.sh \
	tests/e2e/pack-verify.sh \
	tests/e2e/package-frames.sh \
	tests/e2e/pack-frames.sh \
	tests/e2e/release-build.sh \
	tests/e2e/statements-lrs.sh \
	tests/e2e/static-checks.sh \
	tests/e2e/terminal-accounts.sh \
	tests/e2e/trust-fingerprint.sh
EXTRA_DIST += tests/e2e/lib.sh tests/e2e/install-lib.sh tests/e2e/lrs-lib.sh
