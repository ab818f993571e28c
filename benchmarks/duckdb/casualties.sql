-- `casualties`: every casualty claim of every event that carries one, in the events' order
-- (earliest day, latest day, id) and the claims' order within each: the party (its side's
-- name), the kind, the counts, the qualifier, who claimed it, its source, the event.
COPY (
    WITH claimed AS (
        SELECT unnest(casualties) AS claim, generate_subscripts(casualties, 1) AS position,
               earliest, latest, id AS event
        FROM events WHERE len(casualties) > 0
    )
    SELECT row_number() OVER (ORDER BY earliest, latest, event, position) AS number,
           coalesce(sides.name, claim.party), claim.kind, claim.count, claim.count_max,
           claim.qualifier, claim.claimed_by, claim.source.article, claim.source.section, event
    FROM claimed LEFT JOIN sides ON sides.id = claim.party
    ORDER BY earliest, latest, event, position
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
