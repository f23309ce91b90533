/* nkg_extractor_run: the reader and the committer in the calling thread,
 * the analysis and the rendering of articles on all threads.
 *
 * Articles sit in a ring of slots, numbered in reader order, and go
 *   queued -> analysed (any thread) -> named (the calling thread, in order)
 *   -> rendered (any thread) -> written (the calling thread, in order).
 * Naming (slugs, incidents shared across articles) and writing (the run's
 * shared triples, the output's order) need the articles in order; the
 * rest does not, so whatever finishes first, articles are named and
 * written in reader order and the output does not depend on the number of
 * threads.  -j N is the calling thread and N - 1 workers: when it has
 * nothing to name, write or read, the calling thread analyses or renders
 * too, so N threads share N cores rather than N + 1.  The ring's size
 * bounds the articles in memory.  Analysing and rendering touch nothing
 * shared but their slot and the read-only lexicon, and never report:
 * failures travel in the slot and are reported by the calling thread, in
 * order. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extract_impl.h"

#define SLOTS_PER_JOB 8
#define MAX_JOBS 256
#define FILL_BATCH 4

typedef enum {
	SLOT_FREE,
	SLOT_QUEUED, SLOT_ANALYSING, SLOT_ANALYSED, /* worker's, then named */
	SLOT_TO_RENDER, SLOT_RENDERING, SLOT_RENDERED, /* worker's, then written */
	SLOT_FINISHED /* named, nothing to write: failed, or kept by the run */
} slot_state;

typedef struct {
	nkg_article *article;
	nkg_analysed result;
	nkg_status status;
	nkg_render *render; /* made on first use, reused */
	slot_state state;
} slot;

typedef struct {
	const nkg_lexicon *lex;
	const char *base;
	nkg_syntax syntax;
	pthread_mutex_t mu;
	pthread_cond_t work; /* a slot can be analysed or rendered, or the end */
	pthread_cond_t done; /* a slot was analysed or rendered */
	slot *ring;
	size_t cap;
	/* sequence numbers: head <= named <= tail, next <= tail */
	size_t head;         /* next to write and free */
	size_t named;        /* next to name */
	size_t *to_render;   /* named slots waiting for a renderer, FIFO: */
	size_t rq_head, rq_tail; /* to_render[rq_head..rq_tail) modulo cap */
	size_t next;         /* next to analyse */
	size_t tail;         /* next to fill */
	int closing;         /* everything is written: workers leave */
	int aborting;        /* stop now */
	/* who sleeps, so that nobody is woken for nothing: a wake-up is a
	 * system call, and in a virtual machine a slow one */
	unsigned idle;       /* workers waiting for a job */
	int waiting;         /* the calling thread waits for the head */
} pipeline;
typedef struct {
	pipeline *p;
	nkg_segmenter *seg;
	pthread_t thread;
	int started;
} worker;

typedef struct {
	const nkg_run_options *opts;
	nkg_reader *reader;
	const nkg_extractor *x;
	struct timespec start;
	double next_at;
} progress_clock;

/* ---- progress ----------------------------------------------------------- */

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static double interval(const nkg_run_options *o)
{
	return o->progress_interval > 0 ? o->progress_interval : 0.25;
}

/* Calls the progress function when it is due, or always with `force`. */
static void progress_tick(progress_clock *pc, int force)
{
	nkg_progress p;
	double now;

	if (!pc->opts->progress)
		return;
	now = since(&pc->start);
	if (!force && now < pc->next_at)
		return;
	pc->next_at = now + interval(pc->opts);
	p.articles = nkg_extractor_stats(pc->x).articles + nkg_extractor_stats(pc->x).errors;
	nkg_reader_bytes(pc->reader, &p.bytes_read, &p.bytes_total);
	p.seconds = now;
	pc->opts->progress(pc->opts->progress_handle, &p);
}

/* ---- one thread ----------------------------------------------------------- */

static int fatal(nkg_status st)
{
	return st == NKG_ERR_NOMEM || st == NKG_ERR_IO;
}

static nkg_status run_alone(nkg_extractor *x, nkg_reader *reader, progress_clock *pc)
{
	nkg_article *a;
	nkg_status st;

	while ((st = nkg_reader_next(reader, &a)) == NKG_SUCCESS) {
		st = nkg_extractor_add_text(x, a); /* the reader's: text already */
		nkg_article_free(a);
		if (fatal(st))
			return st;
		progress_tick(pc, 0);
	}
	return st == NKG_END ? NKG_SUCCESS : st;
}

/* ---- workers -------------------------------------------------------------- */

/* The next job, rendering before analysis: a slot waiting to be rendered
 * holds up the output.  NULL when there is none.  Jobs are found through
 * counters and a queue, never by looking at slots the calling thread may
 * be busy with. */
static slot *take_job(pipeline *p)
{
	slot *s;

	if (p->rq_head < p->rq_tail) {
		s = &p->ring[p->to_render[p->rq_head++ % p->cap] % p->cap];
		s->state = SLOT_RENDERING;
		return s;
	}
	if (p->next < p->tail) {
		s = &p->ring[p->next++ % p->cap];
		s->state = SLOT_ANALYSING;
		return s;
	}
	return NULL;
}

static void do_job(worker *w, slot *s)
{
	pipeline *p = w->p;

	if (s->state == SLOT_ANALYSING) {
		s->status = nkg_analyse(w->seg, p->lex, p->base, s->article, &s->result);
		return;
	}
	if (!s->render && !(s->render = nkg_render_new()))
		return; /* the committer reports it */
	nkg_render_doc(s->render, p->syntax, s->result.doc);
}

static void *work(void *arg)
{
	worker *w = arg;
	pipeline *p = w->p;
	slot *s;

	pthread_mutex_lock(&p->mu);
	while (!p->aborting && !p->closing) {
		if (!(s = take_job(p))) {
			p->idle++;
			pthread_cond_wait(&p->work, &p->mu);
			p->idle--;
			continue;
		}
		pthread_mutex_unlock(&p->mu);
		do_job(w, s);
		pthread_mutex_lock(&p->mu);
		s->state = s->state == SLOT_ANALYSING ? SLOT_ANALYSED : SLOT_RENDERED;
		/* only the slot the calling thread is at lets it go on */
		if (p->waiting && (s == &p->ring[p->named % p->cap] || s == &p->ring[p->head % p->cap]))
			pthread_cond_signal(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* w[0] is the calling thread, with the extractor's own segmenter `own`. */
static int workers_start(pipeline *p, worker *w, unsigned n, nkg_segmenter *own)
{
	unsigned i;

	w[0].p = p;
	w[0].seg = own;
	for (i = 1; i < n; i++) {
		w[i].p = p;
		if (!(w[i].seg = nkg_segmenter_new()))
			return -1;
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
			return -1;
		w[i].started = 1;
	}
	return 0;
}

static void workers_stop(pipeline *p, worker *w, unsigned n, int abort_now)
{
	unsigned i;

	pthread_mutex_lock(&p->mu);
	p->closing = 1;
	p->aborting |= abort_now;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (i = 1; i < n; i++) { /* w[0]: the calling thread, its segmenter lent */
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
		nkg_segmenter_free(w[i].seg);
	}
}

/* ---- the calling thread ------------------------------------------------------ */

/* The calling thread works on runs of slots with the lock let go: a
 * worker only takes a slot below p->tail at p->next, or one the to_render
 * queue names, so it never looks at a slot that is analysed and not yet
 * named, rendered, finished, or free at or above p->tail.  Publishing a
 * run (moving p->named, p->head or p->tail) takes the lock once. */

/* Names the analysed slots at p->named, in order.  Called and returns
 * with the lock held. */
static nkg_status name_ready(pipeline *p, nkg_extractor *x)
{
	int writing = nkg_extractor_writer(x) != NULL;
	size_t from = p->named, to = from, i;
	nkg_status st = NKG_SUCCESS;
	slot *s;

	while (to < p->tail && p->ring[to % p->cap].state == SLOT_ANALYSED)
		to++;
	if (to == from)
		return NKG_SUCCESS;
	pthread_mutex_unlock(&p->mu);
	for (i = from; i < to && !fatal(st); i++) {
		s = &p->ring[i % p->cap];
		st = nkg_extractor_name(x, s->article, s->status, &s->result);
		s->state = writing && st == NKG_SUCCESS ? SLOT_TO_RENDER : SLOT_FINISHED;
	}
	pthread_mutex_lock(&p->mu);
	for (to = from; to < i; to++)
		if (p->ring[to % p->cap].state == SLOT_TO_RENDER)
			p->to_render[p->rq_tail++ % p->cap] = to;
	p->named = i;
	if (writing && p->idle)
		pthread_cond_broadcast(&p->work);
	return fatal(st) ? st : NKG_SUCCESS;
}

/* Writes the rendered (or finished) slots at p->head, in order, and frees
 * them.  Called and returns with the lock held. */
static nkg_status put_ready(pipeline *p, nkg_extractor *x, progress_clock *pc)
{
	size_t from = p->head, to = from, i;
	nkg_status st = NKG_SUCCESS;
	slot *s;

	while (to < p->named && (p->ring[to % p->cap].state == SLOT_RENDERED ||
	                         p->ring[to % p->cap].state == SLOT_FINISHED))
		to++;
	if (to == from)
		return NKG_SUCCESS;
	pthread_mutex_unlock(&p->mu);
	for (i = from; i < to && !fatal(st); i++) {
		s = &p->ring[i % p->cap];
		if (s->state == SLOT_RENDERED)
			st = s->render ? nkg_extractor_put(x, &s->result, s->render) : NKG_ERR_NOMEM;
		nkg_analysed_clear(&s->result);
		nkg_article_free(s->article);
		s->article = NULL;
		s->state = SLOT_FREE;
		progress_tick(pc, 0);
	}
	pthread_mutex_lock(&p->mu);
	p->head = i;
	return fatal(st) ? st : NKG_SUCCESS;
}

/* Reads articles into the free slots at p->tail.  Called and returns with
 * the lock held; *eof is set at the end of the input. */
static nkg_status fill(pipeline *p, nkg_reader *reader, int *eof)
{
	size_t from = p->tail, to = from, room = p->cap - (p->tail - p->head);

	nkg_article *a = NULL;
	nkg_status st = NKG_SUCCESS;

	/* a few at a time: workers wait for what is read */
	if (room > FILL_BATCH)
		room = FILL_BATCH;
	pthread_mutex_unlock(&p->mu);
	while (to - from < room) {
		if ((st = nkg_reader_next(reader, &a)) != NKG_SUCCESS)
			break;
		p->ring[to % p->cap].article = a;
		p->ring[to % p->cap].state = SLOT_QUEUED;
		to++;
	}
	pthread_mutex_lock(&p->mu);
	p->tail = to;
	if (to > from && p->idle)
		pthread_cond_broadcast(&p->work);
	if (st == NKG_END)
		*eof = 1;
	return st == NKG_END ? NKG_SUCCESS : st;
}

/* Waits until a slot is analysed or the next progress call is due. */
static void wait_done(pipeline *p, const progress_clock *pc)
{
	struct timespec until;
	double wait = pc->opts->progress ? interval(pc->opts) : 1.0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += (time_t)wait;
	until.tv_nsec += (long)((wait - (double)(time_t)wait) * 1e9);
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	p->waiting = 1;
	pthread_cond_timedwait(&p->done, &p->mu, &until);
	p->waiting = 0;
}

/* The calling thread's loop: name, write, read, and when there is
 * nothing of that to do, analyse or render like a worker (`self`), so that
 * -j N keeps N threads busy, not N + 1 on N cores. */
static nkg_status drive(pipeline *p, worker *self, nkg_extractor *x, nkg_reader *reader,
                        progress_clock *pc)
{
	nkg_status st = NKG_SUCCESS;
	slot *job;
	int eof = 0;

	pthread_mutex_lock(&p->mu);
	while (st == NKG_SUCCESS) {
		size_t named = p->named, head = p->head;
		if ((st = name_ready(p, x)) != NKG_SUCCESS ||
		    (st = put_ready(p, x, pc)) != NKG_SUCCESS)
			break;
		if (eof && p->head == p->tail)
			break;
		/* Naming or writing let the lock go: a worker that finished the
		 * next slot meanwhile saw nobody waiting and woke nobody.  Look
		 * again before sleeping, or that slot waits for the timeout. */
		if (p->named != named || p->head != head)
			continue;
		if (!eof && p->tail - p->head < p->cap) {
			st = fill(p, reader, &eof);
			continue;
		}
		if ((job = take_job(p)) != NULL) {
			/* nothing to name, write or read: lend a hand */
			pthread_mutex_unlock(&p->mu);
			do_job(self, job);
			pthread_mutex_lock(&p->mu);
			job->state = job->state == SLOT_ANALYSING ? SLOT_ANALYSED : SLOT_RENDERED;
			continue;
		}
		wait_done(p, pc);
		/* perhaps woken by the clock: a slow article holds the head */
		pthread_mutex_unlock(&p->mu);
		progress_tick(pc, 0);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return st;
}

static unsigned jobs_of(const nkg_run_options *o)
{
	long n = o->jobs ? (long)o->jobs : sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	return n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

static nkg_status run_threads(nkg_extractor *x, nkg_reader *reader, unsigned jobs,
                              progress_clock *pc)
{
	pipeline p;
	worker *w = calloc(jobs, sizeof *w);
	nkg_status st;
	size_t i;

	memset(&p, 0, sizeof p);
	p.lex = nkg_extractor_lexicon(x);
	p.base = nkg_extractor_base(x);
	if (nkg_extractor_writer(x))
		p.syntax = nkg_writer_syntax(nkg_extractor_writer(x));
	p.cap = (size_t)jobs * SLOTS_PER_JOB;
	p.ring = calloc(p.cap, sizeof *p.ring);
	p.to_render = calloc(p.cap, sizeof *p.to_render);
	if (!w || !p.ring || !p.to_render) {
		free(w);
		free(p.ring);
		free(p.to_render);
		return NKG_ERR_NOMEM;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	st = workers_start(&p, w, jobs, nkg_extractor_segmenter(x)) ? NKG_ERR_NOMEM : NKG_SUCCESS;
	if (st == NKG_SUCCESS)
		st = drive(&p, &w[0], x, reader, pc);
	workers_stop(&p, w, jobs, st != NKG_SUCCESS);
	for (i = 0; i < p.cap; i++) { /* what a stopped run left in flight */
		nkg_article_free(p.ring[i].article);
		nkg_analysed_clear(&p.ring[i].result);
		nkg_render_free(p.ring[i].render);
	}
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.work);
	pthread_mutex_destroy(&p.mu);
	free(p.ring);
	free(p.to_render);
	free(w);
	return st;
}

nkg_status nkg_extractor_run(nkg_extractor *x, nkg_reader *reader,
                             const nkg_run_options *opts)
{
	static const nkg_run_options defaults = {0, NULL, NULL, 0};
	progress_clock pc;
	unsigned jobs;
	nkg_status st;

	if (!x || !reader)
		return NKG_ERR_ARG;
	memset(&pc, 0, sizeof pc);
	pc.opts = opts ? opts : &defaults;
	pc.reader = reader;
	pc.x = x;
	clock_gettime(CLOCK_MONOTONIC, &pc.start);
	jobs = jobs_of(pc.opts);
	st = jobs == 1 ? run_alone(x, reader, &pc) : run_threads(x, reader, jobs, &pc);
	progress_tick(&pc, 1);
	return st;
}
