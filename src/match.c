/* Where an actor or a trigger is matched: longest match of lexicon forms
 * on normalised tokens.
 *
 * Every lookup is of a key built from a reading of the first token (its
 * clitics peeled) and the tokens after it.  The keys grow one token at a
 * time, each hashed whole (its ends first: the signature is taken from
 * them), and stop as soon as the lexicon's index says no form goes on
 * that way; a key whose signature is in no set of the lexicon is not
 * built or hashed further; nisba lookups of two words are tried only
 * where some two-word nisba could start and end.  Only lookups that could
 * not succeed are skipped, so the matches are those of trying every
 * length for every reading and every inflection. */
#include <stdlib.h>
#include <string.h>

#include "match.h"

#define MAX_VARIANTS 12
#define VARIANT_MAX 256
#define KEY_MAX 1024

#define U_AL "\xd8\xa7\xd9\x84"

/* The clitic letters as letter() gives them */
#define L_WAW 0xd988u
#define L_FA 0xd981u
#define L_BA 0xd8a8u
#define L_LAM 0xd984u
#define L_KAF 0xd983u
#define L_ALEF 0xd8a7u

/* One reading of a token: s[0..len), len < VARIANT_MAX. */
typedef struct {
	const char *s; /* into the token, or its `own` buffer */
	size_t len;    /* bytes */
	size_t chars;  /* code points */
	unsigned flags;
	int spaced;    /* holds a space: rare, but NFKC makes some */
	int own;       /* s is the buffer: لل read as ال, which a token has
	                  once at most (its first letter is ل, or و/ف then ل) */
} variant;

/* A string with its length and code point count. */
typedef struct {
	const char *s;
	size_t len, chars;
	int spaced; /* may hold a space */
} span;

/* The first two bytes of s[0..len) as one number (0 when shorter): the
 * first letter where it is Arabic, and every clitic is. */
static unsigned letter(const char *s, size_t len)
{
	return len >= 2 ? (unsigned)(unsigned char)s[0] << 8 | (unsigned char)s[1] : 0;
}

/* Whether letter c is و ف ب ل ك or the alef of ال: most words begin
 * with none of them and have no reading but themselves. */
static int may_clitic(unsigned c)
{
	static const unsigned d9 = 1u << (L_WAW - 0xd980) | 1u << (L_FA - 0xd980) |
	                           1u << (L_LAM - 0xd980) | 1u << (L_KAF - 0xd980);
	if (c - 0xd980u < 32)
		return d9 >> (c - 0xd980u) & 1;
	return c == L_BA || c == L_ALEF;
}

/* s[0..len) begins with ال. */
static int begins_al(const char *s, size_t len)
{
	return letter(s, len) == L_ALEF && letter(s + 2, len - 2) == L_LAM;
}

/* Adds the reading s[0..len) unless there are too many or it is too long
 * (a token of VARIANT_MAX bytes or more has no reading of its own).  A
 * reading holds a space only if its token does. */
static variant *add(variant *v, size_t *n, const char *s, size_t len, size_t chars,
                    unsigned flags)
{
	if (*n >= MAX_VARIANTS || len >= VARIANT_MAX)
		return NULL;
	v[*n].s = s;
	v[*n].len = len;
	v[*n].chars = chars;
	v[*n].flags = flags;
	v[*n].spaced = v[0].spaced;
	v[*n].own = 0;
	return &v[(*n)++];
}

/* The one-letter proclitic readings of v[i] (ب ل ك, and لل as ال in
 * `own`). */
static void add_preposition(variant *v, size_t *n, size_t i, char *own)
{
	const variant *s = &v[i];
	unsigned c = letter(s->s, s->len);
	variant *r;
	if (c == L_LAM && letter(s->s + 2, s->len - 2) == L_LAM && s->chars >= 4) {
		if ((r = add(v, n, NULL, s->len, s->chars, s->flags | NKG_CL_L))) {
			memcpy(own, U_AL, 4);
			memcpy(own + 4, s->s + 4, s->len - 4);
			r->s = own;
			r->own = 1;
		}
	} else if (s->chars >= 3 && (c == L_BA || c == L_LAM || c == L_KAF)) {
		add(v, n, s->s + 2, s->len - 2, s->chars - 1,
		    s->flags | (c == L_BA ? NKG_CL_B : c == L_LAM ? NKG_CL_L : NKG_CL_K));
	}
}

/* Readings of a token with its clitics peeled: the plain token first, so
 * "واشنطن" is Washington before it is "و" + "اشنطن". */
static size_t variants(const nkg_token *tok, variant *v, char *own)
{
	size_t n = 0, i, m;
	const char *t = tok->norm;
	unsigned c = letter(t, tok->norm_len);
	v[0].spaced = tok->norm_spaced;
	add(v, &n, t, tok->norm_len, tok->norm_chars, 0);
	if (!may_clitic(c))
		return n;
	if (c == L_ALEF) { /* the common "ال…": no clitic before it */
		if (n && tok->norm_chars >= 5 && begins_al(t, tok->norm_len))
			add(v, &n, t + 4, tok->norm_len - 4, tok->norm_chars - 2, NKG_CL_DEF);
		return n;
	}
	if ((c == L_WAW || c == L_FA) && tok->norm_chars >= 3)
		add(v, &n, t + 2, tok->norm_len - 2, tok->norm_chars - 1, NKG_CL_CONJ);
	for (i = 0, m = n; i < m; i++)
		add_preposition(v, &n, i, own);
	/* nkg_strip_article's rule, with the lengths known */
	for (i = 0, m = n; i < m; i++)
		if (v[i].chars >= 5 && begins_al(v[i].s, v[i].len))
			add(v, &n, v[i].s + 4, v[i].len - 4, v[i].chars - 2, v[i].flags | NKG_CL_DEF);
	return n;
}

/* nkg_strip_article of s[0..len) with `chars` code points. */
static span strip_article(const char *s, size_t len, size_t chars)
{
	span r;
	r.s = s;
	r.len = len;
	r.chars = chars;
	r.spaced = 1;
	if (begins_al(s, len) && chars >= 5) {
		r.s += 4;
		r.len -= 4;
		r.chars -= 2;
	}
	return r;
}

/* Longest form whose key is reading `v` (whose head hash is `head`, its
 * signature in the index's) followed by the next tokens, at most `max`
 * tokens in all; 0 when none.  The key is copied to grow only when the
 * index says some form goes on. */
static size_t longest_from(const nkg_lexicon *lex, const nkg_text *t, size_t i, size_t max,
                           const variant *v, uint64_t head, const nkg_form **form)
{
	char key[KEY_MAX];
	const char *k = v->s;
	size_t klen = v->len, len = 1, best = 0;
	int joined;

	for (;;) {
		unsigned user, tokens;
		const nkg_key_info *info = nkg_keytab_find(
		    lex->index, k, klen, nkg_strmap_hash_rest(head, k, klen), &user);
		const nkg_token *next;
		if (!info)
			break;
		/* the slot's copy of what the entry says, not to wait for it */
		tokens = user >> 1;
		if (tokens == NKG_KEY_USER_MANY)
			tokens = info->form_tokens;
		if (tokens == len) {
			best = len;
			*form = info->form;
		}
		if (!(user & 1u) || len == max)
			break;
		next = &t->tokens[i + len++];
		if (klen + next->norm_len + 2 >= KEY_MAX)
			break; /* too long, and so is every longer key */
		/* most of these keys fail the filter: where the key's first
		 * and last four bytes are k's and the token's, test it before
		 * building it */
		joined = klen >= 4 && next->norm_len >= 4;
		if (joined) {
			head = nkg_strmap_hash_head_ends(k, next->norm + next->norm_len - 4,
			                                 klen + 1 + next->norm_len);
			if (!nkg_filter_has_head(lex->index_sigs, head))
				break;
		}
		if (k != key)
			k = memcpy(key, k, klen);
		key[klen] = ' ';
		memcpy(key + klen + 1, next->norm, next->norm_len);
		klen += next->norm_len + 1;
		if (!joined) {
			head = nkg_strmap_hash_head(key, klen);
			if (!nkg_filter_has_head(lex->index_sigs, head))
				break;
		}
	}
	return best;
}

/* The longest form at i; on a tie in length the earliest reading wins. */
static size_t match_exact(const nkg_lexicon *lex, const nkg_text *t, size_t i, size_t end,
                          const variant *v, size_t nv, const nkg_form **form, unsigned *flags)
{
	size_t max = lex->max_tokens < end - i ? lex->max_tokens : end - i, best = 0, k;
	for (k = 0; k < nv && best < max; k++) {
		const nkg_form *f = NULL;
		uint64_t head = nkg_strmap_hash_head(v[k].s, v[k].len);
		size_t len;
		if (!nkg_filter_has_head(lex->index_sigs, head))
			continue;
		len = longest_from(lex, t, i, max, &v[k], head, &f);
		if (len > best) {
			best = len;
			*form = f;
			*flags = v[k].flags;
		}
	}
	return best;
}

static const struct {
	const char *s;
	size_t len, chars;
} adj_suffixes[] = {
	{ "", 0, 0 },
	{ "\xd9\x87", 2, 1 },
	{ "\xd9\x8a\xd9\x86", 4, 2 },
	{ "\xd9\x88\xd9\x86", 4, 2 },
	{ "\xd8\xa7\xd9\x86", 4, 2 },
	{ "\xd8\xaa\xd9\x8a\xd9\x86", 6, 3 },
	{ "\xd8\xaa\xd8\xa7\xd9\x86", 6, 3 },
};
#define N_SUFFIXES (sizeof adj_suffixes / sizeof *adj_suffixes)

/* The two bytes at u as one number. */
static inline unsigned pair_at(const unsigned char *u)
{
	return (unsigned)u[0] << 8 | u[1];
}

/* Bit s set for every suffix s that s[0..len) ends with (and is longer
 * than), from its last bytes: every suffix but the empty one ends with ه
 * or ن, and most words end with neither.  One test rules out both: a
 * test of the first byte alone failed for about half the words, not
 * to be foreseen, and cost a mispredicted branch every other word. */
static inline unsigned tail_suffixes(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned last;
	if (len <= 2)
		return len > 0;
	last = pair_at(u + len - 2);
	if ((last | 1u) != 0xd987u) /* neither ه (d9 87) nor ن (d9 86) */
		return 1u;
	if (last == 0xd987u)
		return 1u | 1u << 1;
	if (len <= 4)
		return 1u;
	if (u[len - 4] == 0xd9 && u[len - 3] == 0x8a) /* ين, تين */
		return 1u | 1u << 2 |
		       (len > 6 && u[len - 6] == 0xd8 && u[len - 5] == 0xaa ? 1u << 5 : 0);
	if (u[len - 4] == 0xd9 && u[len - 3] == 0x88) /* ون */
		return 1u | 1u << 3;
	if (u[len - 4] == 0xd8 && u[len - 3] == 0xa7) /* ان, تان */
		return 1u | 1u << 4 |
		       (len > 6 && u[len - 6] == 0xd8 && u[len - 5] == 0xaa ? 1u << 6 : 0);
	return 1u;
}

/* The suffixes a word of `len` bytes is longer than: a suffix is cut
 * only from a word that keeps a byte before it. */
static unsigned longer_than(size_t len)
{
	return (len > 0) | (len > 2) << 1 | (len > 4) * (7u << 2) | (len > 6) * (3u << 5);
}

/* The adjective key for `stem` without suffix s after `prefix`, built in
 * `buf` only when there is a prefix; ال stripped as nkg_strip_article
 * does. */
static span adj_key(char *buf, const span *prefix, const span *stem, size_t s)
{
	size_t len = stem->len - adj_suffixes[s].len, chars = stem->chars - adj_suffixes[s].chars;
	if (!prefix->len)
		return strip_article(stem->s, len, chars);
	memcpy(buf, prefix->s, prefix->len);
	buf[prefix->len] = ' ';
	memcpy(buf + prefix->len + 1, stem->s, len);
	return strip_article(buf, prefix->len + 1 + len, prefix->chars + 1 + chars);
}

/* Nisba lookup of one word `stem` (which ends with the suffixes in
 * `endings`, from tail_suffixes) after `prefix` (empty, or the first word's
 * stem): the first inflection whose stem is a key. */
static const nkg_form *adj_lookup(const nkg_lexicon *lex, const span *prefix,
                                  const span *stem, unsigned endings)
{
	char buf[KEY_MAX];
	size_t s;
	for (s = 0; endings >> s; s++) {
		const nkg_form *f;
		uint64_t head;
		span k;
		if (!(endings >> s & 1) || stem->chars - adj_suffixes[s].chars < 3)
			continue;
		if (prefix->len + stem->len + 2 >= KEY_MAX)
			continue;
		/* keys drop ال from their first token, also where the alef is the
		 * name's own ("ألباني" is keyed "باني"), as the lexicon does */
		k = adj_key(buf, prefix, stem, s);
		head = nkg_strmap_hash_head(k.s, k.len);
		if (!nkg_sig_small_has_head(lex->adj_sigs, head))
			continue;
		f = nkg_strmap_get_hashed(lex->adjectives, k.s, k.len,
		                          nkg_strmap_hash_rest(head, k.s, k.len));
		if (f)
			return f;
	}
	return NULL;
}

/* Whether text before the first space of s[0..len) heads some two-word
 * nisba key. */
static int is_head(const nkg_lexicon *lex, const char *s, size_t len, int spaced)
{
	const char *sp = spaced ? memchr(s, ' ', len) : NULL;
	size_t l = sp ? (size_t)(sp - s) : len;
	uint64_t head = nkg_strmap_hash_head(s, l);
	if (!nkg_sig_small_has_head(lex->head_sigs, head))
		return 0;
	return nkg_strmap_get_hashed(lex->adj_heads, s, l, nkg_strmap_hash_rest(head, s, l)) != NULL;
}

/* Whether a key "`first` …" can be a two-word nisba: its part before the
 * first space, with or without ال (adj_lookup strips it), heads one. */
static int may_head(const nkg_lexicon *lex, const span *first)
{
	return is_head(lex, first->s, first->len, first->spaced) ||
	       (begins_al(first->s, first->len) &&
	        is_head(lex, first->s + 4, first->len - 4, first->spaced));
}

/* Whether some key "… `stem` without one of its suffixes" can be a nisba
 * of two words or more: the part after its last space ends some key. */
static int may_tail(const nkg_lexicon *lex, const span *stem, unsigned endings)
{
	size_t s;
	for (s = 0; endings >> s; s++) {
		size_t len = stem->len - adj_suffixes[s].len, b = 0, i;
		if (!(endings >> s & 1) || stem->chars - adj_suffixes[s].chars < 3)
			continue;
		for (i = stem->spaced ? len : 0; i > 0; i--)
			if (stem->s[i - 1] == ' ') {
				b = i;
				break;
			}
		if (nkg_sig_small_has_head(lex->tail_sigs,
	                           nkg_strmap_hash_head(stem->s + b, len - b)))
			return 1;
	}
	return 0;
}

/* The suffixes reading v ends with, from those of its token: a reading
 * is its token with clitics cut from the front, so it ends as the token
 * does where it is long enough; only لل read as ال has bytes of its own
 * near the front, and is read itself. */
static unsigned endings_of(const variant *v, unsigned tok_endings)
{
	if (v->own)
		return tail_suffixes(v->s, v->len);
	return tok_endings & longer_than(v->len);
}

/* Whether bit b is in the bit set `set`. */
static unsigned has_byte(const unsigned char *set, unsigned char b)
{
	return set[b >> 3] >> (b & 7) & 1;
}

/* Of the suffixes in `endings` of the word w[0..len), those whose stem
 * ends with a byte in the bit set `last`.  Suffixes of one length share
 * their stem: 0, 2, 4 and 6 bytes (adj_suffixes). */
static inline unsigned stem_ends(const unsigned char *last, const char *w, size_t len,
                          unsigned endings)
{
	const unsigned char *e = (const unsigned char *)w + len;
	unsigned mask = 0;
	if ((endings & 1u) && has_byte(last, e[-1]))
		mask |= 1u;
	if ((endings & 2u) && has_byte(last, e[-3]))
		mask |= 2u;
	if ((endings & 0x1cu) && has_byte(last, e[-5]))
		mask |= endings & 0x1cu;
	if ((endings & 0x60u) && has_byte(last, e[-7]))
		mask |= endings & 0x60u;
	return mask;
}

/* Whether a nisba of two words or more can end with token `next`: its
 * key ends as the token does, less a suffix, so with a byte some such
 * key ends with.  A test of a byte or two that most words fail, made
 * before the token's article and suffixes are looked at. */
static int may_end2(const nkg_lexicon *lex, const nkg_token *next)
{
	return stem_ends(lex->adj2_last, next->norm, next->norm_len,
	                 tail_suffixes(next->norm, next->norm_len)) != 0;
}

/* Two-word nisba at i: "الكورية الشمالية". */
static size_t match_adjective2(const nkg_lexicon *lex, const nkg_text *t, size_t i,
                               const variant *v, size_t nv, const nkg_form **form,
                               unsigned *flags)
{
	const nkg_token *tok = &t->tokens[i], *next = &t->tokens[i + 1];
	span stem2 = strip_article(next->norm, next->norm_len, next->norm_chars);
	unsigned endings2, tok_endings;
	size_t k, s;
	stem2.spaced = next->norm_spaced;
	endings2 = tail_suffixes(stem2.s, stem2.len);
	if (!may_tail(lex, &stem2, endings2))
		return 0;
	tok_endings = tail_suffixes(tok->norm, tok->norm_len);
	for (k = 0; k < nv; k++) {
		unsigned endings = endings_of(&v[k], tok_endings);
		for (s = 0; endings >> s; s++) {
			const nkg_form *f;
			span first;
			if (!(endings >> s & 1) || v[k].len - adj_suffixes[s].len >= VARIANT_MAX)
				continue;
			first.s = v[k].s;
			first.len = v[k].len - adj_suffixes[s].len;
			first.chars = v[k].chars - adj_suffixes[s].chars;
			first.spaced = v[k].spaced;
			if (!may_head(lex, &first))
				continue;
			f = adj_lookup(lex, &first, &stem2, endings2);
			if (f && f->n_tokens == 2) {
				*form = f;
				*flags = v[k].flags;
				return 2;
			}
		}
	}
	return 0;
}

/* Longest nisba (one or two tokens) at i, when longer than `shorter`
 * tokens (a match of that length is found already; a nisba no longer is
 * not asked for); else 0. */
static size_t match_adjective(const nkg_lexicon *lex, const nkg_text *t, size_t i,
                              size_t end, const variant *v, size_t nv, size_t shorter,
                              const nkg_form **form, unsigned *flags)
{
	static const span none = { "", 0, 0, 0 };
	const nkg_token *tok = &t->tokens[i];
	unsigned tok_endings, tok_stems;
	size_t k;
	if (!(tok->flags & NKG_TOK_WORD) || shorter >= 2)
		return 0;
	if (i + 1 < end && (t->tokens[i + 1].flags & NKG_TOK_WORD) &&
	    may_end2(lex, &t->tokens[i + 1]) && match_adjective2(lex, t, i, v, nv, form, flags))
		return 2;
	if (shorter >= 1)
		return 0;
	/* every reading but لل read as ال ends as its token does */
	tok_endings = tail_suffixes(tok->norm, tok->norm_len);
	tok_stems = stem_ends(lex->adj_last, tok->norm, tok->norm_len, tok_endings);
	for (k = 0; k < nv; k++) {
		unsigned m = v[k].own ? stem_ends(lex->adj_last, v[k].s, v[k].len,
		                                  endings_of(&v[k], tok_endings))
		                      : tok_stems & longer_than(v[k].len);
		const nkg_form *f;
		span w;
		if (!m)
			continue;
		w.s = v[k].s;
		w.len = v[k].len;
		w.chars = v[k].chars;
		w.spaced = v[k].spaced;
		f = adj_lookup(lex, &none, &w, m);
		if (f && f->n_tokens == 1) {
			*form = f;
			*flags = v[k].flags;
			return 1;
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
		char own[VARIANT_MAX];
		size_t nv = variants(&t->tokens[i], v, own);
		const nkg_form *fe = NULL, *fa = NULL;
		unsigned fle = 0, fla = 0;
		size_t le = match_exact(lex, t, i, end, v, nv, &fe, &fle);
		size_t la = match_adjective(lex, t, i, end, v, nv, le, &fa, &fla);
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
