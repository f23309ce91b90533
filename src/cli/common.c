/* The CLI's messages and option parsing, shared by every command. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- messages -------------------------------------------------------- */

void say(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A usage error: one line and a pointer to the help.  Returns 2. */
int usage_error(const char *help_cmd, const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '" PROG "%s%s --help')\n", help_cmd ? " " : "",
	        help_cmd ? help_cmd : "");
	return 2;
}

/* The world's error callback: one line per error. */
void print_error(void *handle, const nkg_error *e)
{
	report_state *rs = handle;
	const char *file = e->file;

	if (rs)
		rs->errors++;
	if (rs && rs->quiet)
		return;
	if (rs)
		progress_clear(rs);
	fputs(PROG ": ", stderr);
	if (file)
		fputs(strcmp(file, "-") == 0 ? "<stdin>" : file, stderr);
	if (e->line > 0)
		fprintf(stderr, "%s%zu", file ? ":" : "line ", e->line);
	if (e->line > 0 && e->column > 0)
		fprintf(stderr, ":%zu", e->column);
	if (file || e->line > 0)
		fputs(": ", stderr);
	if (e->offset != NKG_NO_OFFSET)
		fprintf(stderr, "byte %zu: ", e->offset);
	fprintf(stderr, "%s\n", e->message);
}


/* Parses N with an optional K, M or G (binary) suffix; 0 when invalid. */
size_t parse_size(const char *s)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	if (!s || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return 0;
	if (*end == 'K' || *end == 'k')
		shift = 10, end++;
	else if (*end == 'M' || *end == 'm')
		shift = 20, end++;
	else if (*end == 'G' || *end == 'g')
		shift = 30, end++;
	if (*end || v > ((unsigned long long)(size_t)-1 >> shift))
		return 0;
	return (size_t)(v << shift);
}

/* Matches argv[*i] against an option taking a value: "-f X", "-fX",
 * "--format X", "--format=X".  Returns 1 with *val, 0 when it is another
 * option, -1 when the value is missing. */
int opt_value(char **argv, int argc, int *i, const char *shrt,
                     const char *lng, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(lng);

	if (shrt && strncmp(a, shrt, 2) == 0 && a[2]) {
		*val = a + 2;
		return 1;
	}
	if (strncmp(a, lng, n) == 0 && a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (!((shrt && strcmp(a, shrt) == 0) || strcmp(a, lng) == 0))
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

int check_store_spec(const char *cmd, const char *spec)
{
	if (strcmp(spec, "memory") == 0 || (strncmp(spec, "sqlite:", 7) == 0 && spec[7]))
		return 0;
	return usage_error(cmd, "bad store '%s' (sqlite:PATH or memory)", spec);
}
