/* prompt.c — reading a password on the command line.
 *
 * On a terminal the prompt goes to /dev/tty (so it shows even when standard
 * output is redirected) and echo is turned off with termios for the time of
 * the read. Without a terminal one line is read from standard input through
 * stdio, so a script may pipe the password in and keep using stdin after. */
#include "auth/auth.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "core/status.h"

#define MSG_TOO_LONG "Mật khẩu quá dài."
#define MSG_NUL "Mật khẩu chứa ký tự không hợp lệ."
#define MSG_MISMATCH "Hai lần nhập mật khẩu không khớp."
#define MSG_EOF "Không đọc được mật khẩu: dữ liệu vào đã hết."
#define MSG_TTY "Không dùng được terminal để nhập mật khẩu."
#define MSG_AGAIN "Nhập lại mật khẩu: "

/* Reads one byte from fd (when >= 0) or from stdin. 1, 0 at end, -1 on
 * error. */
static int next_byte(int fd, unsigned char *c)
{
	if (fd < 0) {
		int ch = getc(stdin);
		if (ch == EOF)
			return ferror(stdin) ? -1 : 0;
		*c = (unsigned char)ch;
		return 1;
	}
	for (;;) {
		ssize_t r = read(fd, c, 1);
		if (r >= 0)
			return (int)r;
		if (errno != EINTR)
			return -1;
	}
}

/* Reads a line into buf (cap >= 1), without "\n" or "\r\n". A line that
 * does not fit is still consumed to its end, so the next read starts on a
 * fresh line. LOA_OK, LOA_INVALID (too long, or a NUL byte), LOA_ERROR
 * (nothing before end of input, or a read error). */
static int read_line(int fd, char *buf, size_t cap, const char **err)
{
	size_t len = 0;
	bool any = false, too_long = false, nul = false;
	unsigned char c;
	int r;
	while ((r = next_byte(fd, &c)) == 1) {
		any = true;
		if (c == '\n')
			break;
		if (c == '\0')
			nul = true;
		if (len + 1 < cap)
			buf[len++] = (char)c;
		else
			too_long = true;
	}
	if (len > 0 && buf[len - 1] == '\r' && !too_long)
		len--;
	buf[len] = '\0';
	if (r < 0 || !any) {
		*err = MSG_EOF;
		return LOA_ERROR;
	}
	if (too_long || nul) {
		*err = too_long ? MSG_TOO_LONG : MSG_NUL;
		return LOA_INVALID;
	}
	return LOA_OK;
}

static int write_all(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return LOA_ERROR;
		s += w;
		n -= (size_t)w;
	}
	return LOA_OK;
}

/* Prompts on the terminal fd and reads a line with echo off. */
static int read_tty(int fd, const char *prompt, char *buf, size_t cap, const char **err)
{
	struct termios old, quiet;
	if (tcgetattr(fd, &old) != 0) {
		*err = MSG_TTY;
		return LOA_ERROR;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
	quiet.c_lflag |= ECHONL | ICANON; /* line editing stays; Enter still shows */
	if (write_all(fd, prompt) != LOA_OK || tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
		*err = MSG_TTY;
		return LOA_ERROR;
	}
	int rc = read_line(fd, buf, cap, err);
	if (tcsetattr(fd, TCSAFLUSH, &old) != 0 && rc == LOA_OK) {
		*err = MSG_TTY;
		rc = LOA_ERROR;
	}
	return rc;
}

int auth_read_password(const char *prompt, char *buf, size_t cap, bool confirm, const char **err)
{
	assert(cap > 0);
	const char *unused;
	if (!err)
		err = &unused;
	*err = NULL;
	buf[0] = '\0';

	int rc = LOA_ERROR;
	if (!isatty(STDIN_FILENO)) {
		rc = read_line(-1, buf, cap, err);
		goto out;
	}
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*err = MSG_TTY;
		goto out;
	}
	rc = read_tty(fd, prompt, buf, cap, err);
	if (rc != LOA_OK || !confirm)
		goto close_tty;

	char *again = malloc(cap);
	if (!again)
		abort(); /* out of memory is fatal throughout loa */
	rc = read_tty(fd, MSG_AGAIN, again, cap, err);
	if (rc == LOA_OK && strcmp(buf, again) != 0) {
		*err = MSG_MISMATCH;
		rc = LOA_INVALID;
	}
	sodium_memzero(again, cap);
	free(again);

close_tty:
	close(fd);
out:
	if (rc != LOA_OK)
		sodium_memzero(buf, cap);
	return rc;
}
