package org.ganbook.kernel;

/**
 * What {@code System.exit(n)} in a cell throws instead of ending the kernel (see {@link
 * SystemExitPatch}); the kernel reports it as the cell's error and keeps every variable, as IPython
 * does with {@code SystemExit}. An {@link Error}, so that a cell's {@code catch (Exception e)}
 * does not swallow it.
 *
 * <p>Public, with a public static {@link #exit(int)} of {@code System.exit}'s signature: the
 * cells' classes call it in place of {@code System.exit}.
 */
public final class SystemExit extends Error {

    private static final long serialVersionUID = 1L;

    private final int status;

    private SystemExit(int status) {
        super(message(status));
        this.status = status;
    }

    /** Called by the cells' classes in place of {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new SystemExit(status);
    }

    static String message(int status) {
        return "System.exit(" + status + ") called: use Kernel > Restart";
    }

    int status() {
        return status;
    }
}
