/*
 * defects.h - per-trace defect detectors (the `defects` column).
 * Each detector's exact rule is documented in README.md ("Defects").
 */
#ifndef DEFECTS_H
#define DEFECTS_H

#include <stddef.h>

/* Returns the bit set of defects found in the analysed text. */
unsigned defects_detect(const char *text, size_t len);

/* Writes the ;-joined names of the bits in set into out (size n). */
void defects_format(unsigned set, char *out, size_t n);

#endif
