-- Completed actions per calendar year, as known at $known_at, in the shape of events_per_kind_year (kind
-- action_done): an action in state done counts in the year of its last update (else its due date) when that
-- is on or before $as_of (done); an open action, and a done one dated later, counts in its date's year as
-- scheduled. Dropped and undated actions count nowhere. Always at least one row, with dataset_rows the size
-- of the actions dataset (0 = nothing recorded).
with known as (
    select
        state,
        case when state = 'done' then coalesce(last_update, due_date) else due_date end as date,
    from known_actions($known_at)
),
counted as (
    select
        'action_done' as kind,
        year(date) as year,
        count(*) filter (where state = 'done' and date <= $as_of::date) as done,
        count(*) filter (where date > $as_of::date) as scheduled,
    from known
    where state <> 'dropped'
        and date is not null
    group by year(date)
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
    coalesce(counted.done, 0) as done_quantity,
    coalesce(counted.scheduled, 0) as scheduled_quantity,
    dataset.dataset_rows,
from dataset
left join counted on true
order by counted.year
