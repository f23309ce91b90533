/* The reader: finds articles in files, directories, JSON Lines and stdin,
 * checks them, reports every bad input once and skips it.
 *
 * Offsets.  Errors carry byte offsets into the file as it is on disk, so
 * that a hex dump of the file finds them.  A UTF-8 byte order mark at the
 * start of a file is dropped from the article text; offsets into the text
 * (NIF begin/end indexes, made later from article->text) therefore count
 * from the first byte after the mark. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "iri.h"
#include "json.h"
#include "newskg/article.h"
#include "utf8.h"

#define CHUNK ((size_t)64 << 10)
/* Directory trees deeper than this are refused rather than followed. */
#define MAX_DIR_DEPTH 64

/* An open input read through a buffer that grows as needed, so that a line
 * or a whole article can be handed out without copying. */
typedef struct {
	FILE  *f;
	char  *buf;
	size_t cap, start, end; /* unread bytes: buf[start..end) */
	size_t base;            /* file offset of buf[0] */
	int    eof, err;        /* err: errno of a failed read */
} source;

struct nkg_reader {
	const nkg_world *world;
	size_t max_bytes;
	size_t errors;
	char **queue;           /* inputs, directories replaced by their files */
	size_t n_queue, cap_queue, next;
	source src;             /* the JSON Lines input being read, if json */
	int json;
	const char *json_path;  /* borrowed from queue */
	char *json_stem;        /* default id prefix: file name sans .jsonl */
	size_t json_line, json_records;
	unsigned long long done_bytes;  /* of the inputs already closed */
	unsigned long long total_bytes; /* of every input, after a scan */
	unsigned long long cur_size;    /* of the open input; 0 when unknown */
};

/* Reports one bad input and counts it. */
#define BAD(r, st, file, line, off, ...) \
	((r)->errors++, nkg_world_report((r)->world, (st), (file), (line), (off), __VA_ARGS__))

/* ---- source: buffered reading ---------------------------------------- */

static void src_close(source *s)
{
	if (s->f && s->f != stdin)
		fclose(s->f);
	free(s->buf);
	memset(s, 0, sizeof *s);
}

static int src_reserve(source *s, size_t cap)
{
	char *b;

	if (cap <= s->cap)
		return 1;
	if (!(b = realloc(s->buf, cap)))
		return 0;
	s->buf = b;
	s->cap = cap;
	return 1;
}

/* Reads more bytes after the unread ones.  Returns how many, 0 at end of
 * input, -1 on a read error (s->err) or when out of memory.  One byte of
 * the buffer is always left free for a terminating NUL. */
static long src_fill(source *s)
{
	size_t n;

	if (s->eof || s->err)
		return s->err ? -1 : 0;
	if (s->start > 0) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->base += s->start;
		s->end -= s->start;
		s->start = 0;
	}
	if (s->cap - s->end < CHUNK / 2 &&
	    (s->cap > ((size_t)-1) / 2 || !src_reserve(s, s->cap ? s->cap * 2 : CHUNK))) {
		s->err = ENOMEM;
		return -1;
	}
	n = fread(s->buf + s->end, 1, s->cap - s->end - 1, s->f);
	if (n == 0) {
		if (ferror(s->f)) {
			s->err = errno ? errno : EIO;
			return -1;
		}
		s->eof = 1;
	}
	s->end += n;
	return (long)n;
}

/* Reads the rest of the input into *text (NUL-terminated; the caller
 * frees it).  Stops as soon as more than `max` bytes have come, since the
 * article is refused anyway. */
static nkg_status src_read_all(source *s, size_t max, char **text, size_t *len)
{
	long r;
	size_t n;

	while ((r = src_fill(s)) > 0)
		if (s->end - s->start > max)
			return NKG_ERR_TOO_BIG;
	if (r < 0)
		return s->err == ENOMEM ? NKG_ERR_NOMEM : NKG_ERR_IO;
	n = s->end - s->start;
	if (n > max)
		return NKG_ERR_TOO_BIG;
	memmove(s->buf, s->buf + s->start, n);
	s->buf[n] = '\0';
	*text = s->buf;
	*len = n;
	s->buf = NULL;
	s->cap = s->start = s->end = 0;
	return NKG_SUCCESS;
}

/* Reads one line (without its '\n') into *line and *len, borrowed until the
 * next read.  A line longer than `max` is not kept: *too_big is set, its
 * bytes are dropped as they come (memory stays bounded by `max`) and *len
 * is its full length.  Returns 1, 0 at the end of input, -1 on error. */
static int src_line(source *s, size_t max, const char **line, size_t *len,
                    int *too_big)
{
	size_t scanned = 0, dropped = 0;
	const char *nl;
	long r;

	*too_big = 0;
	for (;;) {
		nl = s->buf ? memchr(s->buf + s->start + scanned, '\n',
		                     s->end - s->start - scanned) : NULL;
		if (nl) {
			size_t n = (size_t)(nl - (s->buf + s->start));
			*line = s->buf + s->start;
			*len = dropped + n;
			/* A line that came in one read is as much over the
			 * limit as one that had to be dropped on the way. */
			*too_big = *len > max;
			s->start += n + 1;
			return 1;
		}
		scanned = s->end - s->start;
		if (scanned > max) {
			*too_big = 1;
			dropped += scanned;
			s->start = s->end;
			scanned = 0;
		}
		if ((r = src_fill(s)) < 0)
			return -1;
		if (r == 0)
			break;
	}
	if (scanned == 0 && dropped == 0)
		return 0;
	*line = s->buf + s->start; /* a last line without a newline */
	*len = dropped + scanned;
	*too_big = *len > max;
	s->start = s->end;
	return 1;
}

static int is_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* 1 when the first byte after white space (and a byte order mark) is '{':
 * how standard input tells JSON Lines from plain text. */
static int src_sniff_json(source *s, size_t max)
{
	size_t k = 0; /* relative to s->start, which src_fill moves */

	for (;;) {
		for (; s->start + k < s->end; k++) {
			unsigned char c = (unsigned char)s->buf[s->start + k];
			if (is_json_space((char)c) || (k < NKG_UTF8_BOM_LEN && c >= 0xBB))
				continue;
			return c == '{';
		}
		if (k > max || src_fill(s) <= 0)
			return 0;
	}
}

static int has_bom(const char *s, size_t len)
{
	return len >= NKG_UTF8_BOM_LEN && memcmp(s, NKG_UTF8_BOM, NKG_UTF8_BOM_LEN) == 0;
}

/* ---- the input queue ------------------------------------------------- */

nkg_reader *nkg_reader_new(const nkg_world *world)
{
	nkg_reader *r = calloc(1, sizeof *r);

	if (r) {
		r->world = world;
		r->max_bytes = NKG_DEFAULT_MAX_ARTICLE_BYTES;
	}
	return r;
}

void nkg_reader_free(nkg_reader *reader)
{
	size_t i;

	if (!reader)
		return;
	src_close(&reader->src);
	free(reader->json_stem);
	for (i = 0; i < reader->n_queue; i++)
		free(reader->queue[i]);
	free(reader->queue);
	free(reader);
}

void nkg_reader_set_max_bytes(nkg_reader *reader, size_t max)
{
	if (reader)
		reader->max_bytes = max;
}

size_t nkg_reader_errors(const nkg_reader *reader)
{
	return reader ? reader->errors : 0;
}

/* Inserts paths[0..n) (taking them) at position `at` of the queue. */
static nkg_status queue_insert(nkg_reader *r, size_t at, char **paths, size_t n)
{
	char **q;
	size_t cap;

	if (r->n_queue + n > r->cap_queue) {
		cap = r->cap_queue ? r->cap_queue : 8;
		while (cap < r->n_queue + n)
			cap *= 2;
		if (!(q = realloc(r->queue, cap * sizeof *q)))
			return NKG_ERR_NOMEM;
		r->queue = q;
		r->cap_queue = cap;
	}
	memmove(r->queue + at + n, r->queue + at, (r->n_queue - at) * sizeof *r->queue);
	memcpy(r->queue + at, paths, n * sizeof *paths);
	r->n_queue += n;
	return NKG_SUCCESS;
}

nkg_status nkg_reader_add(nkg_reader *reader, const char *path)
{
	char *copy;

	if (!reader || !path || !*path)
		return NKG_ERR_ARG;
	if (!(copy = strdup(path)))
		return NKG_ERR_NOMEM;
	if (queue_insert(reader, reader->n_queue, &copy, 1)) {
		free(copy);
		return NKG_ERR_NOMEM;
	}
	return NKG_SUCCESS;
}

/* ---- directories ----------------------------------------------------- */

typedef struct {
	char **v;
	size_t n, cap;
} path_list;

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

static int is_jsonl_name(const char *path)
{
	return ends_with(path, ".jsonl") || ends_with(path, ".ndjson");
}

static int list_push(path_list *l, char *p)
{
	char **v;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		if (!(v = realloc(l->v, cap * sizeof *v)))
			return 0;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = p;
	return 1;
}

/* A new string "dir/name"; the caller frees it. */
static char *join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir), m = strlen(name);
	int slash = n > 0 && dir[n - 1] != '/';
	char *p = malloc(n + slash + m + 1);

	if (p) {
		memcpy(p, dir, n);
		if (slash)
			p[n] = '/';
		memcpy(p + n + slash, name, m + 1);
	}
	return p;
}

/* Adds the *.txt and *.jsonl files under `dir` to `l`.  Hidden entries are
 * skipped (editor and VCS droppings); symbolic links to directories are
 * not followed, so a link loop cannot trap the walk.  Returns 0 only when
 * out of memory; unreadable directories are reported and skipped. */
static int walk_dir(nkg_reader *r, const char *dir, int depth, path_list *l)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char *p;
	int ok = 1;

	if (depth > MAX_DIR_DEPTH) {
		BAD(r, NKG_ERR_IO, dir, 0, NKG_NO_OFFSET, "directories nested deeper than %d levels", MAX_DIR_DEPTH);
		return 1;
	}
	if (!(d = opendir(dir))) {
		BAD(r, NKG_ERR_IO, dir, 0, NKG_NO_OFFSET, "cannot open directory: %s", strerror(errno));
		return 1;
	}
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (!(p = join_path(dir, e->d_name))) {
			ok = 0;
			break;
		}
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			ok = walk_dir(r, p, depth + 1, l);
			free(p);
		} else if ((ends_with(p, ".txt") || is_jsonl_name(p)) &&
		           (stat(p, &st) != 0 || S_ISREG(st.st_mode))) {
			ok = list_push(l, p); /* a broken link is reported when read */
			if (!ok)
				free(p);
		} else {
			free(p);
		}
	}
	closedir(d);
	return ok;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replaces a directory input by its files, in byte order of their paths
 * (strcmp, as the design fixes, so the output does not depend on the file
 * system's order or the locale). */
static nkg_status expand_dir(nkg_reader *r, const char *dir, size_t at)
{
	path_list l = {NULL, 0, 0};
	size_t i;
	nkg_status st = NKG_SUCCESS;

	if (!walk_dir(r, dir, 0, &l))
		st = NKG_ERR_NOMEM;
	else if (l.n == 0)
		BAD(r, NKG_ERR_EMPTY, dir, 0, NKG_NO_OFFSET, "no *.txt or *.jsonl files in this directory");
	else {
		qsort(l.v, l.n, sizeof *l.v, cmp_path);
		st = queue_insert(r, at, l.v, l.n);
	}
	if (st)
		for (i = 0; i < l.n; i++)
			free(l.v[i]);
	free(l.v);
	return st;
}

/* ---- articles -------------------------------------------------------- */

/* A new string: s[0..n) with a NUL after it; NULL when out of memory. */
static char *copy_n(const char *s, size_t n)
{
	char *c = malloc(n + 1);

	if (c) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

/* A new string: the last path component of `path` without `suffix`. */
static char *stem(const char *path, const char *suffix)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (suffix && ends_with(base, suffix))
		n -= strlen(suffix);
	/* An id is text (a literal), whatever bytes the file name holds. */
	return nkg_utf8_text_dup(base, n);
}

/* The end of the last character of s[b..end) that is not white space, or
 * b when there is none.  The text is valid UTF-8. */
static size_t trim_end(const char *s, size_t b, size_t end)
{
	size_t e = b, i = b, k;
	uint32_t cp;

	while (i < end) {
		if ((k = nkg_utf8_space_len(s + i, end - i)) == 0) {
			k = nkg_utf8_decode(s + i, end - i, &cp);
			k = k ? k : 1;
			e = i + k;
		}
		i += k;
	}
	return e;
}

/* A new string: the first line of `text` holding more than white space,
 * trimmed; NULL when there is none (or out of memory: the title is
 * optional, so that is not worth failing the article for). */
static char *first_line(const char *text, size_t len)
{
	size_t i = 0, b, e, k, end;

	while (i < len) {
		/* A line ends at LF, CRLF or a CR alone (old Mac files): with
		 * only LF, such a file's title was the whole article, and a CR
		 * inside a literal is more than raptor's Turtle writer escapes. */
		for (end = i; end < len && text[end] != '\n' && text[end] != '\r'; end++)
			;
		for (b = i; b < end && (k = nkg_utf8_space_len(text + b, end - b)); b += k)
			;
		e = trim_end(text, b, end);
		if (e > b)
			return copy_n(text + b, e - b);
		i = end + 1;
	}
	return NULL;
}

/* Reports a text that is not valid UTF-8, holds NUL bytes or U+FFFE or
 * U+FFFF; `base` is the file offset of text[0].  Returns 1 when the text
 * is good. */
static int check_text(nkg_reader *r, const char *path, size_t line,
                      size_t base, const char *text, size_t len)
{
	size_t off = 0;
	uint32_t cp;
	nkg_status st = nkg_utf8_check_text(text, len, &off);

	if (st == NKG_ERR_BINARY)
		BAD(r, st, path, line, base + off, "NUL byte: binary data, not text");
	else if (st && nkg_utf8_decode(text + off, len - off, &cp))
		BAD(r, st, path, line, base + off, "U+%04lX, a noncharacter: not text (RDF writers drop it)",
		    (unsigned long)cp);
	else if (st)
		BAD(r, st, path, line, base + off, "invalid UTF-8 (byte 0x%02X)",
		    (unsigned)(unsigned char)text[off]);
	return st == NKG_SUCCESS;
}

/* The name of the first field of `rec` holding U+FFFE or U+FFFF (given as
 * a \u escape: raw ones were refused with the line), or NULL. */
static const char *json_nonchar_field(const nkg_json_record *rec)
{
	if (nkg_utf8_find_nonchar(rec->text, rec->text_len) != NKG_NO_OFFSET)
		return "text";
	if (rec->title && nkg_utf8_find_nonchar(rec->title, strlen(rec->title)) != NKG_NO_OFFSET)
		return "title";
	if (rec->id && nkg_utf8_find_nonchar(rec->id, strlen(rec->id)) != NKG_NO_OFFSET)
		return "id";
	if (rec->url && nkg_utf8_find_nonchar(rec->url, strlen(rec->url)) != NKG_NO_OFFSET)
		return "url";
	if (rec->date && nkg_utf8_find_nonchar(rec->date, strlen(rec->date)) != NKG_NO_OFFSET)
		return "date";
	return NULL;
}

/* Makes the article of a plain text file from `text` (taken). */
static nkg_status text_article(nkg_reader *r, const char *path, char *text,
                               size_t len, nkg_article **out)
{
	nkg_article *a;
	size_t skip = has_bom(text, len) ? NKG_UTF8_BOM_LEN : 0;

	if (len == 0)
		BAD(r, NKG_ERR_EMPTY, path, 0, NKG_NO_OFFSET, "empty file");
	else if (!check_text(r, path, 0, skip, text + skip, len - skip))
		len = 0;
	else if (nkg_utf8_is_blank(text + skip, len - skip)) {
		BAD(r, NKG_ERR_EMPTY, path, 0, NKG_NO_OFFSET, "no text, only white space");
		len = 0;
	}
	if (len == 0) {
		free(text);
		return NKG_END;
	}
	if (skip)
		memmove(text, text + skip, (len -= skip) + 1);
	if (!(a = calloc(1, sizeof *a))) {
		free(text);
		return NKG_ERR_NOMEM;
	}
	a->text = text;
	a->text_len = len;
	a->id = strcmp(path, "-") == 0 ? strdup("stdin") : stem(path, ".txt");
	a->path = nkg_utf8_text_dup(path, strlen(path));
	a->title = first_line(text, len);
	if (!a->id || !a->path) {
		nkg_article_free(a);
		return NKG_ERR_NOMEM;
	}
	*out = a;
	return NKG_SUCCESS;
}

/* Closes the open input, counting it as read: its size, or what was read
 * of it when the size is unknown (standard input). */
static void input_done(nkg_reader *r, size_t read)
{
	r->done_bytes += r->cur_size ? r->cur_size : read;
	r->cur_size = 0;
	src_close(&r->src);
}

static nkg_status read_text(nkg_reader *r, const char *path, nkg_article **out)
{
	char *text = NULL;
	size_t len = 0;
	nkg_status st = src_read_all(&r->src, r->max_bytes, &text, &len);
	int err = r->src.err;

	input_done(r, st ? r->src.base + r->src.end : len);
	if (st == NKG_ERR_TOO_BIG)
		BAD(r, st, path, 0, NKG_NO_OFFSET, "article larger than the limit of %zu bytes", r->max_bytes);
	else if (st == NKG_ERR_IO)
		BAD(r, st, path, 0, NKG_NO_OFFSET, "read failed: %s", strerror(err));
	if (st)
		return st == NKG_ERR_NOMEM ? st : NKG_END;
	return text_article(r, path, text, len, out);
}

/* ---- JSON Lines ------------------------------------------------------ */

static int json_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_json_space(s[i]))
			return 0;
	return 1;
}

/* Moves the fields of `rec` into a new article in *out. */
static nkg_status json_take(nkg_reader *r, nkg_json_record *rec, nkg_article **out)
{
	nkg_article *a = calloc(1, sizeof *a);
	char idbuf[32];

	if (!a)
		return NKG_ERR_NOMEM;
	a->id = rec->id, a->url = rec->url, a->title = rec->title;
	a->date = rec->date, a->text = rec->text, a->text_len = rec->text_len;
	memset(rec, 0, sizeof *rec);
	a->line = r->json_line;
	a->path = nkg_utf8_text_dup(r->json_path, strlen(r->json_path));
	if (!a->id) {
		/* Without an id, the line names the article: unique in the file. */
		snprintf(idbuf, sizeof idbuf, "-%zu", r->json_line);
		if ((a->id = malloc(strlen(r->json_stem) + strlen(idbuf) + 1)))
			strcat(strcpy(a->id, r->json_stem), idbuf);
	}
	if (!a->id || !a->path) {
		nkg_article_free(a);
		return NKG_ERR_NOMEM;
	}
	*out = a;
	return NKG_SUCCESS;
}

/* One non-blank line at file offset `base`. */
static nkg_status json_article(nkg_reader *r, const char *line, size_t len,
                               size_t base, nkg_article **out)
{
	nkg_json_record rec;
	nkg_json_error err;
	const char *path = r->json_path;
	const char *why, *voc;
	size_t bad;
	nkg_status st;

	if (!check_text(r, path, r->json_line, base, line, len))
		return NKG_END;
	st = nkg_json_parse_record(line, len, &rec, &err);
	if (st == NKG_ERR_NOMEM)
		return st;
	if (st) {
		BAD(r, err.status, path, r->json_line, base + err.offset, "%s", err.message);
		return NKG_END;
	}
	if ((why = json_nonchar_field(&rec)) != NULL) {
		BAD(r, NKG_ERR_UTF8, path, r->json_line, base,
		    "\"%s\" holds U+FFFE or U+FFFF, a noncharacter: not text (RDF writers drop it)", why);
		nkg_json_record_clear(&rec);
		return NKG_END;
	}
	if (nkg_utf8_is_blank(rec.text, rec.text_len)) {
		BAD(r, NKG_ERR_EMPTY, path, r->json_line, base, "\"text\" is empty");
		nkg_json_record_clear(&rec);
		return NKG_END;
	}
	/* The id names the article's IRIs (percent-encoded, up to three times
	 * longer), and librdf cannot store an IRI of 64 KiB or more: one such
	 * article made the whole output fail.  Ids that long are not ids. */
	if (rec.id && strlen(rec.id) > NKG_MAX_ID_BYTES) {
		BAD(r, NKG_ERR_TOO_BIG, path, r->json_line, base,
		    "\"id\" of %zu bytes, above the limit of %d", strlen(rec.id), NKG_MAX_ID_BYTES);
		nkg_json_record_clear(&rec);
		return NKG_END;
	}
	if (rec.url && strlen(rec.url) > NKG_MAX_URL_BYTES) {
		BAD(r, NKG_ERR_TOO_BIG, path, r->json_line, base,
		    "\"url\" of %zu bytes, above the limit of %d; the article is named by its id instead",
		    strlen(rec.url), NKG_MAX_URL_BYTES);
		free(rec.url);
		rec.url = NULL;
	}
	/* The url becomes the article's IRI: one that no RDF parser reads
	 * back would spoil the whole output, so it is reported and dropped,
	 * and the article is named from its id as if it had none.  An
	 * empty url counts as none. */
	if (rec.url && *rec.url && !nkg_iri_check(rec.url, &bad, &why)) {
		BAD(r, NKG_ERR_JSON, path, r->json_line, base,
		    "\"url\" is not an absolute IRI (%s at byte %zu of it); the article is named by its id instead",
		    why, bad);
		free(rec.url);
		rec.url = NULL;
	} else if (rec.url && (voc = nkg_iri_vocabulary(rec.url))) {
		BAD(r, NKG_ERR_JSON, path, r->json_line, base,
		    "\"url\" is a term of the %s: vocabulary, no article's address; the article is named by its id instead",
		    voc);
		free(rec.url);
		rec.url = NULL;
	}
	st = json_take(r, &rec, out);
	nkg_json_record_clear(&rec);
	return st;
}

static void json_close(nkg_reader *r)
{
	input_done(r, r->src.base + r->src.end);
	free(r->json_stem);
	r->json_stem = NULL;
	r->json = 0;
}

/* The next good article of the open JSON Lines input, or NKG_END when it
 * is done.  Blank lines are allowed and skipped. */
static nkg_status json_next(nkg_reader *r, nkg_article **out)
{
	const char *line;
	size_t len, base;
	int too_big, got;
	nkg_status st;

	for (;;) {
		base = r->src.base + r->src.start;
		got = src_line(&r->src, r->max_bytes, &line, &len, &too_big);
		if (got < 0 && r->src.err == ENOMEM)
			return NKG_ERR_NOMEM;
		if (got < 0)
			BAD(r, NKG_ERR_IO, r->json_path, r->json_line + 1, base, "read failed: %s", strerror(r->src.err));
		else if (got == 0 && r->json_records == 0)
			BAD(r, NKG_ERR_EMPTY, r->json_path, 0, NKG_NO_OFFSET, "empty file: no JSON Lines records");
		if (got <= 0)
			return NKG_END;
		r->json_line++;
		if (too_big) {
			r->json_records++;
			BAD(r, NKG_ERR_TOO_BIG, r->json_path, r->json_line, base, "line of %zu bytes, above the limit of %zu", len, r->max_bytes);
			continue;
		}
		if (r->json_line == 1 && has_bom(line, len)) {
			line += NKG_UTF8_BOM_LEN, len -= NKG_UTF8_BOM_LEN;
			base += NKG_UTF8_BOM_LEN;
		}
		if (json_blank(line, len))
			continue;
		r->json_records++;
		st = json_article(r, line, len, base, out);
		if (st != NKG_END)
			return st;
	}
}

/* ---- dispatch -------------------------------------------------------- */

static nkg_status open_json(nkg_reader *r, const char *path)
{
	r->json = 1;
	r->json_path = path;
	r->json_line = r->json_records = 0;
	r->json_stem = strcmp(path, "-") == 0 ? strdup("stdin") : stem(path, NULL);
	if (r->json_stem) {
		/* The id prefix drops the extension, whichever it was. */
		char *dot = strrchr(r->json_stem, '.');
		if (dot && dot != r->json_stem)
			*dot = '\0';
	}
	return r->json_stem ? NKG_SUCCESS : NKG_ERR_NOMEM;
}

/* Starts reading queued input `path`.  Returns NKG_SUCCESS with an article
 * (plain text), NKG_END when there is none yet (a JSON Lines input is now
 * open, a directory was expanded, or the input was bad and reported), or
 * NKG_ERR_NOMEM. */
static nkg_status open_input(nkg_reader *r, const char *path, nkg_article **out)
{
	struct stat st;
	FILE *f;

	if (strcmp(path, "-") == 0) {
		r->src.f = stdin;
		if (src_sniff_json(&r->src, r->max_bytes))
			return open_json(r, path) ? NKG_ERR_NOMEM : NKG_END;
		return read_text(r, path, out);
	}
	if (stat(path, &st) != 0) {
		BAD(r, NKG_ERR_IO, path, 0, NKG_NO_OFFSET, "cannot open: %s", strerror(errno));
		return NKG_END;
	}
	if (S_ISDIR(st.st_mode))
		return expand_dir(r, path, r->next) ? NKG_ERR_NOMEM : NKG_END;
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > r->max_bytes && !is_jsonl_name(path)) {
		BAD(r, NKG_ERR_TOO_BIG, path, 0, NKG_NO_OFFSET, "article larger than the limit of %zu bytes", r->max_bytes);
		return NKG_END;
	}
	if (!(f = fopen(path, "rb"))) {
		BAD(r, NKG_ERR_IO, path, 0, NKG_NO_OFFSET, "cannot open: %s", strerror(errno));
		return NKG_END;
	}
	r->src.f = f;
	r->cur_size = S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
	if (is_jsonl_name(path))
		return open_json(r, path) ? NKG_ERR_NOMEM : NKG_END;
	/* One allocation of the right size for a regular file. */
	if (S_ISREG(st.st_mode) && !src_reserve(&r->src, (size_t)st.st_size + CHUNK)) {
		src_close(&r->src);
		return NKG_ERR_NOMEM;
	}
	return read_text(r, path, out);
}

nkg_status nkg_reader_scan(nkg_reader *r)
{
	struct stat st;
	size_t i = r ? r->next : 0;
	char *dir;

	if (!r)
		return NKG_ERR_ARG;
	r->total_bytes = r->done_bytes + r->cur_size;
	while (i < r->n_queue) {
		if (strcmp(r->queue[i], "-") == 0 || stat(r->queue[i], &st) != 0) {
			i++; /* stdin has no size; a missing file is reported when reached */
		} else if (S_ISDIR(st.st_mode)) {
			/* replaced by its files, which are looked at next */
			dir = r->queue[i];
			memmove(r->queue + i, r->queue + i + 1, (r->n_queue - i - 1) * sizeof *r->queue);
			r->n_queue--;
			if (expand_dir(r, dir, i)) {
				free(dir);
				return NKG_ERR_NOMEM;
			}
			free(dir);
		} else {
			if (S_ISREG(st.st_mode))
				r->total_bytes += (unsigned long long)st.st_size;
			i++;
		}
	}
	return NKG_SUCCESS;
}

void nkg_reader_bytes(const nkg_reader *r, unsigned long long *read,
                      unsigned long long *total)
{
	unsigned long long pos = 0;

	if (r && r->src.f)
		pos = r->src.base + r->src.start;
	*read = r ? r->done_bytes + pos : 0;
	*total = r ? r->total_bytes : 0;
}

nkg_status nkg_reader_next(nkg_reader *reader, nkg_article **out)
{
	nkg_status st;

	if (!reader || !out)
		return NKG_ERR_ARG;
	*out = NULL;
	for (;;) {
		if (reader->json) {
			st = json_next(reader, out);
			if (st != NKG_END)
				return st;
			json_close(reader);
			continue;
		}
		if (reader->next == reader->n_queue)
			return NKG_END;
		st = open_input(reader, reader->queue[reader->next++], out);
		if (st != NKG_END)
			return st;
	}
}
