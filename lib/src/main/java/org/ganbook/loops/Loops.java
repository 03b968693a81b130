package org.ganbook.loops;

import java.nio.FloatBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise passes written in Java over ND4J's own memory, split into fixed chunks that a small
 * pool (one worker per core) shares.
 *
 * <p>Why: each ND4J op is one native call and one pass over memory, so an update such as Adam's
 * (two moving averages, a square root, a quotient, a step) costs about eleven passes, and libnd4j
 * draws normals with scalar {@code log}, {@code sqrt}, {@code cos} and {@code sin} per element. A
 * Java loop does the whole update in one pass, and the JIT compiles it to vector instructions;
 * bench/README.md has the measurements.
 *
 * <p>The chunks are fixed ({@link #CHUNK} elements), whatever the number of threads: a chunk's
 * result depends on its index alone, which is what keeps random draws reproducible from their seed
 * on any machine ({@link Draws}).
 *
 * <p>These loops read host memory, so they run on ND4J's CPU backend only, on contiguous float
 * arrays; every caller keeps its ND4J ops for everything else ({@link #available}), and tests
 * compare the two ({@link #ndOnly}).
 */
public final class Loops {
  /** Elements per chunk: 64 KB of floats, a unit of work large enough to hand to another thread. */
  public static final int CHUNK = 16_384;

  private static final int THREADS = Runtime.getRuntime().availableProcessors();
  private static final boolean CPU_BACKEND = Nd4j.getEnvironment().isCPU();
  private static final ThreadLocal<Boolean> ND_ONLY = ThreadLocal.withInitial(() -> false);
  private static final ExecutorService POOL = THREADS < 2 ? null : Executors.newFixedThreadPool(THREADS - 1, task -> {
    var thread = new Thread(task, "ganbook-loops");
    thread.setDaemon(true); // never keeps a kernel or a test JVM alive
    return thread;
  });

  private Loops() {}

  /** The work on one chunk: elements [from, to) of chunk number {@code chunk}. */
  @FunctionalInterface
  public interface Body {
    void run(int chunk, int from, int to);
  }

  /** Whether every array can be read by these loops: CPU backend, float32, contiguous in C order. */
  public static boolean available(INDArray... arrays) {
    if (!CPU_BACKEND || ND_ONLY.get()) return false;
    long length = arrays[0].length();
    for (INDArray a : arrays) {
      if (a.dataType() != DataType.FLOAT || a.length() != length || a.length() > Integer.MAX_VALUE) return false;
      if (a.isView() && !(a.ordering() == 'c' && a.elementWiseStride() == 1)) return false;
    }
    return true;
  }

  /** The elements of a contiguous float array, element i at index i. */
  public static FloatBuffer floats(INDArray a) {
    FloatBuffer all = a.data().asNioFloat();
    return all.position((int) a.offset()).limit((int) (a.offset() + a.length())).slice();
  }

  /** Runs {@code body} over the chunks of n elements, on the calling thread and the pool's workers. */
  public static void forEachChunk(long n, Body body) {
    if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("a loop over " + n + " elements (at most 2^31 - 1)");
    int chunks = (int) ((n + CHUNK - 1) / CHUNK);
    AtomicInteger next = new AtomicInteger();
    Runnable work = () -> {
      for (int c; (c = next.getAndIncrement()) < chunks; ) body.run(c, c * CHUNK, (int) Math.min(n, (long) (c + 1) * CHUNK));
    };
    int helpers = POOL == null ? 0 : Math.max(0, Math.min(THREADS - 1, chunks - 1));
    var futures = new Future<?>[helpers];
    for (int i = 0; i < helpers; i++) futures[i] = POOL.submit(work);
    try {
      work.run();
    } finally {
      awaitAll(futures); // the workers write into the caller's arrays: never return before they stop
    }
  }

  private static void awaitAll(Future<?>[] futures) {
    boolean interrupted = false;
    RuntimeException failure = null;
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // a stopped cell: finish waiting, then pass the interrupt on
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
    if (failure != null) throw failure;
  }

  /**
   * Runs {@code work} with these loops switched off on this thread, so that every caller takes its
   * ND4J ops: how the tests compare a loop with the code it replaces, and what the CUDA backend runs.
   */
  public static <T> T ndOnly(Supplier<T> work) {
    boolean before = ND_ONLY.get();
    ND_ONLY.set(true);
    try {
      return work.get();
    } finally {
      ND_ONLY.set(before);
    }
  }
}
