/* Fuzz target: the article readers.  Each input is read as a plain text
 * file, as a JSON Lines file (with the default limit and with a small one,
 * so that the paths for overlong lines run too) and as standard input.
 * Whatever the bytes, every article handed out must keep the reader's
 * promise (article.h): valid, non-blank UTF-8 without NUL bytes, within
 * the limit, a one-line title; a text file's article is the file minus its
 * byte order mark, byte for byte; every bad input is reported as one line
 * and counted. */
#include <string.h>

#include "fuzz.h"
#include "utf8.h"

/* One world for the process (making a librdf world costs more than
 * reading the input four times); `reports` counts its reports. */
static nkg_world *world;
static size_t reports;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_tmpdir();
	world = nkg_world_new(fuzz_on_error, &reports);
	FUZZ_CHECK(world != NULL, "no world");
	return 0;
}

static int is_blank(const char *s, size_t len)
{
	/* Enough for the oracle: an article of ASCII white space alone must
	 * never come out (the reader also refuses Unicode spaces). */
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n\v\f", s[i]))
			return 0;
	return 1;
}

/* Reads `path` (or "-") with limit `max` and checks what comes out.
 * Returns the number of articles. */
enum { AS_TEXT, AS_JSONL, AS_STDIN };

static size_t read_input(const char *path, size_t max, const uint8_t *data, size_t size,
                         int how)
{
	size_t n = 0;
	nkg_reader *r;
	nkg_article *a;
	nkg_status st;
	const char *field;
	size_t off;

	reports = 0;
	r = nkg_reader_new(world);
	FUZZ_CHECK(r != NULL, "no reader");
	if (max)
		nkg_reader_set_max_bytes(r, max);
	FUZZ_CHECK(nkg_reader_add(r, path) == NKG_SUCCESS, "cannot queue %s", path);
	while ((st = nkg_reader_next(r, &a)) == NKG_SUCCESS) {
		FUZZ_CHECK(a && a->text && a->id && a->path, "article without text, id or path");
		FUZZ_CHECK(strlen(a->text) == a->text_len, "text_len %zu but strlen %zu",
		           a->text_len, strlen(a->text));
		/* what the reader gives is text in every field (no bad UTF-8,
		 * NUL, U+FFFE or U+FFFF): what nkg_extractor_add asks of hand-made
		 * articles, which the reader's own checks do not go through */
		FUZZ_CHECK(nkg_article_check(a, &field, &off) == NKG_SUCCESS,
		           "article %s not text at byte %zu", field, off);
		FUZZ_CHECK(a->text_len > 0 && !is_blank(a->text, a->text_len), "blank article");
		FUZZ_CHECK(a->text_len <= (max ? max : NKG_DEFAULT_MAX_ARTICLE_BYTES),
		           "article of %zu bytes above the limit", a->text_len);
		/* A text file's title is its first line; a JSON title is as
		 * given, "\n" escapes and all. */
		if (a->title && how == AS_TEXT)
			FUZZ_CHECK(!strpbrk(a->title, "\r\n") && a->title[0], "title not one line");
		if (how == AS_TEXT) {
			/* The article is the file as read, less a byte order mark. */
			size_t skip = size >= NKG_UTF8_BOM_LEN && memcmp(data, NKG_UTF8_BOM, NKG_UTF8_BOM_LEN) == 0
			              ? NKG_UTF8_BOM_LEN : 0;
			FUZZ_CHECK(a->text_len == size - skip &&
			           memcmp(a->text, data + skip, a->text_len) == 0,
			           "text file not read byte for byte");
			FUZZ_CHECK(a->line == 0, "text file article with a line number");
		} else if (how == AS_JSONL) {
			FUZZ_CHECK(a->line > 0, "JSON Lines article without its line");
		}
		nkg_article_free(a);
		n++;
	}
	FUZZ_CHECK(st == NKG_END, "reader stopped with %s", nkg_strerror(st));
	FUZZ_CHECK(nkg_reader_next(r, &a) == NKG_END && a == NULL, "reader does not stay at its end");
	FUZZ_CHECK(nkg_reader_errors(r) == reports, "%zu errors counted, %zu reported",
	           nkg_reader_errors(r), reports);
	/* One file is one article or one error; a JSON Lines file is
	 * something for every non-blank line (checked loosely: at least
	 * something). */
	if (how == AS_TEXT)
		FUZZ_CHECK(n + reports == 1, "%zu articles and %zu errors from one text file", n, reports);
	else
		FUZZ_CHECK(n + reports >= 1, "a JSON Lines file gave neither article nor error");
	nkg_reader_free(r);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *txt = fuzz_write_file(0, "in.txt", data, size);
	const char *jsonl = fuzz_write_file(1, "in.jsonl", data, size);
	size_t n;

	read_input(txt, 0, data, size, AS_TEXT);
	n = read_input(jsonl, 0, data, size, AS_JSONL);
	/* A smaller limit can only take articles away. */
	FUZZ_CHECK(read_input(jsonl, 64, data, size, AS_JSONL) <= n, "a lower limit gave more articles");
	/* Standard input: JSON Lines when its first byte is '{', else text. */
	FUZZ_CHECK(freopen(jsonl, "rb", stdin) != NULL, "cannot reopen stdin");
	read_input("-", 0, data, size, AS_STDIN);
	return 0;
}
