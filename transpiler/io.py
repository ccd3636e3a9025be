"""Reading scripts the way Python does, and writing generated files atomically.

Reading follows the interpreter: the encoding comes from a UTF-8 BOM or a PEP 263
``coding`` cookie (UTF-8 otherwise), and line endings are normalised to ``\\n`` so the
passes never see ``\\r``. A file that cannot be decoded is a positioned
:class:`~transpiler.diagnostics.Diagnostic`, not a traceback. What reading takes away
(the BOM, the file's line-ending style) is remembered in :class:`SourceText` and put
back on writing, so a script epic leaves unchanged comes back byte for byte.

Writing never leaves a half-written file behind: the bytes go to a temporary file in
the destination directory, are flushed to disk, and replace the destination in one
``os.replace``. A destination whose content would not change is not touched at all,
so its mtime (and build tools that watch it) stay quiet.
"""

from __future__ import annotations

import codecs
import io
import os
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

from transpiler.diagnostics import Diagnostic

_UTF8_BOM = codecs.BOM_UTF8

ENCODING_ERROR = "encoding-error"

_ENCODING_NOTE = (
    "save the file as UTF-8, or declare its encoding on the first or second line "
    "with a PEP 263 comment such as `# -*- coding: latin-1 -*-`"
)


class SourceDecodeError(Exception):
    """The bytes of a script are not text in its declared encoding.

    ``diagnostic`` is the positioned error to show the user.
    """

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.render())
        self.diagnostic = diagnostic


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded script: its text with ``\\n`` line endings, and its encoding.

    ``bom`` says whether the file started with a UTF-8 byte order mark, and
    ``newline`` is the file's line ending: that of its first line, as black decides
    (``\\r\\n`` or ``\\n``; old Mac ``\\r`` files are written with ``\\n``).
    """

    text: str
    encoding: str
    bom: bool = False
    newline: str = "\n"


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``, as in Python's own source reader."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_source_encoding(data: bytes, *, path: str) -> str:
    """The encoding Python would use for ``data`` (BOM, PEP 263 cookie, or UTF-8).

    Raises :class:`SourceDecodeError` when the declaration itself is wrong (an
    unknown codec, or a BOM that contradicts the cookie). Bad bytes in the first two
    lines are not reported here: they are reported by :func:`decode_source` at the
    exact byte, which is more useful than ``tokenize``'s generic message.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            # tokenize could not even read the cookie lines as UTF-8: let the
            # decoder pinpoint the bad byte (after the BOM, if there is one).
            return "utf-8-sig" if data.startswith(_UTF8_BOM) else "utf-8"
        raise _declaration_error(data, path, f"invalid encoding declaration: {exc.msg}") from exc
    if not _ascii_compatible(encoding):
        # The cookie was read as ASCII; an encoding that does not keep ASCII as it
        # is (UTF-16, UTF-32) cannot be declared by one. CPython: "encoding problem".
        raise _declaration_error(
            data,
            path,
            f"encoding problem: {encoding} cannot be declared in a coding comment "
            "(it does not keep ASCII as it is)",
        )
    return encoding


def _declaration_error(data: bytes, path: str, message: str) -> SourceDecodeError:
    """A wrong encoding declaration, reported at the cookie's line."""
    line = _cookie_line(data)
    return SourceDecodeError(
        Diagnostic(
            path=path,
            line=line,
            column=1,
            severity="error",
            code=ENCODING_ERROR,
            message=message,
            note=_ENCODING_NOTE,
            source_line=_line_text(data, line, "utf-8"),
        )
    )


def _ascii_compatible(encoding: str) -> bool:
    probe = b"# coding=x:\n"
    try:
        return probe.decode(encoding) == probe.decode("ascii")
    except (LookupError, UnicodeError):
        return False


def decode_source(data: bytes, *, path: str) -> SourceText:
    """Decode a script's bytes like the interpreter, then normalise line endings.

    An empty file is valid (the empty script). Raises :class:`SourceDecodeError` with
    the line and column of the first byte that does not decode.
    """
    encoding = detect_source_encoding(data, path=path)
    body = data
    bom = False
    if encoding == "utf-8-sig":
        # Strip the BOM ourselves so error offsets (and columns on line 1) are
        # counted from the first real character, not from inside the BOM.
        bom = data.startswith(_UTF8_BOM)
        body = data[len(_UTF8_BOM) :] if bom else data
        encoding = "utf-8"
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceDecodeError(_decode_diagnostic(body, exc, encoding, path)) from exc
    return SourceText(
        text=normalize_newlines(text),
        encoding=encoding,
        bom=bom,
        newline=_newline_of(text),
    )


def _newline_of(text: str) -> str:
    """``\\r\\n`` when the first line ends with it, else ``\\n`` (black's rule)."""
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def _decode_diagnostic(
    data: bytes, exc: UnicodeDecodeError, encoding: str, path: str
) -> Diagnostic:
    """Position a decoding failure: 1-based line, and column in characters."""
    line_start = data.rfind(b"\n", 0, exc.start) + 1
    line = data.count(b"\n", 0, exc.start) + 1
    # Everything before the bad byte on its line decoded fine, so its length in
    # characters is the 0-based column.
    prefix = data[line_start : exc.start].decode(encoding, errors="replace")
    bad = data[exc.start : max(exc.end, exc.start + 1)]
    what = "byte" if len(bad) == 1 else "bytes"
    shown = " ".join(f"0x{b:02x}" for b in bad)
    return Diagnostic(
        path=path,
        line=line,
        column=len(prefix) + 1,
        severity="error",
        code=ENCODING_ERROR,
        message=f"cannot decode {what} {shown} as {encoding} ({exc.reason})",
        note=_ENCODING_NOTE,
        source_line=_line_text(data, line, encoding),
    )


def _line_text(data: bytes, line: int, encoding: str) -> str | None:
    """The 1-based ``line`` of ``data``, decoded leniently for display."""
    lines = data.split(b"\n")
    if not 1 <= line <= len(lines):
        return None
    return lines[line - 1].decode(encoding, errors="replace").rstrip("\r")


def _cookie_line(data: bytes) -> int:
    """The line (1 or 2) holding the ``coding`` cookie; 1 when there is none."""
    for number, raw in enumerate(data.split(b"\n")[:2], start=1):
        if b"coding" in raw:
            return number
    return 1


def output_encoding(code: str) -> str:
    """The encoding the generated file must be saved in.

    The passes keep the script's comments, so a ``coding`` cookie in the input is
    still in the output; saving that file as UTF-8 would make Python misread it.
    The cookie is ASCII, so reading it back from a UTF-8 encoding is safe.
    """
    head = "".join(code.splitlines(keepends=True)[:2]).encode("utf-8")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(head).readline)
    except SyntaxError:
        return "utf-8"
    return "utf-8" if encoding == "utf-8-sig" else encoding


def encode_output(code: str, *, bom: bool = False, newline: str = "\n") -> bytes:
    """Encode generated code for saving: encoding from its cookie, line endings and
    byte order mark as the input had them (``bom`` and ``newline`` of its
    :class:`SourceText`).

    Raises ``UnicodeEncodeError`` when the code holds characters its declared
    encoding cannot represent.
    """
    if newline != "\n":
        code = code.replace("\n", newline)
    data = code.encode(output_encoding(code))
    return _UTF8_BOM + data if bom else data


def read_bytes_if_exists(path: Path) -> bytes | None:
    """The current content of ``path``, or None when there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` atomically; return whether the file changed.

    The bytes are written to a temporary file next to the destination (same
    directory, hence same filesystem, which ``os.replace`` needs to be atomic),
    flushed and fsynced, then renamed over it. On any failure the temporary file is
    removed and the destination is left as it was. An existing destination with the
    same bytes is not rewritten, so its mtime is kept. A symlinked destination is
    written through: the link stays and its target is replaced.
    """
    target = Path(os.path.realpath(path))
    if read_bytes_if_exists(target) == data:
        return False
    mode = _mode_for(target)
    fd, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".epic-tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; give it the mode the user would expect.
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(target.parent)
    return True


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get 0666 minus the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    # The umask can only be read by setting it; restore it at once.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every platform allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
