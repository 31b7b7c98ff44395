"""jwsgi-python's own echo application, for the differential test against wsgiref.

Answers one line per CGI variable (every upper-case key with a str value that is not merely a copy
of the process environment, as wsgiref's os_environ makes), then wsgi.url_scheme, then the body:
each value as the hex of its Latin-1 bytes, so the comparison is byte for byte.
"""
import os


def app(environ, start_response):
    length = environ.get("CONTENT_LENGTH", "")
    body = environ["wsgi.input"].read(int(length)) if length.isdigit() else b""
    lines = []
    for key in sorted(environ):
        value = environ[key]
        if key.isupper() and type(value) is str and os.environ.get(key) != value:
            lines.append("%s %s" % (key, value.encode("latin-1").hex()))
    lines.append("wsgi.url_scheme %s" % environ["wsgi.url_scheme"].encode("latin-1").hex())
    lines.append("body %s" % body.hex())
    out = ("\n".join(lines) + "\n").encode("ascii")
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(out)))])
    return [out]
