package org.ganbook.loops;

import java.nio.FloatBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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

  /** Elements per block: a few arrays' blocks fit in a core's L1 cache together. */
  public static final int BLOCK = 2_048;
  private static final int MAX_OPERANDS = 6;
  private static final ThreadLocal<float[][]> BLOCKS = ThreadLocal.withInitial(() -> new float[MAX_OPERANDS][BLOCK]);

  /** Threads that share a loop, the caller's included: one per core, or -Dganbook.loops.threads=N. */
  private static final int THREADS = Math.max(1, Integer.getInteger("ganbook.loops.threads", Runtime.getRuntime().availableProcessors()));
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

  /**
   * The rows of {@code parts} one after another, a new [sum of rows, columns] array: {@code
   * Nd4j.vstack} on the CPU, as bulk copies of each part's memory (libnd4j's concat op costs
   * several times the copy on these small matrices; bench/README.md).
   */
  public static INDArray stackRows(INDArray... parts) {
    long rows = 0;
    for (INDArray p : parts) {
      if (p.rank() != 2 || p.columns() != parts[0].columns() || !available(p)) return Nd4j.vstack(parts);
      rows += p.rows();
    }
    INDArray out = Nd4j.createUninitialized(parts[0].dataType(), rows, parts[0].columns());
    FloatBuffer target = floats(out);
    for (INDArray p : parts) target.put(floats(p));
    return out;
  }

  /** An array a block loop reads, writes, or both. */
  public record Operand(INDArray array, boolean read, boolean write) {}

  public static Operand in(INDArray a) { return new Operand(a, true, false); }
  public static Operand out(INDArray a) { return new Operand(a, false, true); }
  public static Operand inOut(INDArray a) { return new Operand(a, true, true); }

  /** The work on one block: {@code block[k][0, length)} holds operand k's elements. */
  @FunctionalInterface
  public interface BlockBody {
    void run(float[][] block, int length);
  }

  /** The work on one block that also returns its share of a sum. */
  @FunctionalInterface
  public interface SummingBlockBody {
    double run(float[][] block, int length);
  }

  /**
   * Runs {@code body} over blocks of the operands' elements copied into Java arrays, and copies the
   * written operands back. Why the copies: the JIT turns a loop over Java arrays into vector
   * instructions, and a loop over off-heap memory into scalar ones; a bulk copy in and out costs
   * less than the difference (bench/README.md).
   */
  public static void inBlocks(BlockBody body, Operand... operands) {
    blocks((block, length) -> {
      body.run(block, length);
      return 0;
    }, null, operands);
  }

  /**
   * {@link #inBlocks}, returning the sum of what {@code body} returned for each block, added in the
   * blocks' order whichever thread ran them: the same sum to the bit, run after run.
   */
  public static double sumInBlocks(SummingBlockBody body, Operand... operands) {
    double[] perBlock = new double[(int) ((operands[0].array().length() + BLOCK - 1) / BLOCK)];
    blocks(body, perBlock, operands);
    double sum = 0;
    for (double s : perBlock) sum += s;
    return sum;
  }

  /** The block loop; each block's result goes to perBlock[its first element / BLOCK], if perBlock is given. */
  private static void blocks(SummingBlockBody body, double[] perBlock, Operand... operands) {
    if (operands.length > MAX_OPERANDS) throw new IllegalArgumentException("at most " + MAX_OPERANDS + " operands, got " + operands.length);
    FloatBuffer[] buffers = new FloatBuffer[operands.length];
    for (int k = 0; k < operands.length; k++) buffers[k] = floats(operands[k].array());
    forEachChunk(operands[0].array().length(), (chunk, from, to) -> {
      float[][] block = BLOCKS.get();
      for (int start = from; start < to; start += BLOCK) {
        int length = Math.min(BLOCK, to - start);
        for (int k = 0; k < operands.length; k++) if (operands[k].read()) buffers[k].get(start, block[k], 0, length);
        double result = body.run(block, length);
        if (perBlock != null) perBlock[start / BLOCK] = result;
        for (int k = 0; k < operands.length; k++) if (operands[k].write()) buffers[k].put(start, block[k], 0, length);
      }
    });
  }

  /** Runs {@code body} over the chunks of n elements, on the calling thread and the pool's workers. */
  public static void forEachChunk(long n, Body body) {
    forEachChunk(n, CHUNK, body);
  }

  /** The same over chunks of {@code size} items (rows of a matrix, say) instead of {@link #CHUNK} elements. */
  public static void forEachChunk(long n, int size, Body body) {
    if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("a loop over " + n + " elements (at most 2^31 - 1)");
    int chunks = (int) ((n + size - 1) / size);
    if (chunks == 0) return;
    var loop = new Loop(chunks, size, (int) n, body);
    int helpers = POOL == null ? 0 : Math.min(THREADS - 1, chunks - 1);
    for (int i = 0; i < helpers; i++) POOL.execute(loop::work);
    loop.work();
    loop.awaitChunks();
  }

  /**
   * One call's chunks, taken one at a time by whichever thread asks first. The caller waits for
   * the chunks that were taken, not for the workers: a worker that wakes after the caller took the
   * last chunk finds nothing to do, so a sleeping pool costs the caller nothing but its own time
   * (waking a thread takes 50-100 microseconds on these machines, longer than many chunks).
   */
  private static final class Loop {
    private final int chunks, size, n;
    private final Body body;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Throwable failure;

    Loop(int chunks, int size, int n, Body body) {
      this.chunks = chunks;
      this.size = size;
      this.n = n;
      this.body = body;
    }

    void work() {
      for (int c; (c = next.getAndIncrement()) < chunks; ) {
        try {
          if (failure == null) body.run(c, c * size, (int) Math.min(n, (long) (c + 1) * size));
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }

    /** Returns when every chunk has run (a worker may still be finishing one: it writes the caller's arrays). */
    void awaitChunks() {
      for (int spins = 0; done.get() < chunks; spins++) {
        if (spins < 10_000) Thread.onSpinWait();
        else LockSupport.parkNanos(10_000);
      }
      Throwable t = failure;
      if (t instanceof RuntimeException r) throw r;
      if (t instanceof Error e) throw e;
      if (t != null) throw new IllegalStateException(t);
    }
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
