-- Every exercise as known at $known_at, oldest first, for the timeline and the per-year counts.
with known as (
    select * from known_exercises($known_at)
)
select name, start_date, end_date, date_precision, location, host_country, format,
    us_participation, status, participants, source, note, synthetic,
from known
order by start_date, name
