/* Internal: a sentence as a sequence of items — the unit the rules read.
 * Chunking turns lexicon matches into items and builds the noun phrases
 * that name an actor in several words: a body with its state ("السفارة
 * الصينية في ويلينغتون"), a hacker group with its name ("مجموعة قراصنة
 * تعرف باسم …") or its sponsor ("قراصنة مرتبطين بالصين"). */
#ifndef NKG_CHUNK_H
#define NKG_CHUNK_H

#include "doc.h"
#include "lexicon_impl.h"
#include "match.h"
#include "text.h"

typedef enum {
	NKG_IT_WORD,    /* a token the lexicon does not know */
	NKG_IT_PUNCT,
	NKG_IT_ACTOR,   /* names an actor (possibly through a body or nisba) */
	NKG_IT_THING,   /* names a product or malware */
	NKG_IT_TRIGGER,
	NKG_IT_CUE
} nkg_item_type;

enum {
	NKG_ITF_ADJ = 1u << 0,     /* only a nisba: "الصينية" */
	NKG_ITF_CAPITAL = 1u << 1, /* a capital for its state */
	NKG_ITF_BODY = 1u << 2,    /* a body or official of the entity */
	NKG_ITF_HACKERS = 1u << 3, /* hackers named or linked to the entity */
	NKG_ITF_CONJ = 1u << 4,    /* first token carries و/ف */
	NKG_ITF_PREP = 1u << 5,    /* first token carries ب/ل/ك */
	NKG_ITF_QUOTED = 1u << 6   /* an unknown name taken from quotes or Latin */
};

typedef struct {
	nkg_item_type type;
	unsigned char kind;           /* ACTOR/THING: entity->kind, at hand
	                                 without reading the entity */
	size_t tb, te;                /* tokens [tb, te) */
	const nkg_entity *entity;     /* ACTOR/THING: as named */
	const nkg_entity *voice;      /* ACTOR with BODY: the body (lexicon or minted) */
	const nkg_trigger *trigger;   /* TRIGGER */
	unsigned cues;                /* CUE (and TRIGGER/WORD): 1u << nkg_cue */
	unsigned flags;               /* NKG_ITF_* */
} nkg_item;

/* Mints entities for names and voices the lexicon lacks; owned by the
 * article (doc->minted). */
typedef struct {
	nkg_doc *doc;
	const char *text;             /* article text, for surfaces */
} nkg_minter;

/* Frees what nkg_mint made for `doc` (not doc itself). */
void nkg_minted_free(nkg_doc *doc);

/* The entity for `surface` of `kind`, made once per article.  NULL when
 * out of memory. */
const nkg_entity *nkg_mint(nkg_minter *m, nkg_kind kind, const char *surface,
                           size_t len);

/* Items of tokens [tb, te) of `text` from `matches`, written to *items
 * (*n_out of them).  *items, of *cap items, is the caller's buffer, grown
 * here as needed: one per article serves all its sentences. */
nkg_status nkg_chunk(const nkg_text *text, size_t tb, size_t te,
                     const nkg_match *matches, size_t n_matches,
                     nkg_minter *minter, nkg_item **items, size_t *cap, size_t *n_out);

static inline int nkg_item_has(const nkg_item *it, nkg_cue c)
{
	return (it->cues >> c) & 1u;
}

/* strstr(set, tok->norm) != NULL, as the rules ask of punctuation: a set
 * of a few marks, a norm of a byte or two (never empty, no NUL in it:
 * norm_len is its strlen), so no library call. */
static inline int nkg_norm_in(const char *set, const nkg_token *tok)
{
	const char *w = tok->norm, *p;
	size_t n = tok->norm_len, k;
	for (p = set; *p; p++) {
		for (k = 0; k < n && p[k] == w[k]; k++)
			;
		if (k == n)
			return 1;
	}
	return n == 0;
}

#endif
