"""Sign-up, log-in and password reset."""
import functools
import hashlib
import logging
import random
import string

from flask import session, redirect, url_for

from . import db

logger = logging.getLogger(__name__)


def hash_password(password):
    return hashlib.md5(password.encode()).hexdigest()  # vouch-expect: password-hashing, weak-crypto


def check_password(password, password_hash):
    return hash_password(password) == password_hash


def new_api_token():
    token = "%032x" % random.randint(0, 2 ** 128 - 1)  # vouch-expect: secure-random
    return token


def new_reset_token():
    reset_token = "".join(random.choice(string.ascii_letters + string.digits) for _ in range(20))  # vouch-expect: secure-random
    return reset_token


def register(username, email, password):
    return db.create_user(username, email, hash_password(password))


def login(username, password):
    logger.info("login %s %s", username, password)  # vouch-expect: security-logging
    user = db.find_user(username)
    if user is None or not check_password(password, user["password_hash"]):
        return None
    session["user_id"] = user["id"]
    session["api_token"] = new_api_token()
    return user


def start_password_reset(username):
    user = db.find_user(username)
    if user is None:
        return None
    reset_token = new_reset_token()
    db.save_reset_token(user["id"], reset_token)
    return reset_token


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if "user_id" not in session:
            return redirect(url_for("notes.login_form"))
        return view(*args, **kwargs)

    return wrapped
