# tests/unit/: one test program per lib module (C, TAP through tap.h), and the player's
# modules that are tested off-screen (their objects linked into the test directly).
noinst_LIBRARIES += tests/unit/libtap.a
tests_unit_libtap_a_SOURCES = tests/unit/tap.c tests/unit/tap.h tests/unit/question.h \
	tests/unit/progfile.c tests/unit/progfile.h
TEST_LIBS = tests/unit/libtap.a $(ROUNDS_LIBS)
# The tests that load course sources, and so may meet a DICOM stack (see Makefile.am).
TEST_DICOM_LIBS = tests/unit/libtap.a $(ROUNDS_LIBS) $(ROUNDS_DICOM_LIBS)

UNIT_TESTS += \
	tests/unit/test-answer \
	tests/unit/test-case \
	tests/unit/test-case-progress \
	tests/unit/test-central \
	tests/unit/test-central-deliver \
	tests/unit/test-coursedb \
	tests/unit/test-courseread \
	tests/unit/test-coursesrc \
	tests/unit/test-coursestack \
	tests/unit/test-csv \
	tests/unit/test-frontmatter \
	tests/unit/test-gift \
	tests/unit/test-grade \
	tests/unit/test-grade-image \
	tests/unit/test-i18n \
	tests/unit/test-ids \
	tests/unit/test-image \
	tests/unit/test-imgprep \
	tests/unit/test-imgq \
	tests/unit/test-interaction \
	tests/unit/test-jsonl \
	tests/unit/test-jtree \
	tests/unit/test-keys \
	tests/unit/test-layout \
	tests/unit/test-library \
	tests/unit/test-lrs \
	tests/unit/test-manifest \
	tests/unit/test-mdcheck \
	tests/unit/test-pkgread \
	tests/unit/test-pkgwrite \
	tests/unit/test-previd \
	tests/unit/test-progress \
	tests/unit/test-push \
	tests/unit/test-safeout \
	tests/unit/test-sha256 \
	tests/unit/test-sig \
	tests/unit/test-stack \
	tests/unit/test-suggest \
	tests/unit/test-termgfx \
	tests/unit/test-trust \
	tests/unit/test-view \
	tests/unit/test-xapi
check_PROGRAMS += $(UNIT_TESTS)

tests_unit_test_answer_SOURCES = tests/unit/test-answer.c player/answer.c player/field.c \
	player/attempt.c
tests_unit_test_answer_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_answer_LDADD = $(TEST_LIBS)
tests_unit_test_case_LDADD = $(TEST_LIBS)
tests_unit_test_case_progress_LDADD = $(TEST_LIBS)
tests_unit_test_central_LDADD = $(TEST_LIBS)
tests_unit_test_central_deliver_LDADD = $(TEST_LIBS)
tests_unit_test_coursedb_LDADD = $(TEST_DICOM_LIBS)
nodist_EXTRA_tests_unit_test_coursedb_SOURCES = lib/cxx-link.cc
tests_unit_test_courseread_LDADD = $(TEST_DICOM_LIBS)
nodist_EXTRA_tests_unit_test_courseread_SOURCES = lib/cxx-link.cc
tests_unit_test_coursesrc_LDADD = $(TEST_DICOM_LIBS)
nodist_EXTRA_tests_unit_test_coursesrc_SOURCES = lib/cxx-link.cc
tests_unit_test_coursestack_LDADD = $(TEST_DICOM_LIBS)
nodist_EXTRA_tests_unit_test_coursestack_SOURCES = lib/cxx-link.cc
tests_unit_test_csv_LDADD = $(TEST_LIBS)
tests_unit_test_frontmatter_LDADD = $(TEST_LIBS)
tests_unit_test_gift_LDADD = $(TEST_LIBS)
tests_unit_test_grade_LDADD = $(TEST_LIBS)
tests_unit_test_grade_image_LDADD = $(TEST_LIBS)
tests_unit_test_i18n_LDADD = $(TEST_LIBS)
tests_unit_test_ids_LDADD = $(TEST_LIBS)
tests_unit_test_image_LDADD = $(TEST_LIBS)
tests_unit_test_imgprep_SOURCES = tests/unit/test-imgprep.c player/imgprep.c player/imgprep.h
tests_unit_test_imgprep_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_imgprep_LDADD = $(TEST_LIBS)
tests_unit_test_imgq_LDADD = $(TEST_LIBS)
tests_unit_test_interaction_LDADD = $(TEST_LIBS)
tests_unit_test_jsonl_LDADD = $(TEST_LIBS)
tests_unit_test_jtree_LDADD = $(TEST_LIBS)
tests_unit_test_keys_SOURCES = tests/unit/test-keys.c player/keys.c
tests_unit_test_keys_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_keys_LDADD = $(TEST_LIBS)
tests_unit_test_layout_SOURCES = tests/unit/test-layout.c player/layout.c player/layout.h
tests_unit_test_layout_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_layout_LDADD = $(TEST_LIBS)
tests_unit_test_library_LDADD = $(TEST_DICOM_LIBS)
nodist_EXTRA_tests_unit_test_library_SOURCES = lib/cxx-link.cc
tests_unit_test_lrs_LDADD = $(TEST_LIBS) $(CURL_LIBS)
tests_unit_test_manifest_LDADD = $(TEST_LIBS)
tests_unit_test_mdcheck_LDADD = $(TEST_LIBS)
tests_unit_test_pkgread_LDADD = $(TEST_LIBS)
tests_unit_test_pkgwrite_LDADD = $(TEST_DICOM_LIBS)
tests_unit_test_safeout_LDADD = $(TEST_LIBS)
tests_unit_test_sha256_LDADD = $(TEST_LIBS)
nodist_EXTRA_tests_unit_test_pkgwrite_SOURCES = lib/cxx-link.cc
tests_unit_test_previd_LDADD = $(TEST_LIBS)
tests_unit_test_progress_LDADD = $(TEST_LIBS)
tests_unit_test_push_LDADD = $(TEST_LIBS) $(CURL_LIBS)
tests_unit_test_sig_LDADD = $(TEST_LIBS)
tests_unit_test_stack_LDADD = $(TEST_LIBS)
tests_unit_test_suggest_LDADD = $(TEST_LIBS)
tests_unit_test_termgfx_SOURCES = tests/unit/test-termgfx.c player/termgfx.c player/termgfx.h
tests_unit_test_termgfx_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_termgfx_LDADD = $(TEST_LIBS) $(CHAFA_LIBS)
tests_unit_test_trust_LDADD = $(TEST_LIBS)
tests_unit_test_view_SOURCES = tests/unit/test-view.c player/view.c player/view.h
tests_unit_test_view_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/player
tests_unit_test_view_LDADD = $(TEST_LIBS)
tests_unit_test_xapi_LDADD = $(TEST_LIBS)
