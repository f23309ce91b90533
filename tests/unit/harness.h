/* A small test harness: CHECK records a failure and goes on; each test
 * file defines `int main(void)` that calls its cases and returns
 * nkg_test_finish(). */
#ifndef NKG_TEST_HARNESS_H
#define NKG_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

extern int nkg_test_failures;
extern int nkg_test_checks;

#define CHECK(cond) \
	do { \
		nkg_test_checks++; \
		if (!(cond)) { \
			nkg_test_failures++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(a, b) \
	do { \
		const char *a_ = (a), *b_ = (b); \
		nkg_test_checks++; \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) { \
			nkg_test_failures++; \
			fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got:      %s\n  expected: %s\n", \
			        __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
		} \
	} while (0)

/* Prints "N passed, M failed" and returns the exit code. */
int nkg_test_finish(void);

#endif
