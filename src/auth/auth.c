/* auth.c — passwords, session tokens, CSRF tokens and the session cookie.
 *
 * Everything cryptographic is libsodium: argon2id for passwords
 * (crypto_pwhash_str*), BLAKE2b for token digests and key derivation
 * (crypto_generichash), HMAC-SHA256 for CSRF tokens (crypto_auth_hmacsha256)
 * and the system generator for randomness (randombytes_buf). Nothing here
 * keeps state besides libsodium's own, initialized by auth_init(). */
#include "auth/auth.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/status.h"
#include "core/text.h"

#define PWHASH_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PWHASH_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

#define B64_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

/* An argon2id hash, made with the parameters above, of a random password
 * nobody kept. auth_password_verify(NULL, ...) checks against it so that an
 * unknown login costs one argon2 computation like a known one. If the
 * parameters change, replace it by the output of auth_password_hash (the
 * unit test pins the parameters' "m=65536,t=2,p=1" in fresh hashes). */
static const char dummy_hash[] = "$argon2id$v=19$m=65536,t=2,p=1$7+P/lUquTMgOuZvNPs76gw$"
				 "122XoL0o/lOmG4LozRZQ88r2e8K+6xSRP/x+RnmhwAU";

/* The label that separates CSRF messages from any other use of the key. */
static const char csrf_label[] = "csrf\n";
static const char key_label[] = "loa auth key v1\n";

_Static_assert(AUTH_HASH_MAX == crypto_pwhash_STRBYTES, "hash buffer size");
_Static_assert(AUTH_KEY_BYTES == crypto_auth_hmacsha256_KEYBYTES, "CSRF key size");
_Static_assert(AUTH_CSRF_LEN + 1 == sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES, B64_VARIANT),
	       "CSRF token length");
_Static_assert(AUTH_TOKEN_LEN + 1 == sodium_base64_ENCODED_LEN(32, B64_VARIANT), "token length");
_Static_assert(sizeof dummy_hash < AUTH_HASH_MAX, "dummy hash fits");

int auth_init(void)
{
	return sodium_init() < 0 ? LOA_ERROR : LOA_OK;
}

/* Randomness is needed below; libsodium reports no failure from
 * randombytes_buf once initialized, and a process without randomness must
 * not hand out tokens, so an initialization failure here is fatal. */
static void ensure_init(void)
{
	if (sodium_init() < 0)
		abort();
}

/* ---- Passwords ------------------------------------------------------- */

int auth_password_hash(char out[static AUTH_HASH_MAX], const char *pw, size_t n)
{
	out[0] = '\0';
	if (n > AUTH_PASSWORD_MAX)
		return LOA_INVALID;
	ensure_init();
	if (crypto_pwhash_str(out, pw, n, PWHASH_OPS, PWHASH_MEM) != 0) {
		out[0] = '\0';
		return LOA_ERROR;
	}
	return LOA_OK;
}

bool auth_password_verify(const char *hash, const char *pw, size_t n)
{
	bool known = hash != NULL;
	if (!known)
		hash = dummy_hash;
	if (n > AUTH_PASSWORD_MAX || strnlen(hash, AUTH_HASH_MAX) >= AUTH_HASH_MAX)
		return false;
	ensure_init();
	bool ok = crypto_pwhash_str_verify(hash, pw, n) == 0;
	return known && ok;
}

bool auth_password_needs_rehash(const char *hash)
{
	if (!hash || strnlen(hash, AUTH_HASH_MAX) >= AUTH_HASH_MAX)
		return true;
	return crypto_pwhash_str_needs_rehash(hash, PWHASH_OPS, PWHASH_MEM) != 0;
}

/* Bytes in the UTF-8 sequence that starts with lead byte c (input valid). */
static size_t utf8_seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static bool one_char_repeated(const char *s, size_t n)
{
	size_t first = utf8_seq_len((unsigned char)s[0]);
	for (size_t i = first; i < n; i += first)
		if (n - i < first || memcmp(s + i, s, first) != 0)
			return false;
	return true;
}

static bool same_as_login(const char *pw, size_t n, const char *login)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	text_fold(&a, pw, n);
	text_fold(&b, login, strlen(login));
	bool same = a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
	sodium_memzero(a.data, a.len);
	buf_reset(&a);
	buf_reset(&b);
	return same;
}

const char *auth_password_policy(const char *pw, size_t n, const char *login)
{
	if (n > AUTH_PASSWORD_MAX)
		return "Mật khẩu quá dài: tối đa 256 byte (khoảng 80 ký tự có dấu).";
	if (!text_utf8_valid(pw, n))
		return "Mật khẩu chứa ký tự không hợp lệ.";
	if (text_length(pw, n) < AUTH_PASSWORD_MIN)
		return "Mật khẩu phải có ít nhất 10 ký tự.";
	if (one_char_repeated(pw, n))
		return "Mật khẩu không được chỉ gồm một ký tự lặp lại.";
	if (login && login[0] && same_as_login(pw, n, login))
		return "Mật khẩu không được trùng với tên đăng nhập.";
	return NULL;
}

/* ---- Session tokens ---------------------------------------------------- */

void auth_token_new(char out[static AUTH_TOKEN_LEN + 1])
{
	unsigned char raw[32];
	ensure_init();
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, AUTH_TOKEN_LEN + 1, raw, sizeof raw, B64_VARIANT);
	sodium_memzero(raw, sizeof raw);
}

/* The value 0..63 of a base64url character, or -1. */
static int b64url_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '-' ? 62 : c == '_' ? 63 : -1;
}

bool auth_token_valid(const char *s)
{
	if (!s)
		return false;
	int v = 0;
	for (size_t i = 0; i < AUTH_TOKEN_LEN; i++)
		if ((v = b64url_value((unsigned char)s[i])) < 0)
			return false; /* also stops at a short string's NUL */
	/* 42 characters carry 252 bits; the last carries the remaining 4 and
	 * two zero bits, as the encoder writes them. */
	return s[AUTH_TOKEN_LEN] == '\0' && (v & 3) == 0;
}

void auth_token_hash(const char *token, char out[static AUTH_TOKEN_HASH_LEN + 1])
{
	unsigned char d[32];
	crypto_generichash(d, sizeof d, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, AUTH_TOKEN_HASH_LEN + 1, d, sizeof d);
}

void auth_digest_hex(const void *data, size_t n, char out[static AUTH_TOKEN_HASH_LEN + 1])
{
	unsigned char d[32];
	crypto_generichash(d, sizeof d, data, n, NULL, 0);
	sodium_bin2hex(out, AUTH_TOKEN_HASH_LEN + 1, d, sizeof d);
}

void auth_random_hex(char out[static AUTH_RANDOM_HEX_LEN + 1])
{
	unsigned char r[AUTH_RANDOM_HEX_LEN / 2];
	ensure_init();
	randombytes_buf(r, sizeof r);
	sodium_bin2hex(out, AUTH_RANDOM_HEX_LEN + 1, r, sizeof r);
}

void auth_password_generate(char out[static AUTH_GENERATED_LEN + 1])
{
	/* no 0/o, 1/l/i: read aloud or copied from a screen without doubt */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	ensure_init();
	for (int i = 0; i < AUTH_GENERATED_LEN; i++)
		out[i] = (i % 5 == 4) ? '-' : alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[AUTH_GENERATED_LEN] = '\0';
}

/* ---- CSRF tokens --------------------------------------------------------- */

void auth_key_generate(struct auth_key *k)
{
	ensure_init();
	randombytes_buf(k->bytes, sizeof k->bytes);
}

int auth_key_from_bytes(struct auth_key *k, const void *secret, size_t n)
{
	if (n < AUTH_SECRET_MIN)
		return LOA_INVALID;
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof k->bytes);
	crypto_generichash_update(&st, (const unsigned char *)key_label, sizeof key_label - 1);
	crypto_generichash_update(&st, secret, n);
	crypto_generichash_final(&st, k->bytes, sizeof k->bytes);
	sodium_memzero(&st, sizeof st);
	return LOA_OK;
}

void auth_key_wipe(struct auth_key *k)
{
	sodium_memzero(k->bytes, sizeof k->bytes);
}

void auth_csrf_token(const struct auth_key *k, const char *session_token, char out[static AUTH_CSRF_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, k->bytes, sizeof k->bytes);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)csrf_label, sizeof csrf_label - 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)session_token, strlen(session_token));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_memzero(&st, sizeof st);
	sodium_bin2base64(out, AUTH_CSRF_LEN + 1, mac, sizeof mac, B64_VARIANT);
}

bool auth_csrf_check(const struct auth_key *k, const char *session_token, const char *given)
{
	if (!session_token || !session_token[0] || !given)
		return false;
	/* The length is public (every token has it); only the bytes are
	 * compared in constant time. */
	if (strnlen(given, AUTH_CSRF_LEN + 1) != AUTH_CSRF_LEN)
		return false;
	char want[AUTH_CSRF_LEN + 1];
	auth_csrf_token(k, session_token, want);
	return sodium_memcmp(want, given, AUTH_CSRF_LEN) == 0;
}

/* ---- Messages and cookie --------------------------------------------------- */

void auth_throttle_message(struct buf *out, int64_t retry_after)
{
	int64_t minutes = retry_after <= 60 ? 1 : retry_after / 60 + (retry_after % 60 != 0);
	buf_addf(out, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %" PRId64 " phút.", minutes);
}

void auth_cookie_attrs(struct buf *out, int64_t max_age, bool secure)
{
	buf_adds(out, "HttpOnly; SameSite=Lax; Path=" AUTH_COOKIE_PATH);
	if (max_age >= 0)
		buf_addf(out, "; Max-Age=%" PRId64, max_age);
	if (secure)
		buf_adds(out, "; Secure");
}

bool auth_login_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 50)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return false;
	return true;
}
