/* outbox.h — what loa mails, to whom, and how a notification becomes a
 * row of the outbox (store_mail.h). The rules live here, above the
 * store; handlers call one function per event, inside the transaction
 * that records the event (store_begin ... store_commit), so a rolled-back
 * event leaves no mail behind and a committed one always has its mail.
 *
 *   feedback received     -> the feedback moderators' address (settings)
 *   article submitted     -> every approver and admin of the site with an address
 *   article returned      -> its author, with the editor's note
 *   article published     -> its author
 *   question answered     -> the sender, when they gave an address and agreed
 *   test                  -> the address the admin typed
 *
 * Messages come from the theme's templates mail/<kind>.html: plain text
 * whose first line is the subject and the rest, after a blank line, the
 * body. Every value is given raw (write {{{name}}}): a text mail has
 * nothing to escape. A site without an SMTP host queues nothing, and an
 * author or editor without an address is skipped.
 *
 * Each function returns LOA_OK (also when nothing was due to anyone) or
 * the store's failure, on which the caller rolls the event back. */
#ifndef LOA_MAIL_OUTBOX_H
#define LOA_MAIL_OUTBOX_H

#include <stdint.h>

#include "store/store.h"

struct tmpl_set;
struct feedback;

/* What every notification needs: where it is written, the theme, the
 * site, "http://host" for links, and the server's time. */
struct outbox_ctx {
	struct store *st;
	const struct tmpl_set *tmpl;
	const struct site *site;
	const char *base_url;
	int64_t now;
	struct arena *a;
};

enum outbox_article_event { OUTBOX_SUBMITTED, OUTBOX_RETURNED, OUTBOX_PUBLISHED };

int outbox_feedback_received(const struct outbox_ctx *c, const struct feedback *f);
int outbox_feedback_answered(const struct outbox_ctx *c, const struct feedback *f);
/* art as saved (its id, title, slug, category); author_id the user who
 * created it; note the return note ("" otherwise); by the acting editor's name. */
int outbox_article(const struct outbox_ctx *c, enum outbox_article_event ev, const struct article *art,
		   int64_t author_id, const char *note, const char *by);
/* Queues a test mail to rcpt whatever the recipients' settings say;
 * LOA_INVALID when the site has no SMTP host. */
int outbox_test(const struct outbox_ctx *c, const char *rcpt);

/* When a message that failed `attempts` times (1, 2, ...) is tried again,
 * from `now`; 0 when it has failed for good (OUTBOX_MAX_ATTEMPTS). */
#define OUTBOX_MAX_ATTEMPTS 7
int64_t outbox_next_attempt(int attempts, int64_t now);

#endif
