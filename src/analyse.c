/* The analysis of one article: segment, then sentence by sentence match
 * the lexicon, chunk, apply the rules and merge incidents within the
 * article.  Reentrant: no state outside its arguments. */
#include <stdlib.h>
#include <string.h>

#include "analyse.h"
#include "chunk.h"
#include "match.h"
#include "resolve.h"
#include "rules.h"

void nkg_doc_free(nkg_doc *d)
{
	size_t i;
	if (!d)
		return;
	free(d->slug);
	free(d->iri);
	/* id, url, title, date, path and text are in d's block (doc_new) */
	free(d->sentences);
	free(d->facts);
	for (i = 0; i < d->n_incidents; i++) {
		free(d->incidents[i].key);
		free(d->incidents[i].iri);
		free(d->incidents[i].targets);
	}
	free(d->incidents);
	nkg_minted_free(d);
	free(d);
}

void nkg_analysed_clear(nkg_analysed *a)
{
	if (!a)
		return;
	nkg_doc_free(a->doc);
	free(a->quiet);
	memset(a, 0, sizeof *a);
}

/* Copies s (NULL stays NULL) to *at, which moves past it. */
static char *put(char **at, const char *s, size_t len)
{
	char *p = *at;
	if (!s)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	*at += len + 1;
	return p;
}

static size_t len_or_0(const char *s)
{
	return s ? strlen(s) : 0;
}

/* The doc and copies of the article's strings are one block, as they
 * live and die together: one allocation per article, not seven. */
static nkg_doc *doc_new(const char *base, const nkg_article *a)
{
	size_t lid = strlen(a->id), lurl = len_or_0(a->url), ltitle = len_or_0(a->title),
	       ldate = len_or_0(a->date), lpath = strlen(a->path);
	nkg_doc *d = malloc(sizeof *d + a->text_len + lid + lurl + ltitle + ldate + lpath + 6);
	char *at;

	if (!d)
		return NULL;
	memset(d, 0, sizeof *d);
	at = (char *)(d + 1);
	d->base = base;
	d->text = put(&at, a->text, a->text_len);
	d->text_len = a->text_len;
	d->id = put(&at, a->id, lid);
	d->url = put(&at, a->url, lurl);
	d->title = put(&at, a->title, ltitle);
	d->date = put(&at, a->date, ldate);
	d->path = put(&at, a->path, lpath);
	return d;
}

/* Every field of *s zero or NULL but the targets, which n_targets
 * counts: a memset of the whole (some 250 bytes, for every sentence) cost
 * more than the rules of most sentences. */
static void sentence_clear(nkg_sentence_ctx *s)
{
	s->text = NULL;
	s->items = NULL;
	s->n = s->index = 0;
	s->doc = NULL;
	s->dis = NULL;
	s->n_targets = 0;
	s->incident = 0;
	s->name = NULL;
	s->year = 0;
	s->denier = s->denier_voice = NULL;
	s->cues = s->free_cues = s->types = s->actor_flags = 0;
	s->company = NULL;
}

/* Buffers one article's sentences reuse in turn. */
typedef struct {
	nkg_item *items;
	size_t cap_items;
} scratch;

static nkg_status analyse_sentence(const nkg_lexicon *lex, nkg_doc *d, const nkg_text *t,
                                   size_t si, nkg_discourse *dis, unsigned char *quiet,
                                   scratch *sc)
{
	nkg_match *m = NULL;
	size_t nm = 0, ni = 0, before = d->n_facts, f, inc;
	nkg_minter minter;
	nkg_sentence_ctx s;
	nkg_status st;

	minter.doc = d;
	minter.text = d->text;
	st = nkg_match_tokens(lex, t, t->sent_tok[si], t->sent_tok[si + 1], &m, &nm);
	if (!st)
		st = nkg_chunk(t, t->sent_tok[si], t->sent_tok[si + 1], m, nm, &minter,
		               &sc->items, &sc->cap_items, &ni);
	if (!st) {
		sentence_clear(&s);
		s.text = t;
		s.items = sc->items;
		s.n = ni;
		s.index = si;
		s.doc = d;
		s.dis = dis;
		nkg_rules_survey(&s);
		st = nkg_rules_relations(&s);
		nkg_rules_targets(&s);
		inc = nkg_resolve_incident(d, &s);
		for (f = before; f < d->n_facts; f++)
			d->facts[f].incident = inc;
		*quiet = d->n_facts == before && (s.types & (1u << NKG_IT_TRIGGER));
	}
	free(m);
	return st;
}

nkg_status nkg_analyse(nkg_segmenter *seg, const nkg_lexicon *lex, const char *base,
                       const nkg_article *a, nkg_analysed *out)
{
	nkg_doc *d;
	nkg_text t;
	nkg_discourse dis;
	scratch sc;
	unsigned char *quiet;
	size_t i;
	nkg_status st;

	memset(out, 0, sizeof *out);
	if (!seg || !lex || !base || !a || !a->text || !a->id || !a->path)
		return NKG_ERR_ARG;
	if (!(d = doc_new(base, a)))
		return NKG_ERR_NOMEM;
	if ((st = nkg_segment(seg, d->text, d->text_len, &t)) != NKG_SUCCESS) {
		nkg_doc_free(d);
		return st;
	}
	memset(&dis, 0, sizeof dis);
	d->sentences = malloc((t.n_sentences ? t.n_sentences : 1) * sizeof *d->sentences);
	quiet = calloc(t.n_sentences ? t.n_sentences : 1, 1);
	st = d->sentences && quiet ? NKG_SUCCESS : NKG_ERR_NOMEM;
	if (!st) {
		memcpy(d->sentences, t.sentences, t.n_sentences * sizeof *d->sentences);
		d->n_sentences = t.n_sentences;
	}
	memset(&sc, 0, sizeof sc);
	for (i = 0; !st && i < t.n_sentences; i++)
		st = analyse_sentence(lex, d, &t, i, &dis, &quiet[i], &sc);
	free(sc.items);
	nkg_text_recycle(seg, &t); /* its arrays serve the next article */
	if (st) {
		nkg_doc_free(d);
		free(quiet);
		return st;
	}
	out->doc = d;
	out->quiet = quiet;
	return NKG_SUCCESS;
}
