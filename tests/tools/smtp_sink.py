"""A tiny SMTP server for loa's tests: speaks enough of RFC 5321 (EHLO,
HELO, STARTTLS when given a TLS context, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA with dot-unstuffing, RSET,
NOOP, QUIT) to receive what loa's client sends, on a free loopback port,
in a thread of the test. `fail_next` answers that many transactions with
451 at MAIL FROM (a temporary failure) to test retries. Received messages
are parsed with the email package (subjects decoded)."""
import asyncio
import base64
import email
import email.policy
import threading
import time


class Sink:
    def __init__(self, port=0, auth=None, tls=None):
        self.messages = []          # email.message.EmailMessage, with .envelope (from, [rcpt])
        self.auth_seen = []
        self.fail_next = 0
        self.auth = auth            # (login, password) demanded, or None
        self.tls = tls              # an ssl.SSLContext: STARTTLS offered with it
        self.tls_errors = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(port,), daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def _run(self, port):
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", port))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    def close(self):
        self._loop.call_soon_threadsafe(self._server.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def wait_for(self, count, timeout=20):
        """Polls until `count` messages arrived (or the deadline); returns them."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        with self._lock:
            return list(self.messages)

    async def _client(self, reader, writer):
        def say(line):
            writer.write((line + "\r\n").encode())

        say("220 sink.test ESMTP")
        sender, rcpts, authed = None, [], self.auth is None
        try:
            while True:
                raw = await reader.readline()
                if not raw:
                    break
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                verb = line.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    say("250-sink.test")
                    say("250-8BITMIME")
                    if self.tls:
                        say("250-STARTTLS")
                    say("250-AUTH PLAIN LOGIN")
                    say("250 SIZE 10485760")
                elif verb == "STARTTLS" and self.tls:
                    say("220 go ahead")
                    await writer.drain()
                    try:
                        await writer.start_tls(self.tls)
                    except Exception as e:  # the client refused our certificate
                        self.tls_errors.append(str(e))
                        break
                    continue
                elif verb == "HELO":
                    say("250 sink.test")
                elif verb == "AUTH":
                    parts = line.split()
                    if parts[1].upper() == "PLAIN":
                        _, user, pw = base64.b64decode(parts[2]).decode().split("\0")
                    else:
                        say("334 VXNlcm5hbWU6")
                        await writer.drain()
                        user = base64.b64decode((await reader.readline()).strip()).decode()
                        say("334 UGFzc3dvcmQ6")
                        await writer.drain()
                        pw = base64.b64decode((await reader.readline()).strip()).decode()
                    self.auth_seen.append((user, pw))
                    authed = self.auth is None or (user, pw) == self.auth
                    say("235 ok" if authed else "535 sai mật khẩu")
                elif verb == "MAIL":
                    if not authed:
                        say("530 cần đăng nhập")
                    elif self.fail_next > 0:
                        self.fail_next -= 1
                        say("451 4.3.0 thử lại sau")
                    else:
                        sender, rcpts = line[10:].split(">")[0].lstrip("<"), []
                        say("250 ok")
                elif verb == "RCPT":
                    rcpts.append(line[8:].split(">")[0].lstrip("<"))
                    say("250 ok")
                elif verb == "DATA":
                    say("354 go on")
                    await writer.drain()
                    data = b""
                    while True:
                        l = await reader.readline()
                        if not l or l == b".\r\n":
                            break
                        if l.startswith(b".."):
                            l = l[1:]
                        data += l
                    msg = email.message_from_bytes(data, policy=email.policy.default)
                    msg.envelope = (sender, rcpts)
                    msg.raw = data
                    with self._lock:
                        self.messages.append(msg)
                    say("250 queued")
                elif verb == "QUIT":
                    say("221 bye")
                    await writer.drain()
                    break
                elif verb in ("RSET", "NOOP"):
                    say("250 ok")
                else:
                    say("502 unknown")
                await writer.drain()
        finally:
            writer.close()
