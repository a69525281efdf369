#!/bin/sh
# Turn SQL schema files into C strings: sql2c.sh OUT.c OUT.h FILE.sql...
# Each schema/NAME.sql becomes `extern const char schema_NAME_sql[];`.
set -eu
out_c=$1 out_h=$2
shift 2
{
	echo "/* Generated from the schema folder by schema/sql2c.sh: do not edit. */"
	echo "#ifndef ROUNDS_SCHEMA_H"
	echo "#define ROUNDS_SCHEMA_H"
	for f in "$@"; do
		n=$(basename "$f" .sql | tr -c 'a-zA-Z0-9\n' '_')
		echo "extern const char schema_${n}_sql[];"
	done
	echo "#endif"
} > "$out_h.tmp.$$"
{
	echo "/* Generated from the schema folder by schema/sql2c.sh: do not edit. */"
	echo "#include \"schema.h\""
	for f in "$@"; do
		n=$(basename "$f" .sql | tr -c 'a-zA-Z0-9\n' '_')
		echo "const char schema_${n}_sql[] ="
		sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$f"
		printf '\t"";\n'
	done
} > "$out_c.tmp.$$"
mv "$out_h.tmp.$$" "$out_h"
mv "$out_c.tmp.$$" "$out_c"
