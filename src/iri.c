/* Slugs: readable, deterministic last segments for instance IRIs; and the
 * check of IRIs newskg is given rather than makes (iri.h). */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "iri.h"

static int slug_keeps(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* ASCII that is neither a letter nor a digit: space, punctuation, control.
 * These only separate words, so a run of them becomes one '-'. */
static int slug_separates(unsigned char c)
{
	return c < 0x80 && !slug_keeps(c) && !(c >= 'A' && c <= 'Z');
}

char *nkg_iri_slug(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	/* worst case: every byte percent-encoded */
	char *out = malloc(len * 3 + 1);
	size_t n = 0;
	int pending_dash = 0;

	if (!out)
		return NULL;
	for (; *p; p++) {
		unsigned char c = *p;
		if (slug_separates(c)) {
			pending_dash = n > 0; /* never a leading '-' */
			continue;
		}
		if (pending_dash)
			out[n++] = '-';
		pending_dash = 0;
		if (c >= 'A' && c <= 'Z') {
			out[n++] = (char)(c - 'A' + 'a');
		} else if (slug_keeps(c)) {
			out[n++] = (char)c;
		} else { /* a byte of a non-ASCII UTF-8 character */
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 0xF];
		}
	}
	out[n] = '\0'; /* a trailing run is dropped: pending_dash not written */
	return out;
}

static int path_keeps(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("/-._~", c) != NULL;
}

char *nkg_file_iri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *abs = realpath(path, NULL);
	const unsigned char *p;
	char *out;
	size_t n = 0;

	if (!abs)
		return NULL;
	out = malloc(strlen(abs) * 3 + sizeof "file://");
	if (out) {
		memcpy(out, "file://", 7);
		n = 7;
		for (p = (const unsigned char *)abs; *p; p++) {
			if (path_keeps(*p)) {
				out[n++] = (char)*p;
			} else {
				out[n++] = '%';
				out[n++] = hex[*p >> 4];
				out[n++] = hex[*p & 0xF];
			}
		}
		out[n] = '\0';
	}
	free(abs);
	return out;
}

/* An IRI may hold neither controls nor space nor <>"{}|^`\ (RFC 3987);
 * '%' stays, since a url is most often already percent-encoded. */
static int url_forbids(unsigned char c)
{
	/* a table, not strchr: every byte of every article's url comes here */
	static const unsigned char forbids[128] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
		1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1,
	};
	return c < 0x80 && forbids[c];
}

static int is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where the scheme at the start of s stops (RFC 3986: a letter, then
 * letters, digits, '+', '-', '.'); 0 when s does not start with a letter.
 * s has a scheme when ':' stands there. */
static size_t scheme_end(const unsigned char *s)
{
	size_t i = 0;

	if (!is_alpha(s[0]))
		return 0;
	while (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
	       s[i] == '.')
		i++;
	return i;
}

static int has_scheme(const char *s)
{
	size_t i = scheme_end((const unsigned char *)s);

	return i > 0 && s[i] == ':';
}

nkg_status nkg_iri_from_url(const char *url, char **out)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t n = 0;

	*out = NULL;
	if (!url || !has_scheme(url))
		return NKG_SUCCESS;
	if (!(*out = malloc(strlen(url) * 3 + 1)))
		return NKG_ERR_NOMEM;
	for (p = (const unsigned char *)url; *p; p++) {
		if (url_forbids(*p)) {
			(*out)[n++] = '%';
			(*out)[n++] = hex[*p >> 4];
			(*out)[n++] = hex[*p & 0xF];
		} else {
			(*out)[n++] = (char)*p;
		}
	}
	(*out)[n] = '\0';
	return NKG_SUCCESS;
}

static int is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

int nkg_iri_check(const char *s, size_t *bad, const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = scheme_end(p);

	if (i == 0 || p[i] != ':') {
		*bad = i;
		*why = "no scheme (such as https:)";
		return 0;
	}
	for (; p[i]; i++) {
		if (url_forbids(p[i])) { /* N-Triples' IRIREF holds none either */
			*bad = i;
			*why = p[i] == ' ' ? "a space" : p[i] < 0x20 || p[i] == 0x7F ? "a control character"
			                                                         : "a character IRIs may not hold";
			return 0;
		}
		if (p[i] == '%' && !(is_hex(p[i + 1]) && is_hex(p[i + 2]))) {
			*bad = i;
			*why = "a '%' without two hex digits";
			return 0;
		}
	}
	return 1;
}

const char *nkg_iri_vocabulary(const char *iri)
{
	size_t i;

	for (i = 0; i < NKG_N_NAMESPACES; i++)
		if (strncmp(iri, nkg_namespaces[i][1], strlen(nkg_namespaces[i][1])) == 0)
			return nkg_namespaces[i][0];
	return NULL;
}
