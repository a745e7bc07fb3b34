/* mem.h — checked allocation. loa treats running out of memory as fatal
 * (see buf.h): these never return NULL, they abort. A zero size is
 * allocated as one byte so the result is always a unique pointer. */
#ifndef LOA_MEM_H
#define LOA_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
