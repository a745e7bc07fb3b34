/* smtp.h — a small SMTP client (RFC 5321) that sends one message to one
 * recipient: EHLO (HELO when refused), STARTTLS or TLS from the first
 * byte (OpenSSL, certificate and host name checked), AUTH PLAIN or LOGIN,
 * MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. Every read and write
 * has a timeout; every reply is bounded (SMTP_REPLY_MAX bytes,
 * SMTP_REPLY_LINES lines), so a hostile or broken server can neither
 * stall the sender forever nor make it allocate without bound. Blocking:
 * call it from the sender's thread, never from a request. The only module
 * that includes OpenSSL's headers. */
#ifndef LOA_MAIL_SMTP_H
#define LOA_MAIL_SMTP_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define SMTP_REPLY_MAX 16384
#define SMTP_REPLY_LINES 100
#define SMTP_TEXT_MAX 200

struct smtp_reply {
	int code;                   /* 200..599 */
	char text[SMTP_TEXT_MAX + 1]; /* the first line's text, cut at SMTP_TEXT_MAX bytes */
	/* EHLO keywords seen on any line */
	bool starttls, auth_plain, auth_login, eightbit;
};

/* Parses one complete reply at the start of data[0..len): 1 with *r and
 * *used (bytes consumed) when complete, 0 when more bytes are needed, -1
 * when malformed (a line not "ddd" + SP/"-"/CRLF, codes that differ, a
 * code outside 200..599, more than SMTP_REPLY_LINES lines, or no end
 * within SMTP_REPLY_MAX bytes). Lines may end in LF alone. */
int smtp_reply_parse(const char *data, size_t len, struct smtp_reply *r, size_t *used);

enum smtp_security { SMTP_PLAIN = 0, SMTP_STARTTLS = 1, SMTP_TLS = 2 };

struct smtp_server {
	const char *host;
	int port;
	int security;               /* enum smtp_security */
	const char *login, *password; /* login "" = no AUTH */
	int timeout_s;              /* for connecting and for each reply */
	const char *helo;           /* the name loa gives in EHLO */
};

/* Sends msg (a whole RFC 5322 message, not yet dot-stuffed). 0 when the
 * server accepted it; otherwise -1 with a short Vietnamese reason in err,
 * and *temporary true when trying again later may help (a 4xx reply,
 * a refused or cut connection, a timeout) and false for a 5xx refusal. */
int smtp_send(const struct smtp_server *srv, const char *from, const char *rcpt, const char *msg, size_t len,
	      struct buf *err, bool *temporary);

#endif
