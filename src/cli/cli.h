/* cli.h — the `loa` command line: one function per subcommand, and a small
 * table-driven option parser shared by them. Every command prints its usage
 * on --help and exits 0; bad arguments print one line to stderr and exit 2;
 * runtime failures exit 1. */
#ifndef LOA_CLI_H
#define LOA_CLI_H

#include <stdbool.h>

struct arena;
struct site;
struct store;

/* An option: "--name VALUE" (value != NULL) or a flag "--name" (flag != NULL). */
struct cli_opt {
	const char *name;
	const char **value;
	bool *flag;
};

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_HELP = 3 };

/* Parses argv[1..] against opts; positional arguments are collected into
 * pos (at most maxpos). Accepts "--name=VALUE" too. Prints the error itself
 * (prefixed "loa CMD: ") and returns CLI_USAGE; CLI_HELP on --help/-h. */
int cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts, const char **pos, int maxpos,
	      int *npos);
/* Prints "loa CMD: message" to stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Directory holding the running binary's project files (demo/, themes/):
 * found from the binary's location (build/loa -> .., PREFIX/bin/loa ->
 * PREFIX/share/loa) or the current directory. Returns a static path or
 * NULL. */
const char *cli_project_dir(void);
/* Opens the database for command `cmd`, printing the reason on failure. */
struct store *cli_open_db(const char *cmd, const char *path, bool create);
/* The data folders of the install whose database is `db`: media (given, or
 * "media" beside db) and attachments ("attachments" beside db). */
void cli_data_dirs(const char *db, const char *media, char media_out[static 4096], char attach_out[static 4096]);

/* The site of --site HOST (host NULL: the default site). The exact host
 * must exist: an import must not silently land on the default site. 0,
 * or -1 after printing why. */
int cli_find_site(const char *cmd, struct store *st, struct arena *a, const char *host, struct site *out);

int cmd_init(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_import_nukeviet(int argc, char **argv); /* loa import --from nukeviet (cmd_import_nukeviet.c) */
int cmd_site(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_check(int argc, char **argv);

#endif
