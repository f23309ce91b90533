/* The reader: text files, directories, JSON Lines, stdin, and every kind
 * of bad input, each reported once with its file, line and offset while
 * the good articles around it still come through.  Inputs are written by
 * the test into a fresh temporary directory. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "newskg/newskg.h"

#define MAX_ERRORS 32

typedef struct {
	nkg_status status;
	char file[512];
	size_t line, offset;
	char message[256];
} seen_error;

typedef struct {
	seen_error v[MAX_ERRORS];
	size_t n;
} error_log;

static char tmp[64];

static void on_error(void *handle, const nkg_error *e)
{
	error_log *log = handle;
	seen_error *s;

	if (log->n == MAX_ERRORS)
		return;
	s = &log->v[log->n++];
	s->status = e->status;
	snprintf(s->file, sizeof s->file, "%s", e->file ? e->file : "");
	s->line = e->line;
	s->offset = e->offset;
	snprintf(s->message, sizeof s->message, "%s", e->message);
}

/* tmp/name, in a static buffer (one at a time is enough here). */
static const char *at(const char *name)
{
	static char buf[2][600];
	static int k;

	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%s/%s", tmp, name);
	return buf[k];
}

static void put(const char *name, const char *bytes, size_t len)
{
	FILE *f = fopen(at(name), "wb");

	CHECK(f != NULL);
	if (!f)
		return;
	CHECK(fwrite(bytes, 1, len, f) == len);
	fclose(f);
}

static void puts0(const char *name, const char *s)
{
	put(name, s, strlen(s));
}

static void rmtree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[1024];

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path))) {
		while ((e = readdir(d)))
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
				rmtree(sub);
			}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* Everything a reader gives for `paths`, with the errors it reported. */
typedef struct {
	nkg_article *a[64];
	size_t n;
	error_log log;
	size_t errors;
} run;

static void read_all(run *r, size_t max, const char *const *paths, size_t n_paths)
{
	nkg_world *world;
	nkg_reader *reader;
	nkg_article *a;
	size_t i;

	memset(r, 0, sizeof *r);
	world = nkg_world_new(on_error, &r->log);
	reader = nkg_reader_new(world);
	CHECK(world && reader);
	if (max)
		nkg_reader_set_max_bytes(reader, max);
	for (i = 0; i < n_paths; i++)
		CHECK(nkg_reader_add(reader, paths[i]) == NKG_SUCCESS);
	while (nkg_reader_next(reader, &a) == NKG_SUCCESS) {
		if (r->n < 64)
			r->a[r->n++] = a;
		else
			nkg_article_free(a);
	}
	CHECK(nkg_reader_next(reader, &a) == NKG_END); /* stays at the end */
	r->errors = nkg_reader_errors(reader);
	CHECK(r->errors == r->log.n);
	nkg_reader_free(reader);
	nkg_world_free(world);
}

static void run_free(run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		nkg_article_free(r->a[i]);
	r->n = 0;
}

static void read_one(run *r, size_t max, const char *path)
{
	read_all(r, max, &path, 1);
}

/* Expects exactly one error, with these details. */
static void expect_error(const run *r, nkg_status st, const char *file,
                         size_t line, size_t offset, const char *msg_part)
{
	CHECK(r->log.n == 1);
	if (r->log.n < 1)
		return;
	CHECK(r->log.v[0].status == st);
	CHECK_STR(r->log.v[0].file, file);
	CHECK(r->log.v[0].line == line);
	CHECK(r->log.v[0].offset == offset);
	CHECK(strstr(r->log.v[0].message, msg_part) != NULL);
	if (!strstr(r->log.v[0].message, msg_part))
		fprintf(stderr, "  message was: %s\n", r->log.v[0].message);
}

#define ARABIC "\xD8\xA7\xD8\xAA\xD9\x87\xD9\x85\xD8\xAA \xD8\xB1\xD9\x88\xD8\xB3\xD9\x8A\xD8\xA7" /* اتهمت روسيا */

static void test_text_file(void)
{
	run r;
	static const char body[] = "\n  \xC2\xA0" ARABIC "  \r\nsecond line.\n";

	puts0("one.txt", body);
	read_one(&r, 0, at("one.txt"));
	CHECK(r.n == 1 && r.log.n == 0);
	if (r.n == 1) {
		CHECK_STR(r.a[0]->id, "one");
		CHECK_STR(r.a[0]->title, ARABIC);
		CHECK_STR(r.a[0]->path, at("one.txt"));
		CHECK(r.a[0]->text_len == sizeof body - 1);
		CHECK(memcmp(r.a[0]->text, body, sizeof body) == 0); /* byte-exact */
		CHECK(r.a[0]->line == 0 && r.a[0]->url == NULL && r.a[0]->date == NULL);
	}
	run_free(&r);

	/* U+FFFE and U+FFFF are valid UTF-8, but raptor cuts literals at
	 * them: refused, with the offset of the character. */
	puts0("nonchar.txt", "title\nab\xEF\xBF\xBF");
	read_one(&r, 0, at("nonchar.txt"));
	CHECK(r.n == 0);
	expect_error(&r, NKG_ERR_UTF8, at("nonchar.txt"), 0, 8, "U+FFFF, a noncharacter");
	run_free(&r);
	puts0("nonchar.jsonl", "{\"text\": \"ok\", \"title\": \"a\\uFFFEb\"}\n");
	read_one(&r, 0, at("nonchar.jsonl"));
	CHECK(r.n == 0);
	expect_error(&r, NKG_ERR_UTF8, at("nonchar.jsonl"), 1, 0, "\"title\" holds U+FFFE or U+FFFF");
	run_free(&r);

	/* A CR alone ends the title line too (old Mac files). */
	puts0("cr.txt", "\r  first\rsecond\r");
	read_one(&r, 0, at("cr.txt"));
	CHECK(r.n == 1 && r.n && strcmp(r.a[0]->title, "first") == 0);
	CHECK(r.n == 1 && r.n && strcmp(r.a[0]->text, "\r  first\rsecond\r") == 0);
	run_free(&r);

	/* A byte order mark is dropped; error offsets still count file bytes. */
	puts0("bom.txt", "\xEF\xBB\xBFtitle\nbody");
	read_one(&r, 0, at("bom.txt"));
	CHECK(r.n == 1 && r.n && strcmp(r.a[0]->text, "title\nbody") == 0);
	run_free(&r);
	puts0("bombad.txt", "\xEF\xBB\xBFti\xFFtle");
	read_one(&r, 0, at("bombad.txt"));
	CHECK(r.n == 0);
	expect_error(&r, NKG_ERR_UTF8, at("bombad.txt"), 0, 5, "invalid UTF-8");
	run_free(&r);
}

static void test_bad_text_files(void)
{
	static const char *const names[6] = {
		"utf8.txt", "empty.txt", "nul.txt", "missing.txt", "blank.txt", "after.txt"};
	char store[6][600];
	const char *paths[6];
	size_t i;
	run r;

	puts0("utf8.txt", "good start \xE2\x82 broken");
	put("empty.txt", "", 0);
	puts0("blank.txt", " \n\t\xC2\xA0\r\n");
	put("nul.txt", "abc\0def", 7);
	puts0("after.txt", ARABIC);

	read_one(&r, 0, at("utf8.txt"));
	expect_error(&r, NKG_ERR_UTF8, at("utf8.txt"), 0, 11, "0xE2");
	run_free(&r);
	read_one(&r, 0, at("empty.txt"));
	expect_error(&r, NKG_ERR_EMPTY, at("empty.txt"), 0, NKG_NO_OFFSET, "empty");
	run_free(&r);
	read_one(&r, 0, at("blank.txt"));
	expect_error(&r, NKG_ERR_EMPTY, at("blank.txt"), 0, NKG_NO_OFFSET, "white space");
	run_free(&r);
	read_one(&r, 0, at("nul.txt"));
	expect_error(&r, NKG_ERR_BINARY, at("nul.txt"), 0, 3, "NUL");
	run_free(&r);
	read_one(&r, 0, at("missing.txt"));
	expect_error(&r, NKG_ERR_IO, at("missing.txt"), 0, NKG_NO_OFFSET, "No such file");
	run_free(&r);
	read_one(&r, 10, at("after.txt"));
	expect_error(&r, NKG_ERR_TOO_BIG, at("after.txt"), 0, NKG_NO_OFFSET, "limit of 10 bytes");
	run_free(&r);

	/* All of them in one run: each reported once, the good one still read. */
	for (i = 0; i < 6; i++) {
		snprintf(store[i], sizeof store[i], "%s", at(names[i]));
		paths[i] = store[i];
	}
	read_all(&r, 0, paths, 6);
	CHECK(r.n == 1 && r.log.n == 5 && r.errors == 5);
	CHECK(r.n == 1 && strcmp(r.a[0]->id, "after") == 0);
	run_free(&r);
}

static void test_directory(void)
{
	run r;
	char dir[600];

	snprintf(dir, sizeof dir, "%s", at("tree"));
	mkdir(dir, 0700);
	mkdir(at("tree/sub"), 0700);
	mkdir(at("tree/.git"), 0700);
	mkdir(at("tree/sub-x"), 0700);
	puts0("tree/b.txt", "b title\nb text");
	puts0("tree/sub/c.txt", "c text");
	puts0("tree/sub-x/d.txt", "d text");
	puts0("tree/a.jsonl", "{\"id\":\"j1\",\"text\":\"one\"}\n\n{\"text\":\"two\",\"url\":\"http://example.org/2\"}\n");
	puts0("tree/.hidden.txt", "hidden");
	puts0("tree/.git/x.txt", "hidden too");
	puts0("tree/notes.md", "not an article");
	read_one(&r, 0, dir);
	CHECK(r.log.n == 0);
	CHECK(r.n == 5);
	if (r.n == 5) {
		/* Byte order of whole paths: "sub-x/" ('-' 0x2D) before "sub/" ('/' 0x2F). */
		CHECK_STR(r.a[0]->id, "j1");
		CHECK(r.a[0]->line == 1);
		CHECK_STR(r.a[1]->id, "a-3");
		CHECK(r.a[1]->line == 3);
		CHECK_STR(r.a[1]->url, "http://example.org/2");
		CHECK_STR(r.a[1]->path, at("tree/a.jsonl"));
		CHECK_STR(r.a[2]->id, "b");
		CHECK_STR(r.a[2]->title, "b title");
		CHECK_STR(r.a[3]->id, "d");
		CHECK_STR(r.a[4]->id, "c");
		CHECK_STR(r.a[4]->path, at("tree/sub/c.txt"));
	}
	run_free(&r);

	mkdir(at("void"), 0700);
	puts0("void/readme.md", "nothing to read");
	read_one(&r, 0, at("void"));
	expect_error(&r, NKG_ERR_EMPTY, at("void"), 0, NKG_NO_OFFSET, "no *.txt");
	run_free(&r);
}

static void test_json_escapes(void)
{
	run r;
	static const char line[] =
		"{\"extra\": {\"a\": [1, 2.5e-3, {\"b\": null}, [[]], \"\\u0000 skipped\"]},"
		" \"id\": 42, \"n\": -0.5E+2, \"t\": true, \"f\": false,"
		" \"title\": \"\\u0627\\u062a\\u0647\\u0627\\u0645\","
		" \"date\": \"2024-05-01\", \"url\": null,"
		" \"text\": \"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t \\u0631 \\ud83d\\ude00 \\uD83D\\uDE00 " ARABIC "\"}\r\n";
	static const char want[] = "q\"b\\s/\b\f\n\r\t \xD8\xB1 \xF0\x9F\x98\x80 \xF0\x9F\x98\x80 " ARABIC;

	puts0("esc.jsonl", line);
	read_one(&r, 0, at("esc.jsonl"));
	CHECK(r.log.n == 0 && r.n == 1);
	if (r.log.n)
		fprintf(stderr, "  error: %s\n", r.log.v[0].message);
	if (r.n == 1) {
		CHECK_STR(r.a[0]->id, "42");
		CHECK_STR(r.a[0]->title, "\xD8\xA7\xD8\xAA\xD9\x87\xD8\xA7\xD9\x85");
		CHECK_STR(r.a[0]->date, "2024-05-01");
		CHECK(r.a[0]->url == NULL);
		CHECK(r.a[0]->text_len == sizeof want - 1);
		CHECK_STR(r.a[0]->text, want);
	}
	run_free(&r);
}

/* A JSON Lines file where every other line is bad in its own way. */
static void test_json_errors(void)
{
	static const struct {
		const char *line;
		nkg_status status;
		size_t offset; /* within the line */
		const char *msg;
	} bad[] = {
		{"{\"text\": \"abc", NKG_ERR_JSON, 9, "unterminated string"},
		{"{\"title\": \"x\"}", NKG_ERR_JSON, 13, "missing \"text\""},
		{"{\"text\": 5}", NKG_ERR_JSON, 9, "\"text\" is not a string"},
		{"{\"text\": null}", NKG_ERR_JSON, 9, "\"text\" is not a string"},
		{"{\"text\": \"a\\u00\"}", NKG_ERR_JSON, 11, "invalid \\u escape"},
		{"{\"text\": \"a\\u0000b\"}", NKG_ERR_BINARY, 11, "\\u0000 in text"},
		{"{\"text\": \"a\\ud83d b\"}", NKG_ERR_JSON, 11, "surrogate"},
		{"{\"text\": \"a\\ude00\"}", NKG_ERR_JSON, 11, "surrogate"},
		{"{\"text\": \"a\\x\"}", NKG_ERR_JSON, 11, "invalid escape"},
		{"{\"text\": \"a\xFF\"}", NKG_ERR_UTF8, 11, "invalid UTF-8"},
		{"{\"text\": \"a\tb\"}", NKG_ERR_JSON, 11, "control character"},
		{"{\"text\": \"a\"} x", NKG_ERR_JSON, 14, "after the record"},
		{"{\"text\": \"a\",}", NKG_ERR_JSON, 13, "key string"},
		{"{\"text\" \"a\"}", NKG_ERR_JSON, 8, "':'"},
		{"{\"text\": \"a\" \"b\": 1}", NKG_ERR_JSON, 13, "',' or '}'"},
		{"{\"text\": \"a\", \"x\": [1 2]}", NKG_ERR_JSON, 22, "',' or ']'"},
		{"{\"text\": \"a\", \"x\": 01}", NKG_ERR_JSON, 20, "',' or '}'"},
		{"{\"text\": \"a\", \"x\": tru}", NKG_ERR_JSON, 19, "invalid value"},
		{"{\"text\": \"a\", \"text\": \"b\"}", NKG_ERR_JSON, 22, "duplicate \"text\""},
		{"{\"id\": [1], \"text\": \"a\"}", NKG_ERR_JSON, 7, "\"id\" is not a string or a number"},
		{"{\"text\": \"  \\n \"}", NKG_ERR_EMPTY, 0, "\"text\" is empty"},
		{"[\"text\"]", NKG_ERR_JSON, 0, "not a JSON object"},
		{"{\"text\": \"a\"", NKG_ERR_JSON, 12, "unexpected end of line"},
	};
	const size_t n_bad = sizeof bad / sizeof bad[0];
	char *buf = malloc(8192);
	size_t len = 0, i, off[32];
	run r;

	/* good, bad, good, bad, ... good: line 2k+1 good, line 2k+2 bad[k]. */
	for (i = 0; i < n_bad; i++) {
		len += (size_t)sprintf(buf + len, "{\"id\": \"g%zu\", \"text\": \"good %zu\"}\n", i, i);
		off[i] = len;
		len += (size_t)sprintf(buf + len, "%s\n", bad[i].line);
	}
	len += (size_t)sprintf(buf + len, "{\"text\": \"last\"}"); /* no final newline */
	put("bad.jsonl", buf, len);
	free(buf);

	read_one(&r, 0, at("bad.jsonl"));
	CHECK(r.n == n_bad + 1);
	CHECK(r.log.n == n_bad);
	for (i = 0; i < n_bad && i < r.log.n; i++) {
		const seen_error *e = &r.log.v[i];
		int ok = e->status == bad[i].status && e->line == 2 * i + 2 &&
		         e->offset == off[i] + bad[i].offset && strstr(e->message, bad[i].msg) &&
		         strcmp(e->file, at("bad.jsonl")) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  case %zu (%s): status %d line %zu offset %zu (want %zu): %s\n",
			        i, bad[i].line, (int)e->status, e->line, e->offset - off[i],
			        bad[i].offset, e->message);
	}
	for (i = 0; i < n_bad && i < r.n; i++) {
		char want[32];
		snprintf(want, sizeof want, "g%zu", i);
		CHECK_STR(r.a[i]->id, want);
		CHECK(r.a[i]->line == 2 * i + 1);
	}
	if (r.n == n_bad + 1) {
		CHECK_STR(r.a[n_bad]->text, "last");
		CHECK_STR(r.a[n_bad]->id, "bad-47");
	}
	run_free(&r);
}

/* A "url" that cannot be an IRI is reported and dropped; the article is
 * still read (found by fuzz_extract: a url with a space made Turtle that
 * no parser reads). */
static void test_json_url(void)
{
	static const char *const bad[] = {
		"http://x/ y", "http://x/<y>", "http://x/\\\"q\\\"", "no-scheme", "/relative/path",
		"1http://x", "http://x/%zz", "http://x/{y}", "http://x/\\u0001", "http://x/a`b",
	};
	char buf[4096];
	size_t len = 0, i, n = sizeof bad / sizeof *bad;
	run r;

	for (i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "{\"id\": \"u%zu\", \"url\": \"%s\", \"text\": \"t\"}\n", i, bad[i]);
	len += (size_t)sprintf(buf + len, "{\"url\": \"urn:isbn:0451450523\", \"text\": \"t\"}\n"
	                                  "{\"url\": \"https://example.org/%%D8%%A7/\xd8\xa7?q=1#f\", \"text\": \"t\"}\n"
	                                  "{\"url\": \"\", \"text\": \"t\"}\n");
	put("url.jsonl", buf, len);
	read_one(&r, 0, at("url.jsonl"));
	CHECK(r.n == n + 3 && r.log.n == n);
	for (i = 0; i < r.log.n; i++) {
		CHECK(r.log.v[i].status == NKG_ERR_JSON && r.log.v[i].line == i + 1);
		CHECK(strstr(r.log.v[i].message, "\"url\" is not an absolute IRI") != NULL);
	}
	for (i = 0; i < n && i < r.n; i++)
		CHECK(r.a[i]->url == NULL);
	if (r.n == n + 3) {
		CHECK_STR(r.a[n]->url, "urn:isbn:0451450523");
		CHECK_STR(r.a[n + 1]->url, "https://example.org/%D8%A7/\xd8\xa7?q=1#f");
		CHECK(r.a[n + 2]->url == NULL || r.a[n + 2]->url[0] == 0); /* none, not an error */
	}
	run_free(&r);
}

/* Ids and urls too long to name an IRI librdf can store (64 KiB): an id
 * refuses its record, a url is dropped; the longest allowed pass. */
static void test_field_caps(void)
{
	size_t n = NKG_MAX_URL_BYTES + 200, len = 0;
	char *buf = malloc(4 * n), *big = malloc(n + 1);
	run r;

	memset(big, 'a', n);
	len += (size_t)sprintf(buf + len, "{\"id\": \"%.*s\", \"text\": \"t\"}\n", NKG_MAX_ID_BYTES, big);
	len += (size_t)sprintf(buf + len, "{\"id\": \"%.*s\", \"text\": \"t\"}\n", NKG_MAX_ID_BYTES + 1, big);
	len += (size_t)sprintf(buf + len, "{\"url\": \"http://x/%.*s\", \"text\": \"t\"}\n", NKG_MAX_URL_BYTES - 9, big);
	len += (size_t)sprintf(buf + len, "{\"url\": \"http://x/%.*s\", \"text\": \"t\"}\n", NKG_MAX_URL_BYTES - 8, big);
	put("caps.jsonl", buf, len);
	read_one(&r, 0, at("caps.jsonl"));
	CHECK(r.n == 3 && r.log.n == 2);
	if (r.n == 3 && r.log.n == 2) {
		CHECK(strlen(r.a[0]->id) == NKG_MAX_ID_BYTES);
		CHECK(r.log.v[0].status == NKG_ERR_TOO_BIG && r.log.v[0].line == 2);
		CHECK(strstr(r.log.v[0].message, "\"id\" of 4097 bytes, above the limit of 4096") != NULL);
		CHECK(r.a[1]->url && strlen(r.a[1]->url) == NKG_MAX_URL_BYTES);
		CHECK(r.log.v[1].status == NKG_ERR_TOO_BIG && r.log.v[1].line == 4);
		CHECK(r.a[2]->url == NULL);
	}
	run_free(&r);
	free(buf);
	free(big);
}

static void test_limits(void)
{
	run r;
	size_t big = (size_t)3 << 20, i;
	char *buf = malloc(big + 100);
	size_t len;

	/* A 3 MiB line: fine under the default limit, refused under 1000. */
	len = (size_t)sprintf(buf, "{\"text\": \"");
	for (i = 0; i < big; i++)
		buf[len++] = (char)('a' + i % 26);
	len += (size_t)sprintf(buf + len, "\"}\n{\"text\": \"short\"}\n");
	put("long.jsonl", buf, len);
	free(buf);
	read_one(&r, 0, at("long.jsonl"));
	CHECK(r.n == 2 && r.log.n == 0);
	CHECK(r.n == 2 && r.a[0]->text_len == big);
	run_free(&r);
	read_one(&r, 1000, at("long.jsonl"));
	expect_error(&r, NKG_ERR_TOO_BIG, at("long.jsonl"), 1, 0, "above the limit of 1000");
	CHECK(r.n == 1 && strcmp(r.a[0]->text, "short") == 0 && r.a[0]->line == 2);
	run_free(&r);

	/* Hostile nesting is refused, not recursed into until the stack ends;
	 * a too-long last line without a newline is still reported. */
	buf = malloc(300000);
	len = (size_t)sprintf(buf, "{\"x\": ");
	for (i = 0; i < 100000; i++)
		buf[len++] = '[';
	len += (size_t)sprintf(buf + len, "], \"text\": \"a\"}\n{\"text\": \"");
	for (i = 0; i < 5000; i++)
		buf[len++] = 'b';
	put("deep.jsonl", buf, len);
	free(buf);
	read_one(&r, 4096, at("deep.jsonl"));
	CHECK(r.n == 0 && r.log.n == 2);
	if (r.log.n == 2) {
		CHECK(r.log.v[0].status == NKG_ERR_TOO_BIG && r.log.v[0].line == 1);
		CHECK(r.log.v[1].status == NKG_ERR_TOO_BIG && r.log.v[1].line == 2);
	}
	run_free(&r);
	read_one(&r, 0, at("deep.jsonl"));
	CHECK(r.n == 0 && r.log.n == 2);
	if (r.log.n == 2) {
		CHECK(r.log.v[0].status == NKG_ERR_JSON && strstr(r.log.v[0].message, "nested"));
		CHECK(r.log.v[1].status == NKG_ERR_JSON && strstr(r.log.v[1].message, "unterminated"));
	}
	run_free(&r);

	/* Lines that fit in one read are held to the limit too (a fuzzer
	 * found 467-byte lines passing a limit of 64): the 29-byte line is
	 * refused under a limit of 20, the 13-byte one kept, the last one
	 * (no newline) refused. */
	puts0("short.jsonl", "{\"text\": \"twenty bytes more\"}\n{\"text\":\"ok\"}\n{\"text\": \"no newline\"}");
	read_one(&r, 20, at("short.jsonl"));
	CHECK(r.n == 1 && strcmp(r.a[0]->text, "ok") == 0);
	CHECK(r.log.n == 2);
	if (r.log.n == 2) {
		CHECK(r.log.v[0].status == NKG_ERR_TOO_BIG && r.log.v[0].line == 1 && r.log.v[0].offset == 0);
		CHECK(strstr(r.log.v[0].message, "line of 29 bytes, above the limit of 20") != NULL);
		CHECK(r.log.v[1].status == NKG_ERR_TOO_BIG && r.log.v[1].line == 3 && r.log.v[1].offset == 44);
	}
	run_free(&r);

	put("nothing.jsonl", "\n  \n", 4);
	read_one(&r, 0, at("nothing.jsonl"));
	expect_error(&r, NKG_ERR_EMPTY, at("nothing.jsonl"), 0, NKG_NO_OFFSET, "empty");
	run_free(&r);
}

static void test_stdin(void)
{
	run r;

	puts0("in.jsonl", "\xEF\xBB\xBF  {\"text\": \"from stdin\"}\n{\"text\": 1}\n");
	CHECK(freopen(at("in.jsonl"), "rb", stdin) != NULL);
	read_one(&r, 0, "-");
	CHECK(r.n == 1 && strcmp(r.a[0]->text, "from stdin") == 0);
	CHECK(r.n == 1 && strcmp(r.a[0]->id, "stdin-1") == 0 && strcmp(r.a[0]->path, "-") == 0);
	expect_error(&r, NKG_ERR_JSON, "-", 2, 37, "not a string");
	run_free(&r);

	puts0("in.txt", "\n  " ARABIC "\n{not json}\n");
	CHECK(freopen(at("in.txt"), "rb", stdin) != NULL);
	read_one(&r, 0, "-");
	CHECK(r.n == 1 && r.log.n == 0);
	if (r.n == 1) {
		CHECK_STR(r.a[0]->text, "\n  " ARABIC "\n{not json}\n");
		CHECK_STR(r.a[0]->id, "stdin");
		CHECK_STR(r.a[0]->title, ARABIC);
	}
	run_free(&r);
}

static void test_article_new(void)
{
	nkg_article *a = nkg_article_new(NULL, "http://x", NULL, NULL, "ab\0", 2, "p.txt", 0);

	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->id, "p.txt");
		CHECK_STR(a->url, "http://x");
		CHECK(a->title == NULL && a->text_len == 2 && strcmp(a->text, "ab") == 0);
	}
	nkg_article_free(a);
	nkg_article_free(NULL);
	CHECK(nkg_article_new("i", NULL, NULL, NULL, NULL, 0, "p", 0) == NULL);
	nkg_reader_free(NULL);
}

/* A file name is bytes, but the id and path become literals: bytes that
 * are not UTF-8 come out as U+FFFD, the file still read by its real name. */
static void test_file_name_not_utf8(void)
{
	run r;
	char want[600];

	puts0("caf\xE9.txt", ARABIC);
	puts0("b\xEF\xBF\xBF.jsonl", "{\"text\":\"" ARABIC "\"}\n");
	read_one(&r, 0, at("caf\xE9.txt"));
	CHECK(r.n == 1 && r.log.n == 0);
	if (r.n == 1) {
		CHECK_STR(r.a[0]->id, "caf\xEF\xBF\xBD");
		snprintf(want, sizeof want, "%s/caf\xEF\xBF\xBD.txt", tmp);
		CHECK_STR(r.a[0]->path, want);
		CHECK(nkg_article_check(r.a[0], NULL, NULL) == NKG_SUCCESS);
	}
	run_free(&r);
	read_one(&r, 0, at("b\xEF\xBF\xBF.jsonl"));
	CHECK(r.n == 1 && r.log.n == 0);
	if (r.n == 1) {
		CHECK_STR(r.a[0]->id, "b\xEF\xBF\xBD-1");
		CHECK(nkg_article_check(r.a[0], NULL, NULL) == NKG_SUCCESS);
	}
	run_free(&r);
}

/* What the reader refuses, nkg_article_check refuses in an article built
 * by hand, naming the field and the first bad byte. */
static void test_article_check(void)
{
	static const struct {
		const char *id, *title, *text;
		size_t text_len;
		nkg_status st;
		const char *field;
		size_t offset;
	} cases[] = {
		{"a", NULL, ARABIC, sizeof ARABIC - 1, NKG_SUCCESS, NULL, NKG_NO_OFFSET},
		{"a", NULL, "ab\xC0\xAF", 4, NKG_ERR_UTF8, "text", 2},      /* overlong '/' */
		{"a", NULL, "ab\0c", 4, NKG_ERR_BINARY, "text", 2},
		{"a", NULL, "x\xEF\xBF\xBEy", 5, NKG_ERR_UTF8, "text", 1},  /* U+FFFE */
		{"a", "t\xEF\xBF\xBF", "x", 1, NKG_ERR_UTF8, "title", 1},  /* U+FFFF */
		{"\xFF", NULL, "x", 1, NKG_ERR_UTF8, "id", 0},
		{"a", NULL, "x\xEF\xBF\xBD", 4, NKG_SUCCESS, NULL, NKG_NO_OFFSET}, /* U+FFFD is text */
	};
	const char *field;
	size_t i, off;
	nkg_article *a;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		a = nkg_article_new(cases[i].id, NULL, cases[i].title, NULL, cases[i].text,
		                    cases[i].text_len, "p", 0);
		CHECK(a != NULL);
		if (!a)
			continue;
		field = "unset";
		off = 0;
		CHECK(nkg_article_check(a, &field, &off) == cases[i].st);
		CHECK(off == cases[i].offset);
		if (cases[i].field)
			CHECK_STR(field, cases[i].field);
		else
			CHECK(field == NULL);
		nkg_article_free(a);
	}
	CHECK(nkg_article_check(NULL, NULL, NULL) == NKG_ERR_ARG);
}

/* nkg_extractor_add refuses such an article with one report naming the
 * field and byte, and goes on with the next. */
static void test_extractor_refuses(void)
{
	error_log log;
	nkg_world *w;
	nkg_lexicon *lex;
	nkg_extractor *x;
	nkg_article *bad, *good;

	memset(&log, 0, sizeof log);
	w = nkg_world_new(on_error, &log);
	lex = nkg_lexicon_new(w);
	CHECK(lex && nkg_lexicon_load_default(lex) == NKG_SUCCESS);
	x = nkg_extractor_new(w, lex, NULL);
	bad = nkg_article_new("a", NULL, "t\xEF\xBF\xBF", NULL, ARABIC, sizeof ARABIC - 1, "p.jsonl", 3);
	good = nkg_article_new("b", NULL, NULL, NULL, ARABIC, sizeof ARABIC - 1, "p.jsonl", 4);
	CHECK(x && bad && good);
	if (x && bad && good) {
		CHECK(nkg_extractor_add(x, bad) == NKG_ERR_UTF8);
		CHECK(log.n == 1);
		CHECK_STR(log.v[0].file, "p.jsonl");
		CHECK(log.v[0].line == 3 && log.v[0].offset == NKG_NO_OFFSET);
		CHECK(strstr(log.v[0].message, "its title holds U+FFFF, a noncharacter at byte 1") != NULL);
		CHECK(nkg_extractor_add(x, good) == NKG_SUCCESS);
		CHECK(log.n == 1 && nkg_extractor_stats(x).articles == 1 && nkg_extractor_stats(x).errors == 1);
	}
	nkg_article_free(bad);
	nkg_article_free(good);
	nkg_extractor_free(x);
	nkg_lexicon_free(lex);
	nkg_world_free(w);
}

/* A url in a vocabulary newskg writes is no address, also in an article
 * made by hand: the article is named by its id. */
static void test_url_in_a_vocabulary(void)
{
	nkg_world *w = nkg_world_new(NULL, NULL);
	nkg_lexicon *lex = nkg_lexicon_new(w);
	nkg_extractor *x;
	nkg_article *a = nkg_article_new("h1", "http://www.w3.org/1999/02/22-rdf-syntax-ns#_h",
	                                 NULL, NULL, ARABIC, sizeof ARABIC - 1, "p", 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	CHECK(lex && nkg_lexicon_load_default(lex) == NKG_SUCCESS);
	x = nkg_extractor_new(w, lex, NULL);
	CHECK(x && a && out);
	if (x && a && out) {
		CHECK(nkg_extractor_add(x, a) == NKG_SUCCESS);
		CHECK(nkg_extractor_write(x, "ntriples", out) == NKG_SUCCESS);
		fclose(out);
		out = NULL;
		CHECK(buf && strstr(buf, "<" NKG_DEFAULT_BASE "article/h1>") != NULL);
		CHECK(buf && strstr(buf, "22-rdf-syntax-ns#_h") == NULL);
	}
	if (out)
		fclose(out);
	free(buf);
	nkg_article_free(a);
	nkg_extractor_free(x);
	nkg_lexicon_free(lex);
	nkg_world_free(w);
}

int main(void)
{
	snprintf(tmp, sizeof tmp, "%s", "/tmp/nkg-test-reader-XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	test_text_file();
	test_bad_text_files();
	test_directory();
	test_json_escapes();
	test_json_errors();
	test_json_url();
	test_field_caps();
	test_limits();
	test_stdin();
	test_article_new();
	test_file_name_not_utf8();
	test_article_check();
	test_extractor_refuses();
	test_url_in_a_vocabulary();
	rmtree(tmp);
	return nkg_test_finish();
}
