/* The triples of one analysed article (doc.h), handed to a sink
 * (triple.h) as plain strings.
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
 * A triple whose subject is an entity or an incident other articles can
 * report too is flagged NKG_TRIPLE_SHARED (unless its object is this
 * article), so a writer of one merged graph can write it once per run.
 * The same triple may be emitted twice for one article (a denial paired
 * with two accusations names its agent twice); sinks drop repeats.
 *
 * Sinks remember IRIs by address (triple.h): every predicate and datatype
 * here is a string constant, and an IRI made here lives until
 * nkg_graph_emit returns (own). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define RDFS_LABEL RDFS_NS "label"

#define SHARED NKG_TRIPLE_SHARED
#define ONCE NKG_TRIPLE_ONCE

const char *const nkg_namespaces[NKG_N_NAMESPACES][2] = {
	{"nkg", NKG_NS},
	{"nkge", NKG_ENTITY_NS},
	{"wd", NKG_WD_NS},
	{"rdf", RDF_NS},
	{"rdfs", RDFS_NS},
	{"owl", OWL_NS},
	{"skos", SKOS_NS},
	{"xsd", XSD_NS},
	{"prov", PROV_NS},
	{"nif", NIF_NS},
	{"dcterms", DCTERMS_NS},
};

typedef struct {
	nkg_world *world;
	nkg_sink sink;
	const nkg_doc *doc;
	nkg_status status;            /* first failure; later adds do nothing */
	/* IRIs made here live until the call returns (triple.h's promise, so
	 * a writer may escape an IRI once by its address): the statement
	 * nodes' by fact, the rest in a list */
	char **fact_iris;
	char **owned;
	size_t n_owned, cap_owned;
	size_t base_len, slug_len;    /* of doc->base and doc->slug */
	/* doc->date's length and datatype (xsd:date or none), looked at once:
	 * every statement node repeats the date */
	size_t date_len;
	const char *date_type;
} emitter;

static void fail(emitter *e, nkg_status st, const char *what)
{
	if (e->status != NKG_SUCCESS)
		return;
	e->status = st;
	nkg_world_report(e->world, st, e->doc->path, 0, NKG_NO_OFFSET,
	                 "graph of %s: %s", e->doc->iri ? e->doc->iri : "?", what);
}

static void add(emitter *e, const char *s, const char *p, const nkg_term *o,
                unsigned flags)
{
	nkg_status st;

	if (e->status != NKG_SUCCESS)
		return;
	if (!s || !o->value) {
		fail(e, NKG_ERR_NOMEM, "out of memory");
		return;
	}
	st = e->sink.triple(e->sink.handle, s, p, o, flags);
	if (st != NKG_SUCCESS)
		fail(e, st, st == NKG_ERR_NOMEM ? "out of memory"
		                                : "cannot add a statement");
}

static void add_iri(emitter *e, const char *s, const char *p, const char *o,
                    unsigned flags)
{
	nkg_term t = {o, 0, NULL, NULL, 0}; /* no length: triple.h */
	add(e, s, p, &t, flags);
}

static void add_lit(emitter *e, const char *s, const char *p,
                    const char *text, size_t len, const char *lang,
                    unsigned flags)
{
	nkg_term t = {text, len, lang, NULL, 1};
	add(e, s, p, &t, flags);
}

static void add_str(emitter *e, const char *s, const char *p,
                    const char *text, const char *lang, unsigned flags)
{
	add_lit(e, s, p, text, text ? strlen(text) : 0, lang, flags);
}

static void add_typed_n(emitter *e, const char *s, const char *p, const char *text,
                        size_t len, const char *datatype, unsigned flags)
{
	nkg_term t = {text, len, NULL, datatype, 1};
	add(e, s, p, &t, flags);
}

static void add_typed(emitter *e, const char *s, const char *p,
                      const char *text, const char *datatype, unsigned flags)
{
	add_typed_n(e, s, p, text, text ? strlen(text) : 0, datatype, flags);
}

/* n in decimal at `out`, NUL after it; returns the digits written.
 * snprintf's format parsing cost as much as the rest of a statement. */
static size_t put_decimal(char *out, size_t n)
{
	char tmp[24];
	size_t k = 0, i;

	do
		tmp[k++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	for (i = 0; i < k; i++)
		out[i] = tmp[k - 1 - i];
	out[k] = '\0';
	return k;
}

static void add_count(emitter *e, const char *s, const char *p, size_t n)
{
	char buf[24];
	add_typed_n(e, s, p, buf, put_decimal(buf, n), XSD_NS "nonNegativeInteger", ONCE);
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
static void add_date(emitter *e, const char *s, const char *p)
{
	const char *d = e->doc->date;
	if (!d)
		return;
	if (e->date_type)
		add_typed_n(e, s, p, d, e->date_len, e->date_type, ONCE);
	else
		add_lit(e, s, p, d, e->date_len, NULL, ONCE);
}

/* `s` (malloc'd, or NULL when that failed) owned by the emitter until
 * the call returns; NULL on no memory (reported). */
static char *own(emitter *e, char *s)
{
	if (s && e->n_owned == e->cap_owned) {
		size_t cap = e->cap_owned ? e->cap_owned * 2 : 8;
		char **v = realloc(e->owned, cap * sizeof *v);
		if (!v) {
			free(s);
			s = NULL;
		} else {
			e->owned = v;
			e->cap_owned = cap;
		}
	}
	if (!s) {
		fail(e, NKG_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return e->owned[e->n_owned++] = s;
}

/* B kind "/" S, with "/" n when n > 0; the emitter's (own); NULL on no
 * memory (reported). */
static char *mint(emitter *e, const char *kind, size_t n)
{
	const nkg_doc *doc = e->doc;
	size_t lb = e->base_len, lk = strlen(kind), ls = e->slug_len;
	char *iri = own(e, malloc(lb + lk + ls + 26)), *o;
	if (!iri)
		return NULL;
	memcpy(iri, doc->base, lb);
	memcpy(iri + lb, kind, lk);
	o = iri + lb + lk;
	*o++ = '/';
	memcpy(o, doc->slug, ls);
	o += ls;
	*o = '\0';
	if (n) {
		*o++ = '/';
		put_decimal(o, n);
	}
	return iri;
}

/* ---- article ---------------------------------------------------------- */

static void add_article(emitter *e)
{
	const nkg_doc *doc = e->doc;
	const char *a = doc->iri;

	add_iri(e, a, NKG_RDF_TYPE, NKG_NS "Article", ONCE);
	if (doc->id)
		add_str(e, a, DCTERMS_NS "identifier", doc->id, NULL, ONCE);
	if (doc->title)
		add_str(e, a, DCTERMS_NS "title", doc->title, NULL, ONCE);
	add_date(e, a, DCTERMS_NS "date");
	/* newskg reads Arabic only: its evidence is @ar, its offsets count
	 * code points of Arabic text, and the ontology says an article says so */
	add_typed(e, a, DCTERMS_NS "language", "ar", XSD_NS "language", ONCE);
	if (doc->path)
		add_str(e, a, NKG_NS "file", doc->path, NULL, ONCE);
}

/* ---- incidents -------------------------------------------------------- */

static void add_incident(emitter *e, const nkg_incident *inc)
{
	const char *i = inc->iri, *label = NULL;
	unsigned sh = inc->shared ? SHARED : 0;
	size_t t;

	add_iri(e, i, NKG_RDF_TYPE, NKG_NS "Incident", sh);
	for (t = 0; t < inc->n_targets; t++) {
		add_iri(e, i, NKG_NS "targets", inc->targets[t]->iri, sh);
		if (!label)
			label = inc->targets[t]->label_en;
	}
	if (inc->name) {
		add_iri(e, i, NKG_NS "name", inc->name->iri, sh);
		if (!label)
			label = inc->name->label_en;
	}
	add_iri(e, i, NKG_NS "mentionedIn", e->doc->iri, 0);
	if (inc->year > 0) {
		char y[24];
		add_typed_n(e, i, NKG_NS "year", y, put_decimal(y, (size_t)inc->year),
		            XSD_NS "gYear", sh);
	} else if (inc->year) {
		char y[16];
		snprintf(y, sizeof y, "%d", inc->year);
		add_typed(e, i, NKG_NS "year", y, XSD_NS "gYear", sh);
	}
	if (label) {
		static const char prefix[] = "incident: ";
		size_t n = strlen(label), k = sizeof prefix - 1;
		char *text = malloc(k + n + 1);
		if (text) {
			memcpy(text, prefix, k);
			memcpy(text + k, label, n + 1);
			add_lit(e, i, RDFS_LABEL, text, k + n, "en", sh);
			free(text);
		} else {
			fail(e, NKG_ERR_NOMEM, "out of memory");
		}
	}
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

/* The IRI of facts[i]'s statement node, made once (a denial names the
 * accusations it answers); NULL on no memory (reported). */
static const char *fact_iri(emitter *e, size_t i)
{
	int acc = e->doc->facts[i].kind == NKG_FACT_ACCUSE;

	if (!e->fact_iris && !(e->fact_iris = calloc(e->doc->n_facts, sizeof *e->fact_iris))) {
		fail(e, NKG_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (!e->fact_iris[i])
		e->fact_iris[i] = mint(e, acc ? "accusation" : "denial", fact_number(e->doc, i));
	return e->fact_iris[i];
}

static void add_evidence(emitter *e, const char *f, const nkg_sentence *s)
{
	add_lit(e, f, NKG_NS "evidence", e->doc->text + s->byte_begin,
	        s->byte_end - s->byte_begin, "ar", ONCE);
	add_count(e, f, NIF_NS "beginIndex", s->begin);
	add_count(e, f, NIF_NS "endIndex", s->end);
}

/* Denial: the denier denies each accusation of this article that accused
 * it; failing that, the incident the denial names; failing that, an
 * unspecified incident of the article (typed, so nkg:denies keeps its
 * range). */
static void add_denied(emitter *e, const char *f, const nkg_fact *fact)
{
	const nkg_doc *doc = e->doc;
	const char *agent = fact->agent->iri, *target;
	size_t j;
	int paired = 0;

	for (j = 0; j < doc->n_facts; j++) {
		const nkg_fact *a = &doc->facts[j];
		if (a->kind != NKG_FACT_ACCUSE || !a->accused ||
		    strcmp(a->accused->iri, agent) != 0)
			continue;
		target = fact_iri(e, j);
		add_iri(e, agent, NKG_NS "denies", target, 0);
		add_iri(e, f, NKG_NS "denied", target, ONCE);
		paired = 1;
	}
	if (!paired && fact->incident != NKG_NONE) {
		const nkg_incident *inc = &doc->incidents[fact->incident];
		add_iri(e, agent, NKG_NS "denies", inc->iri, inc->shared ? SHARED : 0);
	} else if (!paired && (target = mint(e, "incident/unspecified", 0))) {
		add_iri(e, target, NKG_RDF_TYPE, NKG_NS "Incident", 0);
		add_iri(e, target, NKG_NS "mentionedIn", doc->iri, 0);
		add_iri(e, agent, NKG_NS "denies", target, 0);
	}
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
	const char *f;

	if (!fact_ok(e, fact)) {
		fail(e, NKG_ERR_ARG, "a fact refers to a missing actor, sentence or incident");
		return;
	}
	if (!(f = fact_iri(e, i)))
		return;
	add_iri(e, f, NKG_RDF_TYPE, acc ? NKG_NS "Accusation" : NKG_NS "Denial", ONCE);
	add_iri(e, f, NKG_NS "agent", fact->agent->iri, ONCE);
	if (acc && fact->accused)
		add_iri(e, f, NKG_NS "accused", fact->accused->iri, ONCE);
	if (fact->spokesperson)
		add_iri(e, f, NKG_NS "spokesperson", fact->spokesperson->iri, ONCE);
	if (fact->incident != NKG_NONE)
		add_iri(e, f, NKG_NS "incident", e->doc->incidents[fact->incident].iri, ONCE);
	add_iri(e, f, NKG_NS "source", e->doc->iri, ONCE);
	add_iri(e, f, PROV_NS "wasDerivedFrom", e->doc->iri, ONCE);
	add_date(e, f, NKG_NS "date");
	add_evidence(e, f, &e->doc->sentences[fact->sentence]);
	if (fact->rule)
		add_str(e, f, NKG_NS "rule", fact->rule, NULL, ONCE);
	if (acc && fact->accused)
		add_iri(e, fact->agent->iri, NKG_NS "accuses", fact->accused->iri, SHARED);
	else if (!acc)
		add_denied(e, f, fact);
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
	/* the same entity comes again by the same pointer, mostly: its IRI
	 * shares a long namespace with the others' */
	for (i = 0; i < set->n && set->v[i].ent != ent; i++)
		;
	if (i == set->n)
		for (i = 0; i < set->n && strcmp(set->v[i].ent->iri, ent->iri) != 0; i++)
			;
	if (i < set->n) {
		set->v[i].typed |= typed;
		return 0;
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
	const char *s = ent->iri;
	/* An entity is described once an article (the set is by IRI), and
	 * no other triple of the article has its IRI as subject with these
	 * predicates and objects: only an alternative label the lexicon
	 * lists twice can come again. */
	unsigned once = SHARED | ONCE;
	size_t i;

	if (u->typed)
		add_iri(e, s, NKG_RDF_TYPE, kind_class(ent->kind), once);
	if (ent->label_en)
		add_str(e, s, RDFS_LABEL, ent->label_en, "en", once);
	if (ent->label_ar)
		add_str(e, s, RDFS_LABEL, ent->label_ar, "ar", once);
	for (i = 0; i < ent->n_alt_en; i++)
		add_str(e, s, SKOS_NS "altLabel", ent->alt_en[i], "en", SHARED);
	if (ent->qid) {
		size_t len = sizeof NKG_WD_NS + strlen(ent->qid);
		char *wd = own(e, malloc(len));
		if (wd) {
			memcpy(wd, NKG_WD_NS, sizeof NKG_WD_NS - 1);
			memcpy(wd + sizeof NKG_WD_NS - 1, ent->qid, len - sizeof NKG_WD_NS + 1);
			add_iri(e, s, OWL_NS "sameAs", wd, once);
		}
	}
	if (ent->attack_id)
		add_str(e, s, NKG_NS "attackId", ent->attack_id, NULL, once);
	if (ent->part_of && ent->part_of->iri)
		add_iri(e, s, NKG_NS "partOf", ent->part_of->iri, once);
	if (ent->vendor && ent->vendor->iri)
		add_iri(e, s, NKG_NS "vendor", ent->vendor->iri, once);
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

nkg_status nkg_graph_emit(nkg_world *world, const nkg_doc *doc,
                          const nkg_sink *sink)
{
	emitter e;
	size_t i;

	if (!doc || !sink || !sink->triple)
		return NKG_ERR_ARG;
	memset(&e, 0, sizeof e);
	e.world = world;
	e.sink = *sink;
	e.doc = doc;
	if (!doc_ok(doc)) {
		fail(&e, NKG_ERR_ARG, "article without IRI, base or slug, or an incident without IRIs");
		return e.status;
	}
	e.base_len = strlen(doc->base);
	e.slug_len = strlen(doc->slug);
	if (doc->date) {
		e.date_len = strlen(doc->date);
		e.date_type = is_iso_date(doc->date) ? XSD_NS "date" : NULL;
	}
	add_article(&e);
	add_incidents(&e);
	for (i = 0; i < doc->n_facts && e.status == NKG_SUCCESS; i++)
		add_fact(&e, i);
	add_entities(&e);
	for (i = 0; i < e.n_owned; i++)
		free(e.owned[i]);
	free(e.owned);
	free(e.fact_iris);
	return e.status;
}
