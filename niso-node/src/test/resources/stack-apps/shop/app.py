"""Stack acceptance app (standard library only), two roles by argv[1]:
  serve   - HTTP api on $PORT: GET / reads "greeting" from redis and counts hits there; GET /health pings redis
  migrate - oneshot job: SETNX greeting, INCR migrations; exits $EXIT_CODE instead when it is not 0
Redis is reached by its stack service name, db.niso.local, over RESP on a plain socket."""
import os
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DB = os.environ.get("DB_HOST", "db.niso.local")
VERSION = os.environ.get("APP_VERSION", "1.0.0")


def redis(*cmd):
    with socket.create_connection((DB, 6379), timeout=3) as s:
        parts = [b"*%d\r\n" % len(cmd)]
        for a in cmd:
            b = a.encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(b), b))
        s.sendall(b"".join(parts))
        f = s.makefile("rb")
        line = f.readline()
        if line.startswith(b"$"):
            n = int(line[1:])
            return None if n < 0 else f.read(n + 2)[:-2].decode()
        if line.startswith(b"-"):
            raise RuntimeError(line[1:].strip().decode())
        return line[1:].strip().decode()


def migrate():
    code = int(os.environ.get("EXIT_CODE", "0"))
    if code:
        print("migration failed: schema version conflict (exit %d)" % code, flush=True)
        sys.exit(code)
    redis("SETNX", "greeting", "hello from redis")
    print("migration %s done" % redis("INCR", "migrations"), flush=True)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            if self.path == "/health":
                if os.environ.get("HEALTHY", "yes") != "yes":
                    raise RuntimeError("unhealthy on purpose")
                body = redis("PING")
            else:
                body = "%s (hits: %s, migrations: %s, version: %s)" % (
                    redis("GET", os.environ.get("GREETING_KEY", "greeting")), redis("INCR", "hits"), redis("GET", "migrations"), VERSION)
            status = 200
        except Exception as e:  # noqa: BLE001 - any failure is a 500 for the probe
            body, status = "error: %s" % e, 500
        data = (body + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["migrate"]:
        migrate()
    else:
        ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
