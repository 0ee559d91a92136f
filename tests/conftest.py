import pytest

import quoteattr


@pytest.fixture(scope="session")
def attributor() -> quoteattr.Attributor:
    """One Attributor (one model load) for the whole run."""
    return quoteattr.Attributor()
