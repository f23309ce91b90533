/* Internal: the lexicon as the matcher and the rules use it. */
#ifndef NKG_LEXICON_IMPL_H
#define NKG_LEXICON_IMPL_H

#include <stdint.h>
#include <string.h>

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

/* All senses of one normalised form. */
typedef struct {
	size_t n_tokens;
	nkg_sense *senses;
	size_t n_senses;
} nkg_form;

/* What the matcher asks of a key of `forms` or of a part of one: is it a
 * form, and does some form go on from it?  A match stops growing as soon
 * as the text leaves every form. */
typedef struct {
	const nkg_form *form; /* the exact form with this key, or NULL */
	int continues;        /* some key is this one followed by a space */
} nkg_key_info;

/* Bit sets of key signatures: a key whose signature's bit is clear is
 * not in the map, so most words of a text are ruled out without building
 * or hashing a key.  The signature mixes the key's length and the low
 * bits of its second, fourth, third-last and last bytes, which for
 * Arabic letters (two bytes each) are its first two and last two
 * letters: the first and last letters alone let through most common
 * words, which share them with some cue or name. */
#define NKG_SIG_LOG2 17
#define NKG_SIG_BITS (1u << NKG_SIG_LOG2)
typedef unsigned char nkg_sig_set[NKG_SIG_BITS / 8];

/* Four bytes as one number in the machine's order, which picks which
 * bytes the signature takes: the sets are built and read in one process,
 * so any choice is the same for both. */
static inline uint32_t nkg_sig_load4(const char *s)
{
	uint32_t w;
	memcpy(&w, s, 4);
	return w;
}

static inline unsigned nkg_key_sig(const char *s, size_t len)
{
	uint64_t x;
	if (len < 4) /* no second letter or no room for the four bytes */
		x = len ? (unsigned)(unsigned char)s[len > 1] << 8 | (unsigned char)s[len - 1] : 0;
	else
		x = (nkg_sig_load4(s) & 0x3f003f00u) | (nkg_sig_load4(s + len - 4) & 0x3f003f00u) >> 6;
	x |= (uint64_t)len << 32;
	return (unsigned)((x * 0x9e3779b97f4a7c15ULL) >> (64 - NKG_SIG_LOG2));
}

static inline int nkg_sig_has(const unsigned char *set, const char *s, size_t len)
{
	unsigned b = nkg_key_sig(s, len);
	return set[b >> 3] >> (b & 7) & 1;
}

static inline void nkg_sig_add(unsigned char *set, const char *s, size_t len)
{
	unsigned b = nkg_key_sig(s, len);
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
	nkg_strmap *index;      /* key or key part before a space ->
	                           nkg_key_info* (owned), for `forms` */
	nkg_strmap *adj_heads;  /* part before the first space of every
	                           adjective key that has one (value unused) */
	nkg_sig_set index_sigs; /* of the keys of `index` */
	nkg_sig_set adj_sigs;   /* of `adjectives` */
	nkg_sig_set head_sigs;  /* of `adj_heads` */
	nkg_sig_set tail_sigs;  /* of the part after the last space of every
	                           adjective key that has one */
	unsigned char adj_last[32]; /* bit set of the last byte of every
	                               adjective key */
	unsigned char adj2_last[32]; /* and of every one with a space */
	size_t max_tokens;      /* longest form, in tokens */
	size_t n_forms;
};

/* The entity with this IRI, or NULL. */
const nkg_entity *nkg_lexicon_entity(const nkg_lexicon *lex, const char *iri);

#endif
