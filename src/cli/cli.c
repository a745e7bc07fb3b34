/* cli.c — option parsing shared by the subcommands. */
#include "cli/cli.h"

#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/status.h"
#include "store/store.h"

void cli_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "loa %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts, const char **pos, int maxpos,
	      int *npos)
{
	*npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
			return CLI_HELP;
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (*npos >= maxpos) {
				cli_error(cmd, "thừa tham số \"%s\" (xem loa %s --help)", arg, cmd);
				return CLI_USAGE;
			}
			pos[(*npos)++] = arg;
			continue;
		}
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		const struct cli_opt *o = NULL;
		for (const struct cli_opt *p = opts; p->name; p++)
			if (strlen(p->name) == nlen && strncmp(p->name, name, nlen) == 0)
				o = p;
		if (!o) {
			cli_error(cmd, "không có tùy chọn --%.*s (xem loa %s --help)", (int)nlen, name, cmd);
			return CLI_USAGE;
		}
		if (o->flag) {
			if (eq) {
				cli_error(cmd, "tùy chọn --%s không nhận giá trị", o->name);
				return CLI_USAGE;
			}
			*o->flag = true;
			continue;
		}
		if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			cli_error(cmd, "tùy chọn --%s cần một giá trị", o->name);
			return CLI_USAGE;
		}
	}
	return CLI_OK;
}

static bool has_project_files(const char *dir)
{
	char p[PATH_MAX];
	struct stat sb;
	return (size_t)snprintf(p, sizeof p, "%s/themes/default/templates", dir) < sizeof p && stat(p, &sb) == 0 &&
	       S_ISDIR(sb.st_mode);
}

const char *cli_project_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* walk up from the binary: build/loa, build/san/loa, or an
		 * installed PREFIX/bin/loa with PREFIX/share/loa */
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (!slash)
				break;
			*slash = '\0';
			if (has_project_files(exe)) {
				snprintf(dir, sizeof dir, "%s", exe);
				return dir;
			}
			if ((size_t)snprintf(dir, sizeof dir, "%s/share/loa", exe) < sizeof dir && has_project_files(dir))
				return dir;
		}
	}
	if (getcwd(dir, sizeof dir) && has_project_files(dir))
		return dir;
	return NULL;
}

void cli_data_dirs(const char *db, const char *media, char media_out[static 4096], char attach_out[static 4096])
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s", db);
	const char *dir = dirname(tmp);
	if (media)
		snprintf(media_out, 4096, "%s", media);
	else
		snprintf(media_out, 4096, "%s/media", dir);
	snprintf(attach_out, 4096, "%s/attachments", dir);
}

struct store *cli_open_db(const char *cmd, const char *path, bool create)
{
	char *err = NULL;
	struct store *st = store_open(path, create, &err);
	if (!st) {
		cli_error(cmd, "%s", err ? err : "không mở được cơ sở dữ liệu");
		free(err);
	}
	return st;
}

int cli_find_site(const char *cmd, struct store *st, struct arena *a, const char *host, struct site *out)
{
	struct site *all;
	size_t n;
	if (store_site_list(st, a, &all, &n) != LOA_OK || n == 0) {
		cli_error(cmd, "cơ sở dữ liệu chưa có trang nào; chạy loa init trước");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if ((!host && all[i].is_default) || (host && strcasecmp(all[i].host, host) == 0)) {
			*out = all[i];
			return 0;
		}
	}
	cli_error(cmd, "không có trang với tên miền \"%s\"", host ? host : "");
	return -1;
}
