/* The graph an extractor writes, parsed back with raptor and checked
 * (rdfcheck.h). */
#include <string.h>

#include <raptor2.h>

#include "rdfcheck.h"

#define NKG_NS "https://w3id.org/newskg/ontology#"
#define NIF_NS "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define DCTERMS_NS "http://purl.org/dc/terms/"

static raptor_world *raptor;

/* ---- the output, parsed back ---------------------------------------- */

typedef struct {
	char *s, *p, *o;
	size_t o_len;
	int literal;
} stmt;

typedef struct {
	stmt *v;
	size_t n, cap;
	int errors;
	char first_error[300];
} parsed;

static char *dup_n(const unsigned char *s, size_t n)
{
	char *c = malloc(n + 1);

	FUZZ_CHECK(c != NULL, "out of memory");
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

static char *term_str(raptor_term *t, size_t *len, int *literal)
{
	size_t n = 0;
	const unsigned char *s;

	*literal = 0;
	switch (t->type) {
	case RAPTOR_TERM_TYPE_URI:
		s = raptor_uri_as_counted_string(t->value.uri, &n);
		break;
	case RAPTOR_TERM_TYPE_LITERAL:
		s = t->value.literal.string;
		n = t->value.literal.string_len;
		*literal = 1;
		break;
	case RAPTOR_TERM_TYPE_BLANK:
		s = t->value.blank.string;
		n = t->value.blank.string_len;
		break;
	default:
		FUZZ_CHECK(0, "unknown term type");
		return NULL;
	}
	if (len)
		*len = n;
	return dup_n(s, n);
}

/* An IRI as RFC 3987 allows it in Turtle and N-Triples: a scheme, then no
 * space, control or <>"{}|^`\ characters. */
#define BASE "http://fuzz.invalid/|relative|/"

static void check_iri(const char *iri)
{
	const unsigned char *p = (const unsigned char *)iri;
	size_t i = 0;

	/* The parse base: what a relative IRI in the output resolved to.  Its
	 * '|' is in no IRI newskg writes (the reader refuses such a url, the
	 * writer percent-encodes), so an input url cannot look like it: with
	 * a plain base the fuzzer learnt the base and wrote it into a url. */
	FUZZ_CHECK(strncmp(iri, BASE, sizeof BASE - 1) != 0, "relative IRI in the output: <%s>",
	           iri + sizeof BASE - 1);
	FUZZ_CHECK((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z', "IRI without a scheme: <%s>", iri);
	while (p[i] && (((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') || (p[i] >= '0' && p[i] <= '9') || p[i] == '+' || p[i] == '-' || p[i] == '.'))
		i++;
	FUZZ_CHECK(p[i] == ':', "IRI without a scheme: <%s>", iri);
	for (; p[i]; i++)
		FUZZ_CHECK(p[i] > 0x20 && p[i] != 0x7F && !strchr("<>\"{}|^`\\", p[i]),
		           "character 0x%02X in IRI <%s>", p[i], iri);
	FUZZ_CHECK(fuzz_utf8_ok(iri, strlen(iri)), "IRI not valid UTF-8");
}

static void on_statement(void *user, raptor_statement *st)
{
	parsed *pd = user;
	stmt *x;
	int lit;

	if (pd->n == pd->cap) {
		pd->cap = pd->cap ? pd->cap * 2 : 256;
		pd->v = realloc(pd->v, pd->cap * sizeof *pd->v);
		FUZZ_CHECK(pd->v != NULL, "out of memory");
	}
	x = &pd->v[pd->n++];
	x->s = term_str(st->subject, NULL, &lit);
	x->p = term_str(st->predicate, NULL, &lit);
	x->o = term_str(st->object, &x->o_len, &x->literal);
	if (st->subject->type == RAPTOR_TERM_TYPE_URI)
		check_iri(x->s);
	check_iri(x->p);
	if (st->object->type == RAPTOR_TERM_TYPE_URI)
		check_iri(x->o);
	if (st->graph && st->graph->type == RAPTOR_TERM_TYPE_URI) {
		char *g = term_str(st->graph, NULL, &lit);
		check_iri(g);
		free(g);
	}
}

static void on_log(void *user, raptor_log_message *m)
{
	parsed *pd = user;

	if (m->level >= RAPTOR_LOG_LEVEL_ERROR) {
		if (!pd->errors++)
			snprintf(pd->first_error, sizeof pd->first_error, "line %d: %s",
			         m->locator ? m->locator->line : -1, m->text);
	}
}

static void parse_back(const char *syntax, const unsigned char *buf, size_t len, parsed *pd)
{
	raptor_parser *p = raptor_new_parser(raptor, syntax);
	raptor_uri *base = raptor_new_uri(raptor, (const unsigned char *)BASE "out");

	FUZZ_CHECK(p && base, "no %s parser", syntax);
	raptor_world_set_log_handler(raptor, pd, on_log);
	raptor_parser_set_statement_handler(p, pd, on_statement);
	raptor_parser_parse_start(p, base);
	raptor_parser_parse_chunk(p, buf, len, 1);
	raptor_free_parser(p);
	raptor_free_uri(base);
	if (pd->errors && getenv("FUZZ_VERBOSE"))
		fwrite(buf, 1, len, stderr); /* the output that failed, to read */
	FUZZ_CHECK(pd->errors == 0, "%s output does not parse back: %s", syntax, pd->first_error);
}

static void parsed_free(parsed *pd)
{
	size_t i;

	for (i = 0; i < pd->n; i++) {
		free(pd->v[i].s);
		free(pd->v[i].p);
		free(pd->v[i].o);
	}
	free(pd->v);
}

/* The object of (s, p), or NULL. */
static const stmt *find(const parsed *pd, const char *s, const char *p)
{
	size_t i;

	for (i = 0; i < pd->n; i++)
		if (strcmp(pd->v[i].s, s) == 0 && strcmp(pd->v[i].p, p) == 0)
			return &pd->v[i];
	return NULL;
}

/* ---- the oracle ------------------------------------------------------ */

/* RDF/XML cannot carry the characters XML 1.0 forbids (C0 controls but
 * tab, LF and CR), and raptor's XML writer refuses DEL (U+007F) too: it
 * drops them with a warning.  Known and reported (the writer is not this
 * target's to fix); compare with them dropped. */
static int xml_forbidden(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
	       (c == 0xEF && (unsigned char)s[1] == 0xBF && (unsigned char)s[2] >= 0xBE);
}

/* 1 when want[0..n) equals got[0..got_len), less what RDF/XML drops when
 * `xml`. */
static int same(const char *want, size_t n, const char *got, size_t got_len, int xml)
{
	size_t i = 0, k = 0;

	if (!xml)
		return n == got_len && memcmp(want, got, n) == 0;
	while (i < n) {
		if (xml_forbidden(want + i)) {
			i += (unsigned char)want[i] < 0x80 ? 1 : 3;
			continue;
		}
		if (k >= got_len || want[i] != got[k])
			return 0;
		i++, k++;
	}
	return k == got_len;
}

static int cuts(const nkg_article *a, size_t b, size_t e, const char *ev, size_t ev_len,
                int xml)
{
	size_t bb = fuzz_cp_to_byte(a->text, a->text_len, b);
	size_t be = fuzz_cp_to_byte(a->text, a->text_len, e);

	return bb != (size_t)-1 && be != (size_t)-1 && be >= bb &&
	       same(a->text + bb, be - bb, ev, ev_len, xml);
}

static void check_graph(const parsed *pd, const fuzz_articles *as, int xml)
{
	size_t i, k;

	for (i = 0; i < pd->n; i++) {
		const stmt *x = &pd->v[i];
		if (strcmp(x->p, NKG_NS "evidence") == 0) {
			const stmt *b = find(pd, x->s, NIF_NS "beginIndex");
			const stmt *e = find(pd, x->s, NIF_NS "endIndex");
			int found = 0;
			FUZZ_CHECK(x->literal && b && e, "evidence of <%s> without its offsets", x->s);
			for (k = 0; k < as->n && !found; k++)
				found = cuts(as->v[k], strtoul(b->o, NULL, 10), strtoul(e->o, NULL, 10),
				             x->o, x->o_len, xml);
			FUZZ_CHECK(found, "evidence of <%s> [%s, %s) is not cut from its article: \"%s\"",
			           x->s, b->o, e->o, x->o);
		} else if (strcmp(x->p, DCTERMS_NS "title") == 0 ||
		           strcmp(x->p, DCTERMS_NS "identifier") == 0) {
			int title = x->p[strlen(DCTERMS_NS)] == 't', found = 0;
			for (k = 0; k < as->n && !found; k++) {
				const char *want = title ? as->v[k]->title : as->v[k]->id;
				found = want && same(want, strlen(want), x->o, x->o_len, xml);
			}
			FUZZ_CHECK(found, "%s \"%s\" is no article's", x->p, x->o);
		}
	}
}

void fuzz_write_and_check(nkg_extractor *x, const char *format, const fuzz_articles *as)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	parsed pd;
	nkg_status st;

	FUZZ_CHECK(out != NULL, "no memstream");
	st = nkg_extractor_write(x, format, out);
	FUZZ_CHECK(fclose(out) == 0, "memstream");
	FUZZ_CHECK(st == NKG_SUCCESS, "writing %s failed: %s", format, nkg_strerror(st));
	memset(&pd, 0, sizeof pd);
	if (!raptor) {
		raptor = raptor_new_world();
		FUZZ_CHECK(raptor && raptor_world_open(raptor) == 0, "no raptor");
	}
	parse_back(format, (const unsigned char *)buf, len, &pd);
	if (as)
		check_graph(&pd, as, strcmp(format, "rdfxml") == 0);
	parsed_free(&pd);
	free(buf);
}

