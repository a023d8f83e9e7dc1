-- Goods trade of one series by product and year (both directions), as known at $known_at.
with known as (
    select * from known_trade($known_at)
    where reporter = $reporter and currency = $currency
      and product_code is not null and year <= year($as_of)
      and flow in ('us_to_serbia', 'serbia_to_us')
)
select year, product_code, coalesce(product, product_code) as product, sum(value) as value,
from known
group by all
order by year, value desc
