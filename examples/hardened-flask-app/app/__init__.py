"""Notes: a small Flask app for keeping private notes, written the careful way."""
import logging

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

from . import db
from .config import Settings
from .extensions import CONTENT_SECURITY_POLICY, csrf, limiter, talisman
from .logs import setup_logging

logger = logging.getLogger(__name__)


def create_app(settings=None):
    settings = (settings or Settings.from_env()).validate()
    setup_logging()

    app = Flask(__name__, template_folder="../templates")
    app.config.update(settings.flask_config())

    csrf.init_app(app)
    limiter.init_app(app)
    talisman.init_app(
        app,
        force_https=settings.force_https,
        strict_transport_security=settings.force_https,
        content_security_policy=CONTENT_SECURITY_POLICY,
        session_cookie_secure=settings.force_https,
        referrer_policy="strict-origin-when-cross-origin",
    )

    app.config["DATABASE_URL"] = settings.database_url
    app.teardown_appcontext(db.close_db)

    from . import views

    app.register_blueprint(views.bp)
    _register_error_handlers(app)
    return app


def _register_error_handlers(app):
    @app.errorhandler(HTTPException)
    def http_error(err):
        # Werkzeug's names ("Bad Request", "Not Found") say nothing about internals.
        return jsonify(error=err.name), err.code

    @app.errorhandler(Exception)
    def unhandled_error(_err):
        # The details go to the log, which is not shown to users; the response stays generic.
        logger.exception("unhandled error on %s %s", request.method, request.path)
        return jsonify(error="Internal server error"), 500
