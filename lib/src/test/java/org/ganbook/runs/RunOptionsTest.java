package org.ganbook.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A reproduction's command line: its notes print it back, so the same run prints the same command. */
class RunOptionsTest {
  private static final String[] DEFAULTS = {"epochs", "300", "seed", "1", "data-seed", "1", "results", "results"};

  @Test void printsEveryOptionInTheDefaultsOrderHoweverTheyWereTyped() {
    var typed = RunOptions.parse(new String[] {"--data-seed", "2", "--seed", "1", "--epochs", "300"}, "usage", DEFAULTS);
    var reordered = RunOptions.parse(new String[] {"--epochs", "300", "--seed", "1", "--data-seed", "2"}, "usage", DEFAULTS);
    assertEquals("--epochs 300 --seed 1 --data-seed 2 --results results", typed.toString());
    assertEquals(typed.toString(), reordered.toString());
  }

  @Test void anUnknownOptionNamesItselfAndTheDefaults() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> RunOptions.parse(new String[] {"--seeds", "2"}, "usage", DEFAULTS));
    assertTrue(e.getMessage().contains("'--seeds'"), e.getMessage());
    assertTrue(e.getMessage().contains("data-seed=1"), e.getMessage());
  }

  @Test void aWholeNumberMustBeOne() {
    var o = RunOptions.parse(new String[] {"--seed", "-1"}, "usage", DEFAULTS);
    var e = assertThrows(IllegalArgumentException.class, () -> o.integer("seed"));
    assertTrue(e.getMessage().contains("--seed") && e.getMessage().contains("'-1'"), e.getMessage());
  }
}
