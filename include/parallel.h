/*
 * parallel.h - `-j N`: the per-trace pipeline in N threads (the calling
 * thread and N - 1 workers), its results handed back in input order on the
 * calling thread.
 *
 * The calling thread reads lines and passes them to par_line(), which copies
 * them into a batch.  Full batches are queued; the workers take them in
 * turn, and the calling thread runs the oldest one still queued itself when
 * it has no free batch left to fill (and, at par_drain, until none is left).
 * A thread runs pipeline_line() on every line of a batch with its own
 * struct worker, then keeps the line's parsed record and copies into the
 * batch what else the result points to in that worker (text built there,
 * id, model, why, warn, ev), so every pointer of a trace_result (record,
 * raw, text, ev, id, model, why, warn) stays valid until the calling thread
 * has consumed it (record only when asked for: see par_new).  Batches are consumed strictly in the order they were
 * filled, line by line, by the consume callback, always on the calling
 * thread: sinks stay single-threaded and see exactly what -j 1 shows them.
 * A parsed record is freed by the thread that parsed it, a few at a time
 * while it runs its next batch.
 *
 * Memory: a fixed ring of batches, each at most PAR_BATCH_LINES lines or
 * about PAR_BATCH_BYTES bytes (one longer line is a batch of its own), so
 * what is in flight does not grow with the input.
 */
#ifndef PARALLEL_H
#define PARALLEL_H

#include <stddef.h>

#include "pipeline.h"

#define PAR_BATCH_LINES 32
#define PAR_BATCH_BYTES (512 * 1024)
#define PAR_EV_KEEP 4096            /* a batch that kept more evidence frees it once consumed */

/* Consumes one result in input order; returns nonzero to stop the run. */
typedef int (*par_consume_fn)(void *ctx, struct trace_result *r);

struct par;

/*
 * Starts nthreads - 1 (nthreads >= 1) worker threads, or as many as the
 * system allows: with fewer, the calling thread runs more batches, and the
 * results are the same.  cfg must outlive the struct par.  records is 0
 * when consume never reads trace_result.record: a thread then drops each
 * record when it parses its next line, as -j 1 does (the results' record
 * is NULL, and their text a copy).  Never NULL.
 */
struct par *par_new(const struct pipeline_cfg *cfg, int nthreads, int records, par_consume_fn consume,
		    void *ctx);

/*
 * Queues one line (copied; model is copied too, file must live until
 * par_free: it is an input name from the command line) and consumes
 * whatever results are ready.  Returns 1 once consume has asked to stop
 * (further lines are ignored), else 0.
 */
int par_line(struct par *p, const char *file, const char *model, const char *line, size_t len,
	     unsigned long long lineno);

/* Runs and consumes every queued line.  Returns 1 when consume stopped the run. */
int par_drain(struct par *p);

/* Stops the workers and frees everything; results not yet consumed are dropped. */
void par_free(struct par *p);

/* The number of online CPUs (at least 1): the default of -j. */
int par_online_cpus(void);

#endif
