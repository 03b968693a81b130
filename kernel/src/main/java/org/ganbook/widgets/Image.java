package org.ganbook.widgets;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A picture that can change (ipywidgets' Image): the PNG bytes travel as a binary buffer of the
 * comm message, not as base64 text. A panel redraws its chart into one of these.
 */
public final class Image extends DomWidget {
  Image(int width) {
    super("Image", CONTROLS, VERSION_2, "ImageModel", "ImageView", null, null);
    define("format", "png");
    define("height", "");
    define("value", new byte[0]);
    define("width", width > 0 ? String.valueOf(width) : "");
  }

  /** Shows {@code image}, encoded as PNG. */
  public void show(RenderedImage image) { set("value", encode(image)); }

  /** {@code image} as PNG bytes (an {@link Output} shows pictures the same way). */
  static byte[] encode(RenderedImage image) {
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The PNG bytes shown now (empty before the first {@link #show}). */
  public byte[] png() { return ((byte[]) get("value")).clone(); }

  @Override protected Object accept(String key, Object value) {
    super.accept(key, value);
    if (key.equals("value") && !(value instanceof byte[])) throw new IllegalArgumentException("Image: 'value' must be the image's bytes");
    return value;
  }
}
