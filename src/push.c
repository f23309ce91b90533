/* Push: a store's graphs to a Graph Store Protocol endpoint, one PUT each.
 *
 * The graph is serialised to N-Triples in memory, then sent whole: a body
 * is one article (a few kB), or for a merged push the whole store, which
 * the store already holds in memory or on disk anyway. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <redland.h>

#include "newskg/newskg.h"
#include "store_impl.h"
#include "world_impl.h"

/* Enough of the server's answer to explain a refusal. */
#define MAX_REPLY 8192
/* What is shown of it. */
#define MAX_SHOWN 300

struct nkg_push {
	nkg_world *world;
	CURL *curl;
	struct curl_slist *headers;
	char *endpoint;
	char *userpwd;
	long timeout;
	char reply[MAX_REPLY + 1];
	size_t reply_len;
	char curl_error[CURL_ERROR_SIZE];
};

static char *copy(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = malloc(n);

	return c ? memcpy(c, s, n) : NULL;
}

static nkg_status report(const nkg_push *p, nkg_status st, const char *fmt,
                         const char *a, const char *b)
{
	nkg_world_report(p->world, st, p->endpoint, 0, NKG_NO_OFFSET, fmt, a, b);
	return st;
}

nkg_status nkg_push_new(nkg_world *world, const char *endpoint, nkg_push **out)
{
	nkg_push *p;

	*out = NULL;
	if (!endpoint || (strncmp(endpoint, "http://", 7) != 0 &&
	                  strncmp(endpoint, "https://", 8) != 0)) {
		nkg_world_report(world, NKG_ERR_ARG, endpoint, 0, NKG_NO_OFFSET,
		                 "not an http:// or https:// URL");
		return NKG_ERR_ARG;
	}
	if (!(p = calloc(1, sizeof *p)) || !(p->endpoint = copy(endpoint)) ||
	    !(p->curl = curl_easy_init())) {
		nkg_push_free(p);
		nkg_world_report(world, NKG_ERR_NOMEM, endpoint, 0, NKG_NO_OFFSET,
		                 "cannot start an HTTP client");
		return NKG_ERR_NOMEM;
	}
	p->world = world;
	*out = p;
	return NKG_SUCCESS;
}

void nkg_push_free(nkg_push *push)
{
	if (!push)
		return;
	if (push->curl)
		curl_easy_cleanup(push->curl);
	curl_slist_free_all(push->headers);
	free(push->endpoint);
	free(push->userpwd);
	free(push);
}

nkg_status nkg_push_set_user(nkg_push *push, const char *userpwd)
{
	char *c = NULL;

	if (userpwd && !(c = copy(userpwd)))
		return NKG_ERR_NOMEM;
	free(push->userpwd);
	push->userpwd = c;
	return NKG_SUCCESS;
}

nkg_status nkg_push_set_timeout(nkg_push *push, long seconds)
{
	if (seconds < 0)
		return NKG_ERR_ARG;
	push->timeout = seconds;
	return NKG_SUCCESS;
}

/* Keeps the start of the server's answer, drops the rest. */
static size_t on_reply(char *data, size_t size, size_t n, void *handle)
{
	nkg_push *p = handle;
	size_t len = size * n, room = MAX_REPLY - p->reply_len;

	if (len < room)
		room = len;
	memcpy(p->reply + p->reply_len, data, room);
	p->reply_len += room;
	p->reply[p->reply_len] = '\0';
	return len;
}

/* The server's message on one line: markup dropped (servers answer errors
 * in HTML), white space collapsed, cut at MAX_SHOWN bytes on a character
 * boundary.  Works in place. */
static const char *reply_text(nkg_push *p)
{
	char *r = p->reply, *w = p->reply;
	int in_tag = 0, space = 1;

	for (; *r; r++) {
		if (*r == '<')
			in_tag = 1;
		if (in_tag || isspace((unsigned char)*r)) {
			if (*r == '>')
				in_tag = 0;
			if (!space && w != p->reply)
				*w++ = ' ';
			space = 1;
			continue;
		}
		*w++ = *r;
		space = 0;
	}
	while (w > p->reply && w[-1] == ' ')
		w--;
	if (w - p->reply > MAX_SHOWN) {
		w = p->reply + MAX_SHOWN;
		while ((*w & 0xC0) == 0x80)
			w--;
	}
	*w = '\0';
	return p->reply;
}

static int prepare(nkg_push *p)
{
	if (p->headers)
		return 0;
	/* No "Expect: 100-continue": it costs a round trip per graph. */
	p->headers = curl_slist_append(NULL, "Content-Type: application/n-triples");
	if (p->headers && !curl_slist_append(p->headers, "Expect:"))
		return -1;
	return p->headers ? 0 : -1;
}

/* ENDPOINT?graph=ESCAPED or ENDPOINT&graph=ESCAPED; NULL without memory. */
static char *graph_url(nkg_push *p, const char *graph)
{
	char *esc = curl_easy_escape(p->curl, graph, 0);
	size_t n = esc ? strlen(p->endpoint) + strlen(esc) + 8 : 0;
	char *url = esc ? malloc(n) : NULL;

	if (url)
		snprintf(url, n, "%s%cgraph=%s", p->endpoint,
		         strchr(p->endpoint, '?') ? '&' : '?', esc);
	curl_free(esc);
	return url;
}

/* What to do about a refusal, when it is clear. */
static const char *hint(const nkg_push *p, long code)
{
	if (code == 401)
		return p->userpwd ? " (the user or password is wrong)"
		                  : " (the server wants a user: --user or NEWSKG_USER)";
	if (code == 404 || code == 405 || code == 501)
		return " (is this the server's Graph Store endpoint?)";
	return "";
}

/* One PUT.  Returns NKG_SUCCESS, NKG_ERR_HTTP (reported; *fatal set for
 * statuses that every other graph would get too: no such endpoint, no
 * right to write, no PUT) or NKG_ERR_NETWORK
 * (reported, fatal). */
static nkg_status put(nkg_push *p, const char *graph, const unsigned char *body,
                      size_t len, int *fatal)
{
	char *url = graph_url(p, graph);
	CURLcode rc;
	long code = 0;

	*fatal = 1;
	if (!url || prepare(p)) {
		free(url);
		return report(p, NKG_ERR_NOMEM, "graph <%s>: %s", graph, "out of memory");
	}
	curl_easy_reset(p->curl);
	p->reply_len = 0;
	p->reply[0] = p->curl_error[0] = '\0';
	curl_easy_setopt(p->curl, CURLOPT_URL, url);
	curl_easy_setopt(p->curl, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(p->curl, CURLOPT_POSTFIELDS, (const char *)body);
	curl_easy_setopt(p->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(p->curl, CURLOPT_HTTPHEADER, p->headers);
	curl_easy_setopt(p->curl, CURLOPT_WRITEFUNCTION, on_reply);
	curl_easy_setopt(p->curl, CURLOPT_WRITEDATA, p);
	curl_easy_setopt(p->curl, CURLOPT_ERRORBUFFER, p->curl_error);
	curl_easy_setopt(p->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(p->curl, CURLOPT_TIMEOUT, p->timeout);
	curl_easy_setopt(p->curl, CURLOPT_USERAGENT, "newskg/" NKG_VERSION);
	if (p->userpwd) {
		curl_easy_setopt(p->curl, CURLOPT_USERPWD, p->userpwd);
		curl_easy_setopt(p->curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
	}
	rc = curl_easy_perform(p->curl);
	free(url);
	if (rc != CURLE_OK)
		return report(p, NKG_ERR_NETWORK, "graph <%s>: %s", graph,
		              p->curl_error[0] ? p->curl_error : curl_easy_strerror(rc));
	curl_easy_getinfo(p->curl, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 200 && code < 300) {
		*fatal = 0;
		return NKG_SUCCESS;
	}
	*fatal = code == 401 || code == 403 || code == 404 || code == 405 ||
	         code == 501;
	nkg_world_report(p->world, NKG_ERR_HTTP, p->endpoint, 0, NKG_NO_OFFSET,
	                 "graph <%s>: HTTP %ld%s%s%s", graph, code,
	                 p->reply_len ? ": " : "", reply_text(p), hint(p, code));
	return NKG_ERR_HTTP;
}

/* Serialises `stream` (consumed and freed) to N-Triples and PUTs it. */
static nkg_status put_stream(nkg_push *p, librdf_stream *stream,
                             const char *graph, nkg_push_stats *stats, int *fatal)
{
	librdf_world *rdf = p->world->rdf;
	librdf_serializer *ser = librdf_new_serializer(rdf, "ntriples", NULL, NULL);
	unsigned char *body = NULL;
	size_t len = 0, i, lines = 0;
	nkg_status st;

	*fatal = 1;
	if (ser && stream)
		body = librdf_serializer_serialize_stream_to_counted_string(ser, NULL,
		                                                            stream, &len);
	if (stream)
		librdf_free_stream(stream);
	if (ser)
		librdf_free_serializer(ser);
	if (!body)
		return report(p, NKG_ERR_RDF, "graph <%s>: %s", graph,
		              "cannot serialise it");
	for (i = 0; i < len; i++)
		lines += body[i] == '\n'; /* N-Triples: one statement per line */
	st = put(p, graph, body, len, fatal);
	librdf_free_memory(body);
	if (st == NKG_SUCCESS) {
		stats->graphs++;
		stats->statements += lines;
		stats->bytes += len;
	} else {
		stats->failed++;
	}
	return st;
}

static int by_iri(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The store's graph names, sorted, in *out (free each and the array);
 * -1 without memory. */
static int graph_names(nkg_store *store, char ***out, size_t *n)
{
	librdf_iterator *it = librdf_model_get_contexts(store->model);
	char **names = NULL;
	size_t cap = 0;
	int rc = 0;

	*n = 0;
	for (; it && !librdf_iterator_end(it); librdf_iterator_next(it)) {
		librdf_node *g = librdf_iterator_get_object(it);
		librdf_uri *u = g ? librdf_node_get_uri(g) : NULL;
		char *s = u ? copy((const char *)librdf_uri_as_string(u)) : NULL;
		if (!g || !librdf_node_is_resource(g))
			continue; /* newskg names graphs by IRI only */
		if (*n == cap) {
			char **more = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
			if (!more) {
				free(s);
				rc = -1;
				break;
			}
			names = more;
		}
		if (!s) {
			rc = -1;
			break;
		}
		names[(*n)++] = s;
	}
	if (it)
		librdf_free_iterator(it);
	if (names)
		qsort(names, *n, sizeof *names, by_iri);
	*out = names;
	return rc;
}

static nkg_status push_each(nkg_push *p, nkg_store *store, nkg_push_stats *stats)
{
	char **names = NULL;
	size_t n = 0, i;
	nkg_status rc = NKG_SUCCESS;
	int fatal = 0;

	if (graph_names(store, &names, &n))
		rc = report(p, NKG_ERR_NOMEM, "%s%s", "cannot list the store's graphs", "");
	for (i = 0; i < n && !fatal && rc != NKG_ERR_NOMEM; i++) {
		librdf_node *g = librdf_new_node_from_uri_string(
			p->world->rdf, (const unsigned char *)names[i]);
		nkg_status st = g ? put_stream(p, librdf_model_context_as_stream(
		                                       store->model, g), names[i], stats, &fatal)
		                  : report(p, NKG_ERR_NOMEM, "graph <%s>: %s", names[i],
		                           "out of memory");
		if (g)
			librdf_free_node(g);
		if (st != NKG_SUCCESS)
			rc = st;
	}
	if (fatal)
		stats->failed += n - i;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

static nkg_status push_merged(nkg_push *p, nkg_store *store, const char *graph,
                              nkg_push_stats *stats)
{
	librdf_model *view = nkg_union_view(p->world->rdf, store);
	nkg_status st;
	int fatal;

	if (!view)
		return report(p, NKG_ERR_STORE, "graph <%s>: %s", graph,
		              "cannot read the store");
	st = put_stream(p, librdf_model_as_stream(view), graph, stats, &fatal);
	librdf_free_model(view);
	return st;
}

nkg_status nkg_push_store(nkg_push *push, nkg_store *store, const char *graph,
                          nkg_push_stats *stats)
{
	nkg_push_stats local;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (graph && !*graph)
		return report(push, NKG_ERR_ARG, "%s%s", "empty graph IRI", "");
	nkg_world_watch_raptor(push->world);
	return graph ? push_merged(push, store, graph, stats)
	             : push_each(push, store, stats);
}
