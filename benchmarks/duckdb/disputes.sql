-- `disputes`: the disputed events. Every claim of every dispute, with the event it is about
-- (its date and title), the claimant's name (an actor's) and its source; by dispute, then the
-- claims' order.
COPY (
    SELECT claims.dispute, claims.event, events.date.text, events.title, actors.name,
           claims.source.article, claims.source.section, claims.statement
    FROM claims
    LEFT JOIN events ON events.id = claims.event
    LEFT JOIN actors ON actors.id = claims.claimant
    ORDER BY claims.dispute, claims.position
) TO '/dev/stdout' (FORMAT csv, DELIMITER '\t', HEADER false);
