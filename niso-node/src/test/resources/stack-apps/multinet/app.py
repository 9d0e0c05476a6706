"""Multi-network acceptance app (standard library only): an HTTP server on $PORT that says its $NAME and, on
GET /fetch?url=URL, fetches URL itself (2 s timeout) and answers "ok: BODY" or "error: WHY" (status 502). Run as
db, api and web, it shows from inside each service's own namespace and hosts file who reaches whom."""
import os
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAME = os.environ.get("NAME", "relay")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        parsed = urllib.parse.urlparse(self.path)
        status, body = 200, NAME
        if parsed.path == "/health":
            body = "ok"
        elif parsed.path == "/fetch":
            url = urllib.parse.parse_qs(parsed.query).get("url", [""])[0]
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    body = "ok: " + r.read().decode().strip()
            except Exception as e:  # noqa: BLE001 - any failure to reach the peer is the answer
                status, body = 502, "error: %s" % e
        data = (body + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
