"""Near-duplicate documents (MinHash LSH over word shingles); texts written for the test."""

from __future__ import annotations

from kronika.chronicle.duplicates import find_duplicates, shingles

WIRE = (
    "Harbour police in Lenmouth said on Monday that up to 200 officers had been sent to the "
    "port after dockers blocked the main gate for a second day. The dockers' union said the "
    "strike would go on until the port authority withdrew the new shift rules. Traffic on the "
    "coastal road was diverted through Orvik, and ferries to the islands were cancelled. "
    "The port authority said it was ready to meet union leaders on Wednesday."
)
# the same wire story republished: a new first words, a dropped and an added sentence
COPY = (
    "Police in Lenmouth said on Monday that up to 200 officers had been sent to the port "
    "after dockers blocked the main gate for a second day, Harbour Wire reported. The "
    "dockers' union said the strike would go on until the port authority withdrew the new "
    "shift rules. Traffic on the coastal road was diverted through Orvik, and ferries to the "
    "islands were cancelled. Harbour Radio will follow the story."
)
OWN = (
    "Dockers in Lenmouth kept the port closed on Monday. Police sent about 150 officers, "
    "union leaders said, and the port authority has offered talks on Wednesday. Ferries "
    "to the islands did not sail and drivers waited for hours near Orvik."
)


def test_a_republished_wire_story_is_linked() -> None:
    (link,) = find_duplicates([("b", COPY), ("a", WIRE), ("c", OWN)])
    assert (link.document_a, link.document_b) == ("a", "b")
    assert link.kind == "near-copy"
    assert 0.5 <= link.jaccard < 0.9


def test_an_exact_copy_is_a_copy_and_an_own_report_is_not_linked() -> None:
    links = find_duplicates([("a", WIRE), ("b", WIRE.upper()), ("c", OWN)])
    assert [(x.document_a, x.document_b, x.kind) for x in links] == [("a", "b", "copy")]


def test_a_cut_down_copy_is_linked_by_containment() -> None:
    short = WIRE.rsplit(". ", 2)[0]  # the first sentences only
    (link,) = find_duplicates([("a", WIRE), ("b", short)])
    assert link.containment == 1.0


def test_shingles_ignore_case_and_diacritics() -> None:
    assert shingles("Zvečan police said", 2) == shingles("ZVECAN Police said.", 2)
    assert shingles("two words", 5) == {"two words"}
    assert shingles("", 5) == set()


# WIRE reworded by another outlet: a verb or a phrase changed in each sentence, one clause
# dropped; few five-word runs survive, every sentence does
REWORDED = (
    "Harbour police in Lenmouth said on Monday that as many as 200 officers were sent to the "
    "port after dockers blocked its main gate for a second day. The dockers' union said its "
    "strike would continue until the port authority scrapped the new shift rules. Traffic on "
    "the coast road went through Orvik and island ferries were cancelled. The port "
    "authority said it was ready to meet the union's leaders on Wednesday."
)


def test_a_reworded_copy_is_a_rewrite_and_an_own_report_of_the_event_is_not() -> None:
    assert (
        shingles(WIRE)
        and len(shingles(WIRE) & shingles(REWORDED)) / len(shingles(WIRE) | shingles(REWORDED))
        < 0.5
    )  # no near-copy by shingles
    links = find_duplicates([("a", WIRE), ("b", REWORDED), ("c", OWN)])
    assert [(x.document_a, x.document_b, x.kind) for x in links] == [("a", "b", "rewrite")]
