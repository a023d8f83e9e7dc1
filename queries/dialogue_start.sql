-- The first recorded meeting that starts the dialogue (an event of one of $kinds dated on or
-- before $as_of), as known at $known_at; no row when none is recorded.
with meetings as (
    select
        date,
        kind,
        title,
        array_position($kinds, kind) as preference,
    from known_events($known_at)
    where list_contains($kinds, kind)
        and date <= $as_of::date
)
select
    date,
    kind,
    title,
from meetings
order by preference, date
limit 1
