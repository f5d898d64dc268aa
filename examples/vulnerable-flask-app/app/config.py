"""Application settings, loaded with app.config.from_object(Config)."""
import os


class Config:
    SECRET_KEY = "zPotmhNbhssRuxivoTsL9Xu8s3eVvQOwjQpbTllF"  # vouch-expect: strong-secret-key, no-hardcoded-secrets

    # The JavaScript client kept getting "CSRF token missing", so it is off for now.
    WTF_CSRF_ENABLED = False  # vouch-expect: csrf-protection

    DB_HOST = os.environ.get("DB_HOST", "localhost")
    DB_PORT = 5432
    DB_NAME = "notes"
    DB_USER = "notes_app"
    DB_PASSWORD = "YTh8*gzhQJeCHsNjy!"  # vouch-expect: no-hardcoded-secrets

    # Attachments are stored in S3.
    S3_BUCKET = "notes-attachments-prod"
    AWS_REGION = "eu-west-1"
    AWS_ACCESS_KEY_ID = "AKIAZ7Q3M5R2T8W4Y6LP"  # vouch-expect: no-hardcoded-secrets
    AWS_SECRET_ACCESS_KEY = "nMC2fhVwXMWtxcuhFDb+NRcQB/IAx1lUypIeVKPb"  # vouch-expect: no-hardcoded-secrets

    # Used to open issues from the "report a bug" page.
    GITHUB_REPO = "acme-notes/notes"
    GITHUB_TOKEN = "ghp_R1IZBhP3zZo5LBuDDcapNZZLGuCb6iqWALbx"  # vouch-expect: no-hardcoded-secrets

    UPLOAD_FOLDER = "uploads"
    EXPORT_FOLDER = "exports"
