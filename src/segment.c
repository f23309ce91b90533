/* Sentence and word segmentation with ICU.  Offsets are computed once per
 * article: a table from UTF-16 index to code point and byte offset, so a
 * token found by ICU can point back into the text as read. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "segment_impl.h"
#include "text.h"
#include "utf8.h"

nkg_segmenter *nkg_segmenter_new(void)
{
	UErrorCode err = U_ZERO_ERROR;
	nkg_segmenter *seg = calloc(1, sizeof *seg);

	if (!seg)
		return NULL;
	seg->words = ubrk_open(UBRK_WORD, "ar", NULL, 0, &err);
	if (U_SUCCESS(err))
		seg->sentences = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &err);
	if (U_SUCCESS(err))
		seg->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
	nkg_normalize_init(seg);
	if (U_FAILURE(err)) {
		nkg_segmenter_free(seg);
		return NULL;
	}
	return seg;
}

/* Scratch for an article is kept for the next one up to this many UTF-16
 * units (some 26 bytes each): a rare huge article does not pin its
 * memory for the rest of the run. */
#define KEEP_UNITS ((size_t)1 << 20)

static void u16_release(nkg_segmenter *seg)
{
	free(seg->u16);
	free(seg->cp);
	free(seg->byte);
	free(seg->short16);
	free(seg->short_at);
	free(seg->join16);
	free(seg->join_at);
	free(seg->gaps);
	seg->u16 = seg->short16 = seg->join16 = NULL;
	seg->cp = seg->byte = NULL;
	seg->short_at = seg->join_at = seg->gaps = NULL;
	seg->u16_cap = 0;
}

void nkg_segmenter_free(nkg_segmenter *seg)
{
	if (!seg)
		return;
	if (seg->words)
		ubrk_close(seg->words);
	if (seg->sentences)
		ubrk_close(seg->sentences);
	u16_release(seg);
	free(seg->norm16);
	free(seg);
}

void nkg_text_clear(nkg_text *text)
{
	if (!text)
		return;
	free(text->tokens);
	free(text->sentences);
	free(text->sent_tok);
	free(text->norm_buf);
	memset(text, 0, sizeof *text);
}

/* The article in UTF-16, in the segmenter's buffers (borrowed). */
typedef struct {
	const UChar *u;
	int32_t n;
	const uint32_t *cp;   /* cp[i]: code point offset of UTF-16 index i (n+1 entries) */
	const uint32_t *byte; /* byte[i]: byte offset of UTF-16 index i */
	const UChar *s;       /* u shortened and joined for the break iterators */
	int32_t ns;
	const int32_t *at;    /* at[j]: index in u of s[j] (ns+1 entries) */
	const int32_t *gaps;  /* indexes in u of the spaces joining cut out */
	int32_t n_gaps;
} u16_text;

static int is_plain_letter(UChar c)
{
	return (c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A);
}

int32_t nkg_shorten_letters(const UChar *u, int32_t n, UChar *out, int32_t *at)
{
	int32_t i, m = 0;
	int prev = 0;
	for (i = 0; i < n; i++) {
		int plain = is_plain_letter(u[i]);
		/* written every time, kept only when not a letter after a letter:
		 * no branch to mispredict in a text of words */
		out[m] = u[i];
		at[m] = i;
		m += !(plain & prev);
		prev = plain;
	}
	at[m] = n;
	return m;
}

/* A plain letter (standing for its run) with a space or an end of the
 * text on either side. */
static int is_lone_word(const UChar *s, int32_t m, int32_t j)
{
	return is_plain_letter(s[j]) && (j == 0 || s[j - 1] == ' ') &&
	       (j + 1 == m || s[j + 1] == ' ');
}

int32_t nkg_join_words(const UChar *s, const int32_t *at, int32_t m, UChar *out,
                       int32_t *out_at, int32_t *gaps, int32_t *n_gaps)
{
	int32_t j, k = 0, g = 0;
	for (j = 0; j < m; j++) {
		if (s[j] == ' ' && j > 0 && j + 1 < m && is_lone_word(s, m, j - 1) &&
		    is_lone_word(s, m, j + 1)) {
			gaps[g++] = at[j];
			j++; /* the word after the space goes with it */
			continue;
		}
		out[k] = s[j];
		out_at[k++] = at[j];
	}
	out_at[k] = at[m];
	*n_gaps = g;
	return k;
}

/* Room for an article of `units` UTF-16 units in the segmenter. */
static int u16_reserve(nkg_segmenter *seg, size_t units)
{
	void *p;
	if (units <= seg->u16_cap)
		return 0;
	if (!(p = realloc(seg->u16, units * sizeof *seg->u16)))
		return -1;
	seg->u16 = p;
	if (!(p = realloc(seg->cp, units * sizeof *seg->cp)))
		return -1;
	seg->cp = p;
	if (!(p = realloc(seg->byte, units * sizeof *seg->byte)))
		return -1;
	seg->byte = p;
	if (!(p = realloc(seg->short16, units * sizeof *seg->short16)))
		return -1;
	seg->short16 = p;
	if (!(p = realloc(seg->short_at, units * sizeof *seg->short_at)))
		return -1;
	seg->short_at = p;
	if (!(p = realloc(seg->join16, units * sizeof *seg->join16)))
		return -1;
	seg->join16 = p;
	if (!(p = realloc(seg->join_at, units * sizeof *seg->join_at)))
		return -1;
	seg->join_at = p;
	if (!(p = realloc(seg->gaps, units * sizeof *seg->gaps)))
		return -1;
	seg->gaps = p;
	seg->u16_cap = units;
	return 0;
}

/* Converts to UTF-16 and fills the offset tables in one pass (UTF-16
 * never has more units than UTF-8 has bytes), then the shortened text the
 * break iterators read. */
static nkg_status u16_make(nkg_segmenter *seg, const char *utf8, size_t len, u16_text *t)
{
	size_t i = 0;
	uint32_t cps = 0, n = 0;

	if (len > INT32_MAX / 2)
		return NKG_ERR_TOO_BIG;
	if (u16_reserve(seg, len + 1))
		return NKG_ERR_NOMEM;
	while (i < len) {
		uint32_t c = (unsigned char)utf8[i];
		size_t k = 1;
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len &&
		    ((unsigned char)utf8[i + 1] & 0xC0) == 0x80) {
			/* two bytes, all of Arabic: decoded here, not by a call */
			c = (c & 0x1Fu) << 6 | ((unsigned char)utf8[i + 1] & 0x3Fu);
			k = 2;
		} else if (c >= 0x80 && !(k = nkg_utf8_decode(utf8 + i, len - i, &c))) {
			return NKG_ERR_UTF8;
		}
		seg->cp[n] = cps;
		seg->byte[n] = (uint32_t)i;
		if (c >= 0x10000) { /* second half of a pair: same position */
			seg->u16[n++] = U16_LEAD(c);
			seg->cp[n] = cps;
			seg->byte[n] = (uint32_t)i;
			seg->u16[n++] = U16_TRAIL(c);
		} else {
			seg->u16[n++] = (UChar)c;
		}
		cps++;
		i += k;
	}
	seg->cp[n] = cps;
	seg->byte[n] = (uint32_t)len;
	seg->u16[n] = 0;
	t->u = seg->u16;
	t->n = (int32_t)n;
	t->cp = seg->cp;
	t->byte = seg->byte;
	t->ns = nkg_shorten_letters(seg->u16, t->n, seg->short16, seg->short_at);
	t->ns = nkg_join_words(seg->short16, seg->short_at, t->ns, seg->join16, seg->join_at,
	                       seg->gaps, &t->n_gaps);
	t->s = seg->join16;
	t->at = seg->join_at;
	t->gaps = seg->gaps;
	return NKG_SUCCESS;
}

static int is_space_run(const UChar *u, int32_t a, int32_t b)
{
	/* most tokens start with a letter or printable ASCII, or are one space */
	if (a < b && ((u[a] > ' ' && u[a] < 0x7F) || is_plain_letter(u[a])))
		return 0;
	if (b - a == 1 && u[a] == ' ')
		return 1;
	while (a < b) {
		UChar32 c;
		U16_NEXT(u, a, b, c);
		if (!u_isUWhiteSpace(c) && u_charType(c) != U_FORMAT_CHAR)
			return 0;
	}
	return 1;
}

static unsigned token_flags(int32_t status, const UChar *u, int32_t a, int32_t b)
{
	unsigned f;
	if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
		f = NKG_TOK_NUM;
	else if (status >= UBRK_WORD_LETTER)
		f = NKG_TOK_WORD;
	else
		f = NKG_TOK_PUNCT;
	/* a unit below U+0250 is a whole character: no need to decode pairs */
	for (; a < b; a++)
		if (u[a] < 0x250 && u_isalpha(u[a])) {
			f |= NKG_TOK_LATIN;
			break;
		}
	return f;
}

/* Appends one growable-array element; returns NULL when out of memory. */
static void *grow(void *arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 64;
	return realloc(arr, *cap * size);
}

/* Appends the token u[a..b) unless it is blank; its norm goes to `norms`
 * (tok->norm is set once all are there: the buffer moves as it grows). */
static nkg_status add_token(nkg_segmenter *seg, const u16_text *t, nkg_text *out,
                            size_t *cap, nkg_strbuf *norms, int32_t a, int32_t b,
                            int32_t status)
{
	nkg_token *tok;
	size_t start = norms->len, len, chars;
	void *p;

	if (is_space_run(t->u, a, b))
		return NKG_SUCCESS;
	/* any failure here was reported as out of memory, and still is */
	if (nkg_normalize_append(seg, t->u + a, b - a, norms, &len, &chars))
		return NKG_ERR_NOMEM;
	if (len == 0) { /* only marks or invisible characters */
		norms->len = start;
		return NKG_SUCCESS;
	}
	p = grow(out->tokens, cap, out->n_tokens, sizeof *out->tokens);
	if (!p)
		return NKG_ERR_NOMEM;
	out->tokens = p;
	tok = &out->tokens[out->n_tokens++];
	tok->begin = t->cp[a];
	tok->end = t->cp[b];
	tok->byte_begin = t->byte[a];
	tok->byte_end = t->byte[b];
	tok->norm = NULL;
	tok->norm_len = len;
	tok->norm_chars = chars;
	tok->flags = token_flags(status, t->u, a, b);
	tok->norm_spaced = memchr(norms->s + start, ' ', len) != NULL;
	return NKG_SUCCESS;
}

/* Points every token at its norm: they lie in order, each after the
 * previous one's NUL. */
static void set_norms(nkg_text *out, char *buf)
{
	size_t i;
	out->norm_buf = buf;
	for (i = 0; i < out->n_tokens; i++) {
		out->tokens[i].norm = buf;
		buf += out->tokens[i].norm_len + 1;
	}
}

static nkg_status tokenize(nkg_segmenter *seg, const u16_text *t, nkg_text *out)
{
	UErrorCode err = U_ZERO_ERROR;
	nkg_strbuf norms = { NULL, 0, 0 };
	size_t cap = (size_t)t->ns / 2 + (size_t)t->n_gaps * 2 + 16; /* a token every other unit */
	int32_t a, b, gap = 0;
	nkg_status st = NKG_SUCCESS;

	ubrk_setText(seg->words, t->s, t->ns, &err);
	if (U_FAILURE(err))
		return NKG_ERR_ICU;
	/* norms are about as long as the text; both arrays rarely grow */
	if (!(out->tokens = malloc(cap * sizeof *out->tokens)) ||
	    !(norms.s = malloc(norms.cap = (size_t)t->n * 2 + 64)))
		return NKG_ERR_NOMEM;
	a = ubrk_first(seg->words);
	for (b = ubrk_next(seg->words); b != UBRK_DONE && !st; a = b, b = ubrk_next(seg->words)) {
		int32_t from = t->at[a], to = t->at[b], status = ubrk_getRuleStatus(seg->words);
		/* a token over joined words: each word (the single space after
		 * it is a token of its own, and a blank one, never kept) */
		while (!st && gap < t->n_gaps && t->gaps[gap] < to) {
			st = add_token(seg, t, out, &cap, &norms, from, t->gaps[gap], status);
			from = t->gaps[gap++] + 1;
		}
		if (!st)
			st = add_token(seg, t, out, &cap, &norms, from, to, status);
	}
	if (st) {
		free(norms.s);
		return st;
	}
	set_norms(out, norms.s);
	return NKG_SUCCESS;
}

/* A full stop followed by a comma (optionally after spaces or quotes) ends
 * a sentence: scraped articles often join paragraphs as "., ", which ICU
 * rightly reads as one sentence. */
static int is_joined_paragraph(const UChar *u, int32_t i, int32_t n)
{
	if (u[i] != '.')
		return 0;
	for (i++; i < n; i++) {
		if (u[i] == ',' || u[i] == 0x060C)
			return 1;
		if (u[i] != ' ' && u[i] != '"' && u[i] != 0x201D && u[i] != 0xBB)
			return 0;
	}
	return 0;
}

/* ICU ends a sentence at any full stop before a letter without case, so
 * Arabic abbreviations ("إف.بي.آي", "أ.ف.ب") would cut their sentence in
 * pieces. A real boundary follows spaces or a line break; one with visible
 * text on both sides is dropped. */
static int inside_word(const u16_text *t, int32_t pos)
{
	return pos > 0 && pos < t->n && !u_isUWhiteSpace(t->u[pos - 1]) &&
	       !u_isUWhiteSpace(t->u[pos]);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

/* Sentence boundaries (UTF-16 indexes, sorted, unique, ending with n). */
static nkg_status sentence_bounds(nkg_segmenter *seg, const u16_text *t,
                                  int32_t **out, size_t *n_out)
{
	UErrorCode err = U_ZERO_ERROR;
	size_t n = 0, cap = 0, i, k;
	int32_t *b = NULL, pos, bound;
	void *p;

	ubrk_setText(seg->sentences, t->s, t->ns, &err);
	if (U_FAILURE(err))
		return NKG_ERR_ICU;
	for (bound = ubrk_first(seg->sentences); bound != UBRK_DONE;
	     bound = ubrk_next(seg->sentences)) {
		pos = t->at[bound];
		if (inside_word(t, pos))
			continue;
		if (!(p = grow(b, &cap, n, sizeof *b)))
			goto nomem;
		b = p;
		b[n++] = pos;
	}
	for (pos = 0; pos < t->n; pos++) {
		if (!is_joined_paragraph(t->u, pos, t->n))
			continue;
		while (t->u[pos] != ',' && t->u[pos] != 0x060C)
			pos++;
		if (!(p = grow(b, &cap, n, sizeof *b)))
			goto nomem;
		b = p;
		b[n++] = pos + 1;
	}
	qsort(b, n, sizeof *b, cmp_i32);
	for (i = k = 0; i < n; i++)
		if (k == 0 || b[i] != b[k - 1])
			b[k++] = b[i];
	*out = b;
	*n_out = k;
	return NKG_SUCCESS;
nomem:
	free(b);
	return NKG_ERR_NOMEM;
}

/* Trims spaces so the evidence starts and ends on visible text. */
static void trim_span(const u16_text *t, int32_t *a, int32_t *b)
{
	while (*a < *b && (u_isUWhiteSpace(t->u[*a]) || u_charType(t->u[*a]) == U_FORMAT_CHAR))
		(*a)++;
	while (*b > *a && (u_isUWhiteSpace(t->u[*b - 1]) || u_charType(t->u[*b - 1]) == U_FORMAT_CHAR))
		(*b)--;
}

static nkg_status build_sentences(nkg_segmenter *seg, const u16_text *t, nkg_text *out)
{
	int32_t *b = NULL;
	size_t nb = 0, i, tok = 0;
	nkg_status st = sentence_bounds(seg, t, &b, &nb);

	if (st)
		return st;
	out->sentences = calloc(nb ? nb : 1, sizeof *out->sentences);
	out->sent_tok = calloc(nb + 1, sizeof *out->sent_tok);
	if (!out->sentences || !out->sent_tok) {
		free(b);
		return NKG_ERR_NOMEM;
	}
	for (i = 0; i + 1 < nb; i++) {
		int32_t a = b[i], e = b[i + 1];
		size_t first = tok;
		trim_span(t, &a, &e);
		while (tok < out->n_tokens && out->tokens[tok].byte_begin < t->byte[b[i + 1]])
			tok++;
		if (a >= e || tok == first)
			continue; /* blank: no sentence */
		out->sentences[out->n_sentences].begin = t->cp[a];
		out->sentences[out->n_sentences].end = t->cp[e];
		out->sentences[out->n_sentences].byte_begin = t->byte[a];
		out->sentences[out->n_sentences].byte_end = t->byte[e];
		out->sent_tok[out->n_sentences] = first;
		out->n_sentences++;
	}
	out->sent_tok[out->n_sentences] = out->n_tokens;
	free(b);
	return NKG_SUCCESS;
}

nkg_status nkg_segment(nkg_segmenter *seg, const char *utf8, size_t len, nkg_text *out)
{
	u16_text t;
	nkg_status st;

	memset(out, 0, sizeof *out);
	st = u16_make(seg, utf8, len, &t);
	if (st)
		return st;
	st = tokenize(seg, &t, out);
	if (!st)
		st = build_sentences(seg, &t, out);
	if (seg->u16_cap > KEEP_UNITS)
		u16_release(seg);
	if (st)
		nkg_text_clear(out);
	return st;
}

nkg_status nkg_segment_form(nkg_segmenter *seg, const char *utf8, char ***out, size_t *n_out)
{
	nkg_text text;
	nkg_status st = nkg_segment(seg, utf8, strlen(utf8), &text);
	size_t i;

	*out = NULL;
	*n_out = 0;
	if (st)
		return st;
	*out = calloc(text.n_tokens ? text.n_tokens : 1, sizeof **out);
	if (!*out) {
		nkg_text_clear(&text);
		return NKG_ERR_NOMEM;
	}
	for (i = 0; i < text.n_tokens; i++) {
		if (!((*out)[i] = strdup(text.tokens[i].norm))) {
			while (i > 0)
				free((*out)[--i]);
			free(*out);
			*out = NULL;
			nkg_text_clear(&text);
			return NKG_ERR_NOMEM;
		}
	}
	*n_out = text.n_tokens;
	nkg_text_clear(&text);
	return NKG_SUCCESS;
}
