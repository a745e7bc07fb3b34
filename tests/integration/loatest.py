"""Helpers for loa's integration tests: start the real server on a free port
with a temporary database, speak HTTP to it, and report TAP-style lines
("ok - ..." / "not ok - ...") that tests/run counts."""
import atexit
import gzip
import html
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LOA = os.path.join(ROOT, os.environ.get("LOA_BIN", "build/loa"))
BROWSER_UA = ("Mozilla/5.0 (Linux; Android 12; SM-A125F) AppleWebKit/537.36 "
              "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36")

_failures = 0


def check(cond, name, detail=""):
    global _failures
    if cond:
        print("ok - " + name)
    else:
        _failures += 1
        print("not ok - " + name)
        if detail:
            for line in str(detail).splitlines()[:20]:
                print("#   " + line)
    sys.stdout.flush()
    return cond


def run_tests(*tests):
    for t in tests:
        try:
            t()
        except Exception:  # a crashed test is a failed test, the rest still run
            check(False, t.__name__ + " raised", traceback.format_exc())
    sys.exit(1 if _failures else 0)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def loa(*args, input=None, timeout=60):
    return subprocess.run([LOA, *args], input=input, capture_output=True, timeout=timeout,
                          text=isinstance(input, str) or input is None)


class Response:
    def __init__(self, status, headers, body, reason=""):
        self.status = status
        self.reason = reason
        self.headers = headers  # lower-cased names
        self.raw = body
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        self.body = body
        try:
            self.text = body.decode("utf-8")
        except UnicodeDecodeError:
            self.text = ""

    def header(self, name):
        return self.headers.get(name.lower())


# Every server a test started and has not stopped: a test that fails (or
# forgets its cleanup) must not leave a server running after it.
_running = set()


@atexit.register
def _stop_leftovers():
    for proc in list(_running):
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class TestClock:
    """The server's clock, moved by the test instead of sleeping: every
    start of SERVER passes `--test-clock FILE`, and advance() adds seconds
    to the offset the server reads from FILE (src/core/clock.h)."""

    def __init__(self, server):
        self.path = os.path.join(server.tmp, "clock")
        self.offset = 0
        server.always = ("--test-clock", self.path)

    def advance(self, seconds):
        self.offset += int(seconds)
        with open(self.path, "w") as f:
            f.write("%d\n" % self.offset)

    def now(self):
        return time.time() + self.offset


class Server:
    """A loa server on a free port over a temporary directory."""

    def __init__(self, db=None, demo=True, tmp=None):
        self.tmp = tmp or tempfile.mkdtemp(prefix="loa-test-")
        self.db = db or os.path.join(self.tmp, "site.db")
        self.proc = None
        self.port = None
        self.always = ()  # arguments of every start (TestClock adds its own)
        # LOA_TEST_THREADS=N runs every start with N event loops (tests/run
        # runs the pool, service and statistics tests with 1 and with 2);
        # unset, the server's default (one per core)
        threads = os.environ.get("LOA_TEST_THREADS")
        self.threads = ("--threads", threads) if threads else ()
        if demo and not os.path.exists(self.db):
            r = loa("demo", "--db", self.db)
            if r.returncode != 0:
                raise RuntimeError("loa demo failed: " + r.stderr)

    def start(self, extra=()):
        self.stop()  # a second start replaces the server, never leaves it running
        self.port = free_port()
        self.log = open(os.path.join(self.tmp, "server.log"), "ab")
        self.proc = subprocess.Popen([LOA, "serve", "--db", self.db, "--listen", "127.0.0.1:%d" % self.port,
                                      *self.threads, *self.always, *extra], stdout=self.log, stderr=self.log)
        _running.add(self.proc)
        deadline = time.time() + 15
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited with %s: %s" % (self.proc.returncode, self.read_log()))
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start: " + self.read_log())

    def read_log(self):
        try:
            with open(os.path.join(self.tmp, "server.log"), "rb") as f:
                return f.read().decode("utf-8", "replace")[-3000:]
        except OSError:
            return ""

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        _running.discard(self.proc)
        rc = self.proc.returncode if self.proc else None
        self.proc = None
        return rc

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def request(self, path, method="GET", headers=None, body=None, host=None, ua=BROWSER_UA, source=None):
        h = {"User-Agent": ua} if ua else {}
        if host:
            h["Host"] = host
        h.update(headers or {})
        # source: another loopback address (127.0.0.x) to act as another client
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10,
                                          source_address=(source, 0) if source else None)
        try:
            conn.putrequest(method, path, skip_host="Host" in h, skip_accept_encoding=True)
            for k, v in h.items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            r = conn.getresponse()
            data = r.read()
            headers = {}
            for k, v in r.getheaders():
                k = k.lower()
                if k in headers:  # Set-Cookie cannot be joined with commas: one per line
                    headers[k] = headers[k] + ("\n" if k == "set-cookie" else ", ") + v
                else:
                    headers[k] = v
            return Response(r.status, headers, data, r.reason)
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request(path, **kw)


def demo_article_paths(server):
    """Article URLs found on the home page."""
    import re
    html = server.get("/").text
    return sorted(set(re.findall(r'href="(/[a-z0-9-]+/[a-z0-9-]+-\d+)"', html)))


class Session:
    """A newsroom visitor with a cookie jar over a Server: logs in, reads
    CSRF tokens from forms, posts forms."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def req(self, path, method="GET", form=None, headers=None, body=None, ctype=None):
        """form: urlencoded fields; or body with its Content-Type ctype
        (multipart())."""
        import re
        import urllib.parse
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if ctype:
            h["Content-Type"] = ctype
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        r = self.server.request(path, method=method, headers=h, body=body)
        for c in (r.headers.get("set-cookie") or "").split("\n"):
            m = re.match(r"\s*([^=;\s]+)=([^;]*)", c)
            if m:
                if m.group(2) == "":
                    self.cookies.pop(m.group(1), None)
                else:
                    self.cookies[m.group(1)] = m.group(2)
        return r

    def csrf(self, path):
        import re
        m = re.search(r'name="csrf" value="([^"]+)"', self.req(path).text)
        return m.group(1) if m else ""

    def post(self, path, form, token_from=None):
        """Posts form with a CSRF token read from token_from (default: path)."""
        form = dict(form)
        form.setdefault("csrf", self.csrf(token_from or path))
        return self.req(path, "POST", form)

    def login(self, login, password):
        token = self.csrf("/quan-tri/dang-nhap")
        return self.req("/quan-tri/dang-nhap", "POST",
                        {"login": login, "password": password, "csrf": token, "next": ""})


def add_user(server, login, role, password):
    r = loa("user", "add", "--db", server.db, "--login", login, "--role", role, "--name", login.title(),
            input=password + "\n")
    if r.returncode != 0:
        raise RuntimeError("loa user add failed: " + r.stderr)


class NewsroomSession:
    """A browser logged in to the newsroom of `server`: keeps its cookies,
    reads the page's CSRF token, posts forms (urlencoded)."""

    def __init__(self, server, login, password):
        import re
        self.server = server
        self.cookies = {}
        r = self.req("/quan-tri/dang-nhap")
        tok = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
        r = self.req("/quan-tri/dang-nhap", "POST", {"login": login, "password": password, "csrf": tok})
        if r.status != 303:
            raise RuntimeError("login %s failed: %s" % (login, r.status))

    def req(self, path, method="GET", form=None):
        import re
        import urllib.parse
        h = {}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        r = self.server.request(path, method=method, headers=h, body=body)
        for c in (r.headers.get("set-cookie") or "").split("\n"):
            m = re.match(r"\s*([^=;\s]+)=([^;]*)", c)
            if m:
                self.cookies[m.group(1)] = m.group(2)
        return r

    def csrf(self, path="/quan-tri"):
        import re
        return re.search(r'name="csrf" value="([^"]+)"', self.req(path).text).group(1)


def editor_fields(b, path):
    """The fields of the article editor at path as a browser would post
    them (inputs, textareas, the selected or first category)."""
    r = b.req(path)
    form = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', r.text):
        form[name] = value
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', r.text, re.S):
        form[name] = value
    sel = re.search(r'<select[^>]*name="chuyen-muc"[^>]*>(.*?)</select>', r.text, re.S)
    if sel:
        opts = re.findall(r'<option value="(\d+)"', sel.group(1))
        chosen = re.search(r'<option value="(\d+)" selected', sel.group(1))
        form["chuyen-muc"] = chosen.group(1) if chosen else (opts[0] if opts else "")
    return {k: html.unescape(v) for k, v in form.items()}


def multipart(fields, files):
    """A multipart/form-data body: fields {name: text}, files {name: (filename,
    content type, bytes)}. Returns (body, Content-Type header)."""
    boundary = "----loa-test-boundary"
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, k, v)).encode()
    for k, (fname, ctype, data) in files.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                % (boundary, k, fname, ctype)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return out, "multipart/form-data; boundary=" + boundary
