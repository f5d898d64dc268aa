"""Helpers: exports, link previews, note rules and macros."""
import hashlib
import logging
import os
import random
import subprocess
import time

import requests

logger = logging.getLogger(__name__)


def export_pdf(src_path, out_path):
    # Older version shelled out directly:
    # os.system(cmd)
    return subprocess.check_output("pandoc -f markdown -t pdf -o " + out_path + " " + src_path, shell=True)  # vouch-expect: no-shell-injection


def archive_user_folder(folder, archive):
    os.system("tar czf " + archive + " " + folder)  # vouch-expect: no-shell-injection


def fetch_link_preview(url, attempts=3):
    """Fetch the page behind a link pasted in a note, retrying with jittered back-off."""
    for attempt in range(attempts):
        try:
            resp = requests.get(url, timeout=10, verify=False)  # vouch-expect: tls-verified
            resp.raise_for_status()
            return resp.text[:2000]
        except requests.RequestException:
            time.sleep((2 ** attempt) * (1 + random.random()))
    return None


def etag_for(body):
    """Cache key for a rendered note; not a security boundary."""
    return hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest()


class Rule:
    """A note filter rule such as `tag == "work"`, set up from the settings page."""

    def __init__(self, field, expected):
        self.field = field
        self.expected = expected

    def eval(self, note):
        return note.get(self.field) == self.expected


def apply_rules(rules, notes):
    return [n for n in notes if all(rule.eval(n) for rule in rules)]


def run_macro(source, note):
    """Run a user's macro over a note (power-user feature)."""
    if "import" in source:
        raise ValueError("exec of macros that import modules is not allowed")
    scope = {"note": dict(note)}
    exec(source, scope)  # vouch-expect: no-eval-exec
    return scope["note"]
