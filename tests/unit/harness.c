#include "harness.h"

int nkg_test_failures = 0;
int nkg_test_checks = 0;

int nkg_test_finish(void)
{
	printf("%d passed, %d failed\n", nkg_test_checks - nkg_test_failures,
	       nkg_test_failures);
	return nkg_test_failures ? 1 : 0;
}
