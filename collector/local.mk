# rounds-collect: import of progress files and reports.
bin_PROGRAMS += collector/rounds-collect
collector_rounds_collect_SOURCES = \
	collector/collector.h \
	collector/rounds-collect.c
collector_rounds_collect_LDADD = $(ROUNDS_LIBS)
