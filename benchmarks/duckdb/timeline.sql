-- `timeline` of every event, summarised: events per month (by the earliest possible day),
-- then the first and the last 10 events in the answer's order (earliest day, latest day, id)
-- with their date, type, title and places' names.
COPY (
    SELECT strftime(earliest, '%Y-%m') AS month, count(*) FROM events GROUP BY month ORDER BY month
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
COPY (
    WITH ends AS (
        (SELECT * FROM events ORDER BY earliest, latest, id LIMIT 10)
        UNION ALL
        (SELECT * FROM events ORDER BY earliest DESC, latest DESC, id DESC LIMIT 10)
    )
    SELECT ends.id, ends.date.text, ends.type, ends.title,
           (SELECT string_agg(places.name, ', ') FROM unnest(ends.places) AS located(place)
            JOIN places ON places.id = located.place) AS at_places
    FROM ends ORDER BY earliest, latest, id
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
