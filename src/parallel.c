/* parallel.c - see parallel.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parallel.h"
#include "util.h"

/* One input line of a batch: offsets into the batch's data. */
struct item {
	size_t off, len;          /* the line */
	const char *file;         /* the caller's: input names live for the whole run (sinks keep them) */
	size_t model;             /* NUL-terminated copy of the model name */
	unsigned long long lineno;
};

/* Where a result's strings and evidence lie in its batch's kept copy (NONE: not copied). */
struct kept {
	size_t text, id, model, why, warn, ev;
};

#define NONE ((size_t)-1)

/*
 * A batch of consecutive lines.  It owns the bytes of its lines, their
 * parsed records, and a copy of what each result points to in the thread's
 * worker (the analysed text when it is not a string of the record, id,
 * model, why, warn, evidence), so its results live until they are consumed.
 */
struct batch {
	struct buf data;
	struct item *items;
	struct trace_result *res; /* PAR_BATCH_LINES */
	struct cJSON **rec;       /* PAR_BATCH_LINES: each line's parsed record, or NULL */
	struct kept *kept;        /* PAR_BATCH_LINES */
	size_t n;
	struct buf keep;          /* the results' strings, one after another */
	struct match *ev;         /* the results' evidence, one after another */
	size_t nev, capev;
	int done;                 /* results ready: set under par.mu, read atomically (acquire) without it */
	int runner;               /* the thread that ran it: a worker's index, or par.me */
};

/* Parsed records consumed, waiting to be freed by the thread that parsed them. */
struct trash {
	struct cJSON **v;
	size_t n, cap;
};

struct thread_arg {
	struct par *p;
	int index;
};

struct par {
	const struct pipeline_cfg *cfg;
	int records;              /* the results keep their parsed records */
	par_consume_fn consume;
	void *ctx;
	pthread_t *threads;       /* the workers: nthreads - 1 asked for */
	int nthreads;             /* workers started */
	struct worker w;          /* the calling thread's, for the batches it runs */
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	struct batch *ring;       /* batch number s lives in ring[s % nring] */
	size_t nring;
	size_t fill;              /* the batch being filled; all before it are submitted */
	size_t taken;             /* the next batch a thread takes (guarded by mu) */
	size_t consumed;          /* the next batch to consume */
	int quit;                 /* guarded by mu */
	int stopped;              /* consume asked to stop */
	struct thread_arg *args;
	struct trash *trash;      /* one per thread, the calling thread's last (guarded by mu) */
	struct trash mine;        /* the calling thread's records being freed */
	int me;                   /* the calling thread's index */
};

static void trash_empty(struct trash *t)
{
	for (size_t i = 0; i < t->n; i++)
		pipeline_record_free(t->v[i]);
	t->n = 0;
}

/*
 * Takes the records of thread index's consumed lines into *mine (emptied
 * before), for run_batch to free; the caller holds mu.
 */
static void trash_take(struct par *p, int index, struct trash *mine)
{
	struct trash t = p->trash[index];
	p->trash[index] = *mine;
	*mine = t;
}

int par_online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

static void lock(struct par *p)
{
	pthread_mutex_lock(&p->mu);
}

static void unlock(struct par *p)
{
	pthread_mutex_unlock(&p->mu);
}

/* Copies the NUL-terminated string s into b's kept strings; returns its offset there. */
static size_t keep_str(struct batch *b, const char *s)
{
	if (!s)
		return NONE;
	size_t off = b->keep.len;
	buf_add(&b->keep, s, strlen(s) + 1);
	return off;
}

/*
 * Runs the pipeline over every line of b with the thread's own worker w
 * (the thread owns b meanwhile), whose buffers stay warm from line to line.
 * What a result points to in w is copied into b before the next line
 * overwrites it, and the pointers are set once the copies stop moving.
 */
static void run_batch(struct par *p, struct batch *b, struct worker *w, struct trash *mine)
{
	buf_reset(&b->keep);
	b->nev = 0;
	size_t freed = 0;
	for (size_t i = 0; i < b->n; i++) {
		/* the thread's consumed records are freed a few before each line, so
		 * that each parse reuses memory just freed, as one thread alone does */
		for (size_t upto = mine->n * (i + 1) / b->n; freed < upto; freed++)
			pipeline_record_free(mine->v[freed]);
		const struct item *it = &b->items[i];
		struct trace_result *r = &b->res[i];
		struct kept *k = &b->kept[i];
		pipeline_line(p->cfg, w, it->file, b->data.p + it->model,
			      b->data.p + it->off, it->len, it->lineno, r);
		k->text = NONE;
		if (p->records)
			b->rec[i] = pipeline_worker_detach(w); /* r->record: the next line must not free it */
		else {
			b->rec[i] = NULL; /* the next line frees it */
			r->record = NULL;
		}
		if (r->text && (!p->records || r->text == w->x.textbuf.p)) {
			/* text built in the worker, or in a record that does not stay */
			k->text = b->keep.len;
			buf_add(&b->keep, r->text, r->cot_bytes);
			buf_addc(&b->keep, '\0');
		}
		k->id = keep_str(b, r->id);
		k->model = keep_str(b, r->model);
		k->why = keep_str(b, r->why);
		k->warn = keep_str(b, r->warn);
		k->ev = NONE;
		if (r->nev) {
			while (b->capev < b->nev + r->nev)
				b->ev = xgrow(b->ev, &b->capev, sizeof *b->ev);
			k->ev = b->nev;
			memcpy(b->ev + b->nev, r->ev, r->nev * sizeof *b->ev);
			b->nev += r->nev;
		}
	}
	for (size_t i = 0; i < b->n; i++) {
		struct trace_result *r = &b->res[i];
		const struct kept *k = &b->kept[i];
		if (k->text != NONE)
			r->text = b->keep.p + k->text;
		r->id = k->id != NONE ? b->keep.p + k->id : NULL;
		r->model = k->model != NONE ? b->keep.p + k->model : NULL;
		r->why = k->why != NONE ? b->keep.p + k->why : NULL;
		r->warn = k->warn != NONE ? b->keep.p + k->warn : NULL;
		r->ev = k->ev != NONE ? b->ev + k->ev : NULL;
	}
	mine->n = 0;
}

/*
 * Takes the oldest queued batch (the caller holds mu and has seen one) and
 * runs it on thread index with its worker w, without the lock, freeing the
 * records of the thread's consumed lines meanwhile; returns holding mu.
 */
static void run_taken(struct par *p, int index, struct worker *w, struct trash *mine)
{
	struct batch *b = &p->ring[p->taken % p->nring];
	p->taken++;
	b->runner = index;
	trash_take(p, index, mine);
	unlock(p);
	run_batch(p, b, w, mine);
	lock(p);
	__atomic_store_n(&b->done, 1, __ATOMIC_RELEASE);
	pthread_cond_broadcast(&p->done_cv);
}

static void *worker_main(void *arg)
{
	struct par *p = ((struct thread_arg *)arg)->p;
	int index = ((struct thread_arg *)arg)->index;
	/* one worker per thread: matcher, scratch and extraction buffers warm across lines */
	struct worker w;
	pipeline_worker_init(&w, p->cfg);
	struct trash mine = {0};
	lock(p);
	for (;;) {
		while (!p->quit && p->taken == p->fill)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->quit)
			break;
		run_taken(p, index, &w, &mine);
	}
	unlock(p);
	trash_empty(&mine);
	free(mine.v);
	pipeline_worker_free(&w);
	return NULL;
}

struct par *par_new(const struct pipeline_cfg *cfg, int nthreads, int records, par_consume_fn consume,
		    void *ctx)
{
	struct par *p = xmalloc(sizeof *p);
	memset(p, 0, sizeof *p);
	p->cfg = cfg;
	p->records = records;
	p->consume = consume;
	p->ctx = ctx;
	/* one batch per thread at work, as many waiting, one being filled */
	p->nring = 2 * (size_t)nthreads + 1;
	pipeline_worker_init(&p->w, cfg);
	p->ring = xmalloc(p->nring * sizeof *p->ring);
	memset(p->ring, 0, p->nring * sizeof *p->ring);
	for (size_t i = 0; i < p->nring; i++) {
		struct batch *b = &p->ring[i];
		b->items = xmalloc(PAR_BATCH_LINES * sizeof *b->items);
		b->res = xmalloc(PAR_BATCH_LINES * sizeof *b->res);
		b->rec = xmalloc(PAR_BATCH_LINES * sizeof *b->rec);
		b->kept = xmalloc(PAR_BATCH_LINES * sizeof *b->kept);
		buf_reset(&b->data);
		buf_reset(&b->keep);
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	/* the calling thread is one of the nthreads */
	int nworkers = nthreads - 1;
	p->threads = xmalloc((size_t)(nworkers ? nworkers : 1) * sizeof *p->threads);
	p->args = xmalloc((size_t)(nworkers ? nworkers : 1) * sizeof *p->args);
	p->me = nworkers;
	p->trash = xmalloc((size_t)(nworkers + 1) * sizeof *p->trash);
	memset(p->trash, 0, (size_t)(nworkers + 1) * sizeof *p->trash);
	for (int i = 0; i < nworkers; i++) {
		p->args[i] = (struct thread_arg){ p, i };
		if (pthread_create(&p->threads[i], NULL, worker_main, &p->args[i]) != 0)
			break; /* LCOV_EXCL_LINE: fewer threads (the calling thread runs more) give the same results */
		p->nthreads++;
	}
	return p;
}

/* Hands the batch being filled to the threads (when it has lines). */
static void submit(struct par *p)
{
	if (p->ring[p->fill % p->nring].n == 0)
		return;
	lock(p);
	p->fill++;
	pthread_cond_signal(&p->work_cv);
	unlock(p);
}

/*
 * Runs on the calling thread the oldest submitted batch no thread has taken
 * yet.  Returns 1 when it ran one, 0 when none was waiting.
 */
static int run_here(struct par *p)
{
	lock(p);
	if (p->fill == p->taken) {
		unlock(p);
		return 0;
	}
	run_taken(p, p->me, &p->w, &p->mine);
	unlock(p);
	return 1;
}

/*
 * Consumes the oldest submitted batch, waiting for it when wait is set.
 * Returns 0 when nothing was ready (or nothing submitted), else 1.
 */
static int consume_batch(struct par *p, int wait)
{
	if (p->consumed == p->fill)
		return 0;
	struct batch *b = &p->ring[p->consumed % p->nring];
	/* a look without the lock first: par_line asks after every line */
	if (!__atomic_load_n(&b->done, __ATOMIC_ACQUIRE)) {
		if (!wait)
			return 0;
		lock(p);
		while (!__atomic_load_n(&b->done, __ATOMIC_RELAXED))
			pthread_cond_wait(&p->done_cv, &p->mu);
		unlock(p);
	}
	for (size_t i = 0; i < b->n && !p->stopped; i++)
		p->stopped = p->consume(p->ctx, &b->res[i]) != 0;
	/* the parsed records go back to the thread that parsed them, to free
	 * while it runs its next batch; the calling thread frees its own here
	 * once they are many (the workers may leave it no batch to run) */
	struct trash *t = &p->trash[b->runner];
	lock(p);
	for (size_t i = 0; i < b->n; i++)
		if (b->rec[i]) {
			GROW(t->v, t->n, t->cap);
			t->v[t->n++] = b->rec[i];
		}
	if (b->runner == p->me && t->n > 4 * PAR_BATCH_LINES)
		trash_empty(t);
	unlock(p);
	/* a batch that held long lines gives that memory back */
	if (b->data.cap > 4 * PAR_BATCH_BYTES)
		buf_free(&b->data);
	buf_reset(&b->data);
	if (b->keep.cap > 4 * PAR_BATCH_BYTES)
		buf_free(&b->keep);
	if (b->capev > PAR_EV_KEEP) {
		free(b->ev);
		b->ev = NULL;
		b->capev = 0;
	}
	b->n = 0;
	__atomic_store_n(&b->done, 0, __ATOMIC_RELAXED);
	p->consumed++;
	return 1;
}

/* Appends s (NUL-terminated) to b's data unless the last copy equals it. */
static size_t intern(struct batch *b, const char *s, size_t last)
{
	if (b->n > 0 && strcmp(b->data.p + last, s) == 0)
		return last;
	size_t off = b->data.len;
	buf_add(&b->data, s, strlen(s) + 1);
	return off;
}

int par_line(struct par *p, const char *file, const char *model, const char *line, size_t len,
	     unsigned long long lineno)
{
	if (p->stopped)
		return 1;
	struct batch *b = &p->ring[p->fill % p->nring];
	if (b->n == PAR_BATCH_LINES || (b->n > 0 && b->data.len + len > PAR_BATCH_BYTES)) {
		submit(p);
		/* the next batch to fill must have been consumed: run what waits, else wait */
		while (p->fill - p->consumed >= p->nring && !p->stopped)
			if (!consume_batch(p, 0) && !run_here(p))
				consume_batch(p, 1);
		if (p->stopped)
			return 1;
		b = &p->ring[p->fill % p->nring];
	}
	struct item it = { .lineno = lineno, .file = file };
	it.model = intern(b, model, b->n ? b->items[b->n - 1].model : 0);
	it.off = b->data.len;
	it.len = len;
	buf_add(&b->data, line, len);
	b->items[b->n++] = it;
	/* keep the output flowing: consume what is already done */
	while (!p->stopped && consume_batch(p, 0))
		;
	return p->stopped;
}

int par_drain(struct par *p)
{
	if (!p->stopped)
		submit(p);
	while (!p->stopped && (consume_batch(p, 0) || run_here(p) || consume_batch(p, 1)))
		;
	return p->stopped;
}

void par_free(struct par *p)
{
	if (!p)
		return;
	lock(p);
	p->quit = 1;
	pthread_cond_broadcast(&p->work_cv);
	unlock(p);
	for (int i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	for (size_t i = 0; i < p->nring; i++) {
		struct batch *b = &p->ring[i];
		for (size_t k = 0; b->done && k < b->n; k++)
			pipeline_record_free(b->rec[k]); /* run, never consumed */
		buf_free(&b->data);
		buf_free(&b->keep);
		free(b->items);
		free(b->res);
		free(b->rec);
		free(b->kept);
		free(b->ev);
	}
	/* what the threads had no next batch to free it with */
	for (int i = 0; p->trash && i <= p->me; i++) {
		trash_empty(&p->trash[i]);
		free(p->trash[i].v);
	}
	free(p->mine.v);
	pipeline_worker_free(&p->w);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work_cv);
	pthread_cond_destroy(&p->done_cv);
	free(p->ring);
	free(p->threads);
	free(p->args);
	free(p->trash);
	free(p);
}
