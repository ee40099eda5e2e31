"""Every error and warning code is defined once (a second definition would silently replace the first)."""

from __future__ import annotations

import inspect
import re
from collections import Counter

from toolkit import errors


def test_errors_codes_are_unique():
    codes = re.findall(r"^\s+([EW]\d{3}) = ", inspect.getsource(errors), flags=re.M)
    assert len(codes) > 50
    assert [code for code, n in Counter(codes).items() if n > 1] == []
