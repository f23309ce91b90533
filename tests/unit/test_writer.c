/* The streaming writers (writer.c, write_nt.c, write_ttl.c), the line set
 * they remember lines with (lineset.c) and article IRIs from urls (iri.c),
 * on hand-made articles.  The Arabic sentences are written for this test;
 * the actors are invented. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "graph.h"
#include "harness.h"
#include "lineset.h"
#include "strset.h"
#include "world_impl.h"
#include "writer_impl.h"

#define BASE "https://example.org/w/"
#define ENT NKG_ENTITY_NS

/* "Ruritania accused Freedonia of the attack." */
static const char S1[] = "اتهمت روريتانيا فريدونيا بالهجوم.";

typedef struct {
	nkg_entity ruritania, freedonia;
	nkg_sentence sentence;
	nkg_fact fact;
	nkg_doc doc;
	char iri[64], slug[16];
} fixture;

static void entity(nkg_entity *e, const char *iri, const char *en, const char *ar)
{
	memset(e, 0, sizeof *e);
	e->iri = (char *)iri;
	e->kind = NKG_KIND_STATE;
	e->label_en = (char *)en;
	e->label_ar = (char *)ar;
}

/* Article n: Ruritania accuses Freedonia; the title carries what needs
 * escaping (a quote, a backslash, a line break, a tab, a control). */
static void fixture_init(fixture *f, int n)
{
	memset(f, 0, sizeof *f);
	entity(&f->ruritania, ENT "ruritania", "Ruritania", "روريتانيا");
	entity(&f->freedonia, ENT "freedonia", "Free \"donia\"", "فريدونيا");
	f->sentence.byte_end = strlen(S1);
	f->sentence.end = 33;
	f->fact.kind = NKG_FACT_ACCUSE;
	f->fact.agent = &f->ruritania;
	f->fact.accused = &f->freedonia;
	f->fact.incident = NKG_NONE;
	f->fact.rule = "accuse.verb";
	snprintf(f->slug, sizeof f->slug, "a%d", n);
	snprintf(f->iri, sizeof f->iri, BASE "article/a%d", n);
	f->doc.base = BASE;
	f->doc.slug = f->slug;
	f->doc.iri = f->iri;
	f->doc.id = f->slug;
	f->doc.title = "q\"b\\n\nt\tc\x01 عنوان";
	f->doc.path = "t.txt";
	f->doc.text = (char *)S1;
	f->doc.text_len = strlen(S1);
	f->doc.sentences = &f->sentence;
	f->doc.n_sentences = 1;
	f->doc.facts = &f->fact;
	f->doc.n_facts = 1;
}

static void on_error(void *handle, const nkg_error *err)
{
	(void)handle;
	fprintf(stderr, "newskg: %s\n", err->message);
}

/* Writes articles 1 and 2 in `format` into a new string (caller frees). */
static char *write_two(nkg_world *w, const char *format, const char *base, size_t *statements)
{
	fixture f1, f2;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	nkg_writer *wr = nkg_writer_new(w, format, base, out);

	fixture_init(&f1, 1);
	fixture_init(&f2, 2);
	CHECK(wr != NULL);
	CHECK(nkg_writer_put_doc(wr, &f1.doc) == NKG_SUCCESS);
	CHECK(nkg_writer_put_doc(wr, &f2.doc) == NKG_SUCCESS);
	CHECK(nkg_writer_finish(wr) == NKG_SUCCESS);
	*statements = nkg_writer_statements(wr);
	nkg_writer_free(wr);
	fclose(out);
	return buf;
}

static size_t occurrences(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;
	while ((p = strstr(p, needle))) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* How many statements raptor reads from `text` in `syntax`; -1 when it
 * does not parse.  Literals are compared through N-Triples out of raptor
 * into *nt (caller frees). */
static int parse_count(nkg_world *w, const char *syntax, const char *text, char **nt)
{
	librdf_storage *st = librdf_new_storage(w->rdf, "hashes", NULL,
	                                        "hash-type='memory',contexts='yes'");
	librdf_model *m = librdf_new_model(w->rdf, st, NULL);
	librdf_parser *p = librdf_new_parser(w->rdf, syntax, NULL, NULL);
	librdf_uri *base = librdf_new_uri(w->rdf, (const unsigned char *)"http://x/");
	librdf_serializer *ser = librdf_new_serializer(w->rdf, "ntriples", NULL, NULL);
	unsigned long errors = w->rdf_errors;
	int n = -1;

	nkg_world_watch_raptor(w);
	if (!librdf_parser_parse_string_into_model(p, (const unsigned char *)text, base, m) &&
	    w->rdf_errors == errors)
		n = librdf_model_size(m);
	if (nt)
		*nt = (char *)librdf_serializer_serialize_model_to_string(ser, base, m);
	librdf_free_serializer(ser);
	librdf_free_uri(base);
	librdf_free_parser(p);
	librdf_free_model(m);
	librdf_free_storage(st);
	return n;
}

/* ---- cases --------------------------------------------------------------- */

static void test_escapes(void)
{
	nkg_obuf b = {0};
	nkg_term lit = {"a\"b\\c\nd\re\tf\x01g\x7f" "ع", 0, "ar", NULL, 1};
	nkg_term iri = {"http://x/a b<c>\"{|}^`\\", 0, NULL, NULL, 0};

	lit.len = strlen(lit.value);
	iri.len = strlen(iri.value);
	nkg_nt_statement(&b, "http://x/s", "http://x/p", &lit);
	nkg_obuf_put(&b, "", 1);
	CHECK_STR(b.buf, "<http://x/s> <http://x/p> \"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007F" "ع\"@ar");
	b.len = 0;
	lit.value = "a\xef\xbf\xbf" "b\xef\xbf\xbe\xef\xbb\xbf" "c\xef\xbf";
	lit.len = strlen(lit.value);
	nkg_nt_string(&b, lit.value, lit.len);
	nkg_obuf_put(&b, "", 1);
	CHECK_STR(b.buf, "\"a\\uFFFFb\\uFFFE\xef\xbb\xbf" "c\xef\xbf\"");
	b.len = 0;
	nkg_nt_statement(&b, "http://x/s", "http://x/p", &iri);
	nkg_obuf_put(&b, "", 1);
	CHECK_STR(b.buf, "<http://x/s> <http://x/p> <http://x/a%20b%3Cc%3E%22%7B%7C%7D%5E%60%5C>");
	/* Unicode spaces, C1 controls and noncharacters, which rdflib reads
	 * an IRI up to, are percent-encoded; other letters stay */
	b.len = 0;
	nkg_nt_iri(&b, "http://x/\xc2\xa0\xe2\x80\xa8\xc2\x85\xef\xbf\xbf\xe2\x80\xae"
	               "\xd8\xb9\xe3\x80\x81\xc2\xa9");
	nkg_obuf_put(&b, "", 1);
	CHECK_STR(b.buf, "<http://x/%C2%A0%E2%80%A8%C2%85%EF%BF%BF\xe2\x80\xae\xd8\xb9\xe3\x80\x81\xc2\xa9>");
	b.len = 0;
	nkg_nt_iri(&b, "http://x/\xe2\x28"); /* no valid UTF-8: escaped, not read past */
	nkg_obuf_put(&b, "", 1);
	CHECK_STR(b.buf, "<http://x/%E2(>");
	nkg_obuf_free(&b);
}

static void test_url_iri(void)
{
	char *iri = NULL;

	CHECK(nkg_iri_from_url("https://example.org/a b?q=<1>", &iri) == NKG_SUCCESS);
	CHECK_STR(iri, "https://example.org/a%20b?q=%3C1%3E");
	free(iri);
	CHECK(nkg_iri_from_url("https://example.org/%D8%A7", &iri) == NKG_SUCCESS);
	CHECK_STR(iri, "https://example.org/%D8%A7"); /* already encoded: kept */
	free(iri);
	CHECK(nkg_iri_from_url("example.org/a", &iri) == NKG_SUCCESS && iri == NULL);
	CHECK(nkg_iri_from_url("1http://a", &iri) == NKG_SUCCESS && iri == NULL);
	CHECK(nkg_iri_from_url(":x", &iri) == NKG_SUCCESS && iri == NULL);
	CHECK(nkg_iri_from_url("urn:x", &iri) == NKG_SUCCESS);
	CHECK_STR(iri, "urn:x");
	free(iri);
}

/* Adds `s` to `set` as the line set is used: written into `buf` at *off
 * first; the bytes stay there only when they are new. */
static int add_line(nkg_lineset *set, char *buf, size_t cap, size_t *off, const char *s, size_t len)
{
	int r;

	if (*off + len > cap)
		return -1;
	memcpy(buf + *off, s, len);
	r = nkg_lineset_add_at(set, buf, *off, len);
	if (r == 0)
		*off += len;
	return r;
}

static void test_lineset(void)
{
	nkg_lineset *set = nkg_lineset_new();
	static char buf[64000];
	char key[32];
	size_t off = 0, i;
	int fresh = 1, again = 1;

	CHECK(set != NULL);
	for (i = 0; i < 3000; i++) { /* past several growths */
		int n = snprintf(key, sizeof key, "line %zu", i);
		fresh &= add_line(set, buf, sizeof buf, &off, key, (size_t)n) == 0;
	}
	for (i = 0; i < 3000; i++) {
		int n = snprintf(key, sizeof key, "line %zu", i);
		again &= add_line(set, buf, sizeof buf, &off, key, (size_t)n) == 1;
	}
	CHECK(fresh && again);
	CHECK(nkg_lineset_size(set) == 3000);
	CHECK(add_line(set, buf, sizeof buf, &off, "line 3000", 9) == 0);
	CHECK(add_line(set, buf, sizeof buf, &off, "line 300", 8) == 1);
	CHECK(add_line(set, buf, sizeof buf, &off, "line 30", 7) == 1);
	CHECK(add_line(set, buf, sizeof buf, &off, "", 0) == 0);
	CHECK(add_line(set, buf, sizeof buf, &off, "", 0) == 1);
	nkg_lineset_clear(set);
	CHECK(nkg_lineset_size(set) == 0);
	CHECK(add_line(set, buf, sizeof buf, &off, "line 7", 6) == 0);
	nkg_lineset_free(set);

	/* offsets of repeated strings written at every step */
	set = nkg_lineset_new();
	off = 0;
	for (i = 0; i < 1000; i++) {
		int n = snprintf(buf + off, sizeof buf - off, "x%zu", i % 400);
		int r = nkg_lineset_add_at(set, buf, off, (size_t)n);
		CHECK(r == (i >= 400));
		if (r == 0)
			off += (size_t)n;
	}
	CHECK(nkg_lineset_size(set) == 400);
	nkg_lineset_free(set);
	nkg_lineset_free(NULL);
}

/* The run's digest set: what was added is found, what was not is not. */
static void test_digestset(void)
{
	nkg_digestset *set = nkg_digestset_new();
	char key[32];
	size_t i;
	int fresh = 1, again = 1;

	CHECK(set != NULL);
	for (i = 0; i < 50000; i++) {
		int n = snprintf(key, sizeof key, "t%zu", i);
		fresh &= nkg_digestset_add(set, key, (size_t)n) == 0;
	}
	for (i = 0; i < 50000; i++) {
		int n = snprintf(key, sizeof key, "t%zu", i);
		again &= nkg_digestset_add(set, key, (size_t)n) == 1;
	}
	CHECK(fresh && again);
	CHECK(nkg_digestset_size(set) == 50000);
	CHECK(nkg_digestset_add(set, "t", 1) == 0);
	CHECK(nkg_digestset_add(set, "t5", 1) == 1); /* "t" again: by length */
	nkg_digestset_free(set);
	nkg_digestset_free(NULL);
}

/* The run's slug set: exact, past many growths, prefixes kept apart. */
static void test_strset(void)
{
	nkg_strset *set = nkg_strset_new(0);
	char key[32];
	size_t i;
	int fresh = 1, again = 1;

	CHECK(set != NULL);
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "a-%zu", i);
		fresh &= nkg_strset_add(set, key) == 0;
	}
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "a-%zu", i);
		again &= nkg_strset_add(set, key) == 1 && nkg_strset_has(set, key);
	}
	CHECK(fresh && again);
	CHECK(nkg_strset_size(set) == 20000);
	CHECK(!nkg_strset_has(set, "a-"));
	CHECK(!nkg_strset_has(set, "a-20000"));
	CHECK(!nkg_strset_has(set, "a-1999x"));
	CHECK(nkg_strset_add(set, "") == 0 && nkg_strset_has(set, ""));
	nkg_strset_free(set);
	nkg_strset_free(NULL);
}

/* Strings longer than an arena block, and values, past many blocks: each
 * comes back whole with its own value. */
static void test_strset_long(void)
{
	nkg_strset *set = nkg_strset_new(1);
	size_t sizes[] = {70000, 3, 65535, 200000, 65536, 1};
	char *big = malloc(200001);
	size_t i, n;
	int ok = 1, v;

	CHECK(set != NULL && big != NULL);
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		memset(big, 'a' + (int)i, sizes[i]);
		big[sizes[i]] = '\0';
		ok &= nkg_strset_put(set, big, (int)i + 100) == 0;
	}
	for (n = 0; n < 30000; n++) { /* many short strings among them */
		char key[32];
		snprintf(key, sizeof key, "k%zu", n);
		ok &= nkg_strset_put(set, key, (int)n) == 0;
	}
	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		memset(big, 'a' + (int)i, sizes[i]);
		big[sizes[i]] = '\0';
		ok &= nkg_strset_get(set, big, &v) == 1 && v == (int)i + 100;
		big[sizes[i] - 1] = '\0'; /* one shorter: not in the set */
		ok &= sizes[i] == 1 || !nkg_strset_has(set, big);
	}
	ok &= nkg_strset_get(set, "k29999", &v) == 1 && v == 29999;
	CHECK(ok);
	CHECK(nkg_strset_size(set) == 30000 + sizeof sizes / sizeof *sizes);
	free(big);
	nkg_strset_free(set);
}

/* Shared triples (labels, the accusation edge) once in a merged syntax,
 * once per graph in N-Quads; every syntax parses to the same count. */
static void test_shared_once(void)
{
	nkg_world *w = nkg_world_new(on_error, NULL);
	size_t nt_n, nq_n, ttl_n;
	char *nt = write_two(w, "ntriples", NULL, &nt_n);
	char *nq = write_two(w, "nquads", NULL, &nq_n);
	char *ttl = write_two(w, "turtle", NULL, &ttl_n);
	char *back_nt = NULL, *back_ttl = NULL;

	CHECK(occurrences(nt, "\"Ruritania\"@en") == 1);
	CHECK(occurrences(nt, ENT "ruritania> <" NKG_NS "accuses>") == 1);
	CHECK(occurrences(nq, "\"Ruritania\"@en") == 2);
	CHECK(occurrences(nq, ENT "ruritania> <" NKG_NS "accuses>") == 2);
	CHECK(occurrences(ttl, "\"Ruritania\"@en") == 1);
	CHECK(occurrences(ttl, "@prefix nkg:") == 1);
	/* the escapes come back as the title was */
	CHECK(strstr(nt, "\"q\\\"b\\\\n\\nt\\tc\\u0001 عنوان\"") != NULL);
	CHECK(nt_n == ttl_n && nq_n > nt_n);
	CHECK(parse_count(w, "ntriples", nt, &back_nt) == (int)nt_n);
	CHECK(parse_count(w, "turtle", ttl, &back_ttl) == (int)ttl_n);
	/* the model counts each triple once, in however many graphs */
	CHECK(parse_count(w, "nquads", nq, NULL) == (int)nt_n);
	CHECK(occurrences(nq, " .\n") == nq_n);
	CHECK(back_nt && back_ttl && strlen(back_nt) == strlen(back_ttl));
	free(nt);
	free(nq);
	free(ttl);
	free(back_nt);
	free(back_ttl);
	nkg_world_free(w);
}

/* A --base that is one of newskg's namespaces, or inside one, or odd:
 * the Turtle still parses and holds every statement. */
static void test_turtle_bases(void)
{
	static const char *const bases[] = {
		NKG_ENTITY_NS, "https://w3id.org/newskg/entity/x/", "urn:x:", "http://e/a b#",
	};
	nkg_world *w = nkg_world_new(on_error, NULL);
	size_t i, n;

	for (i = 0; i < sizeof bases / sizeof *bases; i++) {
		char *ttl = write_two(w, "turtle", bases[i], &n);
		CHECK(parse_count(w, "turtle", ttl, NULL) == (int)n);
		free(ttl);
	}
	nkg_world_free(w);
}

/* A writer that cannot write says so, and no later call says otherwise. */
static void test_write_error(void)
{
	nkg_world *w = nkg_world_new(on_error, NULL);
	FILE *full = fopen("/dev/full", "w");
	nkg_writer *wr;
	fixture f;
	size_t i;
	nkg_status st = NKG_SUCCESS;

	if (!full)
		return;
	setvbuf(full, NULL, _IONBF, 0);
	fixture_init(&f, 1);
	wr = nkg_writer_new(w, "nquads", NULL, full);
	for (i = 0; i < 3 && st == NKG_SUCCESS; i++)
		st = nkg_writer_put_doc(wr, &f.doc);
	CHECK(st == NKG_ERR_IO);
	CHECK(nkg_writer_finish(wr) == NKG_ERR_IO);
	nkg_writer_free(wr);
	fclose(full);
	CHECK(nkg_writer_new(w, "rdfxml", NULL, stdout) == NULL);
	CHECK(!nkg_format_streams("dot") && nkg_format_streams("turtle"));
	nkg_writer_free(NULL);
	nkg_world_free(w);
}

int main(void)
{
	test_escapes();
	test_url_iri();
	test_lineset();
	test_strset();
	test_digestset();
	test_strset_long();
	test_shared_once();
	test_turtle_bases();
	test_write_error();
	return nkg_test_finish();
}
