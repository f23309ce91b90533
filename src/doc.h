/* Internal: what analysis of one article produces, and what the graph stage
 * reads.  Every stage after segmentation works on these structures. */
#ifndef NKG_DOC_H
#define NKG_DOC_H

#include <stddef.h>

#define NKG_NONE ((size_t)-1)

typedef enum {
	NKG_KIND_STATE,
	NKG_KIND_ORGANIZATION, /* international organisation (EU, NATO, UN) */
	NKG_KIND_COMPANY,
	NKG_KIND_GOVBODY,      /* ministry, agency, embassy, presidency */
	NKG_KIND_GROUP,        /* threat group */
	NKG_KIND_PERSON,
	NKG_KIND_PRODUCT,      /* software or service that is hit */
	NKG_KIND_MALWARE,      /* named malware or operation */
	NKG_KIND_UNKNOWN_ACTOR /* a name the lexicon lacks, kept as said */
} nkg_kind;

/* An actor or thing: a lexicon entry, or minted by an article for a name
 * the lexicon lacks.  Strings are owned by whoever owns the entity. */
typedef struct nkg_entity {
	/* what the rules read, together at the start: they ask it of
	 * entities all over the heap, one cache line each */
	nkg_kind kind;
	unsigned flags;                   /* NKG_ENT_* */
	const struct nkg_entity *part_of; /* state of an agency, or NULL */
	const struct nkg_entity *vendor;  /* maker of a product, or NULL */
	char *iri;
	char *label_en;                  /* may be NULL */
	char *label_ar;                  /* may be NULL */
	char **alt_en;                   /* English aliases (threat groups) */
	size_t n_alt_en;
	char *qid;                       /* "Q148", or NULL */
	char *attack_id;                 /* "G0065", or NULL */
} nkg_entity;

/* An agency blamed for what it does (the MSS, the GRU) stays an actor of
 * its own when accused; other government bodies stand for their state. */
#define NKG_ENT_ACTS_ALONE 1u

/* Sentence: both code-point offsets (for NIF) and byte offsets (to cut the
 * evidence) into the article text as read. */
typedef struct {
	size_t begin, end;           /* code points */
	size_t byte_begin, byte_end; /* bytes */
} nkg_sentence;

typedef enum { NKG_FACT_ACCUSE, NKG_FACT_DENY } nkg_fact_kind;

typedef struct {
	nkg_fact_kind kind;
	const nkg_entity *agent;        /* the state or organisation speaking */
	const nkg_entity *accused;      /* NULL for a denial */
	const nkg_entity *spokesperson; /* who spoke for the agent, or NULL */
	size_t sentence;                /* index into doc->sentences */
	size_t incident;                /* index into doc->incidents, or NKG_NONE */
	const char *rule;               /* rule id; static or lexicon-owned */
} nkg_fact;

typedef struct {
	char *key;                      /* merge key across articles (owned) */
	const nkg_entity **targets;     /* owned array, borrowed entities */
	size_t n_targets;
	const nkg_entity *name;         /* malware/operation naming it, or NULL */
	int year;                       /* year given where it is mentioned, or 0 */
	size_t sentence;                /* first sentence that mentions it */
	char *iri;                      /* set when incidents are resolved (owned) */
	int shared;                     /* named by what it hit, so other
	                                   articles may report it too; 0 when
	                                   only this article can (set with iri) */
} nkg_incident;

typedef struct {
	const char *base;               /* instance namespace (borrowed from the extractor) */
	char *slug;                     /* unique in the run: names the article's instances */
	char *iri;                      /* article IRI: its url, else base "article/" slug */
	char *id, *url, *title, *date, *path; /* copies; url/title/date may be NULL */
	char *text;                     /* the article text as read (owned) */
	size_t text_len;
	nkg_sentence *sentences;
	size_t n_sentences;
	nkg_fact *facts;
	size_t n_facts;
	nkg_incident *incidents;
	size_t n_incidents;
	nkg_entity **minted;            /* entities this article made (in mint_blocks) */
	size_t n_minted;
	void *mint_blocks;              /* where they lie (nkg_mint; owned) */
	size_t mint_room;               /* bytes left in the newest block */
} nkg_doc;

#endif
