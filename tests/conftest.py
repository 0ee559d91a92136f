import os

import pytest
from hypothesis import settings

import quoteattr

# In CI the property tests draw the same examples every run: a red build then always means a change.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def attributor() -> quoteattr.Attributor:
    """One Attributor (one model load) for the whole run; one torch thread keeps a busy machine fast."""
    return quoteattr.Attributor(threads=1)
