package org.ganbook.nn;

/**
 * How a forward pass runs. TRAIN: dropout and noise active, batch norm on the minibatch's own
 * statistics, updating its running averages. EVAL: dropout and noise pass through, batch norm on
 * its running averages. GENERATE: as openai/improved-gan draws a generator's samples (its sample
 * function takes G's output with {@code deterministic=False} and applies no updates): dropout and
 * noise pass through, batch norm normalises with the minibatch's own statistics and leaves its
 * running averages as they are.
 */
public enum Mode { TRAIN, EVAL, GENERATE }
