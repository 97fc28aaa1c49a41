/*
 * decompress.h - compressed input: gzip, zstd, xz and bzip2, recognised by
 * their magic bytes (never by the file name) and decompressed as a stream,
 * in constant memory, with each format's own library (zlib, libzstd,
 * liblzma, libbz2), which checks the format's checksum: a corrupt or cut
 * stream is an error, never silently wrong text.  Concatenated members,
 * frames and streams (cat a.gz b.gz, pigz, pbzip2) are read as one.
 */
#ifndef DECOMPRESS_H
#define DECOMPRESS_H

#include <stddef.h>
#include <sys/types.h>

/* Bytes a stream must start with to be recognised (the longest magic, xz's). */
#define DECOMP_MAGIC_MAX 6

enum decomp_kind { DECOMP_NONE = 0, DECOMP_GZIP, DECOMP_ZSTD, DECOMP_XZ, DECOMP_BZIP2 };

/*
 * The compression of a stream that starts with the n bytes at p (n may be
 * below DECOMP_MAGIC_MAX only at the end of the stream).
 */
int decomp_detect(const void *p, size_t n);

/* "gzip", "zstd", "xz", "bzip2" (NULL for DECOMP_NONE). */
const char *decomp_name(int kind);

struct decomp;

/*
 * Starts decompressing fd, of which the n bytes at head were already read
 * (they are copied; n >= DECOMP_MAGIC_MAX unless the stream is that short).  Returns NULL only when libarchive cannot start.
 */
struct decomp *decomp_open(int fd, int kind, const void *head, size_t n);

/*
 * Reads up to cap decompressed bytes into buf: their number, 0 at the end of
 * the stream, -1 on a corrupt or truncated stream or a read error
 * (decomp_error says which).
 */
ssize_t decomp_read(struct decomp *d, void *buf, size_t cap);

/* Why the last decomp_read failed, e.g. "the gzip data ends too early (truncated file?)". */
const char *decomp_error(const struct decomp *d);

/* Compressed bytes read from fd so far (for progress). */
unsigned long long decomp_in_bytes(const struct decomp *d);

/* Ends decompression and frees d; does not close fd. */
void decomp_close(struct decomp *d);

#endif
