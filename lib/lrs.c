/*
 * The HTTP side of push (see lrs.h). One curl handle per LRS, reused so that batches share
 * a connection. The Authorization header is built here rather than by curl's user and
 * password options, so that the only copies of the secret are ours and are wiped.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "fsutil.h"
#include "i18n.h"
#include "lrs.h"
#include "xmalloc.h"

#define LRS_MAX_ANSWER ((size_t)1 << 20) /* what we keep of the LRS's answer */
#define LRS_MAX_SECRET 4096
#define LRS_BACKOFF_MS 1000L /* first wait; doubled after each try */
#define LRS_BACKOFF_MAX_MS 60000L
#define LRS_RETRY_AFTER_MAX_MS (600L * 1000) /* a longer Retry-After ends the run */
#define LRS_DEFAULT_TIMEOUT_S 60L
#define LRS_DEFAULT_RETRIES 5

struct lrs {
	CURL *curl;
	struct curl_slist *headers; /* the Authorization header among them: wiped */
	char *url;                  /* the statements resource */
	char *name;
	int retries;
	char curl_err[CURL_ERROR_SIZE];
	/* The answer to the current request. */
	char *answer;
	size_t answer_len;
	char retry_after[64];
};

/* ---- Opening: the URL, the authentication ---- */

static int
lrs_loopback(const char *host)
{
	unsigned char a[16];
	char h[64];
	size_t n = strlen(host);

	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127;
	if (n < 2 || n >= sizeof h || host[0] != '[' || host[n - 1] != ']')
		return 0;
	memcpy(h, host + 1, n - 2);
	h[n - 2] = '\0';
	return inet_pton(AF_INET6, h, a) == 1 && memcmp(a, &in6addr_loopback, 16) == 0;
}

/* Refuse what the URL must not hold; `part` is one of curl's URL parts, NULL when absent. */
static int
lrs_url_part_absent(CURLU *u, CURLUPart part, const char *url, const char *what, struct rerr *err)
{
	char *v = NULL;

	if (curl_url_get(u, part, &v, 0) == CURLUE_OK && v != NULL) {
		curl_free(v);
		return rerr_set(err, NULL, "%s: %s", url, what);
	}
	return 0;
}

/* The statements resource of the LRS at cfg->url, with the checks of lrs_open. */
static char *
lrs_statements_url(const char *given, struct rerr *err)
{
	/* Messages name the URL, unless it may hold a secret: credentials, or a key in a
	 * query or fragment (both refused below, but only after being named). */
	const char *url = strpbrk(given, "@?#") == NULL ? given : _("the LRS's URL");
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *path = NULL, *full = NULL, *res = NULL;
	size_t n;

	if (curl_url_set(u, CURLUPART_URL, given, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK) {
		rerr_set(err, NULL,
		    _("%s: not a URL (give the LRS's xAPI endpoint, such as "
		      "https://lrs.example.org/xAPI)"),
		    url);
		goto out;
	}
	if (lrs_url_part_absent(u, CURLUPART_USER, url,
	        _("credentials do not belong in it (use "
	          "--user with --password-file, or --token-file)"),
	        err) == -1 ||
	    lrs_url_part_absent(u, CURLUPART_QUERY, url, _("a query does not belong in the URL"),
	        err) == -1 ||
	    lrs_url_part_absent(u, CURLUPART_FRAGMENT, url,
	        _("a fragment does not "
	          "belong in the URL"),
	        err) == -1)
		goto out;
	if (strcasecmp(scheme, "https") != 0 &&
	    !(strcasecmp(scheme, "http") == 0 && lrs_loopback(host))) {
		rerr_set(err, NULL,
		    strcasecmp(scheme, "http") == 0 ?
		        _("%s: refused: plain http only to a loopback address (127.0.0.0/8, [::1]); "
		          "use https") :
		        _("%s: refused: not an http or https URL"),
		    url);
		goto out;
	}
	for (n = strlen(path); n > 0 && path[n - 1] == '/'; n--)
		path[n - 1] = '\0';
	if (n < 11 || strcmp(path + n - 11, "/statements") != 0) {
		char *p = xasprintf("%s/statements", path);

		curl_url_set(u, CURLUPART_PATH, p, 0);
		free(p);
	} else {
		curl_url_set(u, CURLUPART_PATH, path, 0);
	}
	if (curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK) {
		rerr_set(err, NULL, _("%s: not a URL"), url);
		goto out;
	}
	res = xstrdup(full);
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(path);
	curl_free(full);
	curl_url_cleanup(u);
	return res;
}

static int
lrs_has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* "Authorization: Basic base64(user:secret)" or "... Bearer secret"; wiped by the caller. */
static int
lrs_auth_header(const struct lrs_config *cfg, struct curl_slist **headers, struct rerr *err)
{
	size_t ulen, slen, plain_len, b64_len;
	char *plain, *b64, *h;
	struct curl_slist *l;

	if (cfg->secret == NULL)
		return cfg->user == NULL ? 0 : rerr_set(err, NULL, _("a user without a password"));
	if (cfg->secret[0] == '\0' || lrs_has_control(cfg->secret))
		return rerr_set(err, NULL, "%s",
		    cfg->user != NULL ? _("the password is empty or holds control characters") :
		                        _("the token is empty or holds control characters"));
	slen = strlen(cfg->secret);
	if (cfg->user == NULL) {
		h = xasprintf("Authorization: Bearer %s", cfg->secret);
	} else {
		if (cfg->user[0] == '\0' || strchr(cfg->user, ':') != NULL ||
		    lrs_has_control(cfg->user))
			return rerr_set(err, NULL,
			    _("--user: empty, or holds ':' or control "
			      "characters"));
		ulen = strlen(cfg->user);
		plain_len = ulen + 1 + slen;
		plain = xmalloc(plain_len + 1);
		snprintf(plain, plain_len + 1, "%s:%s", cfg->user, cfg->secret);
		b64_len = sodium_base64_ENCODED_LEN(plain_len, sodium_base64_VARIANT_ORIGINAL);
		b64 = xmalloc(b64_len);
		sodium_bin2base64(b64, b64_len, (unsigned char *)plain, plain_len,
		    sodium_base64_VARIANT_ORIGINAL);
		h = xasprintf("Authorization: Basic %s", b64);
		sodium_memzero(plain, plain_len);
		sodium_memzero(b64, b64_len);
		free(plain);
		free(b64);
	}
	l = curl_slist_append(*headers, h);
	sodium_memzero(h, strlen(h));
	free(h);
	if (l == NULL)
		return rerr_set(err, NULL, _("out of memory"));
	*headers = l;
	return 0;
}

static size_t
lrs_on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct lrs *l = arg;
	size_t n = size * nmemb, keep = n;

	if (l->answer_len + keep > LRS_MAX_ANSWER)
		keep = LRS_MAX_ANSWER - l->answer_len;
	if (keep > 0) {
		l->answer = xreallocarray(l->answer, l->answer_len + keep + 1, 1);
		memcpy(l->answer + l->answer_len, data, keep);
		l->answer_len += keep;
		l->answer[l->answer_len] = '\0';
	}
	return n;
}

static size_t
lrs_on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct lrs *l = arg;
	size_t n = size * nmemb, k;
	const char *v;

	if (n > 12 && strncasecmp(data, "Retry-After:", 12) == 0) {
		for (v = data + 12; v < data + n && (*v == ' ' || *v == '\t'); v++)
			;
		for (k = (size_t)(data + n - v); k > 0 && isspace((unsigned char)v[k - 1]); k--)
			;
		snprintf(l->retry_after, sizeof l->retry_after, "%.*s", (int)k, v);
	}
	return n;
}

static int
lrs_setup_curl(struct lrs *l, const struct lrs_config *cfg, struct rerr *err)
{
	static const char *const fixed[] = { "Content-Type: application/json",
		"Accept: application/json", "X-Experience-API-Version: 1.0.3", "Expect:" };
	long timeout = cfg->timeout_s > 0 ? cfg->timeout_s : LRS_DEFAULT_TIMEOUT_S;
	struct curl_slist *h;
	CURL *c = l->curl;

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		if ((h = curl_slist_append(l->headers, fixed[i])) == NULL)
			return rerr_set(err, NULL, _("out of memory"));
		l->headers = h;
	}
	if (lrs_auth_header(cfg, &l->headers, err) == -1)
		return -1;
	curl_easy_setopt(c, CURLOPT_URL, l->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, l->headers);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, l->curl_err);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, lrs_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, l);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, lrs_on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, l);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/*
	 * Plain http is allowed to a loopback LRS only; a proxy from the environment
	 * (http_proxy, ALL_PROXY) would carry the Authorization header and the statements off
	 * the machine, and its answer would count as the LRS's. https may go through the
	 * environment's proxy, a hospital's only way out, as a CONNECT tunnel only: the proxy
	 * sees the host name, and TLS with the certificate check stays end to end.
	 */
	if (strncasecmp(l->url, "http:", 5) == 0)
		curl_easy_setopt(c, CURLOPT_PROXY, "");
	else
		curl_easy_setopt(c, CURLOPT_HTTPPROXYTUNNEL, 1L);
	/* A redirect would carry the Authorization header elsewhere: never followed. */
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#endif
	if (cfg->ca_file != NULL && curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file) != CURLE_OK)
		return rerr_set(err, cfg->ca_file, _("this libcurl cannot use a CA file"));
	return 0;
}

int
lrs_open(const struct lrs_config *cfg, struct lrs **out, struct rerr *err)
{
	struct lrs *l;

	*out = NULL;
	rerr_clear(err);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return rerr_set(err, NULL, _("cannot initialise libcurl"));
	l = xcalloc(1, sizeof *l);
	l->retries = cfg->retries >= 0 ? cfg->retries : LRS_DEFAULT_RETRIES;
	if ((l->url = lrs_statements_url(cfg->url, err)) == NULL)
		goto fail;
	l->name = cfg->user != NULL && cfg->secret != NULL ? xasprintf("%s@%s", cfg->user, l->url) :
	                                                     xstrdup(l->url);
	if ((l->curl = curl_easy_init()) == NULL) {
		rerr_set(err, NULL, _("cannot initialise libcurl"));
		goto fail;
	}
	if (lrs_setup_curl(l, cfg, err) == -1)
		goto fail;
	*out = l;
	return 0;
fail:
	lrs_close(l);
	return -1;
}

void
lrs_close(struct lrs *l)
{
	if (l == NULL)
		return;
	for (struct curl_slist *h = l->headers; h != NULL; h = h->next)
		sodium_memzero(h->data, strlen(h->data));
	if (l->curl != NULL)
		curl_easy_cleanup(l->curl);
	curl_slist_free_all(l->headers);
	free(l->url);
	free(l->name);
	free(l->answer);
	free(l);
	curl_global_cleanup();
}

const char *
lrs_name(const struct lrs *l)
{
	return l->name;
}

/* ---- Requests ---- */

long
lrs_retry_after_ms(const char *v, long long now)
{
	char *end;
	long long s;
	time_t t;

	if (v == NULL || *v == '\0')
		return -1;
	if (isdigit((unsigned char)*v)) {
		errno = 0;
		s = strtoll(v, &end, 10);
		if (*end != '\0')
			return -1;
		/* Anything beyond the longest wait (an overflow too) is just "too long". */
		return errno == ERANGE || s > LRS_RETRY_AFTER_MAX_MS / 1000 + 1 ?
		    LRS_RETRY_AFTER_MAX_MS + 1000 :
		    (long)s * 1000;
	}
	if ((t = curl_getdate(v, NULL)) == -1)
		return -1;
	if ((long long)t <= now)
		return 0;
	return (long long)t - now > LRS_RETRY_AFTER_MAX_MS / 1000 + 1 ?
	    LRS_RETRY_AFTER_MAX_MS + 1000 :
	    (long)((long long)t - now) * 1000;
}

/* The LRS's own words from an answer: Learning Locker's "message", Ralph's "detail". */
static char *
lrs_message(const struct lrs *l)
{
	static const char *const keys[] = { "message", "detail", "error", "errorMessage" };
	json_t *o = l->answer != NULL ? json_loads(l->answer, 0, NULL) : NULL, *v;
	char *m = NULL;

	for (size_t i = 0; o != NULL && m == NULL && i < sizeof keys / sizeof keys[0]; i++)
		if ((v = json_object_get(o, keys[i])) != NULL)
			m = json_is_string(v) ? xstrdup(json_string_value(v)) :
			                        json_dumps(v, JSON_COMPACT);
	json_decref(o);
	if (m == NULL)
		m = xasprintf("%.300s",
		    l->answer != NULL && l->answer_len > 0 ? l->answer : _("(no message)"));
	return m;
}

/* One POST. *status is the HTTP status, 0 when no answer came (then *cc says why). */
static void
lrs_post(struct lrs *l, const char *body, size_t len, long *status, CURLcode *cc)
{
	free(l->answer);
	l->answer = NULL;
	l->answer_len = 0;
	l->retry_after[0] = l->curl_err[0] = '\0';
	*status = 0;
	curl_easy_setopt(l->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(l->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	if ((*cc = curl_easy_perform(l->curl)) == CURLE_OK)
		curl_easy_getinfo(l->curl, CURLINFO_RESPONSE_CODE, status);
}

/* Worth another try: the request was lost, or the LRS says it is busy or failing. */
static int
lrs_transient(long status, CURLcode cc)
{
	if (status != 0)
		return status == 429 || status >= 500;
	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
		return 1;
	default:
		return 0;
	}
}

static char *
lrs_failure(const struct lrs *l, long status, CURLcode cc)
{
	char *m, *s;

	if (status == 0)
		return xstrdup(l->curl_err[0] != '\0' ? l->curl_err : curl_easy_strerror(cc));
	m = lrs_message(l);
	s = xasprintf("HTTP %ld: %s", status, m);
	free(m);
	return s;
}

static void
lrs_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* How long to wait before try number `attempt` (1, 2, ...): Retry-After, else backoff. */
static long
lrs_wait_ms(const struct lrs *l, int attempt)
{
	long ra = lrs_retry_after_ms(l->retry_after, (long long)time(NULL));
	long ms = LRS_BACKOFF_MS;

	if (ra >= 0)
		return ra;
	for (int i = 1; i < attempt && ms < LRS_BACKOFF_MAX_MS; i++)
		ms *= 2;
	if (ms > LRS_BACKOFF_MAX_MS)
		ms = LRS_BACKOFF_MAX_MS;
	/* Up to a quarter more at random, so that collectors retrying together drift apart. */
	return ms + (long)randombytes_uniform((uint32_t)(ms / 4 + 1));
}

/*
 * POST body until the LRS gives an answer that is not transient or the retries run out.
 * Returns the final HTTP status, or -1 with err set.
 */
static long
lrs_request(struct lrs *l, const char *body, size_t len,
    int (*fn)(void *, const struct lrs_event *), void *arg, struct rerr *err)
{
	struct lrs_event ev = { LRS_RETRY, 0, 0, NULL, 0 };
	long status;
	CURLcode cc;
	char *why;
	int r;

	for (int attempt = 0;; attempt++) {
		lrs_post(l, body, len, &status, &cc);
		if (!lrs_transient(status, cc)) {
			if (status != 0)
				return status;
			why = lrs_failure(l, status, cc);
			rerr_set(err, l->url, "%s", why);
			free(why);
			return -1;
		}
		why = lrs_failure(l, status, cc);
		ev.wait_ms = lrs_wait_ms(l, attempt + 1);
		if (attempt >= l->retries)
			rerr_set(err, l->url,
			    ngettext("%s (gave up after %d try)", "%s (gave up after %d tries)",
			        (unsigned long)attempt + 1),
			    why, attempt + 1);
		else if (ev.wait_ms > LRS_RETRY_AFTER_MAX_MS)
			rerr_set(err, l->url,
			    _("%s (the LRS asks to wait more than %ld s: try again "
			      "later)"),
			    why, LRS_RETRY_AFTER_MAX_MS / 1000);
		if (attempt >= l->retries || ev.wait_ms > LRS_RETRY_AFTER_MAX_MS) {
			free(why);
			return -1;
		}
		ev.message = why;
		r = fn(arg, &ev);
		free(why);
		if (r == -1)
			return -1;
		lrs_sleep_ms(ev.wait_ms);
	}
}

/* "[a,b,...]" of statements [first, first + n). */
static char *
lrs_body(const char *const *json, size_t n, size_t *len)
{
	size_t total = 2, k = 0;
	char *b;

	for (size_t i = 0; i < n; i++)
		total += strlen(json[i]) + 1;
	b = xmalloc(total + 1);
	b[k++] = '[';
	for (size_t i = 0; i < n; i++) {
		size_t m = strlen(json[i]);

		if (i > 0)
			b[k++] = ',';
		memcpy(b + k, json[i], m);
		k += m;
	}
	b[k++] = ']';
	b[k] = '\0';
	*len = k;
	return b;
}

/*
 * A success is 200 with the array of the ids stored, which may leave out those the LRS
 * held already (Ralph does; Learning Locker lists all), or 204 when it held them all
 * (Ralph). xAPI 1.0.3 (Communication 2.1.2) answers a POST with the ids of the statements
 * stored; so every id answered must be one of the batch's, each once (UUIDs: any case).
 * Order is not checked: an id out of place is still ours. Anything else (a web page, a
 * proxy's or another service's array) is not an answer to trust: the batch is not
 * delivered.
 */
static int
lrs_check_ids(const struct lrs *l, long status, const char *const *ids, size_t n, struct rerr *err)
{
	json_t *a;
	unsigned char *used;
	size_t i, k;
	int ok;

	if (status == 204)
		return 0;
	a = status == 200 && l->answer != NULL ? json_loads(l->answer, 0, NULL) : NULL;
	if (!json_is_array(a) || json_array_size(a) > n) {
		json_decref(a);
		return rerr_set(err, l->url,
		    _("the LRS answered HTTP %ld, not the ids of the "
		      "statements stored (a statements resource?)"),
		    status);
	}
	used = xcalloc(n + 1, 1);
	for (i = 0, ok = 1; ok && i < json_array_size(a); i++) {
		const char *id = json_string_value(json_array_get(a, i));

		for (k = 0; id != NULL && k < n; k++)
			if (!used[k] && strcasecmp(id, ids[k]) == 0)
				break;
		ok = id != NULL && k < n;
		if (ok)
			used[k] = 1;
	}
	free(used);
	json_decref(a);
	return ok ?
	    0 :
	    rerr_set(err, l->url,
	        _("the LRS answered with an id that is not one of "
	          "the statements sent (or one twice): the batch is not counted as delivered"));
}

static int
lrs_send_range(struct lrs *l, const char *const *ids, const char *const *json, size_t first,
    size_t n, int (*fn)(void *, const struct lrs_event *), void *arg, struct rerr *err)
{
	struct lrs_event ev = { LRS_STORED, first, n, NULL, 0 };
	size_t len, half;
	long status;
	char *body = lrs_body(json + first, n, &len), *m;
	int ret;

	status = lrs_request(l, body, len, fn, arg, err);
	free(body);
	if (status == -1)
		return -1;
	if (status >= 200 && status < 300)
		return lrs_check_ids(l, status, ids + first, n, err) == -1 ? -1 : fn(arg, &ev);
	/* A request larger than the LRS takes goes again in halves, down to one statement. */
	if (status != 409 && !(status == 413 && n > 1)) {
		m = lrs_failure(l, status, CURLE_OK);
		rerr_set(err, l->url, _("the LRS refused the statements: %s"), m);
		free(m);
		return -1;
	}
	/* One conflicting statement fails its whole batch: halve it to find which. */
	if (status == 409 && n == 1) {
		ev.kind = LRS_CONFLICT;
		ev.message = m = lrs_message(l);
		ret = fn(arg, &ev);
		free(m);
		return ret;
	}
	half = n / 2;
	if (lrs_send_range(l, ids, json, first, half, fn, arg, err) == -1)
		return -1;
	return lrs_send_range(l, ids, json, first + half, n - half, fn, arg, err);
}

int
lrs_send(struct lrs *l, const char *const *ids, const char *const *json, size_t n,
    int (*fn)(void *, const struct lrs_event *), void *arg, struct rerr *err)
{
	rerr_clear(err);
	return n == 0 ? 0 : lrs_send_range(l, ids, json, 0, n, fn, arg, err);
}

/* ---- Secrets ---- */

int
lrs_secret_read(const char *path, char **secret, struct rerr *err)
{
	char *buf;
	size_t len;

	*secret = NULL;
	if (fs_read_file(path, LRS_MAX_SECRET, &buf, &len, err) == -1)
		return -1;
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	if (len == 0 || strlen(buf) != len || lrs_has_control(buf)) {
		sodium_memzero(buf, len);
		free(buf);
		return rerr_set(err, path,
		    _("not a secret: empty, more than one line, or holds "
		      "control characters"));
	}
	*secret = buf;
	return 0;
}

void
lrs_secret_free(char *s)
{
	if (s == NULL)
		return;
	sodium_memzero(s, strlen(s));
	free(s);
}
