"""A long document is read in windows of paragraphs (bounded memory): the result must not depend on where
the windows fall, pronouns and speakers carrying on across them."""
from __future__ import annotations

import pytest

from quoteattr import attributor as attributor_module

ARTICLE = "\n\n".join([
    "The city's transport director, Maria Ortega, said the new tram line would open in March.",
    '"We are ahead of schedule and under budget," Ortega told reporters on Monday.',
    "She added that the contractors had been paid in full.",
    "The opposition leader, Tom Hale, was not convinced. He said the figures had been massaged.",
    '"Nobody believes these numbers," he said.',
    '"Not the riders, not the unions, not the auditors.',
    '"And certainly not me."',
    "In a statement, the Transit Workers Union said its members would strike if wages were frozen.",
    "Hale later posted:",
    '"The director owes this city an apology."',
    "According to the union, talks will resume next week.",
    '"We will be there," a union spokesperson said, "but we will not be patient for long."',
    "Ortega declined to comment further.",
])


@pytest.mark.parametrize("window", [1, 90, 400])
def test_windows_give_the_same_result_as_one_pass(attributor, monkeypatch, window):
    whole = attributor(ARTICLE)
    assert len(whole.quotes) >= 8 and any(q.speaker and q.speaker.name == "Tom Hale" for q in whole.quotes)
    monkeypatch.setattr(attributor_module, "WINDOW_CHARACTERS", window)
    assert attributor(ARTICLE) == whole


def test_a_window_holds_a_paragraph_ending_on_a_colon_with_the_next(monkeypatch):
    monkeypatch.setattr(attributor_module, "WINDOW_CHARACTERS", 1)
    document = attributor_module._Document.prepare(ARTICLE)
    windows = [[p.text for p in w.paragraphs if p.text.strip()] for w in document.windows()]
    assert ["Hale later posted:", '"The director owes this city an apology."'] in windows
    assert sum(len(w.stretches) for w in document.windows()) == len(document.stretches)
