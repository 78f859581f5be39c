"""Page images for review: a page keeps its colour where it has some (a red stamp), and is 1000 px wide."""

from __future__ import annotations

import datetime as dt

from PIL import Image, ImageDraw

from pipeline.store import StoredRecord
from pipeline.web.images import PAGE_WIDTH_PX, page_png


def _stored(path) -> StoredRecord:
    return StoredRecord(id=1, kind="form1", agency=None, fiscal_year=2568, version=1, current=True,
                        sha256=path.stem * 4, source_name=path.name, received_at=dt.datetime.now(dt.UTC),
                        fields={}, stored_path=str(path))


def test_a_page_image_keeps_a_stamps_colour_and_a_typed_page_reads_the_same(tmp_path):
    pages = {}
    for name, stamp in (("typed", None), ("stamped", (200, 20, 20))):
        sheet = Image.new("RGB", (850, 1100), "white")
        draw = ImageDraw.Draw(sheet)
        draw.rectangle((100, 100, 700, 140), fill=(0, 0, 0))  # a line of text, as far as the image cares
        if stamp:
            draw.ellipse((500, 800, 700, 1000), fill=stamp)
        sheet.save(tmp_path / f"{name}.pdf", resolution=100)
        with Image.open(page_png(_stored(tmp_path / f"{name}.pdf"), 1, tmp_path / "cache")) as png:
            pages[name] = png.convert("RGB")
    for png in pages.values():
        assert png.width == PAGE_WIDTH_PX
        assert png.getpixel((PAGE_WIDTH_PX // 2, int(120 / 1100 * png.height))) == (0, 0, 0)
    stamp_at = (int(600 / 850 * PAGE_WIDTH_PX), int(900 / 1100 * pages["stamped"].height))
    red, green, blue = pages["stamped"].getpixel(stamp_at)
    assert red > 150 and green < 80 and blue < 80
    assert pages["typed"].getpixel(stamp_at) == (255, 255, 255)
