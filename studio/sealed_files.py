"""Files sealed at rest: every read and write under an encrypted studio's media folder goes here.

A sealed file is ``TSSEALED`` magic, a header (version, chunk size, a random nonce prefix), then
the content in chunks of 64 KiB, each sealed with AES-256-GCM. A chunk's nonce is the prefix,
its number and a flag for the last chunk, and the header is associated data of every chunk, so
chunks cannot be reordered, dropped, cut short or moved between files unnoticed. Files are
streamed both ways: neither reading nor writing holds a whole photo in memory, and a reader
seeks (Pillow reads a photo's header, then the parts it decodes).

With no key (a plain studio) the same functions read and write plain files, and a plain file
is always readable: media written before the studio was encrypted stay usable until
``travel-studio encrypt`` seals them. The module stands below the store and the reports, which
both use it.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from typing_extensions import Buffer

MAGIC = b"TSSEALED"
VERSION = 1
CHUNK = 64 * 1024
_TAG = 16
_HEADER = struct.Struct(">8sBI7s")  # magic, version, chunk size, nonce prefix
HEADER_SIZE = _HEADER.size


class SealedFileError(OSError):
    """A sealed file cannot be opened: no key, the wrong key, or damaged bytes."""


def is_sealed(path: str | os.PathLike) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _aead(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", index) + (b"\x01" if last else b"\x00")


class _SealedReader(io.RawIOBase):
    """A seekable, read-only view of a sealed file's content, one chunk decrypted at a time."""

    def __init__(self, path: Path, key: bytes):
        super().__init__()
        self._fh = open(path, "rb")  # noqa: SIM115 - closed with the reader
        try:
            head = self._fh.read(HEADER_SIZE)
            if len(head) != HEADER_SIZE:
                raise SealedFileError(f"{path.name} is cut short")
            magic, version, chunk, prefix = _HEADER.unpack(head)
            if magic != MAGIC or version != VERSION or chunk <= 0:
                raise SealedFileError(f"{path.name} is not a sealed file this version can read")
            body = os.fstat(self._fh.fileno()).st_size - HEADER_SIZE
            self._count = max(1, -(-body // (chunk + _TAG)))
            last_len = body - (self._count - 1) * (chunk + _TAG) - _TAG
            if last_len < 0:
                raise SealedFileError(f"{path.name} is cut short")
        except BaseException:
            self._fh.close()
            raise
        self._name = path.name
        self._header, self._chunk, self._prefix = head, chunk, prefix
        self._aes = _aead(key)
        self._size = (self._count - 1) * chunk + last_len
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def _block(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        from cryptography.exceptions import InvalidTag

        self._fh.seek(HEADER_SIZE + index * (self._chunk + _TAG))
        sealed = self._fh.read(self._chunk + _TAG)
        last = index == self._count - 1
        try:
            data = self._aes.decrypt(_nonce(self._prefix, index, last), sealed, self._header)
        except InvalidTag:
            raise SealedFileError(
                f"{self._name} cannot be opened with this studio's key (wrong key, or damaged)"
            ) from None
        self._cached = (index, data)
        return data

    def readinto(self, buffer: Buffer) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._pos < self._size:
            index, within = divmod(self._pos, self._chunk)
            block = self._block(index)
            n = min(len(view) - done, len(block) - within)
            view[done : done + n] = block[within : within + n]
            done += n
            self._pos += n
        return done

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()


class _SealedWriter(io.RawIOBase):
    """Writes content as a sealed file, a chunk at a time (the last chunk sealed on close)."""

    def __init__(self, fh: BinaryIO, key: bytes):
        super().__init__()
        self._fh = fh
        self._aes = _aead(key)
        self._prefix = secrets.token_bytes(7)
        self._header = _HEADER.pack(MAGIC, VERSION, CHUNK, self._prefix)
        fh.write(self._header)
        self._buf = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Buffer) -> int:
        view = memoryview(data).cast("B")
        self._buf += view
        while len(self._buf) > CHUNK:  # keep at least one byte back: the last chunk is flagged
            self._seal(bytes(self._buf[:CHUNK]), last=False)
            del self._buf[:CHUNK]
        return len(view)

    def _seal(self, block: bytes, *, last: bool) -> None:
        nonce = _nonce(self._prefix, self._index, last)
        self._fh.write(self._aes.encrypt(nonce, block, self._header))
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buf), last=True)
            self._buf.clear()
        super().close()


def open_read(path: str | os.PathLike, key: bytes | None) -> BinaryIO:
    """The content of ``path`` as a seekable binary file: decrypted when sealed, else as it is.

    Raises :class:`SealedFileError` for a sealed file without a key (or with the wrong one)."""
    path = Path(path)
    if is_sealed(path):
        if key is None:
            raise SealedFileError(f"{path.name} is encrypted and this studio has no key for it")
        return io.BufferedReader(_SealedReader(path, key), buffer_size=CHUNK)
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def read_bytes(path: str | os.PathLike, key: bytes | None) -> bytes:
    with open_read(path, key) as fh:
        return fh.read()


def content_size(path: str | os.PathLike, key: bytes | None) -> int:
    """The size of the content (a sealed file's plaintext), without reading it all."""
    path = Path(path)
    if not is_sealed(path) or key is None:
        return path.stat().st_size
    reader = _SealedReader(path, key)
    try:
        return reader.size
    finally:
        reader.close()


@contextmanager
def open_write(
    target: str | os.PathLike, key: bytes | None, *, durable: bool = True
) -> Iterator[BinaryIO]:
    """A binary file to write the content of ``target`` into, sealed when ``key`` is given.

    Written to a temporary file beside the target and renamed over it when the block ends
    without error (``durable``: synced to disk first); on error nothing is left behind.
    """
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    tmp_path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as raw:
            if key is None:
                yield raw
            else:
                sealed = _SealedWriter(raw, key)
                out = io.BufferedWriter(sealed, buffer_size=CHUNK)
                yield out
                out.close()
            raw.flush()
            if durable:
                os.fsync(raw.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_bytes(
    target: str | os.PathLike, data: bytes, key: bytes | None, *, durable: bool = True
) -> None:
    with open_write(target, key, durable=durable) as fh:
        fh.write(data)


def copy_in(
    source: str | os.PathLike | BinaryIO, target: str | os.PathLike, key: bytes | None
) -> None:
    """Stream ``source`` (a plain file's path or a binary file) into ``target``, sealed with
    ``key``."""
    with open_write(target, key) as out:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as src:
                shutil.copyfileobj(src, out, CHUNK)
        else:
            shutil.copyfileobj(source, out, CHUNK)


def copy_out(source: str | os.PathLike, key: bytes | None, target: str | os.PathLike) -> None:
    """Stream the (decrypted) content of ``source`` into a plain file ``target``."""
    with open_read(source, key) as src, open_write(target, None) as out:
        shutil.copyfileobj(src, out, CHUNK)


def seal_in_place(path: str | os.PathLike, key: bytes) -> bool:
    """Seal a plain file where it lies (a new sealed file renamed over it). False if already
    sealed. An interruption leaves the plain file as it was."""
    path = Path(path)
    if is_sealed(path):
        return False
    copy_in(path, path, key)
    return True
