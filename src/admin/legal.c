/* legal.c — the facts Nghị định 42/2022/NĐ-CP requires in a portal's
 * footer (cơ quan chủ quản, người chịu trách nhiệm, giấy phép, địa chỉ,
 * điện thoại, email): their fields on the settings page, their checks, and
 * the warning that the dashboard and the settings page show, naming
 * exactly which are missing, while any is. */
#include <string.h>

#include "admin/adminInt.h"
#include "core/status.h"
#include "core/text.h"
#include "store/store_portal.h"

/* The facts in footer order: form field, template key, name, bound in
 * code points. */
static const struct {
	const char *field, *key, *name;
	size_t max;
} facts[6] = {
	{"co-quan-chu-quan", "owner", "cơ quan chủ quản", 300},
	{"nguoi-chiu-trach-nhiem", "responsible", "người chịu trách nhiệm", 200},
	{"giay-phep", "license", "giấy phép", 500},
	{"dia-chi", "address", "địa chỉ", 300},
	{"dien-thoai", "phone", "điện thoại", 60},
	{"email", "email", "email", 200},
};

static const char **slot(struct site_legal *l, int i)
{
	const char **s[6] = {&l->owner, &l->responsible, &l->license, &l->address, &l->phone, &l->email};
	return s[i];
}

static bool phone_ok(const char *s)
{
	bool digit = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (!strchr(" +().-/,;", *s))
			return false;
	}
	return digit;
}

static bool email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.' &&
	       s[strlen(s) - 1] != '.' && !strpbrk(s, " \t\n<>\"'(),;:\\[]");
}

void admin_legal_form(struct admin *ad, struct tval *form, const struct site_legal *l)
{
	struct site_legal copy = *l;
	for (int i = 0; i < 6; i++)
		tv_set_str(ad->a, form, facts[i].key, *slot(&copy, i) ? *slot(&copy, i) : "");
}

bool admin_legal_read(struct admin *ad, struct site_legal *l, struct tval *errors)
{
	bool ok = true;
	for (int i = 0; i < 6; i++) {
		const char *raw = admin_field(ad, facts[i].field);
		char *v = text_clean(ad->a, raw, strlen(raw));
		if (!v)
			v = "";
		for (char *c = v; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' '; /* each fact is one line of the footer */
		*slot(l, i) = v;
		const char *err = NULL;
		if (text_length(v, strlen(v)) > facts[i].max)
			err = arena_printf(ad->a, "Trường %s dài quá %zu ký tự.", facts[i].name, facts[i].max);
		else if (*v && i == 4 && !phone_ok(v))
			err = "Điện thoại chỉ gồm chữ số, dấu cách và các dấu + ( ) . - / , ; ví dụ (0200) 3 861 205.";
		else if (*v && i == 5 && !email_ok(v))
			err = "Email không hợp lệ, ví dụ: ubnd@tenxa.gov.vn.";
		if (err) {
			tv_set_str(ad->a, errors, facts[i].key, err);
			ok = false;
		}
	}
	return ok;
}

void admin_legal_warning(struct admin *ad)
{
	struct site_legal l;
	if (store_site_legal(ad->app->store, ad->site.id, ad->a, &l) != LOA_OK)
		return;
	struct tval *missing = tv_list(ad->a);
	const char *names = "";
	for (int i = 0; i < 6; i++) {
		if (**slot(&l, i))
			continue;
		struct tval *m = tv_map(ad->a);
		tv_set_str(ad->a, m, "name", facts[i].name);
		tv_push(missing, m);
		names = *names ? arena_printf(ad->a, "%s, %s", names, facts[i].name) : facts[i].name;
	}
	struct tval *w = tv_map(ad->a);
	tv_set(w, "missing", missing);
	tv_set_str(ad->a, w, "names", names);
	tv_set_bool(ad->a, w, "show", tv_len(missing) > 0);
	tv_set(ad->root, "legal_warning", w);
}
