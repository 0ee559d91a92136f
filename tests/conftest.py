import pytest

import quoteattr


@pytest.fixture(scope="session")
def attributor() -> quoteattr.Attributor:
    """One Attributor (one model load) for the whole run; one torch thread keeps a busy machine fast."""
    return quoteattr.Attributor(threads=1)
