package org.ganbook.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The few labelled examples of a semi-supervised experiment: {@code perClass} digits of each class
 * chosen at random with a seed (improved-gan: a seeded permutation, then the first {@code count} of
 * each class). The rest of the data is used without its labels.
 */
public final class LabelledSubset {
  private LabelledSubset() {}

  /** Row indices into {@code data}: perClass of each class, class by class, chosen with {@code seed}. */
  public static int[] indices(Mnist data, int perClass, long seed) {
    if (perClass < 1) throw new IllegalArgumentException("need at least one label per class, got " + perClass);
    int[] counts = data.classCounts();
    for (int c = 0; c < Mnist.CLASSES; c++) {
      if (counts[c] < perClass) throw new IllegalArgumentException("class " + c + " has only " + counts[c] + " examples");
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(seed));
    int[] out = new int[perClass * Mnist.CLASSES];
    int[] taken = new int[Mnist.CLASSES];
    for (int i : order) {
      int c = data.labels()[i];
      if (taken[c] < perClass) out[c * perClass + taken[c]++] = i;
    }
    return out;
  }

  /** The chosen digits and their labels. */
  public static Mnist of(Mnist data, int perClass, long seed) {
    int[] rows = indices(data, perClass, seed);
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) labels[i] = data.labels()[rows[i]];
    return new Mnist(data.images().getRows(rows), labels);
  }
}
