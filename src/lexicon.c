/* The lexicon loader: Turtle files (ontology/lexicon/README.md) parsed with
 * raptor into entities, triggers and cue words, and every surface form
 * tokenised and normalised exactly as article text is, so matching is a
 * lookup of token sequences. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <redland.h>

#include "lexicon_impl.h"
#include "newskg/article.h"
#include "world_impl.h"

#define NKG "https://w3id.org/newskg/ontology#"
#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define RDFS_LABEL "http://www.w3.org/2000/01/rdf-schema#label"
#define SKOS_ALT "http://www.w3.org/2004/02/skos/core#altLabel"
#define OWL_SAMEAS "http://www.w3.org/2002/07/owl#sameAs"
#define WD_ENTITY "http://www.wikidata.org/entity/"

typedef struct {
	char *s, *p, *o, *lang;
	int s_blank; /* the subject is a blank node */
} triple;

typedef struct {
	triple *t;
	size_t n, cap;
	int failed;
} triples;

static const struct {
	const char *cls;
	nkg_kind kind;
} kinds[] = {
	{ NKG "State", NKG_KIND_STATE },
	{ NKG "Organization", NKG_KIND_ORGANIZATION },
	{ NKG "Company", NKG_KIND_COMPANY },
	{ NKG "GovernmentBody", NKG_KIND_GOVBODY },
	{ NKG "ThreatGroup", NKG_KIND_GROUP },
	{ NKG "Person", NKG_KIND_PERSON },
	{ NKG "Product", NKG_KIND_PRODUCT },
	{ NKG "Malware", NKG_KIND_MALWARE },
};

static const char *const cue_names[NKG_CUE_COUNT] = {
	"SpeechCue", "IncidentCue", "TargetCue", "HackerCue", "NamedAsCue",
	"LinkCue", "BodyCue", "CyberCue", "SourceCue", "ThatCue", "RelativeCue",
	"DirectCue", "ToCue", "FromCue", "InCue", "SkipCue", "PronounCue", "AuxCue",
	"CoAgentCue", "AgainstCue", "ResponsibilityCue", "AccusationNounCue",
	"ContrastCue", "AssailCue", "ByCue",
};

static const char *const frame_names[] = {
	"VerbFrame", "ParticipleFrame", "NounFrame", "PhraseFrame", "PassiveFrame",
};

static int cue_from_iri(const char *iri)
{
	int i;
	if (strncmp(iri, NKG, strlen(NKG)) != 0)
		return -1;
	for (i = 0; i < NKG_CUE_COUNT; i++)
		if (strcmp(iri + strlen(NKG), cue_names[i]) == 0)
			return i;
	return -1;
}

static int frame_from_iri(const char *iri)
{
	size_t i;
	if (strncmp(iri, NKG, strlen(NKG)) != 0)
		return -1;
	for (i = 0; i < sizeof frame_names / sizeof *frame_names; i++)
		if (strcmp(iri + strlen(NKG), frame_names[i]) == 0)
			return (int)i;
	return -1;
}

/* ---- entity and trigger records ---------------------------------------- */

static void entity_free(nkg_entity *e)
{
	size_t i;
	if (!e)
		return;
	free(e->iri);
	free(e->label_en);
	free(e->label_ar);
	for (i = 0; i < e->n_alt_en; i++)
		free(e->alt_en[i]);
	free(e->alt_en);
	free(e->qid);
	free(e->attack_id);
	free(e);
}

static void trigger_free(nkg_trigger *t)
{
	if (!t)
		return;
	free(t->iri);
	free(t->rule);
	free(t);
}

static void free_entity_cb(const char *k, void *v, void *ctx)
{
	(void)k;
	(void)ctx;
	entity_free(v);
}

static void free_trigger_cb(const char *k, void *v, void *ctx)
{
	(void)k;
	(void)ctx;
	trigger_free(v);
}

static void free_form_cb(const char *k, void *v, void *ctx)
{
	nkg_form *f = v;
	(void)k;
	(void)ctx;
	free(f->senses); /* the form is in a block (lex->form_blocks) */
}

nkg_lexicon *nkg_lexicon_new(nkg_world *world)
{
	nkg_lexicon *lex = calloc(1, sizeof *lex);
	if (!lex)
		return NULL;
	lex->world = world;
	lex->seg = nkg_segmenter_new();
	lex->entities = nkg_strmap_new();
	lex->triggers = nkg_strmap_new();
	lex->forms = nkg_strmap_new();
	/* the maps the matcher asks, once or more for every word of a text */
	lex->adjectives = nkg_strmap_new_wide();
	lex->index = nkg_keytab_new(sizeof(nkg_key_info));
	lex->adj_heads = nkg_strmap_new_wide();
	if (!lex->seg || !lex->entities || !lex->triggers || !lex->forms || !lex->adjectives ||
	    !lex->index || !lex->adj_heads) {
		nkg_lexicon_free(lex);
		return NULL;
	}
	return lex;
}

void nkg_lexicon_free(nkg_lexicon *lex)
{
	if (!lex)
		return;
	if (lex->entities) {
		nkg_strmap_each(lex->entities, free_entity_cb, NULL);
		nkg_strmap_free(lex->entities);
	}
	if (lex->triggers) {
		nkg_strmap_each(lex->triggers, free_trigger_cb, NULL);
		nkg_strmap_free(lex->triggers);
	}
	if (lex->forms) {
		nkg_strmap_each(lex->forms, free_form_cb, NULL);
		nkg_strmap_free(lex->forms);
	}
	if (lex->adjectives) {
		nkg_strmap_each(lex->adjectives, free_form_cb, NULL);
		nkg_strmap_free(lex->adjectives);
	}
	while (lex->form_blocks) {
		nkg_form_block *b = lex->form_blocks;
		lex->form_blocks = b->next;
		free(b);
	}
	nkg_keytab_free(lex->index);
	nkg_strmap_free(lex->adj_heads);
	nkg_segmenter_free(lex->seg);
	free(lex);
}

const nkg_entity *nkg_lexicon_entity(const nkg_lexicon *lex, const char *iri)
{
	return nkg_strmap_get(lex->entities, iri);
}

size_t nkg_lexicon_n_entries(const nkg_lexicon *lex)
{
	return nkg_strmap_size(lex->entities) + nkg_strmap_size(lex->triggers);
}

size_t nkg_lexicon_n_forms(const nkg_lexicon *lex)
{
	return lex->n_forms;
}

/* ---- parsing ------------------------------------------------------------- */

static char *term_string(raptor_term *t)
{
	const unsigned char *s = NULL;
	if (!t)
		return NULL;
	switch (t->type) {
	case RAPTOR_TERM_TYPE_URI: s = raptor_uri_as_string(t->value.uri); break;
	case RAPTOR_TERM_TYPE_LITERAL: s = t->value.literal.string; break;
	case RAPTOR_TERM_TYPE_BLANK: s = t->value.blank.string; break;
	default: break;
	}
	return s ? strdup((const char *)s) : NULL;
}

static void on_statement(void *user_data, raptor_statement *st)
{
	triples *ts = user_data;
	triple *t;

	if (ts->failed)
		return;
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 1024;
		triple *p = realloc(ts->t, cap * sizeof *p);
		if (!p) {
			ts->failed = 1;
			return;
		}
		ts->t = p;
		ts->cap = cap;
	}
	t = &ts->t[ts->n];
	memset(t, 0, sizeof *t);
	t->s = term_string(st->subject);
	t->p = term_string(st->predicate);
	t->o = term_string(st->object);
	t->s_blank = st->subject->type == RAPTOR_TERM_TYPE_BLANK;
	if (st->object->type == RAPTOR_TERM_TYPE_LITERAL && st->object->value.literal.language)
		t->lang = strdup((const char *)st->object->value.literal.language);
	if (!t->s || !t->p || !t->o) {
		free(t->s);
		free(t->p);
		free(t->o);
		free(t->lang);
		ts->failed = 1;
		return;
	}
	ts->n++;
}

static void triples_clear(triples *ts)
{
	size_t i;
	for (i = 0; i < ts->n; i++) {
		free(ts->t[i].s);
		free(ts->t[i].p);
		free(ts->t[i].o);
		free(ts->t[i].lang);
	}
	free(ts->t);
	memset(ts, 0, sizeof *ts);
}

/* ---- forms ----------------------------------------------------------------- */

/* Key of a tokenised form: tokens joined by spaces, the first without ال
 * (the matcher strips it from text tokens the same way). */
static char *form_key(char **tok, size_t n)
{
	size_t len = 1, i;
	char *key, *p;
	for (i = 0; i < n; i++)
		len += strlen(tok[i]) + 1;
	key = malloc(len);
	if (!key)
		return NULL;
	p = key;
	for (i = 0; i < n; i++) {
		const char *t = i == 0 ? nkg_strip_article(tok[i]) : tok[i];
		if (i)
			*p++ = ' ';
		strcpy(p, t);
		p += strlen(t);
	}
	*p = '\0';
	return key;
}

/* The index entry for key[0..len), created empty when missing. */
static nkg_key_info *key_info(nkg_lexicon *lex, char *key, size_t len)
{
	nkg_filter_add(lex->index_sigs, key, len);
	return nkg_keytab_put(lex->index, key, len);
}

/* Keeps what the matcher asks first of the entry for key[0..len) in its
 * slot of the index (nkg_key_user), so that it need not wait for the
 * entry itself. */
static void key_user(nkg_lexicon *lex, const char *key, size_t len, const nkg_key_info *info)
{
	unsigned tokens = info->form_tokens < NKG_KEY_USER_MANY ? info->form_tokens
	                                                        : NKG_KEY_USER_MANY;
	nkg_keytab_set_user(lex->index, key, len,
	                    (unsigned char)((info->continues ? 1u : 0u) | tokens << 1));
}

/* Records a new form under its key, and every part of the key that a
 * space follows as one that continues. */
static int index_form(nkg_lexicon *lex, char *key, const nkg_form *f)
{
	nkg_key_info *info;
	size_t p;
	for (p = 0; key[p]; p++)
		if (key[p] == ' ') {
			if (!(info = key_info(lex, key, p)))
				return -1;
			info->continues = 1;
			key_user(lex, key, p, info);
		}
	if (!(info = key_info(lex, key, p)))
		return -1;
	info->form = f;
	info->form_tokens = (unsigned)f->n_tokens;
	key_user(lex, key, p, info);
	return 0;
}

/* Records a new nisba key's signature, and the first and last words of a
 * two-word (or longer) one, so the matcher tries two words only where
 * both could be. */
static int index_adjective(nkg_lexicon *lex, char *key)
{
	char *sp = strchr(key, ' ');
	size_t len = strlen(key);
	int rc;
	nkg_sig_add_bits(lex->adj_sigs, NKG_SIG_SMALL_LOG2, key, len);
	if (len) {
		unsigned char last = (unsigned char)key[len - 1];
		lex->adj_last[last >> 3] |= (unsigned char)(1u << (last & 7));
	}
	if (!sp)
		return 0;
	lex->adj2_last[(unsigned char)key[len - 1] >> 3] |=
	    (unsigned char)(1u << ((unsigned char)key[len - 1] & 7));
	nkg_sig_add_bits(lex->tail_sigs, NKG_SIG_SMALL_LOG2, strrchr(key, ' ') + 1,
	                 strlen(strrchr(key, ' ') + 1));
	*sp = '\0';
	rc = nkg_strmap_put(lex->adj_heads, key, (void *)1);
	nkg_sig_add_bits(lex->head_sigs, NKG_SIG_SMALL_LOG2, key, (size_t)(sp - key));
	*sp = ' ';
	return rc;
}

/* A new zeroed form from the lexicon's blocks, or NULL. */
static nkg_form *form_new(nkg_lexicon *lex)
{
	nkg_form_block *b = lex->form_blocks;
	if (!b || b->n == NKG_FORM_BLOCK) {
		if (!(b = malloc(sizeof *b)))
			return NULL;
		b->next = lex->form_blocks;
		b->n = 0;
		lex->form_blocks = b;
	}
	memset(&b->forms[b->n], 0, sizeof b->forms[b->n]);
	return &b->forms[b->n++];
}

/* What a match of `f` names (nkg_form), from its senses in order: the
 * first entity sense, a trigger only before it, every cue. */
static void form_use(nkg_form *f)
{
	size_t i;
	f->entity = NULL;
	f->trigger = NULL;
	f->cues = 0;
	f->entity_sense = NKG_SENSE_NAME;
	f->entity_kind = 0;
	f->entity_part_of = 0;
	for (i = 0; i < f->n_senses; i++) {
		const nkg_sense *s = &f->senses[i];
		switch (s->kind) {
		case NKG_SENSE_NAME:
		case NKG_SENSE_CAPITAL:
		case NKG_SENSE_ADJECTIVE:
			if (f->entity)
				break;
			f->entity = s->entity;
			f->entity_sense = (unsigned char)s->kind;
			f->entity_kind = (unsigned char)s->entity->kind;
			f->entity_part_of = s->entity->part_of != NULL;
			break;
		case NKG_SENSE_TRIGGER:
			if (!f->entity && !f->trigger)
				f->trigger = s->trigger;
			break;
		case NKG_SENSE_CUE:
			f->cues |= 1u << s->cue;
			break;
		}
	}
}

/* Every form's use, again after each file: a later file may add senses
 * or change what an entity is. */
static void forms_use(nkg_lexicon *lex)
{
	nkg_form_block *b;
	size_t i;
	for (b = lex->form_blocks; b; b = b->next)
		for (i = 0; i < b->n; i++)
			form_use(&b->forms[i]);
}

static int add_sense(nkg_lexicon *lex, nkg_strmap *table, const char *surface,
                     const nkg_sense *sense)
{
	char **tok = NULL, *key = NULL;
	size_t n = 0, i;
	nkg_form *f;
	nkg_sense *s;
	int rc = -1;

	if (nkg_segment_form(lex->seg, surface, &tok, &n) != NKG_SUCCESS)
		return -1;
	if (n == 0) {
		rc = 0;
		goto done;
	}
	if (table == lex->adjectives) /* stems: no ال on any token */
		for (i = 1; i < n; i++) {
			const char *stem = nkg_strip_article(tok[i]);
			memmove(tok[i], stem, strlen(stem) + 1);
		}
	if (!(key = form_key(tok, n)))
		goto done;
	f = nkg_strmap_get(table, key);
	if (!f) {
		if (!(f = form_new(lex)))
			goto done;
		if (nkg_strmap_put(table, key, f) != 0) {
			lex->form_blocks->n--; /* f was the last one given */
			goto done;
		}
		f->n_tokens = n;
		lex->n_forms++;
		if ((table == lex->forms ? index_form(lex, key, f) : index_adjective(lex, key)) != 0)
			goto done;
	}
	for (i = 0; i < f->n_senses; i++)
		if (memcmp(&f->senses[i], sense, sizeof *sense) == 0)
			break;
	if (i == f->n_senses) {
		if (!(s = realloc(f->senses, (f->n_senses + 1) * sizeof *s)))
			goto done;
		f->senses = s;
		f->senses[f->n_senses++] = *sense;
	}
	if (n > lex->max_tokens)
		lex->max_tokens = n;
	rc = 0;
done:
	for (i = 0; i < n; i++)
		free(tok[i]);
	free(tok);
	free(key);
	return rc;
}

/* ---- building entries from triples ---------------------------------------- */

static int is(const triple *t, const char *pred)
{
	return strcmp(t->p, pred) == 0;
}

static int set_str(char **dst, const char *src)
{
	char *c = strdup(src);
	if (!c)
		return -1;
	free(*dst);
	*dst = c;
	return 0;
}

static int make_record(nkg_lexicon *lex, const triple *t, nkg_strmap *cues)
{
	size_t i;
	for (i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		nkg_entity *e;
		if (strcmp(t->o, kinds[i].cls) != 0)
			continue;
		if ((e = nkg_strmap_get(lex->entities, t->s))) {
			e->kind = kinds[i].kind;
			return 0;
		}
		if (!(e = calloc(1, sizeof *e)) || !(e->iri = strdup(t->s)) ||
		    nkg_strmap_put(lex->entities, t->s, e) != 0) {
			entity_free(e);
			return -1;
		}
		e->kind = kinds[i].kind;
		return 0;
	}
	if (strcmp(t->o, NKG "Trigger") == 0 && !nkg_strmap_get(lex->triggers, t->s)) {
		nkg_trigger *tr = calloc(1, sizeof *tr);
		if (!tr || !(tr->iri = strdup(t->s)) || nkg_strmap_put(lex->triggers, t->s, tr) != 0) {
			trigger_free(tr);
			return -1;
		}
		tr->requires = 0;
		return 0;
	}
	if (strcmp(t->o, NKG "Cue") == 0)
		return nkg_strmap_put(cues, t->s, (void *)(-1L)) == 0 ? 0 : -1;
	return 0;
}

static int add_alt(nkg_entity *e, const char *s)
{
	char **p = realloc(e->alt_en, (e->n_alt_en + 1) * sizeof *p);
	if (!p)
		return -1;
	e->alt_en = p;
	if (!(p[e->n_alt_en] = strdup(s)))
		return -1;
	e->n_alt_en++;
	return 0;
}

static int fill_entity(nkg_lexicon *lex, nkg_entity *e, const triple *t)
{
	if (is(t, RDFS_LABEL) && t->lang && strcmp(t->lang, "en") == 0)
		return e->label_en ? 0 : set_str(&e->label_en, t->o);
	if (is(t, RDFS_LABEL) && t->lang && strcmp(t->lang, "ar") == 0)
		return e->label_ar ? 0 : set_str(&e->label_ar, t->o);
	if (is(t, SKOS_ALT) && (!t->lang || strcmp(t->lang, "en") == 0))
		return add_alt(e, t->o);
	if (is(t, OWL_SAMEAS) && strncmp(t->o, WD_ENTITY, strlen(WD_ENTITY)) == 0)
		return set_str(&e->qid, t->o + strlen(WD_ENTITY));
	if (is(t, NKG "attackId"))
		return set_str(&e->attack_id, t->o);
	if (is(t, NKG "actsAlone") && strcmp(t->o, "true") == 0)
		e->flags |= NKG_ENT_ACTS_ALONE;
	if (is(t, NKG "partOf"))
		e->part_of = nkg_strmap_get(lex->entities, t->o);
	if (is(t, NKG "vendor"))
		e->vendor = nkg_strmap_get(lex->entities, t->o);
	return 0;
}

static int fill_trigger(nkg_trigger *tr, const triple *t)
{
	if (is(t, NKG "relation"))
		tr->relation = strcmp(t->o, NKG "denies") == 0 ? NKG_REL_DENY : NKG_REL_ACCUSE;
	else if (is(t, NKG "frame") && frame_from_iri(t->o) >= 0)
		tr->frame = (nkg_frame)frame_from_iri(t->o);
	else if (is(t, NKG "rule"))
		return set_str(&tr->rule, t->o);
	else if (is(t, NKG "requires") && cue_from_iri(t->o) >= 0)
		tr->requires |= 1u << cue_from_iri(t->o);
	return 0;
}

static int add_forms(nkg_lexicon *lex, const triple *t, nkg_strmap *cues)
{
	nkg_sense s;
	nkg_entity *e = nkg_strmap_get(lex->entities, t->s);
	nkg_trigger *tr = nkg_strmap_get(lex->triggers, t->s);
	long cue = (long)nkg_strmap_get(cues, t->s);
	int is_form = is(t, NKG "form") || (is(t, RDFS_LABEL) && t->lang && strcmp(t->lang, "ar") == 0);

	memset(&s, 0, sizeof s);
	if (e && is_form) {
		s.kind = NKG_SENSE_NAME;
		s.entity = e;
		return add_sense(lex, lex->forms, t->o, &s);
	}
	if (e && is(t, NKG "capitalForm")) {
		s.kind = NKG_SENSE_CAPITAL;
		s.entity = e;
		return add_sense(lex, lex->forms, t->o, &s);
	}
	if (e && is(t, NKG "adjectiveForm")) {
		s.kind = NKG_SENSE_ADJECTIVE;
		s.entity = e;
		return add_sense(lex, lex->adjectives, t->o, &s);
	}
	if (tr && is(t, NKG "form")) {
		s.kind = NKG_SENSE_TRIGGER;
		s.trigger = tr;
		return add_sense(lex, lex->forms, t->o, &s);
	}
	if (cue >= 0 && is(t, NKG "form")) {
		s.kind = NKG_SENSE_CUE;
		s.cue = (nkg_cue)cue;
		return add_sense(lex, lex->forms, t->o, &s);
	}
	return 0;
}

static int cue_type(nkg_strmap *cues, const triple *t)
{
	int c;
	if (!is(t, NKG "cueType") || !nkg_strmap_get(cues, t->s))
		return 0;
	c = cue_from_iri(t->o);
	return c < 0 ? -1 : nkg_strmap_put(cues, t->s, (void *)(long)c);
}

static void default_rule(nkg_trigger *tr)
{
	const char *hash;
	if (tr->rule)
		return;
	hash = strrchr(tr->iri, '#');
	if (!hash)
		hash = strrchr(tr->iri, '/');
	tr->rule = strdup(hash ? hash + 1 : tr->iri);
}

/* 1 when `cls` is a class of the entries build() makes: an actor kind or
 * nkg:Trigger. */
static int names_entry(const char *cls)
{
	size_t i;
	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(cls, kinds[i].cls) == 0)
			return 1;
	return strcmp(cls, NKG "Trigger") == 0;
}

/* What would make build() fail half-way, found before it changes the
 * lexicon, so that a file that fails leaves it as it was (lexicon.h):
 * text that is not UTF-8 (raptor passes it through; segmenting the form
 * would fail), a cue of an unknown type; and an entry without an IRI.  Reports the first; returns 0
 * when the file can be built. */
static int check_triples(nkg_lexicon *lex, const triples *ts, const char *name)
{
	nkg_strmap *cues = nkg_strmap_new();
	size_t i, off;
	int rc = cues ? 0 : -1;

	for (i = 0; rc == 0 && i < ts->n; i++) {
		const triple *t = &ts->t[i];
		if (nkg_utf8_check(t->s, strlen(t->s), &off) || nkg_utf8_check(t->p, strlen(t->p), &off) ||
		    nkg_utf8_check(t->o, strlen(t->o), &off)) {
			nkg_world_report(lex->world, NKG_ERR_LEXICON, name, 0, NKG_NO_OFFSET,
			                 "lexicon not loaded: a statement about <%.200s> is not valid UTF-8",
			                 t->s);
			rc = -1;
		} else if (is(t, RDF_TYPE) && strcmp(t->o, NKG "Cue") == 0) {
			rc = nkg_strmap_put(cues, t->s, (void *)1) == 0 ? 0 : -1;
		} else if (is(t, RDF_TYPE) && t->s_blank && names_entry(t->o)) {
			/* An actor's IRI names it in every graph, a trigger's its
			 * rule: a blank node's label is neither an IRI nor the same
			 * from one run to the next. */
			nkg_world_report(lex->world, NKG_ERR_LEXICON, name, 0, NKG_NO_OFFSET,
			                 "lexicon not loaded: an <%.200s> without an IRI (a blank node)", t->o);
			rc = -1;
		}
	}
	for (i = 0; rc == 0 && i < ts->n; i++) {
		const triple *t = &ts->t[i];
		if (is(t, NKG "cueType") && nkg_strmap_get(cues, t->s) && cue_from_iri(t->o) < 0) {
			nkg_world_report(lex->world, NKG_ERR_LEXICON, name, 0, NKG_NO_OFFSET,
			                 "lexicon not loaded: unknown cue type <%.200s> for <%.200s>", t->o, t->s);
			rc = -1;
		}
	}
	nkg_strmap_free(cues);
	return rc;
}

static nkg_status build(nkg_lexicon *lex, const triples *ts, const char *name)
{
	nkg_strmap *cues = nkg_strmap_new();
	size_t i;
	int rc = cues ? 0 : -1;

	for (i = 0; rc == 0 && i < ts->n; i++)
		if (is(&ts->t[i], RDF_TYPE))
			rc = make_record(lex, &ts->t[i], cues);
	for (i = 0; rc == 0 && i < ts->n; i++) {
		const triple *t = &ts->t[i];
		nkg_entity *e = nkg_strmap_get(lex->entities, t->s);
		nkg_trigger *tr = nkg_strmap_get(lex->triggers, t->s);
		if (e)
			rc = fill_entity(lex, e, t);
		else if (tr)
			rc = fill_trigger(tr, t);
		else
			rc = cue_type(cues, t);
	}
	for (i = 0; rc == 0 && i < ts->n; i++)
		rc = add_forms(lex, &ts->t[i], cues);
	nkg_strmap_free(cues);
	/* check_triples has refused what the data can get wrong (an unknown
	 * cue type among them): what fails here is memory */
	if (rc)
		nkg_world_report(lex->world, NKG_ERR_LEXICON, name, 0, NKG_NO_OFFSET,
		                 "lexicon not loaded: out of memory while building it");
	return rc ? NKG_ERR_LEXICON : NKG_SUCCESS;
}

static void default_rule_cb(const char *k, void *v, void *ctx)
{
	(void)k;
	(void)ctx;
	default_rule(v);
}

static nkg_status parse(nkg_lexicon *lex, const char *name, const char *path,
                        const char *buf, size_t len)
{
	raptor_world *rw = librdf_world_get_raptor(lex->world->rdf);
	raptor_parser *parser = raptor_new_parser(rw, "turtle");
	raptor_uri *base = NULL;
	triples ts;
	int rc = -1;
	nkg_status st;

	memset(&ts, 0, sizeof ts);
	if (!parser)
		return NKG_ERR_RDF;
	raptor_parser_set_statement_handler(parser, &ts, on_statement);
	if (path) {
		base = raptor_new_uri_from_uri_or_file_string(rw, NULL, (const unsigned char *)path);
		if (base)
			rc = raptor_parser_parse_file(parser, base, base);
	} else {
		base = raptor_new_uri(rw, (const unsigned char *)"file:///lexicon");
		if (base && raptor_parser_parse_start(parser, base) == 0)
			rc = raptor_parser_parse_chunk(parser, (const unsigned char *)buf, len, 1);
	}
	if (base)
		raptor_free_uri(base);
	raptor_free_parser(parser);
	if (rc != 0 || ts.failed) {
		triples_clear(&ts);
		nkg_world_report(lex->world, NKG_ERR_LEXICON, name, 0, NKG_NO_OFFSET,
		                 "lexicon not loaded: Turtle could not be read");
		return NKG_ERR_LEXICON;
	}
	st = check_triples(lex, &ts, name) ? NKG_ERR_LEXICON : build(lex, &ts, name);
	nkg_strmap_each(lex->triggers, default_rule_cb, NULL);
	forms_use(lex);
	triples_clear(&ts);
	return st;
}

nkg_status nkg_lexicon_load_file(nkg_lexicon *lex, const char *path)
{
	FILE *f;
	if (!lex || !path)
		return NKG_ERR_ARG;
	/* raptor reports a missing file in its own words; say it plainly. */
	if (!(f = fopen(path, "rb"))) {
		nkg_world_report(lex->world, NKG_ERR_IO, path, 0, NKG_NO_OFFSET,
		                 "cannot open lexicon file");
		return NKG_ERR_IO;
	}
	fclose(f);
	return parse(lex, path, path, NULL, 0);
}

nkg_status nkg_lexicon_load_string(nkg_lexicon *lex, const char *turtle, size_t len,
                                   const char *name)
{
	if (!lex || !turtle)
		return NKG_ERR_ARG;
	return parse(lex, name ? name : "(string)", NULL, turtle, len);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

nkg_status nkg_lexicon_load_dir(nkg_lexicon *lex, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	nkg_status st = NKG_SUCCESS;

	if (!d) {
		nkg_world_report(lex->world, NKG_ERR_IO, dir, 0, NKG_NO_OFFSET,
		                 "cannot open lexicon directory");
		return NKG_ERR_IO;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char **p;
		if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".ttl") != 0)
			continue;
		if (!(p = realloc(names, (n + 1) * sizeof *p)) ||
		    !(p[n] = malloc(strlen(dir) + l + 2))) {
			names = p ? p : names;
			st = NKG_ERR_NOMEM;
			break;
		}
		names = p;
		sprintf(names[n++], "%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (!st)
		qsort(names, n, sizeof *names, cmp_str);
	for (i = 0; i < n; i++) {
		if (!st)
			st = nkg_lexicon_load_file(lex, names[i]);
		free(names[i]);
	}
	free(names);
	return st;
}

static int is_dir(const char *p)
{
	struct stat sb;
	return p && stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

const char *nkg_lexicon_default_dir(void)
{
	const char *env = getenv("NEWSKG_DATA_DIR");
	if (env && *env)
		return env; /* callers append "/lexicon" */
	if (is_dir(NKG_SOURCE_DATA_DIR "/lexicon"))
		return NKG_SOURCE_DATA_DIR;
	return NKG_INSTALL_DATA_DIR;
}

nkg_status nkg_lexicon_load_default(nkg_lexicon *lex)
{
	const char *dir = nkg_lexicon_default_dir();
	char *path = malloc(strlen(dir) + sizeof "/lexicon");
	nkg_status st;
	if (!path)
		return NKG_ERR_NOMEM;
	sprintf(path, "%s/lexicon", dir);
	st = nkg_lexicon_load_dir(lex, path);
	free(path);
	return st;
}
