/* Internal: text as the rules see it — sentences of tokens, each token
 * carrying its normalised form for matching and its span in the original
 * article (code points and bytes), so every fact can point back at the text
 * exactly as read. */
#ifndef NKG_TEXT_H
#define NKG_TEXT_H

#include <stddef.h>

#include "doc.h"
#include "newskg/status.h"

enum {
	NKG_TOK_WORD = 1u << 0,  /* letters (Arabic or Latin) */
	NKG_TOK_NUM = 1u << 1,   /* digits, Arabic-Indic included */
	NKG_TOK_PUNCT = 1u << 2, /* anything else but spaces */
	NKG_TOK_LATIN = 1u << 3  /* contains a Latin letter */
};

/* A growable byte buffer: s[0..len) used of cap (owned). */
typedef struct {
	char *s;
	size_t len, cap;
} nkg_strbuf;

typedef struct {
	size_t begin, end;           /* code points into the article */
	size_t byte_begin, byte_end; /* bytes into the article */
	char *norm;                  /* normalised form (UTF-8, in the text's norm_buf) */
	size_t norm_len;             /* its length in bytes */
	size_t norm_chars;           /* and in code points */
	unsigned flags;
	unsigned char norm_spaced;   /* norm holds a space (NFKC gives some) */
} nkg_token;

typedef struct {
	nkg_token *tokens;
	size_t n_tokens;
	nkg_sentence *sentences;
	size_t *sent_tok;            /* sentence i = tokens [sent_tok[i], sent_tok[i+1]) */
	size_t n_sentences;
	char *norm_buf;              /* every token's norm, one after another (owned) */
	/* room in tokens, norm_buf, and both sentences and sent_tok: what
	 * nkg_text_recycle hands back for the next article to fill */
	size_t tokens_cap, norm_cap, sent_cap;
} nkg_text;

typedef struct nkg_segmenter nkg_segmenter;

/* ICU break iterators and normaliser, and scratch buffers that grow to
 * the largest article seen, reused across articles (not thread safe: one
 * per thread).  NULL on failure. */
nkg_segmenter *nkg_segmenter_new(void);
void nkg_segmenter_free(nkg_segmenter *seg);

/* Splits `utf8` (valid UTF-8, len bytes) into sentences and tokens.  Fills
 * *out; free with nkg_text_clear, or give back with nkg_text_recycle. */
nkg_status nkg_segment(nkg_segmenter *seg, const char *utf8, size_t len,
                       nkg_text *out);

/* Splits a lexicon form into normalised tokens: *out gets an array of
 * owned strings (free each and the array).  Sentence breaks are ignored. */
nkg_status nkg_segment_form(nkg_segmenter *seg, const char *utf8,
                            char ***out, size_t *n_out);

void nkg_text_clear(nkg_text *text);

/* Same, but the arrays go to seg (same thread), for its next nkg_segment
 * to fill in place of allocating its own: an article's tokens, norms
 * and sentences cost no malloc and free once they have grown. */
void nkg_text_recycle(nkg_segmenter *seg, nkg_text *text);

/* Normalises one token given as UTF-16 (for matching only): NFKC with case
 * folding, tashkeel, tatweel and invisible format characters removed,
 * alef variants to ا, ى to ي, ة to ه, Persian kaf/yeh to Arabic,
 * Arabic-Indic digits to ASCII.  Returns a new UTF-8 string or NULL. */
char *nkg_normalize_utf16(nkg_segmenter *seg, const unsigned short *s, int len);

/* Same, appended to *out with its NUL (out->len counts the NUL): what
 * segmentation does for every token, with no allocation of its own once
 * the buffers have grown.  *n_bytes and *n_chars get the normalised
 * form's length in bytes (without the NUL) and in code points. */
nkg_status nkg_normalize_append(nkg_segmenter *seg, const unsigned short *s, int len,
                                nkg_strbuf *out, size_t *n_bytes, size_t *n_chars);

/* Same for a UTF-8 string (convenience for tests and the lexicon). */
char *nkg_normalize(nkg_segmenter *seg, const char *utf8);

/* A normalised token without its article ال, when what remains is still a
 * word (the token has five code points or more); else the token itself.
 * The lexicon keys forms and the matcher reads text with this one rule. */
const char *nkg_strip_article(const char *tok);

#endif
