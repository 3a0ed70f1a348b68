"""Large photos: one limit for import and the book; a 12000×12000 PNG thumbnails in little memory."""

from __future__ import annotations

import subprocess
import sys

import pytest

from studio.domain import photo_limits
from studio.reports.book import photos as book_photos
from studio.services.media import probe


def test_import_and_the_book_share_one_limit():
    assert probe.MAX_PIXELS == photo_limits.MAX_PIXELS
    assert book_photos.MAX_MEGAPIXELS * 1_000_000 == photo_limits.MAX_PIXELS
    assert book_photos.MAX_MEGAPIXELS_FULL_DECODE == book_photos.MAX_MEGAPIXELS
    assert "12,500 × 12,500 pixels (156 megapixels; the limit is 150)" == photo_limits.describe(
        12500, 12500
    )


_MEASURE = r"""
import resource, sys, tempfile
from pathlib import Path
from PIL import Image
from studio.store import Studio
from studio.services import clients
from studio.services.media import importing, thumbnails
from studio.services.media.rows import live_rows
from studio.domain.media_models import TripMedia
from studio.services.trips import lifecycle

work = Path(sys.argv[1])
Image.MAX_IMAGE_PIXELS = None
src = work / "big.png"
Image.new("RGB", (12000, 12000), (200, 30, 30)).save(src)
s = Studio.open(work / "studio")
clients.setup_local_advisor(s, "M", role="owner")
trip = lifecycle.create_trip(s, clients.create_client(s, "X").id, "T")
importing.add_media(s, trip.id, [src])
after_import = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with s.read() as conn:
    media = live_rows(conn, TripMedia, ("position",))[0]
thumbnails.thumbnail(s, media)
print(after_import, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss is POSIX")
def test_a_12000_square_png_thumbnails_without_another_full_copy(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(tmp_path)], capture_output=True, text=True, check=True
    ).stdout.split()
    after_import, after_thumb = (int(x) for x in out)
    # the thumbnail decodes the picture once (432 MB of pixels) and makes no second full copy
    # (before: turned and converted at full size, 1.1 GB); the import's own decode came first
    assert after_thumb - after_import < 100 * 1024, (after_import, after_thumb)
