/* chart.c — inline SVG bar charts; see chart.h. */
#include "admin/chart.h"

#include <string.h>

#include "core/num.h"
#include "render/escape.h"

#define W 720
#define H 240
#define LEFT 56
#define BOTTOM 36
#define TOP 16

/* A "nice" axis maximum: 1, 2 or 5 times a power of ten, at least v. */
static int64_t nice_max(int64_t v)
{
	int64_t p = 1;
	while (p * 10 <= v)
		p *= 10;
	for (int64_t m = 1; m <= 10; m = m == 1 ? 2 : m == 2 ? 5 : 10)
		if (p * m >= v)
			return p * m;
	return p * 10;
}

void chart_bars_svg(struct buf *out, const char *title, const char *const *labels, const int64_t *values, size_t n,
		    size_t label_every)
{
	int64_t max = 0;
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	int64_t top = nice_max(max > 0 ? max : 1);
	buf_addf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, H);
	esc_html(out, title, strlen(title));
	buf_adds(out, "\" xmlns=\"http://www.w3.org/2000/svg\"><title>");
	esc_html(out, title, strlen(title));
	buf_adds(out, "</title>");
	int plot_h = H - TOP - BOTTOM, plot_w = W - LEFT - 8;
	char num[32];
	for (int g = 0; g <= 4; g++) {
		int y = TOP + plot_h - plot_h * g / 4;
		num_format_vi(top * g / 4, num);
		buf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>", LEFT, y, W - 8, y);
		buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#666\">%s</text>",
			 LEFT - 6, y + 4, num);
	}
	if (n == 0) {
		buf_adds(out, "</svg>");
		return;
	}
	double slot = (double)plot_w / (double)n;
	double bw = slot * 0.7;
	for (size_t i = 0; i < n; i++) {
		double x = LEFT + slot * (double)i + (slot - bw) / 2;
		int h = (int)((double)plot_h * (double)values[i] / (double)top);
		num_format_vi(values[i], num);
		buf_addf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#a50e0e\"><title>", x,
			 TOP + plot_h - h, bw, h);
		esc_html(out, labels[i], strlen(labels[i]));
		buf_addf(out, ": %s</title></rect>", num);
		if (label_every && i % label_every == 0) {
			buf_addf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">",
				 x + bw / 2, H - BOTTOM + 16);
			esc_html(out, labels[i], strlen(labels[i]));
			buf_adds(out, "</text>");
		}
	}
	buf_adds(out, "</svg>");
}
