/*
 * Device identity in the home: device.json ({"id", "site"}), device.key, device.pub.
 * Creation takes a lock on the home's .device.lock so that two programs starting at once
 * never make two identities.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "device.h"
#include "fsutil.h"
#include "i18n.h"
#include "xapi.h"
#include "xmalloc.h"

int
device_site_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > DEVICE_SITE_MAX || s[0] == '.' || s[0] == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		        (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

int
device_id_valid(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == DEVICE_ID_LEN;
}

/* http(s)://, then printable ASCII without spaces, quotes or angle brackets. */
static int
device_site_url_valid(const char *u)
{
	size_t n = strlen(u),
	       pre = strncmp(u, "https://", 8) == 0 ? 8 :
	    strncmp(u, "http://", 7) == 0           ? 7 :
	                                              0;

	if (pre == 0 || n <= pre || n > DEVICE_SITE_URL_MAX)
		return 0;
	for (; *u != '\0'; u++)
		if (*u <= ' ' || *u >= 0x7f || strchr("\"<>\\^`{|}", *u) != NULL)
			return 0;
	return 1;
}

static int
device_write_json(const char *home, const struct device *d, struct rerr *err)
{
	char *path = xasprintf("%s/device.json", home);
	json_t *o = json_pack("{s:s, s:s}", "id", d->id, "site", d->site);

	if (d->site_url[0] != '\0')
		json_object_set_new(o, "site_url", json_string(d->site_url));
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	int ret;

	ret = fs_write_atomic(path, text, strlen(text), 0644, 0, err);
	free(text);
	json_decref(o);
	free(path);
	return ret;
}

static int
device_read_json(const char *home, struct device *d, struct rerr *err)
{
	char *path = xasprintf("%s/device.json", home), *text = NULL;
	json_t *o = NULL;
	const char *id, *site, *url = "";
	size_t len;
	int ret = -1;

	if (fs_read_file(path, 65536, &text, &len, err) == -1)
		goto out;
	if ((o = json_loadb(text, len, 0, NULL)) == NULL ||
	    json_unpack(o, "{s:s, s:s, s?s}", "id", &id, "site", &site, "site_url", &url) == -1 ||
	    !device_id_valid(id) || !device_site_valid(site) ||
	    (url[0] != '\0' && !device_site_url_valid(url))) {
		rerr_set(err, path, _("not a valid device identity (want {\"id\", \"site\"})"));
		goto out;
	}
	memcpy(d->id, id, DEVICE_ID_LEN + 1);
	snprintf(d->site, sizeof d->site, "%s", site);
	snprintf(d->site_url, sizeof d->site_url, "%s", url);
	ret = 0;
out:
	json_decref(o);
	free(text);
	free(path);
	return ret;
}

/* Make the key pair and the id. Runs under the lock, when device.json does not exist. */
static int
device_create(const char *home, struct rerr *err)
{
	struct device d;
	struct sig_seckey sk;
	unsigned char rnd[DEVICE_ID_LEN / 2];
	char *key = xasprintf("%s/device.key", home), *pub = xasprintf("%s/device.pub", home);
	char *ktext = NULL, *ptext = NULL;
	int ret = -1;

	memset(&d, 0, sizeof d);
	randombytes_buf(rnd, sizeof rnd);
	hex_encode(rnd, sizeof rnd, d.id);
	snprintf(d.site, sizeof d.site, "%s", DEVICE_DEFAULT_SITE);
	sig_keygen(&d.pub, &sk);
	ktext = sig_seckey_format(&sk, NULL);
	ptext = sig_pubkey_format(&d.pub);
	if (fs_write_atomic(key, ktext, strlen(ktext), 0600, 0, err) == -1 ||
	    fs_write_atomic(pub, ptext, strlen(ptext), 0644, 0, err) == -1 ||
	    device_write_json(home, &d, err) == -1)
		goto out;
	ret = 0;
out:
	sig_seckey_wipe(&sk);
	if (ktext != NULL)
		sodium_memzero(ktext, strlen(ktext));
	free(ktext);
	free(ptext);
	free(key);
	free(pub);
	return ret;
}

/* Run fn under an exclusive lock on $home/.device.lock. */
static int
device_locked(const char *home, int (*fn)(const char *, void *, struct rerr *), void *arg,
    struct rerr *err)
{
	char *lock = xasprintf("%s/.device.lock", home);
	int fd, ret = -1;

	if (fs_mkdir_p(home, 0755, err) == -1)
		goto out;
	/* Never through a link: a learner's link here once made an administrator create a
	 * file elsewhere. */
	if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644)) == -1) {
		rerr_set(err, lock, "%s", strerror(errno));
		goto out;
	}
	if (flock(fd, LOCK_EX) == -1)
		rerr_set(err, lock, _("cannot lock: %s"), strerror(errno));
	else
		ret = fn(home, arg, err);
	close(fd);
out:
	free(lock);
	return ret;
}

static int
device_load_locked(const char *home, void *arg, struct rerr *err)
{
	struct device *d = arg;
	char *json = xasprintf("%s/device.json", home), *pub = xasprintf("%s/device.pub", home);
	int ret = -1;

	if (!fs_exists(json) && device_create(home, err) == -1)
		goto out;
	if (device_read_json(home, d, err) == -1 || sig_pubkey_load(pub, &d->pub, err) == -1)
		goto out;
	ret = 0;
out:
	free(json);
	free(pub);
	return ret;
}

int
device_load(const char *home, struct device *d, struct rerr *err)
{
	char *json = xasprintf("%s/device.json", home), *pub = xasprintf("%s/device.pub", home);
	int ret;

	memset(d, 0, sizeof *d);
	/* The common case, an existing identity, needs no lock: files are replaced atomically. */
	if (fs_exists(json))
		ret = device_read_json(home, d, err) == 0 &&
		        sig_pubkey_load(pub, &d->pub, err) == 0 ?
		    0 :
		    -1;
	else
		ret = device_locked(home, device_load_locked, d, err);
	free(json);
	free(pub);
	return ret;
}

static int
device_set_site_locked(const char *home, void *arg, struct rerr *err)
{
	struct device d;

	if (device_load_locked(home, &d, err) == -1)
		return -1;
	snprintf(d.site, sizeof d.site, "%s", (const char *)arg);
	return device_write_json(home, &d, err);
}

int
device_set_site(const char *home, const char *site, struct rerr *err)
{
	if (!device_site_valid(site))
		return rerr_set(err, NULL,
		    _("invalid site name '%s': use 1-%d letters, digits, '.', "
		      "'_' or '-', not starting with '.' or '-'"),
		    site, DEVICE_SITE_MAX);
	return device_locked(home, device_set_site_locked, (void *)site, err);
}

static int
device_set_site_url_locked(const char *home, void *arg, struct rerr *err)
{
	struct device d;

	if (device_load_locked(home, &d, err) == -1)
		return -1;
	snprintf(d.site_url, sizeof d.site_url, "%s", (const char *)arg);
	return device_write_json(home, &d, err);
}

int
device_set_site_url(const char *home, const char *url, struct rerr *err)
{
	if (url[0] != '\0' && !device_site_url_valid(url))
		return rerr_set(err, NULL,
		    _("invalid site URL: use an http:// or https:// address "
		      "of at most %d characters without spaces"),
		    DEVICE_SITE_URL_MAX);
	return device_locked(home, device_set_site_url_locked, (void *)url, err);
}

char *
device_site_url(const struct device *d)
{
	return d->site_url[0] != '\0' ? xstrdup(d->site_url) : xapi_site_url(d->site);
}

int
device_seckey(const char *home, struct sig_seckey *sk, struct rerr *err)
{
	char *path = xasprintf("%s/device.key", home), *text = NULL;
	size_t len;
	int ret = -1;

	if (fs_read_file(path, 65536, &text, &len, err) == -1)
		goto out;
	ret = sig_seckey_parse(text, NULL, path, sk, err);
	sodium_memzero(text, len);
out:
	free(text);
	free(path);
	return ret;
}
