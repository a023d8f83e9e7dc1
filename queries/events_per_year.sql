-- Events of the given kinds per calendar year: done on or before $as_of and scheduled after it,
-- counted as events or (with $sum_quantity) as the sum of their quantities, an empty quantity
-- counting as one. Always one row with dataset_rows, the size of the events dataset at $known_at.
with known as (
    select
        date,
        kind,
        quantity,
    from known_events($known_at)
),
measured as (
    select
        year(date) as year,
        date,
        case when $sum_quantity then coalesce(quantity, 1) else 1 end as amount,
    from known
    where list_contains($kinds, kind)
),
counted as (
    select
        year,
        sum(amount) filter (where date <= $as_of::date) as held,
        sum(amount) filter (where date > $as_of::date) as scheduled,
    from measured
    group by year
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
