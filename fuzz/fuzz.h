/* Shared by the fuzz targets: the libFuzzer entry points, a check that
 * aborts (so libFuzzer, or the replay driver under ctest, reports the input
 * that broke it), and the oracles every target applies to what the library
 * hands back.  Fuzz targets are test code: unlike src/, they may keep
 * process state (one world and lexicon per process, made once, because
 * loading the shipped lexicon costs far more than one input). */
#ifndef NKG_FUZZ_H
#define NKG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "newskg/newskg.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise of the library: print it and abort, which libFuzzer
 * turns into a crash report with the input saved. */
#define FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: fuzz check failed: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

/* 1 when s[0..len) is valid UTF-8 without NUL bytes. */
int fuzz_utf8_ok(const char *s, size_t len);

/* The error callback of every fuzz world: each report must be one
 * non-empty line with a real error status.  `handle` may be a size_t to
 * count the reports in, or NULL. */
void fuzz_on_error(void *handle, const nkg_error *e);

/* A private temporary directory for this process, removed at exit. */
const char *fuzz_tmpdir(void);

/* Writes data[0..size) to fuzz_tmpdir()/name; returns the path (static
 * buffer, one per name slot 0..3). */
const char *fuzz_write_file(int slot, const char *name, const uint8_t *data, size_t size);

/* Byte offset of code point `cp` in valid UTF-8 s[0..len), or (size_t)-1
 * when the text is shorter. */
size_t fuzz_cp_to_byte(const char *s, size_t len, size_t cp);

#endif
