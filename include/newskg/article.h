/* newskg: articles and the reader that finds them.
 *
 * Inputs are plain text files (one article each, title on the first line),
 * JSON Lines files (one article per line: {"id","url","title","date","text"},
 * only "text" required), directories (searched recursively for *.txt and
 * *.jsonl, in byte order of their paths) and "-" for standard input (JSON
 * Lines when its first byte is '{', plain text otherwise).
 *
 * Every article is valid, non-empty UTF-8 text without NUL bytes.  A bad
 * input is reported through the world's error callback with file, line and
 * byte offset, counted in nkg_reader_errors(), and skipped. */
#ifndef NEWSKG_ARTICLE_H
#define NEWSKG_ARTICLE_H

#include "newskg/status.h"
#include "newskg/world.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	char  *id;       /* from JSON "id", else the file name without .txt; never NULL */
	char  *url;      /* JSON "url" (an absolute IRI: the reader reports and drops
	                    any other), or NULL */
	char  *title;    /* JSON "title", or the first line of a text file; may be NULL */
	char  *date;     /* JSON "date" as given, or NULL */
	char  *text;     /* the article as read (UTF-8, NUL-terminated); never NULL */
	size_t text_len; /* bytes in text */
	char  *path;     /* file it came from ("-" for stdin); never NULL */
	size_t line;     /* line in a JSON Lines file, 0 for a text file */
} nkg_article;

/* A new article with copies of the given strings (any may be NULL but
 * `text` and `path`); NULL when out of memory. */
nkg_article *nkg_article_new(const char *id, const char *url, const char *title,
                             const char *date, const char *text, size_t text_len,
                             const char *path, size_t line);

/* Frees an article and its strings; NULL is allowed. */
void nkg_article_free(nkg_article *article);

/* Whether `article` (borrowed) is text newskg can write: NKG_SUCCESS, or
 * NKG_ERR_UTF8 / NKG_ERR_BINARY when its text or a field is not valid
 * UTF-8, holds a NUL byte, or holds U+FFFE or U+FFFF (noncharacters that
 * RDF parsers refuse even escaped).  *field, when not NULL, gets the name
 * of the bad field ("text", "title", ...) and *offset its first bad byte.
 * The reader never returns such an article; nkg_extractor_add refuses one
 * built by hand. */
nkg_status nkg_article_check(const nkg_article *article, const char **field,
                             size_t *offset);

typedef struct nkg_reader nkg_reader;

/* The longest JSON "id" and "url" the reader takes, in bytes.  They name
 * the article's IRIs, and librdf cannot store an IRI of 64 KiB or more; a
 * longer id is reported and its record skipped, a longer url reported and
 * dropped (the article is then named by its id). */
#define NKG_MAX_ID_BYTES 4096
#define NKG_MAX_URL_BYTES 8192

/* Default for nkg_reader_set_max_bytes: 16 MiB per article. */
#define NKG_DEFAULT_MAX_ARTICLE_BYTES ((size_t)16 << 20)

/* A reader that reports through `world` (borrowed, must outlive it). */
nkg_reader *nkg_reader_new(const nkg_world *world);

/* Frees the reader; NULL is allowed. */
void nkg_reader_free(nkg_reader *reader);

/* Articles (or JSON lines) larger than `max` bytes are reported as
 * NKG_ERR_TOO_BIG and skipped, never cut. */
void nkg_reader_set_max_bytes(nkg_reader *reader, size_t max);

/* Queues an input: a file, a directory, or "-" for stdin.  `path` is
 * copied.  A path that does not exist is reported when it is reached. */
nkg_status nkg_reader_add(nkg_reader *reader, const char *path);

/* Reads the next good article into *out (the caller owns it and frees it
 * with nkg_article_free).  Returns NKG_SUCCESS, or NKG_END when every input
 * is done; bad inputs on the way are reported and skipped, never returned. */
nkg_status nkg_reader_next(nkg_reader *reader, nkg_article **out);

/* Expands every queued directory now and adds up the sizes of the queued
 * files, so that nkg_reader_bytes knows the total from the start (for a
 * progress bar).  Problems with the inputs are still reported when they
 * are reached, except an unreadable directory, reported now. */
nkg_status nkg_reader_scan(nkg_reader *reader);

/* Input bytes read so far, and the total size of the inputs when
 * nkg_reader_scan was called (0 otherwise, and for standard input). */
void nkg_reader_bytes(const nkg_reader *reader, unsigned long long *read,
                      unsigned long long *total);

/* How many bad inputs (files, lines or articles) were reported so far. */
size_t nkg_reader_errors(const nkg_reader *reader);

/* Checks that buf[0..len) is valid UTF-8 without NUL bytes.  Returns
 * NKG_SUCCESS, NKG_ERR_UTF8 or NKG_ERR_BINARY, with the byte offset of the
 * first bad byte in *bad_offset. */
nkg_status nkg_utf8_check(const char *buf, size_t len, size_t *bad_offset);

#ifdef __cplusplus
}
#endif
#endif
