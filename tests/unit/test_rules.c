/* Rules as data: each line of tests/data/rules.tsv is a sentence written
 * for the project and the facts it must give. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "harness.h"
#include "newskg/newskg.h"

size_t nkg_extractor_n_docs(const nkg_extractor *x);
const nkg_doc *nkg_extractor_doc(const nkg_extractor *x, size_t i, const unsigned char **quiet);

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *label(const nkg_entity *e)
{
	return e->label_en ? e->label_en : e->label_ar ? e->label_ar : e->iri;
}

/* Facts of the doc as "A accuses B | C denies | targets T", sorted. */
static void facts_string(const nkg_doc *d, char *out, size_t cap)
{
	char *lines[64];
	size_t n = 0, i, k;
	out[0] = '\0';
	for (i = 0; i < d->n_facts && n < 64; i++) {
		char buf[256];
		if (d->facts[i].kind == NKG_FACT_ACCUSE)
			snprintf(buf, sizeof buf, "%s accuses %s", label(d->facts[i].agent), label(d->facts[i].accused));
		else
			snprintf(buf, sizeof buf, "%s denies", label(d->facts[i].agent));
		lines[n++] = strdup(buf);
	}
	for (i = 0; i < d->n_incidents; i++)
		for (k = 0; k < d->incidents[i].n_targets && n < 64; k++) {
			char buf[256];
			snprintf(buf, sizeof buf, "targets %s", label(d->incidents[i].targets[k]));
			lines[n++] = strdup(buf);
		}
	qsort(lines, n, sizeof *lines, cmp);
	for (i = 0; i < n; i++) {
		if (i && strcmp(lines[i], lines[i - 1]) == 0)
			continue;
		if (*out)
			strncat(out, " | ", cap - strlen(out) - 1);
		strncat(out, lines[i], cap - strlen(out) - 1);
	}
	for (i = 0; i < n; i++)
		free(lines[i]);
}

int main(void)
{
	nkg_world *w = nkg_world_new(NULL, NULL);
	nkg_lexicon *lex = nkg_lexicon_new(w);
	FILE *f = fopen(NKG_TEST_DATA_DIR "/rules.tsv", "r");
	char line[4096];
	size_t lineno = 0;

	CHECK(f != NULL);
	CHECK(nkg_lexicon_load_default(lex) == NKG_SUCCESS);
	while (f && fgets(line, sizeof line, f)) {
		char *tab, *nl, got[2048], id[32];
		nkg_extractor *x;
		nkg_article *a;
		const unsigned char *quiet;
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		tab = strchr(line, '\t');
		CHECK(tab != NULL);
		if (!tab)
			continue;
		*tab = '\0';
		snprintf(id, sizeof id, "line%zu", lineno);
		x = nkg_extractor_new(w, lex, NULL);
		a = nkg_article_new(id, NULL, NULL, NULL, line, strlen(line), "rules.tsv", lineno);
		CHECK(nkg_extractor_add(x, a) == NKG_SUCCESS);
		facts_string(nkg_extractor_doc(x, 0, &quiet), got, sizeof got);
		if (strcmp(got, tab + 1) != 0)
			fprintf(stderr, "rules.tsv:%zu: %s\n", lineno, line);
		CHECK_STR(got, tab + 1);
		nkg_article_free(a);
		nkg_extractor_free(x);
	}
	if (f)
		fclose(f);
	nkg_lexicon_free(lex);
	nkg_world_free(w);
	return nkg_test_finish();
}
