/* Helpers shared by the fuzz targets (fuzz.h). */
#include "fuzz.h"

#include <dirent.h>
#include <string.h>
#include <unistd.h>

int fuzz_utf8_ok(const char *s, size_t len)
{
	size_t off;

	return nkg_utf8_check(s, len, &off) == NKG_SUCCESS;
}

void fuzz_on_error(void *handle, const nkg_error *e)
{
	FUZZ_CHECK(e != NULL && e->message != NULL, "error without a message");
	FUZZ_CHECK(e->status != NKG_SUCCESS && e->status != NKG_END,
	           "error reported with status %d: %s", (int)e->status, e->message);
	FUZZ_CHECK(e->message[0] != '\0', "empty error message (status %d)", (int)e->status);
	FUZZ_CHECK(strpbrk(e->message, "\r\n") == NULL, "error message of more than one line: %s",
	           e->message);
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "  reported: %s:%zu: byte %zu: %s\n", e->file ? e->file : "-",
		        e->line, e->offset, e->message);
	if (handle)
		(*(size_t *)handle)++;
}

static char tmpdir[256];

static void remove_tmpdir(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	char p[512];

	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
			unlink(p);
		}
	closedir(d);
	rmdir(tmpdir);
}

const char *fuzz_tmpdir(void)
{
	if (!tmpdir[0]) {
		/* Memory-backed where there is one: the readers are fed
		 * through real files, thousands of times a second. */
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/nkg-fuzz-XXXXXX", base ? base : "/tmp");
		FUZZ_CHECK(mkdtemp(tmpdir) != NULL, "cannot make a temporary directory");
		atexit(remove_tmpdir);
	}
	return tmpdir;
}

const char *fuzz_write_file(int slot, const char *name, const uint8_t *data, size_t size)
{
	static char paths[4][512];
	FILE *f;

	snprintf(paths[slot], sizeof paths[slot], "%s/%s", fuzz_tmpdir(), name);
	f = fopen(paths[slot], "wb");
	FUZZ_CHECK(f != NULL, "cannot write %s", paths[slot]);
	FUZZ_CHECK(size == 0 || fwrite(data, 1, size, f) == size, "short write");
	FUZZ_CHECK(fclose(f) == 0, "cannot close %s", paths[slot]);
	return paths[slot];
}

size_t fuzz_cp_to_byte(const char *s, size_t len, size_t cp)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == cp)
			return i;
	return n == cp ? len : (size_t)-1;
}
