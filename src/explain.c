/* --explain: why the graph says what it says.  Every fact with its rule
 * and evidence, and every sentence that held a trigger but gave nothing. */
#include <stdio.h>
#include <string.h>

#include "extract_impl.h"

static const char *name(const nkg_entity *e)
{
	if (!e)
		return "-";
	return e->label_en ? e->label_en : e->label_ar ? e->label_ar : e->iri;
}

static void evidence(const nkg_doc *d, size_t si, FILE *out)
{
	const nkg_sentence *s = &d->sentences[si];
	fprintf(out, "      [%zu-%zu] %.*s\n", s->begin, s->end,
	        (int)(s->byte_end - s->byte_begin), d->text + s->byte_begin);
}

static void explain_doc(const nkg_doc *d, const unsigned char *quiet, FILE *out)
{
	size_t si, f, i;
	fprintf(out, "== %s (%s)\n", d->id, d->path);
	for (si = 0; si < d->n_sentences; si++) {
		int any = 0;
		for (f = 0; f < d->n_facts; f++) {
			const nkg_fact *x = &d->facts[f];
			if (x->sentence != si)
				continue;
			any = 1;
			if (x->kind == NKG_FACT_ACCUSE)
				fprintf(out, "  accuses  %s -> %s", name(x->agent), name(x->accused));
			else
				fprintf(out, "  denies   %s", name(x->agent));
			if (x->spokesperson)
				fprintf(out, "  (voice: %s)", name(x->spokesperson));
			fprintf(out, "  rule %s, sentence %zu\n", x->rule, si + 1);
		}
		if (any)
			evidence(d, si, out);
		else if (quiet[si]) {
			fprintf(out, "  no fact: a trigger without the actors it needs, sentence %zu\n", si + 1);
			evidence(d, si, out);
		}
	}
	for (i = 0; i < d->n_incidents; i++) {
		const nkg_incident *inc = &d->incidents[i];
		size_t k;
		fprintf(out, "  incident %s", inc->iri ? inc->iri : "-");
		if (inc->name)
			fprintf(out, "  name %s", name(inc->name));
		for (k = 0; k < inc->n_targets; k++)
			fprintf(out, "%s%s", k ? ", " : "  targets ", name(inc->targets[k]));
		fprintf(out, "\n");
	}
}

nkg_status nkg_extractor_explain(nkg_extractor *x, FILE *out)
{
	size_t i;
	for (i = 0; i < nkg_extractor_n_docs(x); i++) {
		const unsigned char *quiet;
		const nkg_doc *d = nkg_extractor_doc(x, i, &quiet);
		explain_doc(d, quiet, out);
	}
	return ferror(out) ? NKG_ERR_IO : NKG_SUCCESS;
}
