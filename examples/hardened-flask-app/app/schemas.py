"""Input models: every request body, query string and cookie is parsed through one of these."""
from typing import Dict, List, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, TypeAdapter, field_validator

USERNAME_PATTERN = r"^[A-Za-z0-9_.-]{3,32}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NoteIn(_Strict):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(default="", max_length=100_000)


class Rename(_Strict):
    title: str = Field(min_length=1, max_length=200)


class SignUp(_Strict):
    username: str = Field(pattern=USERNAME_PATTERN)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", max_length=254)
    password: str = Field(min_length=12, max_length=128)


class LogIn(_Strict):
    username: str = Field(pattern=USERNAME_PATTERN)
    password: str = Field(min_length=1, max_length=128)


class ResetRequest(_Strict):
    username: str = Field(pattern=USERNAME_PATTERN)


class Profile(_Strict):
    bio: str = Field(default="", max_length=2000)


class Prefs(_Strict):
    theme: Literal["light", "dark"] = "light"
    page_size: int = Field(default=20, ge=5, le=100)


class Transform(_Strict):
    name: Literal["strip-whitespace", "title-case", "sort-lines"]


class Preview(_Strict):
    url: HttpUrl

    @field_validator("url")
    @classmethod
    def https_only(cls, value):
        if value.scheme != "https":
            raise ValueError("only https links are previewed")
        return value


Filters = TypeAdapter(Dict[Literal["tag", "title"], str])
ImportedNotes = TypeAdapter(List[NoteIn])
