-- The trade series that can be measured: one reporter in one currency with directional flows,
-- with the years they cover, as known at $known_at.
with directional as (
    select
        reporter,
        currency,
        year,
        month,
    from known_trade($known_at)
    where flow in ('us_to_serbia', 'serbia_to_us')
),
series as (
    select
        reporter,
        currency,
        min(year) as first_year,
        max(year) as last_year,
        count(*) filter (where month is not null) as monthly_rows,
        count(*) as rows,
    from directional
    group by reporter, currency
)
select
    reporter,
    currency,
    first_year,
    last_year,
    monthly_rows,
    rows,
from series
order by rows desc, reporter, currency
