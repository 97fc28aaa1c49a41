/*
 * progress.h - a progress line on standard error for long runs: bytes read,
 * traces, traces/s, MB/s, and the percentage and ETA when the total input size
 * is known.  Only when standard error is a terminal and -q was not given
 * (main.c decides); rate-limited, redrawn in place with a carriage return.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

#include <stdio.h>

struct progress {
	int on;                    /* show anything at all */
	FILE *fp;                  /* standard error */
	unsigned long long total;  /* bytes of every input; 0 when unknown */
	double start, next;        /* seconds: when the run started, next redraw */
	unsigned calls;            /* updates since the clock was last read */
	int shown;                 /* a progress line is on the screen */
};

/* Starts the clock; on = 0 makes every other call a no-op. */
void progress_init(struct progress *p, int on, FILE *fp, unsigned long long total);

/* Redraws the line when due (at most 4 times a second, first after 1/4 s). */
void progress_update(struct progress *p, unsigned long long bytes, unsigned long long traces);

/* Erases the line (before any other message, and at the end). */
void progress_clear(struct progress *p);

#endif
