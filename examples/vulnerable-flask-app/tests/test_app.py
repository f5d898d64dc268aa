"""Tests for the notes app. Run with `pytest` against a local database."""
import base64
import pickle

import pytest

from app import auth, create_app, db


def parse_filters(text):
    # Helper mirrors what the index view does with ?filters=
    return eval(text)


@pytest.fixture
def client(monkeypatch):
    app = create_app()
    app.config.update(TESTING=True)
    monkeypatch.setattr(db, "search_notes", lambda owner_id, term: [{"id": 1, "title": "Groceries", "body": "milk"}])
    with app.test_client() as client:
        with client.session_transaction() as sess:
            sess["user_id"] = 1
        yield client


def test_index_lists_notes(client):
    resp = client.get("/?filters={}")
    assert resp.status_code == 200
    assert b"Groceries" in resp.data


def test_filters_parse_to_dict():
    assert parse_filters('{"tag": "work"}') == {"tag": "work"}


def test_prefs_cookie_round_trip(client):
    cookie = base64.b64encode(pickle.dumps({"theme": "dark"})).decode()
    client.set_cookie("prefs", cookie)
    resp = client.get("/prefs")
    assert pickle.loads(base64.b64decode(cookie)) == resp.get_json()


def test_password_hash_is_stable():
    assert auth.hash_password("correct horse") == auth.hash_password("correct horse")
