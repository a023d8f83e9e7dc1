-- The region's trade series: one reporter in one currency, with how many partners and rows each
-- holds, as known at $known_at (the comparison never mixes two series).
with series as (
    select
        reporter,
        currency,
        count(distinct partner) as partners,
        count(*) as rows,
    from known_peer_trade($known_at)
    group by reporter, currency
)
select
    reporter,
    currency,
    partners,
    rows,
from series
order by partners desc, rows desc, reporter, currency
