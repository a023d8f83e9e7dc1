-- Annual goods trade per reporter, currency and flow as known at $known_at: a full-year row wins,
-- else the sum of that year's monthly rows (months says how many); product lines are left out.
with known as (
    select * from known_trade($known_at)
    where product_code is null and year <= year($as_of)
),
annual as (
    select reporter, currency, year, flow, sum(value) as value, 12 as months,
    from known
    where month is null
    group by all
),
monthly as (
    select reporter, currency, year, flow, sum(value) as value, count(distinct month) as months,
    from known
    where month is not null
    group by all
),
combined as (
    select * from annual
    union all
    select m.* from monthly m
    anti join annual a using (reporter, currency, year, flow)
)
select reporter, currency, year, flow, value, months,
from combined
order by reporter, currency, year, flow
