"""Notes: a small Flask app for keeping private notes.

Intentionally insecure: this project is vouch's demo and test fixture. Every unsafe line ends
with a marker comment naming the checklist item it should fail (see examples/README.md).
"""
import logging

from flask import Flask

from .config import Config


def create_app(config_object=Config):
    app = Flask(__name__, template_folder="../templates")
    app.config.from_object(config_object)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")

    from . import views

    app.register_blueprint(views.bp)
    views.register_error_handlers(app)
    return app
