"""The documented fields: an event, place, actor, campaign, control period or count as the
JSON object scripts receive, and every text a reader sees of them, each written once."""
