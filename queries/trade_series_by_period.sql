-- Goods trade of one series (one reporter, one currency), both directions added, per year and
-- month (month null = a full-year figure), as known at $known_at and up to $as_of.
-- A period appears only when both flows are known for it; a reported total wins over product lines.
with series as (
    select
        year,
        month,
        flow,
        product_code is null as is_total,
        value,
    from known_trade($known_at)
    where reporter = $reporter
        and currency = $currency
        and flow in ('us_to_serbia', 'serbia_to_us')
        and year <= year($as_of::date)
        and (month is null or last_day(make_date(year, month, 1)) <= $as_of::date)
),
per_flow as (
    select
        year,
        month,
        flow,
        coalesce(sum(value) filter (where is_total), sum(value)) as value,
    from series
    group by year, month, flow
),
per_period as (
    select
        year,
        month,
        sum(value) as value,
        count(*) as flows,
    from per_flow
    group by year, month
)
select
    year,
    month,
    value,
from per_period
where flows = 2
order by year, month nulls first
