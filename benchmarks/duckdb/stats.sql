-- `stats`: four tallies of every event. Events per month (by the earliest possible day), per
-- type, per place (an event counts once at each of its places) and per side (an event counts
-- once for each side among its actors), each largest first.
COPY (
    SELECT strftime(earliest, '%Y-%m') AS month, count(*) FROM events GROUP BY month ORDER BY month
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
COPY (
    SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
COPY (
    WITH located AS (SELECT unnest(places) AS place FROM events)
    SELECT places.name, count(*) AS n FROM located JOIN places ON places.id = located.place
    GROUP BY places.name ORDER BY n DESC, places.name
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
COPY (
    WITH taking_part AS (
        SELECT DISTINCT events.id, actors.side
        FROM (SELECT id, unnest(actors).actor AS actor FROM events) AS events
        JOIN actors ON actors.id = events.actor
    )
    SELECT sides.name, count(*) AS n FROM taking_part JOIN sides ON sides.id = taking_part.side
    GROUP BY sides.name ORDER BY n DESC, sides.name
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
