package org.ganbook.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell's text cut into its parts: Java code and IJava's magics. A line that starts with
 * {@code %name} is a line magic; a cell whose first line starts with {@code %%name} is a cell
 * magic whose body is the rest of the cell. Offsets are kept so errors point into the cell.
 */
final class CellSource {

    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%(\\w[^\\n]*)$", Pattern.MULTILINE);
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%(\\w[^\\n]*)(?:\\n|$)");

    /** One part of a cell: code starting at {@code offset}, or a magic call. */
    record Part(String code, int offset, String magicName, List<String> magicArgs, String magicBody) {
        boolean isMagic() {
            return magicName != null;
        }

        boolean isCellMagic() {
            return magicBody != null;
        }
    }

    private CellSource() {
    }

    static List<Part> parts(String cell) {
        List<Part> parts = new ArrayList<>();
        Matcher cm = CELL_MAGIC.matcher(cell);
        if (cm.find()) {
            List<String> words = splitArgs(cm.group(1));
            parts.add(new Part(null, 0, words.get(0), words.subList(1, words.size()), cell.substring(cm.end())));
            return parts;
        }
        Matcher m = LINE_MAGIC.matcher(cell);
        int codeStart = 0;
        while (m.find()) {
            if (inStringOrComment(cell, m.start())) {
                continue;
            }
            if (m.start() > codeStart) {
                parts.add(new Part(cell.substring(codeStart, m.start()), codeStart, null, null, null));
            }
            List<String> words = splitArgs(m.group(1));
            parts.add(new Part(null, m.start(), words.get(0), words.subList(1, words.size()), null));
            codeStart = m.end();
        }
        if (codeStart < cell.length()) {
            parts.add(new Part(cell.substring(codeStart), codeStart, null, null, null));
        }
        return parts;
    }

    /** The cell with magic lines blanked out (same length), for completeness and completion. */
    static String codeOnly(String cell) {
        if (CELL_MAGIC.matcher(cell).find()) {
            return "";
        }
        StringBuilder out = new StringBuilder(cell);
        Matcher m = LINE_MAGIC.matcher(cell);
        while (m.find()) {
            if (!inStringOrComment(cell, m.start())) {
                for (int i = m.start(); i < m.end(); i++) {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    /** Whether a position lies inside a text block or block comment opened before it. */
    private static boolean inStringOrComment(String cell, int pos) {
        String before = cell.substring(0, pos);
        int blocks = before.split("\"\"\"", -1).length - 1;
        if (blocks % 2 == 1) {
            return true;
        }
        return before.lastIndexOf("/*") > before.lastIndexOf("*/");
    }

    /** Splits magic arguments at blanks; double quotes group, a backslash escapes. */
    static List<String> splitArgs(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        boolean any = false;
        for (char c : line.trim().toCharArray()) {
            if (escaped) {
                word.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any || word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
            }
        }
        if (any || word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** 1-based line number of a position in a text. */
    static int lineOf(String text, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The text of a 1-based line. */
    static String lineText(String text, int line) {
        String[] lines = text.split("\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
