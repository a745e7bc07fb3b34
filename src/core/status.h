/* status.h — the one status convention used everywhere in loa.
 *
 * Functions that can fail return an int: LOA_OK (0) on success, a negative
 * LOA_E* code otherwise. Constructors return NULL on failure instead. Error
 * detail (a message for a person) goes to an out-parameter, never a global. */
#ifndef LOA_STATUS_H
#define LOA_STATUS_H

enum {
	LOA_OK = 0,
	LOA_ERROR = -1,     /* unexpected failure: I/O, out of memory, SQL error */
	LOA_NOTFOUND = -2,  /* the thing asked for does not exist */
	LOA_INVALID = -3,   /* the caller's input was rejected (bad argument) */
	LOA_CONFLICT = -4,  /* a uniqueness or version conflict */
	LOA_BUSY = -5       /* resource temporarily unavailable (locked, full) */
};

#endif
