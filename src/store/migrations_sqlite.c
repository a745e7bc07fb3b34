/* migrations_sqlite.c — the SQLite schema, as an append-only list of
 * migrations. store_sqlite.c applies entry i inside one transaction when
 * PRAGMA user_version is i, then sets user_version to i + 1, so a database
 * is either fully at a version or untouched. Never edit a released entry:
 * add a new one that alters what is there.
 *
 * Conventions: every content row carries site_id; text columns are NOT NULL
 * with '' for "none"; times are Unix seconds, days Vietnam day numbers.
 * meta.content_version is bumped by triggers on every content change
 * (but not on view counters or visit statistics), so page caches in any
 * process can tell when to drop what they hold. */
#include "store/store_sqliteInt.h"

#define BUMP " BEGIN UPDATE meta SET value = value + 1 WHERE key = 'content_version'; END;\n"
#define BUMP_ON(table)                                                                   \
	"CREATE TRIGGER " table "_ins_version AFTER INSERT ON " table BUMP            \
	"CREATE TRIGGER " table "_del_version AFTER DELETE ON " table BUMP

/* Article columns whose change is a content change: all but `views`. */
#define ARTICLE_CONTENT_COLUMNS                                                           \
	"site_id, category_id, title, slug, lead, body_html, image, caption, author, source, " \
	"external_id, status, published_at, updated_at, created_at, featured, featured_order, hot_pin"

static const char m0001_initial[] =
	"CREATE TABLE meta (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value NOT NULL\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO meta (key, value) VALUES ('content_version', 1);\n"

	"CREATE TABLE sites (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  host TEXT NOT NULL DEFAULT '' COLLATE NOCASE UNIQUE,\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  tagline TEXT NOT NULL DEFAULT '',\n"
	"  footer TEXT NOT NULL DEFAULT '',\n"
	"  contact TEXT NOT NULL DEFAULT '',\n"
	"  visits_base INTEGER NOT NULL DEFAULT 0,\n"
	"  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))\n"
	");\n"
	"CREATE UNIQUE INDEX sites_one_default ON sites (is_default) WHERE is_default = 1;\n"

	"CREATE TABLE categories (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES categories (id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  slug TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (site_id, slug)\n"
	");\n"
	"CREATE INDEX categories_by_parent ON categories (parent_id, name);\n"
	"CREATE INDEX categories_by_site ON categories (site_id, parent_id, position);\n"

	"CREATE TABLE articles (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  category_id INTEGER NOT NULL REFERENCES categories (id),\n"
	"  title TEXT NOT NULL,\n"
	"  slug TEXT NOT NULL,\n"
	"  lead TEXT NOT NULL DEFAULT '',\n"
	"  body_html TEXT NOT NULL DEFAULT '',\n"
	"  image TEXT NOT NULL DEFAULT '',\n"
	"  caption TEXT NOT NULL DEFAULT '',\n"
	"  author TEXT NOT NULL DEFAULT '',\n"
	"  source TEXT NOT NULL DEFAULT '',\n"
	"  external_id TEXT NOT NULL DEFAULT '',\n"
	"  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),\n"
	"  published_at INTEGER NOT NULL DEFAULT 0,\n"
	"  updated_at INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  featured INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),\n"
	"  featured_order INTEGER NOT NULL DEFAULT 0,\n"
	"  hot_pin INTEGER NOT NULL DEFAULT 0,\n"
	"  views INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE UNIQUE INDEX articles_by_external ON articles (site_id, external_id) WHERE external_id <> '';\n"
	"CREATE INDEX articles_published ON articles (site_id, status, published_at DESC, id DESC);\n"
	"CREATE INDEX articles_by_category ON articles (category_id, status, published_at DESC, site_id);\n"
	"CREATE INDEX articles_featured ON articles (site_id, featured_order, published_at DESC, id DESC)\n"
	"  WHERE featured = 1 AND status = 3;\n"
	"CREATE INDEX articles_pinned ON articles (site_id, hot_pin) WHERE hot_pin > 0;\n"

	"CREATE TABLE article_views_daily (\n"
	"  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
	"  day INTEGER NOT NULL,\n"
	"  views INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (article_id, day)\n"
	") WITHOUT ROWID;\n"

	"CREATE TABLE media (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  path TEXT NOT NULL,\n"
	"  mime TEXT NOT NULL DEFAULT '',\n"
	"  alt TEXT NOT NULL DEFAULT '',\n"
	"  caption TEXT NOT NULL DEFAULT '',\n"
	"  width INTEGER NOT NULL DEFAULT 0,\n"
	"  height INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (site_id, path)\n"
	");\n"

	"CREATE TABLE calendar_items (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  day INTEGER NOT NULL,\n"
	"  session INTEGER NOT NULL DEFAULT 0 CHECK (session BETWEEN 0 AND 2),\n"
	"  start_time TEXT NOT NULL DEFAULT '',\n"
	"  content TEXT NOT NULL,\n"
	"  chair TEXT NOT NULL DEFAULT '',\n"
	"  participants TEXT NOT NULL DEFAULT '',\n"
	"  location TEXT NOT NULL DEFAULT '',\n"
	"  unit TEXT NOT NULL DEFAULT '',\n"
	"  note TEXT NOT NULL DEFAULT '',\n"
	"  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2)\n"
	");\n"
	"CREATE INDEX calendar_by_day ON calendar_items (site_id, day, session, start_time);\n"

	"CREATE TABLE links (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  title TEXT NOT NULL,\n"
	"  url TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX links_by_site ON links (site_id, position);\n"

	"CREATE TABLE visits_daily (\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  day INTEGER NOT NULL,\n"
	"  visits INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (site_id, day)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE visits_total (\n"
	"  site_id INTEGER PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  visits INTEGER NOT NULL DEFAULT 0\n"
	");\n"

	BUMP_ON("sites")
	"CREATE TRIGGER sites_upd_version AFTER UPDATE ON sites" BUMP
	BUMP_ON("categories")
	"CREATE TRIGGER categories_upd_version AFTER UPDATE ON categories" BUMP
	BUMP_ON("articles")
	"CREATE TRIGGER articles_upd_version AFTER UPDATE OF " ARTICLE_CONTENT_COLUMNS " ON articles" BUMP
	BUMP_ON("calendar_items")
	"CREATE TRIGGER calendar_items_upd_version AFTER UPDATE ON calendar_items" BUMP
	BUMP_ON("links")
	"CREATE TRIGGER links_upd_version AFTER UPDATE ON links" BUMP
	BUMP_ON("media")
	"CREATE TRIGGER media_upd_version AFTER UPDATE ON media" BUMP;

/* Full-text search (store_sqlite_search.c): an FTS5 index over the text
 * of articles, tokenized by loa's own tokenizer (registered on every
 * connection before migrations run), external content read from articles.
 * Triggers keep it in the transaction of every article change, and only
 * when the indexed text changes (view counters never touch it).
 * columnsize=0: ranking does not use column lengths. No prefix index: it
 * doubled the postings written per syllable (import time) while the
 * suggestion box's prefix queries, on titles only, are fast without it. */
#define SEARCH_TEXT "title, lead, body_html"
#define SEARCH_INSERT(row) \
	"INSERT INTO article_search (rowid, " SEARCH_TEXT ") VALUES (" row ".id, " row ".title, " row ".lead, " row ".body_html);\n"
#define SEARCH_DELETE(row)                                                                              \
	"INSERT INTO article_search (article_search, rowid, " SEARCH_TEXT ") VALUES ('delete', " row ".id, " \
	row ".title, " row ".lead, " row ".body_html);\n"

static const char m0002_search[] =
	"CREATE VIRTUAL TABLE article_search USING fts5(" SEARCH_TEXT ", content='articles', content_rowid='id', "
	"tokenize='loa', columnsize=0);\n"
	"CREATE TRIGGER articles_search_ins AFTER INSERT ON articles BEGIN\n" SEARCH_INSERT("new") "END;\n"
	"CREATE TRIGGER articles_search_del AFTER DELETE ON articles BEGIN\n" SEARCH_DELETE("old") "END;\n"
	"CREATE TRIGGER articles_search_upd AFTER UPDATE OF " SEARCH_TEXT " ON articles\n"
	"WHEN old.title IS NOT new.title OR old.lead IS NOT new.lead OR old.body_html IS NOT new.body_html BEGIN\n"
	SEARCH_DELETE("old") SEARCH_INSERT("new") "END;\n"
	"INSERT INTO article_search (article_search) VALUES ('rebuild');\n"
	/* Covers the filters of a search for each match found by id, so the
	 * rows themselves (their bodies on overflow pages) are not read. */
	"CREATE INDEX articles_search_filter ON articles (id, site_id, status, published_at, category_id);\n";

/* The newsroom (store_sqlite_newsroom.c): accounts, sessions, the audit
 * log, article versions, revisions and autosaves, category aliases, media
 * srcset and the database secret. None of the new tables is content: no
 * content_version trigger is added for them, so logging in, autosaving or
 * writing the audit log never empties a page cache. The articles trigger of
 * migration 1 names its columns, so the bookkeeping columns added here
 * (version, created_by, updated_by, review_note) do not fire it on their
 * own; a save always changes updated_at, which does. */
static const char m0003_newsroom[] =
	"CREATE TABLE users (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER REFERENCES sites (id) ON DELETE CASCADE,\n" /* NULL = every site */
	"  login TEXT NOT NULL COLLATE NOCASE UNIQUE,\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  pw_hash TEXT NOT NULL DEFAULT '',\n"
	"  role INTEGER NOT NULL DEFAULT 1 CHECK (role BETWEEN 1 AND 3),\n"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  pw_changed_at INTEGER NOT NULL DEFAULT 0,\n"
	"  last_login_at INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX users_by_site ON users (site_id);\n"

	"CREATE TABLE sessions (\n"
	"  token_hash TEXT PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  expires_at INTEGER NOT NULL DEFAULT 0,\n"
	"  seen_at INTEGER NOT NULL DEFAULT 0,\n"
	"  addr TEXT NOT NULL DEFAULT '',\n"
	"  user_agent TEXT NOT NULL DEFAULT ''\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX sessions_by_user ON sessions (user_id);\n"
	"CREATE INDEX sessions_by_expiry ON sessions (expires_at);\n"

	/* The log outlives what it names: references are cleared, not cascaded. */
	"CREATE TABLE audit_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER REFERENCES sites (id) ON DELETE SET NULL,\n"
	"  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  object TEXT NOT NULL DEFAULT '',\n"
	"  detail TEXT NOT NULL DEFAULT '',\n"
	"  addr TEXT NOT NULL DEFAULT '',\n"
	"  at INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX audit_by_site ON audit_log (site_id, at);\n"
	"CREATE INDEX audit_by_time ON audit_log (at);\n"

	"ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
	"ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users (id) ON DELETE SET NULL;\n"
	"ALTER TABLE articles ADD COLUMN updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL;\n"
	"ALTER TABLE articles ADD COLUMN review_note TEXT NOT NULL DEFAULT '';\n"
	/* The newsroom's list: any status, most recently updated first. */
	"CREATE INDEX articles_by_update ON articles (site_id, updated_at DESC, id DESC);\n"
	"CREATE INDEX articles_by_creator ON articles (created_by);\n"
	/* store_article_publish_due runs every few seconds over all sites. */
	"CREATE INDEX articles_scheduled ON articles (published_at) WHERE status = 2;\n"

	"CREATE TABLE article_revisions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
	"  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,\n"
	"  at INTEGER NOT NULL DEFAULT 0,\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  lead TEXT NOT NULL DEFAULT '',\n"
	"  body_html TEXT NOT NULL DEFAULT '',\n"
	"  image TEXT NOT NULL DEFAULT '',\n"
	"  caption TEXT NOT NULL DEFAULT '',\n"
	"  author TEXT NOT NULL DEFAULT '',\n"
	"  source TEXT NOT NULL DEFAULT '',\n"
	"  category_id INTEGER NOT NULL DEFAULT 0,\n" /* no reference: the category may go later */
	"  status INTEGER NOT NULL DEFAULT 0,\n"
	"  published_at INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX revisions_by_article ON article_revisions (article_id, id);\n"

	/* article_id 0 = a new article, so no reference; a deleted article
	 * takes its drafts with it by trigger. */
	"CREATE TABLE autosaves (\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  article_id INTEGER NOT NULL,\n"
	"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
	"  data TEXT NOT NULL DEFAULT '',\n"
	"  at INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (site_id, article_id, user_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TRIGGER articles_autosave_del AFTER DELETE ON articles BEGIN\n"
	"  DELETE FROM autosaves WHERE site_id = old.site_id AND article_id = old.id;\n"
	"END;\n"

	/* Old slugs of renamed categories, so old URLs answer 301. */
	"CREATE TABLE category_aliases (\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  slug TEXT NOT NULL,\n"
	"  category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,\n"
	"  PRIMARY KEY (site_id, slug)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX category_aliases_by_category ON category_aliases (category_id);\n"

	"ALTER TABLE media ADD COLUMN srcset TEXT NOT NULL DEFAULT '';\n"
	"CREATE INDEX media_by_site ON media (site_id, created_at DESC, id DESC);\n"

	/* Keys for CSRF tokens derive from it (store_secret makes one again
	 * should the row ever be missing). */
	"INSERT INTO meta (key, value) VALUES ('secret', randomblob(32));\n";

/* Citizens' feedback and questions (store_sqlite_feedback.c): "Gửi ý kiến
 * phản hồi" on an article and "Hỏi đáp - Góp ý" (article_id NULL). Codes
 * are unique per site regardless of case (the column's collation). An
 * answer outlives its article and its author: those references are
 * cleared, not cascaded. Only published items are public, so the content
 * version changes when an item enters or leaves FB_PUBLISHED (2), or when
 * what a published item shows changes; a new submission (state 0), a
 * moderator's work before publication and the retention sweep (contacts
 * are never shown) leave page caches alone. */
#define FB_PUBLISHED_SHOWN(o, n)                                                                     \
	"(" o ".state = 2) <> (" n ".state = 2) OR (" n ".state = 2 AND ("                           \
	o ".article_id IS NOT " n ".article_id OR " o ".title IS NOT " n ".title OR "               \
	o ".content IS NOT " n ".content OR " o ".answer IS NOT " n ".answer OR "                   \
	o ".answered_by IS NOT " n ".answered_by OR " o ".answered_at IS NOT " n ".answered_at OR " \
	o ".published_at IS NOT " n ".published_at))"

static const char m0004_feedback[] =
	"CREATE TABLE feedback (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,\n" /* NULL = general */
	"  code TEXT NOT NULL COLLATE NOCASE,\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  address TEXT NOT NULL DEFAULT '',\n"
	"  email TEXT NOT NULL DEFAULT '',\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  content TEXT NOT NULL DEFAULT '',\n"
	"  attachment TEXT NOT NULL DEFAULT '',\n"
	"  attachment_mime TEXT NOT NULL DEFAULT '',\n"
	"  attachment_bytes INTEGER NOT NULL DEFAULT 0,\n"
	"  client_hash TEXT NOT NULL DEFAULT '',\n"
	"  content_hash TEXT NOT NULL DEFAULT '',\n"
	"  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 4),\n"
	"  reason TEXT NOT NULL DEFAULT '',\n"
	"  answer TEXT NOT NULL DEFAULT '',\n"
	"  answered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,\n"
	"  answered_at INTEGER NOT NULL DEFAULT 0,\n"
	"  published_at INTEGER NOT NULL DEFAULT 0,\n"
	"  updated_at INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  contacts_erased INTEGER NOT NULL DEFAULT 0 CHECK (contacts_erased IN (0, 1)),\n"
	"  UNIQUE (site_id, code)\n"
	");\n"
	/* The moderation queue, per state, newest first. */
	"CREATE INDEX feedback_queue ON feedback (site_id, state, created_at);\n"
	/* Published answers of an article or of the general page. */
	"CREATE INDEX feedback_public ON feedback (site_id, article_id, state, published_at);\n"
	/* Rate limits per sender and the duplicate check. */
	"CREATE INDEX feedback_by_client ON feedback (site_id, client_hash, created_at);\n"
	"CREATE INDEX feedback_by_content ON feedback (site_id, content_hash, created_at);\n"
	/* Deleting an article or a user looks up what refers to it. */
	"CREATE INDEX feedback_by_article ON feedback (article_id);\n"
	"CREATE INDEX feedback_by_answerer ON feedback (answered_by);\n"
	/* The retention sweep: only rows whose contacts are still there. */
	"CREATE INDEX feedback_to_erase ON feedback (site_id, updated_at) WHERE contacts_erased = 0;\n"

	/* Days after which closed items lose their contacts; 0 = keep. */
	"ALTER TABLE sites ADD COLUMN feedback_retention_days INTEGER NOT NULL DEFAULT 0 "
	"CHECK (feedback_retention_days >= 0);\n"

	"CREATE TRIGGER feedback_ins_version AFTER INSERT ON feedback WHEN new.state = 2" BUMP
	"CREATE TRIGGER feedback_del_version AFTER DELETE ON feedback WHEN old.state = 2" BUMP
	"CREATE TRIGGER feedback_upd_version AFTER UPDATE OF state, article_id, title, content, answer, "
	"answered_by, answered_at, published_at ON feedback WHEN " FB_PUBLISHED_SHOWN("old", "new") BUMP;

/* The site's logo and responsive cover pictures: sites.logo is "" or the
 * URL path of an image of the media library; articles.image_srcset (and
 * the revisions' copy) is "" or the WebP sizes of a cover chosen from the
 * library. The articles trigger of migration 1 names its columns: it is
 * made again with image_srcset among them, so changing only the sizes of a
 * cover is a content change too. */
static const char m0005_logo_srcset[] =
	"ALTER TABLE sites ADD COLUMN logo TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE articles ADD COLUMN image_srcset TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE article_revisions ADD COLUMN image_srcset TEXT NOT NULL DEFAULT '';\n"
	"DROP TRIGGER articles_upd_version;\n"
	"CREATE TRIGGER articles_upd_version AFTER UPDATE OF " ARTICLE_CONTENT_COLUMNS ", image_srcset ON articles" BUMP;

/* The work calendar as a feed (/lich-cong-tac.ics): each item carries
 * when it last changed and how many times (iCalendar LAST-MODIFIED and
 * SEQUENCE), so a subscribed phone replaces its copy of a changed or
 * cancelled item. Items already there count as changed now. */
static const char m0006_calendar_sequence[] =
	"ALTER TABLE calendar_items ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE calendar_items ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0);\n"
	"UPDATE calendar_items SET updated_at = CAST(strftime('%s', 'now') AS INTEGER);\n";

/* The portal beyond news (store_sqlite_portal.c): the main menu built in
 * the newsroom (one level of sub-menus, kept by the domain; a sub-item
 * goes with its parent, a category item with its category), the kind of
 * a link (0 linked website, 1 public-service portal: "Dịch vụ công"), and
 * the legal facts of the footer on the site. All of it is content. */
static const char m0007_portal[] =
	"CREATE TABLE menu_items (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES menu_items (id) ON DELETE CASCADE,\n" /* NULL = top level */
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  kind TEXT NOT NULL,\n"
	"  category_id INTEGER REFERENCES categories (id) ON DELETE CASCADE,\n"
	"  label TEXT NOT NULL DEFAULT '',\n"
	"  url TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE INDEX menu_items_by_site ON menu_items (site_id, parent_id, position);\n"
	"CREATE INDEX menu_items_by_parent ON menu_items (parent_id);\n"
	"CREATE INDEX menu_items_by_category ON menu_items (category_id);\n"
	BUMP_ON("menu_items")
	"CREATE TRIGGER menu_items_upd_version AFTER UPDATE ON menu_items" BUMP
	"ALTER TABLE links ADD COLUMN kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1));\n"
	"DROP INDEX links_by_site;\n"
	"CREATE INDEX links_by_site ON links (site_id, kind, position);\n"
	"ALTER TABLE sites ADD COLUMN legal_owner TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE sites ADD COLUMN legal_responsible TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE sites ADD COLUMN legal_license TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE sites ADD COLUMN legal_address TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE sites ADD COLUMN legal_phone TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE sites ADD COLUMN legal_email TEXT NOT NULL DEFAULT '';\n";
/* "Giới thiệu" (store_sqlite_org.c): static pages with their English
 * version and revisions, the organisation tree and its officials. A unit
 * keeps its sub-units and officials: those references restrict, so a unit
 * is deleted only once empty. Revisions are bookkeeping, not content: no
 * version trigger; the other three tables are what /gioi-thieu,
 * /co-cau-to-chuc, /lanh-dao, /danh-ba and /en/ show. */
static const char m0008_org[] =
	"CREATE TABLE org_pages (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  slug TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  body_html TEXT NOT NULL DEFAULT '',\n"
	"  title_en TEXT NOT NULL DEFAULT '',\n"
	"  body_en TEXT NOT NULL DEFAULT '',\n"
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  updated_at INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (site_id, slug)\n"
	");\n"
	"CREATE INDEX org_pages_by_site ON org_pages (site_id, position, id);\n"
	"CREATE INDEX org_pages_by_updater ON org_pages (updated_by);\n"

	"CREATE TABLE org_page_revisions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  page_id INTEGER NOT NULL REFERENCES org_pages (id) ON DELETE CASCADE,\n"
	"  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,\n"
	"  at INTEGER NOT NULL DEFAULT 0,\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  body_html TEXT NOT NULL DEFAULT '',\n"
	"  title_en TEXT NOT NULL DEFAULT '',\n"
	"  body_en TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE INDEX org_page_revisions_by_page ON org_page_revisions (page_id, id);\n"
	"CREATE INDEX org_page_revisions_by_user ON org_page_revisions (user_id);\n"

	"CREATE TABLE org_units (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  parent_id INTEGER REFERENCES org_units (id),\n" /* NULL = top level */
	"  name TEXT NOT NULL,\n"
	"  name_en TEXT NOT NULL DEFAULT '',\n"
	"  address TEXT NOT NULL DEFAULT '',\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  email TEXT NOT NULL DEFAULT '',\n"
	"  functions TEXT NOT NULL DEFAULT '',\n"
	"  functions_en TEXT NOT NULL DEFAULT '',\n"
	"  position INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX org_units_by_site ON org_units (site_id, position, name);\n"
	"CREATE INDEX org_units_by_parent ON org_units (parent_id);\n"

	"CREATE TABLE org_officials (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  unit_id INTEGER REFERENCES org_units (id),\n" /* NULL = no unit */
	"  name TEXT NOT NULL,\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  title_en TEXT NOT NULL DEFAULT '',\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  email TEXT NOT NULL DEFAULT '',\n"
	"  photo TEXT NOT NULL DEFAULT '',\n"
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  is_leader INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1))\n"
	");\n"
	"CREATE INDEX org_officials_by_site ON org_officials (site_id, position, name);\n"
	"CREATE INDEX org_officials_by_unit ON org_officials (unit_id);\n"

	BUMP_ON("org_pages")
	"CREATE TRIGGER org_pages_upd_version AFTER UPDATE ON org_pages" BUMP
	BUMP_ON("org_units")
	"CREATE TRIGGER org_units_upd_version AFTER UPDATE ON org_units" BUMP
	BUMP_ON("org_officials")
	"CREATE TRIGGER org_officials_upd_version AFTER UPDATE ON org_officials" BUMP;

/* Draft consultation (store_sqlite_consult.c): drafts put out for comment
 * and the comments on them. A draft's phase is never stored: it follows
 * from opens_at, closes_at and the clock (src/consult/). Every change of a
 * draft is a content change; a comment is one only when it enters or
 * leaves CM_PUBLISHED (1) or a published comment's shown text changes, so
 * a new comment (state 0) and a decline leave page caches alone. Contact
 * details (email, phone) are never shown. */
#define CM_PUBLISHED_SHOWN(o, n)                                                                     \
	"(" o ".state = 1) <> (" n ".state = 1) OR (" n ".state = 1 AND ("                           \
	o ".name IS NOT " n ".name OR " o ".organisation IS NOT " n ".organisation OR "            \
	o ".section IS NOT " n ".section OR " o ".content IS NOT " n ".content OR "                \
	o ".published_at IS NOT " n ".published_at))"

static const char m0009_consult[] =
	"CREATE TABLE drafts (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  title TEXT NOT NULL,\n"
	"  slug TEXT NOT NULL,\n"
	"  drafting_body TEXT NOT NULL DEFAULT '',\n"
	"  summary_html TEXT NOT NULL DEFAULT '',\n"
	"  opens_at INTEGER NOT NULL,\n"
	"  closes_at INTEGER NOT NULL,\n"
	"  report_html TEXT NOT NULL DEFAULT '',\n"
	"  report_at INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  updated_at INTEGER NOT NULL DEFAULT 0,\n"
	"  CHECK (closes_at > opens_at)\n"
	");\n"
	/* The phase lists: open and closed by closing time, upcoming by opening. */
	"CREATE INDEX drafts_by_closing ON drafts (site_id, closes_at);\n"
	"CREATE INDEX drafts_by_opening ON drafts (site_id, opens_at);\n"

	"CREATE TABLE draft_comments (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,\n"
	"  code TEXT NOT NULL COLLATE NOCASE,\n"
	"  name TEXT NOT NULL DEFAULT '',\n"
	"  organisation TEXT NOT NULL DEFAULT '',\n"
	"  email TEXT NOT NULL DEFAULT '',\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  section TEXT NOT NULL DEFAULT '',\n"
	"  content TEXT NOT NULL DEFAULT '',\n"
	"  client_hash TEXT NOT NULL DEFAULT '',\n"
	"  content_hash TEXT NOT NULL DEFAULT '',\n"
	"  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),\n"
	"  reason TEXT NOT NULL DEFAULT '',\n"
	"  moderated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,\n"
	"  moderated_at INTEGER NOT NULL DEFAULT 0,\n"
	"  published_at INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (site_id, code)\n"
	");\n"
	/* The moderation queue and a draft's public comments. */
	"CREATE INDEX draft_comments_queue ON draft_comments (site_id, state, created_at);\n"
	"CREATE INDEX draft_comments_by_draft ON draft_comments (draft_id, state, published_at);\n"
	/* Rate limits per sender and the duplicate check. */
	"CREATE INDEX draft_comments_by_client ON draft_comments (site_id, client_hash, created_at);\n"
	"CREATE INDEX draft_comments_by_content ON draft_comments (site_id, content_hash, created_at);\n"
	"CREATE INDEX draft_comments_by_moderator ON draft_comments (moderated_by);\n"

	BUMP_ON("drafts")
	"CREATE TRIGGER drafts_upd_version AFTER UPDATE ON drafts" BUMP
	"CREATE TRIGGER draft_comments_ins_version AFTER INSERT ON draft_comments WHEN new.state = 1" BUMP
	"CREATE TRIGGER draft_comments_del_version AFTER DELETE ON draft_comments WHEN old.state = 1" BUMP
	"CREATE TRIGGER draft_comments_upd_version AFTER UPDATE OF state, name, organisation, section, content, "
	"published_at ON draft_comments WHEN " CM_PUBLISHED_SHOWN("old", "new") BUMP;

/* Stored files (store_sqlite_files.c): the rows of files people download,
 * whose bytes sit in the files folder under stored_name (a random name
 * loa chose, never the uploaded one). A file's title shows on its owner's
 * page, so every change is a content change. */
static const char m0010_files[] =
	"CREATE TABLE files (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  stored_name TEXT NOT NULL UNIQUE,\n"
	"  original_name TEXT NOT NULL DEFAULT '',\n"
	"  title TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL DEFAULT 0 CHECK (size >= 0),\n"
	"  digest TEXT NOT NULL DEFAULT '',\n"
	"  public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),\n"
	"  created_at INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX files_by_site ON files (site_id, id);\n"
	BUMP_ON("files")
	"CREATE TRIGGER files_upd_version AFTER UPDATE ON files" BUMP;

/* The register of documents (store_sqlite_docs.c): documents, their three
 * editable term lists (kind 0 loại văn bản, 1 cơ quan ban hành, 2 lĩnh
 * vực), relations (kind 1: from replaces to; 2: from amends to), attached
 * files in order, and an FTS5 index over number, summary and full text
 * with loa's tokenizer, kept by triggers like article_search. A
 * document's validity is never stored: it follows from its dates, the
 * day and its relations (src/docs/). Days are Vietnam day numbers, 0 =
 * none. A number is unique per issuer, compared by its folded key. */
#define DOC_SEARCH_TEXT "number, summary, body_html"
#define DOC_SEARCH_INSERT(row)                                                                            \
	"INSERT INTO document_search (rowid, " DOC_SEARCH_TEXT ") VALUES (" row ".id, " row ".number, " row \
	".summary, " row ".body_html);\n"
#define DOC_SEARCH_DELETE(row)                                                                                  \
	"INSERT INTO document_search (document_search, rowid, " DOC_SEARCH_TEXT ") VALUES ('delete', " row ".id, " \
	row ".number, " row ".summary, " row ".body_html);\n"

static const char m0011_docs[] =
	"CREATE TABLE doc_terms (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),\n"
	"  name TEXT NOT NULL,\n"
	"  name_key TEXT NOT NULL,\n"
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (site_id, kind, name_key)\n"
	");\n"

	"CREATE TABLE documents (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  number TEXT NOT NULL,\n"
	"  number_key TEXT NOT NULL,\n"
	"  type_id INTEGER REFERENCES doc_terms (id),\n"
	"  issuer_id INTEGER REFERENCES doc_terms (id),\n"
	"  field_id INTEGER REFERENCES doc_terms (id),\n"
	"  signer TEXT NOT NULL DEFAULT '',\n"
	"  issued_day INTEGER NOT NULL,\n"
	"  effective_day INTEGER NOT NULL DEFAULT 0,\n"
	"  expires_day INTEGER NOT NULL DEFAULT 0,\n"
	"  summary TEXT NOT NULL,\n"
	"  body_html TEXT NOT NULL DEFAULT '',\n"
	"  slug TEXT NOT NULL,\n"
	"  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  updated_at INTEGER NOT NULL DEFAULT 0,\n"
	"  CHECK (effective_day = 0 OR effective_day >= issued_day),\n"
	"  CHECK (expires_day = 0 OR expires_day > issued_day)\n"
	");\n"
	"CREATE UNIQUE INDEX documents_number ON documents (site_id, COALESCE(issuer_id, 0), number_key);\n"
	"CREATE INDEX documents_by_issued ON documents (site_id, published, issued_day DESC, id DESC);\n"
	"CREATE INDEX documents_by_key ON documents (site_id, number_key);\n"
	"CREATE INDEX documents_by_type ON documents (type_id);\n"
	"CREATE INDEX documents_by_issuer ON documents (issuer_id);\n"
	"CREATE INDEX documents_by_field ON documents (field_id);\n"

	"CREATE TABLE doc_relations (\n"
	"  from_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
	"  to_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
	"  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),\n"
	"  PRIMARY KEY (from_id, to_id),\n"
	"  CHECK (from_id <> to_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX doc_relations_to ON doc_relations (to_id, kind);\n"

	"CREATE TABLE document_files (\n"
	"  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,\n"
	"  file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (document_id, file_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX document_files_by_file ON document_files (file_id);\n"

	"CREATE VIRTUAL TABLE document_search USING fts5(" DOC_SEARCH_TEXT ", content='documents', "
	"content_rowid='id', tokenize='loa', columnsize=0);\n"
	"CREATE TRIGGER documents_search_ins AFTER INSERT ON documents BEGIN\n" DOC_SEARCH_INSERT("new") "END;\n"
	"CREATE TRIGGER documents_search_del AFTER DELETE ON documents BEGIN\n" DOC_SEARCH_DELETE("old") "END;\n"
	"CREATE TRIGGER documents_search_upd AFTER UPDATE OF " DOC_SEARCH_TEXT " ON documents\n"
	"WHEN old.number IS NOT new.number OR old.summary IS NOT new.summary OR old.body_html IS NOT new.body_html BEGIN\n"
	DOC_SEARCH_DELETE("old") DOC_SEARCH_INSERT("new") "END;\n"

	BUMP_ON("doc_terms")
	"CREATE TRIGGER doc_terms_upd_version AFTER UPDATE ON doc_terms" BUMP
	BUMP_ON("documents")
	"CREATE TRIGGER documents_upd_version AFTER UPDATE ON documents" BUMP
	BUMP_ON("doc_relations")
	BUMP_ON("document_files")
	"CREATE TRIGGER document_files_upd_version AFTER UPDATE ON document_files" BUMP;
/* Files attached to something other than a document (store_files.h):
 * a draft's texts and its summary report, a calendar entry's invitation.
 * owner_kind names the table of owner_id ("draft", "calendar"); a link
 * goes with its file. Attachments show on their owner's page, so every
 * change is a content change. */
static const char m0012_file_links[] =
	"CREATE TABLE file_links (\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  owner_kind TEXT NOT NULL,\n"
	"  owner_id INTEGER NOT NULL,\n"
	"  file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,\n"
	"  role TEXT NOT NULL DEFAULT '',\n"
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (site_id, owner_kind, owner_id, file_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX file_links_by_file ON file_links (file_id);\n"
	BUMP_ON("file_links");

/* The redirect table (store_sqlite_redirects.c): per site, an old
 * portal's address as its key (core/oldpath.h) and the loa path it moved
 * to, written by the importers ("wordpress", "nukeviet"). A key is unique
 * in its site: importing again updates the target. The public site reads
 * it only for requests nothing else answers (a 404), and 404 pages are
 * never cached, so no content-version triggers. */
static const char m0013_redirects[] =
	"CREATE TABLE redirects (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  old_path TEXT NOT NULL CHECK (substr(old_path, 1, 1) = '/'),\n"
	"  target TEXT NOT NULL CHECK (substr(target, 1, 1) = '/' AND substr(target, 2, 1) NOT IN ('/', '\\')),\n"
	"  source TEXT NOT NULL DEFAULT '',\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  updated_at INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (site_id, old_path)\n"
	");\n"
	"CREATE INDEX redirects_by_source ON redirects (site_id, source, old_path);\n";

/* What an editor sets beside the text (issue 11): an SEO description
 * (articles.seo_description, "" = the lead stands in) and hand-picked
 * related articles in their order, shown before the automatic ones. The
 * articles trigger is made again with the new column among its columns;
 * a pick is content too. */
static const char m0014_article_seo_related[] =
	"ALTER TABLE articles ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';\n"
	"DROP TRIGGER articles_upd_version;\n"
	"CREATE TRIGGER articles_upd_version AFTER UPDATE OF " ARTICLE_CONTENT_COLUMNS ", image_srcset, seo_description "
	"ON articles" BUMP
	"CREATE TABLE article_related (\n"
	"  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
	"  related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
	"  position INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (article_id, related_id),\n"
	"  CHECK (related_id <> article_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX article_related_by_related ON article_related (related_id);\n"
	BUMP_ON("article_related");

/* Mail notifications (store_mail.h, store_sqlite_mail.c): each site's
 * SMTP settings, the outbox a notification is written to in the
 * transaction of the event that causes it, an editor's address and a
 * sender's consent to be told of the answer. Nothing here is shown on
 * the public site, so no content-version triggers. */
static const char m0015_mail[] =
	"CREATE TABLE mail_settings (\n"
	"  site_id INTEGER PRIMARY KEY REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  host TEXT NOT NULL DEFAULT '',\n"
	"  port INTEGER NOT NULL DEFAULT 587 CHECK (port BETWEEN 1 AND 65535),\n"
	"  security INTEGER NOT NULL DEFAULT 1 CHECK (security BETWEEN 0 AND 2),\n"
	"  login TEXT NOT NULL DEFAULT '',\n"
	"  password TEXT NOT NULL DEFAULT '',\n"
	"  from_addr TEXT NOT NULL DEFAULT '',\n"
	"  from_name TEXT NOT NULL DEFAULT '',\n"
	"  feedback_to TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE TABLE outbox (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
	"  kind TEXT NOT NULL,\n"
	"  rcpt TEXT NOT NULL,\n"
	"  subject TEXT NOT NULL,\n"
	"  body TEXT NOT NULL,\n"
	"  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2),\n"
	"  attempts INTEGER NOT NULL DEFAULT 0,\n"
	"  next_at INTEGER NOT NULL DEFAULT 0,\n"
	"  last_error TEXT NOT NULL DEFAULT '',\n"
	"  created_at INTEGER NOT NULL DEFAULT 0,\n"
	"  sent_at INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX outbox_due ON outbox (state, next_at);\n"
	"CREATE INDEX outbox_by_site ON outbox (site_id, id);\n"
	"ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';\n"
	"ALTER TABLE feedback ADD COLUMN notify INTEGER NOT NULL DEFAULT 0 CHECK (notify IN (0, 1));\n";

const char *const store_sqlite_migrations[] = {
	m0001_initial,
	m0002_search,
	m0003_newsroom,
	m0004_feedback,
	m0005_logo_srcset,
	m0006_calendar_sequence,
	m0007_portal,
	m0008_org,
	m0009_consult,
	m0010_files,
	m0011_docs,
	m0012_file_links,
	m0013_redirects,
	m0014_article_seo_related,

	m0015_mail,
};

const int store_sqlite_migration_count = (int)(sizeof store_sqlite_migrations / sizeof store_sqlite_migrations[0]);
