-- Agreements signed on or before $as_of as known at $known_at, oldest first.
with known as (
    select * from known_agreements($known_at)
    where date_signed <= $as_of
)
select title, date_signed, date_precision, us_party, serbian_party, category, area, value,
    currency, status, target_id, source, note, synthetic,
from known
order by date_signed, title
