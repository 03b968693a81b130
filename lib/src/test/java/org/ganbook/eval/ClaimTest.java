package org.ganbook.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaimTest {

  /** What the claims print while {@code body} runs. */
  static String printed(Runnable body) {
    PrintStream out = System.out;
    var buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test void aHoldingClaimPrintsWhatWasChecked() {
    String out = printed(() -> {
      Claim.below("final JSD, nats", 0.0491234, 0.06);
      Claim.above("distance to the nearest training digit", 2.3123, 1);
      Claim.near("D(x) by the library", 0.9561814637, 0.9561814637, 1e-12);
      Claim.that("every k learns", true, "3 of 3 curves below a quarter of their start");
    });
    assertEquals("checked: final JSD, nats = 0.04912 < 0.06\n"
        + "checked: distance to the nearest training digit = 2.312 > 1\n"
        + "checked: D(x) by the library = 0.9562, within 1e-12 of 0.9562\n"
        + "checked: every k learns: 3 of 3 curves below a quarter of their start\n", out.replace("\r", ""));
  }

  @Test void aFailingClaimStopsWithTheMeasuredValueAndBound() {
    var e = assertThrows(AssertionError.class, () -> Claim.below("final JSD", 0.07, 0.06));
    assertEquals("claim failed: final JSD = 0.07, not below 0.06", e.getMessage());
    e = assertThrows(AssertionError.class, () -> Claim.near("V", 1.5, 1.386, 0.01));
    assertTrue(e.getMessage().contains("0.114 away from 1.386 (tolerance 0.01)"), e.getMessage());
    e = assertThrows(AssertionError.class, () -> Claim.below("JSD", 2.3e-5, 1e-6));
    assertEquals("claim failed: JSD = 2.3e-5, not below 1e-6", e.getMessage(), "tiny values in powers of ten");
    e = assertThrows(AssertionError.class, () -> Claim.that("every k learns", false, "k = 20 stayed at 0.69"));
    assertEquals("claim failed: every k learns does not hold: k = 20 stayed at 0.69", e.getMessage());
  }

  @Test void notANumberFailsEveryBound() {
    assertThrows(AssertionError.class, () -> Claim.below("loss", Double.NaN, 1));
    assertThrows(AssertionError.class, () -> Claim.above("loss", Double.NaN, 1));
    assertThrows(AssertionError.class, () -> Claim.near("loss", Double.NaN, 1, 10));
    assertThrows(IllegalArgumentException.class, () -> Claim.near("loss", 1, 1, -1));
  }
}
