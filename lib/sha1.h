/*
 * SHA-1 (FIPS 180-4), only for what defines names with it: UUID version 5 (RFC 4122),
 * which xAPI registrations use. Never for anything that must resist an attacker.
 */
#ifndef ROUNDS_SHA1_H
#define ROUNDS_SHA1_H

#include <stddef.h>

void sha1(const void *data, size_t len, unsigned char out[20]);

#endif
