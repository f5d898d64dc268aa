"""HTTP routes for notes, import/export, preferences and accounts."""
import json
import logging
import os

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from pydantic import ValidationError

from . import auth, db, schemas, utils
from .extensions import limiter

logger = logging.getLogger(__name__)

bp = Blueprint("notes", __name__)


def _parse(model, data):
    try:
        return model.model_validate(data)
    except ValidationError:
        abort(400)


def _owned_note(note_id):
    note = db.get_note(auth.current_user_id(), note_id)
    if note is None:
        abort(404)
    return note


@bp.route("/")
@auth.login_required
def index():
    try:
        filters = utils.parse_filters(request.args.get("filters", "{}"))
    except (ValueError, ValidationError):
        abort(400)
    term = request.args.get("q", "")[:200]
    notes = db.search_notes(auth.current_user_id(), term)
    return render_template("index.html", notes=[n for n in notes if utils.matches(n, filters)])


@bp.route("/notes/<int:note_id>")
@auth.login_required
def show_note(note_id):
    note = _owned_note(note_id)
    return render_template("note.html", note=note, etag=utils.etag_for(note["body"]))


@bp.route("/notes/<int:note_id>/rename", methods=["POST"])
@auth.login_required
def rename_note(note_id):
    form = _parse(schemas.Rename, {"title": request.form.get("title", "")})
    if not db.rename_note(auth.current_user_id(), note_id, form.title):
        abort(404)
    return redirect(url_for("notes.show_note", note_id=note_id))


@bp.route("/notes/<int:note_id>/delete", methods=["POST"])
@auth.login_required
def delete_note(note_id):
    if not db.delete_note(auth.current_user_id(), note_id):
        abort(404)
    return redirect(url_for("notes.index"))


@bp.route("/notes/<int:note_id>/transform", methods=["POST"])
@auth.login_required
def transform_note(note_id):
    note = _owned_note(note_id)
    choice = _parse(schemas.Transform, {"name": request.form.get("name", "")})
    body = utils.TRANSFORMS[choice.name](note["body"])
    db.update_note_body(auth.current_user_id(), note_id, body)
    return redirect(url_for("notes.show_note", note_id=note_id))


@bp.route("/notes/<int:note_id>/export")
@auth.login_required
@limiter.limit("10 per hour")
def export_note(note_id):
    note = _owned_note(note_id)
    folder = current_app.config["EXPORT_FOLDER"]
    src = os.path.join(folder, "%d.md" % note_id)
    out = os.path.join(folder, "%d.pdf" % note_id)
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(note["body"])
    utils.export_pdf(src, out)
    return send_file(out, as_attachment=True, download_name="note-%d.pdf" % note_id)


@bp.route("/notes/<int:note_id>/attachments", methods=["POST"])
@auth.login_required
@limiter.limit("30 per hour")
def upload_attachment(note_id):
    _owned_note(note_id)
    upload = request.files.get("file")
    if upload is None:
        abort(400)
    try:
        stored_name, original_name = utils.check_upload(upload)
    except utils.UploadRejected as exc:
        logger.info("upload rejected note=%s reason=%s", note_id, exc)
        return jsonify(error="File rejected: PNG, JPEG, PDF or text files up to 5 MB only."), 400
    upload.save(os.path.join(current_app.config["UPLOAD_FOLDER"], stored_name))
    db.save_attachment(auth.current_user_id(), note_id, stored_name, original_name)
    return jsonify(stored=stored_name), 201


@bp.route("/import", methods=["POST"])
@auth.login_required
@limiter.limit("20 per hour")
def import_notes():
    try:
        notes = utils.parse_import(request.get_data(as_text=True))
    except (ValueError, ValidationError):
        abort(400)
    owner_id = auth.current_user_id()
    ids = [db.create_note(owner_id, note.title, note.body) for note in notes]
    return jsonify(imported=ids)


@bp.route("/prefs")
@auth.login_required
def preferences():
    try:
        raw = json.loads(request.cookies.get("prefs", "{}"))
    except ValueError:
        raw = {}
    try:
        prefs = schemas.Prefs.model_validate(raw)
    except ValidationError:
        prefs = schemas.Prefs()
    return jsonify(prefs.model_dump())


@bp.route("/profile", methods=["POST"])
@auth.login_required
def update_profile():
    form = _parse(schemas.Profile, {"bio": request.form.get("bio", "")})
    db.save_bio(auth.current_user_id(), form.bio)
    flash("Profile saved.")
    return redirect(url_for("notes.index"))


@bp.route("/login", methods=["GET"])
def login_form():
    return render_template("login.html")


@bp.route("/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
    form = _parse(schemas.LogIn, {"username": request.form.get("username", ""), "password": request.form.get("password", "")})
    if auth.login(form.username, form.password) is None:
        flash("Wrong username or password.")
        return redirect(url_for("notes.login_form"))
    return redirect(url_for("notes.index"))


@bp.route("/reset", methods=["POST"])
@limiter.limit("3 per hour")
def reset_password():
    form = _parse(schemas.ResetRequest, {"username": request.form.get("username", "")})
    auth.start_password_reset(form.username)
    # Same answer whether or not the account exists.
    flash("If that account exists, we sent a reset link.")
    return redirect(url_for("notes.login_form"))


@bp.route("/preview")
@auth.login_required
@limiter.limit("30 per minute")
def link_preview():
    preview = _parse(schemas.Preview, {"url": request.args.get("url", "")})
    return jsonify(text=utils.fetch_link_preview(str(preview.url)))


@bp.route("/account/archive", methods=["POST"])
@auth.login_required
@limiter.limit("2 per hour")
def archive_account():
    user_id = auth.current_user_id()
    folder = os.path.join(current_app.config["UPLOAD_FOLDER"], str(int(user_id)))
    archive = utils.archive_user_folder(folder, os.path.join(current_app.config["EXPORT_FOLDER"], "account-%d" % user_id))
    return send_file(archive, as_attachment=True)
