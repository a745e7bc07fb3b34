/* test_chart.c — the dashboard charts' y axis: whole numbers, each shown
 * once, at most five ticks, reaching the largest value. */
#include <stdbool.h>
#include <stdlib.h>

#include "admin/chart.h"
#include "core/buf.h"
#include "test.h"

static void test_axis(void)
{
	static const int64_t maxes[] = {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 23, 99, 101, 999, 4001, 1250318};
	for (size_t i = 0; i < sizeof maxes / sizeof maxes[0]; i++) {
		int64_t step, top, m = maxes[i];
		chart_axis(m, &step, &top);
		int64_t p = 1;
		while (p * 10 <= step)
			p *= 10;
		bool nice = step == p || step == 2 * p || step == 5 * p;
		CHECK(step >= 1 && nice && top >= m && top % step == 0 && top / step <= 4 && top / step >= 1 &&
			      top - step < (m > 0 ? m : 1),
		      "axis for max %lld: step %lld, top %lld", (long long)m, (long long)step, (long long)top);
	}
}

/* Counts the y-axis labels (text-anchor="end") and checks they differ. */
static void test_labels_unique(void)
{
	struct chart_bar bars[3] = {{"a", "a", 0}, {"b", "b", 1}, {"c", "c", 2}};
	struct buf b = BUF_INIT;
	chart_bars_svg(&b, "t", bars, 3, 1);
	const char *p = b.data;
	char seen[8][16];
	int n = 0;
	bool dup = false;
	while ((p = strstr(p, "text-anchor=\"end\" fill=\"#555\">")) != NULL) {
		p = strchr(p, '>') + 1;
		size_t k = strcspn(p, "<");
		if (n < 8 && k < 16) {
			memcpy(seen[n], p, k);
			seen[n][k] = '\0';
			for (int j = 0; j < n; j++)
				dup |= strcmp(seen[j], seen[n]) == 0;
			n++;
		}
	}
	CHECK(n == 3 && !dup, "values 0..2 give the ticks 0, 1, 2, each once (%d ticks)", n);
	CHECK(strstr(b.data, "font-size=\"11\"") == NULL, "no 11-unit type (too small once scaled)");
	buf_reset(&b);
}

int main(void)
{
	test_axis();
	test_labels_unique();
	return test_done();
}
