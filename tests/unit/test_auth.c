/* test_auth.c — passwords, tokens, CSRF, throttling, cookie attributes and
 * the non-terminal path of the password prompt. Only a few argon2 hashes
 * are computed (each takes about 0.1 s), so the test stays fast. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "core/status.h"
#include "test.h"

static void test_passwords(void)
{
	const char *pw = "mật khẩu đúng 2024";
	char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
	CHECK(auth_password_hash(h1, pw, strlen(pw)) == LOA_OK, "hash");
	CHECK(auth_password_hash(h2, pw, strlen(pw)) == LOA_OK, "hash again");
	/* pins the cost: the built-in dummy hash assumes these parameters */
	CHECK(strncmp(h1, "$argon2id$v=19$m=65536,t=2,p=1$", 31) == 0, "argon2id, interactive cost: %s", h1);
	CHECK(strcmp(h1, h2) != 0, "same password, different salt");
	CHECK(auth_password_verify(h1, pw, strlen(pw)), "right password");
	CHECK(auth_password_verify(h2, pw, strlen(pw)), "right password, second hash");
	CHECK(!auth_password_verify(h1, "mật khẩu sai 2024", strlen("mật khẩu sai 2024")), "wrong password");
	CHECK(!auth_password_verify(h1, pw, strlen(pw) - 1), "prefix of the password");
	CHECK(!auth_password_verify(NULL, pw, strlen(pw)), "unknown login never verifies");
	CHECK(!auth_password_verify("không phải hash", pw, strlen(pw)), "malformed hash");
	CHECK(!auth_password_needs_rehash(h1), "current hash needs no rehash");
	CHECK(auth_password_needs_rehash("xyz"), "garbage needs rehash");
	CHECK(auth_password_needs_rehash(NULL), "NULL needs rehash");

	/* an older, cheaper hash still verifies, and asks to be replaced */
	const char *old = "$argon2id$v=19$m=32,t=1,p=1$LztiBcQo+crMkm59L+HycA$"
			  "VnPJB/GrnjDofVo5Gc60u/1+IZ/e2R7JxbbsICHx9os";
	const char *oldpw = "mật khẩu cũ 2019";
	CHECK(auth_password_verify(old, oldpw, strlen(oldpw)), "older parameters verify");
	CHECK(!auth_password_verify(old, pw, strlen(pw)), "older hash, wrong password");
	CHECK(auth_password_needs_rehash(old), "older parameters need rehash");

	char big[AUTH_PASSWORD_MAX + 2];
	memset(big, 'x', sizeof big);
	CHECK(auth_password_hash(h2, big, AUTH_PASSWORD_MAX + 1) == LOA_INVALID && h2[0] == '\0',
	      "too long to hash");
	CHECK(!auth_password_verify(h1, big, AUTH_PASSWORD_MAX + 1), "too long to verify");
}

static const char *policy(const char *pw, const char *login)
{
	const char *m = auth_password_policy(pw, strlen(pw), login);
	return m ? m : "OK";
}

static void test_policy(void)
{
	CHECK_STR(policy("ngày mới tốt lành", "admin"), "OK", "good password");
	CHECK_STR(policy("abababababab", NULL), "OK", "two characters alternate");
	CHECK_STR(policy("ẩẩ1ẩẩ2ẩẩ3ẩ", ""), "OK", "10 code points, more bytes");
	CHECK_STR(policy("ngắn", NULL), "Mật khẩu phải có ít nhất 10 ký tự.", "too short");
	CHECK_STR(policy("ẩẩẩẩẩ1234", NULL), "Mật khẩu phải có ít nhất 10 ký tự.", "9 code points, 19 bytes");
	CHECK_STR(policy("", NULL), "Mật khẩu phải có ít nhất 10 ký tự.", "empty");
	CHECK_STR(policy("aaaaaaaaaaaa", NULL), "Mật khẩu không được chỉ gồm một ký tự lặp lại.", "repeated");
	CHECK_STR(policy("ữữữữữữữữữữữ", NULL), "Mật khẩu không được chỉ gồm một ký tự lặp lại.",
		  "repeated accented letter");
	CHECK_STR(policy("aaaaaaaaaaab", NULL), "OK", "not all the same");
	CHECK_STR(policy("BienTapVien1", "bientapvien1"), "Mật khẩu không được trùng với tên đăng nhập.",
		  "login, other case");
	CHECK_STR(policy("Nguyễn Văn An", "nguyen van an"), "Mật khẩu không được trùng với tên đăng nhập.",
		  "login, with diacritics");
	CHECK_STR(policy("bientapvien12", "bientapvien1"), "OK", "login plus more");
	CHECK_STR(policy("ab\xff" "cdefghijkl", NULL), "Mật khẩu chứa ký tự không hợp lệ.", "invalid UTF-8");

	char big[AUTH_PASSWORD_MAX + 2];
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = (char)('a' + i % 26);
	big[AUTH_PASSWORD_MAX] = '\0';
	CHECK_STR(policy(big, NULL), "OK", "256 bytes");
	big[AUTH_PASSWORD_MAX] = 'x';
	big[AUTH_PASSWORD_MAX + 1] = '\0';
	const char *m = policy(big, NULL);
	CHECK(strstr(m, "quá dài") != NULL, "257 bytes: %s", m);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void test_generated_password(void)
{
	char a[AUTH_GENERATED_LEN + 1], b[AUTH_GENERATED_LEN + 1];
	auth_password_generate(a);
	auth_password_generate(b);
	bool shape = strlen(a) == AUTH_GENERATED_LEN;
	for (int i = 0; shape && i < AUTH_GENERATED_LEN; i++)
		shape = i % 5 == 4 ? a[i] == '-' : strchr("abcdefghjkmnpqrstuvwxyz23456789", a[i]) != NULL;
	CHECK(shape, "generated password: four groups of four unambiguous characters (%s)", a);
	CHECK(auth_password_policy(a, strlen(a), "quantri") == NULL, "the policy accepts it");
	CHECK(strcmp(a, b) != 0, "two are different");
}

static void test_tokens(void)
{
	enum { N = 1000 };
	static char tok[N][AUTH_TOKEN_LEN + 1];
	bool shape = true;
	for (int i = 0; i < N; i++) {
		auth_token_new(tok[i]);
		if (strlen(tok[i]) != AUTH_TOKEN_LEN || strspn(tok[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrs"
									 "tuvwxyz0123456789-_") != AUTH_TOKEN_LEN ||
		    !auth_token_valid(tok[i]))
			shape = false;
	}
	CHECK(shape, "1000 tokens: 43 base64url characters, accepted by auth_token_valid");
	qsort(tok, N, sizeof tok[0], cmp_str);
	bool unique = true;
	for (int i = 1; i < N; i++)
		if (strcmp(tok[i - 1], tok[i]) == 0)
			unique = false;
	CHECK(unique, "1000 tokens all different");

	char t[AUTH_TOKEN_LEN + 2];
	memcpy(t, tok[0], sizeof tok[0]);
	CHECK(!auth_token_valid(""), "empty token invalid");
	CHECK(!auth_token_valid(NULL), "NULL token invalid");
	t[AUTH_TOKEN_LEN - 1] = '\0';
	CHECK(!auth_token_valid(t), "42 characters invalid");
	memcpy(t, tok[0], sizeof tok[0]);
	t[AUTH_TOKEN_LEN] = 'A';
	t[AUTH_TOKEN_LEN + 1] = '\0';
	CHECK(!auth_token_valid(t), "44 characters invalid");
	memcpy(t, tok[0], sizeof tok[0]);
	t[5] = '+';
	CHECK(!auth_token_valid(t), "'+' is not base64url");
	t[5] = 'a';
	t[AUTH_TOKEN_LEN - 1] = 'B';
	CHECK(!auth_token_valid(t), "non-canonical last character");
	t[AUTH_TOKEN_LEN - 1] = 'E';
	CHECK(auth_token_valid(t), "canonical last character");

	char h1[AUTH_TOKEN_HASH_LEN + 1], h2[AUTH_TOKEN_HASH_LEN + 1], h3[AUTH_TOKEN_HASH_LEN + 1];
	auth_token_hash(tok[0], h1);
	auth_token_hash(tok[0], h2);
	auth_token_hash(tok[1], h3);
	CHECK(strlen(h1) == AUTH_TOKEN_HASH_LEN && strspn(h1, "0123456789abcdef") == AUTH_TOKEN_HASH_LEN,
	      "digest is 64 hex digits");
	CHECK_STR(h1, h2, "digest is deterministic");
	CHECK(strcmp(h1, h3) != 0, "different tokens, different digests");
	CHECK(strcmp(h1, tok[0]) != 0, "digest is not the token");
	auth_token_hash("abc", h1);
	CHECK_STR(h1, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", "BLAKE2b-256 of abc");
}

static void test_csrf(void)
{
	struct auth_key k, k2;
	auth_key_generate(&k);
	char s1[AUTH_TOKEN_LEN + 1], s2[AUTH_TOKEN_LEN + 1];
	auth_token_new(s1);
	auth_token_new(s2);
	char c1[AUTH_CSRF_LEN + 1], c2[AUTH_CSRF_LEN + 1];
	auth_csrf_token(&k, s1, c1);
	auth_csrf_token(&k, s1, c2);
	CHECK(strlen(c1) == AUTH_CSRF_LEN, "CSRF token length");
	CHECK_STR(c1, c2, "CSRF token is stable for a session");
	CHECK(auth_csrf_check(&k, s1, c1), "valid CSRF token");
	CHECK(!auth_csrf_check(&k, s2, c1), "token of another session");
	auth_csrf_token(&k, s2, c2);
	CHECK(strcmp(c1, c2) != 0 && auth_csrf_check(&k, s2, c2), "other session has its own token");

	char bad[AUTH_CSRF_LEN + 2];
	memcpy(bad, c1, sizeof c1);
	bad[AUTH_CSRF_LEN - 1] = '\0';
	CHECK(!auth_csrf_check(&k, s1, bad), "truncated token");
	memcpy(bad, c1, sizeof c1);
	bad[AUTH_CSRF_LEN] = 'A';
	bad[AUTH_CSRF_LEN + 1] = '\0';
	CHECK(!auth_csrf_check(&k, s1, bad), "token with a character more");
	memcpy(bad, c1, sizeof c1);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	CHECK(!auth_csrf_check(&k, s1, bad), "one character changed");
	CHECK(!auth_csrf_check(&k, s1, ""), "empty token");
	CHECK(!auth_csrf_check(&k, s1, NULL), "no token");
	CHECK(!auth_csrf_check(&k, "", c1), "empty session");
	CHECK(!auth_csrf_check(&k, NULL, c1), "no session");
	auth_key_generate(&k2);
	CHECK(!auth_csrf_check(&k2, s1, c1), "another process key");

	const char secret[] = "0123456789abcdef0123456789abcdef";
	CHECK(auth_key_from_bytes(&k, secret, sizeof secret - 1) == LOA_OK, "key from secret");
	CHECK(auth_key_from_bytes(&k2, secret, sizeof secret - 1) == LOA_OK &&
		      memcmp(k.bytes, k2.bytes, sizeof k.bytes) == 0,
	      "same secret, same key");
	auth_csrf_token(&k, "session-token", c1);
	CHECK_STR(c1, "asplRrF01T0EZOs3CAXbXS5w1-YvDktUblO17bgRKLg", "known HMAC-SHA256 answer");
	CHECK(auth_key_from_bytes(&k2, "short", 5) == LOA_INVALID, "secret too short");
	CHECK(auth_key_from_bytes(&k2, secret, 16) == LOA_OK && memcmp(k.bytes, k2.bytes, sizeof k.bytes) != 0,
	      "other secret, other key");
	auth_key_wipe(&k);
	static const unsigned char zero[AUTH_KEY_BYTES];
	CHECK(memcmp(k.bytes, zero, sizeof zero) == 0, "key wiped");
}

static void test_throttle(void)
{
	struct auth_throttle *t = auth_throttle_new(0);
	CHECK(t != NULL, "throttle table");
	const char *u = "u:bientap";
	int64_t ra = -7;
	CHECK(auth_throttle_check(t, u, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1000, &ra) && ra == -7,
	      "unknown key allowed, retry_after untouched");
	for (int i = 0; i < 4; i++)
		auth_throttle_fail(t, u, 1000 + i);
	CHECK(auth_throttle_check(t, u, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1005, &ra), "4 failures allowed");
	auth_throttle_fail(t, u, 1010);
	CHECK(!auth_throttle_check(t, u, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1011, &ra), "5 failures blocked");
	CHECK(ra == 1000 + 900 - 1011, "retry when the first failure leaves the window: %lld", (long long)ra);
	CHECK(!auth_throttle_check(t, u, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1899, &ra) && ra == 1,
	      "one second before: %lld", (long long)ra);
	CHECK(auth_throttle_check(t, u, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1900, &ra), "window passed");
	CHECK(auth_throttle_check(t, "u:khac", AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1011, NULL),
	      "other key unaffected");
	/* failing at the limit again pushes retry to the next oldest */
	auth_throttle_fail(t, u, 1100);
	CHECK(!auth_throttle_check(t, u, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1101, &ra) && ra == 1001 + 900 - 1101,
	      "6 failures: wait for the second oldest: %lld", (long long)ra);
	auth_throttle_clear(t, u);
	CHECK(auth_throttle_check(t, u, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 1101, &ra), "cleared");
	auth_throttle_clear(t, "u:chua-tung-sai");

	const char *a = "a:203.0.113.7";
	for (int i = 0; i < 19; i++)
		auth_throttle_fail(t, a, 5000 + 10 * i);
	CHECK(auth_throttle_check(t, a, AUTH_FAIL_ADDRESS, AUTH_FAIL_WINDOW, 5200, &ra), "19 address failures");
	CHECK(!auth_throttle_check(t, a, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, 5200, &ra) && ra == 5140 + 900 - 5200,
	      "the same key under the account limit");
	auth_throttle_fail(t, a, 5200);
	CHECK(!auth_throttle_check(t, a, AUTH_FAIL_ADDRESS, AUTH_FAIL_WINDOW, 5200, &ra) && ra == 5000 + 900 - 5200,
	      "20 address failures: %lld", (long long)ra);
	for (int i = 0; i < 10; i++) /* the ring keeps the newest 20: 5100..5180, 5200, 6000..6009 */
		auth_throttle_fail(t, a, 6000 + i);
	CHECK(!auth_throttle_check(t, a, AUTH_FAIL_ADDRESS, AUTH_FAIL_WINDOW, 5999, &ra) && ra == 1,
	      "30 failures, newest 20 kept: %lld", (long long)ra);
	CHECK(auth_throttle_check(t, a, AUTH_FAIL_ADDRESS, AUTH_FAIL_WINDOW, 6000, &ra),
	      "the oldest kept failure leaves the window");
	auth_throttle_free(t);
}

/* Random operations on a small table against a plain model of it (keys in
 * order of last failure, oldest first), so eviction and removal from the
 * probing index are exercised. */
static void test_throttle_model(void)
{
	enum { MAX = 48, KEYS = 300, OPS = 20000 };
	struct auth_throttle *t = auth_throttle_new(MAX);
	int order[MAX], n = 0;
	uint32_t seed = 12345;
	bool same = true;
	for (int op = 0; op < OPS && same; op++) {
		seed = seed * 1103515245u + 12345u;
		int k = (int)((seed >> 8) % KEYS);
		char key[32];
		snprintf(key, sizeof key, "a:10.0.%d.%d", k / 256, k % 256);
		int at = -1;
		for (int i = 0; i < n; i++)
			if (order[i] == k)
				at = i;
		if (at >= 0) {
			memmove(order + at, order + at + 1, sizeof order[0] * (size_t)(n - at - 1));
			n--;
		}
		if ((seed >> 20) % 4 == 0) {
			auth_throttle_clear(t, key);
		} else {
			auth_throttle_fail(t, key, op);
			if (n == MAX) {
				memmove(order, order + 1, sizeof order[0] * (MAX - 1));
				n--;
			}
			order[n++] = k;
		}
		if (op % 97 == 0 || op == OPS - 1) {
			for (int j = 0; j < KEYS; j++) {
				snprintf(key, sizeof key, "a:10.0.%d.%d", j / 256, j % 256);
				bool present = false;
				for (int i = 0; i < n; i++)
					if (order[i] == j)
						present = true;
				if (auth_throttle_check(t, key, 1, 1000000, OPS, NULL) == present)
					same = false;
			}
		}
	}
	CHECK(same, "bounded table agrees with the model over %d operations", OPS);
	auth_throttle_free(t);
}

static void *hammer(void *arg)
{
	struct auth_throttle *t = arg;
	char key[32];
	for (int i = 0; i < 2000; i++) {
		snprintf(key, sizeof key, "u:%p-%d", (void *)&key, i % 300);
		auth_throttle_fail(t, key, i);
		auth_throttle_check(t, key, AUTH_FAIL_ACCOUNT, AUTH_FAIL_WINDOW, i, NULL);
		if (i % 7 == 0)
			auth_throttle_clear(t, key);
	}
	return NULL;
}

static void test_throttle_threads(void)
{
	struct auth_throttle *t = auth_throttle_new(256);
	pthread_t th[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer, t);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	auth_throttle_fail(t, "u:sau", 1);
	CHECK(!auth_throttle_check(t, "u:sau", 1, 10, 2, NULL), "table works after concurrent use");
	auth_throttle_free(t);
}

static void message(int64_t retry, const char *want)
{
	struct buf b = BUF_INIT;
	auth_throttle_message(&b, retry);
	CHECK_STR(b.data, want, "message for %lld s", (long long)retry);
	buf_reset(&b);
}

static void test_messages(void)
{
	message(1, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.");
	message(0, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.");
	message(60, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.");
	message(61, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 2 phút.");
	message(889, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.");
	message(900, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.");
	message(901, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 16 phút.");

	struct buf b = BUF_INIT;
	auth_cookie_attrs(&b, 43200, false);
	CHECK_STR(b.data, "HttpOnly; SameSite=Lax; Path=/quan-tri; Max-Age=43200", "cookie over HTTP");
	buf_reset(&b);
	auth_cookie_attrs(&b, 43200, true);
	CHECK_STR(b.data, "HttpOnly; SameSite=Lax; Path=/quan-tri; Max-Age=43200; Secure", "cookie over TLS");
	buf_reset(&b);
	auth_cookie_attrs(&b, 0, true);
	CHECK_STR(b.data, "HttpOnly; SameSite=Lax; Path=/quan-tri; Max-Age=0; Secure", "logout cookie");
	buf_reset(&b);
	auth_cookie_attrs(&b, -1, false);
	CHECK_STR(b.data, "HttpOnly; SameSite=Lax; Path=/quan-tri", "browser-session cookie");
	buf_reset(&b);
}

/* Puts `input` on standard input through a pipe (never a terminal). */
static void feed_stdin(const char *input)
{
	int p[2];
	if (pipe(p) != 0)
		abort();
	ssize_t w = write(p[1], input, strlen(input));
	(void)w;
	close(p[1]);
	dup2(p[0], STDIN_FILENO);
	close(p[0]);
	clearerr(stdin);
}

static void test_read_password(void)
{
	char buf[16];
	const char *err = "x";
	feed_stdin("mật khẩu\r\nthứ hai\nrất-rất-dài-quá-mức\ndòng cuối");
	CHECK(auth_read_password("Mật khẩu: ", buf, sizeof buf, true, &err) == LOA_OK && err == NULL,
	      "line from a pipe");
	CHECK_STR(buf, "mật khẩu", "CR LF stripped");
	CHECK(auth_read_password("Mật khẩu: ", buf, sizeof buf, false, &err) == LOA_OK, "next line");
	CHECK_STR(buf, "thứ hai", "second line");
	CHECK(auth_read_password("Mật khẩu: ", buf, sizeof buf, false, &err) == LOA_INVALID && buf[0] == '\0',
	      "line too long for the buffer");
	CHECK_STR(err, "Mật khẩu quá dài.", "too long message");
	CHECK(auth_read_password("Mật khẩu: ", buf, sizeof buf, false, &err) == LOA_OK, "last line without LF");
	CHECK_STR(buf, "dòng cuối", "last line");
	CHECK(auth_read_password("Mật khẩu: ", buf, sizeof buf, false, &err) == LOA_ERROR, "end of input");
	CHECK(err != NULL && strstr(err, "Không đọc được") != NULL, "end of input message");
}

int main(void)
{
	CHECK(auth_init() == LOA_OK, "auth_init");
	CHECK(auth_login_valid("bt.tuan") && auth_login_valid("pv_hang-2"), "login names accepted");
	CHECK(!auth_login_valid("ab") && !auth_login_valid("Tuan") && !auth_login_valid("tuấn") &&
		      !auth_login_valid("a b c") && !auth_login_valid("x23456789012345678901234567890123456789012345678901"),
	      "login names refused: short, upper case, accents, spaces, too long");
	test_passwords();
	test_policy();
	test_generated_password();
	test_tokens();
	test_csrf();
	test_throttle();
	test_throttle_model();
	test_throttle_threads();
	test_messages();
	test_read_password();
	return test_done();
}
