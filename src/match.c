/* Where an actor or a trigger is matched: longest match of lexicon forms
 * on normalised tokens. */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "utf8.h"

#define MAX_VARIANTS 12
#define KEY_MAX 1024

#define U_WAW "\xd9\x88"
#define U_FA "\xd9\x81"
#define U_BA "\xd8\xa8"
#define U_LAM "\xd9\x84"
#define U_KAF "\xd9\x83"
#define U_AL "\xd8\xa7\xd9\x84"

typedef struct {
	char s[256];
	unsigned flags;
} variant;

static size_t chars(const char *s)
{
	return nkg_utf8_count(s, strlen(s));
}

static int starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static void add(variant *v, size_t *n, const char *pre, const char *s, unsigned flags)
{
	if (*n >= MAX_VARIANTS || strlen(pre) + strlen(s) >= sizeof v->s)
		return;
	strcpy(v[*n].s, pre);
	strcat(v[*n].s, s);
	v[*n].flags = flags;
	(*n)++;
}

/* Readings of a token with its clitics peeled: the plain token first, so
 * "واشنطن" is Washington before it is "و" + "اشنطن". */
static size_t variants(const char *tok, variant *v)
{
	size_t n = 0, i, m;
	add(v, &n, "", tok, 0);
	if ((starts(tok, U_WAW) || starts(tok, U_FA)) && chars(tok) >= 3)
		add(v, &n, "", tok + 2, NKG_CL_CONJ);
	for (i = 0, m = n; i < m; i++) {
		const char *s = v[i].s;
		if (starts(s, U_LAM U_LAM) && chars(s) >= 4)
			add(v, &n, U_AL, s + 4, v[i].flags | NKG_CL_L);
		else if (starts(s, U_BA) && chars(s) >= 3)
			add(v, &n, "", s + 2, v[i].flags | NKG_CL_B);
		else if (starts(s, U_LAM) && chars(s) >= 3)
			add(v, &n, "", s + 2, v[i].flags | NKG_CL_L);
		else if (starts(s, U_KAF) && chars(s) >= 3)
			add(v, &n, "", s + 2, v[i].flags | NKG_CL_K);
	}
	for (i = 0, m = n; i < m; i++)
		if (nkg_strip_article(v[i].s) != v[i].s)
			add(v, &n, "", nkg_strip_article(v[i].s), v[i].flags | NKG_CL_DEF);
	return n;
}

/* Key of `first` followed by tokens [from, to); 0 when too long. */
static int make_key(char *key, const char *first, const nkg_text *t, size_t from, size_t to)
{
	size_t len = strlen(first), i;
	if (len >= KEY_MAX)
		return 0;
	memcpy(key, first, len + 1);
	for (i = from; i < to; i++) {
		size_t l = strlen(t->tokens[i].norm);
		if (len + l + 2 >= KEY_MAX)
			return 0;
		key[len++] = ' ';
		memcpy(key + len, t->tokens[i].norm, l + 1);
		len += l;
	}
	return 1;
}

static const char *const adj_suffixes[] = {
	"", "\xd9\x87", "\xd9\x8a\xd9\x86", "\xd9\x88\xd9\x86", "\xd8\xa7\xd9\x86",
	"\xd8\xaa\xd9\x8a\xd9\x86", "\xd8\xaa\xd8\xa7\xd9\x86",
};

/* Nisba lookup of one token after `prefix` (a key being built). */
static const nkg_form *adj_lookup(const nkg_lexicon *lex, const char *prefix,
                                  const char *stem_src)
{
	char key[KEY_MAX];
	size_t s;
	for (s = 0; s < sizeof adj_suffixes / sizeof *adj_suffixes; s++) {
		size_t l = strlen(stem_src), sl = strlen(adj_suffixes[s]);
		const nkg_form *f;
		if (l <= sl || strcmp(stem_src + l - sl, adj_suffixes[s]) != 0)
			continue;
		if (chars(stem_src) - chars(adj_suffixes[s]) < 3)
			continue;
		if (strlen(prefix) + l + 2 >= KEY_MAX)
			continue;
		strcpy(key, prefix);
		if (*prefix)
			strcat(key, " ");
		strncat(key, stem_src, l - sl);
		/* keys drop ال from their first token, also where the alef is the
		 * name's own ("ألباني" is keyed "باني"), as the lexicon does */
		if ((f = nkg_strmap_get(lex->adjectives, nkg_strip_article(key))))
			return f;
	}
	return NULL;
}

/* Longest nisba (one or two tokens) at i. */
static size_t match_adjective(const nkg_lexicon *lex, const nkg_text *t, size_t i,
                              size_t end, const variant *v, size_t nv,
                              const nkg_form **form, unsigned *flags)
{
	size_t k;
	for (k = 0; k < nv; k++) {
		char key[KEY_MAX];
		size_t s;
		if (!(t->tokens[i].flags & NKG_TOK_WORD))
			return 0;
		if (i + 1 < end && (t->tokens[i + 1].flags & NKG_TOK_WORD)) {
			/* two-word nisba: "الكورية الشمالية" */
			for (s = 0; s < sizeof adj_suffixes / sizeof *adj_suffixes; s++) {
				size_t l = strlen(v[k].s), sl = strlen(adj_suffixes[s]);
				const nkg_form *f;
				if (l <= sl || strcmp(v[k].s + l - sl, adj_suffixes[s]) != 0 || l - sl >= 256)
					continue;
				memcpy(key, v[k].s, l - sl);
				key[l - sl] = '\0';
				f = adj_lookup(lex, key, nkg_strip_article(t->tokens[i + 1].norm));
				if (f && f->n_tokens == 2) {
					*form = f;
					*flags = v[k].flags;
					return 2;
				}
			}
		}
	}
	for (k = 0; k < nv; k++) {
		const nkg_form *f = adj_lookup(lex, "", v[k].s);
		if (f && f->n_tokens == 1) {
			*form = f;
			*flags = v[k].flags;
			return 1;
		}
	}
	return 0;
}

static size_t match_exact(const nkg_lexicon *lex, const nkg_text *t, size_t i, size_t end,
                          const variant *v, size_t nv, const nkg_form **form, unsigned *flags)
{
	size_t len = lex->max_tokens < end - i ? lex->max_tokens : end - i;
	char key[KEY_MAX];
	for (; len > 0; len--) {
		size_t k;
		for (k = 0; k < nv; k++) {
			const nkg_form *f;
			if (!make_key(key, v[k].s, t, i + 1, i + len))
				continue;
			f = nkg_strmap_get(lex->forms, key);
			if (f && f->n_tokens == len) {
				*form = f;
				*flags = v[k].flags;
				return len;
			}
		}
	}
	return 0;
}

nkg_status nkg_match_tokens(const nkg_lexicon *lex, const nkg_text *t, size_t begin,
                            size_t end, nkg_match **out, size_t *n_out)
{
	size_t i = begin, n = 0, cap = 0;
	nkg_match *m = NULL;

	while (i < end) {
		variant v[MAX_VARIANTS];
		size_t nv = variants(t->tokens[i].norm, v);
		const nkg_form *fe = NULL, *fa = NULL;
		unsigned fle = 0, fla = 0;
		size_t le = match_exact(lex, t, i, end, v, nv, &fe, &fle);
		size_t la = match_adjective(lex, t, i, end, v, nv, &fa, &fla);
		if (!le && !la) {
			i++;
			continue;
		}
		if (n == cap) {
			nkg_match *p = realloc(m, (cap = cap ? cap * 2 : 32) * sizeof *p);
			if (!p) {
				free(m);
				return NKG_ERR_NOMEM;
			}
			m = p;
		}
		m[n].begin = i;
		m[n].adjective = la > le;
		m[n].end = i + (la > le ? la : le);
		m[n].form = la > le ? fa : fe;
		m[n].clitics = la > le ? fla : fle;
		i = m[n++].end;
	}
	*out = m;
	*n_out = n;
	return NKG_SUCCESS;
}
