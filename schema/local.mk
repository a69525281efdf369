# schema/: the SQL of course.db, progress.db and central.db, one file per version step
# (lib/local.mk compiles them in).
SCHEMA_FILES = \
	schema/central.sql \
	schema/central-2.sql \
	schema/central-3.sql \
	schema/central-4.sql \
	schema/central-5.sql \
	schema/course.sql \
	schema/course-image-questions.sql \
	schema/course-previous.sql \
	schema/course-stacks.sql \
	schema/progress.sql \
	schema/progress-2.sql \
	schema/progress-3.sql \
	schema/progress-4.sql
EXTRA_DIST += schema/sql2c.sh $(SCHEMA_FILES)
