/* Internal: UTF-8 helpers shared by the reader, the JSON parser and the
 * article check.  nkg_utf8_check itself is public (article.h). */
#ifndef NKG_UTF8_H
#define NKG_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "newskg/status.h"

/* The UTF-8 byte order mark, which the reader strips from the start of a
 * file. */
#define NKG_UTF8_BOM "\xEF\xBB\xBF"
#define NKG_UTF8_BOM_LEN 3

/* Decodes the code point at s[0..len) into *cp.  Returns the number of
 * bytes it takes (1-4), or 0 when the bytes there are not a valid,
 * shortest-form scalar value (or len is 0). */
size_t nkg_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes `cp` (a Unicode scalar value, not a surrogate) as UTF-8 into out
 * and returns the number of bytes (1-4); 0 when `cp` cannot be encoded. */
size_t nkg_utf8_encode(uint32_t cp, char out[4]);

/* The offset of the first U+FFFE or U+FFFF in valid UTF-8 s[0..len), or
 * NKG_NO_OFFSET.  Both are valid UTF-8 but noncharacters: raptor 2.0.15
 * cuts every literal at them when it writes (any syntax) and refuses them
 * when it reads, even as \uFFFF escapes.  In scraped text they are debris
 * of a bad conversion, so newskg takes no text that holds them. */
size_t nkg_utf8_find_nonchar(const char *s, size_t len);

/* Whether s[0..len) is text newskg takes and writes: nkg_utf8_check's
 * rules (NKG_ERR_UTF8, NKG_ERR_BINARY), and no U+FFFE or U+FFFF
 * (NKG_ERR_UTF8 too; nkg_utf8_decode succeeds at *bad_offset only for
 * them).  The one definition the reader and nkg_article_check share. */
nkg_status nkg_utf8_check_text(const char *s, size_t len, size_t *bad_offset);

/* A malloc'ed, NUL-terminated copy of s[0..len) that is text: each byte
 * that is not part of valid UTF-8, and each U+FFFE or U+FFFF, becomes
 * U+FFFD.  For file names, which are bytes, not text, yet go into the
 * graph as literals.  NULL when out of memory. */
char *nkg_utf8_text_dup(const char *s, size_t len);

/* Number of code points in valid UTF-8 s[0..len): the unit NIF offsets
 * count in. */
size_t nkg_utf8_count(const char *s, size_t len);

/* Length in bytes of the white-space character at s[0..len) (ASCII
 * white space, no-break and other Unicode spaces, the invisible marks that
 * often pad Arabic text: LRM, RLM, ZWSP, ZWNJ, BOM), or 0 when s does not
 * start with one.  `s` must be valid UTF-8. */
size_t nkg_utf8_space_len(const char *s, size_t len);

/* 1 when valid UTF-8 s[0..len) holds nothing but white space. */
int nkg_utf8_is_blank(const char *s, size_t len);

#endif
