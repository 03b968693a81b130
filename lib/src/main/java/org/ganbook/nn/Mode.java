package org.ganbook.nn;

/** Whether a network is being trained (dropout and noise active) or evaluated (they pass through). */
public enum Mode { TRAIN, EVAL }
