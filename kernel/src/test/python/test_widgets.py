"""Jupyter widgets from the ganbook-java kernel, through the protocol (jupyter_client): the
messages of ipywidgets 8 (widget protocol 2.1), and a browser's change reaching a running cell."""
import time
import unittest

import kernel_client as k

W = "org.ganbook.widgets.Widgets"


class Widgets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = k.start()

    @classmethod
    def tearDownClass(cls):
        k.stop(cls.km, cls.kc)

    def iopub_until(self, accept, timeout=60):
        """iopub messages up to and including the first that `accept` takes."""
        got = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(1.0, deadline - time.monotonic()))
            got.append(msg)
            if accept(msg):
                return got

    def send_shell(self, msg_type, content):
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def open_slider(self, name, value):
        msg_id = self.kc.execute(
            f'var {name} = {W}.slider("{name}", 0, 1, 0.01, {value});\ndisplay({name});')
        got = self.iopub_until(lambda m: m["parent_header"].get("msg_id") == msg_id
                               and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
        opens = [m for m in got if m["msg_type"] == "comm_open"]
        shown = [m for m in got if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1, [m["msg_type"] for m in got])
        return opens, shown[0]

    def test_a_displayed_slider_opens_its_models_and_shows_a_widget_view(self):
        opens, shown = self.open_slider("shown", 0.25)
        names = [m["content"]["data"]["state"]["_model_name"] for m in opens]
        self.assertEqual(names, ["LayoutModel", "SliderStyleModel", "FloatSliderModel"])
        for m in opens:
            self.assertEqual(m["content"]["target_name"], "jupyter.widget")
            self.assertEqual(m["metadata"]["version"], "2.1.0")
            self.assertEqual(m["content"]["data"]["buffer_paths"], [])
        slider = opens[-1]["content"]
        self.assertEqual(slider["data"]["state"]["value"], 0.25)
        self.assertEqual(slider["data"]["state"]["layout"], "IPY_MODEL_" + opens[0]["content"]["comm_id"])
        view = shown["content"]["data"]["application/vnd.jupyter.widget-view+json"]
        self.assertEqual(view["model_id"], slider["comm_id"])
        self.assertEqual(view["version_major"], 2)
        self.assertIn("text/plain", shown["content"]["data"])

    def test_a_browsers_update_reaches_a_running_cell(self):
        opens, _ = self.open_slider("rate", 0.1)
        comm_id = opens[-1]["content"]["comm_id"]
        # The cell polls the slider as a training loop would, and says when it sees a new value.
        cell = self.kc.execute(
            'System.out.println("running"); System.out.flush();\n'
            'long until = System.currentTimeMillis() + 30_000;\n'
            'while (rate.value() == 0.1 && System.currentTimeMillis() < until) Thread.sleep(5);\n'
            'System.out.println("saw " + rate.value());')
        self.iopub_until(lambda m: m["parent_header"].get("msg_id") == cell and m["msg_type"] == "stream"
                         and "running" in m["content"]["text"])
        update = self.send_shell("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": {"value": 0.5}, "buffer_paths": []}})
        # A second cell sent meanwhile waits for the first, as before.
        after = self.kc.execute('System.out.println("after " + rate.value());')
        got = self.iopub_until(lambda m: m["parent_header"].get("msg_id") == after
                               and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
        texts = [m["content"]["text"] for m in got if m["msg_type"] == "stream"]
        self.assertIn("saw 0.5\n", texts)
        self.assertLess(texts.index("saw 0.5\n"), texts.index("after 0.5\n"))
        echoes = [m for m in got if m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == update]
        self.assertEqual(len(echoes), 1)
        self.assertEqual(echoes[0]["content"]["data"], {"method": "echo_update", "state": {"value": 0.5}, "buffer_paths": []})
        # The update has its busy and idle (the widgets' front end waits for that idle before it sends
        # a control's next change), and the running cell's busy comes right after.
        states = [(m["parent_header"].get("msg_id"), m["content"]["execution_state"]) for m in got if m["msg_type"] == "status"]
        at = states.index((update, "idle"))
        self.assertEqual(states[at - 1], (update, "busy"))
        self.assertEqual(states[at + 1], (cell, "busy"), "the kernel is busy again with the cell")
        idle_of_cell = [i for i, m in enumerate(got) if m["msg_type"] == "status"
                        and m["parent_header"].get("msg_id") == cell and m["content"]["execution_state"] == "idle"]
        started_after = [i for i, m in enumerate(got) if m["msg_type"] == "status"
                         and m["parent_header"].get("msg_id") == after and m["content"]["execution_state"] == "busy"]
        self.assertLess(idle_of_cell[0], started_after[0], "the held cell starts after the first one's idle")

    def test_a_refused_value_is_answered_with_the_kept_one(self):
        opens, _ = self.open_slider("kept", 0.3)
        comm_id = opens[-1]["content"]["comm_id"]
        update = self.send_shell("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": {"value": 7}, "buffer_paths": []}})
        got = self.iopub_until(lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == update)
        self.assertEqual(got[-1]["content"]["data"]["method"], "update")
        self.assertEqual(got[-1]["content"]["data"]["state"], {"value": 0.3})
        reply, outputs = k.execute(self.kc, "kept.value()")
        self.assertEqual(k.result(outputs)["text/plain"], "0.3")

    def test_the_control_comm_returns_every_state(self):
        opens, _ = self.open_slider("listed", 0.7)
        control = "control-comm-1"
        self.send_shell("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}})
        ask = self.send_shell("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        got = self.iopub_until(lambda m: m["msg_type"] == "comm_msg" and m["parent_header"].get("msg_id") == ask)
        data = got[-1]["content"]["data"]
        self.assertEqual(data["method"], "update_states")
        slider = data["states"][opens[-1]["content"]["comm_id"]]
        self.assertEqual(slider["model_name"], "FloatSliderModel")
        self.assertEqual(slider["model_module"], "@jupyter-widgets/controls")
        self.assertEqual(slider["state"]["value"], 0.7)

    def test_a_button_click_runs_its_handler_during_a_cell(self):
        msg_id = self.kc.execute(f'var clicks = new java.util.concurrent.atomic.AtomicInteger();\n'
                                 f'var go = {W}.button("go");\ngo.onClick(clicks::incrementAndGet);\ndisplay(go);')
        got = self.iopub_until(lambda m: m["parent_header"].get("msg_id") == msg_id
                               and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
        comm_id = [m for m in got if m["msg_type"] == "comm_open"][-1]["content"]["comm_id"]
        cell = self.kc.execute('System.out.println("running"); System.out.flush();\n'
                               'long end = System.currentTimeMillis() + 30_000;\n'
                               'while (clicks.get() == 0 && System.currentTimeMillis() < end) Thread.sleep(5);\n'
                               'System.out.println("clicks " + clicks.get());')
        self.iopub_until(lambda m: m["parent_header"].get("msg_id") == cell and m["msg_type"] == "stream"
                         and "running" in m["content"]["text"])
        self.send_shell("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}})
        got = self.iopub_until(lambda m: m["parent_header"].get("msg_id") == cell
                               and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
        self.assertIn("clicks 1\n", [m["content"]["text"] for m in got if m["msg_type"] == "stream"])

    def test_every_models_state_has_ipywidgets_8_keys_and_modules(self):
        import ipywidgets
        msg_id = self.kc.execute(
            f'display({W}.vbox({W}.slider("a", 0, 1, 0.1, 0.5), {W}.logSlider("b", -4, 0, 0.1, 1e-3), '
            f'{W}.intSlider("c", 1, 9, 2), {W}.dropdown("d", List.of("x", "y"), "y"), '
            f'{W}.toggleButtons("e", List.of("x", "y"), "x"), {W}.button("f"), {W}.play("g", 10, 100), '
            f'{W}.label("h"), {W}.html("<b>i</b>"), {W}.image(100), {W}.output(), {W}.hbox()));')
        got = self.iopub_until(lambda m: m["parent_header"].get("msg_id") == msg_id
                               and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
        states = [m["content"]["data"]["state"] for m in got if m["msg_type"] == "comm_open"]
        python = {"FloatSliderModel": ipywidgets.FloatSlider, "FloatLogSliderModel": ipywidgets.FloatLogSlider,
                  "IntSliderModel": ipywidgets.IntSlider, "DropdownModel": ipywidgets.Dropdown,
                  "ToggleButtonsModel": ipywidgets.ToggleButtons, "ButtonModel": ipywidgets.Button,
                  "PlayModel": ipywidgets.Play, "LabelModel": ipywidgets.Label, "HTMLModel": ipywidgets.HTML,
                  "ImageModel": ipywidgets.Image, "HBoxModel": ipywidgets.HBox, "VBoxModel": ipywidgets.VBox,
                  "LayoutModel": ipywidgets.Layout, "OutputModel": ipywidgets.Output}
        seen = set()
        for state in states:
            name = state["_model_name"]
            if name.endswith("StyleModel"):
                continue
            theirs = python[name]().get_state()
            seen.add(name)
            ours_keys = set(state) | ({"value"} if name == "ImageModel" else set())   # Image's value goes as a buffer
            self.assertEqual(ours_keys, set(theirs), name)
            for key in ("_model_module", "_model_module_version", "_view_module", "_view_module_version", "_view_name"):
                self.assertEqual(state[key], theirs[key], f"{name}.{key}")
        self.assertEqual(seen, set(python))

    def test_an_output_shows_what_code_writes_to_it(self):
        msg_id = self.kc.execute(
            f'var log = {W}.output();\ndisplay(log);\nlog.print("iteration 100\\n");\nlog.print("iteration 200\\n");\n'
            'log.html("<b>done</b>");')
        got = self.iopub_until(lambda m: m["parent_header"].get("msg_id") == msg_id
                               and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle")
        opened = [m["content"] for m in got if m["msg_type"] == "comm_open"
                  and m["content"]["data"]["state"]["_model_name"] == "OutputModel"]
        self.assertEqual(len(opened), 1)
        updates = [m["content"]["data"]["state"]["outputs"] for m in got if m["msg_type"] == "comm_msg"
                   and m["content"]["comm_id"] == opened[0]["comm_id"] and "outputs" in m["content"]["data"].get("state", {})]
        self.assertEqual(updates[-1], [
            {"output_type": "stream", "name": "stdout", "text": "iteration 100\niteration 200\n"},
            {"output_type": "display_data", "data": {"text/html": "<b>done</b>", "text/plain": "<b>done</b>"}, "metadata": {}}])
        import nbformat
        for output in updates[-1]:   # each is a valid notebook output
            nbformat.validate(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(outputs=[nbformat.from_dict(output)])]))


if __name__ == "__main__":
    unittest.main()
