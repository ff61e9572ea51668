"""Makes the image fixtures: a crop of scikit-image's `astronaut` (public domain, NASA),
saved by Pillow as PNG and JPEG, with the pixels Pillow itself decodes as the expected truth.

Run: python make_images.py (needs Pillow, scikit-image, numpy)."""
import json

import numpy as np
from PIL import Image
from skimage import data

crop = data.astronaut()[100:112, 180:196]  # 12 × 16 × 3, uint8
Image.fromarray(crop).save("astronaut.png")
Image.fromarray(crop).save("astronaut.jpg", quality=90)
truth = {
    "source": "skimage.data.astronaut()[100:112, 180:196] (public domain, NASA)",
    "png": {"height": 12, "width": 16, "pixels": np.asarray(Image.open("astronaut.png").convert("RGB")).reshape(-1).tolist()},
    "jpg": {"height": 12, "width": 16, "pixels": np.asarray(Image.open("astronaut.jpg").convert("RGB")).reshape(-1).tolist()},
}
with open("expected.json", "w") as f:
    json.dump(truth, f)
