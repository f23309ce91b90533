/* graph.c, output.c and iri.c on a hand-made article.
 *
 * The article is invented for this test (fictional states, group and
 * product); it is no news text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "graph.h"
#include "harness.h"
#include "world_impl.h"

#define BASE "https://example.org/test/"
#define ENT NKG_ENTITY_NS
#define ART BASE "article/t1"
#define ACC1 BASE "accusation/t1/1"
#define DEN1 BASE "denial/t1/1"
#define INC "https://example.org/test/incident/mailserve-1"
#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NIF "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define XSD "http://www.w3.org/2001/XMLSchema#"

/* "The Ruritanian interior minister said that the Seventh Group hacked
 * the MailServe servers of Acme." / "Freedonia denied any link to the
 * attack." */
static const char S1[] =
	"قال وزير الداخلية في روريتانيا إن «المجموعة السابعة» اخترقت خوادم ميل سيرف.";
static const char S2[] = "ونفت فريدونيا أي صلة لها بالهجوم.";

typedef struct {
	nkg_entity ruritania, freedonia, ministry, group, product, vendor;
	const nkg_entity *targets[1];
	char *alt[1];
	char text[512];
	nkg_sentence sentences[2];
	nkg_fact facts[2];
	nkg_incident incident;
	nkg_doc doc;
} fixture;

static size_t code_points(const char *s, size_t bytes)
{
	size_t i, n = 0;
	for (i = 0; i < bytes; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void entity(nkg_entity *e, const char *iri, nkg_kind kind,
                   const char *en, const char *ar, const char *qid)
{
	memset(e, 0, sizeof *e);
	e->iri = (char *)iri;
	e->kind = kind;
	e->label_en = (char *)en;
	e->label_ar = (char *)ar;
	e->qid = (char *)qid;
}

static void fixture_init(fixture *f)
{
	size_t len1 = strlen(S1), len2 = strlen(S2);

	memset(f, 0, sizeof *f);
	entity(&f->ruritania, ENT "ruritania", NKG_KIND_STATE, "Ruritania",
	       "روريتانيا", "Q900001");
	entity(&f->freedonia, ENT "freedonia", NKG_KIND_STATE, "Freedonia",
	       "فريدونيا", "Q900002");
	entity(&f->ministry, ENT "ruritania-interior", NKG_KIND_GOVBODY,
	       "Ruritanian Ministry of the Interior", "وزارة الداخلية الروريتانية",
	       NULL);
	f->ministry.part_of = &f->ruritania;
	entity(&f->group, ENT "seventh-group", NKG_KIND_GROUP, "Seventh \\ \"Group\"",
	       "المجموعة السابعة", NULL);
	f->group.attack_id = "G9901";
	f->alt[0] = "Group \"7\"";
	f->group.alt_en = f->alt;
	f->group.n_alt_en = 1;
	f->group.part_of = &f->freedonia;
	entity(&f->vendor, ENT "acme", NKG_KIND_COMPANY, "Acme Soft",
	       NULL, NULL);
	entity(&f->product, ENT "mailserve", NKG_KIND_PRODUCT, "MailServe",
	       "ميل سيرف", NULL);
	f->product.vendor = &f->vendor;

	snprintf(f->text, sizeof f->text, "%s %s", S1, S2);
	f->sentences[0].byte_begin = 0;
	f->sentences[0].byte_end = len1;
	f->sentences[1].byte_begin = len1 + 1;
	f->sentences[1].byte_end = len1 + 1 + len2;
	f->sentences[0].begin = 0;
	f->sentences[0].end = code_points(S1, len1);
	f->sentences[1].begin = f->sentences[0].end + 1;
	f->sentences[1].end = f->sentences[1].begin + code_points(S2, len2);

	f->targets[0] = &f->product;
	f->incident.key = "mailserve";
	f->incident.targets = f->targets;
	f->incident.n_targets = 1;
	f->incident.sentence = 0;
	f->incident.iri = (char *)INC;

	f->facts[0].kind = NKG_FACT_ACCUSE;
	f->facts[0].agent = &f->ruritania;
	f->facts[0].accused = &f->group;
	f->facts[0].spokesperson = &f->ministry;
	f->facts[0].sentence = 0;
	f->facts[0].incident = 0;
	f->facts[0].rule = "accuse.vso";
	f->facts[1].kind = NKG_FACT_DENY;
	f->facts[1].agent = &f->freedonia;
	f->facts[1].sentence = 1;
	f->facts[1].incident = 0;
	f->facts[1].rule = "deny.vso";

	f->doc.base = BASE;
	f->doc.slug = "t1";
	f->doc.iri = ART;
	f->doc.id = "t1";
	f->doc.title = "Test \"article\"";
	f->doc.date = "2024-05-01";
	f->doc.path = "t1.txt";
	f->doc.text = f->text;
	f->doc.text_len = strlen(f->text);
	f->doc.sentences = f->sentences;
	f->doc.n_sentences = 2;
	f->doc.facts = f->facts;
	f->doc.n_facts = 2;
	f->doc.incidents = &f->incident;
	f->doc.n_incidents = 1;
}

/* ---- model helpers ----------------------------------------------------- */

typedef struct {
	nkg_world *world;
	librdf_world *rdf;
	librdf_storage *storage;
	librdf_model *model;
} env;

static void on_error(void *handle, const nkg_error *err)
{
	(void)handle;
	fprintf(stderr, "newskg: %s\n", err->message);
}

static int env_open(env *e, int contexts)
{
	e->world = nkg_world_new(on_error, NULL);
	if (!e->world)
		return -1;
	e->rdf = e->world->rdf;
	e->storage = librdf_new_storage(e->rdf, "hashes", NULL,
		contexts ? "hash-type='memory',contexts='yes'" : "hash-type='memory'");
	e->model = e->storage ? librdf_new_model(e->rdf, e->storage, NULL) : NULL;
	return e->model ? 0 : -1;
}

static void env_close(env *e)
{
	if (e->model)
		librdf_free_model(e->model);
	if (e->storage)
		librdf_free_storage(e->storage);
	nkg_world_free(e->world);
}

static librdf_node *res(env *e, const char *iri)
{
	return librdf_new_node_from_uri_string(e->rdf, (const unsigned char *)iri);
}

/* 1 when s p o is in the article's graph; `o` is taken. */
static int has_node(env *e, const char *s, const char *p, librdf_node *o)
{
	librdf_statement *st = librdf_new_statement_from_nodes(e->rdf, res(e, s),
	                                                       res(e, p), o);
	librdf_node *ctx = res(e, ART);
	librdf_stream *found;
	int yes;

	found = librdf_model_find_statements_in_context(e->model, st, ctx);
	yes = found && !librdf_stream_end(found);
	if (found)
		librdf_free_stream(found);
	librdf_free_node(ctx);
	librdf_free_statement(st);
	return yes;
}

static int has(env *e, const char *s, const char *p, const char *o)
{
	return has_node(e, s, p, res(e, o));
}

static int has_lit(env *e, const char *s, const char *p, const char *text,
                   const char *lang)
{
	return has_node(e, s, p, librdf_new_node_from_literal(
		e->rdf, (const unsigned char *)text, lang, 0));
}

static int has_typed(env *e, const char *s, const char *p, const char *text,
                     const char *dt)
{
	librdf_uri *u = librdf_new_uri(e->rdf, (const unsigned char *)dt);
	librdf_node *o = librdf_new_node_from_typed_literal(
		e->rdf, (const unsigned char *)text, NULL, u);
	librdf_free_uri(u);
	return has_node(e, s, p, o);
}

/* How many statements have subject `s` and predicate `p` (any graph). */
static int count(env *e, const char *s, const char *p)
{
	librdf_statement *st = librdf_new_statement_from_nodes(
		e->rdf, s ? res(e, s) : NULL, p ? res(e, p) : NULL, NULL);
	librdf_stream *found = librdf_model_find_statements(e->model, st);
	int n = 0;
	for (; found && !librdf_stream_end(found); librdf_stream_next(found))
		n++;
	if (found)
		librdf_free_stream(found);
	librdf_free_statement(st);
	return n;
}

static char *substr(const char *s, size_t from, size_t to)
{
	char *d = malloc(to - from + 1);
	memcpy(d, s + from, to - from);
	d[to - from] = '\0';
	return d;
}

static char *count_str(size_t n)
{
	static char buf[32];
	snprintf(buf, sizeof buf, "%lu", (unsigned long)n);
	return buf;
}

/* ---- cases ------------------------------------------------------------- */

static void test_main_doc(void)
{
	fixture f;
	env e;
	char *ev;
	int size;

	fixture_init(&f);
	CHECK(env_open(&e, 1) == 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);

	/* article */
	CHECK(has(&e, ART, RDF "type", NKG_NS "Article"));
	CHECK(has_lit(&e, ART, "http://purl.org/dc/terms/identifier", "t1", NULL));
	CHECK(has_typed(&e, ART, "http://purl.org/dc/terms/date", "2024-05-01",
	                XSD "date"));
	CHECK(has_lit(&e, ART, NKG_NS "file", "t1.txt", NULL));

	/* the accusation node and its detail */
	CHECK(has(&e, ACC1, RDF "type", NKG_NS "Accusation"));
	CHECK(has(&e, ACC1, NKG_NS "agent", ENT "ruritania"));
	CHECK(has(&e, ACC1, NKG_NS "accused", ENT "seventh-group"));
	CHECK(has(&e, ACC1, NKG_NS "spokesperson", ENT "ruritania-interior"));
	CHECK(has(&e, ACC1, NKG_NS "incident", INC));
	CHECK(has(&e, ACC1, NKG_NS "source", ART));
	CHECK(has(&e, ACC1, "http://www.w3.org/ns/prov#wasDerivedFrom", ART));
	CHECK(has_typed(&e, ACC1, NKG_NS "date", "2024-05-01", XSD "date"));
	CHECK(has_lit(&e, ACC1, NKG_NS "rule", "accuse.vso", NULL));
	ev = substr(f.text, f.sentences[0].byte_begin, f.sentences[0].byte_end);
	CHECK_STR(ev, S1);
	CHECK(has_lit(&e, ACC1, NKG_NS "evidence", ev, "ar"));
	free(ev);
	CHECK(has_typed(&e, ACC1, NIF "beginIndex", "0", XSD "nonNegativeInteger"));
	CHECK(has_typed(&e, ACC1, NIF "endIndex", count_str(f.sentences[0].end),
	                XSD "nonNegativeInteger"));
	CHECK(count(&e, ACC1, NKG_NS "evidence") == 1);

	/* the denial: not paired (the group was accused, not Freedonia) */
	CHECK(has(&e, DEN1, RDF "type", NKG_NS "Denial"));
	CHECK(has(&e, DEN1, NKG_NS "agent", ENT "freedonia"));
	ev = substr(f.text, f.sentences[1].byte_begin, f.sentences[1].byte_end);
	CHECK(has_lit(&e, DEN1, NKG_NS "evidence", ev, "ar"));
	free(ev);
	CHECK(has_typed(&e, DEN1, NIF "beginIndex", count_str(f.sentences[1].begin),
	                XSD "nonNegativeInteger"));
	CHECK(has_typed(&e, DEN1, NIF "endIndex", count_str(f.sentences[1].end),
	                XSD "nonNegativeInteger"));
	CHECK(count(&e, DEN1, NKG_NS "denied") == 0);

	/* direct edges */
	CHECK(has(&e, ENT "ruritania", NKG_NS "accuses", ENT "seventh-group"));
	CHECK(has(&e, ENT "freedonia", NKG_NS "denies", INC));
	CHECK(count(&e, ENT "freedonia", NKG_NS "denies") == 1);

	/* the incident */
	CHECK(has(&e, INC, RDF "type", NKG_NS "Incident"));
	CHECK(has(&e, INC, NKG_NS "targets", ENT "mailserve"));
	CHECK(has(&e, INC, NKG_NS "mentionedIn", ART));
	CHECK(has_lit(&e, INC, RDFS "label", "incident: MailServe", "en"));

	/* entities: participants typed, the spokesperson only labelled */
	CHECK(has(&e, ENT "ruritania", RDF "type", NKG_NS "State"));
	CHECK(has(&e, ENT "freedonia", RDF "type", NKG_NS "State"));
	CHECK(has(&e, ENT "seventh-group", RDF "type", NKG_NS "ThreatGroup"));
	CHECK(has(&e, ENT "mailserve", RDF "type", NKG_NS "Product"));
	CHECK(has(&e, ENT "acme", RDF "type", NKG_NS "Company"));
	CHECK(count(&e, ENT "ruritania-interior", RDF "type") == 0);
	CHECK(has_lit(&e, ENT "ruritania-interior", RDFS "label",
	              "وزارة الداخلية الروريتانية", "ar"));
	CHECK(has(&e, ENT "ruritania-interior", NKG_NS "partOf", ENT "ruritania"));
	CHECK(has_lit(&e, ENT "ruritania", RDFS "label", "Ruritania", "en"));
	CHECK(has_lit(&e, ENT "ruritania", RDFS "label", "روريتانيا", "ar"));
	CHECK(has(&e, ENT "ruritania", "http://www.w3.org/2002/07/owl#sameAs",
	          NKG_WD_NS "Q900001"));
	CHECK(has_lit(&e, ENT "seventh-group", NKG_NS "attackId", "G9901", NULL));
	CHECK(has_lit(&e, ENT "seventh-group",
	              "http://www.w3.org/2004/02/skos/core#altLabel", "Group \"7\"", "en"));
	CHECK(has(&e, ENT "seventh-group", NKG_NS "partOf", ENT "freedonia"));
	CHECK(has(&e, ENT "mailserve", NKG_NS "vendor", ENT "acme"));

	/* adding the same article again adds nothing */
	size = librdf_model_size(e.model);
	CHECK(size > 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);
	CHECK(librdf_model_size(e.model) == size);
	CHECK(count(&e, ENT "ruritania", RDFS "label") == 2);
	env_close(&e);
}

static void test_paired_denial(void)
{
	fixture f;
	env e;

	fixture_init(&f);
	f.facts[0].accused = &f.freedonia; /* now the denier was the accused */
	CHECK(env_open(&e, 1) == 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);
	CHECK(has(&e, ENT "freedonia", NKG_NS "denies", ACC1));
	CHECK(has(&e, DEN1, NKG_NS "denied", ACC1));
	CHECK(count(&e, ENT "freedonia", NKG_NS "denies") == 1);
	/* the group is now only a parent-less name: not used at all */
	CHECK(count(&e, ENT "seventh-group", NULL) == 0);
	env_close(&e);
}

static void test_unspecified_denial(void)
{
	fixture f;
	env e;
	const char *unspec = BASE "incident/unspecified/t1";

	fixture_init(&f);
	f.facts[1].incident = NKG_NONE;
	f.doc.date = "early May";
	CHECK(env_open(&e, 0) == 0); /* also: a model without contexts */
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 0) == NKG_SUCCESS);
	CHECK(count(&e, ENT "freedonia", NKG_NS "denies") == 1);
	CHECK(count(&e, unspec, RDF "type") == 1);
	CHECK(count(&e, DEN1, NKG_NS "incident") == 0);
	CHECK(count(&e, ART, "http://purl.org/dc/terms/date") == 1);
	env_close(&e);
}

static void test_bad_doc(void)
{
	fixture f;
	env e;

	fixture_init(&f);
	CHECK(env_open(&e, 0) == 0);
	/* contexts asked of a storage without them */
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_ERR_ARG);
	f.facts[1].sentence = 7;
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 0) == NKG_ERR_ARG);
	fixture_init(&f);
	f.incident.iri = NULL;
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 0) == NKG_ERR_ARG);
	env_close(&e);
}

/* ---- output ------------------------------------------------------------ */

static char *write_to_string(env *e, const char *format, size_t *len,
                             nkg_status *st)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);
	if (!out)
		return NULL;
	*st = nkg_graph_write(e->world, e->model, format, BASE, out);
	fclose(out);
	return buf;
}

static void test_formats(void)
{
	static const char *const formats[] = {"turtle", "ntriples", "nquads",
	                                      "rdfxml", "json", "dot"};
	fixture f;
	env e;
	size_t i;

	fixture_init(&f);
	CHECK(env_open(&e, 1) == 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		size_t len1 = 0, len2 = 0;
		nkg_status st1 = NKG_ERR_UNKNOWN, st2 = NKG_ERR_UNKNOWN;
		char *a = write_to_string(&e, formats[i], &len1, &st1);
		char *b = write_to_string(&e, formats[i], &len2, &st2);
		CHECK(nkg_graph_format_known(formats[i]));
		CHECK(st1 == NKG_SUCCESS && st2 == NKG_SUCCESS);
		CHECK(a && b && len1 > 0 && len1 == len2 && memcmp(a, b, len1) == 0);
		if (a && strcmp(formats[i], "nquads") == 0)
			CHECK(strstr(a, "> <" ART "> .\n") != NULL);
		if (a && strcmp(formats[i], "dot") == 0) {
			CHECK(strstr(a, "digraph") == a);
			/* the label Seventh \ "Group" escaped */
			CHECK(strstr(a, "Seventh \\\\ \\\"Group\\\"") != NULL);
			CHECK(strstr(a, "[label=\"accuses\"]") != NULL);
		}
		free(a);
		free(b);
	}
	CHECK(!nkg_graph_format_known("trig"));
	CHECK(!nkg_graph_format_known(NULL));
	env_close(&e);
}

/* Every N-Quads line names the article's graph. */
static void test_nquads_graph(void)
{
	fixture f;
	env e;
	size_t len = 0;
	nkg_status st = NKG_ERR_UNKNOWN;
	char *a, *line;
	int lines = 0, good = 0;

	fixture_init(&f);
	CHECK(env_open(&e, 1) == 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);
	a = write_to_string(&e, "nquads", &len, &st);
	CHECK(st == NKG_SUCCESS && a);
	for (line = a ? strtok(a, "\n") : NULL; line; line = strtok(NULL, "\n")) {
		size_t n = strlen(line), tail = strlen(" <" ART "> .");
		lines++;
		good += n > tail && strcmp(line + n - tail, " <" ART "> .") == 0;
	}
	CHECK(lines == librdf_model_size(e.model));
	CHECK(lines > 0 && good == lines);
	free(a);
	env_close(&e);
}

/* A full disk is an I/O error, never a silent success. */
static void test_write_error(void)
{
	static const char *const formats[] = {"turtle", "nquads", "dot"};
	fixture f;
	env e;
	size_t i;

	fixture_init(&f);
	CHECK(env_open(&e, 1) == 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		FILE *full = fopen("/dev/full", "w");
		if (!full)
			break; /* no /dev/full here */
		CHECK(nkg_graph_write(e.world, e.model, formats[i], BASE, full) ==
		      NKG_ERR_IO);
		fclose(full);
	}
	CHECK(nkg_graph_write(e.world, e.model, "trig", BASE, stdout) ==
	      NKG_ERR_FORMAT);
	env_close(&e);
}

static int occurrences(const char *hay, const char *needle)
{
	int n = 0;
	for (; hay && (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

/* Two articles share entities: each named graph has its own copy, and
 * the formats without graphs write the triple once. */
static void test_two_docs(void)
{
	static const char *const once[] = {"turtle", "ntriples", "rdfxml", "json"};
	fixture f, g;
	env e;
	size_t i, len;
	nkg_status st;
	char *a;

	fixture_init(&f);
	fixture_init(&g);
	g.doc.slug = "t2";
	g.doc.iri = BASE "article/t2";
	CHECK(env_open(&e, 1) == 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);
	CHECK(nkg_graph_add_doc(e.world, e.model, &g.doc, 1) == NKG_SUCCESS);
	CHECK(count(&e, BASE "accusation/t2/1", NKG_NS "agent") == 1);
	a = write_to_string(&e, "nquads", &len, &st);
	CHECK(st == NKG_SUCCESS);
	CHECK(occurrences(a, "<" ENT "ruritania> <" RDF "type>") == 2);
	free(a);
	for (i = 0; i < sizeof once / sizeof once[0]; i++) {
		a = write_to_string(&e, once[i], &len, &st);
		CHECK(st == NKG_SUCCESS);
		/* the English label of Ruritania, in whichever syntax */
		CHECK(occurrences(a, "\"Ruritania\"") +
		      occurrences(a, ">Ruritania<") == 1);
		free(a);
	}
	env_close(&e);
}

static void test_slug(void)
{
	char *s;
#define SLUG(in, want) \
	do { s = nkg_iri_slug(in); CHECK_STR(s, want); free(s); } while (0)
	SLUG("abc123", "abc123");
	SLUG("Hello, World!", "hello-world");
	SLUG("  a -- b__c.txt  ", "a-b-c-txt");
	SLUG("", "");
	SLUG("!!!", "");
	SLUG("الصين", "%D8%A7%D9%84%D8%B5%D9%8A%D9%86");
	SLUG("apt 41 الصين", "apt-41-%D8%A7%D9%84%D8%B5%D9%8A%D9%86");
#undef SLUG
}

/* With NKG_TEST_DUMP_DIR set, writes the article in every format to
 * DIR/graph.FORMAT (tests/graph_formats.sh parses them back with rapper
 * and rdflib when the CLI cannot run). */
static void dump_formats(const char *dir)
{
	static const char *const formats[] = {"turtle", "ntriples", "nquads",
	                                      "rdfxml", "json", "dot"};
	fixture f;
	env e;
	size_t i;

	fixture_init(&f);
	CHECK(env_open(&e, 1) == 0);
	CHECK(nkg_graph_add_doc(e.world, e.model, &f.doc, 1) == NKG_SUCCESS);
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		char path[4096];
		FILE *out;
		snprintf(path, sizeof path, "%s/graph.%s", dir, formats[i]);
		out = fopen(path, "w");
		CHECK(out != NULL);
		if (!out)
			continue;
		CHECK(nkg_graph_write(e.world, e.model, formats[i], BASE, out) ==
		      NKG_SUCCESS);
		CHECK(fclose(out) == 0);
	}
	env_close(&e);
}

int main(void)
{
	const char *dump = getenv("NKG_TEST_DUMP_DIR");
	if (dump && *dump) {
		dump_formats(dump);
		return nkg_test_finish();
	}
	test_slug();
	test_main_doc();
	test_paired_denial();
	test_unspecified_denial();
	test_bad_doc();
	test_formats();
	test_nquads_graph();
	test_two_docs();
	test_write_error();
	return nkg_test_finish();
}
