"""The one limit on a photo's size, shared by the photo import and the memory book.

A photo of up to :data:`MAX_PIXELS` pixels is taken in, thumbnailed and printed; a larger one is
refused, saying its size, before it is decoded. Pillow's own decompression-bomb guard
(``Image.MAX_IMAGE_PIXELS``) is set to the same number (:func:`apply`), so no other limit exists.
"""

from __future__ import annotations

from typing import Any

#: 150 megapixels: a 30,000 × 5,000 panorama, or a 12,000 × 12,000 scan.
MAX_PIXELS = 150_000_000
MAX_MEGAPIXELS = MAX_PIXELS // 1_000_000


def apply(image_module: Any) -> None:
    """Give Pillow (the ``PIL.Image`` module) the studio's limit."""
    image_module.MAX_IMAGE_PIXELS = MAX_PIXELS


def too_large(width: int, height: int) -> bool:
    return width * height > MAX_PIXELS


def describe(width: int, height: int) -> str:
    """``"12,500 × 12,500 pixels (156 megapixels; the limit is 150)"``."""
    return (
        f"{width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels; "
        f"the limit is {MAX_MEGAPIXELS})"
    )
