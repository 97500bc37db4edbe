"""Basic checks of the Python package: loading, versions, errors, full coverage of voc.h."""
import os
import re
import unittest

import voc
from voc import _ffi

SOURCE = os.environ.get("VOC_SOURCE_DIR") or os.path.join(os.path.dirname(__file__), "..", "..")


class VersionTest(unittest.TestCase):
    def test_versions_agree(self):
        major, minor, patch = (int(x) for x in voc.version().split("."))
        self.assertEqual(voc.version_number(), major * 10000 + minor * 100 + patch)
        self.assertEqual(voc.abi_version(), _ffi.ABI_VERSION)
        self.assertEqual(voc.__version__, voc.version())

    def test_error_names(self):
        self.assertEqual(_ffi.lib.voc_error_name(-2), b"VOC_EINVAL")
        self.assertEqual(_ffi.lib.voc_error_name(12345), b"VOC_UNKNOWN")

    def test_exception_hierarchy(self):
        self.assertTrue(issubclass(voc.InvalidArgumentError, ValueError))
        self.assertTrue(issubclass(voc.NotFoundError, LookupError))
        self.assertTrue(issubclass(voc.StorageError, OSError))
        self.assertTrue(issubclass(voc.PermissionDeniedError, PermissionError))
        self.assertTrue(issubclass(voc.PermissionDeniedError, voc.VocError))
        self.assertEqual(_ffi.lib.voc_error_name(-13), b"VOC_EPERM")
        for cls in (voc.StateError, voc.ConflictError, voc.AlreadyExistsError):
            self.assertTrue(issubclass(cls, voc.VocError))


class CoverageTest(unittest.TestCase):
    def test_every_c_function_has_a_declared_signature(self):
        with open(os.path.join(SOURCE, "capi", "voc.h"), encoding="utf-8") as f:
            header = f.read()
        declared = set(re.findall(r"VOC_API[^;(]*?\b(voc_\w+)\s*\(", header))
        self.assertGreater(len(declared), 5)
        missing = sorted(declared - set(_ffi.FUNCTIONS))
        self.assertEqual(missing, [], "voc.h functions without a ctypes declaration")
        for name in declared:
            self.assertIsNotNone(getattr(_ffi.lib, name).argtypes, name)


if __name__ == "__main__":
    unittest.main()
