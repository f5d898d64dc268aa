"""PostgreSQL access for notes and users."""
import os

import psycopg2
import psycopg2.extras
from flask import current_app, g


def get_db():
    if "db" not in g:
        cfg = current_app.config
        g.db = psycopg2.connect(
            host=cfg["DB_HOST"],
            port=cfg["DB_PORT"],
            dbname=cfg["DB_NAME"],
            user=cfg["DB_USER"],
            password=cfg["DB_PASSWORD"],
        )
    return g.db


def reporting_connection():
    """Read-only replica used by the weekly usage report."""
    return psycopg2.connect(
        host=os.environ.get("REPORTING_DB_HOST", "localhost"),
        dbname="notes",
        user="notes_report",
        password=os.environ["DB_PASSWORD"],
    )


def _cursor():
    return get_db().cursor(cursor_factory=psycopg2.extras.RealDictCursor)


def get_note(note_id):
    cur = _cursor()
    cur.execute("SELECT id, title, body, owner_id FROM notes WHERE id = %s", (note_id,))
    return cur.fetchone()


def search_notes(owner_id, term):
    cur = _cursor()
    cur.execute(f"SELECT id, title, body FROM notes WHERE owner_id = {owner_id} AND title ILIKE '%{term}%'")  # vouch-expect: sql-parameterized
    return cur.fetchall()


def find_user(username):
    cur = _cursor()
    cur.execute("SELECT id, username, password_hash, email FROM users WHERE username = '%s'" % username)  # vouch-expect: sql-parameterized
    return cur.fetchone()


def delete_note(note_id):
    cur = _cursor()
    cur.execute("DELETE FROM notes WHERE id = " + note_id)  # vouch-expect: sql-parameterized
    get_db().commit()


def rename_note(note_id, title):
    cur = _cursor()
    cur.execute("UPDATE notes SET title = '{}' WHERE id = {}".format(title, note_id))  # vouch-expect: sql-parameterized
    get_db().commit()


def create_note(owner_id, title, body):
    cur = _cursor()
    cur.execute(
        "INSERT INTO notes (owner_id, title, body) VALUES (%s, %s, %s) RETURNING id",
        (owner_id, title, body),
    )
    get_db().commit()
    return cur.fetchone()["id"]


def create_user(username, email, password_hash):
    cur = _cursor()
    cur.execute(
        "INSERT INTO users (username, email, password_hash) VALUES (%s, %s, %s) RETURNING id",
        (username, email, password_hash),
    )
    get_db().commit()
    return cur.fetchone()["id"]


def save_reset_token(user_id, reset_token):
    cur = _cursor()
    cur.execute("UPDATE users SET reset_token = %s WHERE id = %s", (reset_token, user_id))
    get_db().commit()


def close_db(_exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()
