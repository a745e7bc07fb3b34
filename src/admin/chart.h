/* chart.h — small bar charts as inline SVG for the dashboard (visits per
 * day and per month), drawn on the server: no script, prints well. */
#ifndef LOA_CHART_H
#define LOA_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct chart_bar {
	const char *label;       /* in the bar's tooltip: "07/12/2026" */
	const char *axis_label;  /* under the bar, short: "07/12" */
	int64_t value;           /* >= 0 */
};

/* The y axis of a chart whose largest value is max: whole-number ticks
 * 0, step, 2*step, ... up to top (at most 5 of them, each shown once),
 * step being 1, 2 or 5 times a power of ten. */
void chart_axis(int64_t max, int64_t *step, int64_t *top);

/* Appends an <svg> bar chart of bars[0..n) with the axis labels of every
 * `label_every`-th bar under it and an accessible title. Sized so that
 * its text stays at least about 12 px when the chart fills a phone's or
 * half a desktop's width. Text is escaped. */
void chart_bars_svg(struct buf *out, const char *title, const struct chart_bar *bars, size_t n, size_t label_every);

#endif
