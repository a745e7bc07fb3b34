/* notify.h — tells the service manager how the server is doing, by the
 * sd_notify protocol (a datagram to the socket named by $NOTIFY_SOCKET),
 * without libsystemd. loa.service is Type=notify: `systemctl start` returns
 * once the port is open ("READY=1"), and fails if loa exits before. Outside
 * systemd (no NOTIFY_SOCKET) nothing is sent. */
#ifndef LOA_NOTIFY_H
#define LOA_NOTIFY_H

/* Sends state ("READY=1", "STOPPING=1", "STATUS=…"). LOA_OK when sent or
 * when there is no manager to tell; LOA_ERROR when the socket refused it
 * (the server carries on either way). */
int notify_send(const char *state);

#endif
