# tests/tools/: programs and scripts the tests use to make their inputs: packages good
# and hostile (mkpkg), a key with another key's id (forgekey), scripted learning sessions
# (progress-driver, crash-progress), every kind of statement (record-all), files a
# terminal holding its own key could forge (forge-progress), reference figures (reffig.py).
check_PROGRAMS += \
	tests/tools/crash-progress \
	tests/tools/forge-progress \
	tests/tools/forgekey \
	tests/tools/mkpkg \
	tests/tools/progress-driver \
	tests/tools/record-all
tests_tools_crash_progress_LDADD = $(ROUNDS_LIBS)
tests_tools_forge_progress_LDADD = $(TEST_LIBS)
tests_tools_forge_progress_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
tests_tools_forgekey_LDADD = $(ROUNDS_LIBS)
tests_tools_mkpkg_LDADD = $(ROUNDS_LIBS)
tests_tools_progress_driver_LDADD = $(ROUNDS_LIBS)
tests_tools_record_all_LDADD = $(ROUNDS_LIBS)
EXTRA_DIST += \
	tests/tools/bench-collect.sh \
	tests/tools/bench-install.sh \
	tests/tools/dicomfix.py \
	tests/tools/enrol-all.sh \
	tests/tools/reffig.py \
	tests/tools/stackframes.py
