/*
 * outfile.h - where results go: stdout, or -o FILE written safely.
 *
 * A regular file (or a path that does not exist yet) is written to a
 * temporary file in the same directory and renamed over FILE only when the
 * run succeeded, so a failed run never leaves a half-written table.  Anything
 * else (/dev/stdout, /dev/null, a FIFO, a terminal) is opened and written
 * directly and never renamed over: as root, a rename would replace the node.
 */
#ifndef OUTFILE_H
#define OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *fp;
	char *path;   /* owned; NULL for stdout */
	char *tmp;    /* owned; the temporary file when renaming, else NULL */
};

/* Opens path ("-" or NULL: stdout); returns 0, or -1 after printing why. */
int outfile_open(struct outfile *o, const char *path);

/*
 * Flushes and closes.  When commit is set, the temporary file is renamed over
 * the target; otherwise it is removed.  Returns 0, or -1 after printing why
 * (a closed pipe is not reported: the reader went away on purpose).
 */
int outfile_close(struct outfile *o, int commit);

#endif
