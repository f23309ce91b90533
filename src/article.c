/* Articles: plain records of malloc'ed strings, so that the reader can
 * hand over buffers it has already filled instead of copying them. */
#include <stdlib.h>
#include <string.h>

#include "newskg/article.h"
#include "utf8.h"

/* A malloc'ed copy of s[0..len) with a NUL after it; the caller frees. */
static char *copy_n(const char *s, size_t len)
{
	char *c = malloc(len + 1);

	if (c) {
		memcpy(c, s, len);
		c[len] = '\0';
	}
	return c;
}

/* A copy of `s`, or NULL for NULL; *failed is set when a copy was needed
 * and memory ran out, so that an optional NULL is told apart from a
 * failure. */
static char *copy_opt(const char *s, int *failed)
{
	char *c;

	if (!s)
		return NULL;
	c = copy_n(s, strlen(s));
	if (!c)
		*failed = 1;
	return c;
}

nkg_article *nkg_article_new(const char *id, const char *url, const char *title,
                             const char *date, const char *text, size_t text_len,
                             const char *path, size_t line)
{
	nkg_article *a;
	int failed = 0;

	if (!text || !path)
		return NULL;
	if (!(a = calloc(1, sizeof *a)))
		return NULL;
	/* The id is never NULL: without one the file name stands in. */
	a->id = copy_opt(id ? id : path, &failed);
	a->url = copy_opt(url, &failed);
	a->title = copy_opt(title, &failed);
	a->date = copy_opt(date, &failed);
	a->path = copy_opt(path, &failed);
	a->text = copy_n(text, text_len);
	a->text_len = text_len;
	a->line = line;
	if (failed || !a->text) {
		nkg_article_free(a);
		return NULL;
	}
	return a;
}

void nkg_article_free(nkg_article *article)
{
	if (!article)
		return;
	free(article->id);
	free(article->url);
	free(article->title);
	free(article->date);
	free(article->text);
	free(article->path);
	free(article);
}

nkg_status nkg_article_check(const nkg_article *a, const char **field, size_t *offset)
{
	const char *names[] = {"text", "id", "url", "title", "date", "path"};
	const char *v[6];
	size_t i, off = NKG_NO_OFFSET;
	nkg_status st = NKG_SUCCESS;

	if (!a || !a->text)
		return NKG_ERR_ARG;
	v[0] = a->text, v[1] = a->id, v[2] = a->url, v[3] = a->title, v[4] = a->date, v[5] = a->path;
	for (i = 0; i < 6 && !st; i++) {
		if (v[i])
			st = nkg_utf8_check_text(v[i], i == 0 ? a->text_len : strlen(v[i]), &off);
	}
	if (field)
		*field = st ? names[i - 1] : NULL;
	if (offset)
		*offset = st ? off : NKG_NO_OFFSET;
	return st;
}
