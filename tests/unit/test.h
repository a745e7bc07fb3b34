/* test.h — a tiny TAP-style harness for unit tests. Each check prints
 * "ok - ..." or "not ok - ..."; tests/run counts those lines. A test file
 * defines its tests as functions and calls them from main, ending with
 * `return test_done();`. */
#ifndef LOA_TEST_H
#define LOA_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failures_;
static int test_count_;

#define CHECK(cond, ...)                                                               \
	do {                                                                           \
		test_count_++;                                                         \
		if (cond) {                                                            \
			printf("ok - ");                                               \
		} else {                                                               \
			test_failures_++;                                              \
			printf("not ok - %s:%d: (%s) ", __FILE__, __LINE__, #cond);    \
		}                                                                      \
		printf(__VA_ARGS__);                                                   \
		printf("\n");                                                          \
	} while (0)

#define CHECK_STR(got, want, ...)                                                      \
	do {                                                                           \
		const char *g_ = (got), *w_ = (want);                                  \
		int same_ = g_ && w_ && strcmp(g_, w_) == 0;                           \
		CHECK(same_, __VA_ARGS__);                                             \
		if (!same_)                                                            \
			printf("#   got:  %s\n#   want: %s\n", g_ ? g_ : "(null)",       \
			       w_ ? w_ : "(null)");                                    \
	} while (0)

static inline int test_done(void)
{
	fflush(stdout);
	return test_failures_ ? 1 : 0;
}

#endif
