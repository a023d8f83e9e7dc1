-- Agreements of the given categories and statuses signed from $window_start up to the earlier of
-- $as_of and $window_end (inclusive), in date order, as known at $known_at; always one row, with
-- dataset_rows the size of the agreements dataset (0 = nothing recorded).
with known as (
    select
        title,
        date_signed,
        category,
        status,
    from known_agreements($known_at)
),
counted as (
    select
        list(date_signed order by date_signed, title) as dates,
        list(title order by date_signed, title) as titles,
    from known
    where list_contains($categories, category)
        and list_contains($statuses, status)
        and date_signed >= $window_start::date
        and date_signed <= least($as_of::date, $window_end::date)
),
dataset as (
    select
        count(*) as dataset_rows,
    from known
)
select
    coalesce(counted.dates, []) as dates,
    coalesce(counted.titles, []) as titles,
    dataset.dataset_rows,
from dataset
cross join counted
