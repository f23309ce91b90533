/* The progress bar of a long extract: articles, megabytes, rate and time
 * left, redrawn in place on a terminal's stderr.  Error lines clear it
 * first (print_error), so they never run into it. */
#include <stdio.h>

#include "cli.h"

#define BAR_WIDTH 24

const char *human_bytes(char *buf, size_t size, unsigned long long bytes)
{
	static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
	double v = (double)bytes;
	size_t u = 0;

	while (v >= 1000 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1000;
		u++;
	}
	snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", v, units[u]);
	return buf;
}

static void put_time(char *buf, size_t size, double s)
{
	unsigned long t = (unsigned long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, size, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, size, "%lu:%02lu", t / 60, t % 60);
}

void progress_draw(void *handle, const nkg_progress *p)
{
	report_state *rs = handle;
	char done[32], total[32], rate[32], eta[32], bar[BAR_WIDTH + 1];
	double mbs = p->seconds > 0 ? (double)p->bytes_read / 1e6 / p->seconds : 0;
	double frac;
	int i, fill;

	human_bytes(done, sizeof done, p->bytes_read);
	snprintf(rate, sizeof rate, "%.1f MB/s", mbs);
	if (p->bytes_total == 0 || p->bytes_read > p->bytes_total) {
		fprintf(stderr, "\r" PROG ": %zu articles, %s, %s, %.0f s\033[K",
		        p->articles, done, rate, p->seconds);
	} else {
		frac = (double)p->bytes_read / (double)p->bytes_total;
		fill = (int)(frac * BAR_WIDTH);
		for (i = 0; i < BAR_WIDTH; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[BAR_WIDTH] = '\0';
		human_bytes(total, sizeof total, p->bytes_total);
		if (mbs > 0)
			put_time(eta, sizeof eta,
			         (double)(p->bytes_total - p->bytes_read) / 1e6 / mbs);
		else
			snprintf(eta, sizeof eta, "?");
		fprintf(stderr, "\r" PROG ": [%s] %3.0f%% %zu articles, %s of %s, %s, ETA %s\033[K",
		        bar, frac * 100, p->articles, done, total, rate, eta);
	}
	fflush(stderr);
	rs->bar_shown = 1;
}

void progress_clear(report_state *rs)
{
	if (!rs->bar_shown)
		return;
	fputs("\r\033[K", stderr);
	rs->bar_shown = 0;
}
