"""Draws the ganbook kernel's logo into a kernelspec folder (run by environment/install-kernel.sh).

    python environment/kernel_logo.py DIR     # writes DIR/logo-32x32.png, logo-64x64.png, logo-svg.svg

The picture is the book's subject: on a dark tile, the data's density (a filled orange bell curve)
and the generator's density (a light blue curve) that GAN training moves onto it. It is computed
here, pixel by pixel with 4x4 supersampling, and written as PNG with zlib alone (no imaging
library), so the logo is made at install time and no image is kept in git.
"""
import math
import struct
import sys
import zlib
from pathlib import Path

BACKGROUND = (31, 59, 91)      # dark blue tile
DATA = (243, 146, 55)          # the data's density, filled
GENERATOR = (125, 211, 252)    # the generator's density, a stroke
CORNER = 0.18                  # the tile's corner radius, as a fraction of its side
SAMPLES = 4                    # supersampling per axis


def data_density(x):
    """The data's bell curve in tile units (0..1 across, 0 at the top): height of the curve at x."""
    return 0.80 - 0.56 * math.exp(-((x - 0.58) / 0.13) ** 2 / 2)


def generator_density(x):
    return 0.80 - 0.40 * math.exp(-((x - 0.40) / 0.16) ** 2 / 2)


def inside_tile(x, y):
    r = CORNER
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def colour(x, y, size):
    """The colour (r, g, b, alpha) of the point (x, y) of the tile."""
    if not inside_tile(x, y):
        return (0, 0, 0, 0)
    rgb = BACKGROUND
    if data_density(x) <= y <= 0.80 and 0.12 <= x <= 0.88:
        rgb = DATA
    if 0.12 <= x <= 0.88:
        # The generator's curve, drawn as a band about 1.6 px (at 32 px) thick, measured vertically
        # and corrected for the slope so that it keeps its width on the flanks.
        h = 1e-3
        slope = (generator_density(x + h) - generator_density(x - h)) / (2 * h)
        distance = abs(y - generator_density(x)) / math.sqrt(1 + slope * slope)
        if distance <= max(0.035, 1.3 / size):
            rgb = GENERATOR
    if 0.80 <= y <= 0.80 + max(0.03, 1.0 / size) and 0.12 <= x <= 0.88:
        rgb = (230, 236, 243)  # the axis
    return rgb + (255,)


def render(size):
    rows = []
    for j in range(size):
        row = bytearray([0])  # PNG filter type 0 for this row
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(SAMPLES):
                for si in range(SAMPLES):
                    c = colour((i + (si + 0.5) / SAMPLES) / size, (j + (sj + 0.5) / SAMPLES) / size, size)
                    a = c[3]
                    acc[0] += c[0] * a
                    acc[1] += c[1] * a
                    acc[2] += c[2] * a
                    acc[3] += a
            n = SAMPLES * SAMPLES
            alpha = acc[3] / n
            rgb = [round(acc[k] / acc[3]) if acc[3] else 0 for k in range(3)]
            row += bytes(rgb + [round(alpha)])
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def svg():
    def path(f):
        return " ".join("%s%.2f,%.2f" % ("M" if k == 0 else "L", 100 * x, 100 * f(x))
                        for k, x in enumerate(0.12 + 0.76 * t / 60 for t in range(61)))
    return ("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="64" height="64">
<rect width="100" height="100" rx="{r}" fill="rgb{bg}"/>
<path d="{data} L88,80 L12,80 Z" fill="rgb{dc}"/>
<path d="{gen}" fill="none" stroke="rgb{gc}" stroke-width="7" stroke-linejoin="round"/>
<rect x="12" y="80" width="76" height="3" fill="rgb(230,236,243)"/>
</svg>
""").format(r=100 * CORNER, bg=BACKGROUND, dc=DATA, gc=GENERATOR, data=path(data_density), gen=path(generator_density))


def main(argv):
    if len(argv) != 1:
        sys.exit("usage: kernel_logo.py KERNELSPEC_DIR")
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for size in (32, 64):
        (out / ("logo-%dx%d.png" % (size, size))).write_bytes(render(size))
    (out / "logo-svg.svg").write_text(svg(), encoding="ascii")


if __name__ == "__main__":
    main(sys.argv[1:])
