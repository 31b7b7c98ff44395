"""A plain PEP 3333 application: no framework, what it sees of the request and a streamed body."""


def app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/stream":
        start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8"), ("X-Streamed", "yes")])
        return (("chunk %d\n" % i).encode("ascii") for i in range(3))
    if path == "/missing":
        body = b"not here\n"
        start_response("404 Not Found", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
        return [body]
    size = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(size) if size else b""
    lines = [
        "method=" + environ["REQUEST_METHOD"],
        "script=" + environ.get("SCRIPT_NAME", ""),
        "path=" + path,
        "query=" + environ.get("QUERY_STRING", ""),
        "type=" + environ.get("CONTENT_TYPE", ""),
        "length=" + environ.get("CONTENT_LENGTH", ""),
        "scheme=" + environ["wsgi.url_scheme"],
        "custom=" + environ.get("HTTP_X_CUSTOM", ""),
        "version=%r" % (environ["wsgi.version"],),
        "body=" + body.decode("latin-1"),
    ]
    out = ("\n".join(lines) + "\n").encode("latin-1")
    start_response("200 OK", [("Content-Type", "text/plain; charset=latin-1"), ("Content-Length", str(len(out)))])
    return [out]
