package org.ganbook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

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
}
