"""Serves WSGI applications under CPython's wsgiref.simple_server, mounted as the Spring Boot
tests mount them, and prints "PORT <n>" once listening.

usage: python3 serve_cpython.py [--path DIR]... PREFIX=module:callable...

A PREFIX of "/" takes every request; "/wsgi" takes /wsgi and /wsgi/... with wsgiref's own
shift_path_info moving "/wsgi" from PATH_INFO to SCRIPT_NAME, as a jwsgi mount at /wsgi does.
"""

import importlib
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server
from wsgiref.util import shift_path_info


def load(spec):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "application")


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main(argv):
    paths, mounts = [], []
    i = 0
    while i < len(argv):
        if argv[i] == "--path":
            paths.append(argv[i + 1])
            i += 2
            continue
        prefix, _, spec = argv[i].partition("=")
        mounts.append((prefix.rstrip("/"), spec))
        i += 1
    for path in reversed(paths):
        sys.path.insert(0, path)
    apps = [(prefix, load(spec)) for prefix, spec in mounts]
    apps.sort(key=lambda item: -len(item[0]))

    def dispatch(environ, start_response):
        path = environ.get("PATH_INFO", "")
        for prefix, app in apps:
            if not prefix:
                return app(environ, start_response)
            if path == prefix or path.startswith(prefix + "/"):
                shift_path_info(environ)
                return app(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no mount\n"]

    server = make_server("127.0.0.1", 0, dispatch, handler_class=QuietHandler)
    print("PORT %d" % server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
