-- Events dated on or before $as_of as known at $known_at, oldest first.
with known as (
    select * from known_events($known_at)
    where date <= $as_of
)
select date, date_precision, kind, target_id, title, quantity, area, parties, source, note, synthetic,
from known
order by date, kind, title
