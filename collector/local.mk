# collector/: rounds-collect, the import of progress files and the reports.
bin_PROGRAMS += collector/rounds-collect
collector_rounds_collect_SOURCES = \
	collector/collector.h \
	collector/collect-cmds.h \
	collector/report.h \
	collector/rounds-collect.c \
	collector/cmd-conflicts.c \
	collector/cmd-courses.c \
	collector/cmd-devices.c \
	collector/cmd-essays.c \
	collector/cmd-import.c \
	collector/cmd-report.c \
	collector/cmd-statements.c \
	collector/options.c \
	collector/output.c collector/output.h \
	collector/report-decisions.c collector/report-decisions.h \
	collector/report-progress.c \
	collector/report-questions.c \
	collector/report-roster.c
collector_rounds_collect_LDADD = $(ROUNDS_LIBS)
