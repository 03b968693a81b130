package org.ganbook.data;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A state of ND4J's random generator kept apart from the thread's own. Samplers, dropout and
 * weight initialisation all draw from {@code Nd4j.getRandom()}; {@link #use} lends that generator
 * this state for a stretch of draws and then gives the thread its own state back. A trainer keeps
 * one so that its draws depend on its seed alone, whatever a notebook draws between its train
 * calls; a chart keeps one so that drawing it leaves the notebook's generator where it was.
 */
public final class RandomState {
  private long rootState;
  private long nodeState;

  private RandomState(long rootState, long nodeState) {
    this.rootState = rootState;
    this.nodeState = nodeState;
  }

  /**
   * The state of a fresh generator seeded with {@code seed}: the same draws as right after
   * {@code setSeed(seed)}. As there, libnd4j reads a seed of 0 as "seed from the clock".
   */
  public static RandomState seeded(long seed) {
    var random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    return new RandomState(random.rootState(), random.nodeState());
  }

  /** A state saved by {@link #toArray()} (a checkpoint's entry). */
  public static RandomState of(long[] state) {
    if (state == null || state.length != 2) {
      throw new IllegalArgumentException("a generator's state is two longs (root, node), got "
          + (state == null ? "null" : state.length + ": " + java.util.Arrays.toString(state)));
    }
    return new RandomState(state[0], state[1]);
  }

  /** {root, node}, for a checkpoint. */
  public long[] toArray() { return new long[] {rootState, nodeState}; }

  /**
   * Runs {@code draws} with this thread's generator in this state, keeps the state the draws leave
   * (the next call continues from there), and restores the thread's own state, also when
   * {@code draws} throws.
   */
  public <T> T use(Supplier<T> draws) {
    var random = Nd4j.getRandom();
    long callerRoot = random.rootState(), callerNode = random.nodeState();
    random.setStates(rootState, nodeState);
    try {
      return draws.get();
    } finally {
      rootState = random.rootState();
      nodeState = random.nodeState();
      random.setStates(callerRoot, callerNode);
    }
  }
}
