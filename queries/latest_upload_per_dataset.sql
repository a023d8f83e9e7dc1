-- When each dataset last received an upload (of any mode, a rollback included), as known at $known_at:
-- what a count's or a milestone's figures are as fresh as.
with known_uploads as (
    select
        dataset,
        time,
    from uploads
    where time <= $known_at
)
select
    dataset,
    max(time) as last_upload,
from known_uploads
group by dataset
