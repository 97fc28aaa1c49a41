/*
 * nojit.c - an LD_PRELOAD shim for memcheck runs (make valgrind): makes
 * pcre2_jit_compile fail, so cotscan falls back to the PCRE2 interpreter.
 * PCRE2's JIT code reads the subject 16 bytes at a time past its end
 * (harmless, within the page) and memcheck cannot follow JIT code, so with
 * JIT on it reports errors that are not cotscan's (PCRE2 documents this).
 */
#include <stdint.h>

int pcre2_jit_compile_8(void *code, uint32_t options);

int pcre2_jit_compile_8(void *code, uint32_t options)
{
	(void)code;
	(void)options;
	return -45; /* PCRE2_ERROR_JIT_BADOPTION: JIT not available */
}
