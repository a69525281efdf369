#!/bin/sh
# rounds-pack new: the scaffold checks without warnings and builds as it is; existing
# folders and bad ids are refused.
. "${top_srcdir:-.}/tests/e2e/lib.sh"
cd "$T"
t_ok "new makes a course" rounds-pack new wc --id org.example.wound-care --title "Wound care"
t_ok "the scaffold checks with --werror" rounds-pack check --werror wc
rounds-pack keygen -W -p k.pub -s k.key >/dev/null
t_ok "the scaffold builds" rounds-pack build wc -k k.key
t_grep "with one lesson, one quiz and its figure" "1 lesson, 1 quiz, 3 questions, 1 asset" "$T/.out"
t_ok "into ID-VERSION.course" test -s org.example.wound-care-0.1.0.course
t_exit "an existing folder is refused" 1 "wc: already exists" rounds-pack new wc --id org.example.x --title X
t_exit "a bad id is refused" 1 "id 'Wound Care' is not a reverse-DNS name" rounds-pack new w2 --id "Wound Care" --title X
t_ok "and nothing is made" test ! -e w2
t_exit "new without --id is a usage error" 2 "^usage: rounds-pack new" rounds-pack new w3 --title X
t_done
