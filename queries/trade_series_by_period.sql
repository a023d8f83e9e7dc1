-- Goods trade of one series (one reporter, one currency), both directions added, per year and
-- month (month null = a full-year figure), as known at $known_at and up to $as_of: a month counts
-- once it has ended on or before $as_of. A period appears only when both flows are known for it;
-- a reported total (no product code) wins over the sum of product lines.
with bounds as (
    select
        year($as_of::date) as last_year,
        year($as_of::date) * 12 + month($as_of::date)
            - case when $as_of::date = last_day($as_of::date) then 0 else 1 end as last_month_index,
),
series as (
    select
        year,
        month,
        flow,
        product_code is null as is_total,
        value,
    from known_trade($known_at), bounds
    where reporter = $reporter
        and currency = $currency
        and flow in ('us_to_serbia', 'serbia_to_us')
        and year <= bounds.last_year
        and (month is null or year * 12 + month <= bounds.last_month_index)
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
