/*
 * The terminal's identity: a device id, a site name and a minisign key pair that signs its
 * progress files. Made on first use in the home (device.json, device.key mode 0600 and
 * unencrypted so exports need no password, device.pub).
 */
#ifndef ROUNDS_DEVICE_H
#define ROUNDS_DEVICE_H

#include "error.h"
#include "sig.h"

#define DEVICE_ID_LEN 12 /* lower-case hex digits */
#define DEVICE_SITE_MAX 64
#define DEVICE_DEFAULT_SITE "local"

#define DEVICE_SITE_URL_MAX 255

struct device {
	char id[DEVICE_ID_LEN + 1];
	char site[DEVICE_SITE_MAX + 1];
	char site_url[DEVICE_SITE_URL_MAX + 1]; /* "" until set: xapi_site_url(site) */
	struct sig_pubkey pub;
};

/*
 * Load the home's device identity, creating the home, the id and the key pair on first use
 * (under a lock, so two processes starting together agree). Call sodium_init() before.
 */
int device_load(const char *home, struct device *, struct rerr *);
/* Set the site name (see device_site_valid); creates the identity if needed. */
int device_set_site(const char *home, const char *site, struct rerr *);
/*
 * Set the site's URL, the homePage of the learners' accounts in statements (an http or
 * https URL without spaces or control characters; "" goes back to the default).
 */
int device_set_site_url(const char *home, const char *url, struct rerr *);
/* The site's URL as statements use it: the one set, else https://rounds.invalid/site/SITE.
 * Caller frees. */
char *device_site_url(const struct device *);
/* Load the device's secret key (wipe it with sig_seckey_wipe when done). */
int device_seckey(const char *home, struct sig_seckey *, struct rerr *);
/* 1 if s is a usable site name: 1-64 of [A-Za-z0-9._-], not starting with '.' or '-'. */
int device_site_valid(const char *s);
/* 1 if s looks like a device id (DEVICE_ID_LEN lower-case hex digits). */
int device_id_valid(const char *s);

#endif
