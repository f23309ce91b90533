/* Turtle text, one article at a time: the prefixes once at the top, then
 * a paragraph per subject.  Memory is one article's triples, whatever the
 * size of the run; raptor's Turtle writer holds the whole graph. */
#include <stdint.h>
#include <string.h>

#include "graph.h"
#include "writer_impl.h"

/* Lookup order: longest namespace first (insertion sort of a dozen,
 * stable); the header keeps the table's order. */
static void sort_longest_first(nkg_ttl_prefixes *px)
{
	size_t i, j, t;

	for (i = 0; i < px->n; i++)
		px->by_length[i] = i;
	for (i = 1; i < px->n; i++)
		for (j = i; j > 0 && px->ns_len[px->by_length[j]] > px->ns_len[px->by_length[j - 1]]; j--) {
			t = px->by_length[j];
			px->by_length[j] = px->by_length[j - 1];
			px->by_length[j - 1] = t;
		}
}

void nkg_ttl_prefixes_init(nkg_ttl_prefixes *px, const char *base)
{
	size_t i, k;

	memset(px, 0, sizeof *px);
	for (i = 0; i < NKG_N_NAMESPACES; i++) {
		px->prefix[px->n] = nkg_namespaces[i][0];
		px->ns[px->n] = nkg_namespaces[i][1];
		px->ns_len[px->n++] = strlen(nkg_namespaces[i][1]);
	}
	/* --base may name one of ours; a namespace is declared once */
	for (k = 0; k < px->n && strcmp(px->ns[k], base) != 0; k++)
		;
	if (k == px->n && *base) {
		px->prefix[px->n] = "inst";
		px->ns[px->n] = base;
		px->ns_len[px->n++] = strlen(base);
	}
	sort_longest_first(px);
}

void nkg_ttl_header(nkg_obuf *b, const nkg_ttl_prefixes *px)
{
	size_t i;

	for (i = 0; i < px->n; i++) {
		nkg_obuf_puts(b, "@prefix ");
		nkg_obuf_puts(b, px->prefix[i]);
		nkg_obuf_puts(b, ": ");
		nkg_nt_iri(b, px->ns[i]);
		nkg_obuf_puts(b, " .\n");
	}
}

/* A local name every Turtle parser reads, old raptor included: a letter
 * or '_' first, then letters, digits, '_' and '-'.  Anything else (a '/',
 * a percent escape, a dot) is written as a full IRI instead. */
static int plain_local(const char *s)
{
	const char *p;

	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (p = s + 1; *p; p++) {
		char c = *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* The first namespace that holds the IRI with a plain local name; the
 * namespaces are sorted longest first, as --base may sit inside one of
 * ours. */
static void put_iri_text(nkg_obuf *b, const nkg_ttl_prefixes *px, const char *iri)
{
	size_t len = strlen(iri), k, i = px->n, n;

	for (k = 0; k < px->n; k++) {
		i = px->by_length[k];
		n = px->ns_len[i];
		/* namespaces share their start ("http"), not their last byte */
		if (len > n && iri[n - 1] == px->ns[i][n - 1] && memcmp(iri, px->ns[i], n) == 0 &&
		    plain_local(iri + n))
			break;
	}
	if (k == px->n) {
		nkg_nt_iri(b, iri);
		return;
	}
	nkg_obuf_puts(b, px->prefix[i]);
	nkg_obuf_put(b, ":", 1);
	nkg_obuf_puts(b, iri + px->ns_len[i]);
}

/* IRIs of the block written lately, by address: a block's IRIs are one
 * copy each (render.c), so the same address comes again and again, and
 * copying what was written is cheaper than finding a prefix. */
#define SEEN 256
typedef struct {
	const char *iri;
	size_t off, len; /* in the block's text */
} seen_iri;

typedef struct {
	nkg_obuf *b;
	const nkg_ttl_prefixes *px;
	seen_iri seen[SEEN];
} block_writer;

static void put_iri(block_writer *bw, const char *iri)
{
	nkg_obuf *b = bw->b;
	seen_iri *e = &bw->seen[((uintptr_t)iri >> 3 ^ (uintptr_t)iri >> 11) % SEEN];

	if (e->iri == iri) {
		if (nkg_obuf_room(b, e->len))
			return;
		memcpy(b->buf + b->len, b->buf + e->off, e->len); /* behind b->len */
		b->len += e->len;
		return;
	}
	e->iri = NULL;
	e->off = b->len;
	put_iri_text(b, bw->px, iri);
	if (!b->nomem) {
		e->iri = iri;
		e->len = b->len - e->off;
	}
}

/* A string constant, its length known where it is written. */
#define put_lit(b, lit) nkg_obuf_put((b), (lit), sizeof(lit) - 1)

static void put_object(block_writer *bw, const nkg_wtriple *t)
{
	nkg_obuf *b = bw->b;

	if (!t->literal) {
		put_iri(bw, t->o);
		return;
	}
	nkg_nt_string(b, t->o, t->o_len);
	if (t->lang) {
		nkg_obuf_put(b, "@", 1);
		nkg_obuf_puts(b, t->lang);
	} else if (t->dt) {
		nkg_obuf_put(b, "^^", 2);
		put_iri(bw, t->dt);
	}
}

void nkg_ttl_block(nkg_obuf *b, const nkg_ttl_prefixes *px,
                   const nkg_wtriple *const *t, size_t n)
{
	block_writer w, *bw = &w;
	size_t i;

	memset(bw, 0, sizeof *bw);
	bw->b = b;
	bw->px = px;
	for (i = 0; i < n; i++) {
		int new_subject = i == 0 || (t[i]->s != t[i - 1]->s && strcmp(t[i]->s, t[i - 1]->s) != 0);
		int new_predicate = new_subject ||
		                    (t[i]->p != t[i - 1]->p && strcmp(t[i]->p, t[i - 1]->p) != 0);
		if (new_subject) {
			if (i > 0)
				put_lit(b, " .\n");
			nkg_obuf_put(b, "\n", 1);
			put_iri(bw, t[i]->s);
		} else if (new_predicate) {
			put_lit(b, " ;");
		}
		if (new_predicate) {
			put_lit(b, "\n    ");
			if (t[i]->is_type) /* found once, when rendered */
				nkg_obuf_put(b, "a", 1);
			else
				put_iri(bw, t[i]->p);
			nkg_obuf_put(b, " ", 1);
		} else {
			put_lit(b, ", ");
		}
		put_object(bw, t[i]);
	}
	if (n > 0)
		put_lit(b, " .\n");
}
