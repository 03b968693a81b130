package org.ganbook.gan;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory of one training iteration. Every array an iteration makes and then forgets
 * (activations, dropout masks, gradients of activations, minibatches) is allocated in an ND4J
 * workspace: one block, learned in the first iteration and reused by every later one.
 *
 * <p>Why: without it each of those arrays is fresh memory from the system, zeroed by libnd4j and
 * released only when Java's garbage collector finds its INDArray. On the 2-core virtual machines
 * this project is measured on, touching fresh pages cost more than the arithmetic: the page faults
 * took most of an iteration of the paper's MNIST GAN (bench/README.md, "the memory of an iteration").
 *
 * <p>What stays after an iteration must be made outside: parameters and their gradients are made
 * with the networks, and optimizer state is created in {@code scopeOutOfWorkspaces}. Nothing made
 * inside may be kept: the trainers turn losses and means into doubles before the scope closes, and
 * call observers between iterations, outside it. Used by one thread, within one {@code train} call:
 * {@link #close()} at its end gives the block back. {@code bench/Profile} uses it as the trainers do.
 */
public final class IterationMemory implements AutoCloseable {
  private static final WorkspaceConfiguration CONFIGURATION = WorkspaceConfiguration.builder()
      .initialSize(0)
      .policyLearning(LearningPolicy.FIRST_LOOP)      // size the block by the first iteration
      .policyAllocation(AllocationPolicy.OVERALLOCATE)
      .overallocationLimit(0.2)
      .policySpill(SpillPolicy.REALLOCATE)            // a larger later iteration grows the block
      .build();

  private final String id;
  private MemoryWorkspace workspace;

  /** Memory for the iterations of {@code owner}, a trainer (it names the workspace). */
  public IterationMemory(Object owner) {
    this.id = "ganbook-iteration-" + System.identityHashCode(owner);
  }

  /** Opens the scope of one iteration; close the returned workspace when the iteration ends. */
  public MemoryWorkspace iteration() {
    workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIGURATION, id);
    return workspace;
  }

  /** Frees the block. */
  @Override public void close() {
    if (workspace != null) Nd4j.getWorkspaceManager().destroyWorkspace(workspace);
    workspace = null;
  }
}
