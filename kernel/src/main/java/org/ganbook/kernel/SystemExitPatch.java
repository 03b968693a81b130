package org.ganbook.kernel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rewrites a cell's class file so that its calls to {@code System.exit(int)} call {@link
 * SystemExit#exit(int)} instead, which throws.
 *
 * <p>Why rewriting and not a SecurityManager. JShell runs the cells in the kernel's own JVM, so
 * {@code System.exit} would end the kernel with every variable. A SecurityManager whose {@code
 * checkExit} throws would catch every caller, library code included, but it is deprecated for
 * removal: JDK 17 prints a warning when one is installed, JDK 18 to 23 refuse it unless the JVM
 * starts with {@code -Djava.security.manager=allow}, JDK 24+ refuse it always; and once installed
 * it changes the whole JVM (every permission check calls it, the common fork-join pool switches to
 * threads that drop their thread-locals). Rewriting touches only the cells' own classes and works
 * the same on every JDK. What it does not catch: {@code System.exit} called from inside a library,
 * {@code Runtime.getRuntime().exit/halt}, and reflection; those still end the kernel.
 *
 * <p>How. A call to {@code System.exit} is an {@code invokestatic} of a {@code Methodref}
 * constant whose class is {@code java/lang/System}, name {@code exit}, type {@code (I)V}; a method
 * reference {@code System::exit} points at the same constant through a {@code MethodHandle}. We
 * append two constants to the pool, the {@code Utf8} name of {@link SystemExit} and a {@code
 * Class} for it, and point that {@code Methodref} at the new class. No code, offset, index or
 * stack map changes: the rest of the file is copied as it is. A class file we cannot read (a
 * constant tag newer than this code) is left unchanged.
 */
final class SystemExitPatch {

    static final String TARGET = SystemExit.class.getName().replace('.', '/');

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELDREF = 9;
    private static final int METHODREF = 10;
    private static final int INTERFACE_METHODREF = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private SystemExitPatch() {
    }

    /** The class file with its {@code System.exit} calls redirected, or the same array if none. */
    static byte[] patch(byte[] classFile) {
        try {
            return patchOrNull(classFile);
        } catch (RuntimeException unreadable) {
            return classFile;
        }
    }

    private static byte[] patchOrNull(byte[] b) {
        if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
            return b;
        }
        int count = u2(b, 8);
        int[] offset = new int[count];
        int pos = 10;
        for (int i = 1; i < count; i++) {
            offset[i] = pos;
            int tag = b[pos] & 0xFF;
            switch (tag) {
                case UTF8 -> pos += 3 + u2(b, pos + 1);
                case INTEGER, FLOAT, FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC,
                        INVOKE_DYNAMIC -> pos += 5;
                case LONG, DOUBLE -> {
                    pos += 9;
                    i++; // takes two slots
                }
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> pos += 3;
                case METHOD_HANDLE -> pos += 4;
                default -> {
                    return b; // a constant this code does not know: leave the class alone
                }
            }
        }
        int poolEnd = pos;

        List<Integer> exitRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int at = offset[i];
            if (at == 0 || (b[at] & 0xFF) != METHODREF) {
                continue;
            }
            int classIndex = u2(b, at + 1);
            int natIndex = u2(b, at + 3);
            if (utf8At(b, offset, u2(b, offset[classIndex] + 1)).equals("java/lang/System")
                    && utf8At(b, offset, u2(b, offset[natIndex] + 1)).equals("exit")
                    && utf8At(b, offset, u2(b, offset[natIndex] + 3)).equals("(I)V")) {
                exitRefs.add(at);
            }
        }
        if (exitRefs.isEmpty() || count + 2 > 0xFFFF) {
            return b;
        }

        byte[] pool = Arrays.copyOfRange(b, 10, poolEnd);
        int newClass = count + 1;
        for (int at : exitRefs) {
            pool[at - 10 + 1] = (byte) (newClass >>> 8);
            pool[at - 10 + 2] = (byte) newClass;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + TARGET.length() + 8);
            DataOutputStream data = new DataOutputStream(out);
            data.write(b, 0, 8);              // magic and version
            data.writeShort(count + 2);       // two more constants
            data.write(pool);
            data.writeByte(UTF8);             // #count: the name of SystemExit
            byte[] name = TARGET.getBytes(StandardCharsets.UTF_8);
            data.writeShort(name.length);
            data.write(name);
            data.writeByte(CLASS);            // #count + 1: the class SystemExit
            data.writeShort(count);
            data.write(b, poolEnd, b.length - poolEnd);
            data.flush();
            return out.toByteArray();
        } catch (IOException impossible) {
            return b;
        }
    }

    /** The {@code Utf8} constant at the index, or "" if it is not one (plain ASCII names only). */
    private static String utf8At(byte[] b, int[] offset, int index) {
        if (index <= 0 || index >= offset.length || offset[index] == 0 || (b[offset[index]] & 0xFF) != UTF8) {
            return "";
        }
        int at = offset[index];
        return new String(b, at + 3, u2(b, at + 1), StandardCharsets.UTF_8);
    }

    private static int u2(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }
}
