-- Events per kind and calendar year, as known at $known_at: how many were dated on or before
-- $as_of (done) and after it (scheduled), and their quantities (an empty quantity counts as one).
-- Always at least one row, with dataset_rows the size of the events dataset (0 = nothing recorded).
with known as (
    select
        date,
        kind,
        coalesce(quantity, 1) as amount,
    from known_events($known_at)
),
counted as (
    select
        kind,
        year(date) as year,
        count(*) filter (where date <= $as_of::date) as done,
        count(*) filter (where date > $as_of::date) as scheduled,
        coalesce(sum(amount) filter (where date <= $as_of::date), 0) as done_quantity,
        coalesce(sum(amount) filter (where date > $as_of::date), 0) as scheduled_quantity,
    from known
    group by kind, year(date)
),
dataset as (
    select
        count(*) as dataset_rows,
    from known
)
select
    counted.kind,
    counted.year,
    coalesce(counted.done, 0) as done,
    coalesce(counted.scheduled, 0) as scheduled,
    coalesce(counted.done_quantity, 0) as done_quantity,
    coalesce(counted.scheduled_quantity, 0) as scheduled_quantity,
    dataset.dataset_rows,
from dataset
left join counted on true
order by counted.kind nulls first, counted.year
