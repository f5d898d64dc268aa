"""PostgreSQL access for notes and users. Every query binds its values as parameters."""
import psycopg2
import psycopg2.extras
from flask import current_app, g


def get_db():
    if "db" not in g:
        g.db = psycopg2.connect(current_app.config["DATABASE_URL"])
    return g.db


def close_db(_exc=None):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def _cursor():
    return get_db().cursor(cursor_factory=psycopg2.extras.RealDictCursor)


def _escape_like(term):
    # LIKE wildcards typed by the user match literally.
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def get_note(owner_id, note_id):
    cur = _cursor()
    cur.execute(
        "SELECT id, title, body, owner_id FROM notes WHERE id = %s AND owner_id = %s",
        (note_id, owner_id),
    )
    return cur.fetchone()


def search_notes(owner_id, term):
    like = "%" + _escape_like(term) + "%"
    cur = _cursor()
    cur.execute(
        "SELECT id, title, body FROM notes WHERE owner_id = %s AND title ILIKE %s ORDER BY id DESC LIMIT 200",
        (owner_id, like),
    )
    return cur.fetchall()


def find_user(username):
    cur = _cursor()
    cur.execute("SELECT id, username, password_hash, email FROM users WHERE username = %s", (username,))
    return cur.fetchone()


def create_user(username, email, password_hash):
    cur = _cursor()
    cur.execute(
        "INSERT INTO users (username, email, password_hash) VALUES (%s, %s, %s) RETURNING id",
        (username, email, password_hash),
    )
    get_db().commit()
    return cur.fetchone()["id"]


def create_note(owner_id, title, body):
    cur = _cursor()
    cur.execute(
        "INSERT INTO notes (owner_id, title, body) VALUES (%s, %s, %s) RETURNING id",
        (owner_id, title, body),
    )
    get_db().commit()
    return cur.fetchone()["id"]


def rename_note(owner_id, note_id, title):
    cur = _cursor()
    cur.execute("UPDATE notes SET title = %s WHERE id = %s AND owner_id = %s", (title, note_id, owner_id))
    get_db().commit()
    return cur.rowcount == 1


def update_note_body(owner_id, note_id, body):
    cur = _cursor()
    cur.execute("UPDATE notes SET body = %s WHERE id = %s AND owner_id = %s", (body, note_id, owner_id))
    get_db().commit()
    return cur.rowcount == 1


def delete_note(owner_id, note_id):
    cur = _cursor()
    cur.execute("DELETE FROM notes WHERE id = %s AND owner_id = %s", (note_id, owner_id))
    get_db().commit()
    return cur.rowcount == 1


def save_reset_digest(user_id, digest):
    cur = _cursor()
    cur.execute(
        "UPDATE users SET reset_digest = %s, reset_expires = now() + interval '30 minutes' WHERE id = %s",
        (digest, user_id),
    )
    get_db().commit()


def save_bio(user_id, bio):
    cur = _cursor()
    cur.execute("UPDATE users SET bio = %s WHERE id = %s", (bio, user_id))
    get_db().commit()


def save_attachment(owner_id, note_id, stored_name, original_name):
    cur = _cursor()
    cur.execute(
        "INSERT INTO attachments (owner_id, note_id, stored_name, original_name) VALUES (%s, %s, %s, %s)",
        (owner_id, note_id, stored_name, original_name),
    )
    get_db().commit()
