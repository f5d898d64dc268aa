"""Development server: `python run.py`. Production runs `gunicorn "app:create_app()"`."""
import os

from app import create_app

app = create_app()

if __name__ == "__main__":
    # Debug (the interactive debugger) only when asked for explicitly, never by default.
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")), debug=os.environ.get("FLASK_DEBUG") == "1")
