/* message.h — an Internet message (RFC 5322) from a notification: the
 * headers loa sends (From, To, Subject, Date, Message-ID, MIME), with
 * non-ASCII phrases as RFC 2047 encoded words, and a plain UTF-8 body
 * with CRLF line ends. Pure functions over buffers: no I/O, no state. */
#ifndef LOA_MAIL_MESSAGE_H
#define LOA_MAIL_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

struct mail_message {
	const char *from_addr, *from_name; /* name may be "" */
	const char *to;
	const char *subject;               /* UTF-8 */
	const char *body;                  /* UTF-8, "\n" or "\r\n" line ends */
	int64_t date;                      /* Unix time, written in Vietnam time (+0700) */
	int64_t id;                        /* the outbox row: part of the Message-ID */
};

/* Appends the whole message to out. CR, LF and other control characters
 * in header values are replaced by spaces, so no value can add a header.
 * Body lines longer than 998 octets are broken (at a UTF-8 boundary). */
void mail_message_build(struct buf *out, const struct mail_message *m);
/* Appends `text` as a header value: as is when it is printable ASCII,
 * otherwise as "=?UTF-8?B?...?=" words of at most 75 characters, folded
 * with CRLF SP between words and never splitting a UTF-8 sequence. */
void mail_encode_phrase(struct buf *out, const char *text);
/* Appends data for the DATA command: each line starting with "." gets a
 * second "." (RFC 5321 4.5.2), bare LF becomes CRLF, and the terminating
 * CRLF "." CRLF is added. */
void mail_dot_stuff(struct buf *out, const char *data, size_t len);
/* Appends data[0..n) in base64 (RFC 4648), without line breaks. */
void mail_base64(struct buf *out, const void *data, size_t n);
/* True when addr looks like one mailbox local@domain: printable ASCII
 * without spaces, <>, quotes, commas or control characters, at most 254
 * bytes, one "@" with text on both sides and a dot in the domain. */
bool mail_addr_ok(const char *addr);

#endif
