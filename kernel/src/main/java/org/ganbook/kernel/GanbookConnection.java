package org.ganbook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.MessageContext;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

/** The base library's connection, with its shell socket in reach of {@link CellMessagePump}. */
final class GanbookConnection extends JupyterConnection {
    GanbookConnection(KernelConnectionProperties properties) throws NoSuchAlgorithmException, InvalidKeyException {
        super(properties);
    }

    ShellChannel shell() {
        return this.shell;
    }

    /**
     * A reply environment that sends replies and output but no busy/idle status: for a message
     * handled while a cell runs, the kernel is busy with the cell, and an "idle" for the comm
     * message would tell JupyterLab otherwise.
     */
    ShellReplyEnvironment quietEnvironment(MessageContext context) {
        return new Quiet(this.shell, this.stdin, this, context);
    }

    private static final class Quiet extends ShellReplyEnvironment {
        Quiet(ShellChannel shell, StdinChannel stdin, GanbookConnection connection, MessageContext context) {
            super(shell, stdin, connection.getIOPub(), context);
        }

        @Override
        public void setStatusBusy() {
        }

        @Override
        public void setStatusIdle() {
        }

        @Override
        public void setBusyDeferIdle() {
        }
    }
}
