/* Before a query runs: parse it on its own rasqal world (so its messages
 * can be caught with their line and column), and refuse what rasqal 0.9.33
 * cannot answer right.
 *
 * rasqal rejects property paths and EXISTS as syntax errors, with a
 * message that does not say why; a small lexer names them.  It parses
 * MINUS and SERVICE and then ignores or fails them, and parses SPARQL
 * Update without running it; the parsed pattern tree shows those. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <redland.h>

#include "query_impl.h"
#include "query_lex.h"
#include "world_impl.h"

/* ---- the first error rasqal logs -------------------------------------- */

typedef struct {
	int seen;
	char message[512];
	int line, column;
} captured;

static void on_rasqal_log(void *user_data, raptor_log_message *msg)
{
	captured *c = user_data;

	if (msg->level < RAPTOR_LOG_LEVEL_ERROR || c->seen)
		return;
	c->seen = 1;
	snprintf(c->message, sizeof c->message, "%s", msg->text ? msg->text : "error");
	c->line = msg->locator ? msg->locator->line : -1;
	c->column = msg->locator ? msg->locator->column : -1;
}

typedef struct {
	const char *what; /* NULL: nothing found */
	char token[64];
	size_t line, column;
} finding;

static void found(finding *f, const char *what, const char *tok, size_t len,
                  const nkg_qcursor *at)
{
	if (f->what)
		return;
	f->what = what;
	snprintf(f->token, sizeof f->token, "%.*s", (int)(len < 60 ? len : 60), tok);
	f->line = at->line;
	f->column = at->column;
}

/* A term that can stand as a predicate: an IRI, a prefixed name or "a". */
static int is_path_term(const char *tok, size_t len, int iri)
{
	return iri || (len == 1 && tok[0] == 'a') || memchr(tok, ':', len) != NULL;
}

static int path_operator(const char *p, const char *end)
{
	if (p >= end)
		return 0;
	if (*p == '*' || *p == '+' || *p == '/')
		return 1;
	if (*p == '|')
		return p + 1 >= end || p[1] != '|';
	if (*p == '?') /* "?x" is a variable, "p?" a path */
		return p + 1 >= end || !nkg_qlex_name_char(p[1]);
	return 0;
}

static void scan(const char *text, finding *f)
{
	nkg_qcursor c = {text, text + strlen(text), 1, 1};

	while (c.p < c.end && !f->what) {
		const char *start = c.p;
		nkg_qcursor at = c;
		if (isspace((unsigned char)*c.p)) {
			nkg_qlex_step(&c);
			continue;
		}
		if (nkg_qlex_skip_opaque(&c)) {
			if (*start == '<' && path_operator(c.p, c.end))
				found(f, "property path", start, (size_t)(c.p - start) + 1, &at);
			continue;
		}
		if (*c.p == '^' && (c.p + 1 >= c.end || c.p[1] != '^') &&
		    (c.p == text || c.p[-1] != '^')) {
			size_t len = 1;
			while (c.p + len < c.end && !isspace((unsigned char)c.p[len]))
				len++;
			found(f, "property path", c.p, len, &at);
			break;
		}
		if (nkg_qlex_name_char(*c.p) || *c.p == '?' || *c.p == '$') {
			int var = *c.p == '?' || *c.p == '$';
			size_t len;
			nkg_qlex_step(&c);
			while (c.p < c.end && nkg_qlex_name_char(*c.p))
				nkg_qlex_step(&c);
			len = (size_t)(c.p - start);
			if (!var && len == 6 && strncasecmp(start, "EXISTS", 6) == 0)
				found(f, "EXISTS / NOT EXISTS", start, len, &at);
			else if (!var && is_path_term(start, len, 0) && path_operator(c.p, c.end))
				found(f, "property path", start, len + 1, &at);
			continue;
		}
		nkg_qlex_step(&c);
	}
}

/* `what` names the construct, with the words of the query when known. */
static nkg_status refuse(nkg_world *world, const char *source, size_t line,
                         size_t column, const char *what, const char *token)
{
	nkg_world_report_at(world, NKG_ERR_UNSUPPORTED, source, line, column,
	                    NKG_NO_OFFSET, "%s%s%s%s: not supported by rasqal 0.9.33, "
	                    "newskg's query engine (refused rather than answered "
	                    "wrongly)", what, token ? " '" : "", token ? token : "",
	                    token ? "'" : "");
	return NKG_ERR_UNSUPPORTED;
}

/* ---- wrong answers on valid queries ------------------------------------ */

static int is_word(const nkg_qtoken *t, const char *w)
{
	return t->len == strlen(w) && strncasecmp(t->p, w, t->len) == 0;
}

static int is_punct(const nkg_qtoken *t, char c)
{
	return t->len == 1 && t->p[0] == c;
}

/* The GROUP BY of the SELECT whose ORDER BY starts at t[o]: one at the
 * same brace depth, before it, inside the same group (a sub-select's
 * GROUP BY does not order the outer rows).  Returns the index of its first
 * key, or 0. */
static size_t own_group_by(const nkg_qtoken *t, size_t o)
{
	size_t j;
	int depth = 0;

	for (j = o; j-- > 0;) {
		if (is_punct(&t[j], '}'))
			depth++;
		else if (is_punct(&t[j], '{') && depth-- == 0)
			return 0;
		else if (depth == 0 && is_word(&t[j], "GROUP") && is_word(&t[j + 1], "BY"))
			return j + 2;
	}
	return 0;
}

/* rasqal sorts grouped rows by reading the keys of the next group, so
 * the order is right only for the GROUP BY variables, in their order,
 * ascending.  Checked for every SELECT that has both. */
static const nkg_qtoken *grouped_order(const nkg_qtoken *t, size_t n)
{
	size_t i, g, o;

	for (i = 0; i + 1 < n; i++) {
		if (!is_word(&t[i], "ORDER") || !is_word(&t[i + 1], "BY") ||
		    !(g = own_group_by(t, i)))
			continue;
		for (o = i + 2; o < n && t[o].p[0] == '?'; o++, g++) {
			if (g >= n || t[g].len != t[o].len || strncmp(t[g].p, t[o].p, t[o].len))
				return &t[o];
		}
		if (o < n && !is_word(&t[o], "LIMIT") && !is_word(&t[o], "OFFSET") &&
		    !is_word(&t[o], "VALUES") && !is_punct(&t[o], '}'))
			return &t[o]; /* DESC(...), ASC(...), an expression */
	}
	return NULL;
}

static const char *const aggregates[] = {"COUNT", "SUM", "AVG", "MIN", "MAX",
                                         "SAMPLE", "GROUP_CONCAT"};

/* The text of the aggregate call at t[i] up to its closing parenthesis. */
static size_t call_end(const nkg_qtoken *t, size_t n, size_t i)
{
	int depth = 0;
	for (i++; i < n; i++) {
		if (t[i].p[0] == '(' && t[i].len == 1)
			depth++;
		else if (t[i].p[0] == ')' && t[i].len == 1 && --depth == 0)
			return i;
	}
	return n;
}

static int same_call(const nkg_qtoken *t, size_t a, size_t b, size_t n)
{
	size_t ea = call_end(t, n, a), eb = call_end(t, n, b);

	if (ea - a != eb - b)
		return 0;
	for (; a <= ea && a < n; a++, b++) {
		if (t[a].len != t[b].len || strncasecmp(t[a].p, t[b].p, t[a].len))
			return 0;
	}
	return 1;
}

/* rasqal merges two aggregates of the same function, whatever their
 * arguments: COUNT(?x) and COUNT(DISTINCT ?y) both give the first. */
static const nkg_qtoken *twin_aggregate(const nkg_qtoken *t, size_t n)
{
	size_t i, j, k;

	for (k = 0; k < sizeof aggregates / sizeof *aggregates; k++)
		for (i = 0; i + 1 < n; i++) {
			if (!is_word(&t[i], aggregates[k]) || t[i + 1].p[0] != '(')
				continue;
			if (i + 2 < n && t[i + 2].p[0] == '*')
				continue; /* COUNT(*) is told apart */
			for (j = i + 1; j + 1 < n; j++) {
				if (is_word(&t[j], aggregates[k]) && t[j + 1].p[0] == '(' &&
				    !(j + 2 < n && t[j + 2].p[0] == '*') && !same_call(t, i, j, n))
					return &t[j];
			}
		}
	return NULL;
}

/* rasqal 0.9.33 sorts the values an aggregate DISTINCT has seen with no
 * comparison flags, under which IRIs do not compare: whether a repeated
 * IRI is counted again depends on the order rows arrive in (3 for
 * a1 a1 a2 in one order, 2 in another). */
static const nkg_qtoken *distinct_aggregate(const nkg_qtoken *t, size_t n)
{
	size_t i, k;

	for (i = 0; i + 2 < n; i++)
		for (k = 0; k < sizeof aggregates / sizeof *aggregates; k++)
			if (is_word(&t[i], aggregates[k]) && t[i + 1].p[0] == '(' &&
			    is_word(&t[i + 2], "DISTINCT"))
				return &t[i];
	return NULL;
}

/* rasqal 0.9.33 reads freed memory in STRBEFORE and STRAFTER (found by
 * AddressSanitizer on the example queries). */
static const nkg_qtoken *unsafe_function(const nkg_qtoken *t, size_t n)
{
	size_t i;
	for (i = 0; i + 1 < n; i++) {
		if ((is_word(&t[i], "STRAFTER") || is_word(&t[i], "STRBEFORE")) &&
		    t[i + 1].p[0] == '(')
			return &t[i];
	}
	return NULL;
}

static nkg_status check_text(nkg_world *world, const char *text, const char *source)
{
	size_t n;
	nkg_qtoken *t = nkg_qlex_tokens(text, 0, &n);
	const nkg_qtoken *bad;
	nkg_status rc = NKG_SUCCESS;
	char word[64];

	if (!t)
		return NKG_ERR_NOMEM;
	if ((bad = unsafe_function(t, n))) {
		snprintf(word, sizeof word, "%.*s", (int)(bad->len < 60 ? bad->len : 60), bad->p);
		rc = refuse(world, source, bad->line, bad->column,
		            "STRBEFORE / STRAFTER (rasqal reads freed memory in them; "
		            "use SUBSTR, REPLACE or IF)", word);
	} else if ((bad = distinct_aggregate(t, n))) {
		snprintf(word, sizeof word, "%.*s(DISTINCT", (int)(bad->len < 40 ? bad->len : 40), bad->p);
		rc = refuse(world, source, bad->line, bad->column,
		            "DISTINCT inside an aggregate (rasqal's result depends on "
		            "row order; count the rows of a SELECT DISTINCT sub-query)", word);
	} else if ((bad = twin_aggregate(t, n))) {
		snprintf(word, sizeof word, "%.*s", (int)(bad->len < 60 ? bad->len : 60), bad->p);
		rc = refuse(world, source, bad->line, bad->column,
		            "two different aggregates of one function (rasqal gives "
		            "both the value of the first)", word);
	} else if ((bad = grouped_order(t, n))) {
		snprintf(word, sizeof word, "%.*s", (int)(bad->len < 60 ? bad->len : 60), bad->p);
		rc = refuse(world, source, bad->line, bad->column,
		            "ORDER BY other than the GROUP BY variables in their "
		            "order (rasqal misorders grouped rows)", word);
	}
	free(t);
	return rc;
}

/* ---- the parsed query ------------------------------------------------- */

typedef struct {
	const char *refused; /* construct found in the tree, or NULL */
	int uses_graph, uses_default;
} tree_facts;

/* rasqal joins the triple patterns after a FILTER with those before it
 * wrongly when both use the same predicate (a cross product, even in
 * rasqal's own roqet); a FILTER means the same anywhere in its group, so
 * asking for it at the end costs the user nothing. */
static int filter_before_triples(rasqal_graph_pattern *gp)
{
	rasqal_graph_pattern *sub;
	int i, filter = 0;

	if (rasqal_graph_pattern_get_operator(gp) != RASQAL_GRAPH_PATTERN_OPERATOR_GROUP)
		return 0;
	for (i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i)); i++) {
		rasqal_graph_pattern_operator op = rasqal_graph_pattern_get_operator(sub);
		if (op == RASQAL_GRAPH_PATTERN_OPERATOR_FILTER)
			filter = 1;
		else if (filter && op == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC &&
		         rasqal_graph_pattern_get_triple(sub, 0))
			return 1;
	}
	return 0;
}

static void walk(rasqal_graph_pattern *gp, int in_graph, tree_facts *t)
{
	rasqal_graph_pattern *sub;
	int i;

	if (filter_before_triples(gp))
		t->refused = "a FILTER before triple patterns of its group (rasqal "
		             "can join the patterns across it wrongly; move the "
		             "FILTER to the end of the group, where it means the same)";

	switch (rasqal_graph_pattern_get_operator(gp)) {
	case RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
		t->refused = "MINUS (rasqal parses it, then ignores it)";
		break;
	case RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE:
		t->refused = "SERVICE (federated query)";
		break;
	case RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
		t->uses_graph = 1;
		in_graph = 1;
		break;
	case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
		if (!in_graph && rasqal_graph_pattern_get_triple(gp, 0))
			t->uses_default = 1;
		break;
	default:
		break;
	}
	for (i = 0; (sub = rasqal_graph_pattern_get_sub_graph_pattern(gp, i)); i++)
		walk(sub, in_graph, t);
}

static char *dup_uri(raptor_uri *u)
{
	return u ? strdup((const char *)raptor_uri_as_string(u)) : NULL;
}

static int collect_graphs(rasqal_query *q, nkg_query_info *info)
{
	rasqal_data_graph *dg;
	int i, n = 0;

	while (rasqal_query_get_data_graph(q, n))
		n++;
	info->from = calloc((size_t)n + 1, sizeof *info->from);
	info->named = calloc((size_t)n + 1, sizeof *info->named);
	if (!info->from || !info->named)
		return -1;
	for (i = 0; i < n; i++) {
		dg = rasqal_query_get_data_graph(q, i);
		if (dg->flags == RASQAL_DATA_GRAPH_NAMED) {
			if (!(info->named[info->n_named++] = dup_uri(dg->name_uri ? dg->name_uri : dg->uri)))
				return -1;
		} else if (!(info->from[info->n_from++] = dup_uri(dg->uri))) {
			return -1;
		}
	}
	return 0;
}

static nkg_status parse_failed(nkg_world *world, const char *text,
                               const char *source, const char *base,
                               const captured *cap)
{
	finding f;
	size_t line = cap->line > 0 ? (size_t)cap->line : 0;
	size_t column = cap->column > 0 ? (size_t)cap->column : 0;

	memset(&f, 0, sizeof f);
	scan(text, &f);
	if (f.what)
		return refuse(world, source, f.line, f.column, f.what, f.token);
	if (cap->seen)
		nkg_query_locate(text, base, &line, &column);
	nkg_world_report_at(world, NKG_ERR_QUERY, source, line, column, NKG_NO_OFFSET,
	                    "%s", cap->seen ? cap->message : "the query does not parse");
	return NKG_ERR_QUERY;
}

static nkg_status check_parsed(nkg_world *world, rasqal_query *q,
                               const char *source, nkg_query_info *info)
{
	tree_facts t = {NULL, 0, 0};
	rasqal_graph_pattern *gp = rasqal_query_get_query_graph_pattern(q);
	rasqal_query_verb verb = rasqal_query_get_verb(q);

	if (verb != RASQAL_QUERY_VERB_SELECT && verb != RASQAL_QUERY_VERB_ASK &&
	    verb != RASQAL_QUERY_VERB_CONSTRUCT && verb != RASQAL_QUERY_VERB_DESCRIBE)
		return refuse(world, source, 0, 0, "SPARQL Update", NULL);
	if (gp)
		walk(gp, 0, &t);
	if (t.refused)
		return refuse(world, source, 0, 0, t.refused, NULL);
	info->uses_graph = t.uses_graph;
	info->uses_default = t.uses_default;
	return collect_graphs(q, info) ? NKG_ERR_NOMEM : NKG_SUCCESS;
}

nkg_status nkg_query_check(nkg_world *world, const char *text,
                           const char *source, const char *base,
                           nkg_query_info *info)
{
	/* Its own raptor world too: rasqal installs its log handler there,
	 * and must not take over the one librdf's parsers report through. */
	rasqal_world *rw = rasqal_new_world();
	raptor_world *raptor;
	rasqal_query *q = NULL;
	raptor_uri *base_uri = NULL;
	captured cap;
	nkg_status rc = NKG_ERR_NOMEM;

	memset(info, 0, sizeof *info);
	memset(&cap, 0, sizeof cap);
	if (!rw)
		return NKG_ERR_NOMEM;
	if (rasqal_world_open(rw) == 0 && (raptor = rasqal_world_get_raptor(rw)) &&
	    (rasqal_world_set_log_handler(rw, &cap, on_rasqal_log), 1) &&
	    (q = rasqal_new_query(rw, "sparql", NULL)) &&
	    (base_uri = raptor_new_uri(raptor, (const unsigned char *)base))) {
		if (rasqal_query_prepare(q, (const unsigned char *)text, base_uri) || cap.seen)
			rc = parse_failed(world, text, source, base, &cap);
		else if ((rc = check_parsed(world, q, source, info)) == NKG_SUCCESS)
			rc = check_text(world, text, source);
	}
	raptor_free_uri(base_uri);
	if (q)
		rasqal_free_query(q);
	rasqal_free_world(rw);
	if (rc != NKG_SUCCESS)
		nkg_query_info_clear(info);
	return rc;
}

static void free_list(char **list, size_t n)
{
	size_t i;
	for (i = 0; list && i < n; i++)
		free(list[i]);
	free(list);
}

void nkg_query_info_clear(nkg_query_info *info)
{
	if (!info)
		return;
	free_list(info->from, info->n_from);
	free_list(info->named, info->n_named);
	memset(info, 0, sizeof *info);
}
