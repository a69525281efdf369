# Benchmarks: generators of large synthetic inputs (built on demand with `make bench`).
EXTRA_PROGRAMS = bench/gen-course
bench_gen_course_SOURCES = bench/gen-course.c
bench_gen_course_LDADD = $(PNG_LIBS) $(TURBOJPEG_LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_PROGRAMS += bench/ptytime
bench_ptytime_SOURCES = bench/ptytime.c
bench_ptytime_LDADD = -lutil
EXTRA_PROGRAMS += bench/gen-progress
bench_gen_progress_SOURCES = bench/gen-progress.c
bench_gen_progress_LDADD = $(ROUNDS_LIBS)
EXTRA_DIST += bench/run
bench: $(EXTRA_PROGRAMS)
.PHONY: bench
