-- `events --from $date_from --place $place --format json`: the place by its name and every
-- place inside it (its chain of parents), then every event at one of those places whose
-- latest possible day is on or after $date_from, whole, in the answer's order (earliest day,
-- latest day, id), printed as one JSON array.
COPY (
    WITH RECURSIVE inside(id) AS (
        SELECT id FROM places WHERE name = getvariable('place')
        UNION ALL
        SELECT places.id FROM places JOIN inside ON places.parent = inside.id
    )
    SELECT * FROM events
    WHERE latest >= CAST(getvariable('date_from') AS DATE)
      AND list_has_any(places, (SELECT list(id) FROM inside))
    ORDER BY earliest, latest, id
) TO '/dev/stdout' (FORMAT json, ARRAY true);
