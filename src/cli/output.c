/* Output files: written to a temporary file and renamed into place. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- output: temp file and rename ------------------------------------ */

/* Where the graph goes.  A regular file (or a new one) is written to a
 * temporary file beside it and renamed over it only once everything is on
 * disk, so a failed run never leaves it half-written.  Anything else that
 * exists (a device such as /dev/stdout or /dev/full, a FIFO) is written
 * directly: there is nothing to rename over, and replacing a device node
 * by a file would be wrong. */

/* The temporary file being written, for the signal handler: an
 * interrupted run must not leave it behind.  (The CLI may keep process
 * state; the library may not.) */
static const char *volatile pending_tmp;

static void on_fatal_signal(int sig)
{
	if (pending_tmp)
		unlink(pending_tmp); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void watch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The mode a new file gets: what open(2) with 0666 would give. */
static mode_t default_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/* Opens the temporary file next to o->target. */
static int output_open_tmp(output *o, mode_t mode)
{
	const char *slash = strrchr(o->target, '/');
	size_t dir_len = slash ? (size_t)(slash - o->target) + 1 : 0;
	const char *base = o->target + dir_len;
	int fd;

	if (!(o->tmp = malloc(dir_len + strlen(base) + 16)))
		return 0;
	sprintf(o->tmp, "%.*s.%s.XXXXXX", (int)dir_len, o->target, base);
	if ((fd = mkstemp(o->tmp)) < 0) {
		say("cannot create a temporary file for '%s': %s", o->path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return 0;
	}
	if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "wb"))) {
		say("cannot write '%s': %s", o->tmp, strerror(errno));
		close(fd);
		unlink(o->tmp);
		return 0;
	}
	pending_tmp = o->tmp;
	watch_signals();
	return 1;
}

/* A graph's output is many times its input: stdio's few kilobytes made
 * a system call for every article or two, and the kernel's cost per call
 * showed in profiles.  glibc ignores the size unless given the buffer.
 * Standard output keeps it to the process's end (flushed at exit); a
 * file's goes when the file is closed.  Without memory, stdio's own. */
#define OUT_BUFFER ((size_t)1 << 18)
static char stdout_buffer[OUT_BUFFER];

static int big_buffer(output *o)
{
	if (o->f == stdout)
		setvbuf(o->f, stdout_buffer, _IOFBF, OUT_BUFFER);
	else if ((o->buf = malloc(OUT_BUFFER)))
		setvbuf(o->f, o->buf, _IOFBF, OUT_BUFFER);
	return 1;
}

/* Prints its own error; returns 1 when the output is ready. */
int output_open(output *o, const char *path)
{
	struct stat st;

	memset(o, 0, sizeof *o);
	o->path = path;
	if (!path) {
		o->f = stdout;
		return big_buffer(o);
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		o->target = realpath(path, NULL); /* replace the file, keep the link */
	if (!o->target && !(o->target = strdup(path))) {
		say("out of memory");
		return 0;
	}
	if (stat(o->target, &st) != 0)
		return output_open_tmp(o, default_mode()) && big_buffer(o);
	if (S_ISDIR(st.st_mode)) {
		say("cannot write '%s': %s", path, strerror(EISDIR));
		return 0;
	}
	if (S_ISREG(st.st_mode))
		return output_open_tmp(o, st.st_mode & 07777) && big_buffer(o);
	if (!(o->f = fopen(o->target, "wb"))) {
		say("cannot write '%s': %s", path, strerror(errno));
		return 0;
	}
	return big_buffer(o);
}

/* Drops a failed output: the temporary file goes, the target is left as
 * it was. */
void output_abort(output *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	free(o->buf);
	pending_tmp = NULL;
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	memset(o, 0, sizeof *o);
}

/* Flushes everything to disk and puts the file in place; every step is
 * checked, since a full disk often shows only at fflush, fsync or fclose.
 * Prints its own error; returns 1 on success. */
int output_commit(output *o)
{
	const char *name = o->path ? o->path : "standard output";
	int err = 0;

	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		err = errno ? errno : EIO;
	else if (o->tmp && fsync(fileno(o->f)) != 0)
		err = errno;
	if (o->f != stdout) {
		if (fclose(o->f) != 0 && !err)
			err = errno;
		o->f = NULL;
		free(o->buf);
		o->buf = NULL;
	}
	if (!err && o->tmp && rename(o->tmp, o->target) != 0)
		err = errno;
	pending_tmp = NULL;
	if (err) {
		say("cannot write '%s': %s", name, strerror(err));
		output_abort(o);
		return 0;
	}
	free(o->tmp);
	free(o->target);
	memset(o, 0, sizeof *o);
	return 1;
}
