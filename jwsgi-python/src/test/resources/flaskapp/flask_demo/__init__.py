"""flask_demo: a Flask application with the routes a real service has, for jwsgi-python's proofs.

Serve it with ``jwsgi-python --path <this directory> --path /usr/lib/python3/dist-packages
flask_demo:app`` (or under any WSGI server: it is ``flask_demo:app``). Routes: an HTML template,
a form POST, JSON in and out, cookies and a session, redirects, a streamed response, a file
download (send_file), 404/405, and an exception handler; /api/items and / are the benchmark's
JSON and template routes.
"""
import os

from flask import (Flask, Response, abort, jsonify, redirect, render_template, request, send_file,
                   session, stream_with_context, url_for)

app = Flask(__name__)
app.config["SECRET_KEY"] = "flask_demo: for tests only"

FILES = os.path.join(os.path.dirname(__file__), "files")


class Teapot(Exception):
    """Raised by /boom; the handler below turns it into a JSON 500."""


@app.errorhandler(Teapot)
def teapot(error):
    return jsonify(error="teapot", detail=str(error)), 500


@app.route("/")
def index():
    return render_template("index.html", name=request.args.get("name", "world"),
                           items=["<b>bold</b>", "caf\u00e9", "plain"])


@app.route("/form", methods=["GET", "POST"])
def form():
    if request.method == "POST":
        return render_template("form.html", name=request.form.get("name", ""),
                               colours=request.form.getlist("colour"), posted=True)
    return render_template("form.html", posted=False)


@app.route("/api/echo", methods=["POST"])
def api_echo():
    data = request.get_json()
    return jsonify(received=data, type=type(data).__name__, length=request.content_length)


@app.route("/api/items")
def api_items():
    n = request.args.get("n", 3, type=int)
    return jsonify(items=[{"id": i, "name": "item %d" % i, "price": i * 1.5} for i in range(n)], count=n)


@app.route("/login", methods=["POST"])
def login():
    session["user"] = request.form["user"]
    session["visits"] = 0
    return redirect(url_for("me"))


@app.route("/me")
def me():
    if "user" not in session:
        return jsonify(error="not logged in"), 401
    session["visits"] = session.get("visits", 0) + 1
    return jsonify(user=session["user"], visits=session["visits"])


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("index", name="again"))


@app.route("/cookie/set")
def cookie_set():
    response = jsonify(set=True)
    response.set_cookie("flavour", request.args.get("flavour", "oatmeal"), httponly=True, samesite="Lax")
    return response


@app.route("/cookie/get")
def cookie_get():
    return jsonify(flavour=request.cookies.get("flavour"), names=sorted(request.cookies))


@app.route("/old")
def old():
    return redirect("/api/items?n=1", code=301)


@app.route("/stream")
def stream():
    n = request.args.get("n", 5, type=int)

    @stream_with_context
    def generate():
        for i in range(n):
            yield "line %d of %d for %s\n" % (i + 1, n, request.args.get("who", "you"))
    return Response(generate(), mimetype="text/plain")


@app.route("/download")
def download():
    return send_file(os.path.join(FILES, "report.txt"), as_attachment=True, download_name="report.txt")


@app.route("/image")
def image():
    return send_file(os.path.join(FILES, "pixel.gif"), mimetype="image/gif")


@app.route("/boom")
def boom():
    raise Teapot("short and stout")


@app.route("/forbidden")
def forbidden():
    abort(403)
