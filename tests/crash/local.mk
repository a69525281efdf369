# Crash safety, concurrency and limits: kill -9 at random moments of the progress
# store, rounds install and rounds-collect import; two writers and an export loop on one
# home; very large inputs. ROUNDS_CRASH_N / ROUNDS_CRASH_SECONDS / ROUNDS_LIMITS_FULL make
# them longer (see each script's header); the defaults keep the suite fast.
E2E_TESTS += \
	tests/crash/progress-kill.sh \
	tests/crash/install-kill.sh \
	tests/crash/import-kill.sh \
	tests/crash/concurrent-writers.sh \
	tests/crash/limits-course.sh \
	tests/crash/limits-progress.sh
EXTRA_DIST += tests/crash/crash-lib.sh
