/* One JSON Lines record: a strict RFC 8259 parser for a single object that
 * keeps the five article keys and skips every other value. */
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Deep enough for any real record; the limit keeps a hostile line of
 * "[[[[..." from exhausting the stack. */
#define MAX_DEPTH 512

typedef struct {
	const char     *s;
	size_t          len;
	size_t          pos;
	nkg_json_error *err;
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static nkg_status fail(parser *p, nkg_status st, size_t offset,
                       const char *fmt, ...)
{
	va_list ap;

	p->err->status = st;
	p->err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
	va_end(ap);
	return st;
}

static void skip_ws(parser *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
	                           p->s[p->pos] == '\r' || p->s[p->pos] == '\n'))
		p->pos++;
}

static int peek(const parser *p)
{
	return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static nkg_status fail_end_or(parser *p, const char *what)
{
	if (p->pos >= p->len)
		return fail(p, NKG_ERR_JSON, p->pos, "unexpected end of line, expected %s", what);
	return fail(p, NKG_ERR_JSON, p->pos, "expected %s", what);
}

static int hex4(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return 0;
	}
	*out = v;
	return 1;
}

/* Reads the \u escape at p->pos (pointing at the backslash), joining a
 * surrogate pair, into *cp. */
static nkg_status read_u_escape(parser *p, uint32_t *cp)
{
	size_t at = p->pos;
	uint32_t hi, lo;

	if (p->len - at < 6 || !hex4(p->s + at + 2, &hi))
		return fail(p, NKG_ERR_JSON, at, "invalid \\u escape (four hex digits needed)");
	p->pos += 6;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return fail(p, NKG_ERR_JSON, at, "invalid \\u escape: low surrogate \\u%04X without a high one", (unsigned)hi);
	if (hi < 0xD800 || hi > 0xDBFF) {
		*cp = hi;
		return NKG_SUCCESS;
	}
	if (p->len - p->pos < 6 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u' ||
	    !hex4(p->s + p->pos + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
		return fail(p, NKG_ERR_JSON, at, "invalid \\u escape: high surrogate \\u%04X not followed by a low one", (unsigned)hi);
	p->pos += 6;
	*cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	return NKG_SUCCESS;
}

/* Finds the closing quote of the string opening at p->pos, so the decoded
 * copy can be allocated once: it is never longer than the raw span.
 * memchr finds the next quote or backslash far faster than a byte loop:
 * an article's text is one long string with few escapes.  The quote found
 * stands until an escape takes it: searching for it again after every
 * escape made a text of \u escapes (JSON writers' ASCII default) cost the
 * square of its length. */
static nkg_status string_end(parser *p, size_t *end)
{
	size_t i = p->pos + 1;
	const char *q = NULL, *b;

	while (i < p->len) {
		if (!q || q < p->s + i) {
			q = memchr(p->s + i, '"', p->len - i);
			if (!q)
				break;
		}
		b = memchr(p->s + i, '\\', (size_t)(q - (p->s + i)));
		if (!b) {
			*end = (size_t)(q - p->s);
			return NKG_SUCCESS;
		}
		i = (size_t)(b - p->s) + 2; /* past the escaped character */
	}
	return fail(p, NKG_ERR_JSON, p->pos, "unterminated string");
}

static nkg_status read_escape(parser *p, char *out, size_t *n, int *had_nul)
{
	uint32_t cp = 0; /* set by read_u_escape; GCC cannot see fail() is non-zero */
	nkg_status st;
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	char c = p->s[p->pos + 1];

	if (c == 'u') {
		if ((st = read_u_escape(p, &cp)))
			return st;
		if (cp == 0)
			*had_nul = 1;
		*n = nkg_utf8_encode(cp, out);
		return NKG_SUCCESS;
	}
	hit = c ? strchr(from, c) : NULL;
	if (!hit && (unsigned char)c >= 0x20 && (unsigned char)c < 0x7F)
		return fail(p, NKG_ERR_JSON, p->pos, "invalid escape '\\%c'", c);
	if (!hit)
		return fail(p, NKG_ERR_JSON, p->pos, "invalid escape");
	out[0] = to[hit - from];
	*n = 1;
	p->pos += 2;
	return NKG_SUCCESS;
}

/* Reads the string at p->pos.  With `out`, a decoded copy is stored there
 * (the caller frees it); without, the string is only checked.  `field`
 * names the key for the \u0000 message; NUL is only refused in strings
 * that are kept, since a skipped value cannot reach the text. */
static nkg_status read_string(parser *p, char **out, size_t *out_len,
                              const char *field)
{
	size_t end = 0, n = 0, k = 0;
	char *buf = NULL, tmp[4];
	int had_nul = 0;
	nkg_status st;

	if ((st = string_end(p, &end)))
		return st;
	if (out && !(buf = malloc(end - p->pos)))
		return fail(p, NKG_ERR_NOMEM, p->pos, "out of memory");
	p->pos++;
	while (p->pos < end) {
		const unsigned char *s = (const unsigned char *)p->s;
		size_t run = p->pos;
		unsigned char c;
		while (run < end && s[run] >= 0x20 && s[run] != '\\')
			run++;
		if (run > p->pos) { /* plain bytes: copied as one run */
			if (buf)
				memcpy(buf + n, s + p->pos, run - p->pos);
			n += run - p->pos;
			p->pos = run;
			continue;
		}
		c = s[p->pos];
		if (c < 0x20) {
			free(buf);
			return fail(p, NKG_ERR_JSON, p->pos, "unescaped control character U+%04X in string", c);
		}
		if ((st = read_escape(p, tmp, &k, &had_nul))) {
			free(buf);
			return st;
		}
		if (buf)
			memcpy(buf + n, tmp, k);
		n += k;
		if (had_nul && out) {
			free(buf);
			return fail(p, NKG_ERR_BINARY, p->pos - 6, "\\u0000 in %s", field);
		}
	}
	p->pos = end + 1;
	if (buf) {
		buf[n] = '\0';
		*out = buf;
		*out_len = n;
	}
	return NKG_SUCCESS;
}

static size_t digits(parser *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos - start;
}

/* Checks the number at p->pos against the JSON grammar; its raw text is
 * p->s[start..p->pos) afterwards. */
static nkg_status read_number(parser *p)
{
	size_t start = p->pos;

	if (peek(p) == '-')
		p->pos++;
	if (peek(p) == '0')
		p->pos++;
	else if (digits(p) == 0)
		return fail(p, NKG_ERR_JSON, start, "invalid number");
	if (peek(p) == '.') {
		p->pos++;
		if (digits(p) == 0)
			return fail(p, NKG_ERR_JSON, start, "invalid number");
	}
	if (peek(p) == 'e' || peek(p) == 'E') {
		p->pos++;
		if (peek(p) == '+' || peek(p) == '-')
			p->pos++;
		if (digits(p) == 0)
			return fail(p, NKG_ERR_JSON, start, "invalid number");
	}
	return NKG_SUCCESS;
}

static nkg_status read_literal(parser *p)
{
	static const char *const words[] = {"true", "false", "null"};
	size_t i, n;

	for (i = 0; i < 3; i++) {
		n = strlen(words[i]);
		if (p->len - p->pos >= n && memcmp(p->s + p->pos, words[i], n) == 0) {
			p->pos += n;
			return NKG_SUCCESS;
		}
	}
	return fail(p, NKG_ERR_JSON, p->pos, "invalid value");
}

static nkg_status skip_value(parser *p, int depth);

/* Skips an array or object whose opening bracket is at p->pos. */
static nkg_status skip_container(parser *p, int depth)
{
	int is_obj = peek(p) == '{';
	char close = is_obj ? '}' : ']';
	nkg_status st;

	if (depth >= MAX_DEPTH)
		return fail(p, NKG_ERR_JSON, p->pos, "values nested deeper than %d levels", MAX_DEPTH);
	p->pos++;
	skip_ws(p);
	if (peek(p) == close) {
		p->pos++;
		return NKG_SUCCESS;
	}
	for (;;) {
		if (is_obj) {
			if (peek(p) != '"')
				return fail_end_or(p, "a key string");
			if ((st = read_string(p, NULL, NULL, NULL)))
				return st;
			skip_ws(p);
			if (peek(p) != ':')
				return fail_end_or(p, "':' after the key");
			p->pos++;
		}
		if ((st = skip_value(p, depth + 1)))
			return st;
		skip_ws(p);
		if (peek(p) == close) {
			p->pos++;
			return NKG_SUCCESS;
		}
		if (peek(p) != ',')
			return fail_end_or(p, is_obj ? "',' or '}'" : "',' or ']'");
		p->pos++;
		skip_ws(p);
	}
}

static nkg_status skip_value(parser *p, int depth)
{
	int c;

	skip_ws(p);
	c = peek(p);
	if (c == '"')
		return read_string(p, NULL, NULL, NULL);
	if (c == '{' || c == '[')
		return skip_container(p, depth);
	if (c == '-' || (c >= '0' && c <= '9'))
		return read_number(p);
	if (c < 0)
		return fail_end_or(p, "a value");
	return read_literal(p);
}

static char **field_slot(nkg_json_record *rec, const char *key)
{
	if (strcmp(key, "id") == 0)
		return &rec->id;
	if (strcmp(key, "url") == 0)
		return &rec->url;
	if (strcmp(key, "title") == 0)
		return &rec->title;
	if (strcmp(key, "date") == 0)
		return &rec->date;
	if (strcmp(key, "text") == 0)
		return &rec->text;
	return NULL;
}

static nkg_status copy_number(parser *p, size_t start, char **slot)
{
	size_t n = p->pos - start;

	if (!(*slot = malloc(n + 1)))
		return fail(p, NKG_ERR_NOMEM, start, "out of memory");
	memcpy(*slot, p->s + start, n);
	(*slot)[n] = '\0';
	return NKG_SUCCESS;
}

/* Reads the value of a known key into its slot.  "text" must be a string;
 * the others may be null (absent), and "id" a number too.  An empty string
 * for an optional key counts as absent: an empty url or id names nothing. */
static nkg_status read_field(parser *p, nkg_json_record *rec, const char *key,
                             char **slot)
{
	size_t start = p->pos, n = 0;
	int is_text = slot == &rec->text;
	nkg_status st;
	int c = peek(p);

	if (*slot)
		return fail(p, NKG_ERR_JSON, start, "duplicate \"%s\"", key);
	if (c == '"') {
		if ((st = read_string(p, slot, &n, key)))
			return st;
		if (is_text)
			rec->text_len = n;
		else if (n == 0) {
			free(*slot);
			*slot = NULL;
		}
		return NKG_SUCCESS;
	}
	if (!is_text && slot == &rec->id && (c == '-' || (c >= '0' && c <= '9'))) {
		if ((st = read_number(p)))
			return st;
		return copy_number(p, start, slot);
	}
	if (!is_text && p->len - p->pos >= 4 && memcmp(p->s + p->pos, "null", 4) == 0) {
		p->pos += 4;
		return NKG_SUCCESS;
	}
	if ((st = skip_value(p, 1)))
		return st; /* a broken value is reported as such, not as a type error */
	return fail(p, NKG_ERR_JSON, start, "\"%s\" is not a string%s", key,
	            slot == &rec->id ? " or a number" : "");
}

static nkg_status read_member(parser *p, nkg_json_record *rec)
{
	char *key = NULL, **slot;
	size_t key_len;
	nkg_status st;

	if (peek(p) != '"')
		return fail_end_or(p, "a key string");
	if ((st = read_string(p, &key, &key_len, "key")))
		return st;
	skip_ws(p);
	if (peek(p) != ':') {
		free(key);
		return fail_end_or(p, "':' after the key");
	}
	p->pos++;
	skip_ws(p);
	slot = field_slot(rec, key);
	st = slot ? read_field(p, rec, key, slot) : skip_value(p, 1);
	free(key);
	return st;
}

static nkg_status read_object(parser *p, nkg_json_record *rec)
{
	nkg_status st;

	if (peek(p) != '{')
		return p->pos >= p->len
		       ? fail(p, NKG_ERR_JSON, p->pos, "empty record")
		       : fail(p, NKG_ERR_JSON, p->pos, "record is not a JSON object");
	p->pos++;
	skip_ws(p);
	if (peek(p) == '}') {
		p->pos++;
		return NKG_SUCCESS;
	}
	for (;;) {
		if ((st = read_member(p, rec)))
			return st;
		skip_ws(p);
		if (peek(p) == '}') {
			p->pos++;
			return NKG_SUCCESS;
		}
		if (peek(p) != ',')
			return fail_end_or(p, "',' or '}'");
		p->pos++;
		skip_ws(p);
	}
}

nkg_status nkg_json_parse_record(const char *line, size_t len,
                                 nkg_json_record *rec, nkg_json_error *err)
{
	parser p;
	nkg_status st;
	size_t end;

	memset(rec, 0, sizeof *rec);
	memset(err, 0, sizeof *err);
	p.s = line, p.len = len, p.pos = 0, p.err = err;
	skip_ws(&p);
	if (!(st = read_object(&p, rec))) {
		end = p.pos;
		skip_ws(&p);
		if (p.pos < p.len)
			st = fail(&p, NKG_ERR_JSON, p.pos, "unexpected text after the record");
		else if (!rec->text)
			st = fail(&p, NKG_ERR_JSON, end ? end - 1 : 0, "missing \"text\"");
	}
	if (st)
		nkg_json_record_clear(rec);
	return st;
}

void nkg_json_record_clear(nkg_json_record *rec)
{
	if (!rec)
		return;
	free(rec->id);
	free(rec->url);
	free(rec->title);
	free(rec->date);
	free(rec->text);
	memset(rec, 0, sizeof *rec);
}
