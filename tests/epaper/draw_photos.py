"""Draws the photos of the test issue qingchuan-2024-03-15 (synthetic pictures, no
one's photographs): `python tests/epaper/draw_photos.py` rewrites them in place."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ASSETS = Path(__file__).parent / "qingchuan-2024-03-15" / "assets"


def sky(size, top, bottom) -> Image.Image:
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(size[1]):
        t = y / (size[1] - 1)
        draw.line([(0, y), (size[0], y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return image


def metro() -> Image.Image:
    """A train on a viaduct at dawn."""
    image = sky((960, 640), (250, 190, 140), (120, 160, 210))
    draw = ImageDraw.Draw(image)
    for i, x in enumerate(range(-40, 1000, 70)):  # city behind
        h = 120 + (i * 53) % 140
        draw.rectangle([x, 420 - h, x + 60, 440], fill=(90, 100, 125))
        for wy in range(430 - h, 430, 18):
            for wx in range(x + 8, x + 56, 14):
                if (wx + wy + i) % 3:
                    draw.rectangle([wx, wy, wx + 6, wy + 8], fill=(240, 220, 150))
    draw.rectangle([0, 440, 960, 470], fill=(170, 170, 175))  # deck
    for x in range(30, 960, 150):
        draw.rectangle([x, 470, x + 26, 640], fill=(150, 150, 158))
    draw.rounded_rectangle([120, 360, 880, 440], radius=28, fill=(235, 238, 242))  # train
    draw.rectangle([120, 420, 880, 428], fill=(200, 30, 40))
    for x in range(160, 860, 60):
        draw.rectangle([x, 378, x + 40, 404], fill=(40, 60, 90))
    draw.rectangle([0, 600, 960, 640], fill=(70, 90, 70))
    return image.filter(ImageFilter.SMOOTH)


def garden() -> Image.Image:
    """A small park: lawn, path, trees and benches."""
    image = sky((900, 600), (160, 200, 235), (215, 230, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 300, 900, 600], fill=(110, 170, 90))
    draw.polygon([(380, 600), (520, 600), (470, 300), (440, 300)], fill=(215, 200, 170))
    for i, (x, y, r) in enumerate([(120, 250, 90), (300, 230, 70), (640, 240, 95), (800, 260, 70), (220, 330, 50)]):
        draw.rectangle([x - 8, y, x + 8, y + r + 60], fill=(110, 80, 50))
        colour = (60, 130, 60) if i % 2 else (220, 180, 60)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    for x in (560, 700):
        draw.rectangle([x, 430, x + 90, 442], fill=(140, 90, 50))
        draw.rectangle([x + 6, 442, x + 12, 470], fill=(80, 80, 80))
        draw.rectangle([x + 78, 442, x + 84, 470], fill=(80, 80, 80))
    for k in range(60):
        x, y = (k * 137) % 900, 320 + (k * 71) % 260
        draw.ellipse([x, y, x + 6, y + 6], fill=(230, 90, 120) if k % 2 else (250, 240, 240))
    return image.filter(ImageFilter.SMOOTH)


def football() -> Image.Image:
    """A pitch under floodlights, players as figures."""
    image = sky((900, 600), (20, 30, 70), (40, 60, 110))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 260, 900, 600], fill=(50, 140, 60))
    for x in range(0, 900, 90):
        draw.rectangle([x, 260, x + 45, 600], fill=(60, 150, 70))
    draw.line([(0, 420), (900, 420)], fill=(240, 240, 240), width=4)
    draw.ellipse([350, 360, 550, 480], outline=(240, 240, 240), width=4)
    for i, x in enumerate(range(80, 860, 110)):
        y = 380 + int(40 * math.sin(i))
        shirt = (200, 30, 40) if i % 2 else (250, 250, 250)
        draw.ellipse([x - 10, y - 70, x + 10, y - 50], fill=(230, 190, 160))
        draw.rectangle([x - 14, y - 50, x + 14, y - 10], fill=shirt)
        draw.rectangle([x - 12, y - 10, x + 12, y + 20], fill=(30, 30, 30))
    draw.ellipse([600, 440, 622, 462], fill=(255, 255, 255))
    for x in (60, 840):
        draw.rectangle([x - 4, 40, x + 4, 260], fill=(120, 120, 120))
        draw.ellipse([x - 30, 20, x + 30, 60], fill=(255, 250, 210))
    return image.filter(ImageFilter.SMOOTH)


def peach() -> Image.Image:
    """Peach blossom on a hillside."""
    image = sky((800, 600), (200, 220, 245), (235, 240, 250))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 600), (0, 330), (300, 250), (560, 320), (800, 260), (800, 600)], fill=(120, 160, 100))
    for i in range(14):
        x, y = 40 + (i * 173) % 740, 330 + (i * 89) % 220
        draw.line([(x, y + 60), (x + 8, y)], fill=(100, 70, 50), width=8)
        for k in range(26):
            dx, dy = (k * 37) % 90 - 45, (k * 53) % 70 - 45
            pink = (245, 150 + (k * 7) % 60, 190 + (k * 5) % 40)
            draw.ellipse([x + dx - 9, y + dy - 9, x + dx + 9, y + dy + 9], fill=pink)
    return image.filter(ImageFilter.SMOOTH)


def main() -> None:
    ASSETS.mkdir(parents=True, exist_ok=True)
    for name, draw in (("metro", metro), ("garden", garden), ("football", football), ("peach", peach)):
        draw().save(ASSETS / f"{name}.jpg", format="JPEG", quality=85, optimize=True)


if __name__ == "__main__":
    main()
