/* Fuzz target: the JSON Lines record parser (src/json.c), on each line
 * of the input, as the reader hands it lines: valid UTF-8 without NUL
 * bytes, so other inputs are skipped.  A record parsed must have its text, every field valid UTF-8
 * without NUL (\u0000 is refused) and text_len right; a refusal must say
 * where (an offset inside the line) and why (one line). */
#include <string.h>

#include "fuzz.h"
#include "json.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_field(const char *what, const char *s)
{
	if (s)
		FUZZ_CHECK(fuzz_utf8_ok(s, strlen(s)), "\"%s\" is not valid UTF-8", what);
}

static void check_line(const char *line, size_t size)
{
	nkg_json_record rec;
	nkg_json_error err;
	nkg_status st;

	memset(&err, 0, sizeof err);
	st = nkg_json_parse_record(line, size, &rec, &err);
	if (st == NKG_SUCCESS) {
		FUZZ_CHECK(rec.text != NULL, "record without text");
		FUZZ_CHECK(strlen(rec.text) == rec.text_len, "text_len %zu, strlen %zu",
		           rec.text_len, strlen(rec.text));
		check_field("text", rec.text);
		check_field("id", rec.id);
		check_field("url", rec.url);
		check_field("title", rec.title);
		check_field("date", rec.date);
		nkg_json_record_clear(&rec);
	} else {
		FUZZ_CHECK(st == err.status, "returned %d, error says %d", (int)st, (int)err.status);
		FUZZ_CHECK(st == NKG_ERR_JSON || st == NKG_ERR_BINARY, "unexpected status %d", (int)st);
		FUZZ_CHECK(err.offset <= size, "error offset %zu beyond the line of %zu", err.offset, size);
		FUZZ_CHECK(err.message[0] && !strpbrk(err.message, "\r\n"), "bad message '%s'",
		           err.message);
		FUZZ_CHECK(!rec.text && !rec.id && !rec.url && !rec.title && !rec.date,
		           "failed parse left fields behind");
	}
	nkg_json_record_clear(&rec);
	nkg_json_record_clear(NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size, *nl;

	if (!fuzz_utf8_ok(s, size))
		return 0;
	for (; s < end; s = nl + 1) {
		if (!(nl = memchr(s, '\n', (size_t)(end - s))))
			nl = end;
		check_line(s, (size_t)(nl - s));
	}
	return 0;
}
