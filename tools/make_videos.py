"""Make the project's two short explainer videos, their posters and their captions.

Writes into content/videos/:

- how-to-report.mp4, .jpg, .th.vtt, .en.vtt: what residents can report, how to stay safe, and how the
  coordination centre at the district office passes a report on;
- coordination-centres.mp4, .jpg, .th.vtt, .en.vtt: what the 44 NTS-Mekong Watch coordination centres
  are, who sits in them, and how they link border communities with officials.

Every frame is drawn here with Pillow: flat shapes in the site's palette, with no text in the pictures (the
captions carry the words, so they can be read by screen readers and translated). The frames are encoded
to H.264 MP4 (640x360, 24 fps, yuv420p, +faststart, no audio) with the ffmpeg binary that ships in the
PyPI package imageio-ffmpeg. The lowest CRF that keeps a file under MAX_BYTES is used. The script is
deterministic: the same packages give byte-identical files.

It needs two PyPI packages, Pillow and imageio-ffmpeg, which the site itself does not use; install them
in a throwaway environment rather than in the site's .venv:

    python3 -m venv /tmp/videovenv
    /tmp/videovenv/bin/pip install pillow imageio-ffmpeg
    /tmp/videovenv/bin/python tools/make_videos.py                  # both videos
    /tmp/videovenv/bin/python tools/make_videos.py how-to-report    # one video, by id

The caption texts and their timings are in CAPTIONS below; each scene of a video starts with its cue, so
change them together. The video records in content/data/videos.yaml (titles, descriptions, duration)
are written by hand; update `duration` there when a video's length changes.
"""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "content" / "videos"

WIDTH, HEIGHT = 640, 360
SUPERSAMPLE = 2  # frames are drawn at twice the size and scaled down, for smooth edges
FPS = 24
FADE = 0.5  # seconds of cross-fade at the start of each scene
MAX_BYTES = 600_000
CRF_CHOICES = (22, 24, 26, 28, 30, 32, 34)

# The site's palette (theme tokens) and a few mixes of it.
NAVY = (0x0B, 0x3D, 0x5C)
TEAL = (0x1F, 0x6F, 0x8B)
MIST = (0xE8, 0xF1, 0xF5)
RED = (0xC8, 0x10, 0x2E)
GOLD = (0xF2, 0xB7, 0x05)
GREEN = (0x2E, 0x7D, 0x32)
WHITE = (0xFF, 0xFF, 0xFF)


def mix(a: tuple, b: tuple, amount: float) -> tuple:
    """Return colour `a` moved `amount` (0..1) of the way towards colour `b`."""
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


SKIN = mix(mix(GOLD, RED, 0.25), WHITE, 0.45)
HAIR = mix(NAVY, (0, 0, 0), 0.35)
LAND = mix(GREEN, MIST, 0.25)
FAR_LAND = mix(GREEN, MIST, 0.45)
HILLS = mix(GREEN, MIST, 0.65)
TREE = mix(GREEN, NAVY, 0.35)
WATER = TEAL
WAVE = mix(TEAL, WHITE, 0.35)
NIGHT_SKY = NAVY
NIGHT_LAND = mix(GREEN, NAVY, 0.55)
NIGHT_WATER = mix(TEAL, NAVY, 0.45)
STEP = mix(MIST, NAVY, 0.15)
LINK = GOLD


# --------------------------------------------------------------------------------------------------
# Timing helpers


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    """Limit `value` to the range low..high."""
    return max(low, min(high, value))


def progress(t: float, start: float, length: float) -> float:
    """How far (0..1) an animation that starts at `start` and lasts `length` seconds is at time t."""
    return clamp((t - start) / length) if length > 0 else float(t >= start)


def smooth(x: float) -> float:
    """Ease in and out (smoothstep)."""
    x = clamp(x)
    return x * x * (3 - 2 * x)


def pop(x: float) -> float:
    """Ease out with a small overshoot, for things that appear."""
    x = clamp(x)
    if x in (0.0, 1.0):
        return x
    s = 1.4
    x -= 1
    return 1 + x * x * ((s + 1) * x + s)


# --------------------------------------------------------------------------------------------------
# Drawing surface


class Canvas:
    """A frame in 640x360 units, drawn at SUPERSAMPLE times the size, with a movable origin and scale."""

    def __init__(self, background: tuple = MIST):
        self.image = Image.new("RGB", (WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE), background)
        self.draw = ImageDraw.Draw(self.image)
        self.transform = (0.0, 0.0, 1.0)

    @contextmanager
    def at(self, x: float, y: float, scale: float = 1.0):
        """Draw the block's shapes with (x, y) as origin and sizes multiplied by `scale`."""
        saved = self.transform
        tx, ty, k = saved
        self.transform = (tx + k * x, ty + k * y, k * scale)
        try:
            yield self
        finally:
            self.transform = saved

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Pixel position of the point (x, y) in the current frame of reference."""
        tx, ty, k = self.transform
        return ((tx + k * x) * SUPERSAMPLE, (ty + k * y) * SUPERSAMPLE)

    def length(self, value: float) -> float:
        """A length in the current frame of reference, in pixels."""
        return value * self.transform[2] * SUPERSAMPLE

    def box(self, x0, y0, x1, y1) -> list[float]:
        """Pixel bounding box [left, top, right, bottom] of two corners."""
        (a, b), (c, d) = self.point(x0, y0), self.point(x1, y1)
        return [min(a, c), min(b, d), max(a, c), max(b, d)]

    def rect(self, x0, y0, x1, y1, fill=None, radius=0.0, outline=None, width=0.0):
        """A rectangle, with rounded corners if `radius` is given."""
        self.draw.rounded_rectangle(self.box(x0, y0, x1, y1), radius=self.length(radius), fill=fill,
                                    outline=outline, width=max(0, round(self.length(width))))

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0.0):
        """An ellipse inside the box (x0, y0)-(x1, y1)."""
        self.draw.ellipse(self.box(x0, y0, x1, y1), fill=fill, outline=outline,
                          width=max(0, round(self.length(width))))

    def circle(self, x, y, r, fill=None, outline=None, width=0.0):
        """A circle of radius r centred at (x, y)."""
        self.ellipse(x - r, y - r, x + r, y + r, fill, outline, width)

    def polygon(self, points, fill=None, outline=None):
        """A filled polygon."""
        self.draw.polygon([self.point(x, y) for x, y in points], fill=fill, outline=outline)

    def line(self, points, fill, width=2.0, round_caps=True):
        """A polyline, with round ends unless round_caps is False."""
        pts = [self.point(x, y) for x, y in points]
        w = max(1, round(self.length(width)))
        self.draw.line(pts, fill=fill, width=w, joint="curve")
        if round_caps:
            for px, py in (pts[0], pts[-1]):
                self.draw.ellipse([px - w / 2, py - w / 2, px + w / 2, py + w / 2], fill=fill)

    def arc(self, x, y, r, start, end, fill, width=2.0):
        """An arc of the circle (x, y, r) from `start` to `end` degrees (clockwise from 3 o'clock)."""
        self.draw.arc(self.box(x - r, y - r, x + r, y + r), start, end, fill=fill,
                      width=max(1, round(self.length(width))))

    def pieslice(self, x, y, r, start, end, fill):
        """A filled slice of the circle (x, y, r)."""
        self.draw.pieslice(self.box(x - r, y - r, x + r, y + r), start, end, fill=fill)

    def frame(self) -> Image.Image:
        """Return the finished frame at 640x360."""
        return self.image.resize((WIDTH, HEIGHT), Image.LANCZOS)


# --------------------------------------------------------------------------------------------------
# Paths and dotted links


def bezier(p0, p1, p2, steps: int = 48) -> list[tuple[float, float]]:
    """Points along the quadratic Bezier curve p0-p1-p2."""
    out = []
    for i in range(steps + 1):
        u = i / steps
        a, b, c = (1 - u) ** 2, 2 * (1 - u) * u, u * u
        out.append((a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]))
    return out


def arch(p0, p2, lift: float = 40.0, steps: int = 48):
    """A curve from p0 to p2 that bows upwards by `lift`."""
    mid = ((p0[0] + p2[0]) / 2, min(p0[1], p2[1]) - lift)
    return bezier(p0, mid, p2, steps)


def path_lengths(points) -> list[float]:
    """Cumulative length of a polyline at each of its points."""
    total, out = 0.0, [0.0]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        total += math.hypot(x1 - x0, y1 - y0)
        out.append(total)
    return out


def point_on(points, fraction: float) -> tuple[float, float]:
    """The point at `fraction` (0..1) of the length of a polyline."""
    lengths = path_lengths(points)
    target = clamp(fraction) * lengths[-1]
    for i in range(1, len(points)):
        if lengths[i] >= target:
            seg = lengths[i] - lengths[i - 1] or 1.0
            u = (target - lengths[i - 1]) / seg
            (x0, y0), (x1, y1) = points[i - 1], points[i]
            return (x0 + (x1 - x0) * u, y0 + (y1 - y0) * u)
    return points[-1]


def dotted(c: Canvas, points, shown: float = 1.0, spacing: float = 9.0, radius: float = 2.2,
           colour=LINK):
    """Draw a dotted line along `points`, only its first `shown` fraction."""
    total = path_lengths(points)[-1]
    if total <= 0 or shown <= 0:
        return
    count = int(total / spacing)
    for i in range(count + 1):
        f = i / max(count, 1)
        if f > shown:
            break
        x, y = point_on(points, f)
        c.circle(x, y, radius, colour)


def travellers(c: Canvas, points, t: float, period: float = 1.6, count: int = 2, draw=None):
    """Draw markers that travel along `points`, one every period/count seconds, looping."""
    for i in range(count):
        f = ((t / period) + i / count) % 1.0
        x, y = point_on(points, f)
        if draw:
            draw(c, x, y)
        else:
            c.circle(x, y, 4.2, WHITE)
            c.circle(x, y, 3.0, GOLD)


# --------------------------------------------------------------------------------------------------
# Figures and objects (each drawn standing on, or centred at, the given point)


def person(c: Canvas, x, y, h, body=TEAL, legs=NAVY, phone=False, step=0.0, bag=None, scarf=None):
    """A person standing at (x, y), `h` tall. `step` (radians) swings the legs for walking."""
    r = h * 0.13
    head_y = y - h + r
    torso_top = y - h + 2 * r + h * 0.03
    hip = y - h * 0.34
    leg_w = h * 0.085
    swing = math.sin(step) * h * 0.07 if step else 0.0
    for side, sgn in ((-1, 1), (1, -1)):
        lx = x + side * h * 0.07 + sgn * swing
        c.rect(lx - leg_w / 2, hip - h * 0.02, lx + leg_w / 2, y, legs, radius=leg_w / 2)
    if bag:
        c.rect(x - h * 0.3, torso_top + h * 0.06, x - h * 0.1, hip - h * 0.02, bag, radius=h * 0.04)
    c.rect(x - h * 0.18, torso_top, x + h * 0.18, hip + h * 0.04, body, radius=h * 0.1)
    if scarf:
        c.polygon([(x - h * 0.13, torso_top + h * 0.01), (x + h * 0.13, torso_top + h * 0.01),
                   (x, torso_top + h * 0.14)], scarf)
    if phone:
        c.line([(x + h * 0.12, torso_top + h * 0.1), (x + h * 0.26, torso_top + h * 0.02)], body,
               width=h * 0.07)
        c.rect(x + h * 0.22, torso_top - h * 0.1, x + h * 0.33, torso_top + h * 0.06, NAVY,
               radius=h * 0.02)
        c.rect(x + h * 0.24, torso_top - h * 0.08, x + h * 0.31, torso_top + h * 0.03, GOLD)
    c.circle(x, head_y, r, SKIN)
    c.pieslice(x, head_y, r * 1.04, 180, 360, HAIR)


def official(c: Canvas, x, y, h, uniform=NAVY, trim=GOLD, clipboard=False):
    """A government officer in uniform, with shoulder boards and a cap."""
    person(c, x, y, h, body=uniform, legs=mix(uniform, (0, 0, 0), 0.3))
    torso_top = y - h + 2 * h * 0.13 + h * 0.03
    for side in (-1, 1):
        c.rect(x + side * h * 0.17 - h * 0.06, torso_top, x + side * h * 0.17 + h * 0.06,
               torso_top + h * 0.04, trim, radius=h * 0.015)
    c.circle(x - h * 0.07, torso_top + h * 0.14, h * 0.03, trim)
    head_y = y - h + h * 0.13
    c.rect(x - h * 0.15, head_y - h * 0.17, x + h * 0.15, head_y - h * 0.06, uniform, radius=h * 0.04)
    c.rect(x - h * 0.17, head_y - h * 0.08, x + h * 0.17, head_y - h * 0.05, mix(uniform, (0, 0, 0), 0.4))
    c.circle(x, head_y - h * 0.12, h * 0.025, trim)
    if clipboard:
        c.rect(x + h * 0.1, torso_top + h * 0.08, x + h * 0.3, torso_top + h * 0.34, WHITE, radius=h * 0.02,
               outline=mix(uniform, WHITE, 0.3), width=h * 0.012)
        for i in range(3):
            yy = torso_top + h * (0.14 + 0.06 * i)
            c.line([(x + h * 0.14, yy), (x + h * 0.26, yy)], mix(MIST, NAVY, 0.3), width=h * 0.015)


def house(c: Canvas, x, y, w, wall=WHITE, roof=RED, window=GOLD):
    """A house on stilts, standing at (x, y), `w` wide."""
    stilt = w * 0.22
    body_h = w * 0.5
    for sx in (-0.38, 0.0, 0.38):
        c.rect(x + sx * w - w * 0.03, y - stilt - 1, x + sx * w + w * 0.03, y, NAVY)
    c.rect(x - w * 0.5, y - stilt - body_h, x + w * 0.5, y - stilt, wall)
    c.rect(x - w * 0.32, y - stilt - body_h * 0.72, x - w * 0.12, y - stilt - body_h * 0.3, window)
    c.rect(x + w * 0.1, y - stilt - body_h * 0.85, x + w * 0.3, y - stilt, mix(wall, NAVY, 0.55))
    top = y - stilt - body_h
    c.polygon([(x - w * 0.62, top + 1), (x + w * 0.62, top + 1), (x, top - w * 0.42)], roof)


def tree(c: Canvas, x, y, h, crown=TREE):
    """A round tree standing at (x, y)."""
    c.rect(x - h * 0.05, y - h * 0.45, x + h * 0.05, y, mix(NAVY, GREEN, 0.3))
    c.circle(x - h * 0.14, y - h * 0.55, h * 0.24, crown)
    c.circle(x + h * 0.15, y - h * 0.58, h * 0.22, crown)
    c.circle(x, y - h * 0.76, h * 0.26, crown)


def office(c: Canvas, x, y, w, t=0.0, roof=RED, flag=True, ornament=GOLD, flag_side=1):
    """A Thai district office (ที่ว่าการอำเภอ): columns, a tiered roof and a flag, `w` wide.

    flag_side is 1 for a flagpole on the right, -1 on the left (away from lines drawn to the right).
    """
    u = w / 100
    c.rect(x - 55 * u, y - 7 * u, x + 55 * u, y, STEP)
    c.rect(x - 46 * u, y - 52 * u, x + 46 * u, y - 6 * u, WHITE)
    for i in range(-4, 5):
        if i == 0:
            continue
        cx = x + i * 10 * u
        c.rect(cx - 1.6 * u, y - 50 * u, cx + 1.6 * u, y - 7 * u, mix(MIST, TEAL, 0.25))
    c.rect(x - 7 * u, y - 30 * u, x + 7 * u, y - 7 * u, NAVY, radius=5 * u)
    c.polygon([(x - 54 * u, y - 51 * u), (x + 54 * u, y - 51 * u), (x + 40 * u, y - 69 * u),
               (x - 40 * u, y - 69 * u)], roof)
    c.rect(x - 54 * u, y - 53 * u, x + 54 * u, y - 50 * u, ornament)
    dark = mix(roof, (0, 0, 0), 0.18)
    c.polygon([(x - 34 * u, y - 67 * u), (x + 34 * u, y - 67 * u), (x, y - 98 * u)], dark)
    c.polygon([(x - 22 * u, y - 69 * u), (x + 22 * u, y - 69 * u), (x, y - 89 * u)], ornament)
    c.polygon([(x - 14 * u, y - 70 * u), (x + 14 * u, y - 70 * u), (x, y - 83 * u)], mix(roof, WHITE, 0.1))
    c.line([(x - 36 * u, y - 66 * u), (x, y - 99 * u), (x + 36 * u, y - 66 * u)], ornament, width=2 * u,
           round_caps=False)
    c.line([(x, y - 99 * u), (x + 3 * u, y - 106 * u), (x + 6 * u, y - 104 * u)], ornament, width=1.8 * u)
    for side in (-1, 1):
        c.line([(x + side * 36 * u, y - 66 * u), (x + side * 42 * u, y - 70 * u)], ornament, width=1.8 * u)
    if flag:
        thai_flag(c, x + flag_side * 68 * u, y - 7 * u, 100 * u, t)


def thai_flag(c: Canvas, x, y, pole, t):
    """A flagpole at (x, y) with a gently waving Thai flag."""
    c.line([(x, y), (x, y - pole)], NAVY, width=pole * 0.025)
    fw, fh = pole * 0.3, pole * 0.2
    stripes = [(RED, 1), (WHITE, 1), (NAVY, 2), (WHITE, 1), (RED, 1)]
    slices = 12
    top = y - pole + pole * 0.02
    for i in range(slices):
        u0, u1 = i / slices, (i + 1) / slices
        wave = math.sin(t * 3.0 - i * 0.55) * fh * 0.08 * (i / slices)
        yy = top + wave
        for colour, share in stripes:
            hgt = fh * share / 6
            c.rect(x + fw * u0, yy, x + fw * u1 + 0.6, yy + hgt, colour)
            yy += hgt


def counterpart_office(c: Canvas, x, y, w):
    """A public building across the border (no flag: the drawing names no country)."""
    office(c, x, y, w, roof=TEAL, flag=False, ornament=GOLD)


def boat(c: Canvas, x, y, s, t=0.0, cargo=None, hull=WHITE, crew=None):
    """A long-tail river boat centred at (x, y), `s` long. cargo: None, 'parcels' or 'people'."""
    bob = math.sin(t * 2.2) * s * 0.015
    y += bob
    if cargo == "parcels":
        for i, dx in enumerate((-0.2, -0.02, 0.16)):
            col = GOLD if i != 1 else mix(GOLD, RED, 0.3)
            c.rect(x + dx * s - s * 0.08, y - s * 0.2, x + dx * s + s * 0.08, y - s * 0.05, col, radius=s * 0.01)
            c.line([(x + dx * s, y - s * 0.2), (x + dx * s, y - s * 0.05)], NAVY, width=s * 0.012)
    if cargo == "people":
        for i, dx in enumerate((-0.25, -0.1, 0.05, 0.2)):
            c.circle(x + dx * s, y - s * 0.1, s * 0.055, SKIN)
            c.pieslice(x + dx * s, y - s * 0.1, s * 0.058, 180, 360, HAIR)
            c.rect(x + dx * s - s * 0.05, y - s * 0.06, x + dx * s + s * 0.05, y, (TEAL, RED, GREEN, GOLD)[i],
                   radius=s * 0.02)
    if crew:
        person(c, x + s * 0.34, y - s * 0.02, s * 0.3, body=crew, legs=mix(crew, (0, 0, 0), 0.4))
    c.polygon([(x - s * 0.5, y - s * 0.06), (x + s * 0.5, y - s * 0.1), (x + s * 0.42, y + s * 0.06),
               (x - s * 0.4, y + s * 0.06)], hull)
    c.polygon([(x - s * 0.47, y - s * 0.01), (x + s * 0.47, y - s * 0.04), (x + s * 0.45, y),
               (x - s * 0.45, y + s * 0.02)], RED)


def phone(c: Canvas, x, y, h, screen=None, t=0.0):
    """A mobile phone centred on x, with its bottom at y. screen: None, 'message' or 'call'."""
    w = h * 0.52
    c.rect(x - w / 2, y - h, x + w / 2, y, NAVY, radius=h * 0.09)
    c.rect(x - w / 2 + h * 0.04, y - h + h * 0.1, x + w / 2 - h * 0.04, y - h * 0.1, WHITE, radius=h * 0.03)
    c.rect(x - h * 0.06, y - h + h * 0.04, x + h * 0.06, y - h + h * 0.06, mix(NAVY, WHITE, 0.4))
    c.circle(x, y - h * 0.05, h * 0.025, mix(NAVY, WHITE, 0.4))
    cy = y - h * 0.5
    if screen == "message":
        c.rect(x - w * 0.34, cy - h * 0.22, x + w * 0.3, cy - h * 0.06, MIST, radius=h * 0.04)
        c.rect(x - w * 0.3, cy - h * 0.01, x + w * 0.34, cy + h * 0.15, GOLD, radius=h * 0.04)
        for i in range(2):
            c.line([(x - w * 0.2, cy + h * (0.04 + 0.055 * i)), (x + w * 0.22 - i * w * 0.15,
                    cy + h * (0.04 + 0.055 * i))], WHITE, width=h * 0.02)
    elif screen == "call":
        c.circle(x, cy, w * 0.3, RED)
        handset(c, x, cy, w * 0.3, WHITE)


def handset(c: Canvas, x, y, r, colour):
    """A telephone handset symbol centred at (x, y), about 2r wide."""
    c.arc(x + r * 0.25, y - r * 0.25, r * 0.7, 90, 180, colour, width=r * 0.28)
    c.rect(x - r * 0.62, y - r * 0.48, x - r * 0.3, y - r * 0.05, colour, radius=r * 0.12)
    c.rect(x + r * 0.0, y + r * 0.28, x + r * 0.5, y + r * 0.6, colour, radius=r * 0.12)


def envelope(c: Canvas, x, y, s=14.0):
    """A small envelope centred at (x, y): a report on its way."""
    w, h = s, s * 0.68
    c.rect(x - w / 2, y - h / 2, x + w / 2, y + h / 2, WHITE, radius=s * 0.08, outline=NAVY, width=s * 0.07)
    c.line([(x - w / 2 + s * 0.08, y - h / 2 + s * 0.08), (x, y + s * 0.06),
            (x + w / 2 - s * 0.08, y - h / 2 + s * 0.08)], NAVY, width=s * 0.07)


def star(c: Canvas, x, y, r, colour):
    """A five-pointed star centred at (x, y)."""
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * 0.45
        pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
    c.polygon(pts, colour)


def shield(c: Canvas, x, y, s):
    """Police: a navy shield with a gold star, centred at (x, y)."""
    c.polygon([(x - s * 0.5, y - s * 0.5), (x + s * 0.5, y - s * 0.5), (x + s * 0.5, y),
               (x, y + s * 0.6), (x - s * 0.5, y)], NAVY)
    star(c, x, y - s * 0.02, s * 0.3, GOLD)


def passport(c: Canvas, x, y, s):
    """Immigration: a teal passport booklet with a gold emblem, centred at (x, y)."""
    c.rect(x - s * 0.36, y - s * 0.5, x + s * 0.36, y + s * 0.5, TEAL, radius=s * 0.07)
    c.circle(x, y - s * 0.08, s * 0.18, GOLD)
    c.circle(x, y - s * 0.08, s * 0.1, TEAL)
    c.line([(x - s * 0.18, y + s * 0.27), (x + s * 0.18, y + s * 0.27)], GOLD, width=s * 0.06)


def crate(c: Canvas, x, y, s):
    """Customs: a green crate of goods with a gold seal, centred at (x, y)."""
    c.rect(x - s * 0.5, y - s * 0.4, x + s * 0.5, y + s * 0.45, GREEN, radius=s * 0.05)
    c.line([(x - s * 0.5, y - s * 0.05), (x + s * 0.5, y - s * 0.05)], mix(GREEN, (0, 0, 0), 0.3),
           width=s * 0.05, round_caps=False)
    c.rect(x - s * 0.12, y - s * 0.4, x + s * 0.12, y + s * 0.45, GOLD)
    c.circle(x, y + s * 0.12, s * 0.12, RED)


def badge(c: Canvas, x, y, r, ring, icon: Callable, scale: float = 1.0):
    """A round white badge with a coloured ring and an icon, drawn at `scale` (for popping in)."""
    if scale <= 0.01:
        return
    with c.at(x, y, scale):
        c.circle(0, 0, r + 2.5, ring)
        c.circle(0, 0, r - 0.5, WHITE)
        icon(c, 0, 0, r * 1.05)


def district_icon(c: Canvas, x, y, s):
    """The district administration: a small office building."""
    office(c, x, y + s * 0.42, s * 0.8, flag=False)


def calendar(c: Canvas, x, y, s):
    """A wall calendar centred at (x, y)."""
    c.rect(x - s * 0.5, y - s * 0.45, x + s * 0.5, y + s * 0.5, WHITE, radius=s * 0.08, outline=NAVY,
           width=s * 0.04)
    c.rect(x - s * 0.5, y - s * 0.45, x + s * 0.5, y - s * 0.18, RED, radius=s * 0.08)
    for ring in (-0.25, 0.25):
        c.rect(x + ring * s - s * 0.04, y - s * 0.56, x + ring * s + s * 0.04, y - s * 0.36, NAVY,
               radius=s * 0.03)
    for row in range(3):
        for col in range(4):
            cx = x - s * 0.33 + col * s * 0.22
            cy = y - s * 0.04 + row * s * 0.18
            colour = GOLD if (row, col) == (1, 2) else mix(MIST, TEAL, 0.35)
            c.rect(cx - s * 0.07, cy - s * 0.06, cx + s * 0.07, cy + s * 0.06, colour, radius=s * 0.02)


def clock(c: Canvas, x, y, s, t):
    """A clock centred at (x, y) whose hands turn."""
    c.circle(x, y, s * 0.5, NAVY)
    c.circle(x, y, s * 0.42, WHITE)
    for i in range(12):
        a = i * math.pi / 6
        c.circle(x + math.cos(a) * s * 0.34, y + math.sin(a) * s * 0.34, s * 0.025, TEAL)
    a1 = -math.pi / 2 + t * 0.9
    a2 = -math.pi / 2 + t * 6.0
    c.line([(x, y), (x + math.cos(a1) * s * 0.2, y + math.sin(a1) * s * 0.2)], NAVY, width=s * 0.06)
    c.line([(x, y), (x + math.cos(a2) * s * 0.3, y + math.sin(a2) * s * 0.3)], RED, width=s * 0.04)
    c.circle(x, y, s * 0.05, NAVY)


def map_pin(c: Canvas, x, y, s):
    """A location pin whose point is at (x, y)."""
    c.ellipse(x - s * 0.3, y - s * 0.06, x + s * 0.3, y + s * 0.08, mix(MIST, NAVY, 0.2))
    c.polygon([(x - s * 0.3, y - s * 0.55), (x + s * 0.3, y - s * 0.55), (x, y)], RED)
    c.circle(x, y - s * 0.65, s * 0.33, RED)
    c.circle(x, y - s * 0.65, s * 0.13, WHITE)


def eye(c: Canvas, x, y, s):
    """An eye centred at (x, y): what you saw."""
    pts_top = bezier((x - s * 0.55, y), (x, y - s * 0.55), (x + s * 0.55, y), 20)
    pts_bottom = bezier((x + s * 0.55, y), (x, y + s * 0.55), (x - s * 0.55, y), 20)
    c.polygon(pts_top + pts_bottom, NAVY)
    inner_top = bezier((x - s * 0.45, y), (x, y - s * 0.44), (x + s * 0.45, y), 20)
    inner_bottom = bezier((x + s * 0.45, y), (x, y + s * 0.44), (x - s * 0.45, y), 20)
    c.polygon(inner_top + inner_bottom, WHITE)
    c.circle(x, y, s * 0.2, TEAL)
    c.circle(x, y, s * 0.09, NAVY)
    c.circle(x + s * 0.06, y - s * 0.06, s * 0.04, WHITE)


def no_sign(c: Canvas, x, y, r):
    """A red circle with a slash: 'do not'."""
    c.circle(x, y, r, RED)
    c.circle(x, y, r * 0.78, WHITE)
    a = math.radians(45)
    c.line([(x - math.cos(a) * r * 0.8, y - math.sin(a) * r * 0.8),
            (x + math.cos(a) * r * 0.8, y + math.sin(a) * r * 0.8)], RED, width=r * 0.22, round_caps=False)


def rings(c: Canvas, x, y, t, colour, base: float = 8.0, spread: float = 22.0, background=MIST, count=3,
          start: float = -90, end: float = 270):
    """Expanding rings that fade into the background: attention, a call, a signal."""
    for i in range(count):
        f = (t * 0.8 + i / count) % 1.0
        c.arc(x, y, base + spread * f, start, end, mix(colour, background, f), width=2.2)


# --------------------------------------------------------------------------------------------------
# Landscapes

SKY_END = 118
RIVER_TOP = 160
RIVER_BOTTOM = 230


def landscape(c: Canvas, t: float, night: bool = False, sun: bool = True):
    """Sky, far hills, the far bank, the river with moving ripples, and the near bank."""
    sky = NIGHT_SKY if night else MIST
    c.rect(0, 0, WIDTH, RIVER_TOP, sky)
    if night:
        for i in range(26):
            sx = (i * 97 + 31) % WIDTH
            sy = (i * 53 + 11) % 100 + 6
            twinkle = 0.5 + 0.5 * math.sin(t * 1.5 + i)
            c.circle(sx, sy, 1.0 + 0.5 * twinkle, mix(NAVY, WHITE, 0.55 + 0.35 * twinkle))
        c.circle(540, 52, 20, mix(GOLD, WHITE, 0.6))
        c.circle(551, 46, 18, sky)
    elif sun:
        c.circle(540, 58, 24, mix(GOLD, WHITE, 0.35))
        c.circle(540, 58, 19, GOLD)
    hills = mix(NIGHT_LAND, NAVY, 0.4) if night else HILLS
    for hx, hr in ((60, 70), (190, 55), (330, 80), (470, 60), (620, 75)):
        c.ellipse(hx - hr * 1.6, SKY_END - hr * 0.55, hx + hr * 1.6, SKY_END + hr, hills)
    far = mix(NIGHT_LAND, NAVY, 0.15) if night else FAR_LAND
    c.rect(0, SKY_END, WIDTH, RIVER_TOP + 4, far)
    water = NIGHT_WATER if night else WATER
    c.rect(0, RIVER_TOP, WIDTH, RIVER_BOTTOM + 6, water)
    wave = mix(water, WHITE, 0.25 if night else 0.35)
    for row, (wy, speed, gap) in enumerate(((172, 6, 90), (188, -4, 110), (204, 7, 80), (218, -5, 100))):
        for i in range(-1, WIDTH // gap + 2):
            wx = (i * gap + t * speed + row * 37) % (WIDTH + gap) - gap / 2
            c.line([(wx, wy), (wx + 16, wy)], wave, width=2)
    near = NIGHT_LAND if night else LAND
    bank = bezier((-10, RIVER_BOTTOM + 4), (WIDTH / 2, RIVER_BOTTOM - 8), (WIDTH + 10, RIVER_BOTTOM + 4), 30)
    c.polygon(bank + [(WIDTH + 10, HEIGHT + 10), (-10, HEIGHT + 10)], near)
    c.polygon(bezier((-10, RIVER_TOP + 2), (WIDTH / 2, RIVER_TOP + 8), (WIDTH + 10, RIVER_TOP + 2), 30)
              + [(WIDTH + 10, RIVER_TOP - 6), (-10, RIVER_TOP - 6)], far)


FAR_PEOPLE = [(250, GOLD), (410, RED), (570, GREEN)]
NEAR_PEOPLE = [(150, 276, 62, TEAL), (300, 272, 56, GOLD), (470, 274, 60, RED)]


def far_bank(c: Canvas, t: float, people: bool = True, night: bool = False):
    """Houses, trees and people on the far side of the river."""
    for tx in (30, 300, 460, 622):
        tree(c, tx, 152, 30, mix(TREE, NAVY, 0.4) if night else mix(TREE, MIST, 0.2))
    for hx, roof in ((85, TEAL), (150, RED), (355, RED), (515, TEAL)):
        house(c, hx, 153, 28, roof=roof, window=GOLD if night else mix(GOLD, WHITE, 0.3))
    if people:
        for px, col in FAR_PEOPLE:
            person(c, px, 156, 24, body=col)


def near_bank(c: Canvas, t: float, people: bool = True):
    """Houses, trees and people on the near (Thai) side of the river."""
    tree(c, 22, 268, 70)
    tree(c, 615, 262, 66)
    house(c, 80, 270, 74, roof=RED)
    house(c, 555, 266, 70, roof=TEAL)
    if people:
        for px, base, h, col in NEAR_PEOPLE:
            person(c, px, base, h, body=col)


# --------------------------------------------------------------------------------------------------
# Scenes. Each is drawn at its own local time t (seconds since the scene started).


def river_links(c: Canvas, t: float, pairs, draw_time: float = 2.5, start: float = 0.3):
    """Dotted arches across the river between people, drawn one after another, then with travellers."""
    for i, (a, b) in enumerate(pairs):
        path = arch(a, b, lift=28)
        shown = smooth(progress(t, start + i * 0.5, draw_time))
        dotted(c, path, shown)
        if shown >= 1.0:
            travellers(c, path, t - start - i * 0.5, period=2.4, count=2)


CROSS_RIVER_PAIRS = [((150, 208), (250, 128)), ((300, 211), (410, 128)), ((470, 209), (570, 128))]


def scene_border_life(c: Canvas, t: float):
    """Both banks of the river: neighbours on each side, a boat passing, and one resident noticing."""
    landscape(c, t)
    far_bank(c, t)
    boat(c, 470 - t * 9, 196, 70, t, cargo="parcels", crew=NAVY)
    near_bank(c, t)
    rings(c, 300, 208, t, GOLD, base=6, spread=20, background=LAND, start=200, end=340)


def scene_border_links(c: Canvas, t: float):
    """Both banks of the river, linked by dotted lines: cross-border communities."""
    landscape(c, t)
    far_bank(c, t)
    boat(c, 120 + t * 8, 198, 60, t, crew=TEAL)
    near_bank(c, t)
    river_links(c, t, CROSS_RIVER_PAIRS)


def threat_card(c: Canvas, x, y, w, h, t, kind: str, appear: float, active: bool):
    """One of the four threat cards, with a small animated picture."""
    s = pop(appear)
    if s <= 0.01:
        return
    with c.at(x + w / 2, y + h / 2, s):
        ring = GOLD if active else mix(TEAL, MIST, 0.35)
        c.rect(-w / 2 - 3, -h / 2 - 3, w / 2 + 3, h / 2 + 3, ring, radius=14)
        if kind == "smuggling-people":
            c.rect(-w / 2, -h / 2, w / 2, h / 2, NAVY, radius=12)
        else:
            c.rect(-w / 2, -h / 2, w / 2, h / 2, WHITE, radius=12)
        if kind == "trafficking":
            person(c, 0, 48, 90, body=RED)
            for bx in (-36, -18, 0, 18, 36):
                c.rect(bx - 2.2, -58, bx + 2.2, 52, NAVY)
            c.rect(-44, -60, 44, -53, NAVY, radius=2)
            c.rect(-44, 46, 44, 53, NAVY, radius=2)
            lock_y = 6 + math.sin(t * 2) * 1.5
            c.arc(30, lock_y - 6, 7, 180, 360, GOLD, width=3)
            c.rect(21, lock_y - 6, 39, lock_y + 8, GOLD, radius=2)
            c.circle(30, lock_y + 1, 2.2, NAVY)
        elif kind == "drugs":
            c.rect(-40, -4, 30, 50, mix(GOLD, RED, 0.15), radius=3)
            c.rect(-40, -4, 30, 8, mix(GOLD, RED, 0.35), radius=3)
            c.line([(-5, -4), (-5, 50)], NAVY, width=3, round_caps=False)
            for i, (px, py) in enumerate(((-30, -28), (-4, -48), (28, -26), (30, -58))):
                float_y = py + math.sin(t * 2.2 + i) * 3
                with c.at(px, float_y, 1.0):
                    ang = (i * 40 + 20)
                    ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
                    c.line([(-9 * ca, -9 * sa), (9 * ca, 9 * sa)], NAVY, width=14, round_caps=True)
                    c.line([(-9 * ca, -9 * sa), (0, 0)], RED, width=11, round_caps=True)
                    c.line([(0, 0), (9 * ca, 9 * sa)], WHITE, width=11, round_caps=True)
        elif kind == "smuggling-people":
            c.circle(38, -48, 9, mix(GOLD, WHITE, 0.6))
            c.circle(43, -51, 8, NAVY)
            for sx, sy in ((-40, -50), (-14, -60), (10, -40), (-30, -28)):
                c.circle(sx, sy, 1.3, mix(NAVY, WHITE, 0.7))
            c.rect(-w / 2, 14, w / 2, h / 2, NIGHT_WATER, radius=12)
            c.rect(-w / 2, 14, w / 2, 30, NIGHT_WATER)
            boat(c, -6 + math.sin(t * 0.6) * 6, 18, 96, t, cargo="people", hull=mix(WHITE, NAVY, 0.15))
            for i in range(3):
                wx = ((i * 40 + t * 6) % 120) - 60
                c.line([(wx, 40 + i * 8), (wx + 12, 40 + i * 8)], mix(NIGHT_WATER, WHITE, 0.3), width=2)
        elif kind == "migration":
            c.rect(-w / 2, 30, w / 2, h / 2, LAND, radius=12)
            c.rect(-w / 2, 30, w / 2, 44, LAND)
            for i in range(7):
                dy = -60 + i * 18
                c.line([(4, dy), (4, dy + 9)], RED, width=3)
            walk = (t * 10) % 60
            person(c, -38 + walk, 46, 80, body=TEAL, step=t * 7, bag=GOLD)


def scene_four_threats(c: Canvas, t: float, first: int = 0):
    """Four cards, one per threat; cards from `first` onwards appear now, earlier ones are already there."""
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.rect(0, 250, WIDTH, HEIGHT, mix(MIST, TEAL, 0.12))
    kinds = ["trafficking", "drugs", "smuggling-people", "migration"]
    w, h, gap = 130, 150, 20
    left = (WIDTH - 4 * w - 3 * gap) / 2
    for i, kind in enumerate(kinds):
        if i < first:
            appear, active = 1.0, False
        elif i < first + 2:
            appear, active = progress(t, 0.2 + (i - first) * 1.3, 0.6), True
        else:
            appear, active = 0.0, False
        threat_card(c, left + i * (w + gap), 70, w, h, t, kind, appear, active)


def scene_threats_a(c: Canvas, t: float):
    """Human trafficking and drug smuggling."""
    scene_four_threats(c, t, first=0)


def scene_threats_b(c: Canvas, t: float):
    """People smuggling and illegal migration."""
    scene_four_threats(c, t, first=2)


def scene_stay_safe(c: Canvas, t: float):
    """At night a boat unloads parcels; the resident does not go closer but steps back home."""
    landscape(c, t, night=True)
    far_bank(c, t, people=False, night=True)
    boat(c, 430, 200, 84, t, cargo="parcels", hull=mix(WHITE, NAVY, 0.25), crew=mix(NAVY, (0, 0, 0), 0.2))
    tree(c, 22, 268, 70, mix(TREE, NAVY, 0.4))
    house(c, 90, 270, 78, roof=mix(RED, NAVY, 0.3), wall=mix(WHITE, NAVY, 0.15), window=GOLD)
    back = smooth(progress(t, 2.0, 1.6))
    rx = 220 - back * 70
    path = [(rx + 22, 232), (270, 226), (330, 218), (372, 212)]
    shown = smooth(progress(t, 0.2, 1.0)) * (1 - smooth(progress(t, 2.0, 0.8)))
    if shown > 0:
        dotted(c, path, shown, spacing=10, radius=2.4, colour=mix(WHITE, NAVY, 0.3))
    sign = pop(progress(t, 1.1, 0.5))
    if sign > 0.01:
        with c.at(300, 190, sign):
            no_sign(c, 0, 0, 22)
    person(c, rx, 278, 62, body=TEAL, step=(t * 7 if 2.0 < t < 3.6 else 0))


def scene_take_notes(c: Canvas, t: float):
    """A notebook fills with lines while date, time, place and what was seen appear beside it."""
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.rect(0, 250, WIDTH, HEIGHT, mix(MIST, TEAL, 0.12))
    c.rect(86, 48, 300, 262, mix(MIST, NAVY, 0.12), radius=10)
    c.rect(80, 42, 294, 256, WHITE, radius=10)
    for i in range(6):
        c.circle(80, 66 + i * 33, 6, TEAL)
        c.circle(80, 66 + i * 33, 2.5, WHITE)
    lines = 7
    written = t * 2.1
    for i in range(lines):
        y = 76 + i * 24
        length = 170 - (i % 3) * 28
        f = clamp(written - i)
        c.line([(106, y), (276, y)], mix(MIST, TEAL, 0.18), width=1.4)
        if f > 0:
            c.line([(110, y - 5), (110 + length * f, y - 5)], NAVY if i % 3 else TEAL, width=4)
    row = min(int(written), lines - 1)
    pen_f = clamp(written - row)
    pen_x = 110 + (170 - (row % 3) * 28) * pen_f
    pen_y = 76 + row * 24 - 5
    with c.at(pen_x, pen_y, 1.0):
        c.polygon([(0, 0), (6, -10), (40, -46), (34, -52), (0, -18)], GOLD)
        c.polygon([(0, 0), (6, -10), (0, -18)], mix(SKIN, NAVY, 0.2))
        c.polygon([(34, -52), (40, -46), (46, -52), (40, -58)], RED)
    icons = [(calendar, 400, 100, 0.2), (clock, 520, 100, 0.9), (map_pin, 400, 232, 1.6), (eye, 520, 205, 2.3)]
    for draw_icon, x, y, start in icons:
        s = pop(progress(t, start, 0.5))
        if s <= 0.01:
            continue
        with c.at(x, y, s):
            c.circle(0, 0 if draw_icon is not map_pin else -28, 48, WHITE)
            if draw_icon is clock:
                clock(c, 0, 0, 64, t)
            elif draw_icon is map_pin:
                bounce = abs(math.sin(t * 3)) * 5
                map_pin(c, 0, 4 - bounce, 64)
            else:
                draw_icon(c, 0, 0, 60)


def scene_emergency(c: Canvas, t: float):
    """A phone calls for help: red rings pulse outwards."""
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.rect(0, 250, WIDTH, HEIGHT, mix(MIST, TEAL, 0.12))
    s = pop(progress(t, 0.0, 0.6))
    cx, cy = 320, 150
    for i in range(4):
        f = (t * 0.55 + i / 4) % 1.0
        c.arc(cx, cy, 70 + f * 110, 0, 360, mix(RED, MIST, 0.35 + 0.65 * f), width=3)
    with c.at(cx, cy, max(s, 0.01)):
        shake = math.sin(t * 40) * 1.5 if (t % 1.2) < 0.5 else 0.0
        with c.at(shake, 0, 1.0):
            phone(c, 0, 95, 190, screen="call", t=t)
    person(c, 150, 268, 96, body=TEAL)
    rings(c, 150, 186, t, RED, base=10, spread=24, start=200, end=340)


def scene_report_to_centre(c: Canvas, t: float):
    """A resident calls a national hotline while another walks to the centre at the district office.

    No message travels from the phone to the office: the centres take no reports by message or online,
    and the captions say "tell the centre at your district office, or call a Thai national hotline".
    """
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.circle(560, 52, 20, GOLD)
    c.ellipse(-80, 215, 360, 320, mix(LAND, MIST, 0.2))
    c.rect(0, 262, WIDTH, HEIGHT, LAND)
    c.rect(0, 262, WIDTH, 270, mix(LAND, MIST, 0.35))
    tree(c, 610, 266, 70)
    office(c, 455, 266, 170, t)
    person(c, 92, 266, 74, body=GOLD, phone=True)
    # The phone rings out to a hotline, drawn as a handset badge above the caller.
    rings(c, 114, 204, t, RED, base=9, spread=24, start=-70, end=50)
    badge(c, 150, 118, 28, RED, lambda cc, x, y, s: handset(cc, x, y, s, RED), pop(progress(t, 0.2, 0.5)))
    walk_x = 170 + smooth(progress(t, 0.3, 3.4)) * 185
    person(c, walk_x, 268, 66, body=RED, step=t * 7 if t < 3.7 else 0)


AUTHORITIES = [
    (440, 90, TEAL, passport),
    (565, 90, NAVY, shield),
    (440, 205, GREEN, crate),
    (565, 205, mix(RED, NAVY, 0.2), district_icon),
]


def scene_passed_on(c: Canvas, t: float):
    """From the district office, dotted lines carry the report to the agencies that can act on it."""
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.rect(0, 262, WIDTH, HEIGHT, LAND)
    c.rect(0, 262, WIDTH, 270, mix(LAND, MIST, 0.35))
    office(c, 190, 266, 190, t, flag_side=-1)
    origin = (282, 170)
    for i, (x, y, _ring, _icon) in enumerate(AUTHORITIES):
        start = 0.3 + i * 0.35
        far_column = x > 500  # bow these lines over the near badges
        control = (x - 90, y - 75) if far_column else ((origin[0] + x) / 2, y)
        path = bezier(origin, control, (x - (0 if far_column else 30), y - (30 if far_column else 0)))
        shown = smooth(progress(t, start, 0.8))
        dotted(c, path, shown)
        if shown >= 1:
            travellers(c, path, t - start - 0.8, period=1.6, count=1,
                       draw=lambda cc, px, py: envelope(cc, px, py, 16))
    for i, (x, y, ring, icon) in enumerate(AUTHORITIES):
        badge(c, x, y, 32, ring, icon, pop(progress(t, 0.8 + i * 0.35, 0.5)))


def scene_closing_links(c: Canvas, t: float):
    """Back at the river: both banks linked, calm."""
    landscape(c, t + 20)
    far_bank(c, t)
    near_bank(c, t)
    river_links(c, t + 6, CROSS_RIVER_PAIRS)


# Coordination-centres scenes -----------------------------------------------------------------------

# A stylised border, not a map: the Mekong in the north and east, a land border in the south-east.
BORDER = [(-5, 34), (120, 82), (205, 68), (290, 112), (370, 98), (450, 138), (520, 130), (578, 172),
          (562, 218), (600, 270)]
RIVER_PART = 7  # BORDER[:RIVER_PART + 1] is river, the rest a land border


def resample(points, count):
    """`count` points evenly spaced along a polyline."""
    return [point_on(points, i / (count - 1)) for i in range(count)]


def normal_at(points, fraction):
    """Unit vector at `fraction` pointing to the Thai side (below the line, as the border is drawn)."""
    a = point_on(points, max(0.0, fraction - 0.01))
    b = point_on(points, min(1.0, fraction + 0.01))
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return (-dy / n, dx / n)


def centre_positions():
    """44 district markers in 17 province groups along the Thai side of the border."""
    groups = [3, 2, 3, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3, 2, 3, 2]
    assert len(groups) == 17 and sum(groups) == 44
    line = resample(BORDER, 200)
    out = []
    for g, size in enumerate(groups):
        centre_f = 0.06 + 0.9 * g / (len(groups) - 1)
        nx, ny = normal_at(line, centre_f)
        members = []
        for k in range(size):
            f = centre_f + (k - (size - 1) / 2) * 0.013
            x, y = point_on(line, f)
            depth = 30 + (k % 2) * 9
            members.append((x + nx * depth, y + ny * depth))
        out.append(members)
    return out


CENTRE_GROUPS = centre_positions()


def scene_centres_map(c: Canvas, t: float):
    """A stylised border with 44 district markers appearing in 17 provincial groups."""
    thai = mix(LAND, MIST, 0.55)
    c.rect(0, 0, WIDTH, HEIGHT, thai)
    other = BORDER + [(WIDTH + 20, BORDER[-1][1]), (WIDTH + 20, -20), (BORDER[0][0], -20)]
    c.polygon(other, MIST)
    river = BORDER[:RIVER_PART + 1]
    c.line(river, TEAL, width=12)
    c.line(river, mix(TEAL, WHITE, 0.2), width=4)
    land = BORDER[RIVER_PART:]
    land_pts = resample(land, 40)
    for i in range(0, len(land_pts) - 1, 2):
        c.line([land_pts[i], land_pts[i + 1]], NAVY, width=3)
    # the land reaches the bottom: continue it under the caption area
    c.line([BORDER[-1], (612, HEIGHT + 10)], NAVY, width=3)
    n = 0
    for g, members in enumerate(CENTRE_GROUPS):
        gx = sum(p[0] for p in members) / len(members)
        gy = sum(p[1] for p in members) / len(members)
        appear = pop(progress(t, 0.2 + g * 0.16, 0.45))
        if appear > 0.01:
            with c.at(gx, gy, appear):
                c.circle(0, 0, 17, mix(GOLD, thai, 0.55))
        for (x, y) in members:
            s = pop(progress(t, 0.25 + g * 0.16 + 0.05 * (n % 3), 0.4))
            n += 1
            if s > 0.01:
                with c.at(x, y, s):
                    c.circle(0, 0, 5.2, WHITE)
                    c.circle(0, 0, 3.6, RED)


def scene_office(c: Canvas, t: float):
    """The district office that hosts the centre, with its flag."""
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.circle(120, 70, 22, GOLD)
    c.rect(0, 262, WIDTH, HEIGHT, LAND)
    c.rect(0, 262, WIDTH, 270, mix(LAND, MIST, 0.35))
    tree(c, 80, 266, 84)
    tree(c, 575, 266, 76)
    s = 0.9 + 0.1 * smooth(progress(t, 0.0, 1.2))
    with c.at(320, 266, s):
        office(c, 0, 0, 230, t)
    glow = smooth(progress(t, 1.2, 0.8))
    if glow > 0:
        for i in range(3):
            f = (t * 0.5 + i / 3) % 1.0
            c.arc(320, 180, 135 + f * 40, 200, 340, mix(GOLD, MIST, 0.3 + 0.7 * f * glow + (1 - glow) * 0.7),
                  width=2.5)


def scene_leaders(c: Canvas, t: float):
    """The district chief heads the centre; a deputy chief for security is its secretary."""
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.rect(0, 262, WIDTH, HEIGHT, LAND)
    c.rect(0, 262, WIDTH, 270, mix(LAND, MIST, 0.35))
    office(c, 170, 266, 220, t)
    chief = pop(progress(t, 0.2, 0.6))
    if chief > 0.01:
        with c.at(400, 272, chief):
            official(c, 0, 0, 150, uniform=NAVY)
    st = pop(progress(t, 0.8, 0.5))
    if st > 0.01:
        with c.at(400, 92, st):
            c.circle(0, 0, 17, WHITE)
            star(c, 0, 0, 13, GOLD)
    sec = pop(progress(t, 1.6, 0.6))
    if sec > 0.01:
        with c.at(510, 272, sec):
            official(c, 0, 0, 128, uniform=mix(NAVY, TEAL, 0.45), clipboard=True)


MEMBERS = [(360, TEAL, passport), (460, NAVY, shield), (560, GREEN, crate)]


def scene_members(c: Canvas, t: float):
    """Officers from immigration, the police and customs join the centre."""
    c.rect(0, 0, WIDTH, HEIGHT, MIST)
    c.rect(0, 262, WIDTH, HEIGHT, LAND)
    c.rect(0, 262, WIDTH, 270, mix(LAND, MIST, 0.35))
    office(c, 170, 266, 200, t, flag_side=-1)
    for i, (x, _uniform, _icon) in enumerate(MEMBERS):
        start = 0.2 + i * 0.7
        line_f = smooth(progress(t, start + 0.4, 0.7))
        dotted(c, arch((262, 140), (x, 70), lift=20 + i * 6), line_f)
    for i, (x, uniform, icon) in enumerate(MEMBERS):
        start = 0.2 + i * 0.7
        s = pop(progress(t, start, 0.6))
        if s > 0.01:
            with c.at(x, 272, s):
                official(c, 0, 0, 118, uniform=uniform)
        badge(c, x, 70, 22, uniform, icon, pop(progress(t, start + 0.5, 0.5)))


VILLAGES = [(95, 92), (80, 210), (215, 248), (430, 248), (560, 210), (548, 92)]
HUB = (320, 112)


def village(c: Canvas, x, y, coordinator: float, t: float, i: int):
    """Two houses and the village's coordinator (a village or subdistrict head with a gold scarf)."""
    house(c, x - 20, y, 30, roof=(RED, TEAL)[i % 2])
    house(c, x + 16, y + 4, 26, roof=(TEAL, RED)[i % 2])
    if coordinator > 0.01:
        with c.at(x + (40 if x < WIDTH / 2 else -44), y + 6, coordinator):
            person(c, 0, 0, 40, body=WHITE, scarf=GOLD, legs=NAVY)


def network_base(c: Canvas, t: float, coordinators_from: float = 0.0, lines_from: float = 0.0):
    """The district office amid six villages; returns the dotted paths from each village to it."""
    c.rect(0, 0, WIDTH, HEIGHT, mix(LAND, MIST, 0.6))
    c.ellipse(120, 40, 520, 250, mix(LAND, MIST, 0.45))
    paths = []
    for i, (x, y) in enumerate(VILLAGES):
        path = bezier((x, y - 20), ((x + HUB[0]) / 2, (y + HUB[1]) / 2 - 30), HUB)
        paths.append(path)
        dotted(c, path, smooth(progress(t, lines_from + i * 0.3, 0.9)))
    office(c, 320, 190, 150, t)
    for i, (x, y) in enumerate(VILLAGES):
        village(c, x, y, pop(progress(t, coordinators_from + i * 0.3, 0.5)), t, i)
    return paths


def scene_coordinators(c: Canvas, t: float):
    """Villages around the district office; their heads appear and dotted lines link them to it."""
    network_base(c, t, coordinators_from=0.2, lines_from=0.8)


OFFICIAL_BADGES = [(250, 36, TEAL, passport), (320, 28, NAVY, shield), (390, 36, GREEN, crate)]


def scene_reports_flow(c: Canvas, t: float):
    """Reports travel from the villages to the centre, and from the centre to the officials."""
    paths = network_base(c, t + 10, coordinators_from=-10, lines_from=-10)
    for i, path in enumerate(paths):
        travellers(c, path, t + i * 0.37, period=2.2, count=1,
                   draw=lambda cc, x, y: envelope(cc, x, y, 15))
    for i, (x, y, ring, icon) in enumerate(OFFICIAL_BADGES):
        path = [(320, 92), (x, y + 24)]
        shown = smooth(progress(t, 0.4 + i * 0.25, 0.6))
        dotted(c, path, shown, spacing=7)
        badge(c, x, y, 18, ring, icon, pop(progress(t, 0.6 + i * 0.25, 0.5)))
    with c.at(VILLAGES[1][0] - 44, VILLAGES[1][1] - 34, 1.0):
        phone(c, 0, 0, 40, screen="message")


def scene_across_border(c: Canvas, t: float):
    """The Thai district office and its counterpart across the river, linked both ways."""
    landscape(c, t + 8, sun=False)
    tree(c, 600, 152, 30, mix(TREE, MIST, 0.2))
    house(c, 330, 153, 28, roof=TEAL)
    counterpart_office(c, 470, 156, 86)
    for px, col in ((415, GOLD), (530, GREEN)):
        person(c, px, 158, 24, body=col)
    boat(c, 320 + math.sin(t * 0.4) * 10, 200, 60, t, crew=TEAL)
    tree(c, 612, 266, 66)
    house(c, 560, 266, 66, roof=RED)
    office(c, 170, 270, 150, t, flag_side=-1)
    person(c, 300, 276, 58, body=NAVY)
    person(c, 360, 274, 54, body=GOLD)
    there = arch((230, 196), (470, 108), lift=50)
    back = arch((470, 108), (230, 196), lift=50)
    shown = smooth(progress(t, 0.2, 1.4))
    dotted(c, there, shown)
    if shown >= 1:
        travellers(c, there, t - 1.6, period=2.6, count=1)
        travellers(c, back, t - 0.3, period=2.6, count=1,
                   draw=lambda cc, x, y: (cc.circle(x, y, 4.2, WHITE), cc.circle(x, y, 3.0, TEAL)))


# --------------------------------------------------------------------------------------------------
# Videos: scenes, cues and posters


@dataclass(frozen=True)
class Cue:
    """One caption: its timing and its lines in Thai and in English (at most two each)."""

    start: float
    end: float
    th: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class Video:
    """A video: its id (the file name), length, scenes, captions and the time of its poster frame."""

    id: str
    duration: float
    scenes: tuple[tuple[float, Callable], ...]  # (start time, scene); each lasts until the next one
    cues: tuple[Cue, ...]
    poster_time: float


HOW_TO_REPORT = Video(
    id="how-to-report",
    duration=34.0,
    scenes=(
        (0.0, scene_border_life),
        (4.5, scene_threats_a),
        (8.5, scene_threats_b),
        (11.5, scene_stay_safe),
        (15.5, scene_take_notes),
        (19.5, scene_emergency),
        (23.0, scene_report_to_centre),
        (27.0, scene_passed_on),
        (31.0, scene_closing_links),
    ),
    cues=(
        Cue(0.5, 4.5,
            ("ประชาชนที่อาศัยอยู่ตามแนวชายแดน", "มักเป็นคนกลุ่มแรกที่สังเกตเห็นความผิดปกติ"),
            ("People on the border are often the first", "to notice when something is wrong.")),
        Cue(4.5, 8.5,
            ("ท่านสามารถแจ้งเบาะแสภัยคุกคามได้ 4 ประเภท ได้แก่", "การค้ามนุษย์ การลักลอบขนยาเสพติด"),
            ("You can report four kinds of threat:", "human trafficking, drug smuggling,")),
        Cue(8.5, 11.5,
            ("การลักลอบขนคนข้ามแดน", "และการเข้าเมืองโดยผิดกฎหมาย"),
            ("people smuggling and illegal migration.",)),
        Cue(11.5, 15.5,
            ("เพื่อความปลอดภัย อย่าเผชิญหน้า สะกดรอยตาม", "หรือพยายามหยุดยั้งผู้กระทำผิดด้วยตนเอง"),
            ("Stay safe: do not confront anyone,", "follow them or try to stop them yourself.")),
        Cue(15.5, 19.5,
            ("จดบันทึกวัน เวลา สถานที่ และสิ่งที่พบเห็น", "โดยเร็วที่สุดเท่าที่จะทำได้"),
            ("Write down the date, time and place,", "and what you saw, as soon as you can.")),
        Cue(19.5, 23.0,
            ("หากมีผู้ตกอยู่ในอันตรายขณะนี้", "ให้โทรแจ้งตำรวจที่หมายเลข 191 ก่อนสิ่งอื่นใด"),
            ("If someone is in danger right now,", "call the police on 191 first.")),
        Cue(23.0, 27.0,
            ("ในกรณีอื่น ให้แจ้งศูนย์ประสานงาน", "ณ ที่ว่าการอำเภอของท่าน หรือโทรสายด่วนระดับประเทศของไทย"),
            ("Otherwise, tell the centre at your district", "office, or call a Thai national hotline.")),
        Cue(27.0, 31.0,
            # A centre's task, as the report page says it: no source confirms that every centre still operates.
            ("ศูนย์ประสานงานมีหน้าที่ส่งต่อเรื่องของท่าน", "ไปยังหน่วยงานที่รับผิดชอบเพื่อดำเนินการ"),
            ("A centre's task is to pass your report", "to the authority that can act on it.")),
        Cue(31.0, 33.5,
            ("NTS-Mekong Watch", "Connecting Nation, Linking People"),
            ("NTS-Mekong Watch:", "Connecting Nation, Linking People.")),
    ),
    poster_time=25.6,
)

COORDINATION_CENTRES = Video(
    id="coordination-centres",
    duration=34.0,
    scenes=(
        (0.0, scene_border_links),
        (4.5, scene_centres_map),
        (8.5, scene_office),
        (12.5, scene_leaders),
        (16.5, scene_members),
        (20.5, scene_coordinators),
        (24.5, scene_reports_flow),
        (28.5, scene_across_border),
    ),
    cues=(
        Cue(0.5, 4.5,
            ("ตามแนวชายแดนไทยที่ติดกับ สปป. ลาว และกัมพูชา", "ชุมชนทั้งสองฝั่งอาศัยอยู่ใกล้ชิดกัน"),
            ("Along Thailand's borders with Lao PDR", "and Cambodia, neighbours live side by side.")),
        Cue(4.5, 8.5,
            ("ตั้งแต่เดือนธันวาคม 2566 อำเภอชายแดน 44 อำเภอ", "ใน 17 จังหวัด ได้จัดตั้งศูนย์ประสานงานขึ้น"),
            ("From December 2023, 44 border districts", "in 17 provinces each set up a centre.")),
        Cue(8.5, 12.5,
            ("ศูนย์ประสานงาน NTS-Mekong Watch", "ตั้งขึ้น ณ ที่ว่าการอำเภอแต่ละแห่ง"),
            ("These NTS-Mekong Watch coordination", "centres were based at the district office.")),
        Cue(12.5, 16.5,
            ("นายอำเภอเป็นหัวหน้าศูนย์", "โดยมีปลัดอำเภอฝ่ายความมั่นคงเป็นเลขานุการ"),
            ("The district chief headed each centre;", "the deputy chief for security was secretary.")),
        Cue(16.5, 20.5,
            ("เจ้าหน้าที่ตรวจคนเข้าเมือง ตำรวจภูธร และศุลกากร", "ร่วมเป็นสมาชิกของศูนย์"),
            ("Officers from immigration, provincial police", "and customs were members of the centre.")),
        Cue(20.5, 24.5,
            ("กำนันและผู้ใหญ่บ้านทำหน้าที่ผู้ประสานงาน", "ทำให้ศูนย์เข้าถึงได้ทุกหมู่บ้าน"),
            ("Subdistrict and village heads acted as", "coordinators, reaching every village.")),
        Cue(24.5, 28.5,
            ("ประชาชนแจ้งเบาะแสด้วยตนเอง และในปี 2567", "แจ้งทางออนไลน์ได้ด้วย ศูนย์เชื่อมประชาชนกับเจ้าหน้าที่รัฐ"),
            ("People reported in person and, in 2024,", "online; the centre linked them to officials.")),
        Cue(28.5, 33.0,
            ("เจ้าหน้าที่อำเภอยังได้พบปะกับเจ้าหน้าที่", "ใน สปป. ลาว และกัมพูชา เชื่อมโยงสองฝั่งชายแดน"),
            ("District officers also met counterparts", "in Lao PDR and Cambodia, linking both sides.")),
    ),
    poster_time=26.4,
)

VIDEOS = (HOW_TO_REPORT, COORDINATION_CENTRES)


def check_video(video: Video):
    """Stop with a message if a video's scenes or cues are inconsistent."""
    starts = [s for s, _ in video.scenes]
    assert starts[0] == 0 and starts == sorted(starts), f"{video.id}: scenes out of order"
    previous_end = 0.0
    for cue in video.cues:
        assert previous_end <= cue.start < cue.end < video.duration, f"{video.id}: bad cue {cue}"
        assert 1 <= len(cue.th) <= 2 and 1 <= len(cue.en) <= 2, f"{video.id}: more than 2 lines"
        assert all(len(line) <= 46 for line in cue.en), f"{video.id}: English line too long: {cue.en}"
        previous_end = cue.end
    assert 20 <= video.duration <= 35, f"{video.id}: duration out of range"


def draw_scene(video: Video, index: int, t: float) -> Image.Image:
    """Scene number `index` of `video` at video time t."""
    canvas = Canvas()
    start, scene = video.scenes[index]
    scene(canvas, t - start)
    return canvas.frame()


def render(video: Video, t: float) -> Image.Image:
    """The frame of `video` at time t: the current scene, cross-faded from the previous one."""
    index = max(i for i, (start, _) in enumerate(video.scenes) if start <= t)
    frame = draw_scene(video, index, t)
    start = video.scenes[index][0]
    if index > 0 and t - start < FADE:
        before = draw_scene(video, index - 1, t)
        frame = Image.blend(before, frame, smooth((t - start) / FADE))
    blank = Image.new("RGB", (WIDTH, HEIGHT), MIST)
    if t < 0.4:
        frame = Image.blend(blank, frame, smooth(t / 0.4))
    if t > video.duration - 0.6:
        frame = Image.blend(frame, blank, smooth((t - (video.duration - 0.6)) / 0.6))
    return frame


# --------------------------------------------------------------------------------------------------
# Captions and encoding


def timestamp(seconds: float) -> str:
    """A WebVTT timestamp, hh:mm:ss.ttt."""
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def webvtt(video: Video, lang: str) -> str:
    """The WebVTT captions of `video` in `lang` (th or en)."""
    parts = ["WEBVTT", ""]
    for number, cue in enumerate(video.cues, 1):
        parts += [str(number), f"{timestamp(cue.start)} --> {timestamp(cue.end)}", *getattr(cue, lang), ""]
    return "\n".join(parts)


FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
# No metadata, no encoder version string, one thread: the same input gives the same bytes.
DETERMINISTIC = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-threads", "1"]


def encode_master(video: Video, path: Path):
    """Render every frame and store them losslessly, so several CRFs can be tried without redrawing."""
    frames = round(video.duration * FPS)
    command = [FFMPEG, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24",
               "-s", f"{WIDTH}x{HEIGHT}", "-r", str(FPS), "-i", "-",
               "-c:v", "ffv1", "-pix_fmt", "yuv420p", *DETERMINISTIC, str(path)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE)
    for n in range(frames):
        process.stdin.write(render(video, n / FPS).tobytes())
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit(f"ffmpeg failed while writing {path}")


def encode_mp4(master: Path, target: Path, crf: int):
    """Encode the lossless master to a web MP4 (H.264, yuv420p, +faststart, no audio) at `crf`."""
    command = [FFMPEG, "-y", "-loglevel", "error", "-i", str(master), "-an",
               "-c:v", "libx264", "-preset", "slow", "-tune", "animation", "-crf", str(crf),
               "-pix_fmt", "yuv420p", "-profile:v", "high", "-g", str(FPS * 2), "-r", str(FPS),
               "-movflags", "+faststart", *DETERMINISTIC, str(target)]
    subprocess.run(command, check=True)


def make(video: Video):
    """Write the MP4, the poster and both caption files of `video`."""
    check_video(video)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = OUTPUT / f"{video.id}.mp4"
    with tempfile.TemporaryDirectory() as tmp:
        master = Path(tmp) / "master.mkv"
        encode_master(video, master)
        for crf in CRF_CHOICES:
            encode_mp4(master, target, crf)
            size = target.stat().st_size
            if size < MAX_BYTES:
                break
        else:
            raise SystemExit(f"{target} is still {size} bytes at CRF {crf}")
    render(video, video.poster_time).save(OUTPUT / f"{video.id}.jpg", "JPEG", quality=86, optimize=True)
    for lang in ("th", "en"):
        (OUTPUT / f"{video.id}.{lang}.vtt").write_text(webvtt(video, lang), encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {size} bytes, CRF {crf}, {video.duration:g} s")


def main(argv: list[str]):
    """Make the videos named on the command line, or all of them."""
    wanted = set(argv) or {v.id for v in VIDEOS}
    unknown = wanted - {v.id for v in VIDEOS}
    if unknown:
        raise SystemExit(f"unknown video id(s): {', '.join(sorted(unknown))}")
    for video in VIDEOS:
        if video.id in wanted:
            make(video)


if __name__ == "__main__":
    main(sys.argv[1:])
