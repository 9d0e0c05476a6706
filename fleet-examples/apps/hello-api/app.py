"""Hello-world HTTP API: GET / greets, GET /health answers ok. Standard library only."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GREETING = os.environ.get("GREETING", "hello")
VERSION = os.environ.get("APP_VERSION", "1.0.0")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            body = b"ok\n"
        else:
            body = (json.dumps({"greeting": GREETING, "version": VERSION}) + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/health" else "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):  # journald already timestamps; keep lines short
        print("%s %s" % (self.address_string(), fmt % args), flush=True)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    # One line at start: a failure report's journal tail then says which version ran and where it listened.
    print("hello-api %s listening on :%d" % (VERSION, port), flush=True)
    server.serve_forever()
