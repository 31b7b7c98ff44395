"""A Flask application with one route for each thing a WSGI host must carry unchanged.

Served by the Spring Boot tests of jwsgi-python (mounted from application properties alone) and
by CPython's wsgiref.simple_server (serve_cpython.py) for comparison; bench/python-run.sh uses its
/json and /template routes.
"""

import os

from flask import (
    Flask,
    Response,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    session,
    stream_with_context,
    url_for,
)

HERE = os.path.dirname(os.path.abspath(__file__))

app = Flask(__name__)
app.secret_key = b"jwsgi-python test key; not a secret"


class Refused(Exception):
    """An application error with a handler of its own."""


@app.errorhandler(Refused)
def refused(error):
    return jsonify(error="refused", detail=str(error)), 422


@app.get("/")
def index():
    return render_template(
        "page.html",
        title="Caf\u00e9 <Flask>",
        items=["wsgi", "graalpy", "<script>alert(1)</script>"],
        query=request.args.get("q", ""),
    )


@app.route("/form", methods=["GET", "POST"])
def form():
    if request.method == "POST":
        return render_template(
            "form.html",
            name=request.form.get("name", ""),
            tags=request.form.getlist("tag"),
            posted=True,
        )
    return render_template("form.html", name="", tags=[], posted=False)


@app.post("/api/echo")
def api_echo():
    data = request.get_json()
    return jsonify(received=data, content_type=request.content_type, length=request.content_length)


@app.get("/api/items/<int:item_id>")
def api_item(item_id):
    return jsonify(id=item_id, name="item %d" % item_id, tags=["a", "b"], price=item_id * 1.5)


@app.post("/login")
def login():
    session["user"] = request.form["user"]
    session["visits"] = 0
    response = redirect(url_for("me"))
    response.set_cookie("theme", "dark", httponly=True, samesite="Lax")
    return response


@app.get("/me")
def me():
    if "user" not in session:
        return "nobody\n", 401
    session["visits"] = session.get("visits", 0) + 1
    return "user=%s visits=%d theme=%s\n" % (session["user"], session["visits"], request.cookies.get("theme"))


@app.post("/logout")
def logout():
    session.clear()
    response = make_response("bye\n")
    response.delete_cookie("theme")
    return response


@app.get("/old")
def old():
    return redirect(url_for("index", q="moved here"), code=301)


@app.get("/stream")
def stream():
    def lines():
        for i in range(1, 6):
            yield "line %d of 5 for %s\n" % (i, request.args.get("who", "nobody"))

    return Response(stream_with_context(lines()), mimetype="text/plain")


@app.get("/download")
def download():
    return send_file(os.path.join(HERE, "files", "report.csv"), as_attachment=True, download_name="report.csv")


@app.post("/only-post")
def only_post():
    return "posted\n"


@app.get("/refuse")
def refuse():
    raise Refused("not today")


@app.get("/crash")
def crash():
    raise RuntimeError("boom")


ROWS = [{"id": i, "name": "row %d" % i, "price": i * 1.25, "tags": ["t%d" % (i % 3), "x"]} for i in range(20)]


@app.get("/json")
def bench_json():
    return jsonify(message="Hello, World!", rows=ROWS[:5])


@app.get("/template")
def bench_template():
    return render_template("table.html", rows=ROWS)
