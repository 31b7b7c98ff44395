"""The hello world of the load benchmarks for the Python servers (bench/run.sh).

The same 14-byte body and headers as the Java servers and nginx. Run directly, it serves the app
with CPython's wsgiref.simple_server with the access log off (as on every server of the benchmark):

    python3 bench/hello_wsgi.py 28085

gunicorn and waitress import `hello_wsgi:app`.
"""

import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

BODY = b"Hello, world!\n"
HEADERS = [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))]


def app(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1])
    with make_server("127.0.0.1", port, app, handler_class=QuietHandler) as server:
        print(f"wsgiref serving on 127.0.0.1:{port}", flush=True)
        server.serve_forever()
