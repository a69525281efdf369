#!/bin/sh
# rounds-collect push with a proxy in the environment (tests/lrs/proxy.py, which answers
# everything with 200 []): plain http, which is only ever to a loopback LRS, never goes
# through it, whatever http_proxy or ALL_PROXY say, so neither the Authorization header nor
# a statement leaves the machine and the proxy's answer counts for nothing; https may (a
# hospital's way out), but only as a CONNECT tunnel, TLS verified end to end.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/lrs-lib.sh"
lrs_need sqlite3 command -v sqlite3
lrs_need python3 command -v python3
cd "$T" || exit 1
SECRET=proxy-$$-secret
printf '%s\n' "$SECRET" > pw
central_db a.db 12 1
N=12

# proxy_start: the hostile proxy, logging to $T/proxy/log; sets $PPORT.
proxy_start() {
	mkdir -p "$T/proxy"
	python3 "$LRS_DIR/proxy.py" "$T/proxy/port" "$T/proxy/log" 2>"$T/proxy/stderr" &
	LRS_PIDS="$LRS_PIDS $!"
	PPORT=$(wait_port "$T/proxy/port" "$!")
}
seen() { [ -f "$T/proxy/log" ] && grep -c -- '^----$' "$T/proxy/log" || echo 0; }
posts() { [ -f "$T/$1/log" ] && wc -l < "$T/$1/log" || echo 0; }

proxy_start
stub_start plain 200
URL=http://127.0.0.1:$PORT/xAPI
for v in http_proxy ALL_PROXY all_proxy; do
	sqlite3 a.db 'DELETE FROM deliveries'
	: > "$T/plain/log"
	t_ok "plain http with $v set to a proxy: push succeeds" env "$v=http://127.0.0.1:$PPORT" \
		rounds-collect push --db a.db --lrs "$URL" --user key --password-file pw
	t_same "the proxy saw nothing ($v)" "$(seen)" 0
	t_same "the LRS got the statements and the ledger has them ($v)" \
		"$(posts plain) $(ledger a.db delivered)" "1 $N"
done
t_ok "the proxy never saw the password" sh -c "! grep -aF '$(printf 'key:%s' "$SECRET" | base64 -w0)' '$T/proxy/log' 2>/dev/null"
lrs_stop

if command -v openssl >/dev/null; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 \
		-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
	stub_start tls 200 "$T/cert.pem" "$T/key.pem"
	: > "$T/proxy/log"
	sqlite3 a.db 'DELETE FROM deliveries'
	t_exit "https through the hostile proxy fails: its 200 [] is no LRS" 1 "127.0.0.1:$PORT" \
		env "https_proxy=http://127.0.0.1:$PPORT" rounds-collect push --db a.db \
		--lrs "https://127.0.0.1:$PORT/xAPI" --ca-file cert.pem --user key --password-file pw \
		--retries 0
	t_same "nothing counts as delivered" "$(ledger a.db delivered)" 0
	t_ok "the proxy was asked for a tunnel only" grep -q "^CONNECT 127.0.0.1:$PORT " "$T/proxy/log"
	t_ok "and never saw the password" sh -c "! grep -aiE 'authorization|$SECRET' '$T/proxy/log'"
	lrs_stop
else
	t_fail "openssl is installed (scripts/quickstart)"
fi
t_done
