/*
 * A shared library the player opens on first use (dlopen) rather than at every start: the
 * loader that lib/draw-lazy.c and lib/crypto-lazy.c share. Each of those defines the
 * library's functions it needs as wrappers that call through lazy_open's table.
 */
#ifndef ROUNDS_LAZY_H
#define ROUNDS_LAZY_H

#include <stddef.h>

struct lazy_lib {
	const char *soname;       /* as a program linked with it records it (configure) */
	const char *const *names; /* the functions, resolved at once */
	void **fns;               /* their addresses, in the order of names */
	size_t n;
	int loaded; /* 0 not tried yet, 1 loaded, -1 failed (for good) */
	char error[256];
};

/*
 * Open l and resolve every function, so that a library too old to have one of them fails
 * before any is called, never halfway: 1, or -1 with l->error saying why in one line. The
 * answer is kept for the life of the program (and the handle with it). The player calls
 * these libraries from one thread only, so this needs no lock.
 */
int lazy_open(struct lazy_lib *l);

/*
 * The wrappers a loader defines for each function of lib, with the prototype of the
 * library's header (the compiler checks it): WRAP_R for a function that returns a value (fail
 * when the library cannot be loaded), WRAP_V for one that returns nothing. LAZY_name is
 * the function's index in lib's table; INDEX_ and NAME_ make the table's indexes and names
 * from the same list.
 */
#define INDEX_R(ret, name, params, args, fail) LAZY_##name,
#define INDEX_V(name, params, args) LAZY_##name,
#define NAME_R(ret, name, params, args, fail) #name,
#define NAME_V(name, params, args) #name,
#define WRAP_R(lib, ret, name, params, args, fail) \
	ret name params \
	{ \
		if (lazy_open(&lib) == -1) \
			return fail; \
		return ((ret(*) params)lib.fns[LAZY_##name])args; \
	}
#define WRAP_V(lib, name, params, args) \
	void name params \
	{ \
		if (lazy_open(&lib) == 1) \
			((void(*) params)lib.fns[LAZY_##name]) args; \
	}

#endif
