#!/bin/sh
# rounds-pack check: the broken fixture gives exactly the expected list of errors and
# warnings, sorted; --werror turns warnings into errors; build writes nothing on error.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
fx="$top_srcdir/tests/fixtures/courses"
# git keeps no empty folders: the fixture's empty module folder is made here.
cp -r "$fx/broken" "$T/broken" && chmod -R u+w "$T/broken"
mkdir -p "$T/broken/02-mod"
cd "$T"
rounds-pack check broken >"$T/out" 2>"$T/err"; st=$?
t_same "check of the broken course exits 1" "$st" 1
if diff -u "$fx/broken.expected" "$T/err" >"$T/diff"; then t_pass "the broken course gives exactly the expected diagnostics"
else t_fail "the broken course gives exactly the expected diagnostics"; t_diag "$T/diff"; fi
cd "$T"
t_ok "check of the good course passes with --werror" rounds-pack check --werror "$fx/good"
t_grep "and prints a summary" "good: 2 modules, 4 items, 11 questions, 3 images: ok" "$T/.out"

cp -r "$fx/good" warn && chmod -R u+w warn
printf '\nSee ![](../images/fig.png) too.\n' >> warn/02-practice/01-habits.md
t_ok "warnings alone do not fail check" rounds-pack check warn
t_grep "the warning is printed" "^warn/02-practice/01-habits.md:30:5: warning: image '../images/fig.png' has no alt text" "$T/.err"
t_exit "--werror makes a warning fail" 1 "^warn/02-practice/01-habits.md:30:5: error: image '../images/fig.png' has no alt text" \
	rounds-pack check --werror warn
t_grep "--werror says why it failed" "0 errors, 1 warning \(warnings are errors with --werror\)" "$T/.err"

minisign -G -W -p k.pub -s k.key >/dev/null 2>&1 || rounds-pack keygen -W -p k.pub -s k.key >/dev/null
before=$(ls -A)
t_exit "build refuses the broken course" 1 "invalid UTF-8" rounds-pack build "$fx/broken" -k k.key -o out.course
t_same "nothing is written when the course has errors" "$(ls -A)" "$before"
cp -r "$fx/good" bad && chmod -R u+w bad
printf 'not a png' > bad/images/fig.png
t_exit "a corrupt image stops the build, at the line that uses it" 1 \
	"^bad/course.md:16:1: error: image 'images/fig.png' cannot be used: not a PNG or JPEG image" \
	rounds-pack build bad -k k.key -o bad.course
t_grep "and a note names the image file" "^bad/images/fig.png: note: the image file$" "$T/.err"
t_ok "and no package appears" test ! -e bad.course
cp -r "$fx/good" typo && chmod -R u+w typo
sed -i 's/^license:/licence:/' typo/course.md
t_exit "a front matter typo is an error with a suggestion" 1 \
	"^typo/course.md:7:1: error: unknown front matter key 'licence' \(did you mean 'license'\?\)" rounds-pack check typo
t_exit "a folder without course.md is refused" 1 "course.md: error: missing" rounds-pack check "$T/bad/images"
t_exit "check without a folder is a usage error" 2 "^usage: rounds-pack check" rounds-pack check
t_done
