/* The command-line tool's shared parts: messages, options, output files,
 * and one function per command. */
#ifndef NKG_CLI_H
#define NKG_CLI_H

#include <stdio.h>

#include "newskg/newskg.h"

#define PROG "newskg"

/* "newskg: message" on stderr. */
void say(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* A usage error: one line and a pointer to `help_cmd`'s help.  Returns 2. */
int usage_error(const char *help_cmd, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

typedef struct {
	int quiet;
	unsigned long errors; /* errors printed (or silenced) so far */
	int bar_shown;        /* a progress bar is on stderr's last line */
} report_state;

/* The world's error callback: one line per error,
 *   newskg: FILE:LINE:COLUMN: byte N: message
 * with the parts that are unknown left out.  `handle` is a report_state. */
void print_error(void *handle, const nkg_error *e);

/* The progress function of nkg_extractor_run: one line on stderr,
 * redrawn in place (`handle` is a report_state).  Only for a terminal. */
void progress_draw(void *handle, const nkg_progress *p);

/* Removes the progress bar, so that the next line starts clean. */
void progress_clear(report_state *rs);

/* "12.3 MB" and the like, in `buf`. */
const char *human_bytes(char *buf, size_t size, unsigned long long bytes);

/* 0 when `spec` names a store (sqlite:PATH, memory), else a usage error
 * for command `cmd` (printed, returns 2). */
int check_store_spec(const char *cmd, const char *spec);

/* N with an optional K, M or G (binary) suffix; 0 when invalid. */
size_t parse_size(const char *s);

/* Matches argv[*i] against an option taking a value: "-f X", "-fX",
 * "--format X", "--format=X".  Returns 1 with *val, 0 when it is another
 * option, -1 when the value is missing. */
int opt_value(char **argv, int argc, int *i, const char *shrt,
              const char *lng, const char **val);

/* Where a result goes.  A regular file (or a new one) is written to a
 * temporary file beside it and renamed over it only once everything is on
 * disk, so a failed run never leaves it half-written. */
typedef struct {
	const char *path; /* as given; NULL for stdout */
	char *target;     /* what gets replaced: path, or a symlink's target */
	char *tmp;        /* temporary file, or NULL when writing directly */
	FILE *f;
	char *buf;        /* f's buffer, when not stdout's */
} output;

/* Each prints its own error; open and commit return 1 on success. */
int output_open(output *o, const char *path);
void output_abort(output *o);
int output_commit(output *o);

int cmd_extract(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_push(int argc, char **argv);

#endif
