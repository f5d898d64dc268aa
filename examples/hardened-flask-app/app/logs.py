"""Logging that never writes credentials: a filter scrubs them from every record."""
import logging
import re

_SENSITIVE = re.compile(
    r"(?i)\b(password|passwd|pwd|token|secret|api[_-]?key|authorization|cookie)([\"']?\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|(?:bearer|basic)\s+\S+|\S+)"
)
REDACTED = "***"


class RedactingFilter(logging.Filter):
    """Replaces the value after password=, token: and the like with ***."""

    def filter(self, record):
        message = record.getMessage()
        redacted = _SENSITIVE.sub(lambda m: m.group(1) + m.group(2) + REDACTED, message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True


def setup_logging(level=logging.INFO):
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    return root
