"""The WSGI features a host must get right, one route each (PythonApplicationTest).

``app`` is the plain application; ``validated`` is the same behind wsgiref's own validator, with
its warnings turned into errors so that a warning fails the request instead of passing unseen.
"""
import json
import os
import sys
import warnings
from wsgiref.validate import WSGIWarning, validator

warnings.simplefilter("error", WSGIWarning)

# close() calls per route, for the close-exactly-once tests (one Context: one copy of this dict)
CLOSES = {}


class Closing:
    """An iterable result with close(), counting its calls."""

    def __init__(self, key, chunks):
        self.key = key
        self.chunks = chunks

    def __iter__(self):
        for chunk in self.chunks:
            if isinstance(chunk, Exception):
                raise chunk
            yield chunk

    def close(self):
        CLOSES[self.key] = CLOSES.get(self.key, 0) + 1


def _text(start_response, text, status="200 OK"):
    body = text.encode("latin-1") if isinstance(text, str) else text
    start_response(status, [("Content-Type", "text/plain; charset=latin-1"),
                            ("Content-Length", str(len(body)))])
    return [body]


def _length(environ):
    return int(environ.get("CONTENT_LENGTH") or 0)


def app(environ, start_response):
    path = environ["PATH_INFO"]
    query = environ.get("QUERY_STRING", "")
    inp = environ["wsgi.input"]

    if path.startswith("/environ"):
        facts = {
            "version": [type(environ["wsgi.version"]).__name__, list(environ["wsgi.version"])],
            "multithread": environ["wsgi.multithread"],
            "multiprocess": environ["wsgi.multiprocess"],
            "run_once": environ["wsgi.run_once"],
            "url_scheme": environ["wsgi.url_scheme"],
            "environ_type": type(environ).__name__,
            "input_type": type(inp).__name__,
            "errors_has": [a for a in ("write", "writelines", "flush") if hasattr(environ["wsgi.errors"], a)],
            "file_wrapper": callable(environ.get("wsgi.file_wrapper")),
            # every CGI value a native str: Latin-1 "bytes in a str", no code point above 255
            "native": all(type(v) is str and max(map(ord, v), default=0) < 256
                          for k, v in environ.items() if k.isupper()),
            "cgi": {k: v for k, v in environ.items() if k.isupper() and not k in os.environ},
        }
        return _text(start_response, json.dumps(facts, sort_keys=True))

    # wsgi.input, each way of reading it; the answer is JSON (Latin-1 strs of the bytes read)
    if path == "/input/read":
        return _text(start_response, inp.read(_length(environ)))
    if path == "/input/readall":  # read() with no size: up to the end of the body
        return _text(start_response, inp.read())
    if path == "/input/readn":
        n = int(query)
        parts = []
        while True:
            data = inp.read(n)
            parts.append(data.decode("latin-1"))
            if not data:
                break
        return _text(start_response, json.dumps(parts))
    if path == "/input/readline":
        size = int(query) if query else -1
        lines = []
        while True:
            line = inp.readline(size) if size >= 0 else inp.readline()
            if not line:
                break
            lines.append(line.decode("latin-1"))
        return _text(start_response, json.dumps(lines))
    if path == "/input/readlines":
        hint = int(query) if query else None
        lines = inp.readlines(hint) if hint is not None else inp.readlines()
        rest = inp.read(_length(environ))
        return _text(start_response, json.dumps([[l.decode("latin-1") for l in lines], rest.decode("latin-1")]))
    if path == "/input/iter":
        return _text(start_response, json.dumps([line.decode("latin-1") for line in inp]))
    if path == "/input/mixed":  # readline, then read(n), then the rest
        first = inp.readline()
        some = inp.read(3)
        rest = inp.read(_length(environ))
        return _text(start_response, json.dumps([first.decode("latin-1"), some.decode("latin-1"),
                                                  rest.decode("latin-1")]))

    if path == "/errors":
        environ["wsgi.errors"].write("to wsgi.errors\n")
        environ["wsgi.errors"].writelines(["two ", "lines\n"])
        environ["wsgi.errors"].flush()
        return _text(start_response, "logged")

    if path == "/stream":
        # Yields its first chunk, then waits for the request body the client sends only after it
        # has read that chunk: a host that buffered the generator would deadlock here.
        def gen():
            yield b"first;"
            data = inp.read(_length(environ))
            yield b"then:" + data
        start_response("200 OK", [("Content-Type", "text/plain")])
        return gen()

    if path == "/write":
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"written;")
        write(b"again;")
        return [b"returned"]

    if path == "/file":
        name = os.path.join(os.path.dirname(__file__), query)
        f = open(name, "rb")
        start_response("200 OK", [("Content-Type", "application/octet-stream"),
                                  ("Content-Length", str(os.path.getsize(name)))])
        return environ["wsgi.file_wrapper"](f, 4096)

    if path == "/file-skip":  # a file already read from: the rest of it goes out
        name = os.path.join(os.path.dirname(__file__), query)
        f = open(name, "rb")
        f.read(10)
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return environ["wsgi.file_wrapper"](f)

    if path == "/exc-info-before":  # an error before the headers went out replaces the response
        start_response("200 OK", [("Content-Type", "text/plain")])
        try:
            raise ValueError("replaced")
        except ValueError:
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")], sys.exc_info())
        return [b"error page"]

    if path == "/exc-info-after":  # after the headers: start_response raises it again
        def gen():
            write = start_response("200 OK", [("Content-Type", "text/plain")])
            yield b"partial;"
            try:
                raise ValueError("too late")
            except ValueError:
                start_response("500 Internal Server Error", [("Content-Type", "text/plain")], sys.exc_info())
            yield b"never"
        return gen()

    if path == "/closes":
        return _text(start_response, json.dumps(CLOSES, sort_keys=True))
    if path.startswith("/closing/"):
        key = path[len("/closing/"):]
        start_response("200 OK", [("Content-Type", "text/plain")])
        if key == "ok":
            return Closing(key, [b"a", b"b"])
        if key == "raise-first":
            return Closing(key, [RuntimeError("first chunk")])
        if key == "raise-later":
            return Closing(key, [b"a", RuntimeError("later chunk")])
        if key == "bad-chunk":
            return Closing(key, [b"a", "not bytes"])
        if key == "slow":  # many chunks: the client goes away in the middle
            return Closing(key, (b"x" * 8192 for _ in range(100000)))
        return Closing(key, [b"x"])  # e.g. a HEAD request

    if path == "/fail":
        raise KeyError("secret-in-traceback")
    if path == "/fail-after":
        def gen():
            start_response("200 OK", [("Content-Type", "text/plain")])
            yield b"partial;"
            raise KeyError("after the headers")
        return gen()
    if path == "/bad/chunk":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return ["a str"]
    if path == "/bad/status":
        start_response(200, [("Content-Type", "text/plain")])
        return [b""]
    if path == "/bad/status-code":
        start_response("OK 200", [("Content-Type", "text/plain")])
        return [b""]
    if path == "/bad/headers-type":
        start_response("200 OK", {"Content-Type": "text/plain"})
        return [b""]
    if path == "/bad/header-tuple":
        start_response("200 OK", [["Content-Type", "text/plain"]])
        return [b""]
    if path == "/bad/header-value":
        start_response("200 OK", [("X-Number", 1)])
        return [b""]
    if path == "/bad/header-newline":
        start_response("200 OK", [("X-Split", "a\r\nSet-Cookie: evil")])
        return [b""]
    if path == "/bad/str-result":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return b"a bytes object, not an iterable of them"
    if path == "/bad/write":
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write("a str")
        return [b""]
    if path == "/bad/twice":
        start_response("200 OK", [])
        start_response("200 OK", [])
        return [b""]

    if path == "/state":  # module state stays in this Context; the request's own does not leak
        mine = query
        seen = environ.get("HTTP_X_TOKEN")
        body = inp.read(_length(environ)).decode("latin-1")
        return _text(start_response, json.dumps([mine, seen, body]))
    if path == "/exit":  # kills this Context: the pool must replace it
        os._exit(3)
    if path == "/pid":
        return _text(start_response, str(id(sys.modules[__name__])))

    return _text(start_response, "no route " + path, "404 Not Found")


def expected_message(kind):
    """What wsgiref's own validator says of the /bad/<kind> route (the host must say the same)."""
    def fake_start_response(status, headers, exc_info=None):
        return lambda data: None
    environ = {"REQUEST_METHOD": "GET", "SERVER_NAME": "x", "SERVER_PORT": "80", "SCRIPT_NAME": "",
               "PATH_INFO": "/bad/" + kind, "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1",
               "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": __import__("io").BytesIO(),
               "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": False,
               "wsgi.run_once": False}
    try:
        result = validator(app)(environ, fake_start_response)
        try:
            for _ in result:
                pass
        finally:
            result.close()
    except AssertionError as e:
        return str(e)
    return None


def make_app():
    """A factory, for module:factory()."""
    return app


validated = validator(app)
