package org.ganbook.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A minibatch loss and its gradient with respect to the logits it was computed from. */
public record Loss(double value, INDArray gradient) {}
