/* test_mail.c — mail notifications below the server: the message builder
 * (headers, RFC 2047 words, line ends, dot-stuffing), addresses, the SMTP
 * reply parser, the retry schedule, and the outbox's storage contract
 * (store_mail.h) on a temporary SQLite file, including that a rolled-back
 * event leaves no mail behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/status.h"
#include "mail/message.h"
#include "mail/outbox.h"
#include "mail/sender.h"
#include "mail/smtp.h"
#include "store/store.h"
#include "store/store_mail.h"
#include "test.h"

#define T0 1790000000

static void test_encode_phrase(void)
{
	struct buf b = BUF_INIT;
	mail_encode_phrase(&b, "Plain ASCII subject");
	CHECK_STR(b.data, "Plain ASCII subject", "printable ASCII stays as it is");
	buf_setlen(&b, 0);
	mail_encode_phrase(&b, "Thư thử");
	CHECK_STR(b.data, "=?UTF-8?B?VGjGsCB0aOG7rQ==?=", "Vietnamese becomes one base64 word");
	buf_setlen(&b, 0);
	mail_encode_phrase(&b, "a =?x?= b");
	CHECK(strncmp(b.data, "=?UTF-8?B?", 10) == 0, "text that looks like an encoded word is encoded");
	buf_setlen(&b, 0);
	/* 60 "ạ" (3 bytes each): words of 45 bytes = 15 letters, never cut inside one */
	struct buf in = BUF_INIT;
	for (int i = 0; i < 60; i++)
		buf_adds(&in, "ạ");
	mail_encode_phrase(&b, in.data);
	int words = 0;
	bool short_enough = true;
	for (char *w = b.data; (w = strstr(w, "=?UTF-8?B?")); w += 10) {
		char *end = strstr(w, "?=");
		words++;
		short_enough &= end && end + 2 - w <= 75;
	}
	CHECK(words == 4 && short_enough, "a long subject is folded into words of at most 75 characters (%d)", words);
	CHECK(strstr(b.data, "?=\r\n =?UTF-8?B?") != NULL, "words are folded with CRLF SP");
	buf_setlen(&b, 0);
	mail_encode_phrase(&b, "Dòng 1\r\nBcc: x@y.vn");
	CHECK(!strchr(b.data, '\n') || strstr(b.data, "\r\n ") != NULL, "no bare line break in an encoded header");
	CHECK(strstr(b.data, "Bcc:") == NULL, "a header cannot be smuggled in a subject");
	buf_reset(&in);
	buf_reset(&b);
}

static void test_message_build(void)
{
	struct buf b = BUF_INIT;
	struct mail_message m = {"thongbao@xa.example.vn", "Cổng thông tin xã", "an@example.vn\r\nBcc: x@y.vn",
				 "Bài đã được đăng", "Dòng một\n.dòng bắt đầu bằng dấu chấm\n\nhết", T0, 42};
	mail_message_build(&b, &m);
	CHECK(strstr(b.data, "From: =?UTF-8?B?") == b.data, "From: the encoded name first");
	CHECK(strstr(b.data, " <thongbao@xa.example.vn>\r\n") != NULL, "then the address");
	CHECK(strstr(b.data, "\r\nBcc:") == NULL, "CR LF in the recipient cannot add a header");
	CHECK(strstr(b.data, "\r\nSubject: =?UTF-8?B?") != NULL, "Subject encoded");
	/* T0 = 2026-09-21 14:13:20 UTC = 21:13:20 in Vietnam, a Monday */
	CHECK(strstr(b.data, "\r\nDate: Mon, 21 Sep 2026 21:13:20 +0700\r\n") != NULL, "Date in Vietnam time");
	CHECK(strstr(b.data, "\r\nMessage-ID: <loa.42.1790000000@xa.example.vn>\r\n") != NULL, "Message-ID");
	CHECK(strstr(b.data, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n") != NULL,
	      "plain UTF-8 text");
	const char *body = strstr(b.data, "\r\n\r\n");
	CHECK_STR(body ? body + 4 : "", "Dòng một\r\n.dòng bắt đầu bằng dấu chấm\r\n\r\nhết\r\n", "body with CRLF line ends");
	bool bare_lf = false;
	for (size_t i = 0; i < b.len; i++)
		bare_lf |= b.data[i] == '\n' && (i == 0 || b.data[i - 1] != '\r');
	CHECK(!bare_lf, "no bare LF anywhere");
	buf_setlen(&b, 0);
	struct buf big = BUF_INIT;
	for (int i = 0; i < 700; i++)
		buf_adds(&big, "ư"); /* 1400 bytes on one line */
	m.body = big.data;
	mail_message_build(&b, &m);
	body = strstr(b.data, "\r\n\r\n") + 4;
	const char *nl = strstr(body, "\r\n");
	CHECK(nl && nl - body <= 998 && (nl - body) % 2 == 0, "a line past 998 octets is broken at a character");
	buf_reset(&big);
	buf_reset(&b);
}

static void test_dot_stuff(void)
{
	struct buf b = BUF_INIT;
	const char in[] = ".đầu\r\ngiữa\r\n.\r\n..hai\nLF\n";
	mail_dot_stuff(&b, in, sizeof in - 1);
	CHECK_STR(b.data, "..đầu\r\ngiữa\r\n..\r\n...hai\r\nLF\r\n.\r\n", "lines starting with a dot get another");
	buf_setlen(&b, 0);
	mail_dot_stuff(&b, "không xuống dòng", strlen("không xuống dòng"));
	CHECK_STR(b.data, "không xuống dòng\r\n.\r\n", "the end mark after a line end");
	buf_setlen(&b, 0);
	mail_dot_stuff(&b, "", 0);
	CHECK_STR(b.data, ".\r\n", "an empty message is just the end mark");
	buf_setlen(&b, 0);
	mail_dot_stuff(&b, "a\rb", 3);
	CHECK_STR(b.data, "a\r\nb\r\n.\r\n", "a bare CR ends a line");
	buf_reset(&b);
}

static void test_addresses(void)
{
	CHECK(mail_addr_ok("an@example.vn"), "a plain address");
	CHECK(mail_addr_ok("ubnd.xa+thong-bao@hoalacson.gov.vn"), "dots and plus");
	const char *bad[] = {"", "an", "@example.vn", "an@", "an@localhost", "an@@example.vn", "an@ex ample.vn",
			     "an@example.vn>", "an@example.vn\r\nRCPT TO:<x@y.vn>", "\"an\"@example.vn", "an@.vn",
			     "an@example.", "nguyễn@example.vn"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(!mail_addr_ok(bad[i]), "refused: %zu", i);
}

static void test_reply_parser(void)
{
	struct smtp_reply r;
	size_t used;
	const char ehlo[] = "250-smtp.example.vn\r\n250-STARTTLS\r\n250-AUTH LOGIN PLAIN\r\n250 8BITMIME\r\n220 next";
	CHECK(smtp_reply_parse(ehlo, sizeof ehlo - 1, &r, &used) == 1 && r.code == 250, "a multi-line reply");
	CHECK(used == sizeof ehlo - 1 - strlen("220 next"), "consumes exactly that reply");
	CHECK(r.starttls && r.auth_plain && r.auth_login && r.eightbit, "EHLO keywords");
	CHECK_STR(r.text, "smtp.example.vn", "the first line's text");
	CHECK(smtp_reply_parse("250-a\r\n250", 10, &r, &used) == 0, "an unfinished reply needs more");
	CHECK(smtp_reply_parse("250-a\r\n251 b\r\n", 14, &r, &used) == -1, "codes that differ are refused");
	CHECK(smtp_reply_parse("hello\r\n", 7, &r, &used) == -1, "not a reply");
	CHECK(smtp_reply_parse("199 x\r\n", 7, &r, &used) == -1, "a code below 200");
	CHECK(smtp_reply_parse("451\n", 4, &r, &used) == 1 && r.code == 451 && !*r.text, "a bare code with LF");
	CHECK(smtp_reply_parse("250 AUTHX PLAIN\r\n", 17, &r, &used) == 1 && !r.auth_plain, "AUTHX is not AUTH");
	struct buf big = BUF_INIT;
	for (int i = 0; i < SMTP_REPLY_LINES + 1; i++)
		buf_adds(&big, "250-x\r\n");
	buf_adds(&big, "250 y\r\n");
	CHECK(smtp_reply_parse(big.data, big.len, &r, &used) == -1, "too many lines");
	buf_setlen(&big, 0);
	for (int i = 0; i < SMTP_REPLY_MAX + 10; i++)
		buf_addch(&big, 'x');
	CHECK(smtp_reply_parse(big.data, big.len, &r, &used) == -1, "no line end within the bound");
	buf_reset(&big);
}

static void test_schedule(void)
{
	CHECK(outbox_next_attempt(1, T0) == T0 + 60, "first retry after a minute");
	CHECK(outbox_next_attempt(2, T0) == T0 + 300, "then 5 minutes");
	CHECK(outbox_next_attempt(3, T0) == T0 + 1800, "then 30 minutes");
	CHECK(outbox_next_attempt(4, T0) == T0 + 7200, "then 2 hours");
	CHECK(outbox_next_attempt(OUTBOX_MAX_ATTEMPTS, T0) == 0, "then failed for good");
}

static char db_path[64];

static void remove_db(void)
{
	char side[96];
	unlink(db_path);
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
}

static void test_store(void)
{
	snprintf(db_path, sizeof db_path, "/tmp/loa-mail-%ld.db", (long)getpid());
	remove_db();
	char *oerr = NULL;
	struct store *st = store_open(db_path, true, &oerr);
	CHECK(st != NULL, "store opened");
	if (!st)
		return;
	struct arena *a = arena_new();
	struct site s = {.host = "", .name = "Xã thử", .tagline = "", .footer = "", .contact = "", .logo = ""};
	int64_t site;
	CHECK(store_site_create(st, &s, &site, NULL) == LOA_OK, "site");
	struct mail_settings ms;
	CHECK(store_mail_settings_get(st, site, a, &ms) == LOA_OK && !*ms.host && ms.port == 587 &&
	      ms.security == MAIL_SEC_STARTTLS, "a site never set up reads blank, 587, STARTTLS");
	ms = (struct mail_settings){site, "smtp.example.vn", 465, MAIL_SEC_TLS, "u", "mật khẩu", "a@example.vn", "Xã",
				    "gopy@example.vn"};
	CHECK(store_mail_settings_put(st, &ms) == LOA_OK, "settings saved");
	ms.password = NULL;
	ms.port = 587;
	CHECK(store_mail_settings_put(st, &ms) == LOA_OK, "saved again without a password");
	CHECK(store_mail_settings_get(st, site, a, &ms) == LOA_OK && strcmp(ms.password, "mật khẩu") == 0 &&
	      ms.port == 587, "a NULL password keeps the stored one");
	ms.port = 0;
	CHECK(store_mail_settings_put(st, &ms) == LOA_INVALID, "port 0 refused");

	struct outbox_msg m = {.site_id = site, .kind = "test", .rcpt = "an@example.vn", .subject = "Thử",
			       .body = "Nội dung", .next_at = T0, .created_at = T0};
	/* an event rolled back takes its mail with it */
	CHECK(store_begin(st) == LOA_OK && store_outbox_add(st, &m, NULL) == LOA_OK && store_rollback(st) == LOA_OK,
	      "queued inside a transaction, then rolled back");
	struct outbox_msg *due;
	size_t n = 9;
	CHECK(store_outbox_due(st, T0 + 10, 10, a, &due, &n) == LOA_OK && n == 0, "nothing is left of it");
	int64_t id;
	CHECK(store_begin(st) == LOA_OK && store_outbox_add(st, &m, &id) == LOA_OK && store_commit(st) == LOA_OK,
	      "queued and committed");
	m.rcpt = " ";
	CHECK(store_outbox_add(st, &m, NULL) == LOA_INVALID, "a blank recipient refused");
	CHECK(store_outbox_due(st, T0 - 1, 10, a, &due, &n) == LOA_OK && n == 0, "not due before next_at");
	CHECK(store_outbox_due(st, T0, 10, a, &due, &n) == LOA_OK && n == 1 && due[0].id == id &&
	      strcmp(due[0].subject, "Thử") == 0, "due at next_at");
	CHECK(store_outbox_failed(st, id, 1, T0 + 60, false, "451 thử lại") == LOA_OK, "a failed attempt");
	CHECK(store_outbox_due(st, T0 + 59, 10, a, &due, &n) == LOA_OK && n == 0, "waits for the retry");
	CHECK(store_outbox_retry_now(st, site, id, T0 + 1) == LOA_OK, "Gửi lại ngay");
	CHECK(store_outbox_due(st, T0 + 1, 10, a, &due, &n) == LOA_OK && n == 1 && due[0].attempts == 1,
	      "due again at once, attempts kept");
	CHECK(store_outbox_failed(st, id, 7, T0 + 1, true, "451 hết lượt") == LOA_OK, "failed for good");
	int64_t total = 0;
	CHECK(store_outbox_list(st, site, OUTBOX_FAILED, 10, 0, a, &due, &n, &total) == LOA_OK && n == 1 && total == 1 &&
	      strcmp(due[0].last_error, "451 hết lượt") == 0, "listed as failed with the last error");
	CHECK(store_outbox_retry_now(st, site + 1, id, T0 + 2) == LOA_NOTFOUND, "another site's mail is not found");
	CHECK(store_outbox_retry_now(st, site, id, T0 + 2) == LOA_OK && store_outbox_due(st, T0 + 2, 10, a, &due, &n) == LOA_OK &&
	      n == 1 && due[0].attempts == 0, "a failed mail retried starts its attempts over");
	/* the sender's pass: this site's server does not listen, so a temporary failure */
	ms.host = "127.0.0.1";
	ms.port = 1;
	ms.security = MAIL_SEC_NONE;
	ms.password = NULL;
	store_mail_settings_put(st, &ms);
	CHECK(mail_sender_step(st, T0 + 2) == 1, "the sender tries the due mail");
	CHECK(store_outbox_list(st, site, OUTBOX_QUEUED, 10, 0, a, &due, &n, &total) == LOA_OK && n == 1 &&
	      due[0].attempts == 1 && due[0].next_at == T0 + 62 && strstr(due[0].last_error, "không kết nối được"),
	      "a refused connection queues it again after a minute (%s)", n ? due[0].last_error : "");
	CHECK(store_outbox_sent(st, id, 2, T0 + 70) == LOA_OK &&
	      store_outbox_list(st, site, OUTBOX_SENT, 10, 0, a, &due, &n, &total) == LOA_OK && n == 1 &&
	      due[0].sent_at == T0 + 70 && !*due[0].last_error, "marked sent");
	CHECK(store_outbox_retry_now(st, site, id, T0 + 80) == LOA_NOTFOUND, "a sent mail is not sent again");
	arena_free(a);
	store_close(st);
	remove_db();
}

int main(void)
{
	test_encode_phrase();
	test_message_build();
	test_dot_stuff();
	test_addresses();
	test_reply_parser();
	test_schedule();
	test_store();
	return test_done();
}
