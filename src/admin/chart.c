/* chart.c — inline SVG bar charts; see chart.h. */
#include "admin/chart.h"

#include <string.h>

#include "core/num.h"
#include "render/escape.h"

/* The drawing's own units; the page scales it to the card's width (about
 * 300 px on a phone, 400 px on a desktop), so 16 units are 12 to 16 px.
 * LEFT holds a y label of six digits ("12.000"). */
#define W 400
#define H 200
#define LEFT 58
#define BOTTOM 30
#define TOP 12
#define FONT 16

void chart_axis(int64_t max, int64_t *step, int64_t *top)
{
	int64_t s = 1, p = 1;
	if (max < 1)
		max = 1;
	/* the smallest 1/2/5 x 10^k step that needs at most 4 intervals */
	for (;;) {
		int64_t m[3] = {p, 2 * p, 5 * p};
		int k;
		for (k = 0; k < 3 && (max + m[k] - 1) / m[k] > 4; k++)
			;
		if (k < 3) {
			s = m[k];
			break;
		}
		p *= 10;
	}
	*step = s;
	*top = s * ((max + s - 1) / s);
}

void chart_bars_svg(struct buf *out, const char *title, const struct chart_bar *bars, size_t n, size_t label_every)
{
	int64_t max = 0, step, top;
	for (size_t i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	chart_axis(max, &step, &top);
	buf_addf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, H);
	esc_html(out, title, strlen(title));
	buf_adds(out, "\" xmlns=\"http://www.w3.org/2000/svg\"><title>");
	esc_html(out, title, strlen(title));
	buf_adds(out, "</title>");
	int plot_h = H - TOP - BOTTOM, plot_w = W - LEFT - 4;
	char num[32];
	for (int64_t v = 0; v <= top; v += step) {
		int y = TOP + plot_h - (int)((int64_t)plot_h * v / top);
		num_format_vi(v, num);
		buf_addf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>", LEFT, y, W - 4, y);
		buf_addf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"end\" fill=\"#555\">%s</text>",
			 LEFT - 6, y + FONT / 3, FONT, num);
	}
	if (n == 0) {
		buf_adds(out, "</svg>");
		return;
	}
	double slot = (double)plot_w / (double)n;
	double bw = slot * 0.7;
	for (size_t i = 0; i < n; i++) {
		double x = LEFT + slot * (double)i + (slot - bw) / 2;
		int h = (int)((double)plot_h * (double)bars[i].value / (double)top);
		num_format_vi(bars[i].value, num);
		buf_addf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#a50e0e\"><title>", x,
			 TOP + plot_h - h, bw, h);
		esc_html(out, bars[i].label, strlen(bars[i].label));
		buf_addf(out, ": %s</title></rect>", num);
		if (label_every && i % label_every == 0) {
			buf_addf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"%d\" text-anchor=\"middle\" fill=\"#444\">",
				 x + bw / 2, H - BOTTOM + FONT + 4, FONT);
			esc_html(out, bars[i].axis_label, strlen(bars[i].axis_label));
			buf_adds(out, "</text>");
		}
	}
	buf_adds(out, "</svg>");
}
