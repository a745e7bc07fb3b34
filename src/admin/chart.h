/* chart.h — small bar charts as inline SVG for the dashboard (visits per
 * day and per month), drawn on the server: no script, prints well. */
#ifndef LOA_CHART_H
#define LOA_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Appends an <svg> bar chart of values[0..n) with labels under the bars
 * (every `label_every`-th shown) and an accessible title. Text is escaped. */
void chart_bars_svg(struct buf *out, const char *title, const char *const *labels, const int64_t *values, size_t n,
		    size_t label_every);

#endif
