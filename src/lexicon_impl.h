/* Internal: the lexicon as the matcher and the rules use it. */
#ifndef NKG_LEXICON_IMPL_H
#define NKG_LEXICON_IMPL_H

#include "doc.h"
#include "newskg/lexicon.h"
#include "strmap.h"
#include "text.h"

typedef enum { NKG_REL_ACCUSE, NKG_REL_DENY } nkg_relation;

/* How a trigger finds its arguments (rules.c). */
typedef enum {
	NKG_FRAME_VERB,       /* finite verb: agent VSO/SVO, object after */
	NKG_FRAME_PARTICIPLE, /* circumstantial participle: agent = clause subject */
	NKG_FRAME_NOUN,       /* "the accusations that X directed at Y" */
	NKG_FRAME_PHRASE,     /* "baseless": agent = the speaker */
	NKG_FRAME_PASSIVE     /* "تم اتهام Y من قبل X": patient first */
} nkg_frame;

/* Word classes the rules look for; nkg:cueType in the lexicon. */
typedef enum {
	NKG_CUE_SPEECH,    /* قال، أكد، أضاف */
	NKG_CUE_INCIDENT,  /* هجوم، اختراق، قرصنة */
	NKG_CUE_TARGET,    /* استهدف، طال، على */
	NKG_CUE_HACKER,    /* قراصنة، مجموعة */
	NKG_CUE_NAMED_AS,  /* تعرف باسم، يطلق عليها اسم */
	NKG_CUE_LINK,      /* مرتبط ب، على صلة ب، وراء */
	NKG_CUE_BODY,      /* السلطات، السفارة، وزارة الخارجية، المتحدث باسم */
	NKG_CUE_CYBER,     /* إلكتروني، سيبراني */
	NKG_CUE_SOURCE,    /* وفقا ل، نقلا عن */
	NKG_CUE_THAT,      /* أن، إن، بأن */
	NKG_CUE_RELATIVE,  /* التي، الذي */
	NKG_CUE_DIRECT,    /* وجه (accusations "directed" by X) */
	NKG_CUE_TO,        /* إلى */
	NKG_CUE_FROM,      /* من */
	NKG_CUE_IN,        /* في */
	NKG_CUE_SKIP,      /* adverbs and days between a verb and its subject */
	NKG_CUE_PRONOUN,   /* فيه، إليها: the argument is the clause subject */
	NKG_CUE_AUX,       /* كان، قد: may stand between subject and verb */
	NKG_CUE_COAGENT,   /* مدعومة ب: the actors after it speak with the agent */
	NKG_CUE_TARGET_PREP, /* على، ضد after an incident word */
	NKG_CUE_RESPONSIBILITY, /* المسؤولية */
	NKG_CUE_ACCUSATION_NOUN, /* اتهامات, for "وجه اتهامات" */
	NKG_CUE_CONTRAST,  /* لكن، بينما: a new clause with its own subject */
	NKG_CUE_ASSAIL,    /* هاجم: a target only when hackers are the subject */
	NKG_CUE_BY,        /* من قبل: the agent of a passive */
	NKG_CUE_COUNT
} nkg_cue;

/* cue sets are bit masks of an unsigned */
typedef char nkg_cue_set_fits[NKG_CUE_COUNT <= 32 ? 1 : -1];

typedef struct {
	char *iri;
	nkg_relation relation;
	nkg_frame frame;
	char *rule;        /* rule id, e.g. "accuse.verb" */
	unsigned requires; /* bits 1u << nkg_cue: each must be in the sentence */
} nkg_trigger;

typedef enum {
	NKG_SENSE_NAME,      /* the entity's name */
	NKG_SENSE_CAPITAL,   /* a capital standing for its state */
	NKG_SENSE_ADJECTIVE, /* a nisba: "الصينية" */
	NKG_SENSE_TRIGGER,
	NKG_SENSE_CUE
} nkg_sense_kind;

typedef struct {
	nkg_sense_kind kind;
	const nkg_entity *entity;   /* NAME, CAPITAL, ADJECTIVE */
	const nkg_trigger *trigger; /* TRIGGER */
	nkg_cue cue;                /* CUE */
} nkg_sense;

/* All senses of one normalised form, and what a match of it names,
 * worked out once the lexicon is loaded so that the chunker reads one
 * record per match: going from form to senses to entity, each a block of
 * its own somewhere in the heap, was a chain of cache misses for every
 * match.  Forms lie side by side in blocks of the lexicon's own. */
typedef struct {
	const nkg_entity *entity;   /* of the first NAME, CAPITAL or ADJECTIVE
	                               sense, or NULL */
	const nkg_trigger *trigger; /* of the first TRIGGER sense, unless an
	                               entity sense comes before it; or NULL */
	unsigned cues;              /* 1u << nkg_cue of every CUE sense */
	unsigned char entity_sense; /* nkg_sense_kind of that entity sense */
	unsigned char entity_kind;  /* entity->kind */
	unsigned char entity_part_of; /* entity->part_of != NULL */
	size_t n_tokens;
	nkg_sense *senses;
	size_t n_senses;
} nkg_form;

/* A block of forms (nkg_lexicon.form_blocks): they never move, as the
 * index and the maps point at them. */
#define NKG_FORM_BLOCK 256
typedef struct nkg_form_block {
	struct nkg_form_block *next;
	size_t n;
	nkg_form forms[NKG_FORM_BLOCK];
} nkg_form_block;

/* What the matcher asks of a key of `forms` or of a part of one: is it a
 * form, and does some form go on from it?  A match stops growing as soon
 * as the text leaves every form. */
typedef struct {
	const nkg_form *form; /* the exact form with this key, or NULL */
	unsigned form_tokens; /* its n_tokens, here so a lookup need not
	                         read the form to see if it fits */
	int continues;        /* some key is this one followed by a space */
} nkg_key_info;

/* The byte the index keeps in a key's slot (nkg_keytab_set_user): bit 0
 * is `continues`, the bits above `form_tokens`, or NKG_KEY_USER_MANY
 * where that is as many or more (then ask the entry). */
#define NKG_KEY_USER_MANY 127u

/* Bit sets of key signatures: a key whose signature's bit is clear is
 * not in the map, so most words of a text are ruled out without building
 * or hashing a key.  The signature is the top bits of the key's head
 * hash (nkg_strmap_hash_head: its length, first and last four bytes,
 * which for Arabic letters are its first two and last two letters): the
 * first and last letters alone let through most common words, which
 * share them with some cue or name.  A lookup goes on from the same head
 * hash (nkg_strmap_hash_rest).
 *
 * The index's keys, thousands of them, are in a filter of two bits a
 * key, both in one 64-bit word that the head's top bits pick: nearly as
 * few words get through as through one bit in 16 KiB (the filter until
 * now), from 4 KiB, which a text's words find in the first-level cache
 * far more often.  A third bit let fewer through, for more work on
 * every word than the lookups it saved. */
#define NKG_FILTER_LOG2 9
typedef uint64_t nkg_key_filter[1u << NKG_FILTER_LOG2];

static inline uint64_t nkg_filter_bits(uint64_t head)
{
	return 1ULL << (head >> 49 & 63) | 1ULL << (head >> 43 & 63);
}

static inline int nkg_filter_has_head(const uint64_t *filter, uint64_t head)
{
	uint64_t bits = nkg_filter_bits(head);
	return (filter[head >> (64 - NKG_FILTER_LOG2)] & bits) == bits;
}

static inline void nkg_filter_add(uint64_t *filter, const char *s, size_t len)
{
	uint64_t head = nkg_strmap_hash_head(s, len);
	filter[head >> (64 - NKG_FILTER_LOG2)] |= nkg_filter_bits(head);
}

/* The nisba sets hold a few hundred keys at most, one bit a key: 4,096
 * bits rule out nearly as much as more, and 512 bytes stay in the
 * first-level cache (every set is read for every word). */
#define NKG_SIG_SMALL_LOG2 12
typedef unsigned char nkg_sig_small[(1u << NKG_SIG_SMALL_LOG2) / 8];

/* Bit `head`'s top log2 bits in `set`, one of 1 << log2 bits. */
static inline int nkg_sig_bit(const unsigned char *set, unsigned log2, uint64_t head)
{
	unsigned b = (unsigned)(head >> (64 - log2));
	return set[b >> 3] >> (b & 7) & 1;
}

static inline int nkg_sig_small_has_head(const unsigned char *set, uint64_t head)
{
	return nkg_sig_bit(set, NKG_SIG_SMALL_LOG2, head);
}

static inline void nkg_sig_add_bits(unsigned char *set, unsigned log2, const char *s,
                                    size_t len)
{
	unsigned b = (unsigned)(nkg_strmap_hash_head(s, len) >> (64 - log2));
	set[b >> 3] |= (unsigned char)(1u << (b & 7));
}

/* Built while loading and never changed by matching: one lexicon can be
 * shared, read-only, by many threads. */
struct nkg_lexicon {
	nkg_world *world;
	nkg_segmenter *seg;
	nkg_strmap *entities;   /* IRI -> nkg_entity* (owned) */
	nkg_strmap *triggers;   /* IRI -> nkg_trigger* (owned) */
	nkg_strmap *forms;      /* key -> nkg_form* (owned): exact forms */
	nkg_strmap *adjectives; /* key -> nkg_form* (owned): nisba stems */
	nkg_keytab *index;      /* key or key part before a space ->
	                           nkg_key_info, for `forms` */
	nkg_strmap *adj_heads;  /* part before the first space of every
	                           adjective key that has one (value unused) */
	nkg_key_filter index_sigs; /* of the keys of `index` */
	nkg_sig_small adj_sigs;   /* of `adjectives` */
	nkg_sig_small head_sigs;  /* of `adj_heads` */
	nkg_sig_small tail_sigs;  /* of the part after the last space of every
	                           adjective key that has one */
	unsigned char adj_last[32]; /* bit set of the last byte of every
	                               adjective key */
	unsigned char adj2_last[32]; /* and of every one with a space */
	nkg_form_block *form_blocks; /* every form of `forms` and
	                                `adjectives`, newest block first */
	size_t max_tokens;      /* longest form, in tokens */
	size_t n_forms;
};

/* The entity with this IRI, or NULL. */
const nkg_entity *nkg_lexicon_entity(const nkg_lexicon *lex, const char *iri);

#endif
