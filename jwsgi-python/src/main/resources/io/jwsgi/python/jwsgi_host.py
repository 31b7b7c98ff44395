"""The Python half of jwsgi-python, run once in every Context of a PythonApplication.

The Java half (io.jwsgi.python.Worker) calls load() once, then call() per request. Everything a
request needs from the host comes through one Java object, ``host``, with four methods: read(n)
(the request body as a Latin-1 str, None at its end), err(text), start(status, headers,
with_exc_info) and write(data). Keeping the per-request work on this side means one interop call
builds the environ, one call delivers each chunk.
"""

import importlib
import io
import os
import sys
import traceback

_app = None
_name = "app"


def load(spec, paths, name):
    """Imports the application ``module:callable`` or ``module:factory()`` (gunicorn's notation)."""
    global _app, _name
    _name = name
    for path in reversed(list(paths)):
        if path not in sys.path:
            sys.path.insert(0, path)
    module_name, sep, expr = spec.partition(":")
    if not sep:
        expr = "application"  # gunicorn's default name
    if not module_name or not expr:
        raise ValueError("%r is not module:callable" % spec)
    call = expr.endswith("()")
    if call:
        expr = expr[:-2]
    obj = importlib.import_module(module_name)
    for part in expr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise AttributeError("module %r has no attribute %r (from %r)" % (module_name, expr, spec)) from None
    if call:
        obj = obj()
    if not callable(obj):
        raise TypeError("%r is not callable: %r" % (spec, obj))
    _app = obj


def format_exception(exc):
    """The traceback of an exception, as CPython prints it."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class Body(io.RawIOBase):
    """The request body as a raw stream: each read is one call to the host's stream."""

    def __init__(self, read):
        self._read = read

    def readable(self):
        return True

    def readinto(self, b):
        data = self._read(len(b))
        if data is None:
            return 0
        n = len(data)
        b[:n] = data.encode("latin-1")
        return n

    def readall(self):
        parts = []
        while True:
            data = self._read(65536)
            if data is None:
                return b"".join(parts)
            parts.append(data.encode("latin-1"))


def Input(read):
    """wsgi.input: what wsgiref gives (socket.makefile('rb'): a BufferedReader over a raw stream).

    read(), read(n), readline(), readline(n), readlines(), iteration: CPython's own io code,
    reading the host's stream as the application asks, never the whole body up front.
    """
    return io.BufferedReader(Body(read), io.DEFAULT_BUFFER_SIZE)


class Errors:
    """wsgi.errors: a text stream to the host's error stream."""

    __slots__ = ("_err",)

    def __init__(self, err):
        self._err = err

    def write(self, s):
        if type(s) is not str:
            raise TypeError("wsgi.errors.write() argument must be str, not %s" % type(s).__name__)
        self._err(s, False)
        return len(s)

    def writelines(self, seq):
        for s in seq:
            self.write(s)

    def flush(self):
        self._err("", True)


class FileWrapper:
    """wsgi.file_wrapper, as wsgiref.util.FileWrapper; the host sends a real file itself."""

    def __init__(self, filelike, blksize=8192):
        self.filelike = filelike
        self.blksize = blksize
        if hasattr(filelike, "close"):
            self.close = filelike.close

    def __iter__(self):
        return self

    def __next__(self):
        data = self.filelike.read(self.blksize)
        if data:
            return data
        raise StopIteration

    def file(self):
        """(path, offset) of the regular file under this wrapper, or None."""
        f = self.filelike
        name = getattr(f, "name", None)
        if not isinstance(name, str) or "b" not in getattr(f, "mode", "") or not os.path.isfile(name):
            return None
        try:
            return os.path.abspath(name), f.tell()
        except (OSError, ValueError):
            return None


def _fail(message, *args):
    raise AssertionError(("%s: " % _name) + (message % args))


def _check_status(status):
    # refused where wsgiref's handler refuses it, said as wsgiref.validate.check_status says it
    if type(status) is not str:
        _fail("Status must be of type str (got %r)", status)
    if len(status) < 4 or not status[:3].isdigit() or status[3] != " ":
        code = status.split(None, 1)[0] if status.split() else status
        if len(code) != 3:
            _fail("Status codes must be three characters: %r", code)
        _fail("The status string (%r) should be a three-digit integer followed by a single space"
              " and a status explanation", status)


def _header_block(headers):
    # the messages of wsgiref.validate.check_headers; returns "name\0value\0..." for the host,
    # which checks the rest (hop-by-hop headers, as wsgiref's handler does)
    if type(headers) is not list:
        _fail("Headers (%r) must be of type list: %r", headers, type(headers))
    parts = []
    for item in headers:
        if type(item) is not tuple:
            _fail("Individual headers (%r) must be of type tuple: %r", item, type(item))
        if len(item) != 2:
            _fail("Individual headers (%r) must be (name, value) pairs", item)
        name, value = item
        if type(name) is not str:
            _fail("Header name must be of type str (got %r)", name)
        if type(value) is not str:
            _fail("Header value must be of type str (got %r)", value)
        if name.lower() == "status":
            _fail("The Status header cannot be used; it conflicts with CGI script, and HTTP status"
                  " is not given through headers (value: %r).", value)
        if "\n" in name or ":" in name:
            _fail("Header names may not contain ':' or '\\n': %r", name)
        for c in name:
            if c in "\0\r" or ord(c) > 255:
                _fail("Bad header name: %r", name)
        for c in value:
            if c in "\0\r\n" or ord(c) > 255:
                _fail("Bad header value: %r (bad char: %r)", value, c)
        parts.append(name)
        parts.append(value)
    return "\0".join(parts)


class Request:
    """One request: start_response, write, and the response's chunks for the host."""

    __slots__ = ("_host", "_iter", "result", "started")

    def __init__(self, host):
        self._host = host
        self._iter = None
        self.result = None
        self.started = False

    def start_response(self, status, headers, exc_info=None):
        _check_status(status)
        block = _header_block(headers)
        if exc_info is not None:
            if not self._host.start(status, block, True):
                raise exc_info[1].with_traceback(exc_info[2])
        elif self.started:
            _fail("start_response called a second time without exc_info")
        else:
            self._host.start(status, block, False)
        self.started = True
        return self.write

    def write(self, data):
        if type(data) is not bytes:
            _fail("write() argument must be a bytes instance (got %r)", data)
        self._host.write(data)

    def next(self):
        """The next chunk of the response, or None at its end."""
        it = self._iter
        if it is None:
            it = self._iter = iter(self.result)
        for chunk in it:
            if type(chunk) is not bytes:
                _fail("Iterator yielded non-bytestring (%r)", chunk)
            return chunk
        return None

    def close(self):
        close = getattr(self.result, "close", None)
        if close is not None:
            close()

    def file(self):
        result = self.result
        return result.file() if type(result) is FileWrapper else None


_VERSION = (1, 0)


def call(cgi, host, flags):
    """Runs the application for one request.

    cgi is "key\\0value\\0..." of every str-valued entry of the host's environ (a list of them
    when a value holds NUL); flags: 1 multithread, 2 multiprocess, 4 run_once, 8
    input_terminated (the Java side decides them: a Context runs one request at a time).
    Returns the one chunk of a one-item list (bytes), the chunks of a list, or the Request to
    iterate and close.
    """
    if type(cgi) is str:
        it = iter(cgi.split("\0"))
    else:
        it = iter(list(cgi))
    environ = dict(zip(it, it))
    environ["wsgi.version"] = _VERSION
    environ["wsgi.input"] = Input(host.read)
    environ["wsgi.errors"] = Errors(host.err)
    environ["wsgi.multithread"] = bool(flags & 1)
    environ["wsgi.multiprocess"] = bool(flags & 2)
    environ["wsgi.run_once"] = bool(flags & 4)
    if flags & 8:
        environ["wsgi.input_terminated"] = True
    environ["wsgi.file_wrapper"] = FileWrapper
    request = Request(host)
    result = _app(environ, request.start_response)
    request.result = result
    kind = type(result)
    if kind is str or kind is bytes:
        _fail("You should not return a string as your application iterator, instead return a"
              " single-item list containing a bytestring.")
    if kind is list or kind is tuple:
        for chunk in result:
            if type(chunk) is not bytes:
                request.close()
                _fail("Iterator yielded non-bytestring (%r)", chunk)
        if len(result) == 1:
            return result[0]
        return list(result)
    return request
