package org.ganbook.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cells this kernel ran, for history requests: tail, range and glob search (as IPython's
 * history, one session per kernel).
 */
final class CellHistory implements HistoryManager {

    static final int SESSION = 1;

    private final List<HistoryEntry> entries = Collections.synchronizedList(new ArrayList<>());

    void record(int cell, String input, String output) {
        entries.add(new HistoryEntry(SESSION, cell, input, output));
    }

    private List<HistoryEntry> snapshot(Set<ResultFlag> flags) {
        List<HistoryEntry> copy;
        synchronized (entries) {
            copy = new ArrayList<>(entries);
        }
        if (flags.contains(ResultFlag.INCLUDE_OUTPUT)) {
            return copy;
        }
        List<HistoryEntry> inputs = new ArrayList<>();
        for (HistoryEntry e : copy) {
            inputs.add(new HistoryEntry(e.getSession(), e.getCellNumber(), e.getInput(), null));
        }
        return inputs;
    }

    @Override
    public List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        List<HistoryEntry> all = snapshot(flags);
        return new ArrayList<>(all.subList(Math.max(0, all.size() - Math.max(0, length)), all.size()));
    }

    @Override
    public List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        // IPython: a session <= 0 counts back from the current one; this kernel has one session.
        if (session > 0 && session != SESSION) {
            return List.of();
        }
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : snapshot(flags)) {
            if (e.getCellNumber() >= start && (stop <= 0 || e.getCellNumber() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<HistoryEntry> matching = new ArrayList<>();
        for (HistoryEntry e : snapshot(flags)) {
            if (glob.matcher(e.getInput()).matches()) {
                matching.add(e);
            }
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, HistoryEntry> latest = new LinkedHashMap<>();
            for (HistoryEntry e : matching) {
                latest.remove(e.getInput());
                latest.put(e.getInput(), e);
            }
            matching = new ArrayList<>(latest.values());
        }
        if (length > 0 && matching.size() > length) {
            matching = new ArrayList<>(matching.subList(matching.size() - length, matching.size()));
        }
        return matching;
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
