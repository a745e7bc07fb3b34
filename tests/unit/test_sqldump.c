/* test_sqldump.c — import/sqldump.h: the statements and values mysqldump
 * and phpMyAdmin write, escapes, comments, delimiters, bounds, truncated
 * files, and the refusal of text that is not UTF-8 or encoded twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/status.h"
#include "import/sqldump.h"
#include "test.h"

/* Every delivered row, as "table|v1|v2|..." lines (NULL as \N, binary as
 * hex), and every table created as "+table(c1,c2)". */
struct seen {
	struct buf out;
	const char *only; /* deliver only this table, or all */
	int stop_after;   /* return 7 from the n-th row, 0 = never */
	int rows;
};

static bool want(void *ctx, const char *table)
{
	struct seen *s = ctx;
	return !s->only || strcmp(s->only, table) == 0;
}

static void on_table(void *ctx, const char *table, const char *const *cols, size_t n)
{
	struct seen *s = ctx;
	buf_addf(&s->out, "+%s(", table);
	for (size_t i = 0; i < n; i++)
		buf_addf(&s->out, "%s%s", i ? "," : "", cols[i]);
	buf_adds(&s->out, ")\n");
}

static int on_row(void *ctx, const struct sqldump_row *r)
{
	struct seen *s = ctx;
	buf_adds(&s->out, r->table);
	for (size_t i = 0; i < r->ncols; i++) {
		const struct sqldump_value *v = &r->v[i];
		buf_addch(&s->out, '|');
		if (v->kind == SQLDUMP_NULL) {
			buf_adds(&s->out, "\\N");
		} else if (v->kind == SQLDUMP_BIN) {
			buf_adds(&s->out, "0x");
			for (size_t k = 0; k < v->len; k++)
				buf_addf(&s->out, "%02x", (unsigned char)v->s[k]);
		} else {
			for (size_t k = 0; k < v->len; k++) {
				char c = v->s[k];
				if (c == '\n')
					buf_adds(&s->out, "<nl>");
				else if (c == '\0')
					buf_adds(&s->out, "<0>");
				else if ((unsigned char)c < 0x20)
					buf_addf(&s->out, "<%02x>", c);
				else
					buf_addch(&s->out, c);
			}
		}
	}
	buf_addch(&s->out, '\n');
	s->rows++;
	return s->stop_after && s->rows == s->stop_after ? 7 : 0;
}

/* Reads text; returns the status, the rows in s->out, the message in *err. */
static int read_text(const char *text, size_t len, struct seen *s, size_t max_value, struct sqldump_info *info,
		     char **err)
{
	FILE *f = fmemopen((void *)text, len, "r");
	struct sqldump_opts o = {.want = want, .on_table = on_table, .on_row = on_row, .ctx = s, .max_value = max_value};
	int rc = sqldump_read(f, &o, info, err);
	fclose(f);
	return rc;
}

static int read_str(const char *text, struct seen *s, char **err)
{
	return read_text(text, strlen(text), s, 0, NULL, err);
}

static void test_mysqldump(void)
{
	const char *dump =
		"-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n"
		"--\n-- Host: localhost    Database: nukeviet\n"
		"-- ------------------------------------------------------\n"
		"-- Server version\t8.0.36\n\n"
		"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
		"/*!50503 SET NAMES utf8mb4 */;\n"
		"/*!40103 SET TIME_ZONE='+00:00' */;\n"
		"/*M!999999\\- enable the sandbox mode */ \n"
		"DROP TABLE IF EXISTS `nv4_vi_news_cat`;\n"
		"/*!40101 SET @saved_cs_client     = @@character_set_client */;\n"
		"CREATE TABLE `nv4_vi_news_cat` (\n"
		"  `catid` smallint unsigned NOT NULL AUTO_INCREMENT,\n"
		"  `title` varchar(250) NOT NULL,\n"
		"  `viewcat` enum('a','b;c') NOT NULL DEFAULT 'a',\n"
		"  `price` decimal(10,2) DEFAULT '0.00',\n"
		"  PRIMARY KEY (`catid`),\n"
		"  UNIQUE KEY `title` (`title`),\n"
		"  KEY `x` (`price`,`title`(10))\n"
		") ENGINE=MyISAM AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n"
		"LOCK TABLES `nv4_vi_news_cat` WRITE;\n"
		"/*!40000 ALTER TABLE `nv4_vi_news_cat` DISABLE KEYS */;\n"
		"INSERT INTO `nv4_vi_news_cat` VALUES (1,'Tin tức','a',-1.50),(2,'Hoạt động; \\'xã\\'','b;c',NULL),"
		"(3,_binary 'ab',0x414243,1e3);\n"
		"/*!40000 ALTER TABLE `nv4_vi_news_cat` ENABLE KEYS */;\n"
		"UNLOCK TABLES;\n"
		"-- Dump completed on 2024-05-01 10:00:00\n";
	struct seen s = {BUF_INIT};
	struct sqldump_info info;
	char *err = NULL;
	int rc = read_text(dump, strlen(dump), &s, 0, &info, &err);
	CHECK(rc == LOA_OK, "a mysqldump file reads (%s)", err ? err : "");
	CHECK_STR(s.out.data,
		  "+nv4_vi_news_cat(catid,title,viewcat,price)\n"
		  "nv4_vi_news_cat|1|Tin tức|a|-1.50\n"
		  "nv4_vi_news_cat|2|Hoạt động; 'xã'|b;c|\\N\n"
		  "nv4_vi_news_cat|3|0x6162|0x414243|1e3\n",
		  "columns from CREATE TABLE, values of every kind");
	CHECK(info.from_mysqldump && info.completed && !info.from_phpmyadmin, "header and trailer seen");
	CHECK_STR(info.names, "utf8mb4", "SET NAMES inside a conditional comment");
	CHECK(info.rows == 3, "three rows counted");
	free(err);
	buf_reset(&s.out);
}

static void test_phpmyadmin(void)
{
	const char *dump =
		"\xEF\xBB\xBF-- phpMyAdmin SQL Dump\n-- version 5.2.1\n"
		"SET SQL_MODE = \"NO_AUTO_VALUE_ON_ZERO\";\nSTART TRANSACTION;\nSET time_zone = \"+00:00\";\n"
		"/*!40101 SET NAMES utf8mb4 */;\n"
		"CREATE TABLE `nv4_vi_news_rows` (\n  `id` int(11) UNSIGNED NOT NULL,\n  `title` varchar(250) NOT NULL DEFAULT ''\n"
		") ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;\n\n"
		"INSERT INTO `nv4_vi_news_rows` (`title`, `id`) VALUES\n"
		"('Một', 1),\n"
		"('Hai', 2);\n"
		"# a hash comment ; with a semicolon\n"
		"ALTER TABLE `nv4_vi_news_rows`\n  ADD PRIMARY KEY (`id`);\nCOMMIT;\n";
	struct seen s = {BUF_INIT};
	struct sqldump_info info;
	char *err = NULL;
	int rc = read_text(dump, strlen(dump), &s, 0, &info, &err);
	CHECK(rc == LOA_OK, "a phpMyAdmin export reads (%s)", err ? err : "");
	CHECK_STR(s.out.data, "+nv4_vi_news_rows(id,title)\nnv4_vi_news_rows|Một|1\nnv4_vi_news_rows|Hai|2\n",
		  "the INSERT's own column list orders the values");
	CHECK(info.from_phpmyadmin && !info.completed, "phpMyAdmin header seen");
	free(err);
	buf_reset(&s.out);
}

static void test_escapes(void)
{
	const char *dump = "INSERT INTO t VALUES ('a\\0b\\'c\\\"d\\be\\nf\\rg\\th\\Zi\\\\j\\%k\\_l''m\\qn'),"
			   "(\"dq \\\"x\\\" ''y'' \"\"z\"\"\"), (''), (X'00fF'), (b'101'), (TRUE), (FALSE), (_utf8mb4'chữ');\n";
	struct seen s = {BUF_INIT};
	char *err = NULL;
	int rc = read_str(dump, &s, &err);
	CHECK(rc == LOA_OK, "escapes read (%s)", err ? err : "");
	CHECK_STR(s.out.data,
		  "t|a<0>b'c\"d<08>e<nl>f<0d>g<09>h<1a>i\\j\\%k\\_l'mqn\n"
		  "t|dq \"x\" ''y'' \"z\"\n"
		  "t|\n"
		  "t|0x00ff\n"
		  "t|5\n"
		  "t|1\n"
		  "t|0\n"
		  "t|chữ\n",
		  "every MySQL escape, doubled quotes, hex, bits, booleans, an introducer");
	free(err);
	buf_reset(&s.out);
}

static void test_comments_delimiter(void)
{
	const char *dump = "/* a comment; with ; semicolons */\n"
			   "-- a line comment ; here\n"
			   "DELIMITER ;;\n"
			   "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER trg BEFORE INSERT ON t "
			   "FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 'x;y'; END */;;\n"
			   "DELIMITER ;\n"
			   "INSERT INTO t VALUES (1, /* inline */ 'a'), -- between rows\n(2, 'b');\n";
	struct seen s = {BUF_INIT};
	char *err = NULL;
	int rc = read_str(dump, &s, &err);
	CHECK(rc == LOA_OK, "comments and a trigger under DELIMITER (%s)", err ? err : "");
	CHECK_STR(s.out.data, "t|1|a\nt|2|b\n", "the rows after the trigger");
	free(err);
	buf_reset(&s.out);
}

static void test_truncated(void)
{
	static const char *const cases[] = {
		"INSERT INTO t VALUES (1,'abc",
		"INSERT INTO t VALUES (1,'abc'),(2",
		"INSERT INTO t VALUES (1,'abc')",
		"CREATE TABLE t (\n `a` int,\n",
		"/* never closed",
		"/*!40101 SET NAMES utf8 ",
		"INSERT INTO t VALUES (1,'a\\",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct seen s = {BUF_INIT};
		char *err = NULL;
		int rc = read_str(cases[i], &s, &err);
		CHECK(rc == LOA_INVALID && err && strstr(err, "bị cắt cụt"), "truncated input %zu refused: %s", i,
		      err ? err : "(no message)");
		free(err);
		buf_reset(&s.out);
	}
}

static void test_charsets(void)
{
	struct seen s = {BUF_INIT};
	char *err = NULL;
	int rc = read_str("/*!40101 SET NAMES latin1 */;\nINSERT INTO t VALUES ('x');\n", &s, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "latin1") && strstr(err, "--default-character-set=utf8mb4"),
	      "SET NAMES latin1 refused with the way out: %s", err ? err : "");
	CHECK(s.rows == 0, "no row delivered");
	free(err);

	err = NULL;
	s.only = "t";
	rc = read_str("CREATE TABLE `u` (`a` text) DEFAULT CHARSET=latin1;\nINSERT INTO `u` VALUES ('\xe9');\n"
		      "CREATE TABLE `t` (`a` text) ENGINE=MyISAM DEFAULT CHARSET=latin1;\nINSERT INTO `t` VALUES ('x');\n",
		      &s, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "`t`") && strstr(err, "latin1"),
	      "a wanted latin1 table refused, an unwanted one ignored: %s", err ? err : "");
	free(err);

	err = NULL;
	s.only = NULL;
	rc = read_str("INSERT INTO t VALUES ('Tin t\xe1\xbb\xa9" "c'), ('caf\xe9');\n", &s, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "không phải UTF-8"), "bytes that are not UTF-8: %s",
	      err ? err : "");
	free(err);

	err = NULL;
	rc = read_str("INSERT INTO t VALUES ('Tin tá»©c');\n", &s, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "hai lần") && strstr(err, "utf8mb4"),
	      "UTF-8 encoded twice refused: %s", err ? err : "");
	free(err);

	err = NULL;
	rc = read_str("INSERT INTO t VALUES (_binary '\xe9\xff');\n", &s, &err);
	CHECK(rc == LOA_OK, "binary values are not text");
	free(err);
	buf_reset(&s.out);

	CHECK(sqldump_text_check("Tin tức", strlen("Tin tức")) == SQLDUMP_TEXT_OK, "Vietnamese is fine");
	CHECK(sqldump_text_check("Cà phê", strlen("Cà phê")) == SQLDUMP_TEXT_OK, "latin1-range text is fine");
	CHECK(sqldump_text_check("café – menu", strlen("café – menu")) == SQLDUMP_TEXT_OK, "cp1252 range is fine");
	CHECK(sqldump_text_check("plain", 5) == SQLDUMP_TEXT_OK, "ASCII is fine");
	CHECK(sqldump_text_check("Ä‘á»“ng", strlen("Ä‘á»“ng")) == SQLDUMP_TEXT_DOUBLE, "đồng twice encoded (cp1252 range)");
	CHECK(sqldump_text_check("x\xc3", 2) == SQLDUMP_TEXT_NOT_UTF8, "cut UTF-8");
}

static void test_bounds(void)
{
	/* a value over the bound in a wanted table, and the same in one not wanted */
	struct buf d = BUF_INIT;
	buf_adds(&d, "INSERT INTO big VALUES ('");
	for (int i = 0; i < 3000; i++)
		buf_adds(&d, "0123456789");
	buf_adds(&d, "');\nINSERT INTO t VALUES (1);\n");
	struct seen s = {BUF_INIT, .only = "t"};
	char *err = NULL;
	int rc = read_text(d.data, d.len, &s, 1024, NULL, &err);
	CHECK(rc == LOA_OK && s.rows == 1, "a long value of a table not wanted is read and dropped");
	free(err);
	s.only = NULL;
	s.rows = 0;
	err = NULL;
	rc = read_text(d.data, d.len, &s, 1024, NULL, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "dài quá"), "a value over max_value refused: %s", err ? err : "");
	free(err);
	buf_reset(&d);
	buf_reset(&s.out);

	/* one line of 100000 rows: strings cross the reader's window */
	buf_adds(&d, "CREATE TABLE `t` (`id` int, `s` text);\nINSERT INTO `t` VALUES ");
	for (int i = 0; i < 100000; i++)
		buf_addf(&d, "%s(%d,'giá trị \\'%d\\' thứ %d')", i ? "," : "", i, i, i);
	buf_adds(&d, ";\n");
	struct seen many = {BUF_INIT};
	err = NULL;
	rc = read_text(d.data, d.len, &many, 0, NULL, &err);
	CHECK(rc == LOA_OK && many.rows == 100000, "a line of %zu bytes with 100000 rows (%s)", d.len, err ? err : "");
	CHECK(strstr(many.out.data, "t|99999|giá trị '99999' thứ 99999\n") != NULL, "the last row intact");
	CHECK(strstr(many.out.data, "t|51234|giá trị '51234' thứ 51234\n") != NULL, "a middle row intact");
	free(err);
	buf_reset(&many.out);

	struct sqldump_opts o = {.on_row = on_row, .ctx = &many, .max_rows = 10};
	FILE *f = fmemopen(d.data, d.len, "r");
	err = NULL;
	rc = sqldump_read(f, &o, NULL, &err);
	fclose(f);
	CHECK(rc == LOA_INVALID && err && strstr(err, "hơn 10 hàng"), "max_rows: %s", err ? err : "");
	free(err);
	buf_reset(&many.out);
	buf_reset(&d);
}

static void test_errors(void)
{
	struct seen s = {BUF_INIT};
	char *err = NULL;
	int rc = read_str("CREATE TABLE t (`a` int, `b` int);\nINSERT INTO t VALUES (1,2),(3);\n", &s, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "dòng 2") && strstr(err, "1 giá trị nhưng bảng có 2 cột"),
	      "a row with too few values, with its line: %s", err ? err : "");
	free(err);

	err = NULL;
	rc = read_str("INSERT INTO t VALUES (1, now());\n", &s, &err);
	CHECK(rc == LOA_INVALID && err && strstr(err, "không đọc được"), "an expression is not a value: %s",
	      err ? err : "");
	free(err);

	err = NULL;
	rc = read_str("INSERT INTO t VALUES (1) (2);\n", &s, &err);
	CHECK(rc == LOA_INVALID && err, "rows without a comma: %s", err ? err : "");
	free(err);

	err = NULL;
	s.stop_after = 2;
	s.rows = 0;
	rc = read_str("INSERT INTO t VALUES (1),(2),(3);\n", &s, &err);
	CHECK(rc == 7 && !err && s.rows == 2, "a callback's status stops the reading");
	free(err);

	err = NULL;
	s.stop_after = 0;
	rc = read_str("", &s, &err);
	CHECK(rc == LOA_OK, "an empty file is read");
	free(err);
	buf_reset(&s.out);
}

int main(void)
{
	test_mysqldump();
	test_phpmyadmin();
	test_escapes();
	test_comments_delimiter();
	test_truncated();
	test_charsets();
	test_bounds();
	test_errors();
	return test_done();
}
