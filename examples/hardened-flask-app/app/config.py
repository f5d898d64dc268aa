"""Settings come from the environment and are validated before the app starts."""
import os
from dataclasses import dataclass
from datetime import timedelta

MIN_SECRET_KEY_LENGTH = 32
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ConfigError(RuntimeError):
    """A required setting is missing or unsafe; the app refuses to start."""


def _flag(name, default="0"):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class Settings:
    secret_key: str
    database_url: str
    ratelimit_storage_uri: str = "memory://"
    upload_folder: str = "uploads"
    export_folder: str = "exports"
    force_https: bool = True
    debug: bool = False

    @classmethod
    def from_env(cls):
        return cls(
            secret_key=os.environ.get("SECRET_KEY", ""),
            database_url=os.environ.get("DATABASE_URL", ""),
            ratelimit_storage_uri=os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
            upload_folder=os.environ.get("UPLOAD_FOLDER", "uploads"),
            export_folder=os.environ.get("EXPORT_FOLDER", "exports"),
            force_https=_flag("FORCE_HTTPS", "1"),
            debug=_flag("FLASK_DEBUG"),
        )

    def validate(self):
        problems = []
        if len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            problems.append("SECRET_KEY must be set to at least %d random characters" % MIN_SECRET_KEY_LENGTH)
        if not self.database_url:
            problems.append("DATABASE_URL is required")
        if problems:
            raise ConfigError("; ".join(problems))
        return self

    def flask_config(self):
        return {
            "SECRET_KEY": self.secret_key,
            "DEBUG": self.debug,
            "MAX_CONTENT_LENGTH": MAX_UPLOAD_BYTES,
            "SESSION_COOKIE_SECURE": self.force_https,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
            "WTF_CSRF_TIME_LIMIT": 3600,
            "RATELIMIT_STORAGE_URI": self.ratelimit_storage_uri,
            "RATELIMIT_HEADERS_ENABLED": True,
            "UPLOAD_FOLDER": self.upload_folder,
            "EXPORT_FOLDER": self.export_folder,
        }
