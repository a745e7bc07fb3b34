/* auth.h — authentication primitives for the newsroom (/quan-tri):
 * password hashing and policy, session tokens, CSRF tokens, login
 * throttling, the session cookie's attributes and a password prompt for the
 * command line.
 *
 * This is the only module that includes libsodium. It knows nothing of the
 * store or of HTTP: callers keep hashes and token digests in the database
 * and put the strings built here into headers themselves.
 *
 * Call auth_init() once at start-up, before starting threads. Every
 * function here is then safe to call from any thread; a struct auth_throttle
 * does its own locking, a struct auth_key is read-only once set.
 *
 * User-facing messages are Vietnamese string constants (static storage,
 * never freed). */
#ifndef LOA_AUTH_H
#define LOA_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Initializes libsodium. LOA_OK, or LOA_ERROR when the system offers no
 * randomness (then nothing else here may be used). Idempotent. */
int auth_init(void);

/* True when s is an acceptable login name: 3 to 50 characters of a-z,
 * 0-9, '.', '_' and '-' (so it reads the same everywhere it is shown). */
bool auth_login_valid(const char *s);

/* ---- Passwords ------------------------------------------------------- */

#define AUTH_HASH_MAX 128     /* buffer for a hash string, NUL included */
#define AUTH_PASSWORD_MIN 10  /* code points */
#define AUTH_PASSWORD_MAX 256 /* bytes */

/* Writes an argon2id hash string ("$argon2id$v=19$m=...") of pw[0..n) with a
 * fresh random salt, so hashing one password twice gives two strings. The
 * cost is libsodium's INTERACTIVE level (64 MiB, 2 passes): tens of
 * milliseconds to a few hundred on a small server, which a login can afford
 * and which bounds the memory several concurrent logins take, while still
 * making each guess against a stolen hash expensive. LOA_OK; LOA_INVALID
 * when n > AUTH_PASSWORD_MAX; LOA_ERROR when the memory cannot be had. */
int auth_password_hash(char out[static AUTH_HASH_MAX], const char *pw, size_t n);

/* True when pw[0..n) matches the hash string (any argon2 variant and cost
 * libsodium knows; the comparison is constant time). False for a wrong
 * password, a malformed hash, n > AUTH_PASSWORD_MAX or lack of memory.
 * hash == NULL verifies against an internal hash of an unknown password and
 * returns false: use it when the login does not exist, so that an unknown
 * login costs as much time as a wrong password. */
bool auth_password_verify(const char *hash, const char *pw, size_t n);

/* True when the hash was made with other parameters than
 * auth_password_hash uses now (or is not a hash at all): after a
 * successful verify, store a fresh auth_password_hash of the password. */
bool auth_password_needs_rehash(const char *hash);

/* Checks a new password for the account `login` (NULL or "" skips the
 * login comparison). Returns NULL when acceptable, else a Vietnamese
 * message for the user: more than AUTH_PASSWORD_MAX bytes, not valid UTF-8,
 * fewer than AUTH_PASSWORD_MIN code points, one character repeated, or
 * equal to the login ignoring case and Vietnamese diacritics. */
const char *auth_password_policy(const char *pw, size_t n, const char *login);

#define AUTH_GENERATED_LEN 19 /* "abcd-efgh-jkmn-pqrs": 16 characters, about 79 bits */
/* Writes a new random password an admin can hand over (groups of four
 * letters and digits that cannot be confused, joined by '-'), which
 * auth_password_policy accepts. NUL-terminated. */
void auth_password_generate(char out[static AUTH_GENERATED_LEN + 1]);

/* ---- Session tokens ---------------------------------------------------- */

#define AUTH_TOKEN_LEN 43      /* base64url of 32 random bytes, no padding */
#define AUTH_TOKEN_HASH_LEN 64 /* hex of a 32-byte digest */

/* Writes a new session token (AUTH_TOKEN_LEN characters of [A-Za-z0-9_-],
 * NUL-terminated), 256 bits from the system's random generator. */
void auth_token_new(char out[static AUTH_TOKEN_LEN + 1]);

/* True when s looks like a token auth_token_new makes (length and
 * alphabet); a cheap filter before looking a cookie up in the database. */
bool auth_token_valid(const char *s);

/* Writes the lower-case hex BLAKE2b-256 digest of the NUL-terminated
 * token. The database keeps only this digest: whoever reads it cannot
 * present it as a session cookie. Deterministic, so lookups use it. */
void auth_token_hash(const char *token, char out[static AUTH_TOKEN_HASH_LEN + 1]);

/* Writes the lower-case hex BLAKE2b-256 digest of data[0..n) (a stored
 * file's fingerprint). */
void auth_digest_hex(const void *data, size_t n, char out[static AUTH_TOKEN_HASH_LEN + 1]);

#define AUTH_RANDOM_HEX_LEN 32 /* hex of 16 random bytes */
/* Writes AUTH_RANDOM_HEX_LEN lower-case hex characters of fresh random
 * bytes, NUL-terminated: names nobody can guess (stored files). */
void auth_random_hex(char out[static AUTH_RANDOM_HEX_LEN + 1]);

/* ---- CSRF tokens --------------------------------------------------------- */

#define AUTH_KEY_BYTES 32
#define AUTH_CSRF_LEN 43 /* base64url of an HMAC-SHA256, no padding */
#define AUTH_SECRET_MIN 16

/* The secret key that binds CSRF tokens to sessions. Set it once at
 * start-up, then share it read-only between threads. */
struct auth_key {
	unsigned char bytes[AUTH_KEY_BYTES];
};

/* Fills k with fresh random bytes: tokens then last as long as the process
 * (a restart invalidates open forms, not sessions). */
void auth_key_generate(struct auth_key *k);

/* Derives k from a secret kept elsewhere (e.g. in the database), so that
 * several processes or restarts agree: k = BLAKE2b-256 of a fixed label and
 * the secret. LOA_OK, or LOA_INVALID when n < AUTH_SECRET_MIN. */
int auth_key_from_bytes(struct auth_key *k, const void *secret, size_t n);

/* Overwrites the key with zeros (for shutdown). */
void auth_key_wipe(struct auth_key *k);

/* Writes base64url(HMAC-SHA256(key, "csrf\n" + session_token)) into out
 * (AUTH_CSRF_LEN characters, NUL-terminated). session_token is the live
 * token from the cookie, not its stored digest. */
void auth_csrf_token(const struct auth_key *k, const char *session_token, char out[static AUTH_CSRF_LEN + 1]);

/* True when `given` (from the form) is the CSRF token of session_token
 * under k; the comparison is constant time. False when either string is
 * NULL or empty, or `given` has the wrong length. */
bool auth_csrf_check(const struct auth_key *k, const char *session_token, const char *given);

/* ---- Login throttling ---------------------------------------------------- */

/* Policy: at most AUTH_FAIL_ACCOUNT failures per AUTH_FAIL_WINDOW seconds
 * for one account key ("u:" + login) and AUTH_FAIL_ADDRESS for one address
 * key ("a:" + client address). Callers check both keys before verifying a
 * password, record a failure on both after a wrong one, and clear the
 * account key after a right one. */
#define AUTH_FAIL_WINDOW (15 * 60)
#define AUTH_FAIL_ACCOUNT 5
#define AUTH_FAIL_ADDRESS 20
#define AUTH_THROTTLE_KEEP AUTH_FAIL_ADDRESS /* failure times kept per key: the largest limit */
#define AUTH_THROTTLE_DEFAULT 65536 /* keys remembered by default */

/* An in-memory table of keys to their recent failure times; thread-safe.
 * Keys are arbitrary NUL-terminated strings, remembered by a keyed 128-bit
 * digest. When the table is full, the key whose last failure is oldest is
 * forgotten: flooding it with new addresses can make it forget a key, which
 * is the price of bounded memory (about 200 bytes a key, reserved at creation
 * and touched only as keys arrive). */
struct auth_throttle;

/* max_keys == 0 means AUTH_THROTTLE_DEFAULT. NULL when out of memory. */
struct auth_throttle *auth_throttle_new(size_t max_keys);
void auth_throttle_free(struct auth_throttle *t);

/* True when `key` has had fewer than `limit` failures in the `window`
 * seconds up to `now` (failures at times f with f > now - window count), so
 * an attempt may go ahead. Otherwise false, with *retry_after (if not NULL)
 * set to the seconds, at least 1, until the oldest counting failure leaves
 * the window. limit must be 1..AUTH_THROTTLE_KEEP; window > 0. Does not
 * record anything. */
bool auth_throttle_check(struct auth_throttle *t, const char *key, int limit, int64_t window, int64_t now,
			 int64_t *retry_after);

/* Records a failure of `key` at `now` (only the newest AUTH_THROTTLE_KEEP
 * are kept). */
void auth_throttle_fail(struct auth_throttle *t, const char *key, int64_t now);

/* Forgets `key` (after a successful login). */
void auth_throttle_clear(struct auth_throttle *t, const char *key);

/* Appends "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau N phút."
 * with N = retry_after seconds rounded up to whole minutes, at least 1. */
void auth_throttle_message(struct buf *out, int64_t retry_after);

/* ---- Session cookie ------------------------------------------------------ */

#define AUTH_COOKIE "loa_s"
#define AUTH_COOKIE_PATH "/quan-tri"

/* Appends the cookie attributes for the session cookie:
 * "HttpOnly; SameSite=Lax; Path=/quan-tri; Max-Age=N", then "; Secure" when
 * the site is served over TLS. max_age < 0 leaves Max-Age out (the cookie
 * ends with the browser session); 0 tells the browser to drop it (logout).
 * The caller writes "loa_s=" + token + "; " before it. */
void auth_cookie_attrs(struct buf *out, int64_t max_age, bool secure);

/* ---- Command line ------------------------------------------------------ */

/* Reads a password into buf (cap bytes including the terminator), without
 * its line ending. When standard input is a terminal, prompts on /dev/tty
 * with echo turned off (restored before returning; a signal that kills the
 * process while it waits leaves echo off) and, when `confirm`, asks a
 * second time and compares. Otherwise reads one line from standard input,
 * for scripts, and ignores `confirm`. LOA_OK; LOA_INVALID with *err when
 * the two entries differ or the line does not fit; LOA_ERROR with *err on
 * end of input or a terminal error. buf holds "" on failure; scratch
 * copies are wiped. */
int auth_read_password(const char *prompt, char *buf, size_t cap, bool confirm, const char **err);

#endif
