/*
 * Opening a library on first use (lazy.h).
 */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>

#include "i18n.h"
#include "lazy.h"

int
lazy_open(struct lazy_lib *l)
{
	const char *why;
	void *h;

	if (l->loaded != 0)
		return l->loaded;
	l->loaded = -1;
	if ((h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		snprintf(l->error, sizeof l->error, _("cannot load %s: %s"), l->soname,
		    why != NULL ? why : _("not found"));
		return -1;
	}
	for (size_t i = 0; i < l->n; i++)
		if ((l->fns[i] = dlsym(h, l->names[i])) == NULL) {
			snprintf(l->error, sizeof l->error, _("cannot load %s: it has no %s"),
			    l->soname, l->names[i]);
			dlclose(h);
			return -1;
		}
	l->loaded = 1;
	return 1;
}
