/* decompress.c - see decompress.h. */
#include <bzlib.h>
#include <errno.h>
#include <lzma.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "decompress.h"
#include "util.h"

#define IN_BLOCK (64 * 1024)

struct decomp {
	int fd, kind;
	unsigned char *head;      /* owned: the bytes read before decompression began */
	size_t nhead;             /* 0 once they were decompressed */
	unsigned char *in;        /* IN_BLOCK bytes read from fd */
	const unsigned char *next_in;
	size_t avail_in;
	int in_eof;               /* fd is at its end */
	int clean;                /* the last member (gzip, bzip2) or frame (zstd) ended */
	int done, failed;
	unsigned long long in_bytes;
	z_stream z;
	ZSTD_DStream *zs;
	lzma_stream xz;
	bz_stream bz;
	char err[160];
};

int decomp_detect(const void *p, size_t n)
{
	const unsigned char *b = p;
	if (n >= 2 && b[0] == 0x1F && b[1] == 0x8B)
		return DECOMP_GZIP;
	if (n >= 4 && b[0] == 0x28 && b[1] == 0xB5 && b[2] == 0x2F && b[3] == 0xFD)
		return DECOMP_ZSTD;
	if (n >= 6 && memcmp(b, "\xFD" "7zXZ\0", 6) == 0)
		return DECOMP_XZ;
	if (n >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9')
		return DECOMP_BZIP2;
	return DECOMP_NONE;
}

const char *decomp_name(int kind)
{
	static const char *const names[] = { NULL, "gzip", "zstd", "xz", "bzip2" };
	return kind > 0 && kind <= DECOMP_BZIP2 ? names[kind] : NULL;
}

static int fail(struct decomp *d, const char *why)
{
	snprintf(d->err, sizeof d->err, "%s", why);
	d->failed = 1;
	return -1;
}

/* The next input block: the head bytes, then fd; returns -1 on a read error. */
static int refill(struct decomp *d)
{
	if (d->nhead) {
		d->next_in = d->head;
		d->avail_in = d->nhead;
		d->nhead = 0;
		return 0;
	}
	ssize_t got;
	do
		got = read(d->fd, d->in, IN_BLOCK);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return fail(d, strerror(errno));
	if (got == 0)
		d->in_eof = 1;
	d->in_bytes += (unsigned long long)got;
	d->next_in = d->in;
	d->avail_in = (size_t)got;
	return 0;
}

static const char *xz_reason(lzma_ret rc)
{
	switch (rc) {
	case LZMA_MEM_ERROR: return "out of memory";
	case LZMA_FORMAT_ERROR: return "not xz data";
	case LZMA_OPTIONS_ERROR: return "unsupported xz options";
	case LZMA_DATA_ERROR: return "corrupt xz data";
	case LZMA_BUF_ERROR: return "the xz data ends too early (truncated file?)";
	default: return "xz decoder error";
	}
}

/*
 * One decoder call over the pending input into out[0..cap): sets *made to
 * the bytes made and d->clean when a member, frame or stream ended there.
 * Returns 0, or -1 on corrupt data.
 */
static int step(struct decomp *d, unsigned char *out, size_t cap, size_t *made)
{
	*made = 0;
	switch (d->kind) {
	case DECOMP_GZIP: {
		if (d->clean && d->avail_in) { /* another member follows (cat a.gz b.gz, pigz) */
			inflateReset(&d->z);
			d->clean = 0;
		}
		d->z.next_in = (unsigned char *)d->next_in;
		d->z.avail_in = (uInt)d->avail_in;
		d->z.next_out = out;
		d->z.avail_out = (uInt)cap;
		int rc = inflate(&d->z, Z_NO_FLUSH);
		d->next_in = d->z.next_in;
		d->avail_in = d->z.avail_in;
		*made = cap - d->z.avail_out;
		if (rc == Z_STREAM_END)
			d->clean = 1;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return fail(d, d->z.msg ? d->z.msg : "corrupt gzip data");
		return 0;
	}
	case DECOMP_ZSTD: {
		ZSTD_inBuffer in = { d->next_in, d->avail_in, 0 };
		ZSTD_outBuffer o = { out, cap, 0 };
		size_t rc = ZSTD_decompressStream(d->zs, &o, &in);
		if (ZSTD_isError(rc))
			return fail(d, ZSTD_getErrorName(rc));
		d->next_in += in.pos;
		d->avail_in -= in.pos;
		*made = o.pos;
		d->clean = rc == 0;
		return 0;
	}
	case DECOMP_XZ: {
		d->xz.next_in = d->next_in;
		d->xz.avail_in = d->avail_in;
		d->xz.next_out = out;
		d->xz.avail_out = cap;
		lzma_ret rc = lzma_code(&d->xz, d->in_eof && !d->avail_in ? LZMA_FINISH : LZMA_RUN);
		d->next_in = d->xz.next_in;
		d->avail_in = d->xz.avail_in;
		*made = cap - d->xz.avail_out;
		if (rc == LZMA_STREAM_END)
			d->clean = 1;
		else if (rc != LZMA_OK && !(rc == LZMA_BUF_ERROR && !d->in_eof))
			return fail(d, xz_reason(rc));
		return 0;
	}
	default: {
		if (d->clean && d->avail_in) { /* another stream follows (pbzip2, cat) */
			BZ2_bzDecompressEnd(&d->bz);
			memset(&d->bz, 0, sizeof d->bz);
			if (BZ2_bzDecompressInit(&d->bz, 0, 0) != BZ_OK)
				return fail(d, "out of memory"); /* LCOV_EXCL_LINE */
			d->clean = 0;
		}
		d->bz.next_in = (char *)d->next_in;
		d->bz.avail_in = (unsigned)d->avail_in;
		d->bz.next_out = (char *)out;
		d->bz.avail_out = (unsigned)cap;
		int rc = BZ2_bzDecompress(&d->bz);
		d->next_in = (const unsigned char *)d->bz.next_in;
		d->avail_in = d->bz.avail_in;
		*made = cap - d->bz.avail_out;
		if (rc == BZ_STREAM_END)
			d->clean = 1;
		else if (rc != BZ_OK)
			return fail(d, rc == BZ_DATA_ERROR ? "corrupt bzip2 data (bad CRC)" :
				    rc == BZ_DATA_ERROR_MAGIC ? "not bzip2 data" :
				    rc == BZ_MEM_ERROR ? "out of memory" : "bzip2 decoder error");
		return 0;
	}
	}
}

struct decomp *decomp_open(int fd, int kind, const void *head, size_t n)
{
	struct decomp *d = xmalloc(sizeof *d);
	memset(d, 0, sizeof *d);
	d->fd = fd;
	d->kind = kind;
	d->head = xmalloc(n ? n : 1);
	memcpy(d->head, head, n);
	d->nhead = n;
	d->in_bytes = n;
	d->in = xmalloc(IN_BLOCK);
	int ok;
	switch (kind) {
	case DECOMP_GZIP: ok = inflateInit2(&d->z, 15 + 16) == Z_OK; break; /* 16: gzip wrapper only */
	case DECOMP_ZSTD: ok = (d->zs = ZSTD_createDStream()) != NULL; break;
	case DECOMP_XZ: {
		lzma_stream init = LZMA_STREAM_INIT;
		d->xz = init;
		ok = lzma_stream_decoder(&d->xz, UINT64_MAX, LZMA_CONCATENATED) == LZMA_OK;
		break;
	}
	default: ok = BZ2_bzDecompressInit(&d->bz, 0, 0) == BZ_OK; break;
	}
	if (!ok) { /* LCOV_EXCL_START: out of memory */
		free(d->in);
		free(d->head);
		free(d);
		return NULL;
	} /* LCOV_EXCL_STOP */
	return d;
}

ssize_t decomp_read(struct decomp *d, void *buf, size_t cap)
{
	for (;;) {
		if (d->failed)
			return -1;
		if (d->done)
			return 0;
		if (!d->avail_in && !d->in_eof && refill(d) < 0)
			return -1;
		if (d->clean && !d->avail_in && d->in_eof) {
			d->done = 1;
			return 0;
		}
		size_t made;
		int rc = step(d, buf, cap, &made);
		if (made) /* what was made before an error still counts; the error comes next */
			return (ssize_t)made;
		if (rc < 0)
			return -1;
		if (d->in_eof && !d->avail_in) {
			/* nothing more to make and nothing more to read: the end, or a cut */
			if (!d->clean) {
				snprintf(d->err, sizeof d->err, "the %s data ends too early (truncated file?)",
					 decomp_name(d->kind));
				d->failed = 1;
				return -1;
			}
			d->done = 1;
		}
	}
}

const char *decomp_error(const struct decomp *d)
{
	return d->err[0] ? d->err : "corrupt data";
}

unsigned long long decomp_in_bytes(const struct decomp *d)
{
	return d->in_bytes;
}

void decomp_close(struct decomp *d)
{
	if (!d)
		return;
	switch (d->kind) {
	case DECOMP_GZIP: inflateEnd(&d->z); break;
	case DECOMP_ZSTD: ZSTD_freeDStream(d->zs); break;
	case DECOMP_XZ: lzma_end(&d->xz); break;
	default: BZ2_bzDecompressEnd(&d->bz); break;
	}
	free(d->head);
	free(d->in);
	free(d);
}
