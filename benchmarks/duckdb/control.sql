-- `control`: who held each place last. Every control change (an event's `control` entries),
-- and per place the last of them by its event's date (earliest day, latest day, id): the new
-- holder, its side's name, the extent, the day, the event; with how many changes the place
-- had. Places with the most changes first, then by name.
COPY (
    WITH changes AS (
        SELECT unnest(control) AS change, earliest, latest, id, date.text AS said
        FROM events WHERE len(control) > 0
    ),
    ordered AS (
        SELECT change.place AS place, change."to" AS holder, change.extent AS extent,
               earliest, said, id,
               strftime(earliest, '%Y-%m-%d') || ' ' || strftime(latest, '%Y-%m-%d') || ' ' || id
                   AS chronological
        FROM changes
    ),
    last AS (
        SELECT place, count(*) AS changes, arg_max(holder, chronological) AS holder,
               arg_max(extent, chronological) AS extent, arg_max(earliest, chronological) AS day,
               arg_max(said, chronological) AS said, arg_max(id, chronological) AS event
        FROM ordered GROUP BY place
    )
    SELECT last.place, places.name, changes, holder, sides.name, extent, day, said, event
    FROM last JOIN places ON places.id = last.place LEFT JOIN sides ON sides.id = holder
    ORDER BY changes DESC, places.name
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
