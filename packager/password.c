/*
 * Reading the secret key's password: from ROUNDS_KEY_PASSWORD for scripts, else from the
 * controlling terminal with echo off. Passwords are wiped by the caller after use.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"
#include "i18n.h"
#include "packager.h"
#include "xmalloc.h"

#define PASSWORD_MAX 1024

static char *
tty_read_line(int fd, const char *prompt)
{
	struct termios old, noecho;
	char buf[PASSWORD_MAX + 1];
	size_t n = 0;
	char c;

	if (write(fd, prompt, strlen(prompt)) == -1 || tcgetattr(fd, &old) == -1)
		return NULL;
	noecho = old;
	noecho.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fd, TCSAFLUSH, &noecho);
	while (read(fd, &c, 1) == 1 && c != '\n' && c != '\r')
		if (n < PASSWORD_MAX)
			buf[n++] = c;
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) == -1)
		n = 0;
	buf[n] = '\0';
	char *s = xstrdup(buf);
	sodium_memzero(buf, sizeof buf);
	return s;
}

static void
password_free(char *p)
{
	if (p != NULL) {
		sodium_memzero(p, strlen(p));
		free(p);
	}
}

char *
pack_read_password(const char *prompt, int confirm)
{
	const char *env = getenv("ROUNDS_KEY_PASSWORD");
	char *p, *again;
	int fd;

	if (env != NULL)
		return xstrdup(env);
	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) == -1) {
		rounds_errorf(_("no terminal to ask for the key password: set ROUNDS_KEY_PASSWORD "
		                "or use -W for a key without password"));
		return NULL;
	}
	p = tty_read_line(fd, prompt);
	if (p != NULL && confirm) {
		again = tty_read_line(fd, _("Password (again): "));
		if (again == NULL || strcmp(p, again) != 0) {
			rounds_errorf(_("the passwords do not match"));
			password_free(p);
			p = NULL;
		}
		password_free(again);
	}
	close(fd);
	if (p != NULL && p[0] == '\0') {
		rounds_errorf(_("empty password: use -W for a key without password"));
		password_free(p);
		return NULL;
	}
	return p;
}
