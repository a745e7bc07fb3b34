/* oldpath.h — the one normalisation of an old portal's URL into the key
 * the redirect table is looked up by (store_redirects.h). Importers call it
 * when they store an old address; the public site calls it on the request
 * it could not answer; both meet only because both go through here.
 *
 * The key of a URL:
 *   - scheme and host are dropped ("https://xa.gov.vn/a" -> "/a"), and so
 *     is the fragment (#...);
 *   - the path is percent-decoded (a malformed escape stays as written),
 *     repeated slashes become one, ASCII letters are lower-cased, a
 *     decoded '%', '?' or '#' is written back escaped (so a key is its own
 *     key), the
 *     trailing slash goes (except for the root "/"), a last segment
 *     "index.php" goes too ("/index.php?p=1" is "/?p=1");
 *   - of the query only the parameters that name content are kept, those
 *     of OLDPATH_PARAMS, decoded ('+' is a space), lower-cased and sorted
 *     by name then value, written back as "?k=v&k=v" with '%', '&', '=',
 *     '#', '+', space and control bytes escaped as %XX;
 *   - the decoded text must be valid UTF-8 without NUL or other control
 *     characters, and the key at most OLDPATH_MAX bytes.
 *
 * So "/Category/Tin-Tuc/?utm_source=x", "/category/tin-tuc" and
 * "http://old.example/category/tin-tuc/#top" have one key. */
#ifndef LOA_OLDPATH_H
#define LOA_OLDPATH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

#define OLDPATH_MAX 1024 /* bytes of a key */

/* The query parameters kept, in the order keys list them: WordPress's
 * ?p= ?page_id= ?cat= ?tag= ?feed= ?m= ?attachment_id=, NukeViet's
 * ?nv= ?op=. */
#define OLDPATH_PARAMS "attachment_id", "cat", "feed", "m", "nv", "op", "p", "page_id", "tag"

/* Appends the key of url[0..n) to out. LOA_OK; LOA_INVALID (out as it
 * was) when url is empty, has invalid UTF-8, NUL or control characters
 * once decoded, or its key would pass OLDPATH_MAX. */
int oldpath_key(const char *url, size_t n, struct buf *out);

/* True when the query of a request's raw path (what follows '?', without
 * it) holds at least one parameter oldpath_key keeps: the only requests
 * on an existing route ("/?p=12") worth a redirect lookup. */
bool oldpath_query_names_content(const char *query);

/* True when target is a path redirects may send a reader to: it begins
 * with one '/', not "//" or "/\" (another host), has no control
 * characters, spaces or backslashes, and is at most OLDPATH_MAX bytes. */
bool oldpath_target_ok(const char *target);

#endif
