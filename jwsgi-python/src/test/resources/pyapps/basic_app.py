"""Test applications of PythonApplicationTest, each behind wsgiref's own validator."""
from wsgiref.validate import validator


def _raw(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/fail":
        raise KeyError("boom")
    if path == "/echo":
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [body]
    facts = [
        type(environ["wsgi.version"]).__name__ + repr(environ["wsgi.version"]),
        str(environ["wsgi.multithread"]),
        environ["REQUEST_METHOD"],
        path,
        environ["QUERY_STRING"],
    ]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return iter([("\n".join(facts) + "\n").encode("latin-1")])


app = validator(_raw)
