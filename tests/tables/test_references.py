"""The shared reference lists: GCM objectives and principles, and the checklist's names."""

import pytest

from conftest import ROOT
from workbooks.errors import ChecklistError
from workbooks.tables.references import checklist_labels, gcm_references


def test_gcm_references_are_the_tables_in_data():
    objectives, principles = gcm_references(ROOT)
    assert objectives == list(range(1, 24)) and len(principles) == 10 and "gender-responsive" in principles


def test_checklist_labels_name_every_pillar_and_item():
    labels = checklist_labels(ROOT)
    assert labels["decent-work"] == "Access to decent work" and labels["job-creation"] == "Job creation"
    assert len(labels) == 4 + 12  # 11 items of the mandate and the "serves emigrants" scope item


@pytest.mark.parametrize(
    "text, message",
    [
        ("pillars: []\n", "checklist.yaml, line 1, key 'items': must be a list"),
        (
            "pillars: [{key: a}]\nitems: []\n",
            "checklist.yaml, line 1, key 'pillars': pillar #1 needs a 'key' and a 'label'",
        ),
        ("pillars: [\n", "not valid YAML"),
    ],
)
def test_a_broken_checklist_is_named(tmp_path, text, message):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "checklist.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError, match="checklist.yaml") as error:
        checklist_labels(tmp_path)
    assert message in str(error.value)
