/* notify.c — the sd_notify datagram (notify.h). The socket's name is an
 * absolute path or, starting with '@', an abstract name. */
#include "core/notify.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/status.h"

int notify_send(const char *state)
{
	const char *name = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa;

	if (!name || (name[0] != '/' && name[0] != '@'))
		return LOA_OK;
	size_t n = strlen(name);
	if (n >= sizeof sa.sun_path)
		return LOA_ERROR;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, name, n);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return LOA_ERROR;
	ssize_t w = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa,
			   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n));
	close(fd);
	return w == (ssize_t)strlen(state) ? LOA_OK : LOA_ERROR;
}
