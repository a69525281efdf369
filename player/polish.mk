# Player screens with text too long for its place: the breadcrumb, the library's course
# rows and the course screen's header (description and notice), at 80 and 60 columns.
E2E_TESTS += tests/tui/ui-polish.sh
