#!/usr/bin/env python3
"""Check a captured player screen against a translation: every interface string the screen
shows is there in the catalogue's words, whole (not cut), and its English is not.

usage: i18n-check.py LANG.po SCREEN < SPECS

SCREEN is `tmux capture-pane -p` output. Each line of SPECS is
    KIND|CONTEXT|MSGID|ARG...
KIND text: the translation (printf ARGs put in) is on the screen, whole; wrapped lines are
           read as one text, so a sentence may take several rows;
KIND hint: the status line (the last row) holds the translated keys: whole keys and
           actions from the start, the rest left to an ellipsis (the ? screen has them all).
For both, the English (with its ARGs) must not be on the screen, unless the translation is
the same. Prints what is wrong and exits 1; exits 0 when the screen is right.
"""
import re
import sys


def unquote(s):
    out, i = [], 0
    body = s[s.index('"') + 1:s.rindex('"')]
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            n = body[i + 1]
            out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\'}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def read_po(path):
    """{(context, msgid): msgstr} of the translated, not fuzzy, singular entries."""
    entries, cur, key, fuzzy = {}, {}, None, False
    def flush():
        nonlocal cur, fuzzy
        if 'msgid' in cur and 'msgstr' in cur and cur['msgstr'] and not fuzzy:
            entries[(cur.get('msgctxt', ''), cur['msgid'])] = cur['msgstr']
        cur, fuzzy = {}, False
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('#,') and 'fuzzy' in line:
            fuzzy = True
        if line.startswith('#') or not line.strip():
            if not line.strip() and cur:
                flush()
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(\[\d+\])?)\s+(".*")$', line)
        if m:
            if m.group(1) in ('msgctxt', 'msgid') and 'msgstr' in cur:
                flush()
            key = m.group(1)
            cur[key] = unquote(m.group(3))
        elif line.startswith('"') and key is not None:
            cur[key] += unquote(line)
    flush()
    return entries


SPEC = re.compile(r"%(\d+\$)?[-+ #0']*(\d+)?(\.\d+)?(hh|h|ll|l|j|z|t|L)?([diouxXfgsc%])")


def cformat(fmt, args):
    """printf as C does it, positional %N$ included, for the conversions the screens use."""
    pos = [0]
    def one(m):
        if m.group(5) == '%':
            return '%'
        if m.group(1):
            v = args[int(m.group(1)[:-1]) - 1]
        else:
            v = args[pos[0]]
            pos[0] += 1
        return v
    return SPEC.sub(one, fmt)


def norm(s):
    return re.sub(r'\s+', ' ', s).strip()


def main():
    po, screen_path = sys.argv[1], sys.argv[2]
    tr = read_po(po)
    rows = open(screen_path, encoding='utf-8').read().rstrip('\n').split('\n')
    screen = norm(' '.join(rows))
    status = rows[-1] if rows else ''
    bad = []
    for line in sys.stdin:
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        kind, ctx, msgid, *args = line.split('|')
        if (ctx, msgid) not in tr:
            bad.append('not translated in %s: %r' % (po, msgid))
            continue
        english = norm(cformat(msgid, args))
        local = norm(cformat(tr[(ctx, msgid)], args))
        if english != local and english in screen:
            bad.append('left in English: %r' % english)
        if kind == 'text':
            if local not in screen:
                bad.append('not on the screen whole: %r' % local)
        elif kind == 'hint':
            keys = [norm(k) for k in re.split(r'\s{2,}', tr[(ctx, msgid)].strip())]
            shown = norm(status)
            ell = '\u2026' if '\u2026' in shown else '...' if shown.endswith('...') else None
            # the keys start after "[WxH: ...]", the message of a small window
            starts = [m.start() for m in re.finditer(re.escape(keys[0]), shown)]
            if not starts:
                bad.append('status line lacks the first key %r: %r' % (keys[0], shown))
                continue
            rest = shown[starts[0]:]
            said = ' '.join(keys)
            if ell:  # cut: only ever after a whole key and its action
                rest = rest[:rest.index(ell)].rstrip()
                if rest not in [' '.join(keys[:i]) for i in range(1, len(keys) + 1)]:
                    bad.append('status line cuts the keys %r: %r' % (said, shown))
            elif not rest.startswith(said):
                bad.append('status line lacks keys of %r: %r' % (said, shown))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
