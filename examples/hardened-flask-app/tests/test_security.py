"""Security properties of the notes app. No database needed: queries go to a recording cursor."""
import io
import logging
import secrets

import pytest
from pydantic import ValidationError

from app import auth, create_app, db, utils
from app.config import ConfigError, Settings
from app.logs import RedactingFilter


def make_settings(tmp_path, **overrides):
    values = dict(
        secret_key=secrets.token_urlsafe(48),
        database_url="postgresql://localhost/notes_ci",
        upload_folder=str(tmp_path / "uploads"),
        export_folder=str(tmp_path / "exports"),
        force_https=False,
    )
    values.update(overrides)
    return Settings(**values)


class RecordingCursor:
    def __init__(self):
        self.calls = []
        self.rowcount = 0

    def execute(self, sql, params=None):
        self.calls.append((sql, params))

    def fetchone(self):
        return None

    def fetchall(self):
        return []


@pytest.fixture
def app(tmp_path):
    app = create_app(make_settings(tmp_path))
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def test_short_secret_key_is_refused(tmp_path):
    with pytest.raises(ConfigError):
        make_settings(tmp_path, secret_key=secrets.token_urlsafe(8)).validate()


def test_post_without_csrf_token_is_rejected(client):
    resp = client.post("/login", data={"username": "alice", "password": "correct horse battery staple"})
    assert resp.status_code == 400


def test_security_headers_are_set(client):
    resp = client.get("/login")
    assert resp.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in resp.headers["Content-Security-Policy"]


def test_passwords_are_hashed_with_bcrypt():
    first = auth.hash_password("correct horse battery staple")
    second = auth.hash_password("correct horse battery staple")
    assert first.startswith("$2b$12$")
    assert first != second  # salted
    assert auth.check_password("correct horse battery staple", first)
    assert not auth.check_password("Correct horse battery staple", first)


def test_reset_tokens_are_unpredictable_and_only_their_digest_is_stored():
    tokens = {auth.new_reset_token() for _ in range(100)}
    assert len(tokens) == 100
    token, digest = tokens.pop()
    assert len(token) >= 43
    assert token not in digest and digest == auth.digest_of(token)


@pytest.mark.parametrize("payload", ["alice' OR '1'='1", "'; DROP TABLE users; --", "0 OR 1=1"])
def test_sql_injection_payloads_are_bound_as_parameters(app, monkeypatch, payload):
    cursor = RecordingCursor()
    monkeypatch.setattr(db, "_cursor", lambda: cursor)
    with app.app_context():
        db.find_user(payload)
        db.search_notes(1, payload)
    for sql, params in cursor.calls:
        assert payload not in sql
        assert any(payload in str(p) for p in params)


@pytest.mark.parametrize(
    "text",
    ["__import__('os').system('id')", "{'tag': open('/etc/passwd').read()}", "{'owner_id': 2}"],
)
def test_filters_accept_only_known_literal_fields(text):
    with pytest.raises((ValueError, ValidationError)):
        utils.parse_filters(text)


def test_yaml_import_refuses_python_objects():
    with pytest.raises(ValueError):
        utils.parse_import("!!python/object/apply:os.getcwd []")


class Upload:
    def __init__(self, filename, content):
        self.filename = filename
        self.stream = io.BytesIO(content)


@pytest.mark.parametrize(
    "filename, content, accepted",
    [
        ("holiday.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, True),
        ("../../etc/cron.d/job.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, True),
        ("shell.php", b"<?php system($_GET['c']); ?>", False),
        ("invoice.pdf", b"MZ\x90\x00 not a pdf", False),
        ("big.txt", b"a" * (utils.MAX_ATTACHMENT_BYTES + 1), False),
    ],
)
def test_uploads_are_checked_and_renamed(filename, content, accepted):
    if not accepted:
        with pytest.raises(utils.UploadRejected):
            utils.check_upload(Upload(filename, content))
        return
    stored, original = utils.check_upload(Upload(filename, content))
    assert "/" not in original and ".." not in original
    assert stored.endswith(".png") and original not in stored


def test_errors_do_not_leak_internals(app):
    def boom():
        raise RuntimeError('relation "users" does not exist')

    app.add_url_rule("/boom", "boom", boom)
    resp = app.test_client().get("/boom")
    assert resp.status_code == 500
    assert resp.get_json() == {"error": "Internal server error"}
    assert b"relation" not in resp.data and b"Traceback" not in resp.data


def test_log_records_are_redacted():
    record = logging.LogRecord("app", logging.INFO, __file__, 1, "retrying with password=%s token: %s", ("hunter2", "abc123"), None)
    RedactingFilter().filter(record)
    message = record.getMessage()
    assert "hunter2" not in message and "abc123" not in message
    assert message == "retrying with password=*** token: ***"
