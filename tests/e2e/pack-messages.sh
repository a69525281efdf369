#!/bin/sh
# rounds-pack check, as a new author meets it: a byte-order mark or blank lines before the
# front matter, every message at path:line:col (sizes, image limits with a note naming the
# file), "did you mean" for near misses, tables, the training-material notice, and a GIFT
# file refused for its size without other warnings about it.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
fx="$top_srcdir/tests/fixtures/courses"
cd "$T"
rounds-pack new c --id org.example.msgs --title "Messages" >/dev/null
m=c/01-first-module

printf '\357\273\277---\nid: bom\ntitle: Saved with a BOM\n---\n\nSome text.\n' >$m/03-bom.md
# without its front matter the lesson would have no title (a warning) and a heading "id: bom"
t_ok "a byte-order mark before the front matter is accepted" rounds-pack check --werror c
rounds-pack keygen -W -p k.pub -s k.key >/dev/null
rounds-pack build c -k k.key -o c.course >/dev/null 2>&1
rounds-pack inspect c.course >"$T/inspect"
t_grep "and its id and title are the front matter's" "^  lesson  first-module/bom +Saved with a BOM$" "$T/inspect"

printf '\n\n---\ntitle: Blank\n---\n\nText.\n' >$m/04-blank.md
t_exit "blank lines before the front matter are an error at the '---'" 1 \
	"^c/01-first-module/04-blank.md:3:1: error: front matter must start on the first line: remove the 2 blank lines above this '---'$" \
	rounds-pack check c
rm $m/04-blank.md

printf -- '---\nid: first-lesson\n---\n# Again\n\nText.\n' >$m/05-again.md
t_exit "a duplicate id is reported at its id: line" 1 \
	"^c/01-first-module/05-again.md:2:5: error: id 'first-module/first-lesson' is already used by c/01-first-module/01-first-lesson.md$" \
	rounds-pack check c
t_grep "with a note where the id is first given" \
	"^c/01-first-module/01-first-lesson.md:1:1: note: 'first-module/first-lesson' is first given here$" "$T/.err"
printf -- '---\nid: Bad_Id\n---\n# Bad\n\nText.\n' >$m/05-again.md
t_exit "an invalid id is reported at its value" 1 \
	"^c/01-first-module/05-again.md:2:5: error: id 'Bad_Id' must be one segment" rounds-pack check c
printf -- '---\ntitle: Empty\n---\n' >$m/05-again.md
t_ok "a lesson without text is only a warning" rounds-pack check c
t_grep "at the line after its front matter" \
	"^c/01-first-module/05-again.md:4:1: warning: lesson has no text besides its title$" "$T/.err"
rm $m/05-again.md

head -c 4200000 /dev/zero | tr '\0' 'a' >$m/06-big.gift
t_exit "a GIFT file too large is an error at its first line" 1 \
	"^c/01-first-module/06-big.gift:1:1: error: file too large" rounds-pack check c
t_same "and nothing else is said about its contents" "$(grep -c 06-big "$T/.err")" 1
rm $m/06-big.gift

cp "$fx/broken/images/huge.png" c/images/huge.png
printf '# Huge\n\nText.\n\n![Too wide](../images/huge.png)\n' >$m/07-huge.md
t_exit "an image over the limits is reported at the line that uses it" 1 \
	"^c/01-first-module/07-huge.md:5:1: error: image '../images/huge.png' cannot be used: image is 9000x10 pixels; the limit is 8192 pixels a side$" \
	rounds-pack check c
t_grep "with the image file in a note" "^c/images/huge.png: note: the image file$" "$T/.err"
rm $m/07-huge.md c/images/huge.png

mv c/images/example.png c/images/qsofa.png
sed -i 's/example.png/QSOFA.png/' $m/01-first-lesson.md
t_exit "a missing image suggests the file that differs in case" 1 \
	"^c/01-first-module/01-first-lesson.md:5:1: error: image '../images/QSOFA.png' not found \(no file c/images/QSOFA.png\): did you mean '../images/qsofa.png'\?$" \
	rounds-pack check c
sed -i 's/QSOFA.png/qsfoa.png/' $m/01-first-lesson.md
t_exit "or a near miss" 1 "^c/01-first-module/01-first-lesson.md:5:1: error: image '../images/qsfoa.png' not found .*: did you mean '../images/qsofa.png'\?$" \
	rounds-pack check c
sed -i 's/qsfoa.png/qsofa.png/' $m/01-first-lesson.md
sed -i 's|(\.\./images/qsofa.png)|(../Images/qsofa.png)|' $m/01-first-lesson.md
t_exit "folders too" 1 "did you mean '../images/qsofa.png'\?$" rounds-pack check c
sed -i 's|(\.\./Images/qsofa.png)|(../images/qsofa.png)|' $m/01-first-lesson.md

printf '# Links\n\n[a](01-First-Lesson.md) [b](01-first-lesson.md#a-knowledge-chek) [c](#see-alse)\n\n## See also\n\nText.\n' >$m/08-links.md
t_exit "a missing lesson suggests the near one" 1 \
	"^c/01-first-module/08-links.md:3:1: error: link '01-First-Lesson.md' does not lead to a lesson or quiz of this course \(no c/01-first-module/01-First-Lesson.md\): did you mean '01-first-lesson.md'\?$" \
	rounds-pack check c
t_grep "a missing anchor in another lesson suggests its near heading" \
	"^c/01-first-module/08-links.md:3:25: error: .*: did you mean '01-first-lesson.md#a-knowledge-check'\?$" "$T/.err"
t_grep "and one in the same lesson" "^c/01-first-module/08-links.md:3:66: error: .*: did you mean '#see-also'\?$" "$T/.err"
printf '# Links\n\n[a](../02-other/01-x.md)\n' >$m/08-links.md
t_exit "nothing near: no suggestion" 1 "^c/01-first-module/08-links.md:3:1: error: link '../02-other/01-x.md' does not lead to a lesson or quiz of this course \(no c/02-other/01-x.md\)$" \
	rounds-pack check c
rm $m/08-links.md

printf '# Doses\n\nText.\n\n| Patient | Dose |\n| --- | ---: |\n| Adult | 1 mg |\n\n```\n| a | b |\n| - | - |\n```\n' >$m/09-table.md
t_ok "a table is a warning" rounds-pack check c
t_grep "at its first line, with what to do instead" \
	"^c/01-first-module/09-table.md:5:1: warning: Markdown tables are not supported: .*use a list" "$T/.err"
t_same "a table shown as code is not one" "$(grep -c 'tables' "$T/.err")" 1
rm $m/09-table.md

t_ok "new writes the training-material notice" grep -q '^> \*\*Training material, not clinical guidance' c/course.md
sed -i '/^> /d' c/course.md
t_ok "a course without a notice still checks" rounds-pack check c
t_grep "with a warning at the welcome page" "^c/course.md:9:1: warning: the welcome page has no notice: open it with a block quote" "$T/.err"
t_done
