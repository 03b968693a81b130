package org.ganbook.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.ganbook.widgets.Widget;
import org.ganbook.widgets.WidgetTransport;
import org.ganbook.widgets.Widgets;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Jupyter widgets protocol (version 2.1) on the kernel's comms: each widget is a comm of
 * target {@code jupyter.widget}, opened with its state; the {@code jupyter.widget.control}
 * target answers a browser's {@code request_states} with every model at once (JupyterLab asks
 * when it reopens a notebook whose kernel is running).
 *
 * <p>Comms are opened from the execution thread (a cell makes a slider) while messages from the
 * browser are handled on the shell thread, also during a cell ({@link CellMessagePump}); so the
 * comm manager's maps are concurrent, and every send goes through the iopub socket's own lock.
 */
final class WidgetComms implements WidgetTransport {
    static final String WIDGET_TARGET = "jupyter.widget";
    static final String CONTROL_TARGET = "jupyter.widget.control";

    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private static final Type MAP = new TypeToken<Map<String, Object>>() { }.getType();

    private final Comms comms;

    WidgetComms(Comms comms) {
        this.comms = comms;
        comms.registerTarget(CONTROL_TARGET, (manager, id, target, message) -> new ControlComm(manager, id, target));
    }

    /** jjava's comm manager with maps safe to use from two threads, and sends with any message context. */
    static final class Comms extends CommManager {
        Comms() {
            this.comms = new ConcurrentHashMap<>();
            this.targets = new ConcurrentHashMap<>();
        }

        void send(Message<?> message) {
            JupyterSocket socket = this.iopub;
            if (socket != null) socket.sendMessage(message);
        }

        /** The parent of messages sent from Java code: the execute request of the running cell. */
        MessageContext context() { return this.context; }

        boolean connected() { return this.iopub != null; }
    }

    @Override
    public void open(Widget widget) {
        if (!comms.connected()) return;
        Widgets.Wire wire = Widgets.wire(widget.state());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", wire.json());
        data.put("buffer_paths", wire.bufferPaths());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", Widget.PROTOCOL_VERSION);
        var content = new CommOpenCommand(widget.id(), WIDGET_TARGET, json(data));
        comms.registerComm(new WidgetComm(comms, widget.id()));
        comms.send(new Message<>(comms.context(), CommOpenCommand.MESSAGE_TYPE, content, blobs(wire.buffers()), metadata));
    }

    @Override
    public void update(Widget widget, Map<String, Object> state, String method, Object parent) {
        if (!comms.connected()) return;
        Widgets.Wire wire = Widgets.wire(state);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", method);
        data.put("state", wire.json());
        data.put("buffer_paths", wire.bufferPaths());
        send(widget.id(), data, wire.buffers(), parent);
    }

    @Override
    public void custom(Widget widget, Map<String, Object> content) {
        if (!comms.connected()) return;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", "custom");
        data.put("content", content);
        send(widget.id(), data, List.of(), null);
    }

    private void send(String id, Map<String, Object> data, List<byte[]> buffers, Object parent) {
        MessageContext context = parent instanceof MessageContext c ? c : comms.context();
        var content = new CommMsgCommand(id, json(data));
        comms.send(new Message<>(context, CommMsgCommand.MESSAGE_TYPE, content, blobs(buffers), null));
    }

    /**
     * The base library ends a message on its last blob: an empty list would leave the message
     * open and the next one glued to it. No buffers: no blob list.
     */
    private static List<byte[]> blobs(List<byte[]> buffers) {
        return buffers.isEmpty() ? null : buffers;
    }

    static JsonObject json(Map<String, Object> data) {
        return GSON.toJsonTree(data).getAsJsonObject();
    }

    static Map<String, Object> map(JsonObject data) {
        return data == null ? Map.of() : GSON.fromJson(data, MAP);
    }

    /** One widget's comm: the browser's messages go to the widget. */
    static final class WidgetComm extends Comm {
        WidgetComm(CommManager manager, String id) {
            super(manager, id, WIDGET_TARGET);
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
            Widgets.receive(getID(), map(message.getContent().getData()), message.getBlobs(), message);
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        }
    }

    /** The control comm: all states in one reply. */
    final class ControlComm extends Comm {
        ControlComm(CommManager manager, String id, String target) {
            super(manager, id, target);
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
            Object method = map(message.getContent().getData()).get("method");
            if (!"request_states".equals(method)) return;
            Widgets.Wire wire = Widgets.wire(Widgets.allStates());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("method", "update_states");
            data.put("states", wire.json());
            data.put("buffer_paths", wire.bufferPaths());
            WidgetComms.this.send(getID(), data, wire.buffers(), message);
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
        }
    }
}
