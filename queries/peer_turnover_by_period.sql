-- Goods turnover (exports + imports, both as one reporter states them, in one currency) of each of
-- the region's partners with the US, per year and month (month null = a full-year figure), as known
-- at $known_at and up to $as_of: a month counts once it has ended on or before $as_of. `directions`
-- says how many directions are known for the period: only a period with both is turnover; for a
-- period with one, `known_flow` names the flow that is known (the other is missing).
with bounds as (
    select
        year($as_of::date) as last_year,
        year($as_of::date) * 12 + month($as_of::date)
            - case when $as_of::date = last_day($as_of::date) then 0 else 1 end as last_month_index,
),
series as (
    select
        partner,
        year,
        month,
        flow,
        case when flow in ('us_exports', 'partner_imports') then 'to_partner' else 'from_partner' end as direction,
        value,
    from known_peer_trade($known_at), bounds
    where reporter = $reporter
        and currency = $currency
        and year <= bounds.last_year
        and (month is null or year * 12 + month <= bounds.last_month_index)
),
per_period as (
    select
        partner,
        year,
        month,
        sum(value) as value,
        count(distinct direction) as directions,
        min(flow) as known_flow,
    from series
    group by partner, year, month
)
select
    partner,
    year,
    month,
    value,
    directions,
    case when directions = 1 then known_flow end as known_flow,
from per_period
order by partner, year, month nulls first
