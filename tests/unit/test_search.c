/* test_search.c — syllables, tone keys, the query language and snippets
 * (search/search.h). */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "search/search.h"
#include "test.h"

/* "folded/key folded/key ..." for the syllables of s. */
struct joined {
	struct buf b;
	bool marked_any;
};

static int join_syl(void *ctx, const struct search_syllable *syl)
{
	struct joined *j = ctx;
	if (j->b.len)
		buf_addch(&j->b, ' ');
	buf_addf(&j->b, "%s/%s", syl->folded, syl->key);
	j->marked_any = j->marked_any || syl->marked;
	return 0;
}

static const char *syllables(const char *s, bool html, bool *marked)
{
	static char out[1024];
	struct joined j = {BUF_INIT, false};
	search_tokenize(s, strlen(s), html, join_syl, &j);
	snprintf(out, sizeof out, "%s", j.b.data);
	if (marked)
		*marked = j.marked_any;
	buf_reset(&j.b);
	return out;
}

static const char *expr(const char *q)
{
	static char out[4096];
	struct search_query *sq = malloc(sizeof *sq);
	struct search_plan plan;
	struct buf b = BUF_INIT;
	search_query_parse(sq, q, strlen(q));
	if (search_query_has_keywords(sq))
		search_query_match(&b, sq, &plan);
	snprintf(out, sizeof out, "%s", b.data);
	buf_reset(&b);
	free(sq);
	return out;
}

static void test_tokenizer(void)
{
	CHECK_STR(syllables("Đảng bộ", false, NULL), "dang/dang_3 bo/bo_5", "folded form and tone key");
	CHECK_STR(syllables("hoà hòa HOÀ", false, NULL), "hoa/hoa_1 hoa/hoa_1 hoa/hoa_1", "old and new tone placement");
	CHECK_STR(syllables("thuỷ thủy qúy quý", false, NULL), "thuy/thuy_3 thuy/thuy_3 quy/quy_2 quy/quy_2",
		  "thuỷ/thủy, qúy/quý");
	/* NFD and mixed: o + combining grave, a + breve + acute */
	CHECK_STR(syllables("Ho\xcc\x80" "a ha\xcc\x86\xcc\x81" "c h\xc4\x83\xcc\x81" "c", false, NULL),
		  "hoa/hoa_1 hac/hac_2 hac/hac_2", "NFD and mixed normalization");
	CHECK_STR(syllables("a\xc2\xa0" "b", false, NULL), "a/a_0 b/b_0", "no-break space splits");
	CHECK_STR(syllables("ki\xc2\xad" "lô", false, NULL), "ki/ki_0 lo/lo_0", "soft hyphen splits");
	CHECK_STR(syllables("COVID-19, năm 2024!", false, NULL), "covid/covid_0 19/19_0 nam/nam_0 2024/2024_0",
		  "digits and punctuation");
	CHECK_STR(syllables("Мир 北京 x", false, NULL), "x_d0bcd0b8d180/x_d0bcd0b8d180_0 x_e58c97e4baac/x_e58c97e4baac_0 x/x_0",
		  "other scripts are spelled in hex");
	CHECK_STR(syllables("a\xff" "b", false, NULL), "a/a_0 b/b_0", "invalid UTF-8 separates");
	bool marked = true;
	syllables("dang bo", false, &marked);
	CHECK(!marked, "plain letters are not marked");
	syllables("đang", false, &marked);
	CHECK(marked, "đ is a diacritic the user wrote");
	syllables("tươi", false, &marked);
	CHECK(marked, "a vowel mark is a diacritic the user wrote");
	CHECK_STR(syllables("<p class=\"lead\">Xã <b>Đông</b> Hải</p>", true, NULL),
		  "xa/xa_4 dong/dong_0 hai/hai_3", "html: tags skipped, attribute values not text");
	CHECK_STR(syllables("Tom &amp; Jerry&nbsp;&#272;&#7843;ng &#x110;i", true, NULL),
		  "tom/tom_0 jerry/jerry_0 dang/dang_3 di/di_0", "html: character references decoded");
	CHECK_STR(syllables("a < b <!-- c --> d", true, NULL), "a/a_0 b/b_0 d/d_0", "html: lone < is text, comments skipped");
	char longword[300];
	memset(longword, 'a', sizeof longword - 1);
	longword[sizeof longword - 1] = '\0';
	const char *cut = syllables(longword, false, NULL);
	CHECK(strlen(cut) == SEARCH_MAX_FOLD * 2 + 3, "long syllables are cut to SEARCH_MAX_FOLD bytes");
}

static void test_query(void)
{
	CHECK_STR(expr("Đảng bộ xã"), "(\"dang\" OR \"dang_3\") AND (\"bo\" OR \"bo_5\") AND (\"xa\" OR \"xa_4\")",
		  "words with diacritics get their tone keys");
	CHECK_STR(expr("dang bo"), "\"dang\" AND \"bo\"", "words without diacritics do not");
	CHECK_STR(expr("\"bi thu chi bo\" hop"),
		  "\"bi\" AND \"thu\" AND \"chi\" AND \"bo\" AND \"hop\" AND \"bi thu chi bo\"", "quoted phrase");
	CHECK_STR(expr("ngan sach -covid"), "(\"ngan\" AND \"sach\") NOT (\"covid\")", "exclusion");
	CHECK_STR(expr("ngan -\"ke hoach\" -covid-19"), "(\"ngan\") NOT (\"ke hoach\" OR \"covid 19\")",
		  "excluded phrase and excluded multi-syllable word");
	CHECK_STR(expr("\"bi thu chi"), "\"bi\" AND \"thu\" AND \"chi\" AND \"bi thu chi\"",
		  "unclosed quote: the rest is a phrase");
	CHECK_STR(expr("a * ^ : ( ) NEAR AND OR - {title} b:c"),
		  "\"a\" AND \"near\" AND \"and\" AND \"or\" AND \"title\" AND \"b\" AND \"c\"",
		  "FTS5 syntax is plain text");
	CHECK_STR(expr("x\"y\"\"z"), "\"x\" AND \"y\" AND \"z\"", "quotes inside words split them");
	CHECK_STR(expr("-covid"), "", "only exclusions: no keywords");
	CHECK_STR(expr("!!! ... ---"), "", "nothing to match: no keywords");
	CHECK_STR(expr(""), "", "empty query");
	CHECK_STR(expr("a-"), "\"a\"", "trailing dash");

	struct search_query *q = malloc(sizeof *q);
	char big[10001];
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = "ab \"-*"[i % 6];
	big[sizeof big - 1] = '\0';
	search_query_parse(q, big, strlen(big));
	CHECK(q->nterms + q->nneg <= SEARCH_MAX_TERMS, "10,000-byte input keeps at most %d terms (%d)",
	      SEARCH_MAX_TERMS, q->nterms + q->nneg);
	unsigned char junk[512];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 37 + 11);
	search_query_parse(q, (const char *)junk, sizeof junk);
	struct buf b = BUF_INIT;
	struct search_plan plan;
	search_query_match(&b, q, &plan);
	bool clean = true;
	for (size_t i = 0; i < b.len; i++) {
		char c = b.data[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("_\" ()ANDORT", c)))
			clean = false;
	}
	CHECK(clean, "invalid UTF-8 input: no crash, expression only of spelled tokens: %s", b.data);
	buf_reset(&b);

	search_query_parse(q, "tin tu", 6);
	search_query_prefix(&b, q);
	CHECK_STR(b.data, "{title} : (\"tin\" AND \"tu\" *)", "suggestion prefix expression");
	buf_reset(&b);
	free(q);
}

static void test_curly(void)
{
	CHECK_STR(expr("“ủy ban”"), "(\"uy\" OR \"uy_3\") AND \"ban\" AND \"uy ban\"", "curly quotes make a phrase");
}

static void test_snippet(void)
{
	struct search_query *q = malloc(sizeof *q);
	const char *query = "bí thư";
	search_query_parse(q, query, strlen(query));
	struct buf b = BUF_INIT;
	const char *text = "Một hai ba bốn năm sáu bảy tám chín mười một hai ba bốn năm sáu bảy tám chín mười "
			   "Đồng chí Bí thư <Đảng> ủy & nhân dân một hai ba bốn năm sáu bảy tám chín mười một hai ba "
			   "bốn năm sáu bảy tám chín mười xong.";
	search_snippet(&b, text, strlen(text), q, 12);
	CHECK(strstr(b.data, "<mark>Bí thư</mark>") != NULL, "matched syllables marked: %s", b.data);
	CHECK(strstr(b.data, "&lt;Đảng&gt;") != NULL && strstr(b.data, "&amp;") != NULL, "text escaped: %s", b.data);
	CHECK(strncmp(b.data, "… ", strlen("… ")) == 0, "cut at the start shown");
	buf_setlen(&b, 0);
	search_snippet(&b, "ngắn gọn", strlen("ngắn gọn"), q, 30);
	CHECK_STR(b.data, "ngắn gọn", "no match: the start of the text");
	buf_setlen(&b, 0);
	search_html_text(&b, "<p>Xã&nbsp;Đông</p><p>Hải &amp; <b>bạn</b></p>", strlen("<p>Xã&nbsp;Đông</p><p>Hải &amp; <b>bạn</b></p>"));
	CHECK_STR(b.data, "Xã Đông · Hải & bạn", "html text: paragraphs stay apart");
	/* a snippet never runs a heading into the paragraph after it */
	static const struct {
		const char *lead, *html, *want, *name;
	} texts[] = {
		{"", "<h2>Kết quả bầu cử</h2><p>Sáng nay, xã đã công bố.</p>", "Kết quả bầu cử · Sáng nay, xã đã công bố.",
		 "a heading and its paragraph"},
		{"", "<p>Câu thứ nhất.</p><p>Câu thứ hai.</p>", "Câu thứ nhất. Câu thứ hai.", "after a sentence, a space"},
		{"", "<ul><li>Một</li><li>Hai</li></ul>", "Một · Hai", "list items"},
		{"", "<p><strong>Đ</strong>ảng <a href=\"/x\">bộ</a> xã</p>", "Đảng bộ xã", "inline tags join words"},
		{"", "<p>Ảnh<img src=\"/a.jpg\">đẹp<br>dòng mới</p>", "Ảnh đẹp · dòng mới", "images and line breaks"},
		{"Sa pô không dấu chấm", "<p>Thân bài</p>", "Sa pô không dấu chấm · Thân bài", "a lead and the body"},
		{"Sa pô có dấu chấm.", "<p>Thân bài</p>", "Sa pô có dấu chấm. Thân bài", "a lead ending a sentence"},
		{"", "", "", "nothing"},
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		buf_setlen(&b, 0);
		buf_adds(&b, texts[i].lead);
		search_html_text(&b, texts[i].html, strlen(texts[i].html));
		CHECK_STR(b.data ? b.data : "", texts[i].want, "html text: %s", texts[i].name);
	}
	buf_reset(&b);
	free(q);
}

int main(void)
{
	test_tokenizer();
	test_query();
	test_curly();
	test_snippet();
	return test_done();
}
