#!/bin/sh
# Every course shipped in courses/ passes `rounds-pack check --werror`.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
found=0
for c in "$top_srcdir"/courses/*/; do
	[ -f "$c/course.md" ] || continue
	found=1
	t_ok "courses/$(basename "$c") checks cleanly with --werror" rounds-pack check --werror "$c"
done
[ "$found" -eq 1 ] || t_skip_all "no courses in courses/"
t_done
