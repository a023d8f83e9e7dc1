-- Exercises that count toward a yearly target, per calendar year of their start: held on or
-- before $as_of, and scheduled (planned, or held but dated after $as_of). Always one row with
-- dataset_rows, the size of the whole dataset as known at $known_at (0 = nothing recorded).
with known as (
    select
        start_date,
        format,
        us_participation,
        status,
    from known_exercises($known_at)
),
counted as (
    select
        year(start_date) as year,
        count(*) filter (where status = 'held' and start_date <= $as_of::date) as held,
        count(*) filter (where status in ('held', 'planned') and start_date > $as_of::date) as scheduled,
    from known
    where list_contains($formats, format)
        and list_contains($participation, us_participation)
        and status <> 'cancelled'
    group by year(start_date)
),
dataset as (
    select
        count(*) as dataset_rows,
    from known
)
select
    counted.year,
    coalesce(counted.held, 0) as held,
    coalesce(counted.scheduled, 0) as scheduled,
    dataset.dataset_rows,
from dataset
left join counted on true
order by counted.year nulls first
