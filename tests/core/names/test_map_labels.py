"""Names beside marks on a map (`core.labels`): where a label may go around its mark, what
counts as inside the picture and as clear of another label, and which place each label takes.
Rectangles are (x, y, width, height) with y growing downwards, as on a screen."""

from __future__ import annotations

from eastsyria.core.labels import Rect, around, place_labels


def test_labels_that_only_touch_do_not_overlap_and_a_gap_keeps_them_apart_side_by_side() -> None:
    left = Rect(0, 0, 2, 1)
    # Edge to edge, side by side or one above the other: clear of each other, both ways.
    for a, b in [(left, Rect(2, 0, 2, 1)), (left, Rect(0, 1, 2, 1))]:
        assert not a.overlaps(b)
        assert not b.overlaps(a)
    # A gap of 1 between side by side labels: exactly 1 apart is enough, half of it is not,
    # whichever of the two asks.
    assert not left.overlaps(Rect(3, 0, 2, 1), gap=1)
    assert not Rect(3, 0, 2, 1).overlaps(left, gap=1)
    assert left.overlaps(Rect(2.5, 0, 2, 1), gap=1)
    assert Rect(2.5, 0, 2, 1).overlaps(left, gap=1)


def test_labels_apart_on_one_axis_do_not_overlap_however_they_lie_on_the_other() -> None:
    label = Rect(0, 0, 2, 1)
    assert not label.overlaps(Rect(5, 0, 2, 1))  # same row, far to the right
    assert not label.overlaps(Rect(0, 3, 2, 1))  # same columns, far below
    assert label.overlaps(Rect(1, 0, 2, 1))  # sharing a column of one row
    assert label.overlaps(Rect(0, 0.5, 2, 1))  # sharing half a row


def test_a_label_is_inside_the_picture_up_to_its_very_edges_and_not_a_bit_beyond() -> None:
    picture = Rect(1, 1, 10, 5)  # columns 1 to 11, rows 1 to 6
    assert Rect(1, 1, 10, 5).inside(picture)  # the whole picture, edge to edge
    assert Rect(4, 3, 2, 1).inside(picture)
    for beyond in [
        Rect(0, 3, 2, 1),  # one column out on the left
        Rect(4, 0, 2, 1),  # one row out at the top
        Rect(10, 3, 2, 1),  # one column out on the right
        Rect(4, 6, 2, 1),  # one row out at the bottom
        Rect(4, 5, 2, 2),  # two rows high from the last row
    ]:
        assert not beyond.inside(picture), beyond


def test_the_places_around_a_mark_best_first_then_the_same_farther_away() -> None:
    # A 4 x 2 label for a mark at (10, 5), 2 away, then 6 away. Beside the mark the label is
    # centred on its row (top 5 - 2/2 = 4); on the diagonals it is half the distance away on
    # both axes; straight above and below it is centred on its column (left 10 - 4/2 = 8).
    assert around(10, 5, 4, 2, 2, 6) == (
        Rect(12, 4, 4, 2),  # right: from 10 + 2
        Rect(4, 4, 4, 2),  # left: ends at 10 - 2
        Rect(11, 2, 4, 2),  # above right: from 10 + 1, ends at 5 - 1
        Rect(11, 6, 4, 2),  # below right: from 10 + 1, from 5 + 1
        Rect(5, 2, 4, 2),  # above left: ends at 10 - 1 and at 5 - 1
        Rect(5, 6, 4, 2),  # below left: ends at 10 - 1, from 5 + 1
        Rect(8, 1, 4, 2),  # straight above: ends at 5 - 2
        Rect(8, 7, 4, 2),  # straight below: from 5 + 2
        # The same 6 away (half of it: 3).
        Rect(16, 4, 4, 2),
        Rect(0, 4, 4, 2),
        Rect(13, 0, 4, 2),
        Rect(13, 8, 4, 2),
        Rect(3, 0, 4, 2),
        Rect(3, 8, 4, 2),
        Rect(8, -3, 4, 2),
        Rect(8, 11, 4, 2),
    )


def test_no_place_around_a_mark_covers_it() -> None:
    mark = Rect(9.5, 4.5, 1, 1)
    for rect in around(10, 5, 4, 2, 1, 3):
        assert not rect.overlaps(mark), rect


def test_each_label_takes_its_first_free_place_labels_may_touch_and_keep_a_gap_if_asked() -> None:
    picture = Rect(0, 0, 20, 5)
    first, touching, one_apart = Rect(0, 0, 4, 1), Rect(4, 0, 4, 1), Rect(5, 0, 4, 1)
    # Without a gap, labels may touch: both take their first place.
    assert place_labels([[first], [touching, one_apart]], picture) == [first, touching]
    # With a gap of 1, the second takes its next place, exactly 1 away.
    assert place_labels([[first], [touching, one_apart]], picture, gap=1) == [first, one_apart]
    # With a gap of 2, it has no room left and is dropped; a third label still gets its place.
    below = Rect(0, 2, 4, 1)
    assert place_labels([[first], [touching, one_apart], [below]], picture, gap=2) == [
        first,
        None,
        below,
    ]


def test_a_label_never_covers_a_mark_nor_leaves_the_picture() -> None:
    picture = Rect(0, 0, 20, 5)
    mark = Rect(5, 0, 1, 1)
    out, on_mark, free = Rect(-1, 0, 4, 1), Rect(4, 0, 4, 1), Rect(4, 1, 4, 1)
    assert place_labels([[out, on_mark, free]], picture, [mark]) == [free]


def test_with_a_cost_a_label_takes_the_cheapest_free_place_of_equal_cost_the_first() -> None:
    picture = Rect(0, 0, 20, 5)
    # Listed best first: right, then left, then below; what each would hide on the map.
    right, left, below = Rect(10, 2, 4, 1), Rect(2, 2, 4, 1), Rect(7, 4, 4, 1)
    hides = {right: 3, left: 1, below: 1}
    # Without a cost: the first free place, in the order given.
    assert place_labels([[right, left, below]], picture) == [right]
    # With one: the cheapest; left and below hide as much, so the one listed first.
    assert place_labels([[right, left, below]], picture, cost=hides.__getitem__) == [left]
    assert place_labels([[right, below, left]], picture, cost=hides.__getitem__) == [below]
