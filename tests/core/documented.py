"""The README's JSON contract, restated once for every test that pins it.

Written out by hand from the README ("JSON contract"), never imported from the program: a
test comparing the program with itself would pass whatever it printed.
"""

from __future__ import annotations

# The documented contract (README, "JSON contract"): names, order and types. Adding a field
# at the end is allowed; renaming, removing or reordering one breaks scripts.
EVENT_CONTRACT: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "start": str,
    "end": str,
    "precision": str,
    "qualifier": str,
    "date": str,
    "title": str,
    "summary": str,
    "type": str,
    "campaign": str,
    "campaign_name": str,
    "places": list,
    "actors": list,
    "control": list,
    "casualties": list,
    "sources": list,
    "disputes": list,
    # With --near; null without it.
    "near": (dict, type(None)),
    "near_place": (dict, type(None)),
    "distance_km": (float, type(None)),
    "distance_margin_km": (float, type(None)),
    "bearing_deg": (float, type(None)),
    "direction": (str, type(None)),
    "distance_text": (str, type(None)),
    "dated_by": list,
    # Issue 28: the event's most precisely located place, flat (null for an event with none).
    "place_id": (str, type(None)),
    "place_name": (str, type(None)),
    "lat": (float, type(None)),
    "lon": (float, type(None)),
    "coord_precision_km": (float, type(None)),
    # An imported row's dataset (null for a curated event) and its kept columns ({}).
    "dataset": (str, type(None)),
    "dataset_fields": dict,
}
# The CSV columns `dataset_fields` stands for, in this order, whatever the file.
DATASET_COLUMNS = [
    "timestamp", "disorder_type", "sub_event_type", "civilian_targeting", "tags",
    "source_scale", "admin1", "admin2", "admin3",
    "type_of_violence", "conflict_new_id", "conflict_name", "dyad_new_id", "dyad_name",
    "event_clarity", "deaths_unknown",
]  # fmt: skip
# `dated_by`: an article's own date of the event, where the articles differ.
DATED_BY_KEYS = ["article", "start", "end", "precision", "qualifier", "date"]
# `near` and `near_place`: the --near place and the event's place nearest it.
# `label`: the name as shown, qualified where places share a name ("Abu Kamal (district)").
NEAR_KEYS = ["id", "name", "label"]
PLACE_KEYS = ["id", "name", "aliases", "kind", "lat", "lon", "label"]
ACTOR_KEYS = ["id", "name", "side", "role"]
CONTROL_KEYS = [
    "place",
    "place_name",
    "from",
    "to",
    "extent",
    "note",
    "from_name",
    "to_name",
    "part",
    "status",
    "claimed_by",
    "claimed_by_name",
    "basis",
    "from_part",
    "place_label",
]
SOURCE_KEYS = ["article", "section", "article_title", "section_title", "url", "article_url"]
CASUALTY_KEYS = [
    "party",
    "party_name",
    "kind",
    "count",
    "count_max",
    "best",
    "qualifier",
    "figure",
    "claimed_by",
    "claimed_by_name",
    "period",
    "note",
    "source",
    "subgroup",
    "claimant",
]
# `control PLACE`: one period of who held the place.
PERIOD_KEYS = [
    "holder",
    "holder_name",
    "side",
    "extent",
    "start",
    "start_latest",
    "start_date",
    "end",
    "end_latest",
    "end_date",
    "event",
    "event_title",
    "note",
    "part",
    "split",
    "holders",
    "status",
    "claimed_by",
    "claimed_by_name",
    # Added in issue 24: how sure the period is, what it rests on, whether its start is
    # known, and the part the losing side held when it changed hands.
    "certainty",
    "basis",
    "start_known",
    "from_part",
]
# One holder of a place in a period: all of it, or a part when the place was split.
HOLDER_KEYS = ["holder", "holder_name", "side", "extent", "part"]
# `control PLACE`: a claimed change the sources do not confirm.
CLAIM_KEYS = [
    "claimed_by",
    "claimed_by_name",
    "from",
    "from_name",
    "to",
    "to_name",
    "extent",
    "part",
    "date",
    "date_latest",
    "date_date",
    "event",
    "event_title",
    "note",
]
# `compare`: one flat row per difference between two articles (README, "As each source
# tells it").
COMPARE_KEYS = [
    "kind",
    "event",
    "dispute",
    "start",
    "end",
    "title",
    "about",
    "first",
    "first_says",
    "first_sections",
    "second",
    "second_says",
    "second_sections",
]

# `disputes` (README, "Where the sources disagree"): a dispute in JSON, a claim a row in CSV.
DISPUTE_KEYS = ["id", "topic", "summary", "claims", "events"]
DISPUTE_CLAIM_KEYS = [
    "statement",
    "source",
    "claimant",
    "event",
    "claimant_name",
    "source_label",
    "source_url",
]
DISPUTE_EVENT_KEYS = ["id", "title", "start", "end", "date"]
DISPUTE_ROW_KEYS = [
    "id", "topic", "claimant", "claimant_name", "statement", "article", "section", "source",
    "source_url", "event", "event_title", "event_start", "event_end", "event_date",
]  # fmt: skip
# `casualties` (README, "Casualty figures").
CASUALTY_ROW_KEYS = [
    "scope", "party", "party_name", "kind", "low", "high", "best", "qualifier", "figure",
    "period_start", "period_end", "period", "claimed_by", "claimed_by_name", "article",
    "section", "source", "source_url", "event", "event_title", "event_start", "event_end",
    "event_date", "campaign", "campaign_name", "note", "group", "competing", "disputes",
    "subgroup", "claimant", "part_of",
]  # fmt: skip
# `casualties --total` (README, "Casualty figures").
CASUALTY_TOTAL_KEYS = [
    "scope", "place", "place_name", "period_start", "period_end", "period", "kind", "low",
    "high", "total", "events", "figures", "competing", "parts", "claimants", "campaign",
    "campaign_name",
]  # fmt: skip
