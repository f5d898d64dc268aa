"""Sign-up, log-in and password reset: bcrypt hashes, tokens from `secrets`."""
import functools
import hashlib
import hmac
import logging
import secrets

import bcrypt
from flask import abort, request, session

from . import db

logger = logging.getLogger(__name__)

BCRYPT_ROUNDS = 12

# Compared against when the user does not exist, so both paths take the same time.
_UNUSABLE_HASH = bcrypt.hashpw(secrets.token_bytes(32), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def hash_password(password):
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def check_password(password, password_hash):
    return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))


def new_api_token():
    return secrets.token_urlsafe(32)


def new_reset_token():
    """Returns (token for the e-mail link, digest to store): the database never holds the token."""
    token = secrets.token_urlsafe(32)
    return token, digest_of(token)


def digest_of(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_digest(a, b):
    return hmac.compare_digest(a, b)


def register(username, email, password):
    return db.create_user(username, email, hash_password(password))


def login(username, password):
    user = db.find_user(username)
    stored = user["password_hash"] if user else _UNUSABLE_HASH
    if not check_password(password, stored) or user is None:
        logger.warning("login failed user=%s ip=%s", username, request.remote_addr)
        return None
    session.clear()
    session.permanent = True
    session["user_id"] = user["id"]
    logger.info("login succeeded user=%s ip=%s", username, request.remote_addr)
    return user


def start_password_reset(username):
    user = db.find_user(username)
    if user is None:
        return None
    token, digest = new_reset_token()
    db.save_reset_digest(user["id"], digest)
    logger.info("reset requested user=%s", username)
    return token


def current_user_id():
    user_id = session.get("user_id")
    if user_id is None:
        abort(401)
    return user_id


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        current_user_id()
        return view(*args, **kwargs)

    return wrapped
