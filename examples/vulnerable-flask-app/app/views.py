"""HTTP routes for notes, import/export, preferences and accounts."""
import base64
import os
import pickle
import traceback

import yaml
from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from markupsafe import Markup

from . import auth, db, utils

bp = Blueprint("notes", __name__)


@bp.route("/")
@auth.login_required
def index():
    # ?filters={"tag": "work"} narrows the list; parsed straight from the query string.
    filters = eval(request.args.get("filters", "{}"))  # vouch-expect: no-eval-exec
    notes = db.search_notes(session["user_id"], request.args.get("q", ""))
    rules = [utils.Rule(field, value) for field, value in filters.items()]
    return render_template("index.html", notes=utils.apply_rules(rules, notes))


@bp.route("/notes/<note_id>")
@auth.login_required
def show_note(note_id):
    note = db.get_note(note_id)
    if note is None:
        return render_template("index.html", notes=[]), 404
    return render_template("note.html", note=note, etag=utils.etag_for(note["body"]))


@bp.route("/notes/<note_id>/rename", methods=["POST"])
@auth.login_required
def rename_note(note_id):
    db.rename_note(note_id, request.form["title"])
    return redirect(url_for("notes.show_note", note_id=note_id))


@bp.route("/notes/<note_id>/delete", methods=["POST"])
@auth.login_required
def delete_note(note_id):
    db.delete_note(note_id)
    return redirect(url_for("notes.index"))


@bp.route("/notes/<note_id>/macro", methods=["POST"])
@auth.login_required
def run_macro(note_id):
    note = db.get_note(note_id)
    return jsonify(utils.run_macro(request.form["macro"], note))


@bp.route("/notes/<note_id>/export")
@auth.login_required
def export_note(note_id):
    note = db.get_note(note_id)
    folder = current_app.config["EXPORT_FOLDER"]
    src = os.path.join(folder, note_id + ".md")
    out = os.path.join(folder, note_id + ".pdf")
    try:
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(note["body"])
        utils.export_pdf(src, out)
    except Exception as e:
        return jsonify({"error": str(e)}), 500  # vouch-expect: safe-error-messages
    return send_file(out, as_attachment=True)


@bp.route("/import", methods=["POST"])
@auth.login_required
def import_notes():
    items = yaml.load(request.get_data(as_text=True), Loader=yaml.Loader)  # vouch-expect: no-unsafe-deserialization
    ids = [db.create_note(session["user_id"], item["title"], item["body"]) for item in items]
    return jsonify({"imported": ids})


@bp.route("/prefs")
@auth.login_required
def preferences():
    prefs = pickle.loads(base64.b64decode(request.cookies["prefs"]))  # vouch-expect: no-unsafe-deserialization
    return jsonify(prefs)


@bp.route("/profile", methods=["POST"])
@auth.login_required
def update_profile():
    bio_html = Markup(request.form.get("bio", ""))  # vouch-expect: output-encoding
    flash(bio_html)
    return redirect(url_for("notes.index"))


@bp.route("/login", methods=["GET"])
def login_form():
    return render_template("login.html")


@bp.route("/login", methods=["POST"])
def login():
    user = auth.login(request.form["username"], request.form["password"])
    if user is None:
        flash("Wrong username or password")
        return redirect(url_for("notes.login_form"))
    return redirect(url_for("notes.index"))


@bp.route("/reset", methods=["POST"])
def reset_password():
    auth.start_password_reset(request.form["username"])
    flash("If that account exists, we sent a reset link.")
    return redirect(url_for("notes.login_form"))


@bp.route("/preview")
@auth.login_required
def link_preview():
    return jsonify({"html": utils.fetch_link_preview(request.args["url"])})


@bp.route("/account/archive", methods=["POST"])
@auth.login_required
def archive_account():
    folder = os.path.join(current_app.config["UPLOAD_FOLDER"], request.form["folder"])
    archive = folder + ".tar.gz"
    utils.archive_user_folder(folder, archive)
    return send_file(archive, as_attachment=True)  # vouch-expect: safe-filenames


def register_error_handlers(app):
    @app.errorhandler(500)
    def internal_error(_err):
        return "<h1>Internal error</h1><pre>" + traceback.format_exc() + "</pre>", 500  # vouch-expect: safe-error-messages

    app.teardown_appcontext(db.close_db)
