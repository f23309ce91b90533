/* newskg: the command-line tool, a thin layer over the library.
 *
 * Exit status (DESIGN.md): 0 success; 1 when some input was bad but the
 * rest was processed and written, or when the output could not be
 * written; 2 on usage errors.  Every error is one line on stderr:
 *   newskg: FILE:LINE: byte N: message
 * with the parts that are unknown left out. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newskg/newskg.h"

#include "cli.h"

/* ---- commands -------------------------------------------------------- */

/* Adding a command is adding a row. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"extract", cmd_extract, "articles to an RDF knowledge graph"},
	{"query", cmd_query, "SPARQL over graphs or a store"},
	{"load", cmd_load, "load graphs into a persistent store"},
	{"push", cmd_push, "send graphs to a SPARQL server"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void main_help(void)
{
	size_t i;

	fputs("Usage: " PROG " COMMAND [OPTION]... [ARG]...\n"
	      "Arabic news about cyber incidents to an RDF knowledge graph.\n\n"
	      "Commands:\n", stdout);
	for (i = 0; i < N_COMMANDS; i++)
		printf("  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n  " PROG " COMMAND --help   options of a command\n"
	      "  " PROG " --version        version\n", stdout);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	size_t i;

	if (!cmd)
		return usage_error(NULL, "no command given");
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		main_help();
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf(PROG " %s\n", NKG_VERSION);
		return 0;
	}
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(cmd, commands[i].name) != 0)
			continue;
		return commands[i].run(argc - 1, argv + 1);
	}
	if (cmd[0] == '-')
		return usage_error(NULL, "unknown option '%s'", cmd);
	return usage_error(NULL, "unknown command '%s'", cmd);
}
