/* The string map: lookups by whole string and by hashed piece. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "strmap.h"

static uint64_t hash_of(const char *s, size_t n)
{
	return nkg_strmap_hash_more(NKG_STRMAP_HASH0, s, n);
}

static void count_cb(const char *k, void *v, void *ctx)
{
	(void)k;
	(void)v;
	(*(size_t *)ctx)++;
}

static void test_get_put(void)
{
	nkg_strmap *m = nkg_strmap_new();
	int a = 1, b = 2, c = 3;
	size_t n = 0, i;
	char key[32];
	CHECK(m != NULL);
	CHECK(nkg_strmap_put(m, "الصين", &a) == 0);
	CHECK(nkg_strmap_put(m, "كوريا الشمالية", &b) == 0);
	CHECK(nkg_strmap_put(m, "", &c) == 0);
	CHECK(nkg_strmap_get(m, "الصين") == &a);
	CHECK(nkg_strmap_get(m, "") == &c);
	CHECK(nkg_strmap_get(m, "الصي") == NULL);
	CHECK(nkg_strmap_put(m, "الصين", &b) == 0); /* replaces, no new key */
	CHECK(nkg_strmap_get(m, "الصين") == &b);
	/* grows past its first capacity */
	for (i = 0; i < 500; i++) {
		sprintf(key, "k%zu", i);
		CHECK(nkg_strmap_put(m, key, &a) == 0);
	}
	CHECK(nkg_strmap_size(m) == 503);
	nkg_strmap_each(m, count_cb, &n);
	CHECK(n == 503);
	CHECK(nkg_strmap_get(m, "k499") == &a);
	CHECK(nkg_strmap_get(m, "كوريا الشمالية") == &b);
	nkg_strmap_free(m);
}

static void test_hashed(void)
{
	nkg_strmap *m = nkg_strmap_new();
	const char *text = "كوريا الشمالية وروسيا";
	int v = 1;
	uint64_t h;
	CHECK(nkg_strmap_put(m, "كوريا الشمالية", &v) == 0);
	/* a key hashed in pieces hashes as the whole */
	h = hash_of("كوريا", strlen("كوريا"));
	h = nkg_strmap_hash_more(h, " الشمالية", strlen(" الشمالية"));
	CHECK(h == hash_of("كوريا الشمالية", strlen("كوريا الشمالية")));
	/* a piece of a longer string, not NUL-terminated there */
	CHECK(nkg_strmap_get_hashed(m, text, strlen("كوريا الشمالية"), h) == &v);
	CHECK(nkg_strmap_get_hashed(m, text, strlen("كوريا"),
	                            hash_of(text, strlen("كوريا"))) == NULL);
	nkg_strmap_free(m);
}

/* A map hashed eight bytes at a time: every key length up to and past
 * two words, keys that differ in one byte only, found whole and as a
 * piece of a longer string. */
static void test_wide(void)
{
	nkg_strmap *m = nkg_strmap_new_wide();
	const char *text = "كوريا الشمالية وروسيا";
	char key[32], probe[40];
	int v[24], w = 0;
	size_t i, j;
	CHECK(m != NULL);
	for (i = 0; i < 24; i++) {
		for (j = 0; j < i; j++)
			key[j] = (char)('a' + j);
		key[i] = '\0';
		CHECK(nkg_strmap_put(m, key, &v[i]) == 0);
	}
	CHECK(nkg_strmap_size(m) == 24);
	for (i = 0; i < 24; i++) {
		for (j = 0; j < i; j++)
			key[j] = (char)('a' + j);
		key[i] = '\0';
		CHECK(nkg_strmap_get(m, key) == &v[i]);
		/* the same key in a longer buffer, by its hash */
		memcpy(probe, key, i);
		memcpy(probe + i, "zzzz", 4);
		CHECK(nkg_strmap_get_hashed(m, probe, i, nkg_strmap_hash_wide(probe, i)) == &v[i]);
		for (j = 0; j < i; j++) { /* any byte changed: another key */
			key[j] = 'Z';
			CHECK(nkg_strmap_get(m, key) == NULL);
			key[j] = (char)('a' + j);
		}
	}
	CHECK(nkg_strmap_put(m, "كوريا الشمالية", &w) == 0);
	CHECK(nkg_strmap_get_hashed(m, text, strlen("كوريا الشمالية"),
	                            nkg_strmap_hash_wide(text, strlen("كوريا الشمالية"))) == &w);
	CHECK(nkg_strmap_get_hashed(m, text, strlen("كوريا"),
	                            nkg_strmap_hash_wide(text, strlen("كوريا"))) == NULL);
	nkg_strmap_free(m);
}

/* The matcher's key table: keys of every length from 1 to 150 bytes (so
 * records both within and past a cache line), past many growths; values
 * zeroed when made and kept; a key with one byte changed, a prefix or a
 * longer key is another. */
static void test_keytab(void)
{
	nkg_keytab *t = nkg_keytab_new(12);
	char key[160];
	size_t i, j, len;
	int ok = 1;

	CHECK(t != NULL);
	for (i = 0; i < 3000; i++) {
		unsigned char *v;
		len = 1 + i % 150;
		for (j = 0; j < len; j++)
			key[j] = (char)('a' + (i * 7 + j * 13) % 26);
		memcpy(key, &i, len < sizeof i ? len : sizeof i);
		v = nkg_keytab_put(t, key, len);
		ok &= v != NULL && v[0] == 0 && v[11] == 0;
		if (v)
			memcpy(v, &i, sizeof i);
	}
	CHECK(ok);
	for (i = 0; i < 3000; i++) {
		size_t got = 0;
		const unsigned char *v;
		len = 1 + i % 150;
		for (j = 0; j < len; j++)
			key[j] = (char)('a' + (i * 7 + j * 13) % 26);
		memcpy(key, &i, len < sizeof i ? len : sizeof i);
		v = nkg_keytab_get_hashed(t, key, len, nkg_strmap_hash_wide(key, len));
		if (v)
			memcpy(&got, v, sizeof got);
		/* short keys may collide in their first bytes: the value tells */
		ok &= v != NULL && (len < sizeof i || got == i);
		if (len > 1)
			ok &= nkg_keytab_get_hashed(t, key, len - 1,
			                            nkg_strmap_hash_wide(key, len - 1)) == NULL ||
			      len - 1 < sizeof i; /* a short prefix may be a key itself */
		key[len - 1] ^= 0x40;
		ok &= len < sizeof i ||
		      nkg_keytab_get_hashed(t, key, len, nkg_strmap_hash_wide(key, len)) == NULL;
	}
	CHECK(ok);
	/* the caller's byte: 0 when made, then as set, for short and long keys */
	for (i = 0; i < 3000; i += 7) {
		unsigned user = 1;
		len = 1 + i % 150;
		for (j = 0; j < len; j++)
			key[j] = (char)('a' + (i * 7 + j * 13) % 26);
		memcpy(key, &i, len < sizeof i ? len : sizeof i);
		ok &= nkg_keytab_find(t, key, len, nkg_strmap_hash_wide(key, len), &user) != NULL &&
		      user == 0;
		nkg_keytab_set_user(t, key, len, (unsigned char)(i % 251 + 1));
		ok &= nkg_keytab_find(t, key, len, nkg_strmap_hash_wide(key, len), &user) != NULL &&
		      user == i % 251 + 1;
	}
	CHECK(ok);
	nkg_keytab_free(t);
	nkg_keytab_free(NULL);
}

int main(void)
{
	test_get_put();
	test_hashed();
	test_wide();
	test_keytab();
	return nkg_test_finish();
}
