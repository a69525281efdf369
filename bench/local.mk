# Benchmarks: generators of large synthetic inputs (built on demand with `make bench`).
EXTRA_PROGRAMS = bench/gen-course
bench_gen_course_SOURCES = bench/gen-course.c
bench_gen_course_LDADD = $(PNG_LIBS) $(TURBOJPEG_LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)
EXTRA_PROGRAMS += bench/ptytime
bench_ptytime_SOURCES = bench/ptytime.c
bench_ptytime_LDADD = -lutil
bench: $(EXTRA_PROGRAMS)
.PHONY: bench
