#!/bin/sh
# The catalogues keep up with the sources: po/POTFILES.in names every source with marked
# messages, po/rounds.pot is what make update-po makes of them now, po/LINGUAS lists pt,
# fr and de with a po/LANG.po each, and each of those, merged with the sources' messages,
# has every one translated, none fuzzy, and every format as the English has it
# (msgfmt --check). A message added without its translations fails here, in CI.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
command -v xgettext >/dev/null && command -v msgmerge >/dev/null ||
	t_skip_all "gettext's tools are not installed"
cd "$top_srcdir"

# the same pattern as the marks themselves: _(), N_(), C_(), NC_(), ngettext
grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)\(' lib/*.c lib/*.cc packager/*.c \
	player/*.c collector/*.c | sort >"$T/marked"
grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort >"$T/listed"
t_ok "po/POTFILES.in lists every source with marked messages, and only those" \
	diff -u "$T/listed" "$T/marked"

# xgettext as po/Makefile runs it, with po/Makevars's options
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' po/Makevars | sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
xgettext --default-domain=rounds --directory="$top_srcdir" $opts --files-from=po/POTFILES.in \
	-o "$T/fresh.pot" 2>"$T/xgettext.err"
t_ok "xgettext reads the sources" test -s "$T/fresh.pot"
t_ok "po/rounds.pot has every message of the sources (make update-po)" \
	msgcmp --use-untranslated po/rounds.pot "$T/fresh.pot"
t_ok "and none they no longer have" msgcmp --use-untranslated "$T/fresh.pot" po/rounds.pot

langs=$(grep -v '^#' po/LINGUAS | tr -s ' \n' ' ')
for want in pt fr de; do
	case " $langs " in
	*" $want "*) t_pass "po/LINGUAS lists $want" ;;
	*) t_fail "po/LINGUAS lists $want" ;;
	esac
done
for l in $langs; do
	if [ ! -f "po/$l.po" ]; then
		t_fail "po/$l.po exists for $l in po/LINGUAS"
		continue
	fi
	msgmerge --quiet --previous -o "$T/$l.po" "po/$l.po" "$T/fresh.pot"
	msgfmt --check --statistics -o /dev/null "$T/$l.po" 2>"$T/$l.stats"
	t_ok "po/$l.po passes msgfmt --check" test $? -eq 0
	if grep -Eq 'untranslated|fuzzy' "$T/$l.stats"; then
		t_fail "po/$l.po translates every message, none fuzzy"
		t_diag "$T/$l.stats"
	else
		t_pass "po/$l.po translates every message, none fuzzy"
	fi
done
for f in po/*.po; do
	[ -e "$f" ] || continue
	l=$(basename "$f" .po)
	case " $langs " in
	*" $l "*) ;;
	*) t_fail "$f is listed in po/LINGUAS" ;;
	esac
done
t_done
