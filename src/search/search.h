/* search.h — Vietnamese text for search: syllables, folding, tone keys, and
 * the query language of the search box.
 *
 * Text is split into syllables on every code point that is not a letter or
 * a digit (Unicode L* and N*; combining marks stay with their letter). Each
 * syllable has two index spellings, both plain ASCII:
 *  - its folded form, text_fold() of the syllable ("Đảng" -> "dang"); a
 *    syllable whose folded form is not all [a-z0-9] (another script) is
 *    spelled "x_" and the hex of its folded UTF-8 ("Мир" -> "x_d0bcd0b8d180");
 *  - its tone key, the folded form, '_' and the tone written on it, wherever
 *    it was placed: 0 none (ngang), 1 grave (huyền), 2 acute (sắc), 3 hook
 *    (hỏi), 4 tilde (ngã), 5 dot below (nặng): "Đảng" -> "dang_3".
 * Old and new tone placement (hoà/hòa, thuỷ/thủy, qúy/quý) and NFC, NFD or
 * mixed input give the same folded form and the same tone key. A tone key
 * never equals a folded form.
 *
 * Query language (at most SEARCH_MAX_QUERY bytes, checked by the caller):
 * words; "quoted phrases" (also “curly quotes”), whose syllables must stand
 * together in that order; -word and -"phrase" exclude articles containing
 * them. Anything else is text: FTS syntax characters and words such as AND,
 * OR, NEAR are plain words. An unclosed quote makes the rest of the query a
 * phrase. At most SEARCH_MAX_TERMS syllables are kept (positive and
 * excluded together; later ones are dropped). A query whose positive part
 * has no syllable has no keywords: the caller lists articles without text
 * matching, and exclusions alone are ignored. */
#ifndef LOA_SEARCH_H
#define LOA_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define SEARCH_MAX_QUERY 500 /* bytes; longer queries are refused by the page */
#define SEARCH_MAX_TERMS 32
/* Bytes of a folded syllable that are kept; longer ones are cut (alike in
 * the index and in queries, so they still match). */
#define SEARCH_MAX_FOLD 64
/* Room for either spelling: "x_" + hex of SEARCH_MAX_FOLD bytes, "_5", NUL. */
#define SEARCH_TOKEN_SIZE (2 + 2 * SEARCH_MAX_FOLD + 2 + 1)

enum search_tone { TONE_NONE = 0, TONE_GRAVE, TONE_ACUTE, TONE_HOOK, TONE_TILDE, TONE_DOT };

struct search_syllable {
	size_t start, end;             /* byte range in the text given */
	char folded[SEARCH_TOKEN_SIZE]; /* index spelling of the folded form */
	char key[SEARCH_TOKEN_SIZE];    /* tone key */
	size_t folded_len, key_len;
	int tone;                      /* enum search_tone */
	bool marked;                   /* a tone, a vowel mark or đ was written */
};

/* Calls fn for each syllable of s[0..n), in order, until fn returns
 * non-zero (which is then returned; 0 after the last syllable). With
 * `html`, tags are skipped (attribute values are not text) and character
 * references decoded; '<' not followed by a letter, '/', '!' or '?' is
 * text, as in HTML. Invalid UTF-8 bytes separate syllables. */
typedef int (*search_syllable_fn)(void *ctx, const struct search_syllable *syl);
int search_tokenize(const char *s, size_t n, bool html, search_syllable_fn fn, void *ctx);

/* One syllable of a query. */
struct search_term {
	char folded[SEARCH_TOKEN_SIZE];
	char key[SEARCH_TOKEN_SIZE];
	bool marked;
};

/* A run of terms: a quoted phrase, or the syllables of one excluded word. */
struct search_span {
	int first, count;
};

struct search_query {
	struct search_term terms[SEARCH_MAX_TERMS]; /* positive syllables, in query order */
	int nterms;
	struct search_span phrases[SEARCH_MAX_TERMS]; /* strict runs over terms[] (count >= 2) */
	int nphrases;
	struct search_term neg[SEARCH_MAX_TERMS];     /* excluded syllables */
	int nneg;
	struct search_span excluded[SEARCH_MAX_TERMS]; /* runs over neg[] */
	int nexcluded;
};

/* Parses q[0..n) into *out. Never fails: any bytes are accepted (invalid
 * UTF-8 only separates syllables). */
void search_query_parse(struct search_query *out, const char *q, size_t n);
/* True when the query has positive syllables to match. */
bool search_query_has_keywords(const struct search_query *q);

/* How the FTS5 expression built by search_query_match numbers its phrases:
 * term t's folded form is phrase folded[t]; its tone key is phrase key[t],
 * or -1 when the user wrote no diacritic on it (tones then do not count). */
struct search_plan {
	int nterms;
	int folded[SEARCH_MAX_TERMS];
	int key[SEARCH_MAX_TERMS];
};

/* Appends the FTS5 MATCH expression for a query with keywords: each term
 * `"f"`, or `("f" OR "f_k")` when marked, all ANDed, then each strict phrase
 * `"f1 f2"`, then NOT the excluded runs. Only index spellings appear, each
 * double-quoted: no user text reaches FTS5 syntax. */
void search_query_match(struct buf *out, const struct search_query *q, struct search_plan *plan);
/* Appends the expression for suggestions: the title column, every term but
 * the last as a word and the last folded form as a prefix. */
void search_query_prefix(struct buf *out, const struct search_query *q);

/* Appends the text of an HTML fragment for snippets: character references
 * are decoded, runs of white space become one space, inline tags join the
 * words beside them, and where a block ends (a heading, paragraph, list
 * item, cell) the text is separated by " · ", or by a space after a
 * sentence's end. Text already in out (an article's lead) is separated from
 * the fragment's the same way. */
void search_html_text(struct buf *out, const char *html, size_t n);

/* Appends an HTML snippet of plain text[0..n): about `words` syllables
 * around the place where most different query terms occur together (the
 * start of the text when none does), HTML-escaped, with each syllable whose
 * folded form is a positive term wrapped in <mark>...</mark>, and "…" where
 * text was cut. */
void search_snippet(struct buf *out, const char *text, size_t n, const struct search_query *q, int words);

#endif
