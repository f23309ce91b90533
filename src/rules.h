/* Internal: the relation rules and what they remember across sentences. */
#ifndef NKG_RULES_H
#define NKG_RULES_H

#include "chunk.h"
#include "doc.h"
#include "text.h"

#define NKG_MAX_GROUP 16

/* What earlier sentences leave for later ones: who spoke last, who was
 * blamed last, which company was named last ("الشركة"). */
typedef struct {
	const nkg_entity *agent, *voice;
	const nkg_entity *accused[NKG_MAX_GROUP];
	size_t n_accused;
	const nkg_entity *company;
	/* the last speaker named: who, and the tokens naming them, so that
	 * "وقال لو" can refer back to "المتحدث … لو قانغ" */
	const nkg_entity *speaker, *speaker_voice;
	size_t speaker_tb, speaker_te;
} nkg_discourse;

/* One sentence, chunked, with its place in the article. */
typedef struct {
	const nkg_text *text;
	const nkg_item *items;
	size_t n;
	size_t index;          /* sentence index in the article */
	nkg_doc *doc;          /* facts are appended here */
	nkg_discourse *dis;
	const nkg_entity *targets[NKG_MAX_GROUP]; /* filled by nkg_rules_targets */
	size_t n_targets;
	int incident;          /* the sentence mentions an incident */
	const nkg_entity *name; /* malware or operation named */
	int year;              /* a year the sentence gives (1990-2039), or 0;
	                          looked for only when it reports an incident */
	const nkg_entity *denier; /* who denies in this sentence, even if said before */
	const nkg_entity *denier_voice;
	/* what the items hold (nkg_rules_survey): a scan for a cue the
	 * sentence lacks is skipped */
	unsigned cues;         /* 1u << nkg_cue of every item */
	unsigned free_cues;    /* of the items that are not actors (cue_at) */
	unsigned types;        /* 1u << nkg_item_type of every item */
	unsigned actor_flags;  /* NKG_ITF_* of the actor items */
	const nkg_entity *company; /* the last company named, or NULL */
} nkg_sentence_ctx;

/* Fills what the items hold (cues to company) from s->items: call it once
 * the items are set, before the rules below. */
void nkg_rules_survey(nkg_sentence_ctx *s);

/* Accusations and denials of one sentence, appended to doc->facts (with
 * incident NKG_NONE; resolve.c links them).  Updates the discourse. */
nkg_status nkg_rules_relations(nkg_sentence_ctx *s);

/* What the sentence says was hit, and whether it reports an incident. */
void nkg_rules_targets(nkg_sentence_ctx *s);

#endif
