/* outfile.c - see outfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "outfile.h"
#include "util.h"

#define OUT_BUFSIZE (1 << 18)

int outfile_open(struct outfile *o, const char *path)
{
	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		setvbuf(stdout, NULL, _IOFBF, OUT_BUFSIZE);
		return 0;
	}
	o->path = xstrdup(path);
	struct stat st;
	int exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		o->fp = fopen(path, "w");
		if (!o->fp) {
			diag_error("cannot open '%s' for writing: %s", path, strerror(errno));
			free(o->path);
			o->path = NULL;
			return -1;
		}
		setvbuf(o->fp, NULL, _IOFBF, OUT_BUFSIZE);
		return 0;
	}
	const char *slash = strrchr(path, '/');
	struct buf t = {0};
	if (slash)
		buf_printf(&t, "%.*s.%s.XXXXXX", (int)(slash - path + 1), path, slash + 1);
	else
		buf_printf(&t, ".%s.XXXXXX", path);
	int fd = mkstemp(t.p);
	if (fd < 0) {
		diag_error("cannot create a file beside '%s': %s", path, strerror(errno));
		buf_free(&t);
		free(o->path);
		o->path = NULL;
		return -1;
	}
	/* mkstemp makes 0600; give the result the mode a plain create would */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, exists ? (st.st_mode & 07777) : (0666 & ~um));
	o->tmp = t.p;
	o->fp = fdopen(fd, "w");
	if (!o->fp) { /* LCOV_EXCL_START */
		diag_error("cannot open '%s': %s", o->tmp, strerror(errno));
		close(fd);
		unlink(o->tmp);
		return -1;
	} /* LCOV_EXCL_STOP */
	setvbuf(o->fp, NULL, _IOFBF, OUT_BUFSIZE);
	return 0;
}

int outfile_close(struct outfile *o, int commit)
{
	int rc = 0;
	if (!o->fp)
		return 0;
	const char *name = o->path ? o->path : "standard output";
	errno = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp)) {
		if (errno != EPIPE)
			diag_error("cannot write '%s': %s", name, strerror(errno ? errno : EIO));
		rc = -1;
	}
	if (o->fp != stdout || rc == 0) {
		if (fclose(o->fp) != 0 && rc == 0) { /* LCOV_EXCL_START: fails only where fflush did not */
			if (errno != EPIPE)
				diag_error("cannot write '%s': %s", name, strerror(errno));
			rc = -1;
		} /* LCOV_EXCL_STOP */
	}
	o->fp = NULL;
	if (o->tmp) {
		if (commit && rc == 0) {
			if (rename(o->tmp, o->path) != 0) {
				diag_error("cannot rename '%s' to '%s': %s", o->tmp, o->path, strerror(errno));
				rc = -1;
				unlink(o->tmp);
			}
		} else
			unlink(o->tmp);
	}
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return rc;
}
