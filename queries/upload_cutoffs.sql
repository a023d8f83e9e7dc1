-- The last upload committed by each moment in $moments (0 when none): what the datasets held as known then
-- (known_cutoff of schema.sql, for many moments in one query).
with moments as (
    select unnest($moments) as moment
)
select m.moment, coalesce(max(u.upload_id), 0) as cutoff
from moments m
left join uploads u on u.time <= m.moment
group by m.moment
