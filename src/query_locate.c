/* Where a SPARQL syntax error is.  rasqal 0.9.33's parser reports the line
 * but never the column, and names the token it stopped at only by its
 * grammar class ("unexpected '?'" for any variable).  A bison parser stops
 * at the first token that cannot continue the query, so the shortest
 * prefix of the query that fails the same way ends with that token. */
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "query_impl.h"
#include "query_lex.h"

typedef struct {
	rasqal_world *world;
	raptor_uri *base;
	char first[512]; /* the first error of the last parse, "" if none */
} prober;

static void on_log(void *user_data, raptor_log_message *msg)
{
	prober *pr = user_data;

	if (msg->level >= RAPTOR_LOG_LEVEL_ERROR && !pr->first[0])
		snprintf(pr->first, sizeof pr->first, "%s", msg->text ? msg->text : "error");
}

/* Parses the first `len` bytes of `text`; -1 when out of memory, else 0
 * with pr->first holding the first error ("" when it parsed). */
static int probe(prober *pr, const char *text, size_t len)
{
	char *cut = malloc(len + 1);
	rasqal_query *q = rasqal_new_query(pr->world, "sparql", NULL);
	int failed;

	pr->first[0] = '\0';
	if (!cut || !q) {
		free(cut);
		if (q)
			rasqal_free_query(q);
		return -1;
	}
	memcpy(cut, text, len);
	cut[len] = '\0';
	failed = rasqal_query_prepare(q, (const unsigned char *)cut, pr->base);
	if (failed && !pr->first[0])
		strcpy(pr->first, "error");
	rasqal_free_query(q);
	free(cut);
	return 0;
}

/* 1 if the prefix fails before its end, as the whole query does with
 * `want`; bison says "$end" when a prefix merely stops early. */
static int fails_inside(prober *pr, const char *text, size_t len)
{
	if (probe(pr, text, len))
		return -1;
	return pr->first[0] && !strstr(pr->first, "$end");
}

static int locate(prober *pr, const char *text, const nkg_qtoken *t, size_t n,
                  size_t *line, size_t *column)
{
	size_t len = strlen(text), lo = 1, hi = n, mid;
	char want[sizeof pr->first];
	nkg_qcursor end = {text, text + len, 1, 1};
	int rc;

	if ((rc = fails_inside(pr, text, len)) < 0)
		return 0;
	if (!rc) { /* it only ended too early: say so just after its last token */
		if (!pr->first[0])
			return 0;
		while (end.p < t[n - 1].p + t[n - 1].len)
			nkg_qlex_step(&end);
		*line = end.line;
		*column = end.column;
		return 1;
	}
	memcpy(want, pr->first, sizeof want);
	while (lo < hi) { /* the smallest k whose prefix t[0..k) fails inside */
		mid = lo + (hi - lo) / 2;
		rc = fails_inside(pr, text, mid < n ? (size_t)(t[mid].p - text) : len);
		if (rc < 0)
			return 0;
		if (rc)
			hi = mid;
		else
			lo = mid + 1;
	}
	/* A cut can fail on its own (a lone '^' of "^^"); then the messages
	 * differ and the place is not known. */
	if (probe(pr, text, lo < n ? (size_t)(t[lo].p - text) : len) ||
	    strcmp(pr->first, want) != 0)
		return 0;
	*line = t[lo - 1].line;
	*column = t[lo - 1].column;
	return 1;
}

int nkg_query_locate(const char *text, const char *base, size_t *line,
                     size_t *column)
{
	prober pr;
	size_t n = 0;
	nkg_qtoken *t = nkg_qlex_tokens(text, 1, &n);
	int ok = 0;

	memset(&pr, 0, sizeof pr);
	pr.world = rasqal_new_world();
	if (t && n && pr.world && rasqal_world_open(pr.world) == 0) {
		rasqal_world_set_log_handler(pr.world, &pr, on_log);
		pr.base = raptor_new_uri(rasqal_world_get_raptor(pr.world),
		                         (const unsigned char *)base);
		if (pr.base)
			ok = locate(&pr, text, t, n, line, column);
		raptor_free_uri(pr.base);
	}
	if (pr.world)
		rasqal_free_world(pr.world);
	free(t);
	return ok;
}
