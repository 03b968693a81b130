package org.ganbook.kernel;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

import java.util.ArrayList;
import java.util.List;

/**
 * Replies the base library sends without the {@code status} field that protocol 5 requires
 * (kernel_info, history, interrupt, shutdown), and a history reply in the protocol's tuple form.
 */
final class Replies {

    private Replies() {
    }

    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialized by gson
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language, String banner, List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    /** history: [session, line, input] or [session, line, [input, output]]. */
    @SuppressWarnings({"unused", "rawtypes", "unchecked"})
    static final class History implements ContentType {
        private final String status = "ok";
        private final List<List<Object>> history = new ArrayList<>();

        History(List<HistoryEntry> entries, boolean withOutput) {
            for (HistoryEntry e : entries) {
                List<Object> row = new ArrayList<>();
                row.add(e.getSession());
                row.add(e.getCellNumber());
                row.add(withOutput ? List.of(e.getInput(), e.getOutput() == null ? "" : e.getOutput()) : e.getInput());
                history.add(row);
            }
        }

        @Override
        public MessageType getType() {
            return MessageType.HISTORY_REPLY;
        }
    }

    @SuppressWarnings({"unused", "rawtypes"})
    static final class Interrupt implements ContentType {
        private final String status = "ok";

        @Override
        public MessageType getType() {
            return MessageType.INTERRUPT_REPLY;
        }
    }

    @SuppressWarnings({"unused", "rawtypes"})
    static final class Shutdown implements ContentType {
        private final String status = "ok";
        private final boolean restart;

        Shutdown(boolean restart) {
            this.restart = restart;
        }

        @Override
        public MessageType getType() {
            return MessageType.SHUTDOWN_REPLY;
        }
    }
}
