/* The statements of one analysed article (doc.h) in a librdf model.
 *
 * Instance IRIs (B = doc->base, S = doc->slug, n counts per kind from 1 in
 * the order of doc->facts):
 *   B "accusation/" S "/" n      an nkg:Accusation statement node
 *   B "denial/" S "/" n          an nkg:Denial statement node
 *   B "incident/unspecified/" S  what a denial denies when it names neither
 *                                an accusation of the article nor an incident
 * The article is doc->iri, incidents are doc->incidents[k].iri, entities
 * their nkg_entity.iri.
 *
 * A hashes storage with contexts does not drop a statement added twice to
 * the same context (only the context-less add checks), so with a context
 * every statement goes through a per-call "seen" model first, preloaded
 * with what the article's graph already holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "graph.h"
#include "world_impl.h"

#define RDF_NS     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS_NS    "http://www.w3.org/2000/01/rdf-schema#"
#define OWL_NS     "http://www.w3.org/2002/07/owl#"
#define SKOS_NS    "http://www.w3.org/2004/02/skos/core#"
#define XSD_NS     "http://www.w3.org/2001/XMLSchema#"
#define PROV_NS    "http://www.w3.org/ns/prov#"
#define NIF_NS     "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define DCTERMS_NS "http://purl.org/dc/terms/"

#define RDF_TYPE   RDF_NS "type"
#define RDFS_LABEL RDFS_NS "label"

typedef struct {
	nkg_world *world;
	librdf_world *rdf;
	librdf_model *model;
	librdf_node *context;         /* owned; NULL without contexts */
	librdf_storage *seen_storage; /* owned; only with contexts */
	librdf_model *seen;           /* owned; statements added by this call */
	const nkg_doc *doc;
	librdf_node *article;         /* owned */
	nkg_status status;            /* first failure; later adds do nothing */
} emitter;

static void fail(emitter *e, nkg_status st, const char *what)
{
	if (e->status != NKG_SUCCESS)
		return;
	e->status = st;
	nkg_world_report(e->world, st, e->doc->path, 0, NKG_NO_OFFSET,
	                 "graph of %s: %s", e->doc->iri ? e->doc->iri : "?", what);
}

static librdf_node *iri_node(emitter *e, const char *iri)
{
	return librdf_new_node_from_uri_string(e->rdf, (const unsigned char *)iri);
}

/* Adds s p o; takes `s` and `o` (either may be NULL after a failed
 * constructor, which counts as out of memory). */
static void add(emitter *e, librdf_node *s, const char *p, librdf_node *o)
{
	librdf_node *pn = iri_node(e, p);
	librdf_statement *st;
	int rc;

	if (!s || !pn || !o || e->status != NKG_SUCCESS) {
		if (s) librdf_free_node(s);
		if (pn) librdf_free_node(pn);
		if (o) librdf_free_node(o);
		if (e->status == NKG_SUCCESS)
			fail(e, NKG_ERR_NOMEM, "out of memory");
		return;
	}
	st = librdf_new_statement_from_nodes(e->rdf, s, pn, o); /* takes nodes */
	if (!st) {
		fail(e, NKG_ERR_NOMEM, "out of memory");
		return;
	}
	if (e->seen) {
		if (librdf_model_contains_statement(e->seen, st)) {
			librdf_free_statement(st);
			return;
		}
		rc = librdf_model_add_statement(e->seen, st);
		if (!rc)
			rc = librdf_model_context_add_statement(e->model, e->context, st);
	} else {
		rc = librdf_model_add_statement(e->model, st);
	}
	librdf_free_statement(st); /* the model copied it */
	if (rc)
		fail(e, NKG_ERR_RDF, "cannot add a statement to the model");
}

/* Subject `s` is borrowed here and in the helpers below. */
static librdf_node *copy(librdf_node *s)
{
	return s ? librdf_new_node_from_node(s) : NULL;
}

static void add_iri(emitter *e, librdf_node *s, const char *p, const char *o)
{
	add(e, copy(s), p, iri_node(e, o));
}

static void add_lit(emitter *e, librdf_node *s, const char *p,
                    const char *text, const char *lang)
{
	add(e, copy(s), p, librdf_new_node_from_literal(
		e->rdf, (const unsigned char *)text, lang, 0));
}

static void add_typed(emitter *e, librdf_node *s, const char *p,
                      const char *text, const char *datatype)
{
	librdf_uri *dt = librdf_new_uri(e->rdf, (const unsigned char *)datatype);
	librdf_node *o = dt ? librdf_new_node_from_typed_literal(
		e->rdf, (const unsigned char *)text, NULL, dt) : NULL;
	if (dt)
		librdf_free_uri(dt); /* the node keeps its own reference */
	add(e, copy(s), p, o);
}

static void add_count(emitter *e, librdf_node *s, const char *p, size_t n)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lu", (unsigned long)n);
	add_typed(e, s, p, buf, XSD_NS "nonNegativeInteger");
}

static int is_iso_date(const char *d)
{
	static const char shape[] = "dddd-dd-dd";
	size_t i;
	for (i = 0; shape[i]; i++) {
		if (shape[i] == 'd' ? !(d[i] >= '0' && d[i] <= '9') : d[i] != '-')
			return 0;
	}
	return d[i] == '\0';
}

/* An xsd:date only when the date has that shape: a date as the source
 * wrote it ("23 May 2024") stays a plain literal rather than a bad one. */
static void add_date(emitter *e, librdf_node *s, const char *p)
{
	const char *d = e->doc->date;
	if (!d)
		return;
	if (is_iso_date(d))
		add_typed(e, s, p, d, XSD_NS "date");
	else
		add_lit(e, s, p, d, NULL);
}

/* B kind "/" S, with "/" n when n > 0; caller frees; NULL on no memory. */
static char *mint(const nkg_doc *doc, const char *kind, size_t n)
{
	size_t len = strlen(doc->base) + strlen(kind) + strlen(doc->slug) + 32;
	char *iri = malloc(len);
	if (!iri)
		return NULL;
	if (n)
		snprintf(iri, len, "%s%s/%s/%lu", doc->base, kind, doc->slug,
		         (unsigned long)n);
	else
		snprintf(iri, len, "%s%s/%s", doc->base, kind, doc->slug);
	return iri;
}

static librdf_node *mint_node(emitter *e, const char *kind, size_t n)
{
	char *iri = mint(e->doc, kind, n);
	librdf_node *node = iri ? iri_node(e, iri) : NULL;
	free(iri);
	if (!node)
		fail(e, NKG_ERR_NOMEM, "out of memory");
	return node;
}

/* ---- article ---------------------------------------------------------- */

static void add_article(emitter *e)
{
	const nkg_doc *doc = e->doc;
	librdf_node *a = e->article;

	add_iri(e, a, RDF_TYPE, NKG_NS "Article");
	if (doc->id)
		add_lit(e, a, DCTERMS_NS "identifier", doc->id, NULL);
	if (doc->title)
		add_lit(e, a, DCTERMS_NS "title", doc->title, NULL);
	add_date(e, a, DCTERMS_NS "date");
	/* newskg reads Arabic only: its evidence is @ar, its offsets count
	 * code points of Arabic text, and the ontology says an article says so */
	add_typed(e, a, DCTERMS_NS "language", "ar", XSD_NS "language");
	if (doc->path)
		add_lit(e, a, NKG_NS "file", doc->path, NULL);
}

/* ---- incidents -------------------------------------------------------- */

static void add_incident(emitter *e, const nkg_incident *inc)
{
	librdf_node *i = iri_node(e, inc->iri);
	const char *label = NULL;
	size_t t;

	add_iri(e, i, RDF_TYPE, NKG_NS "Incident");
	for (t = 0; t < inc->n_targets; t++) {
		add_iri(e, i, NKG_NS "targets", inc->targets[t]->iri);
		if (!label)
			label = inc->targets[t]->label_en;
	}
	if (inc->name) {
		add_iri(e, i, NKG_NS "name", inc->name->iri);
		if (!label)
			label = inc->name->label_en;
	}
	add(e, copy(i), NKG_NS "mentionedIn", copy(e->article));
	if (inc->year) {
		char y[8];
		snprintf(y, sizeof y, "%d", inc->year);
		add_typed(e, i, NKG_NS "year", y, XSD_NS "gYear");
	}
	if (label) {
		size_t len = strlen(label) + sizeof "incident: ";
		char *text = malloc(len);
		if (text) {
			snprintf(text, len, "incident: %s", label);
			add_lit(e, i, RDFS_LABEL, text, "en");
			free(text);
		} else {
			fail(e, NKG_ERR_NOMEM, "out of memory");
		}
	}
	if (i)
		librdf_free_node(i);
	else
		fail(e, NKG_ERR_NOMEM, "out of memory");
}

static void add_incidents(emitter *e)
{
	size_t k;
	for (k = 0; k < e->doc->n_incidents; k++)
		add_incident(e, &e->doc->incidents[k]);
}

/* ---- statement nodes -------------------------------------------------- */

/* n of the statement node of facts[i]: 1 + earlier facts of its kind. */
static size_t fact_number(const nkg_doc *doc, size_t i)
{
	size_t j, n = 1;
	for (j = 0; j < i; j++)
		n += doc->facts[j].kind == doc->facts[i].kind;
	return n;
}

static librdf_node *fact_node(emitter *e, size_t i)
{
	int acc = e->doc->facts[i].kind == NKG_FACT_ACCUSE;
	return mint_node(e, acc ? "accusation" : "denial",
	                 fact_number(e->doc, i));
}

static void add_evidence(emitter *e, librdf_node *f, const nkg_sentence *s)
{
	const nkg_doc *doc = e->doc;
	librdf_node *o;

	o = librdf_new_node_from_typed_counted_literal(
		e->rdf, (const unsigned char *)doc->text + s->byte_begin,
		s->byte_end - s->byte_begin, "ar", 2, NULL);
	add(e, copy(f), NKG_NS "evidence", o);
	add_count(e, f, NIF_NS "beginIndex", s->begin);
	add_count(e, f, NIF_NS "endIndex", s->end);
}

/* Denial: the denier denies each accusation of this article that accused
 * it; failing that, the incident the denial names; failing that, an
 * unspecified incident of the article (typed, so nkg:denies keeps its
 * range). */
static void add_denied(emitter *e, librdf_node *f, const nkg_fact *fact)
{
	const nkg_doc *doc = e->doc;
	librdf_node *agent = iri_node(e, fact->agent->iri);
	librdf_node *target;
	size_t j;
	int paired = 0;

	for (j = 0; j < doc->n_facts; j++) {
		const nkg_fact *a = &doc->facts[j];
		if (a->kind != NKG_FACT_ACCUSE || !a->accused ||
		    strcmp(a->accused->iri, fact->agent->iri) != 0)
			continue;
		target = fact_node(e, j);
		add(e, copy(agent), NKG_NS "denies", copy(target));
		add(e, copy(f), NKG_NS "denied", target);
		paired = 1;
	}
	if (!paired && fact->incident != NKG_NONE) {
		add_iri(e, agent, NKG_NS "denies", doc->incidents[fact->incident].iri);
	} else if (!paired) {
		target = mint_node(e, "incident/unspecified", 0);
		add_iri(e, target, RDF_TYPE, NKG_NS "Incident");
		add(e, copy(target), NKG_NS "mentionedIn", copy(e->article));
		add(e, copy(agent), NKG_NS "denies", target);
	}
	if (agent)
		librdf_free_node(agent);
}

static int fact_ok(emitter *e, const nkg_fact *fact)
{
	const nkg_doc *doc = e->doc;
	const nkg_sentence *s;

	if (!fact->agent || !fact->agent->iri ||
	    (fact->accused && !fact->accused->iri) ||
	    (fact->spokesperson && !fact->spokesperson->iri))
		return 0;
	if (fact->incident != NKG_NONE &&
	    (fact->incident >= doc->n_incidents || !doc->incidents[fact->incident].iri))
		return 0;
	if (fact->sentence >= doc->n_sentences)
		return 0;
	s = &doc->sentences[fact->sentence];
	return s->byte_begin <= s->byte_end && s->byte_end <= doc->text_len &&
	       s->begin <= s->end;
}

static void add_fact(emitter *e, size_t i)
{
	const nkg_fact *fact = &e->doc->facts[i];
	int acc = fact->kind == NKG_FACT_ACCUSE;
	librdf_node *f;

	if (!fact_ok(e, fact)) {
		fail(e, NKG_ERR_ARG, "a fact refers to a missing actor, sentence or incident");
		return;
	}
	f = fact_node(e, i);
	if (!f)
		return;
	add_iri(e, f, RDF_TYPE, acc ? NKG_NS "Accusation" : NKG_NS "Denial");
	add_iri(e, f, NKG_NS "agent", fact->agent->iri);
	if (acc && fact->accused)
		add_iri(e, f, NKG_NS "accused", fact->accused->iri);
	if (fact->spokesperson)
		add_iri(e, f, NKG_NS "spokesperson", fact->spokesperson->iri);
	if (fact->incident != NKG_NONE)
		add_iri(e, f, NKG_NS "incident", e->doc->incidents[fact->incident].iri);
	add(e, copy(f), NKG_NS "source", copy(e->article));
	add(e, copy(f), PROV_NS "wasDerivedFrom", copy(e->article));
	add_date(e, f, NKG_NS "date");
	add_evidence(e, f, &e->doc->sentences[fact->sentence]);
	if (fact->rule)
		add_lit(e, f, NKG_NS "rule", fact->rule, NULL);
	if (acc && fact->accused)
		add(e, iri_node(e, fact->agent->iri), NKG_NS "accuses",
		    iri_node(e, fact->accused->iri));
	else if (!acc)
		add_denied(e, f, fact);
	librdf_free_node(f);
}

/* ---- entity descriptions ---------------------------------------------- */

/* The entities a doc uses; `typed` marks participants of the story (an
 * outside scorer counts every typed actor as one), so a spokesperson, a
 * parent body or a malware name is described but left untyped. */
typedef struct {
	const nkg_entity *ent;
	int typed;
} used_entity;

typedef struct {
	used_entity *v;
	size_t n, cap;
} entity_set;

/* Adds `ent` (by IRI) or upgrades it to typed; -1 when out of memory. */
static int entity_use(entity_set *set, const nkg_entity *ent, int typed)
{
	size_t i;
	if (!ent || !ent->iri)
		return 0;
	for (i = 0; i < set->n; i++) {
		if (strcmp(set->v[i].ent->iri, ent->iri) == 0) {
			set->v[i].typed |= typed;
			return 0;
		}
	}
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16;
		used_entity *v = realloc(set->v, cap * sizeof *v);
		if (!v)
			return -1;
		set->v = v;
		set->cap = cap;
	}
	set->v[set->n].ent = ent;
	set->v[set->n].typed = typed;
	set->n++;
	return 0;
}

static int collect_facts(entity_set *set, const nkg_doc *doc)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < doc->n_facts; i++) {
		rc |= entity_use(set, doc->facts[i].agent, 1);
		rc |= entity_use(set, doc->facts[i].accused, 1);
		rc |= entity_use(set, doc->facts[i].spokesperson, 0);
	}
	return rc;
}

static int collect_incidents(entity_set *set, const nkg_doc *doc)
{
	size_t k, t;
	int rc = 0;
	for (k = 0; k < doc->n_incidents; k++) {
		const nkg_incident *inc = &doc->incidents[k];
		for (t = 0; t < inc->n_targets; t++) {
			const nkg_entity *hit = inc->targets[t];
			rc |= entity_use(set, hit, 1);
			/* a hit product makes its maker a party to the story */
			if (hit->kind == NKG_KIND_PRODUCT)
				rc |= entity_use(set, hit->vendor, 1);
		}
		rc |= entity_use(set, inc->name, 0);
	}
	return rc;
}

/* Closes the set under part_of and vendor (the set grows while walked). */
static int collect_related(entity_set *set)
{
	size_t i;
	int rc = 0;
	for (i = 0; i < set->n; i++) {
		rc |= entity_use(set, set->v[i].ent->part_of, 0);
		rc |= entity_use(set, set->v[i].ent->vendor, 0);
	}
	return rc;
}

static const char *kind_class(nkg_kind kind)
{
	switch (kind) {
	case NKG_KIND_STATE: return NKG_NS "State";
	case NKG_KIND_ORGANIZATION: return NKG_NS "Organization";
	case NKG_KIND_COMPANY: return NKG_NS "Company";
	case NKG_KIND_GOVBODY: return NKG_NS "GovernmentBody";
	case NKG_KIND_GROUP: return NKG_NS "ThreatGroup";
	case NKG_KIND_PERSON: return NKG_NS "Person";
	case NKG_KIND_PRODUCT: return NKG_NS "Product";
	case NKG_KIND_MALWARE: return NKG_NS "Malware";
	case NKG_KIND_UNKNOWN_ACTOR: break;
	}
	return NKG_NS "Actor";
}

static void describe(emitter *e, const used_entity *u)
{
	const nkg_entity *ent = u->ent;
	librdf_node *s = iri_node(e, ent->iri);
	size_t i;

	if (!s) {
		fail(e, NKG_ERR_NOMEM, "out of memory");
		return;
	}
	if (u->typed)
		add_iri(e, s, RDF_TYPE, kind_class(ent->kind));
	if (ent->label_en)
		add_lit(e, s, RDFS_LABEL, ent->label_en, "en");
	if (ent->label_ar)
		add_lit(e, s, RDFS_LABEL, ent->label_ar, "ar");
	for (i = 0; i < ent->n_alt_en; i++)
		add_lit(e, s, SKOS_NS "altLabel", ent->alt_en[i], "en");
	if (ent->qid) {
		size_t len = sizeof NKG_WD_NS + strlen(ent->qid);
		char *wd = malloc(len);
		if (wd) {
			snprintf(wd, len, "%s%s", NKG_WD_NS, ent->qid);
			add_iri(e, s, OWL_NS "sameAs", wd);
			free(wd);
		} else {
			fail(e, NKG_ERR_NOMEM, "out of memory");
		}
	}
	if (ent->attack_id)
		add_lit(e, s, NKG_NS "attackId", ent->attack_id, NULL);
	if (ent->part_of && ent->part_of->iri)
		add_iri(e, s, NKG_NS "partOf", ent->part_of->iri);
	if (ent->vendor && ent->vendor->iri)
		add_iri(e, s, NKG_NS "vendor", ent->vendor->iri);
	librdf_free_node(s);
}

static void add_entities(emitter *e)
{
	entity_set set = {NULL, 0, 0};
	size_t i;

	if (collect_facts(&set, e->doc) || collect_incidents(&set, e->doc) ||
	    collect_related(&set))
		fail(e, NKG_ERR_NOMEM, "out of memory");
	for (i = 0; i < set.n && e->status == NKG_SUCCESS; i++)
		describe(e, &set.v[i]);
	free(set.v);
}

/* ---- the call --------------------------------------------------------- */

static int incident_ok(const nkg_incident *inc)
{
	size_t t;
	if (!inc->iri || (inc->name && !inc->name->iri))
		return 0;
	for (t = 0; t < inc->n_targets; t++) {
		if (!inc->targets[t] || !inc->targets[t]->iri)
			return 0;
	}
	return 1;
}

static int doc_ok(const nkg_doc *doc)
{
	size_t k;
	if (!doc->iri || !doc->base || !doc->slug || (!doc->text && doc->text_len))
		return 0;
	for (k = 0; k < doc->n_incidents; k++) {
		if (!incident_ok(&doc->incidents[k]))
			return 0;
	}
	return 1;
}

/* What the article's graph already holds (the same article added again)
 * counts as seen, so a second call adds nothing twice. */
static int seen_preload(emitter *e)
{
	librdf_stream *st = librdf_model_context_as_stream(e->model, e->context);
	int rc;
	if (!st)
		return 0; /* no such graph yet */
	rc = librdf_model_add_statements(e->seen, st);
	librdf_free_stream(st);
	return rc ? -1 : 0;
}

static int emitter_open(emitter *e, int with_context)
{
	e->article = iri_node(e, e->doc->iri);
	if (!e->article)
		return -1;
	if (!with_context)
		return 0;
	e->context = librdf_new_node_from_node(e->article);
	e->seen_storage = librdf_new_storage(e->rdf, "hashes", NULL,
	                                     "hash-type='memory'");
	e->seen = e->seen_storage ? librdf_new_model(e->rdf, e->seen_storage, NULL)
	                          : NULL;
	if (!e->context || !e->seen)
		return -1;
	return seen_preload(e);
}

static void emitter_close(emitter *e)
{
	if (e->seen)
		librdf_free_model(e->seen);
	if (e->seen_storage)
		librdf_free_storage(e->seen_storage);
	if (e->context)
		librdf_free_node(e->context);
	if (e->article)
		librdf_free_node(e->article);
}

nkg_status nkg_graph_add_doc(nkg_world *world, librdf_model *model,
                             const nkg_doc *doc, int with_context)
{
	emitter e;
	size_t i;

	if (!world || !model || !doc)
		return NKG_ERR_ARG;
	memset(&e, 0, sizeof e);
	e.world = world;
	e.rdf = world->rdf;
	e.model = model;
	e.doc = doc;
	if (!doc_ok(doc)) {
		fail(&e, NKG_ERR_ARG, "article without IRI, base or slug, or an incident without IRIs");
		return e.status;
	}
	if (with_context && !librdf_model_supports_contexts(model)) {
		fail(&e, NKG_ERR_ARG, "the model's storage has no contexts");
		return e.status;
	}
	if (emitter_open(&e, with_context) != 0)
		fail(&e, NKG_ERR_NOMEM, "cannot make the statement buffers");
	add_article(&e);
	add_incidents(&e);
	for (i = 0; i < doc->n_facts && e.status == NKG_SUCCESS; i++)
		add_fact(&e, i);
	add_entities(&e);
	emitter_close(&e);
	return e.status;
}
