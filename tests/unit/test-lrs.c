/*
 * Tests for lib/lrs.c without a network: which URLs lrs_open accepts and the statements
 * resource and ledger name it makes of them, what it refuses (plain http off loopback,
 * credentials in the URL, header-breaking users and secrets), Retry-After parsing, and
 * reading a secret from a file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "lrs.h"
#include "tap.h"
#include "xmalloc.h"

static char *tmp;

/* lrs_open on url (user and secret may be NULL): its name, or NULL with err filled. */
static char *
open_name(const char *url, const char *user, const char *secret, struct rerr *err)
{
	struct lrs_config cfg = { url, user, secret, NULL, 0, -1 };
	struct lrs *l;
	char *name;

	if (lrs_open(&cfg, &l, err) == -1)
		return NULL;
	name = xstrdup(lrs_name(l));
	lrs_close(l);
	return name;
}

static void
accepts(const char *url, const char *user, const char *secret, const char *want)
{
	struct rerr err;
	char *name = open_name(url, user, secret, &err);

	tap_is_str(name != NULL ? name : err.msg, want, "%s is named %s", url, want);
	free(name);
}

static void
refuses(const char *url, const char *user, const char *secret, const char *want)
{
	struct rerr err;
	char *name = open_name(url, user, secret, &err);

	tap_ok(name == NULL && strstr(err.msg, want) != NULL, "%s (user %s) refused: %s", url,
	    user != NULL ? user : "none", name == NULL ? err.msg : name);
	if (secret != NULL && *secret != '\0' && name == NULL)
		tap_ok(strstr(err.msg, secret) == NULL, "the message does not hold the secret");
	free(name);
}

static void
test_urls(void)
{
	accepts("http://127.0.0.1:8080/xAPI", NULL, NULL, "http://127.0.0.1:8080/xAPI/statements");
	accepts("http://127.0.0.1:8080/xAPI/", NULL, NULL, "http://127.0.0.1:8080/xAPI/statements");
	accepts("http://127.9.8.7/data/xAPI/statements/", NULL, NULL,
	    "http://127.9.8.7/data/xAPI/statements");
	accepts("http://[::1]:9/x", NULL, NULL, "http://[::1]:9/x/statements");
	accepts("https://lrs.example.org/xAPI", "key", "pw",
	    "key@https://lrs.example.org/xAPI/statements");
	accepts("HTTPS://lrs.example.org", NULL, "token", "https://lrs.example.org/statements");
	refuses("http://lrs.example.org/xAPI", NULL, NULL, "plain http only to a loopback");
	refuses("http://10.0.0.1/xAPI", NULL, NULL, "plain http only to a loopback");
	refuses("http://localhost/xAPI", NULL, NULL, "plain http only to a loopback");
	refuses("http://[::2]/xAPI", NULL, NULL, "plain http only to a loopback");
	refuses("http://[::ffff:127.0.0.1]/xAPI", NULL, NULL, "plain http only to a loopback");
	refuses("ftp://127.0.0.1/xAPI", NULL, NULL, "not an http or https URL");
	refuses("file:///etc/passwd", NULL, NULL, "not a");
	refuses("lrs.example.org/xAPI", NULL, NULL, "not a URL");
	refuses("https://key:s3cret-pw@lrs.example.org/xAPI", NULL, "s3cret-pw",
	    "credentials do not belong");
	refuses("https://lrs.example.org/xAPI?store=1", NULL, NULL, "a query does not belong");
	refuses("https://lrs.example.org/xAPI#x", NULL, NULL, "a fragment does not belong");
	/* A key in a query or fragment is a secret too: the URL is not named. */
	refuses("https://lrs.example.org/xAPI?key=q-s3cret", NULL, "q-s3cret",
	    "the LRS's URL: a query does not belong");
	refuses("https://lrs.example.org/xAPI#f-s3cret", NULL, "f-s3cret",
	    "the LRS's URL: a fragment does not belong");
}

static void
test_auth(void)
{
	refuses("https://lrs.example.org/xAPI", "key", "line\r\nX-Injected: 1",
	    "holds control characters");
	refuses("https://lrs.example.org/xAPI", NULL, "tok\n", "holds control characters");
	refuses("https://lrs.example.org/xAPI", "ke:y", "pw", "holds ':'");
	refuses("https://lrs.example.org/xAPI", "key", NULL, "a user without a password");
	refuses("https://lrs.example.org/xAPI", "key", "", "empty");
}

static void
test_retry_after(void)
{
	long long now = (long long)time(NULL);
	char date[64];
	time_t later = (time_t)(now + 5);
	struct tm tm;

	tap_is_int(lrs_retry_after_ms("2", now), 2000, "Retry-After: 2 is 2 s");
	tap_is_int(lrs_retry_after_ms("0", now), 0, "Retry-After: 0 is now");
	tap_is_int(lrs_retry_after_ms("", now), -1, "an empty one is none");
	tap_is_int(lrs_retry_after_ms("soon", now), -1, "a word is none");
	tap_is_int(lrs_retry_after_ms("2x", now), -1, "a number with a tail is none");
	tap_ok(lrs_retry_after_ms("99999999999999999999", now) > 600000,
	    "a huge number is more than the longest wait, not an overflow");
	gmtime_r(&later, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	tap_is_int(lrs_retry_after_ms(date, now), 5000, "an HTTP date 5 s ahead is 5 s");
	tap_is_int(lrs_retry_after_ms("Thu, 01 Jan 1998 00:00:00 GMT", now), 0,
	    "a date in the past is now");
}

static void
secret_case(const char *content, size_t len, const char *want, const char *what)
{
	char *path = xasprintf("%s/secret", tmp), *s;
	FILE *f = fopen(path, "wb");
	struct rerr err;

	fwrite(content, 1, len, f);
	fclose(f);
	if (lrs_secret_read(path, &s, &err) == 0) {
		tap_is_str(s, want != NULL ? want : "(refused)", "%s", what);
		lrs_secret_free(s);
	} else {
		tap_ok(want == NULL && strstr(err.msg, "not a secret") != NULL &&
		        strstr(err.path, "secret") != NULL,
		    "%s: %s", what, err.msg);
	}
	free(path);
}

static void
test_secrets(void)
{
	secret_case("pw-1\n", 5, "pw-1", "a secret with its newline");
	secret_case("pw-2", 4, "pw-2", "a secret without one");
	secret_case("pw-3\r\n", 6, "pw-3", "a secret with CR LF");
	secret_case("", 0, NULL, "an empty file is refused");
	secret_case("\n", 1, NULL, "a file of one newline is refused");
	secret_case("a\nb\n", 4, NULL, "two lines are refused");
	secret_case("a\0b", 3, NULL, "a NUL byte is refused");
	secret_case("a\tb", 3, NULL, "a tab is refused");
	lrs_secret_free(NULL);
	tap_ok(1, "lrs_secret_free(NULL) is a no-op");
}

int
main(void)
{
	tmp = tap_tmpdir();
	test_urls();
	test_auth();
	test_retry_after();
	test_secrets();
	free(tmp);
	return tap_done();
}
