"""The notebook harness (environment/run_notebooks.py) on fixture notebooks: it passes a good one,
writes its outputs with --write, and fails on an error cell, on an exception printed to stderr, on a
notebook without an image, and on an empty notebooks folder."""
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[4]
HARNESS = ROOT / "environment" / "run_notebooks.py"
FIXTURES = ROOT / "kernel" / "src" / "test" / "notebooks"


def harness(*args):
    done = subprocess.run([sys.executable, str(HARNESS), *args], capture_output=True, text=True, timeout=900)
    return done.returncode, done.stdout + done.stderr


class NotebookHarness(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="ganbook-notebooks-"))

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def copy(self, *names):
        for name in names:
            shutil.copy(FIXTURES / name, self.dir / name)

    def test_passes_a_notebook_with_an_image_and_writes_its_outputs(self):
        self.copy("01-image.ipynb")
        rc, out = harness("--dir", str(self.dir), "--write")
        self.assertEqual(rc, 0, out)
        self.assertIn("PASS 01-image.ipynb", out)
        nb = nbformat.read(str(self.dir / "01-image.ipynb"), as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        self.assertTrue(any("image/png" in o.get("data", {}) for o in outputs))
        # Quick mode reached the kernel.
        self.assertTrue(any(o.get("text", "") == "quick mode: 1\n" for o in outputs))

    def test_fails_on_error_cell_stderr_exception_and_missing_image(self):
        self.copy("02-error.ipynb", "03-no-image.ipynb", "04-stderr-exception.ipynb")
        rc, out = harness("--dir", str(self.dir))
        self.assertEqual(rc, 1, out)
        self.assertIn("FAIL 02-error.ipynb", out)
        self.assertIn("IllegalStateException: an error cell", out)
        self.assertIn("FAIL 03-no-image.ipynb", out)
        self.assertIn("no image/png output", out)
        self.assertIn("FAIL 04-stderr-exception.ipynb", out)
        self.assertIn("exception on stderr", out)
        self.assertIn("0 of 3 notebooks passed", out)

    def test_fails_when_there_are_no_notebooks(self):
        rc, out = harness("--dir", str(self.dir))
        self.assertEqual(rc, 1, out)
        self.assertIn("no notebooks", out)


if __name__ == "__main__":
    unittest.main()
