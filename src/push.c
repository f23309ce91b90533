/* Push: a store's graphs to a Graph Store Protocol endpoint, one PUT each.
 *
 * The graph is serialised to N-Triples in memory, then sent whole: a body
 * is one article (a few kB), or for a merged push the whole store, which
 * the store already holds in memory or on disk anyway. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <redland.h>

#include "newskg/newskg.h"
#include "store_impl.h"
#include "world_impl.h"

/* Enough of the server's answer to explain a refusal. */
#define MAX_REPLY 8192
/* What is shown of it. */
#define MAX_SHOWN 300
#define MAX_JOBS 64
#define DEFAULT_JOBS 1
/* A request that may succeed when sent again goes up to this many times. */
#define MAX_TRIES 4

/* One PUT in flight: its own handle (which keeps its connection open for
 * the next graph), body and answer. */
typedef struct {
	CURL *curl;
	int busy;
	int tries;       /* requests sent for this graph so far */
	int waiting;     /* out of the multi handle until retry_at */
	double retry_at; /* CLOCK_MONOTONIC seconds */
	char *graph;
	char *url;
	unsigned char *body; /* librdf's memory */
	size_t len, lines;
	char reply[MAX_REPLY + 1];
	size_t reply_len;
	char curl_error[CURL_ERROR_SIZE];
} transfer;

struct nkg_push {
	nkg_world *world;
	CURLM *multi;
	struct curl_slist *headers;
	char *endpoint;
	char *userpwd;
	long timeout;
	int jobs;
	transfer slots[MAX_JOBS];
	/* Per nkg_push_store(): counts, the status so far, and whether to stop. */
	nkg_push_stats *stats;
	nkg_status status;
	int stop;
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
	/* Every PUT carries these.  No "Expect: 100-continue": it costs a
	 * round trip per large graph. */
	if (!(p = calloc(1, sizeof *p)) || !(p->endpoint = copy(endpoint)) ||
	    !(p->multi = curl_multi_init()) ||
	    !(p->headers = curl_slist_append(NULL, "Content-Type: application/n-triples")) ||
	    !curl_slist_append(p->headers, "Expect:")) {
		nkg_push_free(p);
		nkg_world_report(world, NKG_ERR_NOMEM, endpoint, 0, NKG_NO_OFFSET,
		                 "cannot start an HTTP client");
		return NKG_ERR_NOMEM;
	}
	p->world = world;
	p->jobs = DEFAULT_JOBS;
	*out = p;
	return NKG_SUCCESS;
}

static void release(transfer *t)
{
	free(t->graph);
	free(t->url);
	if (t->body)
		librdf_free_memory(t->body);
	t->graph = t->url = NULL;
	t->body = NULL;
	t->busy = t->waiting = t->tries = 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void nkg_push_free(nkg_push *push)
{
	int i;

	if (!push)
		return;
	for (i = 0; i < MAX_JOBS; i++) {
		transfer *t = &push->slots[i];
		if (t->curl) {
			if (t->busy)
				curl_multi_remove_handle(push->multi, t->curl);
			curl_easy_cleanup(t->curl);
		}
		release(t);
	}
	if (push->multi)
		curl_multi_cleanup(push->multi);
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

nkg_status nkg_push_set_jobs(nkg_push *push, int jobs)
{
	if (jobs < 1 || jobs > MAX_JOBS)
		return NKG_ERR_ARG;
	push->jobs = jobs;
	return NKG_SUCCESS;
}

/* Keeps the start of the server's answer, drops the rest. */
static size_t on_reply(char *data, size_t size, size_t n, void *handle)
{
	transfer *t = handle;
	size_t len = size * n, room = MAX_REPLY - t->reply_len;

	if (len < room)
		room = len;
	memcpy(t->reply + t->reply_len, data, room);
	t->reply_len += room;
	t->reply[t->reply_len] = '\0';
	return len;
}

/* The server's message on one line: markup dropped (servers answer errors
 * in HTML), white space collapsed, cut at MAX_SHOWN bytes on a character
 * boundary.  Works in place. */
static const char *reply_text(transfer *t)
{
	char *r = t->reply, *w = t->reply;
	int in_tag = 0, space = 1;

	for (; *r; r++) {
		if (*r == '<')
			in_tag = 1;
		if (in_tag || isspace((unsigned char)*r)) {
			if (*r == '>')
				in_tag = 0;
			if (!space && w != t->reply)
				*w++ = ' ';
			space = 1;
			continue;
		}
		*w++ = *r;
		space = 0;
	}
	while (w > t->reply && w[-1] == ' ')
		w--;
	if (w - t->reply > MAX_SHOWN) {
		w = t->reply + MAX_SHOWN;
		while ((*w & 0xC0) == 0x80)
			w--;
	}
	*w = '\0';
	return t->reply;
}

/* ENDPOINT?graph=ESCAPED or ENDPOINT&graph=ESCAPED; NULL without memory. */
static char *graph_url(const nkg_push *p, CURL *curl, const char *graph)
{
	char *esc = curl_easy_escape(curl, graph, 0);
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

static void failed(nkg_push *p, nkg_status st, int fatal)
{
	p->stats->failed++;
	if (p->status == NKG_SUCCESS || fatal)
		p->status = st;
	if (fatal)
		p->stop = 1;
}

/* Worth sending again: PUT is idempotent, and these say "not now" rather
 * than "never" (Virtuoso answers 500 "SR172: Transaction deadlocked" when
 * two PUTs collide; a kept-alive connection may be closed under us). */
static int retryable(CURLcode rc, long code)
{
	if (rc == CURLE_GOT_NOTHING || rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR)
		return 1;
	return rc == CURLE_OK && (code == 408 || code == 429 || code == 500 ||
	                          code == 502 || code == 503 || code == 504);
}

static int launch(nkg_push *p, transfer *t)
{
	t->reply_len = 0;
	t->reply[0] = t->curl_error[0] = '\0';
	t->waiting = 0;
	t->tries++;
	return curl_multi_add_handle(p->multi, t->curl) == CURLM_OK ? 0 : -1;
}

/* A PUT has ended: sends it again later if it may succeed then, else
 * counts it or reports why the server did not take it.  Statuses every
 * other graph would get too (no such endpoint, no right to write, no PUT)
 * and network failures stop the push.  Returns 1 when the slot is free. */
static int finish(nkg_push *p, transfer *t, CURLcode rc, int slot)
{
	long code = 0;
	char tries[32] = "";

	curl_multi_remove_handle(p->multi, t->curl);
	curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
	if (retryable(rc, code) && t->tries < MAX_TRIES && !p->stop) {
		/* 0.25 s, 0.5 s, 1 s, spread by slot so that colliding
		 * requests do not collide again. */
		t->waiting = 1;
		p->stats->retried++;
		t->retry_at = now() + 0.125 * (1 << t->tries) + 0.03 * slot;
		return 0;
	}
	if (t->tries > 1)
		snprintf(tries, sizeof tries, " (%d tries)", t->tries);
	if (rc != CURLE_OK) {
		nkg_world_report(p->world, NKG_ERR_NETWORK, p->endpoint, 0, NKG_NO_OFFSET,
		                 "graph <%s>: %s%s", t->graph,
		                 t->curl_error[0] ? t->curl_error : curl_easy_strerror(rc),
		                 tries);
		failed(p, NKG_ERR_NETWORK, 1);
	} else if (code >= 200 && code < 300) {
		p->stats->graphs++;
		p->stats->statements += t->lines;
		p->stats->bytes += t->len;
	} else {
		nkg_world_report(p->world, NKG_ERR_HTTP, p->endpoint, 0, NKG_NO_OFFSET,
		                 "graph <%s>: HTTP %ld%s%s%s%s", t->graph, code,
		                 t->reply_len ? ": " : "", reply_text(t), hint(p, code),
		                 tries);
		failed(p, NKG_ERR_HTTP, code == 401 || code == 403 || code == 404 ||
		                        code == 405 || code == 501);
	}
	release(t);
	return 1;
}

/* Sends again the transfers whose time has come; returns how many still
 * wait and, in *next, the earliest time one of them is due. */
static int relaunch_due(nkg_push *p, double *next)
{
	int i, waiting = 0;
	double t0 = now();

	*next = t0 + 1.0;
	for (i = 0; i < p->jobs; i++) {
		transfer *t = &p->slots[i];
		if (!t->busy || !t->waiting)
			continue;
		if (p->stop) { /* a fatal error elsewhere: give this one up */
			p->stats->failed++;
			release(t);
		} else if (t->retry_at <= t0) {
			if (launch(p, t)) {
				failed(p, report(p, NKG_ERR_NOMEM, "graph <%s>: %s", t->graph,
				                 "cannot send it"), 1);
				release(t);
			}
		} else {
			waiting++;
			if (t->retry_at < *next)
				*next = t->retry_at;
		}
	}
	return waiting;
}

/* Runs the transfers until a slot is free (all = 0) or all have ended. */
static void wait_for(nkg_push *p, int all)
{
	int running, left, freed = 0, waiting;
	double next;
	CURLMsg *m;

	for (;;) {
		waiting = relaunch_due(p, &next);
		if (curl_multi_perform(p->multi, &running) != CURLM_OK)
			break;
		while ((m = curl_multi_info_read(p->multi, &left))) {
			transfer *t = NULL;
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			if (finish(p, t, m->data.result, (int)(t - p->slots)))
				freed = 1;
			else
				waiting++;
		}
		if ((!all && freed) || (running == 0 && waiting == 0))
			break;
		{
			double ms = (next - now()) * 1000.0;
			curl_multi_poll(p->multi, NULL, 0,
			                ms < 1 ? 1 : ms > 1000 ? 1000 : (int)ms, NULL);
		}
	}
}

static transfer *free_slot(nkg_push *p)
{
	int i;

	for (i = 0; i < p->jobs; i++) {
		if (!p->slots[i].busy)
			return &p->slots[i];
	}
	return NULL;
}

/* Sets up the PUT of a filled slot (its handle made) and sends it. */
static int start(nkg_push *p, transfer *t)
{
	curl_easy_reset(t->curl);
	curl_easy_setopt(t->curl, CURLOPT_URL, t->url);
	curl_easy_setopt(t->curl, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(t->curl, CURLOPT_POSTFIELDS, (const char *)t->body);
	curl_easy_setopt(t->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->len);
	curl_easy_setopt(t->curl, CURLOPT_HTTPHEADER, p->headers);
	curl_easy_setopt(t->curl, CURLOPT_WRITEFUNCTION, on_reply);
	curl_easy_setopt(t->curl, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(t->curl, CURLOPT_PRIVATE, (char *)t);
	curl_easy_setopt(t->curl, CURLOPT_ERRORBUFFER, t->curl_error);
	curl_easy_setopt(t->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->curl, CURLOPT_TIMEOUT, p->timeout);
	curl_easy_setopt(t->curl, CURLOPT_USERAGENT, "newskg/" NKG_VERSION);
	if (p->userpwd) {
		curl_easy_setopt(t->curl, CURLOPT_USERPWD, p->userpwd);
		curl_easy_setopt(t->curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
	}
	t->busy = 1;
	return launch(p, t);
}

/* Serialises `stream` (consumed and freed) to N-Triples and starts its
 * PUT in a free slot (there must be one). */
static void send_stream(nkg_push *p, librdf_stream *stream, const char *graph)
{
	librdf_serializer *ser = librdf_new_serializer(p->world->rdf, "ntriples",
	                                               NULL, NULL);
	transfer *t = free_slot(p);
	size_t i;

	if (ser && stream)
		t->body = librdf_serializer_serialize_stream_to_counted_string(
			ser, NULL, stream, &t->len);
	if (stream)
		librdf_free_stream(stream);
	if (ser)
		librdf_free_serializer(ser);
	if (!t->body) {
		report(p, NKG_ERR_RDF, "graph <%s>: %s", graph, "cannot serialise it");
		failed(p, NKG_ERR_RDF, 0);
		return;
	}
	t->lines = 0;
	for (i = 0; i < t->len; i++)
		t->lines += t->body[i] == '\n'; /* N-Triples: a statement per line */
	if (!(t->graph = copy(graph)) ||
	    (!t->curl && !(t->curl = curl_easy_init())) ||
	    !(t->url = graph_url(p, t->curl, graph)) || start(p, t)) {
		release(t);
		report(p, NKG_ERR_NOMEM, "graph <%s>: %s", graph, "out of memory");
		failed(p, NKG_ERR_NOMEM, 1);
	}
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
		char *s;
		if (!g || !librdf_node_is_resource(g))
			continue; /* newskg names graphs by IRI only */
		s = copy((const char *)librdf_uri_as_string(librdf_node_get_uri(g)));
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

/* The first graph goes alone: a wrong endpoint or password then costs one
 * refused request, not one per slot. */
static void push_each(nkg_push *p, nkg_store *store)
{
	char **names = NULL;
	size_t n = 0, i;

	if (graph_names(store, &names, &n)) {
		report(p, NKG_ERR_NOMEM, "%s%s", "cannot list the store's graphs", "");
		failed(p, NKG_ERR_NOMEM, 1);
	}
	for (i = 0; i < n && !p->stop; i++) {
		librdf_node *g = librdf_new_node_from_uri_string(
			p->world->rdf, (const unsigned char *)names[i]);
		if (!free_slot(p))
			wait_for(p, 0);
		if (p->stop) {
			if (g)
				librdf_free_node(g);
			break;
		}
		if (g)
			send_stream(p, librdf_model_context_as_stream(store->model, g), names[i]);
		else
			failed(p, report(p, NKG_ERR_NOMEM, "graph <%s>: %s", names[i],
			                 "out of memory"), 1);
		if (g)
			librdf_free_node(g);
		if (i == 0)
			wait_for(p, 1);
	}
	wait_for(p, 1);
	if (p->stop)
		p->stats->failed += n - i;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void push_merged(nkg_push *p, nkg_store *store, const char *graph)
{
	librdf_model *view = nkg_union_view(p->world->rdf, store);

	if (!view) {
		failed(p, report(p, NKG_ERR_STORE, "graph <%s>: %s", graph,
		                 "cannot read the store"), 1);
		return;
	}
	send_stream(p, librdf_model_as_stream(view), graph);
	wait_for(p, 1);
	librdf_free_model(view);
}

nkg_status nkg_push_store(nkg_push *push, nkg_store *store, const char *graph,
                          nkg_push_stats *stats)
{
	nkg_push_stats local;
	double t0;

	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (graph && !*graph)
		return report(push, NKG_ERR_ARG, "%s%s", "empty graph IRI", "");
	t0 = now();
	push->stats = stats;
	push->status = NKG_SUCCESS;
	push->stop = 0;
	nkg_world_watch_raptor(push->world);
	if (graph)
		push_merged(push, store, graph);
	else
		push_each(push, store);
	push->stats = NULL;
	stats->seconds = now() - t0;
	return push->status;
}
