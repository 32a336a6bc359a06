"""The review status of a count: read from the reviewer field, an AI assistant never called a person,
never the bare word "reviewed"."""

from workbooks.tables.review_status import AUTOMATIC, BY_AI_ONLY, ReviewStatus, is_person, partly, review_words

AI = "project engineer (AI coding assistant)"


def test_an_ai_assistant_is_not_a_person():
    assert not is_person(AI)
    assert not is_person("Claude, an AI assistant")
    assert is_person("Jane Doe (ILO)")
    assert is_person("Aisha Bello")  # 'Ai' inside a name is not 'AI'
    assert not is_person("")


def test_words_follow_who_checked():
    assert review_words([]) == AUTOMATIC
    assert review_words([AI, AI]) == BY_AI_ONLY == "checked by an AI assistant, not yet by a person"
    assert review_words(["Jane Doe (ILO)"]) == "checked by 1 person"
    assert review_words(["Jane Doe (ILO)", "Omar Said", AI]) == "checked by 2 people and an AI assistant"
    assert "reviewed" not in " ".join(review_words(r) for r in ([], [AI], ["Jane"]))


def test_partly_checked_gives_the_counts_and_the_edges_say_so_plainly():
    assert partly(BY_AI_ONLY, 3, 5) == f"{BY_AI_ONLY} (3 of 5)"
    assert partly(BY_AI_ONLY, 5, 5) == BY_AI_ONLY
    assert partly(BY_AI_ONLY, 0, 5) == AUTOMATIC
    # with what is counted, the counts say what they count and the unchecked ones are said too
    assert partly(BY_AI_ONLY, 2, 9, "scores") == f"2 of the 9 scores {BY_AI_ONLY}; the other 7 {AUTOMATIC}"
    assert partly(BY_AI_ONLY, 9, 9, "scores") == f"all 9 scores {BY_AI_ONLY}"
    assert partly(BY_AI_ONLY, 0, 9, "scores") == f"all 9 scores {AUTOMATIC}"
    assert ReviewStatus.of([" ", AI]).assistants == (AI,)


def test_results_checked_by_different_reviewers_are_said_kind_by_kind_with_the_agreement_where_it_belongs():
    from workbooks.tables.review_status import Agreement, status_of

    both, ana, nobody = ReviewStatus.of(["Ana", "Ben"]), ReviewStatus.of(["Ana"]), ReviewStatus()
    assert status_of([]) == AUTOMATIC and status_of([nobody, nobody]) == AUTOMATIC
    assert status_of([ana, ana]) == "checked by 1 person"
    assert status_of([ana, nobody, both, both]) == "checked by 2 people (2 of 4); checked by 1 person (1 of 4)"
    measured = Agreement(alpha=0.8234, compared=5, agreeing=4, reviewers=2)
    assert status_of([ana, both, nobody], measured, "code") == (
        "checked by 2 people (1 of 3), agreement alpha 0.82 on the 5 codes both checked on their own; checked by 1 person (1 of 3)"
    )
    # the codes both checked are not among these (rejected, say): the agreement is a clause of its own
    assert status_of([ana, nobody], measured, "code") == (
        "checked by 1 person (1 of 2); agreement between the 2 reviewers who checked the same 5 codes on their own: alpha 0.82"
    )
    assert status_of([nobody], measured, "code") == AUTOMATIC  # no count here rests on a check
    # two kinds checked by several reviewers: which the agreement is about is not known, so it comes last
    assert status_of([both, ReviewStatus.of(["Ana", AI])], measured, "code") == (
        "checked by 2 people (1 of 2); checked by 1 person and an AI assistant (1 of 2); agreement between the 2 "
        "reviewers who checked the same 5 codes on their own: alpha 0.82"
    )


def test_results_checked_by_different_kinds_are_counted_each_never_as_one_phrase():
    from workbooks.tables.review_status import mixed_kinds, words_by_kind

    assistant = "project engineer (AI coding assistant)"
    each = [("Jane Doe",), ("Ali Ben",), (assistant,)]
    assert mixed_kinds(each) and words_by_kind(each) == (
        "checked by 1 person (2 of 3); checked by an AI assistant, not yet by a person (1 of 3)"
    )
    alike = [("Jane Doe", "Ali Ben"), ("Ali Ben", "Jane Doe")]
    assert not mixed_kinds(alike) and words_by_kind(alike) == "checked by 2 people"
